/**
 * Failures of the Truemed fetcher, over real HTTP against the fake API (node:http on 127.0.0.1) where
 * the fake can produce the failure, and with a stub fetch for the rest.
 */
import { createTruemedFetcher } from '../../../src/adapters/truemed/fetcher';
import { PaymentSessionsError } from '../../../src/core/errors';
import { createFakeTruemedApi, FAKE_TRUEMED_API_KEY, type FakeTruemedApi, type FetchServer } from 'react-payment-sessions/testing';
import { liveSignal, stubFetch } from '../helpers';

const query = { page: 1, pageSize: 10 };

let api: FakeTruemedApi;
let server: FetchServer;

beforeAll(async () => {
  api = createFakeTruemedApi({ sessions: 30, seed: 3 });
  server = await api.listen();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  api.setFailure(null);
});

/** Runs one request and returns what it threw (failing the test if it did not). */
async function failureOf(options: { apiKey?: string; fetch?: typeof fetch; baseUrl?: string } = {}, signal = liveSignal()) {
  const fetcher = createTruemedFetcher({ baseUrl: server.url, apiKey: FAKE_TRUEMED_API_KEY, ...options });
  const outcome = await fetcher(query, { signal }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, 'the request should have failed').toBeInstanceOf(PaymentSessionsError);
  return outcome as PaymentSessionsError;
}

describe('Truemed fetcher errors', () => {
  it('surfaces a 400 body’s message and error code', async () => {
    api.setFailure({ status: 400, body: { error: 'MissingField', message: 'page_size must be a number.' } });
    const error = await failureOf();
    expect(error).toMatchObject({ kind: 'http', status: 400, code: 'MissingField' });
    expect(error.message).toBe('Truemed could not list payment sessions (HTTP 400): page_size must be a number. (MissingField)');
    expect(error.retryable).toBe(false);
  });

  it('surfaces the fake’s own 400 for an unknown status filter value', async () => {
    const fetcher = createTruemedFetcher({ baseUrl: server.url, apiKey: FAKE_TRUEMED_API_KEY });
    await expect(fetcher({ ...query, status: ['teleported'] }, { signal: liveSignal() })).rejects.toMatchObject({
      kind: 'http',
      status: 400,
      code: 'InvalidParameter',
      message: expect.stringContaining('status has an unknown value "teleported"'),
    });
  });

  it('is an auth error without the key (401), never echoing a key', async () => {
    const error = await failureOf({ apiKey: undefined });
    expect(error).toMatchObject({ kind: 'auth', status: 401, code: 'Unauthorized' });
    expect(error.message).toContain('HTTP 401');
  });

  it('is an auth error with a wrong key, and the wrong key is not in the message', async () => {
    const error = await failureOf({ apiKey: 'sk_wrong_key_123' });
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.message).not.toContain('sk_wrong_key_123');
  });

  it.each([401, 403])('without a key (through the host’s proxy) a %i is the portal refusing the user, not Truemed', async (status) => {
    // createTruemedProxy answers 401 when the host's authorize() says no, and maps Truemed's own 401/403 to 502.
    const body = { error: 'Unauthorized', message: 'Sign in with an account allowed to view payment sessions.' };
    const proxied = stubFetch(() => Response.json(body, { status }));
    const error = await failureOf({ apiKey: undefined, fetch: proxied.fetch, baseUrl: 'https://portal.example.com/api/truemed' });
    expect(error).toMatchObject({ kind: 'auth', status });
    expect(error.message).toBe(
      `Access to payment sessions was refused (HTTP ${status}): Sign in with an account allowed to view payment sessions. (Unauthorized)`,
    );
    // With the key, the same answer came from Truemed itself.
    const direct = await failureOf({ fetch: stubFetch(() => Response.json(body, { status })).fetch });
    expect(direct.message).toMatch(new RegExp(`^Truemed refused access to payment sessions \\(HTTP ${status}\\)`));
  });

  it('is an auth error for 403', async () => {
    api.setFailure({ status: 403, body: { error: 'Forbidden', message: 'This sales channel cannot list sessions.' } });
    expect(await failureOf()).toMatchObject({ kind: 'auth', status: 403, message: expect.stringContaining('cannot list sessions') });
  });

  it('reads Retry-After in seconds on 429', async () => {
    api.setFailure({ status: 429, headers: { 'retry-after': '7' }, body: { error: 'RateLimited', message: 'Slow down.' } });
    const error = await failureOf();
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 7_000 });
    expect(error.retryable).toBe(true);
  });

  it('reads Retry-After as an HTTP-date on 429', async () => {
    const retryAt = new Date(Date.now() + 60_000);
    api.setFailure({ status: 429, headers: { 'retry-after': retryAt.toUTCString() } });
    const error = await failureOf();
    expect(error.kind).toBe('rate_limit');
    // toUTCString drops milliseconds, and a little time passes in flight.
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('has no retryAfterMs for a 429 without a readable Retry-After', async () => {
    api.setFailure({ status: 429, headers: { 'retry-after': 'whenever' } });
    const error = await failureOf();
    expect(error.kind).toBe('rate_limit');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('is a retryable http error for 500', async () => {
    api.setFailure({ status: 500, body: { error: 'InternalError', message: 'Something broke.' } });
    const error = await failureOf();
    expect(error).toMatchObject({ kind: 'http', status: 500, code: 'InternalError' });
    expect(error.retryable).toBe(true);
  });

  it('gives a readable message for an HTML error page, never the HTML', async () => {
    api.setFailure({ status: 502, rawBody: '<!doctype html><html><body><h1>502 Bad Gateway</h1><script>x()</script></body></html>' });
    const error = await failureOf();
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(error.message).toBe('Truemed could not list payment sessions (HTTP 502).');
  });

  it('does not surface an HTML or very long "message" from a JSON body', async () => {
    api.setFailure({ status: 500, body: { error: 'Oops', message: `<b>${'trace '.repeat(100)}</b>` } });
    const error = await failureOf();
    expect(error.message).toBe('Truemed could not list payment sessions (HTTP 500): Oops');
  });

  it('is invalid_response for a 2xx whose body is not JSON', async () => {
    api.setFailure({ status: 200, rawBody: '{"payment_sessions": [' });
    const error = await failureOf();
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect(error.message).toMatch(/not JSON/);
  });

  it('is invalid_response for a 2xx HTML page', async () => {
    api.setFailure({ status: 200, rawBody: '<html>Login</html>' });
    expect(await failureOf()).toMatchObject({ kind: 'invalid_response' });
  });

  it('is a network error when the connection drops, without the query string in the message', async () => {
    api.setFailure({ kind: 'network' });
    const fetcher = createTruemedFetcher({ baseUrl: server.url, apiKey: FAKE_TRUEMED_API_KEY });
    const error = (await fetcher({ ...query, search: 'secret-customer@example.com' }, { signal: liveSignal() }).then(
      () => undefined,
      (caught: unknown) => caught,
    )) as PaymentSessionsError;
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toBe(`Could not reach ${server.url}/payments/v1/payment_sessions. Check the connection and try again.`);
    expect(error.message).not.toContain('secret-customer');
    expect(error.retryable).toBe(true);
  });

  it('is a network error when nothing listens on the port', async () => {
    const closed = await createFakeTruemedApi({ sessions: 1 }).listen();
    await closed.close();
    expect(await failureOf({ baseUrl: closed.url })).toMatchObject({ kind: 'network' });
  });

  it('is aborted, promptly, when the signal aborts mid-request', async () => {
    const slow = createFakeTruemedApi({ sessions: 5, latencyMs: 2_000 });
    const slowServer = await slow.listen();
    try {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 30);
      const error = await failureOf({ baseUrl: slowServer.url }, controller.signal);
      expect(error).toMatchObject({ kind: 'aborted' });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(slow.requests).toHaveLength(1);
    } finally {
      await slowServer.close();
    }
  });

  it('is aborted when the abort lands while the body is being read', async () => {
    const controller = new AbortController();
    const stub = stubFetch((_url, init) => {
      const body = new ReadableStream({
        start(stream) {
          stream.enqueue(new TextEncoder().encode('{"payment_sessions": ['));
          init?.signal?.addEventListener('abort', () => stream.error(new DOMException('aborted', 'AbortError')));
        },
      });
      setTimeout(() => controller.abort(), 10);
      return new Response(body, { status: 200 });
    });
    expect(await failureOf({ fetch: stub.fetch }, controller.signal)).toMatchObject({ kind: 'aborted' });
  });
});
