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

/** Who signed in: an admin lists, reads and writes (refund, capture, void, cancel); a viewer only lists and reads. */
export type DemoRole = 'admin' | 'viewer';

/** One write attempt the demo's proxy reported through `onAction` (also served at `GET /__demo/audit`). */
export interface DemoAuditEntry {
  /** When the proxy reported it (ISO 8601). */
  at: string;
  /** The signed-in role, or null for a caller not signed in. */
  role: DemoRole | null;
  /** A label for the user such as "demo admin #3" (never the session token), or "signed out". */
  user: string;
  action: 'refund' | 'capture' | 'void' | 'cancel';
  sessionId?: string;
  amountMinor?: number;
  reason?: string;
  outcome: 'succeeded' | 'rejected' | 'failed' | 'unknown' | 'forbidden' | 'invalid';
  /** The HTTP status the proxy answered. */
  status: number;
  code?: string;
}

export interface DemoServer {
  url: string;
  upstream: 'fake' | 'truemed';
  /** The embedded fake's key, so tests can check it never reaches a browser; undefined upstream real. */
  apiKeyForTests: string | undefined;
  setUpstreamFailure(failure: { status: number; body?: unknown; rawBody?: string } | { kind: 'network' } | null): void;
  /** Puts the embedded fake back to its first dataset (undoing every write) and empties the audit log. */
  resetUpstream(): void;
  /** A copy of the audit log, oldest first. */
  auditLog(): DemoAuditEntry[];
  /** The embedded fake OneEntry API the browser's `oneentry` SDK talks to (under `/api/oneentry`). */
  oneEntryApi: import('react-payment-sessions/testing').FakeOneEntryApi;
  close(): Promise<void>;
}

/**
 * Starts the demo merchant portal on 127.0.0.1: the built page, a demo sign-in as an admin or a viewer
 * (same-origin POSTs only, sessions that expire), the secure Truemed proxy with its four write routes (an
 * admin's only; every attempt in an audit log) and the fake OneEntry API the browser's SDK uses.
 */
export function startDemoServer(options?: DemoServerOptions): Promise<DemoServer>;
