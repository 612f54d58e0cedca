import { createTruemedFetcher } from '../../../src/adapters/truemed/fetcher';
import { PaymentSessionsError } from '../../../src/core/errors';
import { jsonFetch, liveSignal, stubFetch, truemedRecord } from '../helpers';

const BASE = 'https://proxy.example.com/api/truemed';

async function failureOf(promise: Promise<unknown>): Promise<PaymentSessionsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PaymentSessionsError);
    return error as PaymentSessionsError;
  }
  throw new Error('expected the call to fail');
}

describe('createTruemedFetcher(...).getSession', () => {
  it('GETs the one-session endpoint with the id encoded and the fetcher’s include flags', async () => {
    const stub = jsonFetch(truemedRecord());
    const fetcher = createTruemedFetcher({
      baseUrl: BASE,
      fetch: stub.fetch,
      include: { items: true, refunds: false, fee: true },
      summarizeRefunds: true,
      headers: { 'x-csrf': 't' },
    });
    await fetcher.getSession!('ps_1/../x?y', { signal: liveSignal() });
    const { url, init, headers } = stub.calls[0]!;
    expect(init?.method).toBe('GET');
    expect(`${url.origin}${url.pathname}`).toBe(`${BASE}/payments/v1/payment_session/ps_1%2F..%2Fx%3Fy`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      include_order_items: 'true',
      include_refunds: 'false',
      include_truemed_fee: 'true',
      summarize_refunds: 'true',
    });
    expect(headers.get('x-csrf')).toBe('t');
  });

  it('maps the record with the list’s mapper', async () => {
    const stub = jsonFetch(truemedRecord({ id: 'ps_42', total_amount: 500, client_secret: 'pi_secret' }));
    const session = await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch }).getSession!('ps_42', { signal: liveSignal() });
    expect(session).toMatchObject({ id: 'ps_42', source: 'truemed', status: 'captured', amount: { amountMinor: 500, currency: 'USD' } });
    expect(JSON.stringify(session)).not.toContain('pi_secret');
  });

  it('resolves null on a 404', async () => {
    const stub = jsonFetch({ error: 'PaymentSessionDoesNotExist', message: 'No such session.' }, { status: 404 });
    await expect(createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch }).getSession!('ps_x', { signal: liveSignal() })).resolves.toBeNull();
  });

  it('fails as invalid_response on a record that does not validate, or a body that is not JSON', async () => {
    const invalid = jsonFetch(truemedRecord({ total_amount: 'lots' }));
    const error = await failureOf(createTruemedFetcher({ baseUrl: BASE, fetch: invalid.fetch }).getSession!('ps_1', { signal: liveSignal() }));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toMatch(/total_amount/);
    const html = stubFetch(() => new Response('<html>', { status: 200 }));
    expect((await failureOf(createTruemedFetcher({ baseUrl: BASE, fetch: html.fetch }).getSession!('ps_1', { signal: liveSignal() }))).kind).toBe('invalid_response');
  });

  it('maps other errors as the list does: 401 auth, 429 rate_limit, 500 http, unreachable network', async () => {
    const cases: Array<[Response | Error, string]> = [
      [new Response('{}', { status: 401 }), 'auth'],
      [new Response('{}', { status: 429, headers: { 'retry-after': '3' } }), 'rate_limit'],
      [Response.json({ error: 'ServerError', message: 'Boom' }, { status: 500 }), 'http'],
      [new TypeError('fetch failed'), 'network'],
    ];
    for (const [answer, kind] of cases) {
      const stub = stubFetch(() => {
        if (answer instanceof Error) throw answer;
        return answer;
      });
      const error = await failureOf(createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch }).getSession!('ps_1', { signal: liveSignal() }));
      expect(error.kind).toBe(kind);
      if (kind === 'rate_limit') expect(error.retryAfterMs).toBe(3000);
      if (kind === 'http') expect(error.message).toMatch(/Boom/);
    }
  });

  it('fails as aborted when the caller aborts, even if fetch ignores the signal', async () => {
    const controller = new AbortController();
    const stub = stubFetch(() => new Promise<Response>(() => undefined));
    const call = createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch }).getSession!('ps_1', { signal: controller.signal });
    controller.abort();
    expect((await failureOf(call)).kind).toBe('aborted');
  });

  it('refuses an empty id at once, without a request (a programming error)', async () => {
    const stub = jsonFetch(truemedRecord());
    await expect(createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch }).getSession!('', { signal: liveSignal() })).rejects.toThrow(RangeError);
    expect(stub.calls).toHaveLength(0);
  });

  it('times out with the fetcher’s timeoutMs as a network error', async () => {
    const stub = stubFetch(() => new Promise<Response>(() => undefined));
    const error = await failureOf(createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch, timeoutMs: 30 }).getSession!('ps_1', { signal: liveSignal() }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/did not answer in time/);
  });
});
