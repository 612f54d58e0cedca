/**
 * The proxy's write routes: Truemed's capture, void, cancel and refund, and nothing else. Each request passes
 * the cross-site checks, has its body read with a cap and validated, is put to the host's `authorize` with
 * what it would do, and only then goes to Truemed with a body rebuilt from the validated values. Fetch-API
 * only, like the rest of the proxy.
 */
import { TRUEMED_API_KEY_HEADER, TRUEMED_SESSION_ID_PATTERN, truemedSessionPath } from '../adapters/truemed/wire';
import { isPlainRecord } from '../core/sanitize';
import { readCappedText } from './capped-body';
import type { TruemedProxyErrorBody, UpstreamOutcome } from './proxy';

/** The four Truemed calls the proxy can forward, each enabled by the `actions` option. */
export const TRUEMED_PROXY_ACTIONS = ['refund', 'capture', 'void', 'cancel'] as const;
/** One of {@link TRUEMED_PROXY_ACTIONS}. */
export type TruemedProxyActionName = (typeof TRUEMED_PROXY_ACTIONS)[number];

/** The refund reasons Truemed accepts. */
export const TRUEMED_REFUND_REASONS = ['customer_request', 'fraudulent', 'duplicate_payment'] as const;
type RefundReason = (typeof TRUEMED_REFUND_REASONS)[number];

/** The largest write body the proxy reads: a refund with 100 line items fits many times over. */
export const MAX_ACTION_BODY_BYTES = 16 * 1024;
/** The largest amount in cents a write may name (ten billion dollars). */
export const MAX_ACTION_AMOUNT_MINOR = 1_000_000_000_000;
/** The most `item_details` entries a refund may carry. */
export const MAX_REFUND_ITEMS = 100;

/** Truemed's path for refunds (the session id travels in the body as `payment_id`). */
export const TRUEMED_REFUND_PATH = '/payments/v1/refund';

/**
 * What a request would do, as `authorize` receives it. Only validated values are filled in: a `sessionId`
 * that is not a valid session id, or an amount that is not a whole number of cents in range, is left out
 * (such a request is refused with a 400 once `authorize` has allowed it).
 */
export interface TruemedProxyIntent {
  /** `list` (the list route), `read` (one session) or the write being asked for. */
  action: 'list' | 'read' | TruemedProxyActionName;
  /** The session read or written. */
  sessionId?: string;
  /** For `refund` and `capture`: the amount in cents, as Truemed's body carries it. */
  amount?: number;
}

/**
 * How a write attempt ended, for the host's audit log: `succeeded` (Truemed answered 2xx), `rejected`
 * (Truemed refused it: a 4xx such as `AmountInvalid` or a 429 — nothing happened), `failed` (it never reached
 * Truemed, or Truemed refused the server's key — nothing happened), `unknown` (a timeout, a lost connection,
 * a 5xx or an unreadable answer: the write may or may not have happened), `forbidden` (`authorize` did not
 * allow it, or threw) and `invalid` (the body or the id failed validation; Truemed was not called).
 */
export type TruemedProxyActionOutcome = 'succeeded' | 'rejected' | 'failed' | 'unknown' | 'forbidden' | 'invalid';

/**
 * What `onAction` receives for every write attempt that passed the cross-site checks. Validated values
 * only, and never the API key. `request` is the browser's request, so the host can look up who made it in
 * its own session store.
 */
export interface TruemedProxyActionEvent {
  action: TruemedProxyActionName;
  /** The session written, when it was a valid id. */
  sessionId?: string;
  /** For refunds and captures: the amount in cents, when it was valid. */
  amountMinor?: number;
  /** For refunds: the reason, when it was valid. */
  reason?: RefundReason;
  /** The client's idempotency key, when it was valid (keys are not secrets; they identify one attempt). */
  idempotencyKey?: string;
  outcome: TruemedProxyActionOutcome;
  /** The status the proxy answered the client with. */
  status: number;
  /** The `error` code of the answer, when it was not a success. */
  code?: string;
  /** On success: Truemed's `refund_id` or capture `id`, when it sent one. */
  resultId?: string;
  /** The client's request. */
  request: Request;
}

/** A write route found in a path: the action, and for capture, void and cancel the raw (still-encoded) id. */
export interface WriteRoute {
  action: TruemedProxyActionName;
  rawId?: string;
}

const SESSION_PATH_MARKER = '/payments/v1/payment_session/';
const SESSION_ACTIONS: ReadonlySet<string> = new Set(['capture', 'void', 'cancel']);

/**
 * The write route a path names, wherever the handler is mounted: one ending in `/payments/v1/refund`, or in
 * `/payments/v1/payment_session/{id}/capture|void|cancel`. Everything between the prefix and the last
 * segment is the id, so `a%2Fb` or `a/b` is an id that fails validation rather than another route.
 */
export function writeRouteOf(pathname: string): WriteRoute | undefined {
  if (pathname.endsWith(TRUEMED_REFUND_PATH)) return { action: 'refund' };
  const at = pathname.indexOf(SESSION_PATH_MARKER);
  if (at === -1) return undefined;
  const rest = pathname.slice(at + SESSION_PATH_MARKER.length);
  const slash = rest.lastIndexOf('/');
  if (slash === -1) return undefined;
  const action = rest.slice(slash + 1);
  if (!SESSION_ACTIONS.has(action)) return undefined;
  return { action: action as TruemedProxyActionName, rawId: rest.slice(0, slash) };
}

// --- Cross-site checks -------------------------------------------------------------------------------------

/** Why a write was refused before anything else was looked at, or `undefined` when it may go on. */
export type CrossSiteRefusal =
  | { status: 403; error: 'CrossSiteRequest'; message: string }
  | { status: 415; error: 'UnsupportedMediaType'; message: string };

const SAME_ORIGIN_FETCH_SITES: ReadonlySet<string> = new Set(['same-origin', 'none']);

/**
 * A browser sends `Origin` with every POST; a page on another site cannot forge it, nor `Sec-Fetch-Site`.
 * A write passes when its `Origin` is one the host listed in `allowedOrigins`, or when it is the request's
 * own origin and `Sec-Fetch-Site` (if sent) says `same-origin` or `none`. It must also be JSON: an HTML form
 * can post `text/plain`, `application/x-www-form-urlencoded` or `multipart/form-data` across sites without
 * a preflight, never `application/json`.
 */
export function checkCrossSite(request: Request, allowedOrigins: ReadonlySet<string>): CrossSiteRefusal | undefined {
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  const listed = origin !== null && allowedOrigins.has(origin);
  const sameOrigin = origin !== null && origin === new URL(request.url).origin;
  if (!listed && !(sameOrigin && (fetchSite === null || SAME_ORIGIN_FETCH_SITES.has(fetchSite)))) {
    return {
      status: 403,
      error: 'CrossSiteRequest',
      message: 'This action must come from the payment sessions page itself.',
    };
  }
  const mediaType = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return { status: 415, error: 'UnsupportedMediaType', message: 'Send the action as application/json.' };
  }
  return undefined;
}

/** Checks `allowedOrigins` at creation: each must be an origin exactly as a browser sends it. */
export function allowedOriginsFrom(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) throw new TypeError('allowedOrigins must be a list of origins, e.g. ["https://admin.example.com"].');
  for (const entry of value) {
    let origin: string | undefined;
    try {
      origin = typeof entry === 'string' ? new URL(entry).origin : undefined;
    } catch {
      origin = undefined;
    }
    if (origin === undefined || origin === 'null' || origin !== entry) {
      throw new TypeError(`allowedOrigins must hold origins like "https://admin.example.com" (scheme, host, port; no path or trailing slash), got ${JSON.stringify(String(entry)).slice(0, 80)}.`);
    }
  }
  return new Set(value as string[]);
}

/** Checks `actions` at creation. */
export function enabledActionsFrom(value: unknown): ReadonlySet<TruemedProxyActionName> {
  if (value === undefined) return new Set();
  const known: ReadonlySet<string> = new Set(TRUEMED_PROXY_ACTIONS);
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string' && known.has(entry))) {
    throw new TypeError(`actions must be a list of ${TRUEMED_PROXY_ACTIONS.map((name) => `'${name}'`).join(', ')}.`);
  }
  return new Set(value as TruemedProxyActionName[]);
}

// --- Body ----------------------------------------------------------------------------------------------------

/**
 * The body as UTF-8 text, `'too_large'` once more than `maxBytes` arrived (reading stops there), or
 * `'unreadable'` for bytes that are not UTF-8 or a stream that failed.
 */
export async function readRequestBody(request: Request, maxBytes: number): Promise<string | 'too_large' | 'unreadable'> {
  try {
    return (await readCappedText(request.body, maxBytes, { fatal: true })) ?? 'too_large';
  } catch {
    return 'unreadable';
  }
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;
const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,255}$/;
const MAX_ITEM_QUANTITY = 1_000_000;

// Hand-written rather than a schema library: the server entry imports no package at all, so it loads
// on any runtime without a bundler resolving dependencies for it.
const isCents = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ACTION_AMOUNT_MINOR;
const isIdempotencyKey = (value: unknown): value is string => typeof value === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value);
const isSessionId = (value: unknown): value is string => typeof value === 'string' && TRUEMED_SESSION_ID_PATTERN.test(value);
const isRefundReason = (value: unknown): value is RefundReason =>
  typeof value === 'string' && (TRUEMED_REFUND_REASONS as readonly string[]).includes(value);
const isItemText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max && NO_CONTROL_CHARS.test(value);

const AMOUNT_RULE = `must be a whole number of cents from 1 to ${MAX_ACTION_AMOUNT_MINOR}`;
const ITEM_RULE = `item_details must be a list of at most ${MAX_REFUND_ITEMS} items, each with a whole quantity from 1 to ${MAX_ITEM_QUANTITY} and optionally a name (200 characters), a sku (100) and an amount in cents.`;
const RULES = {
  payment_id: 'payment_id must be a session id: 1–128 letters, digits, "_" or "-".',
  amount: `amount ${AMOUNT_RULE}.`,
  total_amount: `total_amount ${AMOUNT_RULE}.`,
  reason: `reason must be one of ${TRUEMED_REFUND_REASONS.join(', ')}.`,
  idempotency_key: 'idempotency_key is required: 1–255 letters, digits, "_", ".", ":" or "-".',
} as const;

/** A refund line item as forwarded: only the documented fields, each checked. */
interface RefundItem {
  name?: string;
  sku?: string;
  quantity: number;
  amount?: number;
}

/** The validated `item_details`, or the dot path of the first bad part. */
function refundItemsOf(value: unknown): RefundItem[] | { param: string } {
  if (!Array.isArray(value) || value.length > MAX_REFUND_ITEMS) return { param: 'item_details' };
  const items: RefundItem[] = [];
  for (const [index, entry] of value.entries()) {
    const at = `item_details.${index}`;
    if (!isPlainRecord(entry)) return { param: at };
    const { name, sku, quantity, amount } = entry;
    if (name !== undefined && !isItemText(name, 200)) return { param: `${at}.name` };
    if (sku !== undefined && !isItemText(sku, 100)) return { param: `${at}.sku` };
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_ITEM_QUANTITY) {
      return { param: `${at}.quantity` };
    }
    if (amount !== undefined && !isCents(amount)) return { param: `${at}.amount` };
    // Rebuilt field by field: nothing else an entry carried goes on.
    items.push({
      ...(name === undefined ? {} : { name }),
      ...(sku === undefined ? {} : { sku }),
      quantity,
      ...(amount === undefined ? {} : { amount }),
    });
  }
  return items;
}

/** A validated write: the body to forward, rebuilt field by field, and what the audit log may know. */
export interface ValidWrite {
  upstreamBody: Record<string, unknown>;
  sessionId: string;
  amountMinor?: number;
  reason?: RefundReason;
  idempotencyKey: string;
}

/** A body that failed: the field at fault (absent when the body as a whole is wrong) and why. */
export interface InvalidWrite {
  param?: string;
  message: string;
}

/**
 * Validates a parsed write body. The forwarded body is built from the validated values only, so a field
 * Truemed might act on but the proxy does not know (`metadata`, `force`, another spelling of an id) never
 * reaches it.
 */
export function validateWrite(action: TruemedProxyActionName, pathId: string | undefined, body: unknown): ValidWrite | InvalidWrite {
  if (!isPlainRecord(body)) return { message: 'The body must be a JSON object.' };
  if (action === 'refund') {
    const { payment_id, amount, reason, idempotency_key, item_details } = body;
    if (!isSessionId(payment_id)) return { param: 'payment_id', message: RULES.payment_id };
    if (!isCents(amount)) return { param: 'amount', message: RULES.amount };
    if (!isRefundReason(reason)) return { param: 'reason', message: RULES.reason };
    if (!isIdempotencyKey(idempotency_key)) return { param: 'idempotency_key', message: RULES.idempotency_key };
    const upstreamBody: Record<string, unknown> = { payment_id, amount, reason, idempotency_key };
    if (item_details !== undefined) {
      const items = refundItemsOf(item_details);
      if (!Array.isArray(items)) return { param: items.param, message: ITEM_RULE };
      upstreamBody.item_details = items;
    }
    return { upstreamBody, sessionId: payment_id, amountMinor: amount, reason, idempotencyKey: idempotency_key };
  }
  if (!isSessionId(pathId)) {
    return { param: 'id', message: 'The session id may contain only letters, digits, "_" and "-" (at most 128 characters).' };
  }
  const { total_amount, idempotency_key } = body;
  if (action === 'capture' && !isCents(total_amount)) return { param: 'total_amount', message: RULES.total_amount };
  if (!isIdempotencyKey(idempotency_key)) return { param: 'idempotency_key', message: RULES.idempotency_key };
  if (action === 'capture') {
    return {
      upstreamBody: { total_amount, idempotency_key },
      sessionId: pathId,
      amountMinor: total_amount as number,
      idempotencyKey: idempotency_key,
    };
  }
  return { upstreamBody: { idempotency_key }, sessionId: pathId, idempotencyKey: idempotency_key };
}

/**
 * What can be said about a write before (or without) full validation, for `authorize` and the audit log:
 * each field only when it is valid on its own.
 */
export function partialWrite(
  action: TruemedProxyActionName,
  pathId: string | undefined,
  body: unknown,
): { sessionId?: string; amountMinor?: number; reason?: RefundReason; idempotencyKey?: string } {
  const record = isPlainRecord(body) ? body : {};
  const id = action === 'refund' ? record.payment_id : pathId;
  const amount = action === 'refund' ? record.amount : action === 'capture' ? record.total_amount : undefined;
  return {
    ...(isSessionId(id) ? { sessionId: id } : {}),
    ...(isCents(amount) ? { amountMinor: amount } : {}),
    ...(action === 'refund' && isRefundReason(record.reason) ? { reason: record.reason } : {}),
    ...(isIdempotencyKey(record.idempotency_key) ? { idempotencyKey: record.idempotency_key } : {}),
  };
}

/** Truemed's URL for a validated write, below its origin and path prefix. */
export function upstreamWriteUrl(upstreamBase: string, action: TruemedProxyActionName, sessionIdValue: string): string {
  return action === 'refund'
    ? `${upstreamBase}${TRUEMED_REFUND_PATH}`
    : `${upstreamBase}${truemedSessionPath(sessionIdValue)}/${action}`;
}

/** The headers of a write to Truemed: JSON, the key, and the idempotency key (also in the body). */
export function upstreamWriteHeaders(apiKey: string, key: string): Headers {
  return new Headers({
    'content-type': 'application/json',
    accept: 'application/json',
    'idempotency-key': key,
    [TRUEMED_API_KEY_HEADER]: apiKey,
  });
}

/** The id Truemed gave the write (`refund_id` for a refund, `id` for a capture), when it is a plain one. */
export function resultIdOf(action: TruemedProxyActionName, body: unknown): string | undefined {
  if (!isPlainRecord(body)) return undefined;
  const id = action === 'refund' ? body.refund_id : body.id;
  return typeof id === 'string' && /^[A-Za-z0-9_.:-]{1,255}$/.test(id) ? id : undefined;
}

// --- The handler -----------------------------------------------------------------------------------------

/** What the write handler borrows from the proxy: its settings and its upstream and answer machinery. */
export interface WriteHandlerContext {
  apiKey: string;
  /** Truemed's origin and path prefix. */
  upstreamBase: string;
  enabled: ReadonlySet<TruemedProxyActionName>;
  allowedOrigins: ReadonlySet<string>;
  /** `authorize` run safely: `'threw'` has already been reported to `onError`. */
  authorize: (request: Request, intent: TruemedProxyIntent) => Promise<'allowed' | 'refused' | 'threw'>;
  callUpstream: (url: string, headers: Headers, signal: AbortSignal, init: { method: 'POST'; body: string }) => Promise<UpstreamOutcome>;
  /** The proxy's answer for an upstream outcome; with `outcomeUnknown`, error bodies say the write may have happened. */
  answerFromOutcome: (request: Request, outcome: UpstreamOutcome, outcomeUnknown: boolean) => Response;
  fail: (request: Request, status: number, body: TruemedProxyErrorBody, headers?: Record<string, string>) => Response;
  /** Replaces every form of the key in a text. */
  redact: (text: string) => string;
  onAction?: (event: TruemedProxyActionEvent) => void;
}

/**
 * The order of the checks is deliberate. The cross-site checks come first, so a request a foreign page
 * made never reaches the host's session lookup nor the audit log. The body is then read and validated
 * quietly, because `authorize` decides on what the request would do (the action, the session, the
 * amount) and must be given validated values only; but whether it was valid is said only to a caller
 * `authorize` allowed, so a caller it refused learns nothing about which values would pass.
 */
export function createWriteHandler(context: WriteHandlerContext) {
  const { apiKey, upstreamBase, enabled, allowedOrigins, authorize, callUpstream, answerFromOutcome, fail, redact, onAction } = context;

  const audit = (event: TruemedProxyActionEvent): void => {
    if (!onAction) return;
    // A client could send the key itself as an id or an idempotency key; the log must not carry it either.
    const cleaned: TruemedProxyActionEvent = { ...event };
    for (const name of ['sessionId', 'idempotencyKey', 'code', 'resultId'] as const) {
      const value = cleaned[name];
      if (value !== undefined) cleaned[name] = redact(value);
    }
    try {
      onAction(cleaned);
    } catch {
      // The host's logger failing must not change what the client is told.
    }
  };

  return async function handleWrite(request: Request, route: WriteRoute): Promise<Response> {
    const { action } = route;
    if (!enabled.has(action)) {
      return fail(request, 404, { error: 'NotFound', message: 'This action is not available here.' });
    }
    const refusal = checkCrossSite(request, allowedOrigins);
    if (refusal) return fail(request, refusal.status, { error: refusal.error, message: refusal.message });

    const text = await readRequestBody(request, MAX_ACTION_BODY_BYTES);
    const parsed = text === 'too_large' || text === 'unreadable' ? undefined : parseJsonBody(text);
    const known = partialWrite(action, route.rawId, parsed);
    const base = { action, ...known, request };
    const answer = (response: Response, outcome: TruemedProxyActionOutcome, code?: string, resultId?: string): Response => {
      audit({ ...base, outcome, status: response.status, ...(code === undefined ? {} : { code }), ...(resultId === undefined ? {} : { resultId }) });
      return response;
    };

    const intent: TruemedProxyIntent = {
      action,
      ...(known.sessionId === undefined ? {} : { sessionId: known.sessionId }),
      ...(known.amountMinor === undefined ? {} : { amount: known.amountMinor }),
    };
    const verdict = await authorize(request, intent);
    if (verdict === 'threw') {
      const message = 'Sign in with an account allowed to change payment sessions.';
      return answer(fail(request, 401, { error: 'Unauthorized', message }), 'forbidden', 'Unauthorized');
    }
    if (verdict === 'refused') {
      const message = 'Your account may not do this to payment sessions.';
      return answer(fail(request, 403, { error: 'Forbidden', message }), 'forbidden', 'Forbidden');
    }

    const invalid = (problem: InvalidWrite): Response => {
      const error = problem.param === 'id' ? 'InvalidParameter' : 'InvalidBody';
      const body: TruemedProxyErrorBody = { error, message: problem.message, ...(problem.param === undefined ? {} : { param: problem.param }) };
      return answer(fail(request, 400, body), 'invalid', error);
    };
    if (text === 'too_large') return invalid({ message: `The body must be at most ${MAX_ACTION_BODY_BYTES} bytes.` });
    if (text === 'unreadable') return invalid({ message: 'The body could not be read as UTF-8 text.' });
    if (parsed === undefined) return invalid({ message: 'The body must be JSON.' });
    const write = validateWrite(action, route.rawId, parsed);
    if (!('upstreamBody' in write)) return invalid(write);

    const outcome = await callUpstream(
      upstreamWriteUrl(upstreamBase, action, write.sessionId),
      upstreamWriteHeaders(apiKey, write.idempotencyKey),
      request.signal,
      { method: 'POST', body: JSON.stringify(write.upstreamBody) },
    );
    const verdictOfUpstream = writeOutcomeOf(outcome);
    const response = answerFromOutcome(request, outcome, verdictOfUpstream === 'unknown');
    if (response.status >= 200 && response.status < 300) {
      const resultId = outcome.kind === 'answered' ? resultIdOf(action, parseJsonBody(outcome.text)) : undefined;
      return answer(response, 'succeeded', undefined, resultId);
    }
    return answer(response, verdictOfUpstream, await errorCodeOf(response));
  };
}

/** How an upstream outcome counts for a write: did it happen, surely not, or nobody knows. */
export function writeOutcomeOf(outcome: UpstreamOutcome): TruemedProxyActionOutcome {
  switch (outcome.kind) {
    case 'answered': {
      const { status } = outcome;
      // A 2xx the proxy cannot pass on (not a JSON object) is a write that probably happened, unconfirmed.
      if (status >= 200 && status < 300) return isPlainRecord(parseJsonBody(outcome.text)) ? 'succeeded' : 'unknown';
      // Truemed refused the server's key: it did nothing.
      if (status === 401 || status === 403) return 'failed';
      if (status >= 400 && status < 500) return 'rejected';
      return 'unknown';
    }
    case 'unreachable':
      // A refused connection never carried the request; any other failure may have happened after it was sent.
      return outcome.refused ? 'failed' : 'unknown';
    case 'too_large':
    case 'timeout':
    case 'client_aborted':
      return 'unknown';
  }
}

function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function errorCodeOf(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.clone().json();
    return isPlainRecord(body) && typeof body.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}
