/**
 * The same cases through two `Payments` modules: (a) the real `oneentry` SDK (1.0.149) over HTTP against
 * the fake OneEntry API on 127.0.0.1, and (b) the light fake `Payments` object, which must mimic the
 * SDK's habits (resolved error bodies, resolved `TypeError` / `SyntaxError` instances, the 422 of its own
 * validation, no AbortSignal). A case that passes on (b) but not (a) means the light fake lies.
 */
import { defineOneEntry } from 'oneentry';
import { createOneEntryFetcher, type OneEntryFetcherOptions } from '../../../src/adapters/oneentry/fetcher';
import type { OneEntryPaymentsLike } from '../../../src/adapters/oneentry/wire';
import { PaymentSessionsError } from '../../../src/core/errors';
import type { SessionFetcher } from '../../../src/core/types';
import {
  createFakeOneEntryApi,
  createFakeOneEntryPayments,
  type FakeOneEntryApi,
  type FetchServer,
  type OneEntryRecord,
  type OneEntryShape,
} from 'react-payment-sessions/testing';
import { expectSanePage, liveSignal } from '../helpers';

interface Setup {
  sessions?: number;
  shape?: OneEntryShape;
  serverLimit?: number;
  latencyMs?: number;
  legacyBareArray?: boolean;
  /** The SDK's `validation: { enabled: true, strictMode: true }`. */
  validation?: boolean;
  /** The SDK's `errors.isShell` (default true: failures resolve; false: they are thrown). */
  isShell?: boolean;
}

/** A failure as each backend produces it: a server's error answer, a refused connection, a body that is not JSON. */
type Failure = { status: number; message: string } | 'refused' | 'not-json';

interface Harness {
  payments: OneEntryPaymentsLike;
  records: readonly OneEntryRecord[];
  /** `[offset, limit]` of every list call, in order. */
  listCalls(): Array<[number, number]>;
  close(): Promise<void>;
}

interface Backend {
  name: string;
  start(setup: Setup, failure?: Failure): Promise<Harness>;
}

const servers: FetchServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A port that was just listening and is closed now: connecting to it is refused. */
async function closedPortUrl(): Promise<string> {
  const server = await createFakeOneEntryApi({ sessions: 0 }).listen();
  await server.close();
  return server.url;
}

function listCallsOf(api: FakeOneEntryApi): Array<[number, number]> {
  return api.requests
    .map((request) => new URL(request.url))
    .filter((url) => url.pathname === '/api/content/payments/sessions/')
    .map((url) => [Number(url.searchParams.get('offset')), Number(url.searchParams.get('limit'))] as [number, number]);
}

const realSdk: Backend = {
  name: 'the real oneentry SDK over HTTP',
  async start(setup, failure) {
    const api = createFakeOneEntryApi({
      sessions: setup.sessions ?? 45,
      shape: setup.shape ?? 'mixed',
      serverLimit: setup.serverLimit ?? 100,
      latencyMs: setup.latencyMs ?? 0,
      legacyBareArray: setup.legacyBareArray ?? false,
    });
    const server = await api.listen();
    servers.push(server);
    if (typeof failure === 'object') api.setFailure({ status: failure.status, body: { statusCode: failure.status, message: failure.message, pageData: null, timestamp: new Date().toISOString() } });
    if (failure === 'not-json') api.setFailure({ status: 502, rawBody: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } });
    const grant = api.signIn();
    const url = failure === 'refused' ? await closedPortUrl() : server.url;
    const { Payments } = defineOneEntry(url, {
      token: api.appToken,
      auth: { refreshToken: grant.refreshToken },
      ...(setup.validation ? { validation: { enabled: true, strictMode: true, logErrors: false } } : {}),
      ...(setup.isShell === false ? { errors: { isShell: false } } : {}),
    });
    Payments.setAccessToken(grant.accessToken);
    return { payments: Payments, records: api.records, listCalls: () => listCallsOf(api), close: () => server.close() };
  },
};

const lightFake: Backend = {
  name: 'the light fake Payments object',
  async start(setup, failure) {
    const payments = createFakeOneEntryPayments({
      sessions: setup.sessions ?? 45,
      shape: setup.shape ?? 'mixed',
      serverLimit: setup.serverLimit ?? 100,
      latencyMs: setup.latencyMs ?? 0,
      legacyBareArray: setup.legacyBareArray ?? false,
      validation: setup.validation ?? false,
      isShell: setup.isShell ?? true,
      failWith:
        failure === undefined
          ? undefined
          : failure === 'refused'
            ? 'network'
            : failure === 'not-json'
              ? 'not-json'
              : { statusCode: failure.status, message: failure.message },
    });
    return {
      payments,
      records: payments.records,
      listCalls: () => payments.calls.map(({ offset, limit }) => [offset, limit]),
      close: async () => undefined,
    };
  },
};

async function failureOf(fetcher: SessionFetcher, signal = liveSignal()): Promise<PaymentSessionsError> {
  const outcome = await fetcher({ page: 1, pageSize: 10 }, { signal }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, 'the request should have failed').toBeInstanceOf(PaymentSessionsError);
  return outcome as PaymentSessionsError;
}

const ids = (records: readonly OneEntryRecord[]) => records.map((record) => String(record.id));

describe.each([realSdk, lightFake])('createOneEntryFetcher through $name', (backend) => {
  const fetcherFor = async (setup: Setup = {}, failure?: Failure, options?: OneEntryFetcherOptions) => {
    const harness = await backend.start(setup, failure);
    return { ...harness, fetcher: createOneEntryFetcher(harness.payments, options) };
  };

  describe('pages', () => {
    it('maps page and page size to offset and limit, with the total and page count', async () => {
      const { fetcher, records, listCalls } = await fetcherFor({ sessions: 45 });
      const page = await fetcher({ page: 3, pageSize: 20 }, { signal: liveSignal() });
      expectSanePage(page);
      expect(listCalls()).toEqual([[40, 20]]);
      expect(page).toMatchObject({ total: 45, page: 3, pageSize: 20, pageCount: 3, invalid: 0 });
      expect(page.sessions.map((session) => session.id)).toEqual(ids(records.slice(40)));
    });

    it('fills a page from where the server’s capped answer ended, and walks every session once', async () => {
      const { fetcher, records, listCalls } = await fetcherFor({ sessions: 45, serverLimit: 10 });
      const first = await fetcher({ page: 1, pageSize: 30 }, { signal: liveSignal() });
      expect(listCalls()).toEqual([[0, 30], [10, 20], [20, 10]]);
      expect(first).toMatchObject({ total: 45, pageCount: 2 });
      const second = await fetcher({ page: 2, pageSize: 30 }, { signal: liveSignal() });
      expect([...first.sessions, ...second.sessions].map((session) => session.id)).toEqual(ids(records));
    });

    it('maps the legacy entity shape (amount from intent, line items, no clientSecret anywhere)', async () => {
      const { fetcher, records } = await fetcherFor({ sessions: 12, shape: 'legacy' });
      const page = await fetcher({ page: 1, pageSize: 12 }, { signal: liveSignal() });
      expect(page.sessions).toHaveLength(12);
      for (const [index, session] of page.sessions.entries()) {
        const record = records[index] as { intent: { amount: number }; lineItems: unknown[] };
        expect(session.amount?.amountMinor).toBe(Math.round(record.intent.amount * 100));
        expect(session.items).toHaveLength(record.lineItems.length);
      }
      const json = JSON.stringify(page);
      for (const record of records) expect(json).not.toContain(record.clientSecret);
    });

    it('reads a legacy bare array with a lower-bound total', async () => {
      const { fetcher } = await fetcherFor({ sessions: 47, legacyBareArray: true });
      expect(await fetcher({ page: 1, pageSize: 20 }, { signal: liveSignal() })).toMatchObject({ total: 21, totalIsLowerBound: true });
    });
  });

  describe('errors', () => {
    it.each([
      [401, 'auth', 'Unauthorized'],
      [403, 'auth', 'Forbidden resource'],
      [404, 'http', 'Cannot GET /api/content/payments/sessions/'],
      [429, 'rate_limit', 'ThrottlerException: Too Many Requests'],
      [500, 'http', 'Internal server error'],
    ] as const)('a %i error body is a %s error with its message', async (status, kind, message) => {
      const { fetcher } = await fetcherFor({}, { status, message });
      const error = await failureOf(fetcher);
      expect(error).toMatchObject({ kind, status });
      expect(error.message).toContain(`(HTTP ${status}): ${message}`);
    });

    it('a refused connection is a network error (with Retry), not an unexpected value', async () => {
      const { fetcher } = await fetcherFor({}, 'refused');
      const error = await failureOf(fetcher);
      expect(error.kind).toBe('network');
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(/^Could not reach OneEntry to list payment sessions \((Failed to fetch|fetch failed(: ECONNREFUSED)?)\)\. Check the connection and try again\.$/);
    });

    it('an error body that is not JSON is an invalid response that says so, without quoting the body', async () => {
      const { fetcher } = await fetcherFor({}, 'not-json');
      const error = await failureOf(fetcher);
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toBe('OneEntry answered getSessions with a body that is not JSON (an error page from a proxy or gateway?).');
    });

    it('the SDK’s own validation failure (422) is an invalid response naming the fields', async () => {
      const { fetcher } = await fetcherFor({ sessions: 5, shape: 'legacy', validation: true });
      const error = await failureOf(fetcher);
      expect(error.kind).toBe('invalid_response');
      expect(error.status).toBeUndefined();
      expect(error.message).toMatch(/^OneEntry answered getSessions with a value the SDK's response validation rejected \(items\.0\.createdDate: Invalid input: expected string, received undefined; .+\)\.$/);
    });

    it('the SDK’s validation passes current entities through', async () => {
      const { fetcher } = await fetcherFor({ sessions: 5, shape: 'current', validation: true });
      expect(await fetcher({ page: 1, pageSize: 10 }, { signal: liveSignal() })).toMatchObject({ total: 5, invalid: 0 });
    });
  });

  describe('with errors.isShell false (the SDK throws what it would resolve)', () => {
    it.each([
      ['a 401 body', { status: 401, message: 'Unauthorized' }, 'auth'],
      ['a 500 body', { status: 500, message: 'Internal server error' }, 'http'],
      ['a refused connection', 'refused', 'network'],
      ['a body that is not JSON', 'not-json', 'invalid_response'],
    ] as const)('%s is still a %s error', async (_label, failure, kind) => {
      const { fetcher } = await fetcherFor({ isShell: false }, failure);
      expect((await failureOf(fetcher)).kind).toBe(kind);
    });

    it('a thrown 404 from getSessionById is still "no such session"', async () => {
      const { fetcher } = await fetcherFor({ sessions: 3, isShell: false });
      expect(await fetcher.getSession!('999999', { signal: liveSignal() })).toBeNull();
    });
  });

  describe('a superseded call (the SDK takes no AbortSignal)', () => {
    it('rejects as aborted at once, and its late answer is dropped', async () => {
      const { fetcher } = await fetcherFor({ sessions: 5, latencyMs: 300 });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 20);
      const error = await failureOf(fetcher, controller.signal);
      expect(error.kind).toBe('aborted');
      expect(Date.now() - started).toBeLessThan(250);
      // The SDK's request still completes in the background; nothing surfaces from it.
      await new Promise((resolve) => setTimeout(resolve, 350));
    });
  });

  describe('getSession (Payments.getSessionById)', () => {
    it('resolves the session when found', async () => {
      const { fetcher, records } = await fetcherFor({ sessions: 10, shape: 'current' });
      const record = records[3]!;
      const session = await fetcher.getSession!(String(record.id), { signal: liveSignal() });
      expect(session).toMatchObject({ id: String(record.id), source: 'oneentry', rawStatus: record.status });
      expect(JSON.stringify(session)).not.toContain(record.clientSecret);
    });

    it('resolves null when OneEntry has no such session (404)', async () => {
      const { fetcher } = await fetcherFor({ sessions: 10 });
      expect(await fetcher.getSession!('999999', { signal: liveSignal() })).toBeNull();
    });

    it('resolves null for an id OneEntry cannot have, without calling it', async () => {
      const { fetcher, listCalls } = await fetcherFor({ sessions: 10 });
      for (const id of ['../accounts', '1?x=1', 'ps_123', '', '1e3']) {
        expect(await fetcher.getSession!(id, { signal: liveSignal() })).toBeNull();
      }
      expect(listCalls()).toEqual([]);
    });

    it('throws the mapped error for a failure other than 404', async () => {
      const { fetcher } = await fetcherFor({}, { status: 500, message: 'Internal server error' });
      await expect(fetcher.getSession!('1', { signal: liveSignal() })).rejects.toMatchObject({
        kind: 'http',
        status: 500,
        message: 'OneEntry could not load payment session 1 (HTTP 500): Internal server error',
      });
    });

    it('is a network error on a refused connection', async () => {
      const { fetcher } = await fetcherFor({}, 'refused');
      await expect(fetcher.getSession!('1', { signal: liveSignal() })).rejects.toMatchObject({ kind: 'network' });
    });

    it('rejects as aborted when superseded, without waiting for the SDK', async () => {
      const { fetcher, records } = await fetcherFor({ sessions: 3, latencyMs: 300 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      await expect(fetcher.getSession!(String(records[0]!.id), { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
      await new Promise((resolve) => setTimeout(resolve, 350));
    });
  });
});

describe('the real SDK’s token handling against the fake API', () => {
  async function start() {
    const api = createFakeOneEntryApi({ sessions: 12 });
    const server = await api.listen();
    servers.push(server);
    return { api, server };
  }

  it('refreshes an expired access token and retries once (the caller sees only the page)', async () => {
    const { api, server } = await start();
    const grant = api.signIn();
    const { Payments } = defineOneEntry(server.url, { token: api.appToken, auth: { refreshToken: grant.refreshToken } });
    Payments.setAccessToken(grant.accessToken);
    api.expireAccessTokens();
    const page = await createOneEntryFetcher(Payments)({ page: 1, pageSize: 5 }, { signal: liveSignal() });
    expect(page).toMatchObject({ total: 12 });
    expect(api.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'GET /api/content/payments/sessions/',
      'POST /api/content/users-auth-providers/marker/email/users/refresh',
      'GET /api/content/payments/sessions/',
    ]);
    expect(api.requests[0]?.headers['x-app-token']).toBe(api.appToken);
    expect(api.requests[2]?.headers.authorization).not.toBe(`Bearer ${grant.accessToken}`);
  });

  it('is an auth error once the user’s session is revoked (the refresh is refused too)', async () => {
    const { api, server } = await start();
    const grant = api.signIn();
    const { Payments } = defineOneEntry(server.url, { token: api.appToken, auth: { refreshToken: grant.refreshToken } });
    Payments.setAccessToken(grant.accessToken);
    grant.revoke();
    const error = await failureOf(createOneEntryFetcher(Payments));
    expect(error).toMatchObject({ kind: 'auth', status: 401, message: 'OneEntry refused access to payment sessions (HTTP 401): Unauthorized' });
  });

  it('is an auth error with a wrong app token', async () => {
    const { api, server } = await start();
    const grant = api.signIn();
    const { Payments } = defineOneEntry(server.url, { token: 'not-the-project-token' });
    Payments.setAccessToken(grant.accessToken);
    expect(await failureOf(createOneEntryFetcher(Payments))).toMatchObject({ kind: 'auth', status: 403 });
  });
});
