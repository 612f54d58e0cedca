/**
 * The proxy's write routes against a stub Truemed (`options.fetch`): what is refused before the host's
 * session lookup, what `authorize` is asked, what is validated and forwarded, how Truemed's answers come
 * back, what the audit hook hears, and that the key never shows.
 */
import { describe, expect, it } from 'vitest';
import {
  createTruemedProxy,
  type TruemedProxyActionEvent,
  type TruemedProxyErrorInfo,
  type TruemedProxyIntent,
  type TruemedProxyOptions,
} from 'react-payment-sessions/server';

const API_KEY = 'tm_live_actions_7c6b5a4d3e2f1_SERVER_ONLY';
const PORTAL = 'https://portal.example';
const BASE = '/api/truemed';

interface UpstreamCall {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

type Answer = (call: UpstreamCall, init: RequestInit) => Response | Promise<Response>;

const ok: Answer = (call) =>
  Response.json(call.url.endsWith('/payments/v1/refund') ? { refund_id: 'rf_1', amount: 1 } : { id: 'cap_1' });

function setup(answer: Answer = ok, options: Partial<TruemedProxyOptions> = {}) {
  const calls: UpstreamCall[] = [];
  const intents: TruemedProxyIntent[] = [];
  const events: TruemedProxyActionEvent[] = [];
  const errors: TruemedProxyErrorInfo[] = [];
  const proxy = createTruemedProxy({
    apiKey: API_KEY,
    baseUrl: 'https://api.truemed.test/gw',
    actions: ['refund', 'capture', 'void', 'cancel'],
    authorize: (_request, intent) => {
      intents.push(intent);
      return true;
    },
    onAction: (event) => events.push(event),
    onError: (info) => errors.push(info),
    fetch: async (input, init = {}) => {
      const call = {
        url: String(input),
        method: init.method ?? 'GET',
        headers: new Headers(init.headers),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      };
      calls.push(call);
      return answer(call, init);
    },
    ...options,
  });
  /** A write as the browser client sends it: same origin, JSON. */
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    proxy(
      new Request(`${PORTAL}${BASE}${path}`, {
        method: 'POST',
        headers: { origin: PORTAL, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  const get = (path: string) => proxy(new Request(`${PORTAL}${BASE}${path}`));
  return { proxy, post, get, calls, intents, events, errors };
}

const REFUND = { payment_id: 'ps_1', amount: 1200, reason: 'customer_request', idempotency_key: 'key-1' };
const CAPTURE = { total_amount: 5000, idempotency_key: 'key-2' };

describe('write routes when actions are not enabled', () => {
  it.each([
    ['/payments/v1/refund', REFUND],
    ['/payments/v1/payment_session/ps_1/capture', CAPTURE],
    ['/payments/v1/payment_session/ps_1/void', { idempotency_key: 'k' }],
    ['/payments/v1/payment_session/ps_1/cancel', { idempotency_key: 'k' }],
  ])('POST %s is a 404 NotFound, before authorize and without calling Truemed', async (path, body) => {
    const { post, calls, intents, events } = setup(ok, { actions: undefined });
    const response = await post(path, body);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'NotFound' });
    expect(calls).toHaveLength(0);
    expect(intents).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it('serves only the listed actions', async () => {
    const { post, calls } = setup(ok, { actions: ['refund'] });
    expect((await post('/payments/v1/payment_session/ps_1/capture', CAPTURE)).status).toBe(404);
    expect((await post('/payments/v1/refund', REFUND)).status).toBe(200);
    expect(calls.map((call) => call.url)).toEqual(['https://api.truemed.test/gw/payments/v1/refund']);
  });

  it('still answers other POSTs with 405, and GETs as before', async () => {
    const { proxy, get, calls } = setup(() => Response.json({ payment_sessions: [] }));
    const list = await proxy(new Request(`${PORTAL}/api/payment-sessions`, { method: 'POST', body: '{}' }));
    expect(list.status).toBe(405);
    expect(list.headers.get('allow')).toBe('GET, HEAD');
    const session = await proxy(new Request(`${PORTAL}${BASE}/payments/v1/payment_session/ps_1`, { method: 'POST', body: '{}' }));
    expect(session.status).toBe(405);
    // A GET on a write path is the single-session route's bad id, as before.
    expect((await get('/payments/v1/payment_session/ps_1/capture')).status).toBe(400);
    expect(calls).toHaveLength(0);
  });

  it('refuses an unknown action name or a malformed origin at creation', () => {
    const base = { apiKey: API_KEY, authorize: () => true };
    expect(() => createTruemedProxy({ ...base, actions: ['delete'] as never })).toThrow(/actions must be a list/);
    expect(() => createTruemedProxy({ ...base, allowedOrigins: ['https://admin.example/'] })).toThrow(/allowedOrigins/);
    expect(() => createTruemedProxy({ ...base, allowedOrigins: ['null'] })).toThrow(/allowedOrigins/);
    expect(() => createTruemedProxy({ ...base, onAction: 'log' as never })).toThrow(/onAction must be a function/);
  });
});

describe('cross-site defence', () => {
  it.each([
    ['no Origin', { origin: '' }],
    ['another Origin', { origin: 'https://evil.example' }],
    ['a look-alike Origin', { origin: 'https://portal.example.evil.example' }],
    ['the same Origin over http', { origin: 'http://portal.example' }],
    ['Origin null (a sandboxed frame)', { origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }],
  ])('refuses %s with 403 CrossSiteRequest, before authorize, without an audit event', async (_name, headers) => {
    const { proxy, calls, intents, events } = setup();
    const init = new Headers({ origin: PORTAL, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
    for (const [name, value] of Object.entries(headers)) {
      if (value === '') init.delete(name);
      else init.set(name, value);
    }
    const response = await proxy(
      new Request(`${PORTAL}${BASE}/payments/v1/refund`, { method: 'POST', headers: init, body: JSON.stringify(REFUND) }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'CrossSiteRequest' });
    expect(calls).toHaveLength(0);
    expect(intents).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it.each([
    ['text/plain (what an HTML form can post)', 'text/plain'],
    ['a urlencoded form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['JSON look-alike', 'application/jsonp'],
  ])('refuses %s with 415, before authorize', async (_name, contentType) => {
    const { post, calls, intents } = setup();
    const response = await post('/payments/v1/refund', REFUND, { 'content-type': contentType });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'UnsupportedMediaType' });
    expect(calls).toHaveLength(0);
    expect(intents).toHaveLength(0);
  });

  it('accepts application/json with parameters, and a request without Sec-Fetch-Site (an older browser)', async () => {
    const { proxy, calls } = setup();
    const response = await proxy(
      new Request(`${PORTAL}${BASE}/payments/v1/refund`, {
        method: 'POST',
        headers: { origin: PORTAL, 'content-type': 'Application/JSON; charset=utf-8' },
        body: JSON.stringify(REFUND),
      }),
    );
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('accepts an origin listed in allowedOrigins, even cross-site; no other', async () => {
    const { post, calls } = setup(ok, { allowedOrigins: ['https://admin.example'] });
    expect((await post('/payments/v1/refund', REFUND, { origin: 'https://admin.example', 'sec-fetch-site': 'same-site' })).status).toBe(200);
    expect((await post('/payments/v1/refund', REFUND, { origin: 'https://other.example', 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect(calls).toHaveLength(1);
  });
});

describe('authorize, per action', () => {
  /** A viewer may look; only an admin may write. A request without a role cookie is not signed in. */
  const byRole: TruemedProxyOptions['authorize'] = (request, intent) => {
    const role = /role=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];
    if (role === undefined) throw new Error('not signed in');
    return intent.action === 'list' || intent.action === 'read' || role === 'admin';
  };

  it('lets a viewer list and read, and refuses the viewer’s refund with 403 Forbidden without calling Truemed', async () => {
    const { proxy, post, calls, events } = setup(
      (call) => (call.method === 'GET' ? Response.json({ payment_sessions: [], id: 'ps_1' }) : Response.json({ refund_id: 'rf_1' })),
      { authorize: byRole },
    );
    const viewer = { cookie: 'role=viewer' };
    expect((await proxy(new Request(`${PORTAL}${BASE}/payments/v1/payment_sessions`, { headers: viewer }))).status).toBe(200);
    expect((await proxy(new Request(`${PORTAL}${BASE}/payments/v1/payment_session/ps_1`, { headers: viewer }))).status).toBe(200);
    const refund = await post('/payments/v1/refund', REFUND, viewer);
    expect(refund.status).toBe(403);
    expect(await refund.json()).toMatchObject({ error: 'Forbidden' });
    expect(calls.map((call) => call.method)).toEqual(['GET', 'GET']);
    expect(events).toMatchObject([{ action: 'refund', outcome: 'forbidden', status: 403, code: 'Forbidden', sessionId: 'ps_1' }]);

    expect((await post('/payments/v1/refund', REFUND, { cookie: 'role=admin' })).status).toBe(200);
    expect(calls.map((call) => call.method)).toEqual(['GET', 'GET', 'POST']);
  });

  it('answers 401 (and reports to onError) when authorize throws: nobody is signed in', async () => {
    const { post, calls, errors, events } = setup(ok, { authorize: byRole });
    const response = await post('/payments/v1/payment_session/ps_1/void', { idempotency_key: 'k1' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'Unauthorized' });
    expect(calls).toHaveLength(0);
    expect(errors).toMatchObject([{ reason: 'authorize_threw', status: 401 }]);
    expect(events).toMatchObject([{ action: 'void', outcome: 'forbidden', status: 401 }]);
  });

  it('treats anything but true as a no', async () => {
    const { post, calls } = setup(ok, { authorize: (() => 'yes') as never });
    expect((await post('/payments/v1/refund', REFUND)).status).toBe(403);
    expect(calls).toHaveLength(0);
  });

  it('receives the action, the session and the amount for every call, reads included', async () => {
    const { post, get, intents } = setup((call) => (call.method === 'GET' ? Response.json({ payment_sessions: [] }) : ok(call, {})));
    await get('/payments/v1/payment_sessions?page=1');
    await get('/payments/v1/payment_session/ps_9');
    await get('/payments/v1/payment_session/bad%2Fid');
    await post('/payments/v1/refund', REFUND);
    await post('/payments/v1/payment_session/ps_2/capture', CAPTURE);
    await post('/payments/v1/payment_session/ps_3/void', { idempotency_key: 'k' });
    await post('/payments/v1/payment_session/ps_4/cancel', { idempotency_key: 'k' });
    expect(intents).toEqual([
      { action: 'list' },
      { action: 'read', sessionId: 'ps_9' },
      { action: 'read' },
      { action: 'refund', sessionId: 'ps_1', amount: 1200 },
      { action: 'capture', sessionId: 'ps_2', amount: 5000 },
      { action: 'void', sessionId: 'ps_3' },
      { action: 'cancel', sessionId: 'ps_4' },
    ]);
  });

  it('is given only valid values, and says nothing about validity to a caller it refuses', async () => {
    const { post, intents, calls } = setup(ok, {
      authorize: (_request, intent) => {
        intents.push(intent);
        return false;
      },
    });
    const response = await post('/payments/v1/refund', { ...REFUND, payment_id: '../x', amount: 1.5 });
    expect(response.status).toBe(403);
    expect(intents).toEqual([{ action: 'refund' }]);
    expect(calls).toHaveLength(0);
  });

  it('lets a host cap amounts per role: a support refund above $100 is a 403, below it goes through', async () => {
    const { post, calls } = setup(ok, {
      authorize: (_request, intent) => intent.action === 'refund' && (intent.amount ?? Infinity) <= 100_00,
    });
    expect((await post('/payments/v1/refund', { ...REFUND, amount: 100_01 })).status).toBe(403);
    expect((await post('/payments/v1/refund', { ...REFUND, amount: 100_00 })).status).toBe(200);
    expect(calls).toHaveLength(1);
  });
});

describe('validation', () => {
  const refundCases: [string, unknown, string | undefined][] = [
    ['a float amount', { ...REFUND, amount: 12.5 }, 'amount'],
    ['a negative amount', { ...REFUND, amount: -100 }, 'amount'],
    ['a zero amount', { ...REFUND, amount: 0 }, 'amount'],
    ['an amount above 10^12', { ...REFUND, amount: 1e12 + 1 }, 'amount'],
    ['an amount as text', { ...REFUND, amount: '1200' }, 'amount'],
    ['a missing amount', { ...REFUND, amount: undefined }, 'amount'],
    ['an unknown reason', { ...REFUND, reason: 'changed_mind' }, 'reason'],
    ['a missing idempotency key', { ...REFUND, idempotency_key: undefined }, 'idempotency_key'],
    ['an empty idempotency key', { ...REFUND, idempotency_key: '' }, 'idempotency_key'],
    ['an idempotency key of 256 characters', { ...REFUND, idempotency_key: 'k'.repeat(256) }, 'idempotency_key'],
    ['an idempotency key with a space', { ...REFUND, idempotency_key: 'a b' }, 'idempotency_key'],
    ['a payment id with a slash', { ...REFUND, payment_id: 'ps_1/../x' }, 'payment_id'],
    ['a payment id with dots', { ...REFUND, payment_id: '..' }, 'payment_id'],
    ['a missing payment id', { ...REFUND, payment_id: undefined }, 'payment_id'],
    ['101 items', { ...REFUND, item_details: Array.from({ length: 101 }, () => ({ quantity: 1 })) }, 'item_details'],
    ['items that are not a list', { ...REFUND, item_details: { quantity: 1 } }, 'item_details'],
    ['an item with quantity 0', { ...REFUND, item_details: [{ quantity: 1 }, { quantity: 0 }] }, 'item_details.1.quantity'],
    ['an item with a float amount', { ...REFUND, item_details: [{ quantity: 1, amount: 0.5 }] }, 'item_details.0.amount'],
    ['an item with a control character in its name', { ...REFUND, item_details: [{ quantity: 1, name: 'a\u0000b' }] }, 'item_details.0.name'],
    ['a list instead of an object', [REFUND], undefined],
    ['null', null, undefined],
  ];

  it.each(refundCases)('refuses a refund with %s: 400 InvalidBody naming the field, Truemed not called', async (_name, body, param) => {
    const { post, calls, events } = setup();
    const response = await post('/payments/v1/refund', body);
    expect(response.status).toBe(400);
    const json = await response.json();
    expect(json.error).toBe('InvalidBody');
    expect(json.param).toBe(param);
    expect(typeof json.message).toBe('string');
    expect(calls).toHaveLength(0);
    expect(events).toMatchObject([{ action: 'refund', outcome: 'invalid', status: 400, code: 'InvalidBody' }]);
  });

  it.each([
    ['a float total_amount', { ...CAPTURE, total_amount: 49.99 }, 'total_amount'],
    ['a negative total_amount', { ...CAPTURE, total_amount: -1 }, 'total_amount'],
    ['a missing total_amount', { idempotency_key: 'k' }, 'total_amount'],
    ['a missing idempotency key', { total_amount: 100 }, 'idempotency_key'],
  ])('refuses a capture with %s', async (_name, body, param) => {
    const { post, calls } = setup();
    const response = await post('/payments/v1/payment_session/ps_1/capture', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'InvalidBody', param });
    expect(calls).toHaveLength(0);
  });

  it.each(['void', 'cancel'])('refuses a %s without an idempotency key, or with an empty body', async (action) => {
    const { post, calls } = setup();
    expect(await (await post(`/payments/v1/payment_session/ps_1/${action}`, {})).json()).toMatchObject({ param: 'idempotency_key' });
    const empty = await post(`/payments/v1/payment_session/ps_1/${action}`, '');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: 'InvalidBody' });
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['an encoded slash', 'ps_1%2F..%2Fpayment_sessions'],
    ['a dot-dot inside the id', '..%2Fx'],
    ['a further segment', 'ps_1/extra'],
    ['dots', 'ps.1'],
    ['an empty id', ''],
    ['129 characters', 'a'.repeat(129)],
  ])('refuses a session id with %s in the path: 400 InvalidParameter naming id', async (_name, id) => {
    const { post, calls } = setup();
    const response = await post(`/payments/v1/payment_session/${id}/capture`, CAPTURE);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'InvalidParameter', param: 'id' });
    expect(calls).toHaveLength(0);
  });

  it('never reaches Truemed with an encoded dot-dot id: the URL parser resolves it, leaving no write route', async () => {
    const { post, calls } = setup();
    const response = await post('/payments/v1/payment_session/%2E%2E/capture', CAPTURE);
    expect(response.status).toBe(405);
    expect(calls).toHaveLength(0);
  });

  it('refuses a body that is not JSON, or not UTF-8', async () => {
    const { post, proxy, calls } = setup();
    expect(await (await post('/payments/v1/refund', '{"amount": 12')).json()).toMatchObject({ error: 'InvalidBody' });
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    const response = await proxy(
      new Request(`${PORTAL}${BASE}/payments/v1/refund`, {
        method: 'POST',
        headers: { origin: PORTAL, 'content-type': 'application/json' },
        body: bytes,
      }),
    );
    expect(response.status).toBe(400);
    expect(calls).toHaveLength(0);
  });

  it('refuses a body over 16 KiB without reading all of it', async () => {
    const { proxy, calls } = setup();
    let pulled = 0;
    const chunk = new TextEncoder().encode(`{"pad":"${'x'.repeat(4096)}`);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    const response = await proxy(
      new Request(`${PORTAL}${BASE}/payments/v1/refund`, {
        method: 'POST',
        headers: { origin: PORTAL, 'content-type': 'application/json' },
        body: endless,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'InvalidBody', message: expect.stringMatching(/16384 bytes/) });
    expect(pulled).toBeLessThan(10);
    expect(calls).toHaveLength(0);
  });

  it('accepts a body of just under 16 KiB', async () => {
    const { post, calls } = setup();
    const items = Array.from({ length: 100 }, (_, index) => ({ name: 'n'.repeat(100), sku: `sku-${index}`, quantity: 1, amount: 1 }));
    const body = JSON.stringify({ ...REFUND, item_details: items });
    expect(body.length).toBeLessThan(16 * 1024);
    expect((await post('/payments/v1/refund', body)).status).toBe(200);
    expect(calls).toHaveLength(1);
  });
});

describe('what reaches Truemed', () => {
  it('forwards a refund to /payments/v1/refund, body rebuilt from the validated fields, key and idempotency key added', async () => {
    const { post, calls } = setup();
    const response = await post(
      '/payments/v1/refund',
      {
        ...REFUND,
        item_details: [{ name: 'Mat', sku: 'M-1', quantity: 2, amount: 600, price_override: 1 }],
        metadata: { note: 'x' },
        force: true,
        __proto__: { amount: 999 },
      },
      { cookie: 'sid=secret', authorization: 'Bearer user', 'idempotency-key': 'other' },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ refund_id: 'rf_1', amount: 1 });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe('https://api.truemed.test/gw/payments/v1/refund');
    expect(call!.method).toBe('POST');
    expect(call!.body).toEqual({
      payment_id: 'ps_1',
      amount: 1200,
      reason: 'customer_request',
      idempotency_key: 'key-1',
      item_details: [{ name: 'Mat', sku: 'M-1', quantity: 2, amount: 600 }],
    });
    expect(call!.headers.get('x-truemed-api-key')).toBe(API_KEY);
    expect(call!.headers.get('content-type')).toBe('application/json');
    // The body's key is the one that counts; the header repeats it.
    expect(call!.headers.get('idempotency-key')).toBe('key-1');
    expect(call!.headers.get('cookie')).toBeNull();
    expect(call!.headers.get('authorization')).toBeNull();
  });

  it.each([
    ['capture', CAPTURE, { total_amount: 5000, idempotency_key: 'key-2' }],
    ['void', { idempotency_key: 'v:1', extra: 1 }, { idempotency_key: 'v:1' }],
    ['cancel', { idempotency_key: 'c.1', total_amount: 5 }, { idempotency_key: 'c.1' }],
  ])('forwards a %s to the session’s path with only its own fields', async (action, body, forwarded) => {
    const { post, calls } = setup(() => Response.json({ id: 'cap_7' }));
    const response = await post(`/payments/v1/payment_session/ps_A-1/${action}`, body);
    expect(response.status).toBe(200);
    expect(calls[0]!.url).toBe(`https://api.truemed.test/gw/payments/v1/payment_session/ps_A-1/${action}`);
    expect(calls[0]!.body).toEqual(forwarded);
  });

  it('sends the same idempotency key again on a retry, so Truemed can answer it once', async () => {
    const { post, calls } = setup();
    await post('/payments/v1/refund', REFUND);
    await post('/payments/v1/refund', REFUND);
    expect(calls.map((call) => [(call.body as { idempotency_key: string }).idempotency_key, call.headers.get('idempotency-key')])).toEqual([
      ['key-1', 'key-1'],
      ['key-1', 'key-1'],
    ]);
  });

  it('strips clientSecret-like keys from Truemed’s success', async () => {
    const { post } = setup(() => Response.json({ refund_id: 'rf_2', client_secret: 'cs_x' }));
    expect(await (await post('/payments/v1/refund', REFUND)).json()).toEqual({ refund_id: 'rf_2' });
  });
});

describe('Truemed’s answers', () => {
  it.each([
    'MissingField',
    'TotalAmountInvalid',
    'PaymentSessionDoesNotExist',
    'ServerError',
    'SessionVoided',
    'SessionExpired',
    'SessionPending',
    'SessionCaptured',
  ])('passes capture’s 400 %s on with its code and message', async (code) => {
    const { post, events } = setup(() => Response.json({ error: code, message: `Truemed says ${code}.` }, { status: 400 }));
    const response = await post('/payments/v1/payment_session/ps_1/capture', CAPTURE);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: code, message: `Truemed says ${code}.` });
    expect(events).toMatchObject([{ action: 'capture', outcome: 'rejected', status: 400, code, sessionId: 'ps_1', amountMinor: 5000 }]);
  });

  it.each(['MissingField', 'AmountInvalid', 'InvalidPaymentId', 'ChargeDisputed', 'NoSessionCaptures'])(
    'passes refund’s 400 %s on',
    async (code) => {
      const { post } = setup(() => Response.json({ error: code, message: 'No.' }, { status: 400 }));
      expect(await (await post('/payments/v1/refund', REFUND)).json()).toEqual({ error: code, message: 'No.' });
    },
  );

  it('sanitizes Truemed’s error: a code that is not a plain word becomes UpstreamError; the message is one capped line, key redacted', async () => {
    const { post } = setup(() =>
      Response.json({ error: '<img src=x>', message: `line one\nkey ${API_KEY} ${'x'.repeat(400)}` }, { status: 400 }),
    );
    const body = await (await post('/payments/v1/refund', REFUND)).json();
    expect(body.error).toBe('UpstreamError');
    expect(body.message).not.toContain('\n');
    expect(body.message).not.toContain(API_KEY);
    expect(body.message).toContain('[redacted]');
    expect(body.message.length).toBeLessThanOrEqual(301);
    const dotted = setup(() => Response.json({ error: 'Session.Voided', message: 'x' }, { status: 400 }));
    expect(await (await dotted.post('/payments/v1/refund', REFUND)).json()).toMatchObject({ error: 'UpstreamError' });
  });

  it('passes a 429 on with a valid Retry-After; the write is rejected, not unknown', async () => {
    const { post, events } = setup(() => Response.json({ error: 'RateLimited', message: 'Slow down' }, { status: 429, headers: { 'retry-after': '7' } }));
    const response = await post('/payments/v1/refund', REFUND);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(events).toMatchObject([{ outcome: 'rejected', status: 429 }]);
  });

  it('turns Truemed refusing the key into 502 UpstreamAuthFailed: failed, nothing happened', async () => {
    const { post, events } = setup(() => Response.json({ error: 'Unauthorized' }, { status: 401 }));
    const response = await post('/payments/v1/refund', REFUND);
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body).toMatchObject({ error: 'UpstreamAuthFailed' });
    expect(body.outcome).toBeUndefined();
    expect(events).toMatchObject([{ outcome: 'failed', status: 502, code: 'UpstreamAuthFailed' }]);
  });

  it('turns a 5xx into 502 with outcome unknown', async () => {
    const { post, events } = setup(() => new Response('oops', { status: 500 }));
    const response = await post('/payments/v1/payment_session/ps_1/void', { idempotency_key: 'k' });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'UpstreamError', outcome: 'unknown', upstreamStatus: 500 });
    expect(events).toMatchObject([{ outcome: 'unknown', status: 502 }]);
  });

  it('turns a 2xx that is not JSON into 502 with outcome unknown: the write probably happened', async () => {
    const { post, events } = setup(() => new Response('<html>done</html>', { status: 200 }));
    const response = await post('/payments/v1/refund', REFUND);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'UpstreamInvalidResponse', outcome: 'unknown' });
    expect(events).toMatchObject([{ outcome: 'unknown', status: 502 }]);
  });

  it('answers a timeout with 504 UpstreamTimeout and outcome unknown', async () => {
    const hang: Answer = (_call, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const { post, events, errors } = setup(hang, { timeoutMs: 20 });
    const response = await post('/payments/v1/refund', REFUND);
    expect(response.status).toBe(504);
    const body = await response.json();
    expect(body).toMatchObject({ error: 'UpstreamTimeout', outcome: 'unknown' });
    expect(body.message).toMatch(/may or may not have happened/);
    expect(events).toMatchObject([{ outcome: 'unknown', status: 504, code: 'UpstreamTimeout', idempotencyKey: 'key-1' }]);
    expect(errors).toMatchObject([{ reason: 'upstream_timeout', status: 504 }]);
  });

  it('answers a network failure with 502 UpstreamUnavailable, outcome unknown unless the connection was refused', async () => {
    const reset = setup(() => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    });
    const resetResponse = await reset.post('/payments/v1/refund', REFUND);
    expect(resetResponse.status).toBe(502);
    expect(await resetResponse.json()).toMatchObject({ error: 'UpstreamUnavailable', outcome: 'unknown' });
    expect(reset.events).toMatchObject([{ outcome: 'unknown' }]);

    const refused = setup(() => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    });
    const refusedResponse = await refused.post('/payments/v1/refund', REFUND);
    expect(refusedResponse.status).toBe(502);
    const body = await refusedResponse.json();
    expect(body).toMatchObject({ error: 'UpstreamUnavailable' });
    expect(body.outcome).toBeUndefined();
    expect(refused.events).toMatchObject([{ outcome: 'failed', status: 502 }]);
  });
});

describe('the audit hook', () => {
  it('hears a success with the validated values, the result id and the request', async () => {
    const { post, events } = setup();
    const response = await post('/payments/v1/refund', REFUND, { cookie: 'sid=abc' });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toEqual({
      action: 'refund',
      sessionId: 'ps_1',
      amountMinor: 1200,
      reason: 'customer_request',
      idempotencyKey: 'key-1',
      outcome: 'succeeded',
      status: response.status,
      resultId: 'rf_1',
      request: expect.any(Request),
    });
    expect(event!.request.headers.get('cookie')).toBe('sid=abc');
  });

  it('a throwing onAction does not change the answer', async () => {
    const { post, calls } = setup(ok, {
      onAction: () => {
        throw new Error('log down');
      },
    });
    const response = await post('/payments/v1/payment_session/ps_1/capture', CAPTURE);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'cap_1' });
    expect(calls).toHaveLength(1);
  });
});

describe('the key never leaks from a write', () => {
  const hang: Answer = (_call, init) =>
    new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
  const scenarios: { name: string; answer: Answer; options?: Partial<TruemedProxyOptions>; body?: unknown; headers?: Record<string, string> }[] = [
    { name: 'success echoing the key', answer: () => Response.json({ refund_id: 'rf_1', note: `by ${API_KEY}` }) },
    { name: '400 echoing the key', answer: () => Response.json({ error: 'AmountInvalid', message: `key=${API_KEY}` }, { status: 400 }) },
    { name: '400 with the key as code', answer: () => Response.json({ error: API_KEY, message: 'x' }, { status: 400 }) },
    { name: '401', answer: () => Response.json({ error: 'Unauthorized', message: API_KEY }, { status: 401 }) },
    { name: '429', answer: () => Response.json({ error: 'RateLimited', message: API_KEY }, { status: 429, headers: { 'retry-after': API_KEY } }) },
    { name: '500', answer: () => new Response(API_KEY, { status: 500 }) },
    { name: '2xx not JSON', answer: () => new Response(`ok ${API_KEY}`, { status: 200 }) },
    {
      name: 'network failure naming the key',
      answer: () => {
        throw new TypeError('fetch failed', { cause: new Error(`header x-truemed-api-key: ${API_KEY} rejected`) });
      },
    },
    { name: 'timeout', answer: hang, options: { timeoutMs: 10 } },
    { name: 'forbidden', answer: ok, options: { authorize: () => false } },
    {
      name: 'authorize throwing the key',
      answer: ok,
      options: {
        authorize: () => {
          throw new Error(`cannot verify ${API_KEY}`);
        },
      },
    },
    { name: 'key as idempotency key', answer: ok, body: { ...REFUND, idempotency_key: API_KEY } },
    { name: 'key as amount field', answer: ok, body: { ...REFUND, amount: API_KEY } },
    { name: 'cross-site', answer: ok, headers: { origin: 'https://evil.example' } },
    { name: 'not JSON', answer: ok, headers: { 'content-type': 'text/plain' } },
  ];

  it(`holds for all ${scenarios.length} scenarios: bodies, headers, onAction and onError`, async () => {
    const statuses = new Set<number>();
    for (const scenario of scenarios) {
      const { post, events, errors } = setup(scenario.answer, scenario.options);
      const response = await post('/payments/v1/refund', scenario.body ?? REFUND, scenario.headers);
      statuses.add(response.status);
      const auditText = JSON.stringify(events.map(({ request: _request, ...rest }) => rest));
      const visible = [await response.text(), ...[...response.headers].flat(), auditText, JSON.stringify(errors)].join('\n');
      for (const form of [API_KEY, encodeURIComponent(API_KEY), API_KEY.slice(0, 16)]) {
        expect(visible, scenario.name).not.toContain(form);
      }
    }
    expect(statuses).toEqual(new Set([200, 400, 401, 403, 415, 429, 502, 504]));
  });
});
