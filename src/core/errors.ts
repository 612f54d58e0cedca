/**
 * The one error type every fetcher and actions client throws. `outcome_unknown` comes from writes only
 * (a refund, a capture): no answer arrived, so the write may or may not have happened.
 */
export type PaymentSessionsErrorKind =
  | 'network'
  | 'http'
  | 'auth'
  | 'rate_limit'
  | 'invalid_response'
  | 'aborted'
  | 'outcome_unknown';

export interface PaymentSessionsErrorInit {
  kind: PaymentSessionsErrorKind;
  message: string;
  /** HTTP status, when the failure was an HTTP response. */
  status?: number;
  /** For `rate_limit`: how long the backend asked us to wait. */
  retryAfterMs?: number;
  /** The backend's machine-readable error code (e.g. Truemed's `error: "MissingField"`). */
  code?: string;
  cause?: unknown;
}

/**
 * A failure to list payment sessions, with a readable `message` and a `kind` to branch on.
 *
 * @example
 * if (error instanceof PaymentSessionsError && error.kind === 'auth') redirectToLogin();
 */
export class PaymentSessionsError extends Error {
  override readonly name = 'PaymentSessionsError';
  readonly kind: PaymentSessionsErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly code?: string;

  constructor(init: PaymentSessionsErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.code !== undefined) this.code = init.code;
  }

  /**
   * Whether retrying the same request may succeed. For `outcome_unknown` only with the same idempotency
   * key: a new key could perform the write a second time.
   */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'outcome_unknown' || this.kind === 'rate_limit' || (this.kind === 'http' && (this.status ?? 500) >= 500);
  }
}

/** Type guard that works across bundle copies (checks the shape, not only the prototype). */
export function isPaymentSessionsError(value: unknown): value is PaymentSessionsError {
  return (
    value instanceof PaymentSessionsError ||
    (value instanceof Error && value.name === 'PaymentSessionsError' && typeof (value as { kind?: unknown }).kind === 'string')
  );
}

/** An `AbortError` from `fetch` or our own abort → `aborted`. */
export function isAbortError(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** The error to throw when the caller's signal aborted the request. */
export function abortedError(cause?: unknown): PaymentSessionsError {
  return new PaymentSessionsError({ kind: 'aborted', message: 'The request was cancelled.', cause });
}
