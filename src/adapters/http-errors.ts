/**
 * A failed HTTP-like answer as a {@link PaymentSessionsError}: the status mapped to an error kind, the
 * backend's own message and code kept when they are safe to show, `Retry-After` read as a wait.
 */
import { PaymentSessionsError } from '../core/errors';
import { cleanText } from './text';

/** Longest backend error message surfaced as-is; longer ones (stack traces, pages) are not shown. */
const MAX_SURFACED_MESSAGE = 300;

/** A backend's error message if it is short plain text worth showing, else `undefined`. */
export function surfacedMessage(value: unknown): string | undefined {
  const text = cleanText(value, Number.MAX_SAFE_INTEGER);
  if (text === undefined || text.length > MAX_SURFACED_MESSAGE || /<[a-z!/]/i.test(text)) return undefined;
  return text;
}

/** A backend's machine-readable error code (`MissingField`) if it looks like one. */
export function errorCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.:-]{1,100}$/.test(value) ? value : undefined;
}

/**
 * The error for a failed HTTP-like status: 401/403 → `auth`, 429 → `rate_limit`, anything else → `http`.
 * `detail` is the backend's own message (already checked with {@link surfacedMessage}). `viaProxy`: the
 * request went to the host's own route (no API key here), whose 401/403 is the host's access check
 * refusing the user — the message must not blame the backend (`createTruemedProxy` turns the backend's
 * own 401/403 into a 502). `doing` completes "{backend} could not …" in an `http` failure's message.
 */
export function errorForStatus(init: {
  backend: string;
  status: number;
  detail?: string;
  code?: string;
  retryAfterMs?: number;
  viaProxy?: boolean;
  doing?: string;
}): PaymentSessionsError {
  const { backend, status, detail, code, retryAfterMs, viaProxy = false, doing = 'list payment sessions' } = init;
  const suffix = detail ? `: ${detail}` : '.';
  if (status === 401 || status === 403) {
    return new PaymentSessionsError({
      kind: 'auth',
      status,
      code,
      message: viaProxy
        ? `Access to payment sessions was refused (HTTP ${status})${suffix}`
        : `${backend} refused access to payment sessions (HTTP ${status})${suffix}`,
    });
  }
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : ` Try again in ${Math.ceil(retryAfterMs / 1000)} s.`;
    return new PaymentSessionsError({
      kind: 'rate_limit',
      status,
      code,
      retryAfterMs,
      message: `${backend} is rate limiting requests (HTTP 429)${detail ? `: ${detail}` : '.'}${wait}`,
    });
  }
  return new PaymentSessionsError({
    kind: 'http',
    status,
    code,
    message: `${backend} could not ${doing} (HTTP ${status})${suffix}`,
  });
}

/** The longest wait a `Retry-After` may ask for that we pass on (a day); beyond is treated as garbage. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * `Retry-After` → milliseconds: either delta-seconds (`"120"`) or an HTTP-date (in the past → 0).
 * `undefined` when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (header == null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) {
    const ms = Number(text) * 1000;
    return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
  }
  // HTTP-dates always name the weekday and GMT (RFC 9110), which keeps Date.parse's looser forms out.
  if (!/^[a-z]{3,9},? .+ GMT$/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  const ms = Math.max(0, date - now);
  return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
}
