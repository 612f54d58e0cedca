/**
 * `createTruemedProxy`: the host's backend route that holds the Truemed API key. The browser calls it; it
 * checks the host's own session, validates the query, adds the key and calls Truemed's list endpoint.
 * Fetch-API only (no Node imports), so it runs in Next.js route handlers, Hono, Bun, Deno and workers.
 */
import { validateTruemedParams } from '../adapters/truemed/params';
import {
  TRUEMED_API_KEY_HEADER,
  TRUEMED_DEFAULT_PAGE_SIZE,
  TRUEMED_LIST_PATH,
  TRUEMED_MAX_PAGE_SIZE,
  TRUEMED_SESSION_ID_PATTERN,
  TRUEMED_SESSION_QUERY_PARAMS,
  truemedSessionPath,
} from '../adapters/truemed/wire';
import { MAX_TIMER_MS, raceWithAbort, startDeadline } from '../core/deadline';
import { isPlainRecord, stripSecrets } from '../core/sanitize';
import {
  allowedOriginsFrom,
  createWriteHandler,
  enabledActionsFrom,
  writeRouteOf,
  type TruemedProxyActionEvent,
  type TruemedProxyActionName,
  type TruemedProxyIntent,
} from './actions';
import { readCappedText } from './capped-body';

/** Where the proxy sends requests unless told otherwise. */
export const DEFAULT_TRUEMED_BASE_URL = 'https://api.truemed.com';
/** Largest `page_size` the proxy forwards unless told otherwise; a larger one is a 400. */
export const DEFAULT_PROXY_MAX_PAGE_SIZE = TRUEMED_MAX_PAGE_SIZE;
/** How long the proxy waits for Truemed (headers and body) unless told otherwise. */
export const DEFAULT_PROXY_TIMEOUT_MS = 15_000;
/**
 * The largest upstream body the proxy reads unless told otherwise, counted after decompression: 4 MiB,
 * some forty times a full page of 100 sessions with items, refunds and metadata.
 */
export const DEFAULT_PROXY_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** `setTimeout` treats larger delays as 1 ms, which would turn a huge timeout into an instant one. */
const ALLOWED_METHODS = 'GET, HEAD';
const REDACTED = '[redacted]';
const MAX_UPSTREAM_MESSAGE_LENGTH = 300;
/** Truemed's error codes are identifiers (`MissingField`); anything else is not passed on. */
const UPSTREAM_ERROR_CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** A write's error code is passed on only when it is a plain word, as all of Truemed's documented ones are. */
const UPSTREAM_WRITE_ERROR_CODE = /^[A-Za-z]{1,64}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what these match
const CONTROL_CHARS = /[\u0000-\u001f\u007f]+/g;
// eslint-disable-next-line no-control-regex -- a header value with these would be refused or split
const NOT_HEADER_SAFE = /[\s\u0000-\u001f\u007f]/;

/** A request handler in the Fetch API's terms: what Next.js, Hono, Bun and Deno route handlers are. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** The `error` codes the proxy answers with (a passed-through Truemed 4xx keeps Truemed's own code). */
export type TruemedProxyErrorCode =
  | 'MethodNotAllowed'
  | 'Unauthorized'
  | 'InvalidParameter'
  | 'UpstreamTimeout'
  | 'UpstreamUnavailable'
  | 'UpstreamInvalidResponse'
  | 'UpstreamResponseTooLarge'
  | 'UpstreamAuthFailed'
  | 'UpstreamError'
  | 'ClientClosedRequest'
  | 'InternalError'
  | 'NotFound'
  | 'Forbidden'
  | 'CrossSiteRequest'
  | 'UnsupportedMediaType'
  | 'InvalidBody';

/** The JSON body of every non-2xx answer. */
export interface TruemedProxyErrorBody {
  /** A machine-readable code: one of {@link TruemedProxyErrorCode}, or Truemed's own for a passed-through 4xx. */
  error: string;
  /** A readable sentence, safe to show: never the key, never the upstream URL. */
  message: string;
  /** For `InvalidParameter`: the query parameter at fault; for `InvalidBody`: the body field (a dot path). */
  param?: string;
  /**
   * On a write route: `'unknown'` when the write may or may not have happened (a timeout, a lost
   * connection, a 5xx, an unreadable answer) — check the session before trying again with a new key.
   */
  outcome?: 'unknown';
  /** Truemed's status when it answered and the proxy turned that answer into a 502 (an error status, a 3xx, a 2xx that is not JSON). */
  upstreamStatus?: number;
}

/** Why the proxy called `onError`. */
export type TruemedProxyErrorReason =
  | 'authorize_threw'
  | 'upstream_timeout'
  | 'upstream_unreachable'
  | 'upstream_invalid_response'
  | 'upstream_too_large'
  | 'upstream_status'
  | 'internal';

/** What `onError` receives: built from strings only, with the API key redacted. */
export interface TruemedProxyErrorInfo {
  reason: TruemedProxyErrorReason;
  /** The status the proxy answered the client with. */
  status: number;
  /** Truemed's status, when it answered. */
  upstreamStatus?: number;
  /** What happened, for a server log (may include the thrown error's message, key redacted). */
  message: string;
}

/** Options of {@link createTruemedProxy}. */
export interface TruemedProxyOptions {
  /** The Truemed server-to-server key, sent as `x-truemed-api-key`. Read it from the server's environment. */
  apiKey: string;
  /**
   * The host's own access check, asked for every request with what it would do: `{ action: 'list' }`,
   * `{ action: 'read', sessionId }` or, on a write route, `{ action: 'refund' | 'capture' | 'void' |
   * 'cancel', sessionId, amount }` (amount in cents; each value only when it is valid). Only `true` lets
   * the request through. For a read, anything else or a throw is a 401. For a write, `false` (or anything
   * but `true`) is a 403 `Forbidden` — the caller is signed in but may not do this — and a throw is a 401
   * `Unauthorized` reported to `onError`: throw when there is no signed-in user. Truemed is never called
   * unless it said `true`. On write routes it runs after the cross-site checks, so a request a foreign page
   * made never reaches the host's session lookup.
   *
   * @example
   * // Viewers may list and open sessions; only admins may refund, capture, void and cancel, and support
   * // staff may refund up to $100.
   * authorize: async (request, intent) => {
   *   const user = await getUser(request);
   *   if (!user) throw new Error('not signed in');            // 401
   *   if (intent.action === 'list' || intent.action === 'read') return true;
   *   if (user.role === 'admin') return true;
   *   return user.role === 'support' && intent.action === 'refund' && (intent.amount ?? Infinity) <= 100_00; // else 403
   * },
   */
  authorize: (request: Request, intent: TruemedProxyIntent) => boolean | Promise<boolean>;
  /**
   * The write routes to serve: Truemed's `refund` (`POST …/payments/v1/refund`), `capture`, `void` and
   * `cancel` (`POST …/payments/v1/payment_session/{id}/capture|void|cancel`). A write route not listed
   * answers 404 `NotFound`. @defaultValue none: the proxy only reads
   */
  actions?: readonly TruemedProxyActionName[];
  /**
   * Origins besides the request's own from which writes are accepted, exactly as browsers send them in
   * `Origin` (`https://admin.example.com`). Needed when the browser's origin is not the URL the handler
   * sees (a reverse proxy that rewrites the host) or the page lives on another origin. @defaultValue none
   */
  allowedOrigins?: readonly string[];
  /**
   * The audit hook: called once for every write attempt that passed the cross-site checks, with what was
   * asked (validated values only), how it ended and the client's `Request` (to look up who asked in the
   * host's own session). Never receives the key; a throw here does not change the answer.
   */
  onAction?: (event: TruemedProxyActionEvent) => void;
  /** Truemed's origin (a path prefix is kept, for a gateway). @defaultValue 'https://api.truemed.com' */
  baseUrl?: string;
  /** The `fetch` used to call Truemed. @defaultValue `globalThis.fetch`, looked up on each call */
  fetch?: typeof fetch;
  /**
   * The largest `page_size` forwarded; a larger one is a 400 `InvalidParameter` naming `page_size`, never
   * silently lowered (page 2 of 100 lowered to 50 would be rows 51–100, not 101–200, and a list would show
   * rows twice). Give a browser-side `createTruemedFetcher` the same `maxPageSize`. A request without
   * `page_size` whose Truemed default (30) is larger gets `page_size` set to this; the answer's
   * `pagination.page_size` says so. @defaultValue 100
   */
  maxPageSize?: number;
  /** Time allowed for Truemed's whole answer before a 504. @defaultValue 15000 */
  timeoutMs?: number;
  /**
   * The most bytes of Truemed's body the proxy reads, counted after `content-encoding` is undone (a
   * small gzip body can inflate a thousandfold). The body is read as a stream and the call aborted as
   * soon as it passes the cap; the client gets a 502 `UpstreamResponseTooLarge`.
   * @defaultValue 4194304 (4 MiB)
   */
  maxResponseBytes?: number;
  /**
   * Server-side logging hook for failures. Not called for the proxy's own 400 (an invalid parameter or
   * body), 401 (`authorize` said no), 403, 404, 405 or 415; called when `authorize` throws and for Truemed's
   * own error answers. Never receives the key. (Writes are logged, whatever their outcome, by `onAction`.)
   */
  onError?: (info: TruemedProxyErrorInfo) => void;
}

/**
 * Creates the backend route a browser-side `createTruemedFetcher` talks to: a Fetch-API handler that lists
 * Truemed payment sessions on behalf of the host's signed-in users, holding the API key server-side.
 *
 * - Methods: `GET` (and `HEAD`, answered like `GET` without a body); anything else is a 405 with `Allow`.
 * - Path: mount the handler wherever you like (`/api/payment-sessions`, or under the fetcher's `baseUrl`
 *   + `/payments/v1/payment_sessions`); it calls Truemed's list endpoint, except for a path ending in
 *   `/payments/v1/payment_session/{id}` (what `fetcher.getSession` asks for — mount a catch-all route for
 *   it), which calls that one session. The id must be 1–128 letters, digits, `_` or `-` (else a 400 naming
 *   `id`); only the include flags and `summarize_refunds` are forwarded; Truemed's 404 stays a 404.
 * - `authorize(request, intent)` runs first; anything but `true` is a 401 and Truemed is not called.
 * - Writes (only those listed in `actions`; others are a 404): `POST …/payments/v1/refund` and
 *   `POST …/payments/v1/payment_session/{id}/capture|void|cancel`. Checked in this order: same-origin
 *   (`Origin`, `Sec-Fetch-Site`; else 403 `CrossSiteRequest`) and `application/json` (else 415); the body
 *   (at most 16 KiB) read and validated; `authorize` with the action, session and amount (`false` is a 403
 *   `Forbidden`, a throw a 401); a 400 `InvalidBody` (or `InvalidParameter` for the id) naming the field;
 *   then Truemed, with a body rebuilt from the validated fields. A timeout is a 504 with
 *   `outcome: 'unknown'`: the write may have happened. `onAction` hears of every attempt.
 * - Query: only Truemed's documented parameters are forwarded (others dropped), each validated; a bad value
 *   is a 400 `{ error: 'InvalidParameter', message, param }`, and so is a `page_size` above `maxPageSize`.
 * - Headers: only the client's `accept` goes upstream (cookies, `authorization`, `x-forwarded-*` do not);
 *   the key is added here. No upstream header comes back except a valid `Retry-After`.
 * - Answers: Truemed's 2xx JSON passes through without any `clientSecret`-like key; a 4xx keeps its status
 *   and a sanitized `{ error, message }`, except 401/403 — the server's key was refused, not the user —
 *   which become 502 `UpstreamAuthFailed` so the browser does not take them for an expired session; 5xx
 *   and unreachable are 502, a timeout 504. The key never appears in a response or in `onError`.
 *
 * @throws TypeError at creation for a missing key, a missing `authorize`, or an invalid option.
 *
 * @example
 * // app/api/payment-sessions/route.ts (Next.js)
 * export const GET = createTruemedProxy({
 *   apiKey: process.env.TRUEMED_API_KEY!,
 *   authorize: async (request) => (await getSession(request))?.role === 'merchant-admin',
 * });
 *
 * @example
 * // app/api/truemed/[...path]/route.ts: reads for every staff member, refunds for admins only
 * const proxy = createTruemedProxy({
 *   apiKey: process.env.TRUEMED_API_KEY!,
 *   actions: ['refund', 'capture', 'void', 'cancel'],
 *   authorize: async (request, { action }) => {
 *     const user = await getSession(request);
 *     if (!user) throw new Error('not signed in');                   // 401
 *     return action === 'list' || action === 'read' || user.role === 'admin'; // a viewer's refund is a 403
 *   },
 *   // Your own logger: it looks up who is signed in from the request and writes one audit row.
 *   onAction: ({ request, ...event }) => void writeAuditRow(request, event),
 * });
 * export const GET = proxy;
 * export const POST = proxy;
 */
export function createTruemedProxy(options: TruemedProxyOptions): FetchHandler {
  const settings = checkOptions(options);
  const { apiKey, authorize, listUrl, maxPageSize, timeoutMs, maxResponseBytes, onError } = settings;
  const upstreamFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  // Every form the key could take in a serialized body: raw, JSON-escaped and URL-encoded.
  const keyForms = [...new Set([apiKey, JSON.stringify(apiKey).slice(1, -1), encodeURIComponent(apiKey)])];
  const redact = (text: string): string => keyForms.reduce((out, form) => out.split(form).join(REDACTED), text);

  const report = (info: TruemedProxyErrorInfo): void => {
    if (!onError) return;
    try {
      onError({ ...info, message: redact(info.message) });
    } catch {
      // A failing logger must not turn an answer into a crash.
    }
  };

  const respond = (request: Request, status: number, body: object, headers?: Record<string, string>): Response =>
    jsonResponse(request.method === 'HEAD', status, redact(JSON.stringify(body)), headers);

  const fail = (request: Request, status: number, body: TruemedProxyErrorBody, headers?: Record<string, string>) =>
    respond(request, status, body, headers);

  /** `authorize`, never throwing: a throw is reported (as the 401 it becomes) and said apart from a no. */
  async function checkAuthorization(request: Request, intent: TruemedProxyIntent, statusIfThrown: number) {
    try {
      return (await authorize(request, intent)) === true ? 'allowed' : 'refused';
    } catch (error) {
      report({ reason: 'authorize_threw', status: statusIfThrown, message: `authorize threw: ${describeError(error)}` });
      return 'threw';
    }
  }

  async function handle(request: Request): Promise<Response> {
    if (request.method === 'POST') {
      const route = writeRouteOf(new URL(request.url).pathname);
      if (route !== undefined) return handleWrite(request, route);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return fail(
        request,
        405,
        { error: 'MethodNotAllowed', message: `${request.method} is not allowed here; use GET.` },
        { allow: ALLOWED_METHODS },
      );
    }
    const sessionId = sessionRouteId(new URL(request.url).pathname);
    const intent: TruemedProxyIntent =
      sessionId === undefined
        ? { action: 'list' }
        : { action: 'read', ...(TRUEMED_SESSION_ID_PATTERN.test(sessionId) ? { sessionId } : {}) };
    // Before the query is even read: an anonymous caller learns nothing, not even which values are valid.
    if ((await checkAuthorization(request, intent, 401)) !== 'allowed') {
      return fail(request, 401, { error: 'Unauthorized', message: 'Sign in with an account allowed to view payment sessions.' });
    }
    if (sessionId !== undefined) return handleSession(request, sessionId);
    const check = validateTruemedParams(new URL(request.url).searchParams);
    if (!check.ok) return fail(request, 400, { error: 'InvalidParameter', message: check.message, param: check.param });

    const pageSizeCheck = checkPageSize(check.params, maxPageSize);
    if (!pageSizeCheck.ok) {
      return fail(request, 400, { error: 'InvalidParameter', message: pageSizeCheck.message, param: 'page_size' });
    }
    const query = pageSizeCheck.params.toString();
    const upstreamHeaders = new Headers({
      accept: request.headers.get('accept') ?? 'application/json',
      [TRUEMED_API_KEY_HEADER]: apiKey,
    });
    const outcome = await callUpstream(query === '' ? listUrl : `${listUrl}?${query}`, upstreamHeaders, request.signal);
    return answerFromOutcome(request, outcome);
  }

  // --- One session: GET …/payments/v1/payment_session/{id} ------------------------------------------------
  /**
   * The single-session route, reached once `authorize` said yes. The id (the raw, still-encoded path segment)
   * must match `TRUEMED_SESSION_ID_PATTERN`, so `%2F`, `..` or a further segment never reach another upstream
   * path; only the include flags and `summarize_refunds` are forwarded, each validated. Truemed's answer is
   * mapped as the list's is (a 404 stays a 404).
   */
  async function handleSession(request: Request, rawId: string): Promise<Response> {
    if (!TRUEMED_SESSION_ID_PATTERN.test(rawId)) {
      return fail(request, 400, {
        error: 'InvalidParameter',
        message: 'The session id may contain only letters, digits, "_" and "-" (at most 128 characters).',
        param: 'id',
      });
    }
    const allowed = new URLSearchParams();
    for (const [name, value] of new URL(request.url).searchParams) {
      if (Object.prototype.hasOwnProperty.call(TRUEMED_SESSION_QUERY_PARAMS, name)) allowed.append(name, value);
    }
    const check = validateTruemedParams(allowed);
    if (!check.ok) return fail(request, 400, { error: 'InvalidParameter', message: check.message, param: check.param });
    const query = check.params.toString();
    const url = `${sessionBaseUrl}${truemedSessionPath(rawId)}`;
    const upstreamHeaders = new Headers({
      accept: request.headers.get('accept') ?? 'application/json',
      [TRUEMED_API_KEY_HEADER]: apiKey,
    });
    const outcome = await callUpstream(query === '' ? url : `${url}?${query}`, upstreamHeaders, request.signal);
    return answerFromOutcome(request, outcome);
  }

  /** Truemed's origin and path prefix, to which the single-session and write paths are appended. */
  const sessionBaseUrl = listUrl.slice(0, -TRUEMED_LIST_PATH.length);

  // --- Writes: POST …/payments/v1/refund and …/payment_session/{id}/capture|void|cancel (see ./actions) ------
  const handleWrite = createWriteHandler({
    apiKey,
    upstreamBase: sessionBaseUrl,
    enabled: settings.actions,
    allowedOrigins: settings.allowedOrigins,
    authorize: (request, intent) => checkAuthorization(request, intent, 401),
    callUpstream,
    answerFromOutcome: (request, outcome, outcomeUnknown) => answerFromOutcome(request, outcome, { outcomeUnknown }),
    fail,
    redact,
    onAction: settings.onAction,
  });

  /**
   * The list route's answer for each upstream outcome, reused by the single-session and write routes. For a
   * write, Truemed's error codes must be plain words, and when the write may or may not have happened
   * (`outcomeUnknown`) every error body says `outcome: 'unknown'`.
   */
  function answerFromOutcome(request: Request, outcome: UpstreamOutcome, write?: { outcomeUnknown: boolean }): Response {
    const outcomeUnknown = write?.outcomeUnknown === true;
    const failWith = outcomeUnknown ? failOutcomeUnknown : fail;
    switch (outcome.kind) {
      case 'client_aborted':
        return failWith(request, 499, { error: 'ClientClosedRequest', message: 'The client went away.' });
      case 'timeout':
        report({ reason: 'upstream_timeout', status: 504, message: `Truemed did not answer within ${timeoutMs} ms.` });
        return failWith(request, 504, {
          error: 'UpstreamTimeout',
          message: outcomeUnknown
            ? 'The payment provider took too long to answer; the action may or may not have happened. Check the session before trying again.'
            : 'The payment provider took too long to answer. Try again shortly.',
        });
      case 'unreachable':
        report({ reason: 'upstream_unreachable', status: 502, message: `Could not reach Truemed: ${outcome.detail}` });
        return failWith(request, 502, {
          error: 'UpstreamUnavailable',
          message: 'The payment provider could not be reached. Try again shortly.',
        });
      case 'too_large':
        report({
          reason: 'upstream_too_large',
          status: 502,
          upstreamStatus: outcome.status,
          message: `Truemed's body passed maxResponseBytes (${maxResponseBytes}); the call was aborted.`,
        });
        return failWith(request, 502, {
          error: 'UpstreamResponseTooLarge',
          message: 'The payment provider sent an answer too large to handle.',
          upstreamStatus: outcome.status,
        });
      case 'answered':
        return answerFromUpstream(request, outcome, failWith, write !== undefined);
    }
  }

  function failOutcomeUnknown(request: Request, status: number, body: TruemedProxyErrorBody, headers?: Record<string, string>) {
    return fail(request, status, { ...body, outcome: 'unknown' }, headers);
  }
  // ---------------------------------------------------------------------------------------------------------

  function answerFromUpstream(request: Request, upstream: UpstreamAnswer, failWith: typeof fail, isWrite: boolean): Response {
    const { status } = upstream;
    const retryAfter = validRetryAfter(upstream.retryAfter);
    const retryHeaders = retryAfter === undefined ? undefined : { 'retry-after': retryAfter };

    if (status >= 200 && status < 300) {
      const body = parseJson(upstream.text);
      if (isPlainRecord(body)) return respond(request, 200, stripSecrets(body));
      report({ reason: 'upstream_invalid_response', status: 502, upstreamStatus: status, message: 'Truemed answered 2xx without a JSON object.' });
      return failWith(request, 502, {
        error: 'UpstreamInvalidResponse',
        message: 'The payment provider sent an unreadable answer.',
        upstreamStatus: status,
      });
    }
    if (status === 401 || status === 403) {
      report({ reason: 'upstream_status', status: 502, upstreamStatus: status, message: `Truemed refused the API key (HTTP ${status}).` });
      return failWith(request, 502, {
        error: 'UpstreamAuthFailed',
        message: 'The payment provider refused this server’s credentials.',
        upstreamStatus: status,
      });
    }
    if (status >= 400 && status < 500) {
      const body = upstreamErrorBody(upstream.text, status, isWrite ? UPSTREAM_WRITE_ERROR_CODE : UPSTREAM_ERROR_CODE);
      report({ reason: 'upstream_status', status, upstreamStatus: status, message: `Truemed answered ${status}: ${body.error}: ${body.message}` });
      return failWith(request, status, body, status === 429 ? retryHeaders : undefined);
    }
    if (status >= 500 && status < 600) {
      report({ reason: 'upstream_status', status: 502, upstreamStatus: status, message: `Truemed answered ${status}.` });
      return failWith(
        request,
        502,
        { error: 'UpstreamError', message: 'The payment provider failed to answer. Try again shortly.', upstreamStatus: status },
        status === 503 ? retryHeaders : undefined,
      );
    }
    // Redirects are not followed (they would carry the key elsewhere); anything else is unexpected.
    report({ reason: 'upstream_invalid_response', status: 502, upstreamStatus: status, message: `Truemed answered an unexpected ${status}.` });
    return failWith(request, 502, {
      error: 'UpstreamInvalidResponse',
      message: 'The payment provider sent an unexpected answer.',
      upstreamStatus: status,
    });
  }

  /** Calls Truemed; the timeout and the client's abort both cancel it, headers and body alike. */
  async function callUpstream(
    url: string,
    headers: Headers,
    clientSignal: AbortSignal,
    init: { method: 'GET' } | { method: 'POST'; body: string } = { method: 'GET' },
  ): Promise<UpstreamOutcome> {
    if (clientSignal.aborted) return { kind: 'client_aborted' };
    const deadline = startDeadline(clientSignal, timeoutMs, 'The Truemed request timed out.');
    try {
      // Raced, so the call settles on abort even if an injected `fetch` ignores its signal.
      const response = await raceWithAbort(
        upstreamFetch(url, { ...init, headers, signal: deadline.signal, redirect: 'manual' }),
        deadline.signal,
      );
      const text = await raceWithAbort(readCappedText(response.body, maxResponseBytes), deadline.signal);
      if (text === undefined) {
        // Stop the transfer (and the decompression) now rather than let it run on unread.
        deadline.abort(new DOMException('The Truemed body passed maxResponseBytes.', 'AbortError'));
        return { kind: 'too_large', status: response.status };
      }
      return { kind: 'answered', status: response.status, retryAfter: response.headers.get('retry-after'), text };
    } catch (error) {
      if (clientSignal.aborted) return { kind: 'client_aborted' };
      if (deadline.timedOut()) return { kind: 'timeout' };
      return { kind: 'unreachable', detail: describeError(error), refused: isConnectionRefused(error) };
    } finally {
      deadline.clear();
    }
  }

  function upstreamErrorBody(text: string, status: number, codePattern: RegExp): TruemedProxyErrorBody {
    const body = parseJson(text);
    const code = isPlainRecord(body) && typeof body.error === 'string' ? redact(body.error) : '';
    const message = isPlainRecord(body) && typeof body.message === 'string' ? cleanText(redact(body.message)) : '';
    return {
      error: codePattern.test(code) ? code : 'UpstreamError',
      message: message || `The payment provider rejected the request (HTTP ${status}).`,
    };
  }

  return async function truemedProxy(request: Request): Promise<Response> {
    try {
      return await handle(request);
    } catch (error) {
      report({ reason: 'internal', status: 500, message: `The proxy failed: ${describeError(error)}` });
      return jsonResponse(
        request.method === 'HEAD',
        500,
        JSON.stringify({ error: 'InternalError', message: 'The payment sessions service failed.' } satisfies TruemedProxyErrorBody),
      );
    }
  };
}

/** @internal What one call to Truemed came to; shared with the write routes. */
export interface UpstreamAnswer {
  kind: 'answered';
  status: number;
  retryAfter: string | null;
  text: string;
}

/** @internal */
export type UpstreamOutcome =
  | UpstreamAnswer
  | { kind: 'too_large'; status: number }
  | { kind: 'timeout' }
  | { kind: 'client_aborted' }
  /** `refused`: the connection was refused, so the request surely never reached Truemed. */
  | { kind: 'unreachable'; detail: string; refused: boolean };

interface ProxySettings {
  apiKey: string;
  authorize: TruemedProxyOptions['authorize'];
  listUrl: string;
  maxPageSize: number;
  timeoutMs: number;
  maxResponseBytes: number;
  onError: TruemedProxyOptions['onError'];
  actions: ReadonlySet<TruemedProxyActionName>;
  allowedOrigins: ReadonlySet<string>;
  onAction: TruemedProxyOptions['onAction'];
}

/** Validates the options up front, so a misconfigured route fails at start-up rather than per request. */
function checkOptions(options: TruemedProxyOptions): ProxySettings {
  if (!isPlainRecord(options)) throw new TypeError('createTruemedProxy needs an options object.');
  const { apiKey, authorize, baseUrl = DEFAULT_TRUEMED_BASE_URL, maxPageSize = DEFAULT_PROXY_MAX_PAGE_SIZE } = options;
  const { timeoutMs = DEFAULT_PROXY_TIMEOUT_MS, maxResponseBytes = DEFAULT_PROXY_MAX_RESPONSE_BYTES, onError } = options;
  // The messages never quote the key's value: they may end up in logs.
  if (typeof apiKey !== 'string' || apiKey.length === 0) {
    throw new TypeError('apiKey is required: pass your Truemed server-to-server key (e.g. process.env.TRUEMED_API_KEY).');
  }
  if (NOT_HEADER_SAFE.test(apiKey)) {
    throw new TypeError('apiKey must not contain whitespace or control characters (check how it was read).');
  }
  if (typeof authorize !== 'function') {
    throw new TypeError('authorize is required: pass your own session check, (request, intent) => boolean | Promise<boolean>.');
  }
  if (typeof maxPageSize !== 'number' || !Number.isInteger(maxPageSize) || maxPageSize < 1) {
    throw new TypeError(`maxPageSize must be a whole number of at least 1, got ${String(maxPageSize)}.`);
  }
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMER_MS) {
    throw new TypeError(`timeoutMs must be a number of milliseconds between 1 and ${MAX_TIMER_MS}, got ${String(timeoutMs)}.`);
  }
  if (typeof maxResponseBytes !== 'number' || !Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) {
    throw new TypeError(`maxResponseBytes must be a whole number of bytes of at least 1, got ${String(maxResponseBytes)}.`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('fetch must be a function compatible with globalThis.fetch.');
  }
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError('onError must be a function.');
  const { onAction } = options;
  if (onAction !== undefined && typeof onAction !== 'function') throw new TypeError('onAction must be a function.');
  const actions = enabledActionsFrom(options.actions);
  const allowedOrigins = allowedOriginsFrom(options.allowedOrigins);
  return { apiKey, authorize, listUrl: listUrlFor(baseUrl), maxPageSize, timeoutMs, maxResponseBytes, onError, actions, allowedOrigins, onAction };
}

function listUrlFor(baseUrl: unknown): string {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw new TypeError('baseUrl must be an absolute http(s) URL, e.g. https://api.truemed.com.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`baseUrl must be an http(s) URL, got the ${url.protocol} scheme.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('baseUrl must not contain credentials; the key goes in apiKey.');
  }
  if (url.search !== '' || url.hash !== '') throw new TypeError('baseUrl must not have a query or a fragment.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${TRUEMED_LIST_PATH}`;
}

/**
 * The raw (still percent-encoded) id when the path is the single-session route — it ends in
 * `/payments/v1/payment_session/{id}`, wherever the handler is mounted — or `undefined` for the list.
 * Everything after the prefix is the id, so `ps_1/capture` or `ps%2F1` is an id that fails validation.
 */
function sessionRouteId(pathname: string): string | undefined {
  const marker = '/payments/v1/payment_session';
  const at = pathname.indexOf(`${marker}/`);
  if (at !== -1) return pathname.slice(at + marker.length + 1);
  // `…/payment_session` without an id: the session route with an empty id (a 400), not the list.
  return pathname.endsWith(marker) ? '' : undefined;
}

/**
 * Refuses a `page_size` above the cap rather than lowering it: a lowered size moves every page after the
 * first (page 2 of 100 served at 50 is rows 51–100), so a client paging by its own size would repeat rows.
 * Without a `page_size`, the client asked for Truemed's default; when that exceeds a smaller cap the cap is
 * set, and the answer's `pagination.page_size` tells the client which size it got.
 */
function checkPageSize(
  params: URLSearchParams,
  maxPageSize: number,
): { ok: true; params: URLSearchParams } | { ok: false; message: string } {
  const requested = params.get('page_size');
  if (requested === null) {
    if (TRUEMED_DEFAULT_PAGE_SIZE > maxPageSize) params.set('page_size', String(maxPageSize));
    return { ok: true, params };
  }
  if (Number(requested) > maxPageSize) {
    return { ok: false, message: `page_size must be at most ${maxPageSize} here, got ${requested}.` };
  }
  return { ok: true, params };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Upstream text shown to users: one line, bounded. */
function cleanText(text: string): string {
  const line = text.replace(CONTROL_CHARS, ' ').trim();
  return line.length > MAX_UPSTREAM_MESSAGE_LENGTH ? `${line.slice(0, MAX_UPSTREAM_MESSAGE_LENGTH)}…` : line;
}

/** A `Retry-After` worth passing on: delay-seconds or an HTTP date, nothing else. */
function validRetryAfter(value: string | null): string | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return text;
  if (text.length <= 40 && /^[A-Za-z0-9 ,:]+$/.test(text) && !Number.isNaN(Date.parse(text))) return text;
  return undefined;
}

/** Whether a failed `fetch` failed because the connection was refused (undici puts the code on the cause). */
function isConnectionRefused(error: unknown): boolean {
  const codeOf = (value: unknown): unknown => (typeof value === 'object' && value !== null ? (value as { code?: unknown }).code : undefined);
  const cause = error instanceof Error ? error.cause : undefined;
  if (codeOf(error) === 'ECONNREFUSED' || codeOf(cause) === 'ECONNREFUSED') return true;
  // Several addresses tried at once (IPv4 and IPv6): refused only if every one was.
  const errors = cause instanceof AggregateError ? cause.errors : undefined;
  return errors !== undefined && errors.length > 0 && errors.every((entry) => codeOf(entry) === 'ECONNREFUSED');
}

/** The thrown value as `Name: message (cause: …)`, for logs only (the caller redacts it). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}

/** Every answer carries these: JSON, never cached (it is per-user data), never sniffed as HTML. */
function jsonResponse(headOnly: boolean, status: number, json: string, extra?: Record<string, string>): Response {
  const headers = new Headers({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  return new Response(headOnly ? null : json, { status, headers });
}
