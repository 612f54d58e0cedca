export interface DemoServerOptions {
  port?: number;
  host?: string;
  staticDir?: string;
  /** Latency of the embedded fake Truemed API, in milliseconds. */
  latencyMs?: number;
  /** No proxy warnings on the console (tests inject failures on purpose). */
  quiet?: boolean;
  /** How long a sign-in lasts (absolute); the cookie's Max-Age says the same. @defaultValue 8 hours */
  sessionTtlMs?: number;
}

export interface DemoServer {
  url: string;
  upstream: 'fake' | 'truemed';
  /** The embedded fake's key, so tests can check it never reaches a browser; undefined upstream real. */
  apiKeyForTests: string | undefined;
  setUpstreamFailure(failure: { status: number; body?: unknown; rawBody?: string } | { kind: 'network' } | null): void;
  /** The embedded fake OneEntry API the browser's `oneentry` SDK talks to (under `/api/oneentry`). */
  oneEntryApi: import('react-payment-sessions/testing').FakeOneEntryApi;
  close(): Promise<void>;
}

/**
 * Starts the demo merchant portal on 127.0.0.1: the built page, a demo sign-in (same-origin POSTs only,
 * sessions that expire), the secure Truemed proxy and the fake OneEntry API the browser's SDK uses.
 */
export function startDemoServer(options?: DemoServerOptions): Promise<DemoServer>;
