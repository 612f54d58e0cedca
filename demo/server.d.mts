export interface DemoServerOptions {
  port?: number;
  host?: string;
  staticDir?: string;
  /** Latency of the embedded fake Truemed API, in milliseconds. */
  latencyMs?: number;
  /** No proxy warnings on the console (tests inject failures on purpose). */
  quiet?: boolean;
}

export interface DemoServer {
  url: string;
  upstream: 'fake' | 'truemed';
  /** The embedded fake's key, so tests can check it never reaches a browser; undefined upstream real. */
  apiKeyForTests: string | undefined;
  setUpstreamFailure(failure: { status: number; body?: unknown; rawBody?: string } | { kind: 'network' } | null): void;
  close(): Promise<void>;
}

/** Starts the demo merchant portal on 127.0.0.1: the built page, a demo sign-in and the secure proxy. */
export function startDemoServer(options?: DemoServerOptions): Promise<DemoServer>;
