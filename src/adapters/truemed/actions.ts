/**
 * `createTruemedActions`: refund, capture, void and cancel through the host's proxy (`createTruemedProxy`
 * with its write routes), which mirrors Truemed's own paths and bodies and adds the API key server-side.
 */
import {
  IDEMPOTENCY_KEY_PATTERN,
  REFUND_REASONS,
  SESSION_ACTIONS,
  type SessionActionRequest,
  type SessionActionResult,
  type SessionActionsClient,
} from '../../core/actions';
import { MAX_TIMER_MS, raceWithAbort, startDeadline } from '../../core/deadline';
import { abortedError, PaymentSessionsError } from '../../core/errors';
import { isPlainRecord } from '../../core/sanitize';
import { errorCode, errorForStatus, parseRetryAfter, surfacedMessage } from '../http-errors';
import { resolveEndpoint } from './endpoint';
import { TRUEMED_API_KEY_HEADER, TRUEMED_SESSION_ID_PATTERN, truemedSessionPath } from './wire';

/** `POST /payments/v1/refund`: a refund names its session in the body (`payment_id`). */
const TRUEMED_REFUND_PATH = '/payments/v1/refund';

/** Longer than the proxy's own upstream timeout (15 s), so that its 504 arrives before this gives up. */
const TRUEMED_ACTION_TIMEOUT_MS = 30_000;

const TIMEOUT_MESSAGE = 'The payment service did not answer in time. The action may or may not have happened: check the session before retrying.';
const UNKNOWN_HINT = 'The action may or may not have happened: check the session before retrying.';

/** Statuses after which the proxy could not tell whether Truemed performed the write. */
const OUTCOME_UNKNOWN_STATUSES: ReadonlySet<number> = new Set([502, 504]);

/** What each action is called in error messages. */
const ACTION_WORDS = new Map<SessionActionRequest['action'], string>([
  ['refund', 'refund the payment'],
  ['capture', 'capture the payment'],
  ['void', 'void the authorization'],
  ['cancel', 'cancel the payment session'],
]);

/** Options of {@link createTruemedActions}. */
export interface TruemedActionsOptions {
  /**
   * The host's proxy route, the same base URL the list's `createTruemedFetcher` uses (`'/api/truemed'`,
   * resolved against the page's location).
   */
  baseUrl: string;
  /** The `fetch` to use. @defaultValue `globalThis.fetch`, looked up at call time */
  fetch?: typeof globalThis.fetch;
  /** Extra request headers (the host's CSRF token…). Never the Truemed API key. */
  headers?: HeadersInit;
  /**
   * Milliseconds allowed for the whole answer. Past it the call fails with `outcome_unknown` (the write
   * may have happened). `0` waits forever. @defaultValue 30000
   */
  timeoutMs?: number;
}

/**
 * A {@link SessionActionsClient} for Truemed sessions, for the browser: each `run` is one `POST` to the
 * proxy's mirror of Truemed's route, carrying the idempotency key in the body (and as `idempotency-key`).
 *
 * Failures throw a `PaymentSessionsError`:
 * - `outcome_unknown` — no answer within `timeoutMs`, a lost or refused connection, a 502/504 from the
 *   proxy, a 2xx whose body cannot be read: check the session, or retry with the same key;
 * - `http` with `code` — Truemed's or the proxy's refusal (`AmountInvalid`, `ChargeDisputed`,
 *   `SessionVoided`, `InvalidBody` …), its message surfaced;
 * - `auth` — 401 (not signed in) or 403 (`code` `Forbidden`: this user may not do this action;
 *   `CrossSiteRequest`: the proxy's CSRF check);
 * - `rate_limit` — 429, with `retryAfterMs`;
 * - `aborted` — the caller's signal aborted before anything was sent.
 * The idempotency key is never part of a message.
 *
 * @throws Error at creation for a Truemed API key among `headers` (a key must never reach a browser).
 * @throws TypeError at creation for a `baseUrl` that is neither a path nor an http(s) URL.
 * @throws RangeError at creation for a `timeoutMs` that is not 0 to 2147483647.
 *
 * @example
 * const actions = createTruemedActions({ baseUrl: '/api/truemed' });
 * <PaymentSessionsProvider fetcher={fetcher} actions={actions}>…</PaymentSessionsProvider>
 */
export function createTruemedActions(options: TruemedActionsOptions): SessionActionsClient {
  const { baseUrl, timeoutMs = TRUEMED_ACTION_TIMEOUT_MS } = options;
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new TypeError('createTruemedActions: `baseUrl` must be a URL or a path such as "/api/truemed".');
  }
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0 && timeoutMs <= MAX_TIMER_MS)) {
    throw new RangeError(`createTruemedActions: \`timeoutMs\` must be a number of milliseconds from 0 to ${MAX_TIMER_MS} (0: no timeout), got ${JSON.stringify(timeoutMs)}.`);
  }
  const baseHeaders = new Headers(options.headers);
  if (baseHeaders.has(TRUEMED_API_KEY_HEADER)) {
    throw new Error('createTruemedActions: the Truemed API key must never reach a browser; the proxy (`createTruemedProxy`) adds it server-side.');
  }
  const base = baseUrl.trim().replace(/\/+$/, '');
  if (/^[a-z][a-z\d+.-]*:/i.test(base) && !/^https?:\/\//i.test(base)) {
    throw new TypeError(`createTruemedActions: \`baseUrl\` must be an http(s) URL or a path, got ${JSON.stringify(base)}.`);
  }
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const run = async (request: SessionActionRequest, ctx: { signal: AbortSignal }): Promise<SessionActionResult> => {
    const { signal } = ctx;
    if (signal.aborted) throw abortedError(signal.reason);
    const doing = ACTION_WORDS.get(request.action) ?? 'perform the action';
    const body = requestBody(request, doing);
    const url = resolveEndpoint(base, request.action === 'refund' ? TRUEMED_REFUND_PATH : `${truemedSessionPath(request.sessionId)}/${request.action}`);
    const headers = new Headers(baseHeaders);
    headers.set('content-type', 'application/json');
    headers.set('accept', 'application/json');
    headers.set('idempotency-key', request.idempotencyKey);

    const deadline = startDeadline(signal, timeoutMs, TIMEOUT_MESSAGE);
    let response: Response;
    let text: string;
    try {
      response = await raceWithAbort(
        doFetch(url, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin', signal: deadline.signal }),
        deadline.signal,
      );
      text = await raceWithAbort(response.text(), deadline.signal);
    } catch (error) {
      // Once the request is on its way, no failure says whether the backend performed it — not even the
      // caller's own abort — so every one of them is an unknown outcome.
      const message = deadline.timedOut() ? TIMEOUT_MESSAGE : `The connection to the payment service was lost. ${UNKNOWN_HINT}`;
      throw new PaymentSessionsError({ kind: 'outcome_unknown', message, cause: error });
    } finally {
      deadline.clear();
    }
    if (!response.ok) throw errorFromResponse(response, text, request, doing);
    return resultOf(request, text, doing);
  };

  return { source: 'truemed', actions: SESSION_ACTIONS, run };
}

/** The wire body of one request, after checking what the proxy would refuse anyway (nothing is sent then). */
function requestBody(request: SessionActionRequest, doing: string): Record<string, unknown> {
  const refuse = (param: string) =>
    new PaymentSessionsError({ kind: 'http', status: 400, code: 'InvalidParameter', message: `Could not ${doing}: \`${param}\` is not valid, so nothing was sent.` });
  if (typeof request.sessionId !== 'string' || !TRUEMED_SESSION_ID_PATTERN.test(request.sessionId)) throw refuse('sessionId');
  if (typeof request.idempotencyKey !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(request.idempotencyKey)) throw refuse('idempotencyKey');
  const idempotency_key = request.idempotencyKey;
  switch (request.action) {
    case 'refund': {
      if (!isCents(request.amount.amountMinor)) throw refuse('amount');
      if (!REFUND_REASONS.includes(request.reason)) throw refuse('reason');
      const body: Record<string, unknown> = { payment_id: request.sessionId, amount: request.amount.amountMinor, reason: request.reason, idempotency_key };
      if (request.items && request.items.length > 0) {
        body.item_details = request.items.map((item) => {
          if (!isCents(item.quantity) || (item.amount !== undefined && !isCents(item.amount.amountMinor))) throw refuse('items');
          return {
            ...(item.name === undefined ? {} : { name: item.name }),
            ...(item.sku === undefined ? {} : { sku: item.sku }),
            quantity: item.quantity,
            ...(item.amount === undefined ? {} : { amount: item.amount.amountMinor }),
          };
        });
      }
      return body;
    }
    case 'capture':
      if (!isCents(request.amount.amountMinor)) throw refuse('amount');
      return { total_amount: request.amount.amountMinor, idempotency_key };
    case 'void':
    case 'cancel':
      return { idempotency_key };
  }
}

/** A whole number above 0 that JSON carries exactly. */
function isCents(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** A 2xx answer as the result; a body that cannot be read leaves the outcome unknown. */
function resultOf(request: SessionActionRequest, text: string, doing: string): SessionActionResult {
  const result: SessionActionResult = { action: request.action, sessionId: request.sessionId };
  // Void and cancel answer with nothing worth reading; an empty body is their plain success.
  if (text.trim() === '' && (request.action === 'void' || request.action === 'cancel')) return result;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new PaymentSessionsError({ kind: 'outcome_unknown', message: `The answer to the request to ${doing} could not be read. ${UNKNOWN_HINT}`, cause: error });
  }
  if (!isPlainRecord(body)) {
    throw new PaymentSessionsError({ kind: 'outcome_unknown', message: `The answer to the request to ${doing} could not be read. ${UNKNOWN_HINT}` });
  }
  const id = request.action === 'refund' ? body.refund_id : request.action === 'capture' ? body.id : undefined;
  if (typeof id === 'string' && id !== '') result.id = id;
  return result;
}

function errorFromResponse(response: Response, text: string, request: SessionActionRequest, doing: string): PaymentSessionsError {
  let code: string | undefined;
  let detail: string | undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (isPlainRecord(body)) {
      code = errorCode(body.error);
      detail = surfacedMessage(body.message);
    }
  } catch {
    // Not JSON (a gateway's HTML page): the status alone is the readable part.
  }
  // A backend that repeats the request in its message must not put the key in front of the user.
  if (detail !== undefined && detail.includes(request.idempotencyKey)) detail = detail.split(request.idempotencyKey).join('…');
  const shown = detail !== undefined && code !== undefined && detail !== code ? `${detail} (${code})` : (detail ?? code);
  const suffix = shown === undefined ? '.' : `: ${shown}`;
  const { status } = response;
  if (OUTCOME_UNKNOWN_STATUSES.has(status)) {
    return new PaymentSessionsError({ kind: 'outcome_unknown', status, code, message: `The payment service did not confirm the request to ${doing} (HTTP ${status})${suffix} ${UNKNOWN_HINT}` });
  }
  if (status === 401 || status === 403 || status === 429) {
    return errorForStatus({
      backend: 'Truemed',
      status,
      detail: shown,
      code,
      retryAfterMs: status === 429 ? parseRetryAfter(response.headers.get('retry-after')) : undefined,
      viaProxy: true,
    });
  }
  return new PaymentSessionsError({ kind: 'http', status, code, message: `Could not ${doing} (HTTP ${status})${suffix}` });
}
