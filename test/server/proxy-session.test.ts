import { describe, expect, it } from 'vitest';
import { createTruemedProxy, type TruemedProxyOptions } from 'react-payment-sessions/server';

const API_KEY = 'tm_live_9f8e7d6c5b4a3210_SERVER_ONLY';
const PORTAL = 'https://portal.example';
const SESSION = { id: 'ps_42', kind: 'one_time_payment', status: 'captured', created_on: '2026-01-02T03:04:05Z', total_amount: 1999 };

interface UpstreamCall {
  url: URL;
  headers: Headers;
}

function setup(answer: (call: UpstreamCall) => Response = () => Response.json(SESSION), options: Partial<TruemedProxyOptions> = {}) {
  const calls: UpstreamCall[] = [];
  const proxy = createTruemedProxy({
    apiKey: API_KEY,
    authorize: () => true,
    baseUrl: 'https://api.truemed.test/gateway',
    fetch: async (input, init = {}) => {
      const call = { url: new URL(String(input)), headers: new Headers(init.headers) };
      calls.push(call);
      return answer(call);
    },
    ...options,
  });
  const get = (path: string, init?: RequestInit) => proxy(new Request(`${PORTAL}${path}`, init));
  return { get, calls };
}

describe('the single-session route', () => {
  describe('given a valid id', () => {
    it('calls Truemed’s one-session endpoint with the key added server-side and passes the session on', async () => {
      const { get, calls } = setup();
      const response = await get('/api/truemed/payments/v1/payment_session/ps_42', { headers: { cookie: 'sid=1', authorization: 'Bearer x' } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(SESSION);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.url.href).toBe('https://api.truemed.test/gateway/payments/v1/payment_session/ps_42');
      expect(calls[0]!.headers.get('x-truemed-api-key')).toBe(API_KEY);
      expect(calls[0]!.headers.get('cookie')).toBeNull();
      expect(calls[0]!.headers.get('authorization')).toBeNull();
    });

    it('forwards only the include flags and summarize_refunds, normalized, and drops the rest', async () => {
      const { get, calls } = setup();
      await get('/api/truemed/payments/v1/payment_session/ps_42?include_order_items=1&include_refunds=false&summarize_refunds=true&page=3&status=captured&x=1');
      expect(Object.fromEntries(calls[0]!.url.searchParams)).toEqual({
        include_order_items: 'true',
        include_refunds: 'false',
        summarize_refunds: 'true',
      });
    });

    it('refuses a malformed include flag with a 400 naming it, without calling Truemed', async () => {
      const { get, calls } = setup();
      const response = await get('/api/truemed/payments/v1/payment_session/ps_42?include_metadata=maybe');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'InvalidParameter', param: 'include_metadata' });
      expect(calls).toHaveLength(0);
    });

    it('strips clientSecret-like keys from the session and never echoes the key', async () => {
      const { get } = setup(() => Response.json({ ...SESSION, client_secret: 'pi_secret', note: `key ${API_KEY}` }));
      const text = await (await get('/payments/v1/payment_session/ps_42')).text();
      expect(text).not.toContain('pi_secret');
      expect(text).not.toContain(API_KEY);
    });
  });

  describe('given an id that could reach another path', () => {
    it.each([
      ['an encoded slash', 'ps_1%2Fcapture'],
      // A bare `..` segment is resolved by the URL parser before the proxy sees it; one inside the id is not.
      ['a dot-dot with an encoded slash', '..%2Fpayment_sessions'],
      ['encoded dots', 'ps%2E%2E'],
      ['a further segment', 'ps_1/capture'],
      ['dots', 'ps.1'],
      ['an encoded space', 'ps%201'],
      ['an empty id', ''],
      ['an id of 129 characters', 'a'.repeat(129)],
    ])('answers 400 for %s and never calls Truemed', async (_label, id) => {
      const { get, calls } = setup();
      const response = await get(`/api/truemed/payments/v1/payment_session/${id}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'InvalidParameter', param: 'id' });
      expect(calls).toHaveLength(0);
    });

    it('answers 400 for the route without an id (not the list)', async () => {
      const { get, calls } = setup();
      expect((await get('/api/truemed/payments/v1/payment_session')).status).toBe(400);
      expect(calls).toHaveLength(0);
    });

    it('accepts the longest allowed id', async () => {
      const { get, calls } = setup();
      expect((await get(`/payments/v1/payment_session/${'a'.repeat(128)}`)).status).toBe(200);
      expect(calls).toHaveLength(1);
    });
  });

  describe('given authorize says no', () => {
    it('answers 401 before looking at the id, and Truemed is not called', async () => {
      const { get, calls } = setup(undefined, { authorize: () => false });
      expect((await get('/payments/v1/payment_session/ps_42')).status).toBe(401);
      expect((await get('/payments/v1/payment_session/..%2F..')).status).toBe(401);
      expect(calls).toHaveLength(0);
    });
  });

  describe('given other methods', () => {
    it('refuses POST (a capture or a refund through this route) with 405', async () => {
      const { get, calls } = setup();
      const response = await get('/payments/v1/payment_session/ps_42', { method: 'POST', body: '{}' });
      expect(response.status).toBe(405);
      expect(calls).toHaveLength(0);
    });
  });

  describe('when Truemed answers with an error', () => {
    it('passes a 404 on as a 404 with Truemed’s code', async () => {
      const { get } = setup(() => Response.json({ error: 'PaymentSessionDoesNotExist', message: 'No such session.' }, { status: 404 }));
      const response = await get('/payments/v1/payment_session/ps_404');
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'PaymentSessionDoesNotExist', message: 'No such session.' });
    });

    it('maps a refused key to 502 and a 500 to 502, as for the list', async () => {
      const refused = setup(() => new Response('{}', { status: 401 }));
      expect((await refused.get('/payments/v1/payment_session/ps_1')).status).toBe(502);
      const failing = setup(() => new Response('oops', { status: 500 }));
      const response = await failing.get('/payments/v1/payment_session/ps_1');
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: 'UpstreamError', upstreamStatus: 500 });
    });
  });

  it('leaves the list route as it was', async () => {
    const { get, calls } = setup(() => Response.json({ payment_sessions: [], pagination: null }));
    expect((await get('/api/truemed/payments/v1/payment_sessions?page=2')).status).toBe(200);
    expect(calls[0]!.url.pathname).toBe('/gateway/payments/v1/payment_sessions');
  });
});
