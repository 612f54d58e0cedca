/**
 * The browser's actions client over real HTTP (node:http on 127.0.0.1): a small server in this file answers
 * with the proxy's wire shapes, so every path, body, header and failure is the one a browser would see.
 */
import { createTruemedActions } from '../../../src/adapters/truemed/actions';
import type { SessionActionRequest } from '../../../src/core/actions';
import { PaymentSessionsError } from '../../../src/core/errors';
import { serveFetchHandler, type FetchServer } from '../../../src/testing/node-http';
import { liveSignal } from '../helpers';

interface Received {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

const KEY = 'key_5f2b7c1e-secret-ish';
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

let server: FetchServer;
let received: Received[] = [];
/** What the server does with the next request; the default is the design's success answer. */
let answer: (request: Request) => Promise<Response> = succeed;

async function succeed(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path.endsWith('/payments/v1/refund')) return Response.json({ refund_id: 're_123', status: 'pending' });
  if (path.endsWith('/capture')) return Response.json({ id: 'cap_9' });
  return Response.json({});
}

beforeAll(async () => {
  server = await serveFetchHandler(async (request) => {
    const text = await request.text();
    received.push({ method: request.method, path: new URL(request.url).pathname, headers: request.headers, body: text ? JSON.parse(text) : undefined });
    return answer(request);
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  received = [];
  answer = succeed;
});

const refund: SessionActionRequest = { action: 'refund', sessionId: 'ps_1', amount: usd(1200), reason: 'customer_request', idempotencyKey: KEY };
const capture: SessionActionRequest = { action: 'capture', sessionId: 'ps_2', amount: usd(5000), idempotencyKey: KEY };

function client(options: { timeoutMs?: number; baseUrl?: string } = {}) {
  return createTruemedActions({ baseUrl: `${server.url}/api/truemed`, ...options });
}

/** Runs one request and returns what it threw (failing the test if it did not). */
async function failureOf(request: SessionActionRequest = refund, options: { timeoutMs?: number; baseUrl?: string } = {}) {
  const outcome = await client(options)
    .run(request, { signal: liveSignal() })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(outcome, 'the request should have failed').toBeInstanceOf(PaymentSessionsError);
  const error = outcome as PaymentSessionsError;
  expect(error.message).not.toContain(KEY);
  expect(String(error.cause ?? '')).not.toContain(KEY);
  return error;
}

describe('createTruemedActions', () => {
  it('supports every action on Truemed sessions', () => {
    expect(client()).toMatchObject({ source: 'truemed', actions: ['refund', 'capture', 'void', 'cancel'] });
  });

  describe('the wire', () => {
    it('refunds with one POST to /payments/v1/refund carrying the key, and reads refund_id', async () => {
      const result = await client().run(
        { ...refund, items: [{ sku: 'VD-1', name: 'Vitamin D', quantity: 2, amount: usd(1000) }] },
        { signal: liveSignal() },
      );
      expect(result).toEqual({ action: 'refund', sessionId: 'ps_1', id: 're_123' });
      expect(received).toHaveLength(1);
      const [request] = received;
      expect(request).toMatchObject({ method: 'POST', path: '/api/truemed/payments/v1/refund' });
      expect(request!.body).toEqual({
        payment_id: 'ps_1',
        amount: 1200,
        reason: 'customer_request',
        idempotency_key: KEY,
        item_details: [{ name: 'Vitamin D', sku: 'VD-1', quantity: 2, amount: 1000 }],
      });
      expect(request!.headers.get('content-type')).toBe('application/json');
      expect(request!.headers.get('accept')).toBe('application/json');
      expect(request!.headers.get('idempotency-key')).toBe(KEY);
    });

    it('captures with total_amount and reads the capture id', async () => {
      await expect(client().run(capture, { signal: liveSignal() })).resolves.toEqual({ action: 'capture', sessionId: 'ps_2', id: 'cap_9' });
      expect(received[0]).toMatchObject({ path: '/api/truemed/payments/v1/payment_session/ps_2/capture', body: { total_amount: 5000, idempotency_key: KEY } });
    });

    it.each(['void', 'cancel'] as const)('%s sends only the key; an empty 200 is a success too', async (action) => {
      await expect(client().run({ action, sessionId: 'ps_3', idempotencyKey: KEY }, { signal: liveSignal() })).resolves.toEqual({ action, sessionId: 'ps_3' });
      answer = async () => new Response(null, { status: 200 });
      await expect(client().run({ action, sessionId: 'ps_3', idempotencyKey: KEY }, { signal: liveSignal() })).resolves.toEqual({ action, sessionId: 'ps_3' });
      expect(received.map((request) => [request.path, request.body])).toEqual([
        [`/api/truemed/payments/v1/payment_session/ps_3/${action}`, { idempotency_key: KEY }],
        [`/api/truemed/payments/v1/payment_session/ps_3/${action}`, { idempotency_key: KEY }],
      ]);
    });

    it('sends nothing for what the proxy would refuse anyway (a bad id, key or amount)', async () => {
      for (const bad of [
        { ...refund, sessionId: '../ps_1' },
        { ...refund, idempotencyKey: 'has space' },
        { ...refund, idempotencyKey: '' },
        { ...refund, amount: usd(12.5) },
        { ...refund, amount: usd(0) },
        { ...refund, reason: 'changed_mind' as never },
        { ...capture, amount: usd(-1) },
      ] as SessionActionRequest[]) {
        await expect(client().run(bad, { signal: liveSignal() })).rejects.toMatchObject({ kind: 'http', status: 400, code: 'InvalidParameter' });
      }
      expect(received).toEqual([]);
    });

    it('sends nothing when the caller aborted first', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(client().run(refund, { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
      expect(received).toEqual([]);
    });

    it('refuses an API key among its headers', () => {
      expect(() => createTruemedActions({ baseUrl: '/api/truemed', headers: { 'x-truemed-api-key': 'sk_live' } })).toThrow(/never reach a browser/);
      expect(() => createTruemedActions({ baseUrl: 'ftp://example.com' })).toThrow(TypeError);
      expect(() => createTruemedActions({ baseUrl: '/api', timeoutMs: -1 })).toThrow(RangeError);
    });
  });

  describe('Truemed’s and the proxy’s refusals: http with the code', () => {
    it.each([
      ['refund', 'MissingField'],
      ['refund', 'AmountInvalid'],
      ['refund', 'InvalidPaymentId'],
      ['refund', 'ChargeDisputed'],
      ['refund', 'NoSessionCaptures'],
      ['capture', 'MissingField'],
      ['capture', 'TotalAmountInvalid'],
      ['capture', 'PaymentSessionDoesNotExist'],
      ['capture', 'ServerError'],
      ['capture', 'SessionVoided'],
      ['capture', 'SessionExpired'],
      ['capture', 'SessionPending'],
      ['capture', 'SessionCaptured'],
      ['refund', 'InvalidParameter'],
      ['refund', 'InvalidBody'],
      ['refund', 'IdempotencyKeyReused'],
    ] as const)('%s → 400 %s', async (action, code) => {
      answer = async () => Response.json({ error: code, message: `Truemed says ${code}.` }, { status: 400 });
      const error = await failureOf(action === 'refund' ? refund : capture);
      expect(error).toMatchObject({ kind: 'http', status: 400, code });
      expect(error.message).toBe(`Could not ${action === 'refund' ? 'refund the payment' : 'capture the payment'} (HTTP 400): Truemed says ${code}. (${code})`);
      expect(error.retryable).toBe(false);
    });

    it('415 and 404 keep their codes', async () => {
      answer = async () => Response.json({ error: 'UnsupportedMediaType', message: 'JSON only.' }, { status: 415 });
      expect(await failureOf()).toMatchObject({ kind: 'http', status: 415, code: 'UnsupportedMediaType' });
      answer = async () => Response.json({ error: 'NotFound' }, { status: 404 });
      expect(await failureOf()).toMatchObject({ kind: 'http', status: 404, code: 'NotFound', message: 'Could not refund the payment (HTTP 404): NotFound' });
    });

    it('never shows the idempotency key, even when the backend repeats it', async () => {
      answer = async () => Response.json({ error: 'IdempotencyKeyReused', message: `Key ${KEY} was used with another body.` }, { status: 400 });
      const error = await failureOf();
      expect(error.message).toContain('Key … was used with another body.');
    });
  });

  describe('auth and rate limits', () => {
    it('401 is auth', async () => {
      answer = async () => Response.json({ error: 'Unauthorized', message: 'Sign in.' }, { status: 401 });
      expect(await failureOf()).toMatchObject({ kind: 'auth', status: 401, code: 'Unauthorized' });
    });

    it.each(['Forbidden', 'CrossSiteRequest'])('403 %s is auth with the code', async (code) => {
      answer = async () => Response.json({ error: code }, { status: 403 });
      const error = await failureOf();
      expect(error).toMatchObject({ kind: 'auth', status: 403, code });
      expect(error.message).toContain('HTTP 403');
    });

    it('429 is rate_limit with Retry-After', async () => {
      answer = async () => Response.json({ error: 'RateLimited' }, { status: 429, headers: { 'retry-after': '7' } });
      const error = await failureOf();
      expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 7000 });
      expect(error.retryable).toBe(true);
    });
  });

  describe('outcome unknown: the write may have happened', () => {
    it('502 UpstreamUnavailable', async () => {
      answer = async () => Response.json({ error: 'UpstreamUnavailable', message: 'Truemed could not be reached.' }, { status: 502 });
      expect(await failureOf()).toMatchObject({ kind: 'outcome_unknown', status: 502, code: 'UpstreamUnavailable' });
    });

    it('504 UpstreamTimeout', async () => {
      answer = async () => Response.json({ error: 'UpstreamTimeout', outcome: 'unknown' }, { status: 504 });
      const error = await failureOf(capture);
      expect(error).toMatchObject({ kind: 'outcome_unknown', status: 504, code: 'UpstreamTimeout' });
      expect(error.message).toMatch(/may or may not have happened/);
      expect(error.retryable).toBe(true);
    });

    it('a 500 or 503 is an http error (retryable)', async () => {
      answer = async () => new Response('<html>oops</html>', { status: 500 });
      expect(await failureOf()).toMatchObject({ kind: 'http', status: 500, retryable: true });
      answer = async () => new Response('', { status: 503 });
      expect(await failureOf()).toMatchObject({ kind: 'http', status: 503 });
    });

    it('a 2xx whose body is not JSON, or not an object', async () => {
      answer = async () => new Response('<html>ok</html>', { status: 200 });
      expect(await failureOf()).toMatchObject({ kind: 'outcome_unknown' });
      answer = async () => Response.json(['re_1']);
      expect(await failureOf(capture)).toMatchObject({ kind: 'outcome_unknown' });
      answer = async () => new Response('', { status: 200 });
      expect(await failureOf()).toMatchObject({ kind: 'outcome_unknown' });
    });

    it('no answer within timeoutMs', async () => {
      answer = () => new Promise<Response>((resolve) => setTimeout(() => resolve(Response.json({ refund_id: 're_late' })), 1000));
      const started = Date.now();
      const error = await failureOf(refund, { timeoutMs: 100 });
      expect(error).toMatchObject({ kind: 'outcome_unknown' });
      expect(error.message).toMatch(/did not answer in time/);
      expect(Date.now() - started).toBeLessThan(900);
      expect(received).toHaveLength(1);
    });

    it('a connection dropped without an answer', async () => {
      answer = () => Promise.reject(new Error('drop the socket'));
      const error = await failureOf();
      expect(error).toMatchObject({ kind: 'outcome_unknown' });
      expect(error.message).toMatch(/connection .* was lost/);
    });

    it('a refused connection', async () => {
      const closed = await serveFetchHandler(async () => Response.json({}));
      await closed.close();
      const error = await failureOf(refund, { baseUrl: closed.url });
      expect(error).toMatchObject({ kind: 'outcome_unknown' });
      expect(error.cause).toBeInstanceOf(TypeError);
    });

    it('the caller aborting once the request is on its way', async () => {
      const controller = new AbortController();
      answer = () => new Promise<Response>((resolve) => setTimeout(() => resolve(Response.json({})), 500));
      const pending = client().run(refund, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toMatchObject({ kind: 'outcome_unknown' });
    });
  });
});
