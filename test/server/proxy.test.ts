import { describe, expect, it } from 'vitest';
import {
  createTruemedProxy,
  type TruemedProxyErrorInfo,
  type TruemedProxyOptions,
} from 'react-payment-sessions/server';
import { MAX_TEXT_PARAM_LENGTH } from '../../src/adapters/truemed/params';
import { TRUEMED_QUERY_PARAMS, type TruemedParamType, type TruemedQueryParam } from '../../src/adapters/truemed/wire';

const API_KEY = 'tm_live_9f8e7d6c5b4a3210_SERVER_ONLY';
const PORTAL = 'https://portal.example';

interface UpstreamCall {
  url: URL;
  headers: Headers;
  init: RequestInit;
}

type Answer = (call: UpstreamCall) => Response | Promise<Response>;

const LIST_BODY = {
  payment_sessions: [
    { id: 'ps_1', kind: 'one_time_payment', status: 'captured', created_on: '2026-01-02T03:04:05Z', total_amount: 1999 },
  ],
  pagination: { current_page: 1, page_size: 30, count: 1, last_page: 1 },
};

/** A proxy over a recording upstream `fetch`; every `onError` call is kept too. */
function setup(answer: Answer = () => Response.json(LIST_BODY), options: Partial<TruemedProxyOptions> = {}) {
  const calls: UpstreamCall[] = [];
  const errors: TruemedProxyErrorInfo[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const call = { url: new URL(String(input)), headers: new Headers(init.headers), init };
    calls.push(call);
    return answer(call);
  };
  const proxy = createTruemedProxy({
    apiKey: API_KEY,
    authorize: () => true,
    fetch,
    onError: (info) => errors.push(info),
    ...options,
  });
  const get = (pathAndQuery = '/api/payment-sessions', init?: RequestInit) => proxy(new Request(`${PORTAL}${pathAndQuery}`, init));
  return { proxy, get, calls, errors };
}

/** Rejects when the upstream call is aborted, never resolves otherwise: a hung Truemed. */
const hangUntilAborted: Answer = ({ init }) =>
  new Promise((_, reject) => {
    init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
  });

async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe('createTruemedProxy options', () => {
  const authorize = () => true;

  it.each([
    ['an empty key', ''],
    ['a non-string key', 42],
    ['a missing key', undefined],
  ])('refuses %s', (_label, apiKey) => {
    expect(() => createTruemedProxy({ apiKey, authorize } as unknown as TruemedProxyOptions)).toThrow(
      new TypeError('apiKey is required: pass your Truemed server-to-server key (e.g. process.env.TRUEMED_API_KEY).'),
    );
  });

  it('refuses a key with stray whitespace without quoting the key', () => {
    for (const apiKey of [` ${API_KEY}`, `${API_KEY}\n`, `${API_KEY} x`]) {
      let thrown: unknown;
      try {
        createTruemedProxy({ apiKey, authorize });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect((thrown as Error).message).toMatch(/whitespace/);
      expect((thrown as Error).message).not.toContain(API_KEY);
    }
  });

  it('requires authorize', () => {
    expect(() => createTruemedProxy({ apiKey: API_KEY } as TruemedProxyOptions)).toThrow(
      /^authorize is required: pass your own session check/,
    );
    expect(() => createTruemedProxy({ apiKey: API_KEY, authorize: true } as unknown as TruemedProxyOptions)).toThrow(TypeError);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '50'])('refuses maxPageSize %p', (maxPageSize) => {
    expect(() => createTruemedProxy({ apiKey: API_KEY, authorize, maxPageSize } as TruemedProxyOptions)).toThrow(/maxPageSize/);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])('refuses timeoutMs %p', (timeoutMs) => {
    expect(() => createTruemedProxy({ apiKey: API_KEY, authorize, timeoutMs })).toThrow(/timeoutMs/);
  });

  it.each([
    ['not a url', /absolute http\(s\) URL/],
    ['ftp://files.example', /ftp: scheme/],
    ['javascript:alert(1)', /javascript: scheme/],
    ['https://user:pass@api.example', /credentials/],
    ['https://api.example/?x=1', /query or a fragment/],
  ])('refuses baseUrl %p', (baseUrl, message) => {
    expect(() => createTruemedProxy({ apiKey: API_KEY, authorize, baseUrl })).toThrow(message);
  });

  it('refuses a fetch or onError that is not a function', () => {
    expect(() => createTruemedProxy({ apiKey: API_KEY, authorize, fetch: 'x' } as unknown as TruemedProxyOptions)).toThrow(/fetch/);
    expect(() => createTruemedProxy({ apiKey: API_KEY, authorize, onError: 1 } as unknown as TruemedProxyOptions)).toThrow(/onError/);
  });

  it('returns a bare function that carries nothing of the key', () => {
    const proxy = createTruemedProxy({ apiKey: API_KEY, authorize });
    expect(Object.keys(proxy)).toEqual([]);
    expect(Object.getOwnPropertyNames(proxy).sort()).toEqual(['length', 'name']);
    expect(String(proxy)).not.toContain(API_KEY);
    expect(JSON.stringify(Object.getOwnPropertyDescriptors(proxy))).not.toContain(API_KEY);
  });
});

describe('methods', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])('answers %s with 405 and Allow, before authorize', async (method) => {
    let authorizeCalls = 0;
    const { proxy, calls } = setup(undefined, {
      authorize: () => {
        authorizeCalls += 1;
        return true;
      },
    });
    const response = await proxy(new Request(`${PORTAL}/api/payment-sessions`, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await jsonOf(response)).toMatchObject({ error: 'MethodNotAllowed' });
    expect(calls).toHaveLength(0);
    expect(authorizeCalls).toBe(0);
  });

  it('answers HEAD like GET, without a body, calling Truemed with GET', async () => {
    const { proxy, calls } = setup();
    const response = await proxy(new Request(`${PORTAL}/api/payment-sessions?page=2`, { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.url.searchParams.get('page')).toBe('2');
  });
});

describe('authorize', () => {
  it('passes the incoming request to authorize and lets only `true` through', async () => {
    const seen: Request[] = [];
    const { get, calls } = setup(undefined, {
      authorize: (request) => {
        seen.push(request);
        return request.headers.get('cookie') === 'session=admin';
      },
    });
    const allowed = await get('/api/payment-sessions', { headers: { cookie: 'session=admin' } });
    expect(allowed.status).toBe(200);
    expect(seen[0]?.url).toBe(`${PORTAL}/api/payment-sessions`);

    const denied = await get('/api/payment-sessions', { headers: { cookie: 'session=guest' } });
    expect(denied.status).toBe(401);
    expect(await jsonOf(denied)).toEqual({
      error: 'Unauthorized',
      message: 'Sign in with an account allowed to view payment sessions.',
    });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['false', () => false],
    ['a resolved false', async () => false],
    ['a truthy non-boolean', () => 'yes' as unknown as boolean],
    ['a resolved user object', async () => ({ id: 'u1' }) as unknown as boolean],
  ])('answers 401 without calling Truemed for %s', async (_label, authorize) => {
    const { get, calls } = setup(undefined, { authorize });
    const response = await get();
    expect(response.status).toBe(401);
    expect(calls).toHaveLength(0);
  });

  it('answers 401 when authorize throws or rejects, and reports it', async () => {
    const throwing = setup(undefined, {
      authorize: () => {
        throw new Error('session store down');
      },
    });
    expect((await throwing.get()).status).toBe(401);
    expect(throwing.calls).toHaveLength(0);
    expect(throwing.errors).toEqual([
      { reason: 'authorize_threw', status: 401, message: 'authorize threw: Error: session store down' },
    ]);

    const rejecting = setup(undefined, { authorize: () => Promise.reject(new TypeError('bad token')) });
    expect((await rejecting.get()).status).toBe(401);
    expect(rejecting.calls).toHaveLength(0);
  });

  it('checks authorization before the query, so anonymous callers cannot probe parameter rules', async () => {
    const { get } = setup(undefined, { authorize: () => false });
    const response = await get('/api/payment-sessions?page=abc');
    expect(response.status).toBe(401);
  });
});

describe('query parameters', () => {
  it.each([
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['page=2000000', 'page'],
    ['page_size=-1', 'page_size'],
    ['page_size=1.5', 'page_size'],
    ['filter_pending=yes', 'filter_pending'],
    ['include_refunds=', 'include_refunds'],
    ['created_on_start=notadate', 'created_on_start'],
    ['captured_on_end=2026-13-45', 'captured_on_end'],
    ['kind=bogus', 'kind'],
    ['status=bogus', 'status'],
    ['status=captured,bogus', 'status'],
    [`search=${'x'.repeat(201)}`, 'search'],
    ['search=line%0Abreak', 'search'],
    ['payment_token=has%20spaces', 'payment_token'],
    ['page=1&page=2', 'page'],
  ])('answers %s with a 400 naming %s, without calling Truemed', async (query, param) => {
    const { get, calls } = setup();
    const response = await get(`/api/payment-sessions?${query}`);
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body.error).toBe('InvalidParameter');
    expect(body.param).toBe(param);
    expect(body.message).toContain(param);
    expect(calls).toHaveLength(0);
  });

  /** Values every parameter of a type must refuse; `string` parameters have their own, by name. */
  const BAD_BY_TYPE = {
    page: ['0', '-1', '1.5', 'abc', '2000000'],
    pageSize: ['0', '-1', '1.5', 'abc'],
    boolean: ['maybe', ''],
    datetime: ['2024-02-30', '2023-02-29', '2026-04-31T10:00:00Z', '2026-13-01', 'yesterday', '1'],
    kindList: ['bogus', 'one_time_payment,bogus'],
    statusList: ['bogus', 'captured,bogus'],
    string: [`${'x'.repeat(MAX_TEXT_PARAM_LENGTH + 1)}`, 'line\nbreak'],
  } satisfies Record<TruemedParamType, string[]>;
  const BAD_BY_NAME: Partial<Record<TruemedQueryParam, string[]>> = {
    payment_token: ['has spaces', 'tok;drop', 'tok<script>'],
  };
  const badValues = (Object.entries(TRUEMED_QUERY_PARAMS) as Array<[TruemedQueryParam, TruemedParamType]>).flatMap(
    ([name, type]) => [...BAD_BY_TYPE[type], ...(BAD_BY_NAME[name] ?? [])].map((value) => [name, value] as const),
  );

  it('has bad values for every documented parameter', () => {
    const covered = new Set(badValues.map(([name]) => name));
    expect([...covered].sort()).toEqual(Object.keys(TRUEMED_QUERY_PARAMS).sort());
  });

  it.each(badValues)('answers %s=%j with a 400 naming it, without calling Truemed', async (name, value) => {
    const { get, calls } = setup();
    const response = await get(`/api/payment-sessions?${new URLSearchParams([[name, value]])}`);
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body).toMatchObject({ error: 'InvalidParameter', param: name });
    expect(body.message).toContain(name);
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['2024-02-29', '2024-02-29'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['2026-04-30T10:00:00+02:00', '2026-04-30T08:00:00.000Z'],
    ['2026-12-31 08:00', '2026-12-31T08:00:00.000Z'],
    ['2026-12-31T08:00:00.123456789+0530', '2026-12-31T02:30:00.123Z'],
  ])('accepts the real calendar date %j and forwards the instant it validated, %j', async (value, forwarded) => {
    const { get, calls } = setup();
    const response = await get(`/api/payment-sessions?${new URLSearchParams([['created_on_start', value]])}`);
    expect(response.status).toBe(200);
    expect(calls[0]?.url.searchParams.get('created_on_start')).toBe(forwarded);
  });

  it('drops undocumented parameters and forwards the documented ones normalized', async () => {
    const { get, calls } = setup();
    const query = new URLSearchParams([
      ['page', '003'],
      ['page_size', '25'],
      ['filter_pending', '1'],
      ['filter_voided', 'FALSE'],
      ['status', 'captured,authorized,captured'],
      ['kind', 'authorization'],
      ['search', 'ada@example.com'],
      ['created_on_start', '2026-01-01'],
      ['captured_on_end', '2026-01-31T23:59:59Z'],
      ['payment_token', 'tok_ABC-123'],
      ['include_order_items', 'true'],
      ['api_key', 'smuggled'],
      ['x-truemed-api-key', 'smuggled'],
      ['__proto__', 'x'],
      ['callback', 'https://evil.example'],
    ]);
    const response = await get(`/v1/anything/at/all?${query}`);
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    const sent = calls[0]!.url;
    expect(`${sent.origin}${sent.pathname}`).toBe('https://api.truemed.com/payments/v1/payment_sessions');
    expect(Object.fromEntries(sent.searchParams)).toEqual({
      page: '3',
      page_size: '25',
      filter_pending: 'true',
      filter_voided: 'false',
      status: 'captured,authorized',
      kind: 'authorization',
      search: 'ada@example.com',
      created_on_start: '2026-01-01',
      captured_on_end: '2026-01-31T23:59:59.000Z',
      payment_token: 'tok_ABC-123',
      include_order_items: 'true',
    });
  });

  it('calls the bare list URL when no parameter is left', async () => {
    const { get, calls } = setup();
    await get('/api/payment-sessions?utm_source=mail');
    expect(calls[0]?.url.href).toBe('https://api.truemed.com/payments/v1/payment_sessions');
  });

  it('keeps a base URL path prefix and ignores trailing slashes', async () => {
    const { get, calls } = setup(undefined, { baseUrl: 'http://gateway.internal:8080/truemed//' });
    await get('/api/payment-sessions?page=2');
    expect(calls[0]?.url.href).toBe('http://gateway.internal:8080/truemed/payments/v1/payment_sessions?page=2');
  });

  it.each([
    [{}, 'page_size=100', '100'],
    [{}, 'page_size=20', '20'],
    [{ maxPageSize: 50 }, 'page=3&page_size=50', '50'],
    [{ maxPageSize: 10 }, 'page=2', '10'],
    [{}, 'page=2', null],
  ])('with %o, %s reaches Truemed as page_size=%s', async (options, query, expected) => {
    const { get, calls } = setup(undefined, options);
    expect((await get(`/api/payment-sessions?${query}`)).status).toBe(200);
    expect(calls[0]?.url.searchParams.get('page_size')).toBe(expected);
  });

  // A silently lowered page_size would shift every later page (page 2 of 100 at 50 is rows 51–100).
  it.each([
    [{}, 'page_size=500', 100],
    [{}, 'page=2&page_size=101', 100],
    [{ maxPageSize: 50 }, 'page_size=51', 50],
    [{ maxPageSize: 50 }, 'page=2&page_size=100', 50],
  ])('with %o, refuses %s with a 400 naming page_size and its limit, without calling Truemed', async (options, query, max) => {
    const { get, calls } = setup(undefined, options);
    const response = await get(`/api/payment-sessions?${query}`);
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body).toMatchObject({ error: 'InvalidParameter', param: 'page_size' });
    expect(body.message).toContain('page_size');
    expect(body.message).toContain(String(max));
    expect(calls).toHaveLength(0);
  });
});

describe('headers sent to Truemed', () => {
  it('forwards only accept, and adds the server key (a client-sent key cannot override it)', async () => {
    const { get, calls } = setup();
    await get('/api/payment-sessions', {
      headers: {
        accept: 'application/json',
        cookie: 'session=abc',
        authorization: 'Bearer user-token',
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-host': 'evil.example',
        'x-real-ip': '203.0.113.9',
        'x-truemed-api-key': 'client-supplied-key',
        'user-agent': 'Mozilla/5.0',
        origin: PORTAL,
        referer: `${PORTAL}/payments`,
      },
    });
    const sent = calls[0]!;
    expect(Object.fromEntries(sent.headers)).toEqual({ accept: 'application/json', 'x-truemed-api-key': API_KEY });
  });

  it('asks for JSON when the client sent no accept header', async () => {
    const { proxy, calls } = setup();
    const request = new Request(`${PORTAL}/x`);
    request.headers.delete('accept');
    await proxy(request);
    expect(calls[0]?.headers.get('accept')).toBe('application/json');
  });

  it('does not follow redirects (they would carry the key elsewhere) and passes a signal', async () => {
    const { get, calls } = setup();
    await get();
    expect(calls[0]?.init.redirect).toBe('manual');
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });
});

describe('timeouts and aborts', () => {
  it('answers 504 and aborts the upstream call after timeoutMs', async () => {
    const { get, calls, errors } = setup(hangUntilAborted, { timeoutMs: 30 });
    const started = Date.now();
    const response = await get();
    expect(response.status).toBe(504);
    expect(await jsonOf(response)).toEqual({
      error: 'UpstreamTimeout',
      message: 'The payment provider took too long to answer. Try again shortly.',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(calls[0]?.init.signal?.aborted).toBe(true);
    expect(errors).toEqual([{ reason: 'upstream_timeout', status: 504, message: 'Truemed did not answer within 30 ms.' }]);
  });

  it('still answers 504 when an injected fetch ignores its signal', async () => {
    const { get } = setup(() => new Promise<Response>(() => {}), { timeoutMs: 20 });
    expect((await get()).status).toBe(504);
  });

  it('times out a body that never finishes', async () => {
    const neverEnding = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"payment_sessions": ['));
      },
    });
    const { get } = setup(() => new Response(neverEnding, { status: 200 }), { timeoutMs: 30 });
    expect((await get()).status).toBe(504);
  });

  it('aborts the upstream call when the client goes away', async () => {
    const client = new AbortController();
    let upstreamStarted!: () => void;
    const started = new Promise<void>((resolve) => (upstreamStarted = resolve));
    const { get, calls, errors } = setup(
      (call) => {
        upstreamStarted();
        return hangUntilAborted(call);
      },
      { timeoutMs: 10_000 },
    );
    const pending = get('/api/payment-sessions', { signal: client.signal });
    await started;
    client.abort();
    const response = await pending;
    expect(calls[0]?.init.signal?.aborted).toBe(true);
    expect(response.status).toBe(499);
    expect(errors).toEqual([]);
  });

  it('does not call Truemed for a request already aborted', async () => {
    const { get, calls } = setup();
    const response = await get('/api/payment-sessions', { signal: AbortSignal.abort() });
    expect(response.status).toBe(499);
    expect(calls).toHaveLength(0);
  });
});

describe('upstream answers', () => {
  it('passes a 2xx JSON body through unchanged when it holds no secrets', async () => {
    const { get } = setup();
    const response = await get();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(LIST_BODY);
  });

  it('strips client secrets at any depth', async () => {
    const { get } = setup(() =>
      Response.json({
        payment_sessions: [
          {
            id: 'ps_1',
            client_secret: 'pi_1_secret_AAA',
            clientSecret: 'pi_1_secret_BBB',
            metadata: { note: 'keep me', nested: [{ client_secret: 'pi_2_secret_CCC', sku: 'A-1' }] },
          },
        ],
        pagination: null,
      }),
    );
    const text = await (await get()).text();
    expect(text).not.toMatch(/secret/i);
    expect(JSON.parse(text)).toEqual({
      payment_sessions: [{ id: 'ps_1', metadata: { note: 'keep me', nested: [{ sku: 'A-1' }] } }],
      pagination: null,
    });
  });

  it('does not pass upstream headers on (cookies, tracing, echoes)', async () => {
    const { get } = setup(() =>
      Response.json(LIST_BODY, { headers: { 'set-cookie': 'tm=1', 'x-request-id': 'abc', server: 'truemed' } }),
    );
    const response = await get();
    expect([...response.headers.keys()].sort()).toEqual(['cache-control', 'content-type', 'x-content-type-options']);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['broken JSON', '{"payment_sessions": ['],
    ['an HTML page', '<html>maintenance</html>'],
    ['a JSON array', '[1, 2]'],
    ['JSON null', 'null'],
    ['an empty body', ''],
  ])('answers 502 UpstreamInvalidResponse for a 2xx with %s', async (_label, text) => {
    const { get, errors } = setup(() => new Response(text, { status: 200 }));
    const response = await get();
    expect(response.status).toBe(502);
    expect(await jsonOf(response)).toEqual({
      error: 'UpstreamInvalidResponse',
      message: 'The payment provider sent an unreadable answer.',
      upstreamStatus: 200,
    });
    expect(errors.map((e) => e.reason)).toEqual(['upstream_invalid_response']);
  });

  it('passes a 400 through with Truemed’s error and message', async () => {
    const { get } = setup(() =>
      Response.json({ error: 'MissingField', message: 'created_on_end must follow created_on_start' }, { status: 400 }),
    );
    const response = await get();
    expect(response.status).toBe(400);
    expect(await jsonOf(response)).toEqual({ error: 'MissingField', message: 'created_on_end must follow created_on_start' });
  });

  it('passes a 404 through', async () => {
    const { get } = setup(() => Response.json({ error: 'NotFound', message: 'No such route.' }, { status: 404 }));
    const response = await get();
    expect(response.status).toBe(404);
    expect(await jsonOf(response)).toEqual({ error: 'NotFound', message: 'No such route.' });
  });

  it('sanitizes a 4xx body: only string fields, one line, bounded, a code that looks like a code', async () => {
    const long = `first line\nsecond\u0007 ${'y'.repeat(400)}`;
    const { get } = setup(() =>
      Response.json({ error: '<script>alert(1)</script>', message: long, stack: 'at secret.js:1', detail: { x: 1 } }, { status: 422 }),
    );
    const body = await jsonOf(await get());
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
    expect(body.error).toBe('UpstreamError');
    const message = body.message as string;
    expect(message.startsWith('first line second ')).toBe(true);
    expect(message).toHaveLength(301);
    expect(message.endsWith('…')).toBe(true);
  });

  it('explains a 4xx whose body is not Truemed’s error JSON', async () => {
    const { get } = setup(() => new Response('<h1>Bad Request</h1>', { status: 400 }));
    const response = await get();
    expect(response.status).toBe(400);
    expect(await jsonOf(response)).toEqual({
      error: 'UpstreamError',
      message: 'The payment provider rejected the request (HTTP 400).',
    });
  });

  it('passes a 429 through with a valid Retry-After', async () => {
    const { get, errors } = setup(() =>
      Response.json({ error: 'RateLimited', message: 'Slow down.' }, { status: 429, headers: { 'retry-after': '30' } }),
    );
    const response = await get();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await jsonOf(response)).toEqual({ error: 'RateLimited', message: 'Slow down.' });
    expect(errors[0]).toMatchObject({ reason: 'upstream_status', status: 429, upstreamStatus: 429 });
  });

  it('passes an HTTP-date Retry-After and drops a malformed one', async () => {
    const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
    const dated = setup(() => new Response('{}', { status: 429, headers: { 'retry-after': date } }));
    expect((await dated.get()).headers.get('retry-after')).toBe(date);
    const bogus = setup(() => new Response('{}', { status: 429, headers: { 'retry-after': '<script>' } }));
    const response = await bogus.get();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it.each([500, 501, 503])('maps a %i to 502 with a safe message and the upstream status', async (status) => {
    const { get, errors } = setup(() =>
      new Response('Traceback (most recent call last): db password=hunter2', { status, headers: { 'retry-after': '5' } }),
    );
    const response = await get();
    expect(response.status).toBe(502);
    expect(await jsonOf(response)).toEqual({
      error: 'UpstreamError',
      message: 'The payment provider failed to answer. Try again shortly.',
      upstreamStatus: status,
    });
    // Only a 503's Retry-After means "come back later".
    expect(response.headers.get('retry-after')).toBe(status === 503 ? '5' : null);
    expect(errors).toEqual([{ reason: 'upstream_status', status: 502, upstreamStatus: status, message: `Truemed answered ${status}.` }]);
  });

  it.each([401, 403])('maps a %i (the server key was refused, not the user) to 502 UpstreamAuthFailed', async (status) => {
    const { get, errors } = setup(() => Response.json({ error: 'Unauthorized', message: 'Invalid API key.' }, { status }));
    const response = await get();
    expect(response.status).toBe(502);
    expect(await jsonOf(response)).toMatchObject({ error: 'UpstreamAuthFailed', upstreamStatus: status });
    expect(errors[0]).toMatchObject({ reason: 'upstream_status', upstreamStatus: status });
  });

  it('treats a redirect as an unexpected answer', async () => {
    const { get } = setup(() => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } }));
    const response = await get();
    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
    expect(await jsonOf(response)).toMatchObject({ error: 'UpstreamInvalidResponse', upstreamStatus: 302 });
  });

  it('answers 502 UpstreamUnavailable on a network failure and reports the cause', async () => {
    const { get, errors } = setup(() => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.1:443') });
    });
    const response = await get();
    expect(response.status).toBe(502);
    expect(await jsonOf(response)).toEqual({
      error: 'UpstreamUnavailable',
      message: 'The payment provider could not be reached. Try again shortly.',
    });
    expect(errors).toEqual([
      {
        reason: 'upstream_unreachable',
        status: 502,
        message: 'Could not reach Truemed: TypeError: fetch failed (cause: Error: connect ECONNREFUSED 10.0.0.1:443)',
      },
    ]);
  });

  it('still answers when onError itself throws', async () => {
    const { get } = setup(() => new Response('', { status: 500 }), {
      onError: () => {
        throw new Error('logger down');
      },
    });
    expect((await get()).status).toBe(502);
  });

  it('looks up globalThis.fetch per call when no fetch is injected', async () => {
    const original = globalThis.fetch;
    const seen: string[] = [];
    globalThis.fetch = async (input) => {
      seen.push(String(input));
      return Response.json(LIST_BODY);
    };
    try {
      const proxy = createTruemedProxy({ apiKey: API_KEY, authorize: () => true, baseUrl: 'https://sandbox.truemed.example' });
      expect((await proxy(new Request(`${PORTAL}/x?page=4`))).status).toBe(200);
    } finally {
      globalThis.fetch = original;
    }
    expect(seen).toEqual(['https://sandbox.truemed.example/payments/v1/payment_sessions?page=4']);
  });
});

describe('the API key never leaves the server', () => {
  /** Upstreams that try hard to echo the key back, plus the proxy's own refusals. */
  const scenarios: Array<{ name: string; answer: Answer; path?: string; init?: RequestInit; options?: Partial<TruemedProxyOptions> }> = [
    { name: 'success', answer: () => Response.json(LIST_BODY) },
    {
      name: 'success echoing the key in the body and headers',
      answer: ({ headers }) =>
        Response.json(
          { payment_sessions: [{ id: 'ps_1', metadata: { note: `sent with ${headers.get('x-truemed-api-key')}` } }], [API_KEY]: 1 },
          { headers: { 'x-echo-key': API_KEY, 'set-cookie': `k=${API_KEY}` } },
        ),
    },
    {
      name: 'success echoing the key URL-encoded',
      answer: ({ url }) => Response.json({ payment_sessions: [], self: `${url.href}&key=${encodeURIComponent(API_KEY)}` }),
    },
    {
      name: '400 quoting the key',
      answer: () => Response.json({ error: API_KEY, message: `Key ${API_KEY} lacks scope` }, { status: 400 }),
    },
    {
      name: '429 with the key in Retry-After',
      answer: () => Response.json({ error: 'RateLimited', message: API_KEY }, { status: 429, headers: { 'retry-after': API_KEY } }),
    },
    { name: '401 from Truemed', answer: () => Response.json({ error: 'Unauthorized', message: `bad key ${API_KEY}` }, { status: 401 }) },
    { name: '500 dumping its request', answer: ({ headers }) => new Response(JSON.stringify(Object.fromEntries(headers)), { status: 500 }) },
    { name: 'invalid JSON containing the key', answer: () => new Response(`{${API_KEY}`, { status: 200 }) },
    {
      name: 'redirect to a URL with the key',
      answer: () => new Response(null, { status: 307, headers: { location: `https://evil.example/?k=${API_KEY}` } }),
    },
    {
      name: 'network error mentioning the key',
      answer: () => {
        throw new TypeError(`fetch failed`, { cause: new Error(`header x-truemed-api-key: ${API_KEY} rejected`) });
      },
    },
    { name: 'timeout', answer: hangUntilAborted, options: { timeoutMs: 10 } },
    { name: 'unauthorized', answer: () => Response.json(LIST_BODY), options: { authorize: () => false } },
    {
      name: 'authorize throwing with the key in its message',
      answer: () => Response.json(LIST_BODY),
      options: {
        authorize: () => {
          throw new Error(`cannot verify ${API_KEY}`);
        },
      },
    },
    { name: 'bad parameter', answer: () => Response.json(LIST_BODY), path: `/x?page_size=${API_KEY}` },
    { name: 'method not allowed', answer: () => Response.json(LIST_BODY), init: { method: 'POST', body: API_KEY } },
  ];

  it(`holds for all ${scenarios.length} scenarios: bodies, headers and onError`, async () => {
    const statuses: Record<string, number> = {};
    for (const scenario of scenarios) {
      const { get, errors } = setup(scenario.answer, scenario.options);
      const response = await get(scenario.path ?? '/api/payment-sessions', scenario.init);
      statuses[scenario.name] = response.status;
      const visible = [await response.text(), ...[...response.headers].flat(), JSON.stringify(errors)].join('\n');
      for (const form of [API_KEY, encodeURIComponent(API_KEY), API_KEY.slice(0, 16)]) {
        expect(visible, scenario.name).not.toContain(form);
      }
    }
    // The scenarios really took different paths through the proxy.
    expect(new Set(Object.values(statuses))).toEqual(new Set([200, 400, 401, 405, 429, 502, 504]));
  });

  it('redacts the key where Truemed echoes it, keeping the rest of the message', async () => {
    const { get, errors } = setup(() => Response.json({ error: 'Forbidden', message: `Key ${API_KEY} lacks scope` }, { status: 400 }));
    expect(await jsonOf(await get())).toEqual({ error: 'Forbidden', message: 'Key [redacted] lacks scope' });
    expect(errors[0]?.message).toBe('Truemed answered 400: Forbidden: Key [redacted] lacks scope');
  });

  it('redacts a key with special characters in its JSON-escaped and URL-encoded forms too', async () => {
    const oddKey = 'k"ey\\with/specials+=';
    const { get } = setup(
      ({ headers }) => {
        const key = headers.get('x-truemed-api-key') ?? '';
        return Response.json({ payment_sessions: [], note: `echo ${key}`, link: `?k=${encodeURIComponent(key)}` });
      },
      { apiKey: oddKey },
    );
    const text = await (await get()).text();
    expect(JSON.parse(text)).toEqual({ payment_sessions: [], note: 'echo [redacted]', link: '?k=[redacted]' });
    expect(text).not.toContain(JSON.stringify(oddKey).slice(1, -1));
    expect(text).not.toContain(encodeURIComponent(oddKey));
  });
});
