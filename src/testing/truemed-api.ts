/**
 * A fake of Truemed's `GET /payments/v1/payment_sessions`, its single-session read and its write calls
 * (capture, void, cancel, refund), as a Fetch-API handler and as a real HTTP server on 127.0.0.1. Every
 * documented query parameter is honoured, so hosts, the proxy and the demo can be exercised end to end
 * without the real API or its key.
 */
import { validateTruemedParams } from '../adapters/truemed/params';
import { effectivePageSize } from '../core/pagination';
import { isSettledRefundStatus } from '../core/summary';
import {
  TRUEMED_API_KEY_HEADER,
  TRUEMED_DEFAULT_PAGE_SIZE,
  TRUEMED_FILTER_PARAMS,
  TRUEMED_LIST_PATH,
  TRUEMED_MAX_PAGE_SIZE,
  TRUEMED_SESSION_PATH_PREFIX,
  TRUEMED_SESSION_QUERY_PARAMS,
  type TruemedErrorWire,
  type TruemedListResponseWire,
  type TruemedPaymentSessionWire,
} from '../adapters/truemed/wire';
import { serveFetchHandler, type FetchServer } from './node-http';
import { createTruemedWriter, matchTruemedWriteRoute } from './truemed-actions';
import { makeTruemedRecords, newestFirst } from './truemed-data';

/** The key the fake accepts unless told otherwise. */
export const FAKE_TRUEMED_API_KEY = 'test_truemed_key';

/**
 * The largest page the fake serves. A larger `page_size` is clamped to this (not rejected), and the
 * response's `pagination.page_size` says what was used. The real API's limit is not documented.
 */
export const FAKE_TRUEMED_MAX_PAGE_SIZE = TRUEMED_MAX_PAGE_SIZE;

/** Options of {@link createFakeTruemedApi}. */
export interface FakeTruemedApiOptions {
  /** How many generated sessions, or the exact records to serve (served newest first). @defaultValue 240 */
  sessions?: number | readonly TruemedPaymentSessionWire[];
  /** Seed of the generated dataset. @defaultValue 1 */
  seed?: number;
  /** The generated dataset's "today". @defaultValue `Date.UTC(2026, 10, 1)` */
  now?: number | Date;
  /** Delay before each answer, fixed or per request. The wait ends early when the request is aborted. */
  latencyMs?: number | ((request: Request) => number);
  /** The only `x-truemed-api-key` value accepted. @defaultValue 'test_truemed_key' */
  apiKey?: string;
  /**
   * The time the write calls stamp on what they change (`updated_on`, `captured_on`, a refund's
   * `created_on`); a change is never stamped before the session's previous one. @defaultValue `Date.now`
   */
  clock?: () => number | Date;
}

/**
 * A fault to inject into every following request until cleared: an HTTP answer (`body` is sent as JSON,
 * `rawBody` as-is, e.g. to send broken JSON) or a network failure (the handler rejects; over HTTP the
 * socket is destroyed).
 */
export type FakeTruemedFailure =
  | { status: number; body?: unknown; headers?: Record<string, string>; rawBody?: string }
  | { kind: 'network' };

/**
 * A fault for the next write call only (see {@link FakeTruemedApi.failNextWrite}): any
 * {@link FakeTruemedFailure}, or `{ kind: 'hang' }` — no answer at all until the request is aborted (the
 * client's timeout), over HTTP as in memory.
 */
export type FakeTruemedWriteFailure = FakeTruemedFailure | { kind: 'hang' };

/** Options of {@link FakeTruemedApi.failNextWrite}. */
export interface FakeTruemedWriteFailureOptions {
  /**
   * `true`: the write takes effect (and its answer is remembered for its idempotency key) and only then
   * is its answer replaced by the fault — the "outcome unknown" case of a timeout or a dropped connection.
   * `false`: the fault answers instead of the write, which does nothing. @defaultValue true
   */
  afterEffect?: boolean;
}

/** What the fake saw of one request. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The body as text, for methods that carry one (the write calls). */
  body?: string;
}

/** A fake Truemed API (list, single session, write calls); see {@link createFakeTruemedApi}. */
export interface FakeTruemedApi {
  /** Answers one request: the Fetch-API form, for route handlers or an injected `fetch`. */
  handler(request: Request): Promise<Response>;
  /** `fetch`-compatible shortcut: `fetch(input, init)` → `handler(new Request(input, init))`. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /**
   * The full dataset, newest first, with every optional field; responses strip what a query did not ask
   * for. A write call replaces the record it changes with an updated copy in this same array, so the list,
   * the single-session read and this array show the change at once (records passed in are never modified).
   */
  readonly records: readonly TruemedPaymentSessionWire[];
  /** Every request received, in order (including rejected ones). */
  readonly requests: RecordedRequest[];
  /** Serves the handler over real HTTP on 127.0.0.1 (`port` 0 picks a free one). */
  listen(port?: number): Promise<FetchServer>;
  /** Injects a fault into every following request (reads and writes); `null` restores normal answers. */
  setFailure(failure: FakeTruemedFailure | null): void;
  /**
   * Injects a fault into the next write call only — the next request to a write route that gets past the
   * key check, whatever its answer would have been; reads do not use it up. By default the write takes
   * effect first, so a test can reproduce "the refund happened but the answer never came" and check that
   * a retry with the same idempotency key gets the remembered answer without a second refund. `null`
   * removes a fault not yet used.
   *
   * @example
   * api.failNextWrite({ kind: 'hang' }); // the refund is made, the client times out
   * api.failNextWrite({ status: 400, body: { error: 'ServerError', message: 'Try again.' } }, { afterEffect: false });
   */
  failNextWrite(failure: FakeTruemedWriteFailure | null, options?: FakeTruemedWriteFailureOptions): void;
}

/**
 * Creates a fake Truemed payment-sessions API with a deterministic dataset.
 *
 * Behaviour: `GET /payments/v1/payment_sessions` and `GET /payments/v1/payment_session/{id}` exist (other
 * paths 404, other methods 405; an unknown id is a 404 `PaymentSessionDoesNotExist`, its record otherwise,
 * shaped by the same include flags as a list entry); a missing
 * or wrong `x-truemed-api-key` is a 401; parameters are checked with `validateTruemedParams` (400
 * `{ error: 'InvalidParameter', message }` naming the parameter; undocumented ones are ignored);
 * `page_size` above {@link FAKE_TRUEMED_MAX_PAGE_SIZE} is clamped.
 *
 * Filters: `filter_pending`, `filter_voided`, `kind`, `status`, `payment_token` (exact), `search` (case- and
 * accent-insensitive substring of id, user_business_id, customer_email, customer_name), `created_on_*` /
 * `captured_on_*` (inclusive; a bare date is that UTC day, from its midnight for a start to its last
 * millisecond for an end — "on or before this date"; a date-time without a zone is UTC; a captured bound
 * excludes sessions never captured).
 *
 * Include flags: `include_order_items`, `include_metadata`, `include_truemed_fee` (default false),
 * `include_refunds`, `include_disputes` (default true), `summarize_refunds` (adds `refund_amount` in cents
 * and leaves `refunds` out).
 * Optional fields are left out, never null. A page past the last is empty with the real pagination.
 *
 * Write calls (POST only; another method on their paths finds no route, a 404), each a JSON body, 200 on
 * success and 400 `{ error, message }` with Truemed's documented codes otherwise:
 * - `POST /payments/v1/payment_session/{id}/capture` `{ total_amount, idempotency_key? }` → `{ id }`:
 *   an `authorized` session becomes `captured`, `Captured` or `Partially Captured` (less than the order
 *   total), with `captured_amount` and `captured_on`; the rest of the hold is released (items'
 *   capturable figures 0) and what was captured becomes the items' refundable figures. Codes:
 *   `MissingField`, `TotalAmountInvalid` (not whole cents above 0, or above what is capturable),
 *   `PaymentSessionDoesNotExist`, `SessionVoided` (also for canceled and rejected sessions),
 *   `SessionExpired`, `SessionPending` (pending or processing), `SessionCaptured`.
 * - `POST /payments/v1/payment_session/{id}/void` `{ idempotency_key? }` → `{}`: an `authorized` session
 *   becomes `authorization_voided` / `Voided`. Codes as capture.
 * - `POST /payments/v1/payment_session/{id}/cancel` `{ idempotency_key? }` → `{}`: a `pending` session
 *   becomes `canceled` / `Canceled`. Codes as capture, and `SessionAuthorized` for a completed
 *   authorization (Truemed documents no code for that; void it instead).
 * - `POST /payments/v1/refund` `{ payment_id, amount, reason, idempotency_key, item_details? }` →
 *   `{ refund_id, payment_id, amount, reason, status, created_on }`: adds a `succeeded` refund to
 *   `refunds` (and to `refund_amount`), lowers the items' `total_refundable` by exactly the amount (named
 *   items first, their `quantity_refundable` by the quantity) and summarizes the session `Partially
 *   Refunded` or `Refunded` (its `status` stays, as on a generated refunded session). Codes:
 *   `MissingField` (also an unknown `reason` or malformed `item_details`), `AmountInvalid` (not whole cents
 *   above 0, above what is refundable, or items that are not refundable), `InvalidPaymentId`,
 *   `ChargeDisputed` (a dispute not won, lost, closed, resolved or canceled), `NoSessionCaptures`.
 * - Idempotency, one key space for the whole API: a key seen with a successful answer gets that answer
 *   again for the same call and body (no second effect), and a 400 `IdempotencyKeyReused` for anything
 *   else; errors are not remembered.
 * - {@link FakeTruemedApi.setFailure} applies to writes too (nothing happens); {@link
 *   FakeTruemedApi.failNextWrite} fails one write, after its effect by default.
 *
 * @example
 * const api = createFakeTruemedApi({ sessions: 60, latencyMs: 20 });
 * const server = await api.listen();
 * const res = await fetch(`${server.url}/payments/v1/payment_sessions?status=captured`, {
 *   headers: { 'x-truemed-api-key': 'test_truemed_key' },
 * });
 * await server.close();
 */
export function createFakeTruemedApi(options: FakeTruemedApiOptions = {}): FakeTruemedApi {
  const { sessions = 240, seed = 1, now, latencyMs, apiKey = FAKE_TRUEMED_API_KEY, clock = Date.now } = options;
  const records =
    typeof sessions === 'number' ? makeTruemedRecords({ count: sessions, seed, now }) : [...sessions].sort(newestFirst);
  const requests: RecordedRequest[] = [];
  let failure: FakeTruemedFailure | null = null;
  let nextWriteFailure: { failure: FakeTruemedWriteFailure; afterEffect: boolean } | null = null;
  const writer = createTruemedWriter({ records, clock, seed });

  const handler = async (request: Request): Promise<Response> => {
    const recorded: RecordedRequest = { method: request.method, url: request.url, headers: Object.fromEntries(request.headers) };
    requests.push(recorded);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const bodyText = hasBody ? await request.text() : '';
    if (hasBody) recorded.body = bodyText;
    const delay = typeof latencyMs === 'function' ? latencyMs(request) : (latencyMs ?? 0);
    await wait(delay, request.signal);
    if (failure) return answerWithFailure(failure);

    const url = new URL(request.url);
    const writeRoute = request.method === 'POST' ? matchTruemedWriteRoute(url.pathname) : undefined;
    if (writeRoute !== undefined) {
      const refusal = checkApiKey(request, apiKey);
      if (refusal) return refusal;
      const fault = nextWriteFailure;
      nextWriteFailure = null;
      if (fault && !fault.afterEffect) return answerWithWriteFailure(fault.failure, request.signal);
      const answer = writer.write(writeRoute, bodyText);
      if (fault) return answerWithWriteFailure(fault.failure, request.signal);
      return Response.json(answer.body, { status: answer.status });
    }
    const sessionId = url.pathname.startsWith(TRUEMED_SESSION_PATH_PREFIX)
      ? url.pathname.slice(TRUEMED_SESSION_PATH_PREFIX.length)
      : undefined;
    if (url.pathname !== TRUEMED_LIST_PATH && (sessionId === undefined || sessionId === '' || sessionId.includes('/'))) {
      return errorResponse(404, 'NotFound', `No route for ${url.pathname}; only ${TRUEMED_LIST_PATH} and ${TRUEMED_SESSION_PATH_PREFIX}{id} are served.`);
    }
    if (request.method !== 'GET') {
      return errorResponse(405, 'MethodNotAllowed', `${request.method} is not allowed; use GET.`, { allow: 'GET' });
    }
    const refusal = checkApiKey(request, apiKey);
    if (refusal) return refusal;

    if (sessionId !== undefined) {
      let id: string;
      try {
        id = decodeURIComponent(sessionId);
      } catch {
        return errorResponse(400, 'InvalidParameter', 'The session id is not a valid percent-encoded string.');
      }
      return answerOneSession(records, id, url.searchParams);
    }
    const check = validateTruemedParams(url.searchParams);
    if (!check.ok) return errorResponse(400, 'InvalidParameter', check.message);
    return Response.json(listTruemedSessions(records, check.params));
  };

  return {
    handler,
    fetch: (input, init) => handler(new Request(input, init)),
    records,
    requests,
    listen: (port = 0) => serveFetchHandler(handler, { port, host: '127.0.0.1' }),
    setFailure(next) {
      failure = next;
    },
    failNextWrite(next, { afterEffect = true } = {}) {
      nextWriteFailure = next === null ? null : { failure: next, afterEffect };
    },
  };
}

/** A 401 when the request lacks the accepted `x-truemed-api-key`, else `undefined`. */
function checkApiKey(request: Request, apiKey: string): Response | undefined {
  const key = request.headers.get(TRUEMED_API_KEY_HEADER);
  if (key === null || key === '') {
    return errorResponse(401, 'Unauthorized', `Missing ${TRUEMED_API_KEY_HEADER} header.`);
  }
  // The message never repeats the key that was sent.
  if (key !== apiKey) return errorResponse(401, 'Unauthorized', 'Invalid API key.');
  return undefined;
}

/**
 * Answers a list query over `records` (already newest first) with already-validated, normalized parameters
 * (see `validateTruemedParams`). Pure: the records are not modified.
 */
export function listTruemedSessions(
  records: readonly TruemedPaymentSessionWire[],
  params: URLSearchParams,
): TruemedListResponseWire {
  const matching = records.filter(matcher(params));
  const page = Number(params.get('page') ?? 1);
  const pageSize = effectivePageSize(Number(params.get('page_size') ?? TRUEMED_DEFAULT_PAGE_SIZE), { maxPageSize: FAKE_TRUEMED_MAX_PAGE_SIZE });
  const start = (page - 1) * pageSize;
  const include = includeFrom(params);
  return {
    payment_sessions: matching.slice(start, start + pageSize).map((session) => project(session, include)),
    pagination: {
      current_page: page,
      page_size: pageSize,
      count: matching.length,
      last_page: Math.max(1, Math.ceil(matching.length / pageSize)),
    },
  };
}

/**
 * `GET /payments/v1/payment_session/{id}`: the record projected with the include flags exactly as a list
 * entry is (the real endpoint's parameters are assumed to be the list's include flags), or a 404
 * `PaymentSessionDoesNotExist`. Other list parameters are ignored.
 */
function answerOneSession(records: readonly TruemedPaymentSessionWire[], id: string, search: URLSearchParams): Response {
  const onlyIncludes = new URLSearchParams();
  for (const [name, value] of search) {
    if (Object.prototype.hasOwnProperty.call(TRUEMED_SESSION_QUERY_PARAMS, name)) onlyIncludes.append(name, value);
  }
  const check = validateTruemedParams(onlyIncludes);
  if (!check.ok) return errorResponse(400, 'InvalidParameter', check.message);
  const session = records.find((record) => record.id === id);
  if (session === undefined) return errorResponse(404, 'PaymentSessionDoesNotExist', 'No payment session with this id exists.');
  return Response.json(project(session, includeFrom(check.params)));
}

/** The include flags of validated parameters, with Truemed's defaults (refunds and disputes on). */
function includeFrom(params: URLSearchParams): Include {
  return {
    orderItems: flag(params, 'include_order_items', false),
    metadata: flag(params, 'include_metadata', false),
    refunds: flag(params, 'include_refunds', true),
    disputes: flag(params, 'include_disputes', true),
    summarizeRefunds: flag(params, 'summarize_refunds', false),
    fee: flag(params, 'include_truemed_fee', false),
  };
}

function flag(params: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = params.get(name);
  return value === null ? fallback : value === 'true';
}

function list(params: URLSearchParams, name: string): string[] | undefined {
  return params.get(name)?.split(',');
}

/**
 * A bound as epoch milliseconds. A date-time without a zone is read as UTC (as a UTC-configured server
 * would), never in the machine's local time zone, so results do not depend on where the fake runs.
 */
/** The last millisecond of a UTC day, from its midnight. */
const END_OF_DAY_MS = 86_400_000 - 1;

function instant(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null) return undefined;
  const hasTime = /[T ]\d{2}:\d{2}/.test(value);
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(value);
  const time = Date.parse(hasTime && !hasZone ? `${value.replace(' ', 'T')}Z` : value);
  // "Created on or before this date": a bare date as an end takes in the whole of that day.
  return !hasTime && name.endsWith('_end') ? time + END_OF_DAY_MS : time;
}

/** Builds the record filter for a query; every present parameter narrows the result. */
function matcher(params: URLSearchParams): (session: TruemedPaymentSessionWire) => boolean {
  const names = TRUEMED_FILTER_PARAMS;
  const skipPending = flag(params, names.excludePending, false);
  const skipVoided = flag(params, names.excludeVoided, false);
  const kinds = list(params, names.kind);
  const statuses = list(params, names.status);
  const token = params.get(names.paymentToken);
  const needle = params.has(names.search) ? fold(params.get(names.search) as string) : undefined;
  const createdFrom = instant(params, names.createdFrom);
  const createdTo = instant(params, names.createdTo);
  const capturedFrom = instant(params, names.capturedFrom);
  const capturedTo = instant(params, names.capturedTo);
  const byCapture = capturedFrom !== undefined || capturedTo !== undefined;

  return (session) => {
    if (skipPending && session.status === 'pending') return false;
    if (skipVoided && session.status === 'authorization_voided') return false;
    if (kinds && !kinds.includes(session.kind)) return false;
    if (statuses && !statuses.includes(session.status)) return false;
    if (token !== null && session.payment_token !== token) return false;
    if (!within(Date.parse(session.created_on), createdFrom, createdTo)) return false;
    if (byCapture) {
      if (session.captured_on === undefined) return false;
      if (!within(Date.parse(session.captured_on), capturedFrom, capturedTo)) return false;
    }
    if (needle !== undefined) {
      const haystacks = [session.id, session.user_business_id, session.customer_email, session.customer_name];
      if (!haystacks.some((text) => text !== undefined && fold(text).includes(needle))) return false;
    }
    return true;
  };
}

function within(time: number, from: number | undefined, to: number | undefined): boolean {
  return (from === undefined || time >= from) && (to === undefined || time <= to);
}

/** Letters that do not decompose under NFD but that people type without their accent. */
const UNDECOMPOSABLE: Record<string, string> = {
  æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i',
};

/** Lower-case, accent-free form for matching: "Ætheling Ørsted" → "aetheling orsted". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[æøœßđłþðı]/g, (letter) => UNDECOMPOSABLE[letter] ?? letter);
}

interface Include {
  orderItems: boolean;
  metadata: boolean;
  refunds: boolean;
  disputes: boolean;
  summarizeRefunds: boolean;
  fee: boolean;
}

/** The record as the query asked for it: optional parts left out unless their flag is on. */
function project(session: TruemedPaymentSessionWire, include: Include): TruemedPaymentSessionWire {
  const {
    order_items: orderItems,
    metadata,
    refunds,
    disputes,
    refund_amount: storedRefundAmount,
    truemed_fee: fee,
    ...always
  } = session;
  const out: TruemedPaymentSessionWire = { ...always };
  if (include.orderItems && orderItems !== undefined) out.order_items = orderItems;
  if (include.metadata && metadata !== undefined) out.metadata = metadata;
  if (include.summarizeRefunds) {
    // Documented as "the sum of processed refunds": pending or failed ones are not counted.
    out.refund_amount = refunds
      ? refunds.filter((refund) => isSettledRefundStatus(refund.status)).reduce((sum, refund) => sum + refund.amount, 0)
      : (storedRefundAmount ?? 0);
  } else if (include.refunds && refunds !== undefined) {
    out.refunds = refunds;
  }
  if (include.disputes && disputes !== undefined) out.disputes = disputes;
  if (include.fee && fee !== undefined) out.truemed_fee = fee;
  return out;
}

function errorResponse(status: number, error: string, message: string, headers?: Record<string, string>): Response {
  const body: TruemedErrorWire = { error, message };
  return Response.json(body, { status, headers });
}

/** Statuses a Response may not carry a body with. */
const NULL_BODY_STATUSES = [101, 204, 205, 304];

function answerWithFailure(failure: FakeTruemedFailure): Response {
  // The same error undici's fetch raises when a connection drops, so an injected fetch sees the real thing.
  if ('kind' in failure) throw new TypeError('fetch failed');
  const { status, body, headers, rawBody } = failure;
  if (NULL_BODY_STATUSES.includes(status)) return new Response(null, { status, headers });
  if (rawBody !== undefined) return new Response(rawBody, { status, headers });
  return Response.json(body ?? { error: 'InjectedFailure', message: `Injected failure with status ${status}.` }, {
    status,
    headers,
  });
}

/** A write fault's answer; a hang rejects only once the request is aborted (over HTTP: the client left). */
function answerWithWriteFailure(failure: FakeTruemedWriteFailure, signal: AbortSignal): Promise<Response> {
  if ('kind' in failure && failure.kind === 'hang') {
    return new Promise((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }
  return Promise.resolve().then(() => answerWithFailure(failure as FakeTruemedFailure));
}

/** Waits `ms`, rejecting with the signal's reason as soon as the request is aborted. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
