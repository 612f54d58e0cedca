/**
 * `createTruemedFetcher`: lists payment sessions from Truemed's `GET /payments/v1/payment_sessions` —
 * in a browser through the host's proxy (`createTruemedProxy`), on a server directly with the API key.
 */
import * as v from 'valibot';
import { MAX_TIMER_MS, raceWithAbort, startDeadline } from '../../core/deadline';
import { abortedError, PaymentSessionsError } from '../../core/errors';
import { filtersMappedBy } from '../../core/filters';
import { effectivePageSize, pageCount } from '../../core/pagination';
import { MAX_PAGE_SIZE, normalizeQuery } from '../../core/query';
import { isPlainRecord } from '../../core/sanitize';
import type { PaymentSession, SessionFetcher, SessionInclude, SessionPage, SessionQuery } from '../../core/types';
import { errorCode, errorForStatus, parseRetryAfter, surfacedMessage } from '../http-errors';
import { describeEnvelopeIssues } from '../issues';
import { resolveEndpoint } from './endpoint';
import { mapRecords, type InvalidRecordHandler } from '../records';
import { mapTruemedSession } from './map';
import { TruemedEnvelopeSchema } from './schema';
import { buildTruemedSearchParams, buildTruemedSessionSearchParams } from './params';
import { normalizeTruemedStatus } from './status';
import {
  TRUEMED_API_KEY_HEADER,
  TRUEMED_FILTER_PARAMS,
  TRUEMED_KINDS,
  TRUEMED_LIST_PATH,
  TRUEMED_MAX_PAGE_SIZE,
  TRUEMED_STATUSES,
  truemedSessionPath,
} from './wire';

// The query builder sits beside its validator; both stay importable from here, where they always were.
export { buildTruemedSearchParams, buildTruemedSessionSearchParams } from './params';
export { TRUEMED_MAX_PAGE_SIZE } from './wire';

/** How long the fetcher waits for an answer (headers and body) unless its `timeoutMs` option says otherwise. */
const TRUEMED_FETCH_TIMEOUT_MS = 30_000;

/** What a request that outlived `timeoutMs` fails with (a `network` error, so Retry is offered and SWR retries). */
const FETCH_TIMEOUT_MESSAGE = 'The payment sessions service did not answer in time.';

/** Options of {@link createTruemedFetcher}. */
export interface TruemedFetcherOptions {
  /**
   * Where the list endpoint lives, without `/payments/v1/payment_sessions`: the host's proxy in a browser
   * (`'/api/truemed'`, resolved against the page's location), or Truemed's API origin on a server.
   */
  baseUrl: string;
  /** The `fetch` to use. @defaultValue `globalThis.fetch`, looked up at call time */
  fetch?: typeof globalThis.fetch;
  /** Extra request headers (the host's CSRF token, a tenant id…). */
  headers?: HeadersInit;
  /** Optional parts asked for on every request; a query's own `include` wins key by key. */
  include?: SessionInclude;
  /**
   * Sends `summarize_refunds=true`, so Truemed returns `refund_amount` (cents) instead of, or beside, the
   * refund list. @defaultValue false
   */
  summarizeRefunds?: boolean;
  /** Called for every record dropped because it failed validation (the page still renders). */
  onInvalidRecord?: InvalidRecordHandler;
  /**
   * Truemed's server-to-server key, sent as `x-truemed-api-key`. **Server only**: passing it where `window`
   * exists throws at creation, because a key in a browser bundle is a key anyone can read.
   */
  apiKey?: string;
  /**
   * The largest `page_size` sent, advertised as `capabilities.maxPageSize` (so `Pagination` offers no
   * larger size and `useSessionExport` asks for no more). A query asking for more is sent — and its page
   * reported — at this size: `page: 2, pageSize: 100` with a cap of 50 is page 2 of 50 (rows 51–100).
   * **Set it to the proxy's `maxPageSize`** when that is lower than 100: the proxy refuses a larger
   * `page_size` with a 400. A whole number from 1 to 1000. @defaultValue 100
   */
  maxPageSize?: number;
  /**
   * Milliseconds allowed for the whole answer (headers and body). Past it the request is aborted and the
   * call fails with a `network` error ("did not answer in time"), so the list shows Retry instead of
   * loading forever. The caller's own abort still fails as `aborted`. `0` waits forever.
   * @defaultValue 30000
   */
  timeoutMs?: number;
}

function isBrowser(): boolean {
  return typeof window !== 'undefined';
}

const PROXY_HINT =
  "Create the fetcher without a key in the browser and point `baseUrl` at your own backend route built with `createTruemedProxy` from 'react-payment-sessions/server', which adds the key server-side.";

/**
 * A {@link SessionFetcher} for Truemed's list endpoint. Every documented filter is supported; statuses and
 * kinds are Truemed's raw values. Failures throw a `PaymentSessionsError`: 401/403 `auth`, 429
 * `rate_limit` (with `retryAfterMs`), other statuses `http` (Truemed's `{ error, message }` surfaced),
 * an unreachable server or no answer within `timeoutMs` (30 s) `network`, a cancelled request `aborted`,
 * a 2xx that is not the documented JSON
 * `invalid_response`. Records that fail validation are dropped and counted in `page.invalid`.
 *
 * When the response has `pagination: null`, the total is a **lower bound**: `(page − 1) × pageSize` plus
 * the records on this page, plus one when the page is full (there may be more), so paging goes on one page
 * at a time until a page comes back short.
 *
 * A query's page size above `maxPageSize` (100 by default) is lowered to it, and the page says so
 * (`page.pageSize`); `usePaymentSessions` reports the answer's page size and page count.
 *
 * @throws Error at creation when `apiKey` is given in a browser, or `baseUrl` is not a usable URL.
 * @throws RangeError at creation for a `maxPageSize` that is not a whole number from 1 to 1000, or a
 * `timeoutMs` that is not a number of milliseconds from 0 to 2147483647.
 * @throws RangeError at call time for a query `normalizeQuery` rejects (a programming error).
 *
 * @example
 * // Browser, through the host's proxy:
 * const fetcher = createTruemedFetcher({ baseUrl: '/api/truemed', include: { items: true, fee: true } });
 * // Server (a script, a Next.js route):
 * const serverFetcher = createTruemedFetcher({ baseUrl: 'https://api.truemed.com', apiKey: process.env.TRUEMED_API_KEY });
 */
export function createTruemedFetcher(options: TruemedFetcherOptions): SessionFetcher {
  const { baseUrl, apiKey, onInvalidRecord, maxPageSize = TRUEMED_MAX_PAGE_SIZE, timeoutMs = TRUEMED_FETCH_TIMEOUT_MS } = options;
  if (!Number.isInteger(maxPageSize) || maxPageSize < 1 || maxPageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`createTruemedFetcher: \`maxPageSize\` must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${JSON.stringify(maxPageSize)}.`);
  }
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0 && timeoutMs <= MAX_TIMER_MS)) {
    throw new RangeError(`createTruemedFetcher: \`timeoutMs\` must be a number of milliseconds from 0 to ${MAX_TIMER_MS} (0: no timeout), got ${JSON.stringify(timeoutMs)}.`);
  }
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new TypeError('createTruemedFetcher: `baseUrl` must be a URL or a path such as "/api/truemed".');
  }
  const headers = new Headers(options.headers);
  if (isBrowser() && (apiKey !== undefined || headers.has(TRUEMED_API_KEY_HEADER))) {
    throw new Error(`createTruemedFetcher: the Truemed API key must never reach a browser. ${PROXY_HINT}`);
  }
  if (apiKey !== undefined) {
    if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new TypeError('createTruemedFetcher: `apiKey` must be a non-empty string.');
    headers.set(TRUEMED_API_KEY_HEADER, apiKey);
  }
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  const base = baseUrl.trim().replace(/\/+$/, '');
  checkAbsoluteBase(base);
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // Without a key this fetcher talks to the host's proxy, whose 401/403 is the host refusing the user.
  const viaProxy = !headers.has(TRUEMED_API_KEY_HEADER);

  /**
   * One GET with the caller's abort and the timeout, shared by the list and the single session: resolves the
   * response and its body text, or throws the `network` / `aborted` error. The caller maps the status.
   */
  const request = async (url: URL, signal: AbortSignal): Promise<{ response: Response; text: string }> => {
    // Both callers have just checked `signal.aborted`, with nothing awaited since.
    const where = `${url.origin}${url.pathname}`;
    // The request's signal: the caller's abort or the timeout. Both settle the call even when an
    // injected `fetch` ignores its signal (the race), and neither lets a late answer through.
    const timeout = startDeadline(signal, timeoutMs, FETCH_TIMEOUT_MESSAGE);
    let response: Response;
    let text: string;
    try {
      response = await raceWithAbort(doFetch(url.href, { method: 'GET', headers, signal: timeout.signal }), timeout.signal);
      text = await raceWithAbort(response.text(), timeout.signal);
    } catch (error) {
      // Only the caller's own abort is a cancellation (which the hooks hide). An AbortError nobody here asked
      // for — a host's fetch wrapper timing out, a browser dropping the request — is a failure to show.
      if (signal.aborted) throw abortedError(error);
      if (timeout.timedOut()) throw new PaymentSessionsError({ kind: 'network', message: FETCH_TIMEOUT_MESSAGE, cause: error });
      throw new PaymentSessionsError({
        kind: 'network',
        message: `Could not reach ${where}. Check the connection and try again.`,
        cause: error,
      });
    } finally {
      timeout.clear();
    }
    // A `fetch` that ignores the signal must still not deliver a superseded result.
    if (signal.aborted) throw abortedError(signal.reason);
    return { response, text };
  };

  const fetcher = async (query: SessionQuery, ctx: { signal: AbortSignal }): Promise<SessionPage> => {
    const { signal } = ctx;
    if (signal.aborted) throw abortedError(signal.reason);
    const normalized = normalizeQuery(query);
    const url = new URL(resolveEndpoint(base, TRUEMED_LIST_PATH));
    url.search = buildTruemedSearchParams(normalized, { ...options, maxPageSize }).toString();
    const { response, text } = await request(url, signal);
    if (!response.ok) throw errorFromResponse(response, text, viaProxy);
    return toPage(parseJsonBody(text), normalized, maxPageSize, onInvalidRecord);
  };

  const getSession = async (id: string, ctx: { signal: AbortSignal }): Promise<PaymentSession | null> => {
    const { signal } = ctx;
    if (signal.aborted) throw abortedError(signal.reason);
    if (typeof id !== 'string' || id === '') throw new RangeError('getSession: `id` must be a non-empty string.');
    const url = new URL(resolveEndpoint(base, truemedSessionPath(id)));
    url.search = buildTruemedSessionSearchParams(options).toString();
    const { response, text } = await request(url, signal);
    if (response.status === 404) return null;
    if (!response.ok) throw errorFromResponse(response, text, viaProxy);
    const mapped = mapTruemedSession(parseJsonBody(text));
    if (!mapped.ok) {
      throw new PaymentSessionsError({
        kind: 'invalid_response',
        message: `Truemed answered with a payment session that could not be read (${mapped.issues.slice(0, 3).join('; ')}).`,
      });
    }
    return mapped.value;
  };

  return Object.assign(fetcher, {
    getSession,
    source: 'truemed',
    capabilities: {
      search: true,
      filters: filtersMappedBy(TRUEMED_FILTER_PARAMS),
      statuses: [...TRUEMED_STATUSES],
      kinds: [...TRUEMED_KINDS],
      maxPageSize,
    },
    // A status filter value is a `status` alone; `status_summary` is not part of it.
    statusOf: (rawStatus: string) => normalizeTruemedStatus(rawStatus),
  } satisfies Pick<SessionFetcher, 'source' | 'capabilities' | 'getSession' | 'statusOf'>);
}

/** An absolute base must be http(s); a relative one is resolved per call (it may be created during SSR). */
function checkAbsoluteBase(base: string): void {
  if (!/^[a-z][a-z\d+.-]*:/i.test(base)) return;
  let protocol: string;
  try {
    protocol = new URL(base).protocol;
  } catch {
    throw new TypeError(`createTruemedFetcher: \`baseUrl\` is not a valid URL: ${JSON.stringify(base)}.`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new TypeError(`createTruemedFetcher: \`baseUrl\` must be an http(s) URL, got ${JSON.stringify(protocol)}.`);
  }
}

function errorFromResponse(response: Response, text: string, viaProxy: boolean): PaymentSessionsError {
  let detail: string | undefined;
  let code: string | undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (isPlainRecord(body)) {
      code = errorCode(body.error);
      detail = surfacedMessage(body.message) ?? (code === undefined ? surfacedMessage(body.error) : undefined);
      // The code goes after the message (or stands for it), once.
      if (code !== undefined) detail = detail === undefined || detail === code ? code : `${detail} (${code})`;
    }
  } catch {
    // Not JSON (an HTML error page from a gateway): the status alone is the readable part.
  }
  return errorForStatus({
    backend: 'Truemed',
    status: response.status,
    detail,
    code,
    retryAfterMs: response.status === 429 ? parseRetryAfter(response.headers.get('retry-after')) : undefined,
    viaProxy,
  });
}

function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PaymentSessionsError({
      kind: 'invalid_response',
      message: 'Truemed answered with a body that is not JSON, so no payment sessions could be read.',
      cause: error,
    });
  }
}

function toPage(
  body: unknown,
  query: SessionQuery,
  maxPageSize: number,
  onInvalidRecord: InvalidRecordHandler | undefined,
): SessionPage {
  const envelope = v.safeParse(TruemedEnvelopeSchema, body);
  if (!envelope.success) {
    const issues = isPlainRecord(body) ? describeEnvelopeIssues(envelope.issues) : 'expected a JSON object';
    throw new PaymentSessionsError({
      kind: 'invalid_response',
      message: `Truemed answered with an unexpected response (${issues}).`,
    });
  }
  const { payment_sessions: records, pagination } = envelope.output;
  const { kept, invalid } = mapRecords(records, mapTruemedSession, 'truemed', onInvalidRecord);
  if (pagination) {
    return {
      sessions: kept,
      total: pagination.count,
      page: pagination.current_page,
      pageSize: pagination.page_size,
      pageCount: Math.max(1, pagination.last_page),
      invalid,
    };
  }
  // No pagination object: only a lower bound of the total is known (see createTruemedFetcher), one more
  // than seen when the page came back full, so that paging can reach the next page, where it settles.
  const pageSize = effectivePageSize(query.pageSize, { maxPageSize });
  const full = records.length >= pageSize;
  const total = (query.page - 1) * pageSize + records.length + (full ? 1 : 0);
  return {
    sessions: kept,
    total,
    ...(full ? { totalIsLowerBound: true } : {}),
    page: query.page,
    pageSize,
    pageCount: pageCount(total, pageSize),
    invalid,
  };
}
