/**
 * A fake of the OneEntry HTTP API behind the SDK's `Payments` module, as a Fetch-API handler and as a real
 * HTTP server on 127.0.0.1 — so the real `oneentry` SDK (`defineOneEntry(url, …)`) runs against it
 * unmodified: same paths, same headers, same error bodies, same token refresh.
 *
 * What the SDK (1.0.149) sends, read from its `dist/base/asyncModules.js`: every request carries
 * `x-app-token` (the project token) and, once it has one, `Authorization: Bearer <accessToken>`; on a 401 it
 * POSTs `{ refreshToken }` to `/api/content/users-auth-providers/marker/<marker>/users/refresh`, takes
 * `{ accessToken, refreshToken }` from a 2xx and retries once. Error bodies are NestJS-style
 * `{ statusCode, message, pageData, timestamp }`. Which status a wrong *app* token gets is not documented:
 * this fake answers 403.
 */
import type { OneEntryErrorWire } from '../adapters/oneentry/wire';
import { serveFetchHandler, type FetchServer } from './node-http';
import { makeOneEntryRecords, type OneEntryRecord, type OneEntryShape } from './oneentry';
import type { RecordedRequest } from './truemed-api';

/** The project token (`x-app-token`) the fake accepts unless told otherwise. */
export const FAKE_ONEENTRY_APP_TOKEN = 'test_oneentry_app_token';
/** The most sessions one `getSessions` answer holds unless `serverLimit` says otherwise. */
export const FAKE_ONEENTRY_SERVER_LIMIT = 100;

const PAYMENTS_PATH = '/api/content/payments';
const REFRESH_PATH = /^\/api\/content\/users-auth-providers\/marker\/([\w-]{1,100})\/users\/refresh\/?$/;
/** Refresh bodies are tiny; a larger one is refused unread. */
const MAX_REFRESH_BODY_BYTES = 4_096;

/** Options of {@link createFakeOneEntryApi}. */
export interface FakeOneEntryApiOptions {
  /** How many generated sessions, or the exact records (served in the given order). @defaultValue 120 */
  sessions?: number | readonly OneEntryRecord[];
  /** Seed of the generated dataset. @defaultValue 1 */
  seed?: number;
  /** Shape of the generated dataset. @defaultValue 'mixed' */
  shape?: OneEntryShape;
  /** The only `x-app-token` accepted. @defaultValue 'test_oneentry_app_token' */
  appToken?: string;
  /** The server's cap on `limit`: a larger request gets at most this many items. @defaultValue 100 */
  serverLimit?: number;
  /** How long an access token is accepted; past it the SDK gets a 401 and refreshes. @defaultValue 15 minutes */
  accessTokenTtlMs?: number;
  /** Delay before each answer; it ends early when the request is aborted. @defaultValue 0 */
  latencyMs?: number;
  /**
   * A path prefix the API lives under, e.g. `/api/oneentry` when a host mounts it inside its own server
   * (the SDK is then given `origin + basePath` as its URL). @defaultValue ''
   */
  basePath?: string;
  /** Answer `getSessions` with a bare array (no total), as old servers did. @defaultValue false */
  legacyBareArray?: boolean;
  /** Clock for token expiry, for tests. @defaultValue Date.now */
  now?: () => number;
}

/**
 * A fault for every following request until cleared (the token refresh endpoint included): an HTTP answer
 * (`body` as JSON, default the OneEntry error body for `status`; `rawBody` as-is, e.g. an HTML error page)
 * or a network failure (the handler rejects; over HTTP the socket is destroyed).
 */
export type FakeOneEntryApiFailure =
  | { status: number; body?: unknown; rawBody?: string; headers?: Record<string, string> }
  | { kind: 'network' };

/** Tokens for one signed-in user, as OneEntry's auth provider hands them out. */
export interface FakeOneEntryGrant {
  accessToken: string;
  refreshToken: string;
  /** Fresh tokens for the same signed-in user (e.g. for a page that reloads after the first pair rotated). */
  issueTokens(): { accessToken: string; refreshToken: string };
  /** Ends the user's session: every token of this grant (also refreshed ones) stops working. */
  revoke(): void;
}

/** A fake OneEntry payments API; see {@link createFakeOneEntryApi}. */
export interface FakeOneEntryApi {
  /** Answers one request: the Fetch-API form, for route handlers or an injected `fetch`. */
  handler(request: Request): Promise<Response>;
  /** `fetch`-compatible shortcut: `fetch(input, init)` → `handler(new Request(input, init))`. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** The full dataset in serving order. */
  readonly records: readonly OneEntryRecord[];
  /** Every request received, in order (including refused ones). */
  readonly requests: RecordedRequest[];
  /** The `x-app-token` this fake accepts. */
  readonly appToken: string;
  /** Signs a user in: a fresh access token (Bearer) and refresh token. */
  signIn(): FakeOneEntryGrant;
  /** Makes every access token issued so far expire now (the SDK's next call gets a 401 and refreshes). */
  expireAccessTokens(): void;
  /** Serves the handler over real HTTP on 127.0.0.1 (`port` 0 picks a free one). */
  listen(port?: number): Promise<FetchServer>;
  /** Injects a fault into every following request; `null` restores normal answers. */
  setFailure(failure: FakeOneEntryApiFailure | null): void;
}

interface GrantState {
  revoked: boolean;
}

/**
 * Creates a fake OneEntry payments API over a deterministic dataset ({@link makeOneEntryRecords}).
 *
 * - `GET /api/content/payments/sessions/?offset&limit` → `{ total, items }`; `offset` defaults to 0 and
 *   `limit` to 30; at most `serverLimit` items come back whatever `limit` asks (the SDK's caller must
 *   paginate by `total`); a negative, fractional or non-numeric value is a 400 with NestJS's message list.
 * - `GET /api/content/payments/sessions/{id}` → the entity, or 404; an id that is not a whole number is a 400.
 * - `POST /api/content/users-auth-providers/marker/{marker}/users/refresh` with `{ refreshToken }` →
 *   `{ accessToken, refreshToken }` (the refresh token rotates: an old one is refused), else 401.
 * - Every route needs the `x-app-token` (else 403); the payments routes also `Authorization: Bearer` with a
 *   live access token from {@link FakeOneEntryApi.signIn} or a refresh (else 401, which makes the SDK refresh).
 * - Other paths 404, other methods 405 — all with `{ statusCode, message, pageData: null, timestamp }`.
 *   Returned items are copies, `clientSecret` included as the real API sends it.
 *
 * @example
 * const api = createFakeOneEntryApi({ sessions: 45, serverLimit: 10 });
 * const server = await api.listen();
 * const { accessToken, refreshToken } = api.signIn();
 * const { Payments } = defineOneEntry(server.url, { token: api.appToken, auth: { refreshToken } });
 * Payments.setAccessToken(accessToken);
 * const fetcher = createOneEntryFetcher(Payments);
 */
export function createFakeOneEntryApi(options: FakeOneEntryApiOptions = {}): FakeOneEntryApi {
  const {
    sessions = 120,
    seed = 1,
    shape = 'mixed',
    appToken = FAKE_ONEENTRY_APP_TOKEN,
    serverLimit = FAKE_ONEENTRY_SERVER_LIMIT,
    accessTokenTtlMs = 15 * 60_000,
    latencyMs = 0,
    basePath = '',
    legacyBareArray = false,
    now = Date.now,
  } = options;
  if (!Number.isSafeInteger(serverLimit) || serverLimit < 1) throw new RangeError(`serverLimit must be a whole number ≥ 1, got ${serverLimit}.`);
  if (basePath !== '' && !/^(\/[\w.-]+)+$/.test(basePath)) throw new RangeError(`basePath must look like "/api/oneentry", got ${JSON.stringify(basePath)}.`);
  const records: readonly OneEntryRecord[] =
    typeof sessions === 'number' ? makeOneEntryRecords({ count: sessions, seed, shape }) : [...sessions];
  const requests: RecordedRequest[] = [];
  // Maps, not plain objects: tokens are request text, never keys into an object with a prototype.
  const accessTokens = new Map<string, { grant: GrantState; expiresAt: number }>();
  const refreshTokens = new Map<string, GrantState>();
  let failure: FakeOneEntryApiFailure | null = null;

  const issue = (grant: GrantState) => {
    const accessToken = `oe_access_${randomToken()}`;
    const refreshToken = `oe_refresh_${randomToken()}`;
    accessTokens.set(accessToken, { grant, expiresAt: now() + accessTokenTtlMs });
    refreshTokens.set(refreshToken, grant);
    return { accessToken, refreshToken };
  };

  const bearerIsLive = (request: Request): boolean => {
    const match = /^Bearer ([\w.-]{1,500})$/.exec(request.headers.get('authorization') ?? '');
    const entry = match ? accessTokens.get(match[1] as string) : undefined;
    return entry !== undefined && !entry.grant.revoked && entry.expiresAt > now();
  };

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    requests.push({ method: request.method, url: request.url, headers });
    if (latencyMs > 0) await delay(latencyMs, request.signal);
    if (failure) {
      if ('kind' in failure) throw new Error('Simulated network failure');
      if (failure.rawBody !== undefined) return new Response(failure.rawBody, { status: failure.status, headers: failure.headers });
      return Response.json(failure.body ?? errorBody(failure.status, defaultMessage(failure.status)), { status: failure.status, headers: failure.headers });
    }
    if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return error(404, `Cannot ${request.method} ${url.pathname}`);
    const path = url.pathname.slice(basePath.length);

    if (request.headers.get('x-app-token') !== appToken) return error(403, 'Invalid app token.');

    const refresh = REFRESH_PATH.exec(path);
    if (refresh) {
      if (request.method !== 'POST') return error(405, `Cannot ${request.method} ${path}`);
      const body = await readSmallJson(request);
      const given = isRecord(body) && typeof body.refreshToken === 'string' ? body.refreshToken : undefined;
      const grant = given === undefined ? undefined : refreshTokens.get(given);
      if (!grant || grant.revoked) return error(401, 'Refresh token is invalid or expired.');
      refreshTokens.delete(given as string);
      return Response.json(issue(grant));
    }

    if (path !== `${PAYMENTS_PATH}/sessions` && !path.startsWith(`${PAYMENTS_PATH}/sessions/`)) return error(404, `Cannot ${request.method} ${path}`);
    if (request.method !== 'GET') return error(405, `Cannot ${request.method} ${path}`);
    if (!bearerIsLive(request)) return error(401, 'Unauthorized');

    const rest = path.slice(`${PAYMENTS_PATH}/sessions`.length).replace(/^\/|\/$/g, '');
    if (rest === '') {
      const offset = wholeNumberParam(url, 'offset', 0);
      const limit = wholeNumberParam(url, 'limit', 30);
      const problems = [offset, limit].flatMap((param) => (typeof param === 'string' ? [param] : []));
      if (problems.length > 0) return Response.json({ ...errorBody(400, problems), error: 'Bad Request' }, { status: 400 });
      const start = offset as number;
      const items = records.slice(start, start + Math.min(limit as number, serverLimit)).map((record) => structuredClone(record));
      return Response.json(legacyBareArray ? items : { total: records.length, items });
    }
    if (!/^\d{1,15}$/.test(rest)) return Response.json({ ...errorBody(400, 'Validation failed (numeric string is expected)'), error: 'Bad Request' }, { status: 400 });
    const found = records.find((record) => record.id === Number(rest));
    return found ? Response.json(structuredClone(found)) : error(404, `Payment session ${rest} not found.`);
  };

  return {
    handler,
    fetch: (input, init) => handler(new Request(input, init)),
    records,
    requests,
    appToken,
    signIn() {
      const grant: GrantState = { revoked: false };
      return {
        ...issue(grant),
        issueTokens: () => issue(grant),
        revoke() {
          grant.revoked = true;
        },
      };
    },
    expireAccessTokens() {
      const at = now();
      for (const entry of accessTokens.values()) entry.expiresAt = Math.min(entry.expiresAt, at);
    },
    listen: (port = 0) => serveFetchHandler(handler, { port }),
    setFailure(next) {
      failure = next;
    },
  };
}

/** OneEntry's error body; NestJS's validation pipe sends `message` as a list. */
type OneEntryErrorBody = Omit<OneEntryErrorWire, 'message'> & { message: string | string[] };

/** OneEntry's error body: `{ statusCode, message, pageData: null, timestamp }`. */
function errorBody(statusCode: number, message: string | string[]): OneEntryErrorBody {
  return { statusCode, message, pageData: null, timestamp: new Date().toISOString() };
}

function error(status: number, message: string): Response {
  return Response.json(errorBody(status, message), { status });
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'Forbidden resource';
  if (status === 404) return 'Not Found';
  if (status === 429) return 'ThrottlerException: Too Many Requests';
  return status >= 500 ? 'Internal server error' : 'Bad Request';
}

/** A whole number ≥ 0 from the query, the fallback when absent, or NestJS's message about it. */
function wholeNumberParam(url: URL, name: string, fallback: number): number | string {
  const text = url.searchParams.get(name);
  if (text === null || text === '') return fallback;
  return /^\d{1,9}$/.test(text) ? Number(text) : `${name} must be a non-negative integer`;
}

async function readSmallJson(request: Request): Promise<unknown> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_REFRESH_BODY_BYTES) return undefined;
  const text = await request.text().catch(() => '');
  if (text.length > MAX_REFRESH_BODY_BYTES) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function randomToken(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
