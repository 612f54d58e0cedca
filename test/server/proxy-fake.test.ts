/**
 * End to end over real HTTP on 127.0.0.1: client → proxy (node:http via toNodeHandler) → fake Truemed
 * (its own node:http server). Nothing is stubbed between the hops.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTruemedProxy, toNodeHandler, type TruemedProxyOptions } from 'react-payment-sessions/server';
import { createFakeTruemedApi, type FakeTruemedApiOptions } from 'react-payment-sessions/testing';
import { createTruemedFetcher } from '../../src/adapters/truemed/fetcher';
import { PaymentSessionsError } from '../../src/core/errors';

const API_KEY = 'tm_e2e_server_key_0123456789abcdef';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Starts the fake Truemed and the proxy in front of it, each on its own port. */
async function stack(proxyOptions: Partial<TruemedProxyOptions> = {}, fakeOptions: FakeTruemedApiOptions = {}) {
  const fake = createFakeTruemedApi({ sessions: 90, seed: 7, apiKey: API_KEY, ...fakeOptions });
  const truemed = await fake.listen();
  closers.push(() => truemed.close());

  const proxy = createTruemedProxy({
    apiKey: API_KEY,
    baseUrl: truemed.url,
    authorize: (request) => request.headers.get('cookie') === 'portal_session=valid',
    ...proxyOptions,
  });
  const server = createServer(toNodeHandler(proxy));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browserGet = (query = '') =>
    fetch(`${origin}/api/payment-sessions${query}`, { headers: { cookie: 'portal_session=valid', accept: 'application/json' } });
  return { fake, origin, browserGet };
}

describe('proxy → fake Truemed over real HTTP', () => {
  it('returns the page Truemed would, filtered and paginated, with the key only on the upstream hop', async () => {
    const { fake, browserGet } = await stack();
    const response = await browserGet('?status=captured&page=2&page_size=10&tracking=1');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(API_KEY);
    for (const [, value] of response.headers) expect(value).not.toContain(API_KEY);

    const body = JSON.parse(text) as { payment_sessions: Array<{ id: string; status: string }>; pagination: Record<string, number> };
    const captured = fake.records.filter((record) => record.status === 'captured');
    expect(captured.length).toBeGreaterThan(10);
    expect(body.payment_sessions.map((session) => session.id)).toEqual(captured.slice(10, 20).map((record) => record.id));
    expect(body.pagination).toEqual({
      current_page: 2,
      page_size: 10,
      count: captured.length,
      last_page: Math.ceil(captured.length / 10),
    });

    expect(fake.requests).toHaveLength(1);
    const upstream = fake.requests[0]!;
    expect(new URL(upstream.url).search).toBe('?status=captured&page=2&page_size=10');
    expect(upstream.headers['x-truemed-api-key']).toBe(API_KEY);
    expect(upstream.headers.cookie).toBeUndefined();
  });

  it('refuses a page_size above its maxPageSize with a 400 rather than lowering it, without a call to Truemed', async () => {
    // Lowered to 25, page 2 of 100 would be rows 26–50 instead of 101–200.
    const { fake, browserGet } = await stack({ maxPageSize: 25 });
    const response = await browserGet('?page=2&page_size=100');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string; param: string };
    expect(body).toMatchObject({ error: 'InvalidParameter', param: 'page_size' });
    expect(body.message).toMatch(/page_size must be at most 25/);
    expect(fake.requests).toHaveLength(0);

    const allowed = await browserGet('?page=2&page_size=25');
    expect(allowed.status).toBe(200);
    expect(fake.requests).toHaveLength(1);
    expect(new URL(fake.requests[0]!.url).searchParams.get('page_size')).toBe('25');
  });

  it('rejects a bad value itself, and an anonymous caller, without a call to Truemed', async () => {
    const { fake, browserGet, origin } = await stack();
    const bad = await browserGet('?created_on_start=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'InvalidParameter', param: 'created_on_start' });
    const anonymous = await fetch(`${origin}/api/payment-sessions`);
    expect(anonymous.status).toBe(401);
    expect(fake.requests).toHaveLength(0);
  });

  it('turns Truemed refusing the server key into a 502, never a 401 the browser would take for its session', async () => {
    const { browserGet } = await stack({ apiKey: 'tm_wrong_key_for_this_account' });
    const response = await browserGet();
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body).toMatchObject({ error: 'UpstreamAuthFailed', upstreamStatus: 401 });
    expect(JSON.stringify(body)).not.toContain('tm_wrong_key_for_this_account');
  });

  it('maps a dropped Truemed connection to 502 and a slow Truemed to 504', async () => {
    const { fake, browserGet } = await stack({ timeoutMs: 60 });
    fake.setFailure({ kind: 'network' });
    const dropped = await browserGet();
    expect(dropped.status).toBe(502);
    expect(await dropped.json()).toMatchObject({ error: 'UpstreamUnavailable' });

    fake.setFailure(null);
    const slow = await stack({ timeoutMs: 60 }, { latencyMs: 2_000 });
    const late = await slow.browserGet();
    expect(late.status).toBe(504);
    expect(await late.json()).toMatchObject({ error: 'UpstreamTimeout' });
  });

  it('passes a 429 and its Retry-After through both hops', async () => {
    const { fake, browserGet } = await stack();
    fake.setFailure({ status: 429, body: { error: 'RateLimited', message: 'Too many requests.' }, headers: { 'retry-after': '7' } });
    const response = await browserGet();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({ error: 'RateLimited', message: 'Too many requests.' });
  });
});

describe('the browser fetcher → proxy → fake Truemed', () => {
  it('lists sessions through the proxy with no key on the client side', async () => {
    const { fake, origin } = await stack();
    const fetcher = createTruemedFetcher({
      baseUrl: `${origin}/api/truemed`,
      headers: { cookie: 'portal_session=valid' },
    });
    const page = await fetcher(
      { page: 1, pageSize: 15, status: ['authorized'], include: { items: true } },
      { signal: new AbortController().signal },
    );
    const authorized = fake.records.filter((record) => record.status === 'authorized');
    expect(page.total).toBe(authorized.length);
    expect(page.sessions.map((session) => session.id)).toEqual(authorized.slice(0, 15).map((record) => record.id));
    expect(page.sessions.every((session) => session.rawStatus === 'authorized')).toBe(true);
    expect(fake.requests[0]?.headers['x-truemed-api-key']).toBe(API_KEY);
    expect(new URL(fake.requests[0]!.url).searchParams.get('include_order_items')).toBe('true');
  });

  it('with the proxy’s lower maxPageSize, advertises and sends it, and its pages neither repeat nor skip rows', async () => {
    const { fake, origin } = await stack({ maxPageSize: 50 }, { sessions: 240 });
    const fetcher = createTruemedFetcher({ baseUrl: origin, headers: { cookie: 'portal_session=valid' }, maxPageSize: 50 });
    expect(fetcher.capabilities.maxPageSize).toBe(50);
    const signal = new AbortController().signal;

    // A query asking for 100 per page is served as pages of 50, and the page says so.
    const second = await fetcher({ page: 2, pageSize: 100 }, { signal });
    expect(new URL(fake.requests[0]!.url).searchParams.get('page')).toBe('2');
    expect(new URL(fake.requests[0]!.url).searchParams.get('page_size')).toBe('50');
    expect(second).toMatchObject({ page: 2, pageSize: 50, total: 240, pageCount: 5 });
    expect(second.sessions.map((session) => session.id)).toEqual(fake.records.slice(50, 100).map((record) => record.id));

    const seen: string[] = [];
    for (let page = 1; page <= second.pageCount; page += 1) {
      seen.push(...(await fetcher({ page, pageSize: 100 }, { signal })).sessions.map((session) => session.id));
    }
    expect(seen).toEqual(fake.records.map((record) => record.id));
  });

  it('without the proxy’s lower maxPageSize, gets a 400 naming page_size instead of shifted rows', async () => {
    const { fake, origin } = await stack({ maxPageSize: 50 }, { sessions: 240 });
    const fetcher = createTruemedFetcher({ baseUrl: origin, headers: { cookie: 'portal_session=valid' } });
    expect(fetcher.capabilities.maxPageSize).toBe(100);
    const failure = await fetcher({ page: 2, pageSize: 100 }, { signal: new AbortController().signal }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PaymentSessionsError);
    expect(failure).toMatchObject({ kind: 'http', status: 400 });
    expect((failure as PaymentSessionsError).message).toContain('page_size must be at most 50');
    expect(fake.requests).toHaveLength(0);
  });

  it('surfaces the proxy’s answers as the fetcher’s error kinds', async () => {
    const { fake, origin } = await stack();
    const signal = new AbortController().signal;
    const anonymous = createTruemedFetcher({ baseUrl: origin });
    await expect(anonymous({ page: 1, pageSize: 10 }, { signal })).rejects.toMatchObject({ kind: 'auth', status: 401 });

    const signedIn = createTruemedFetcher({ baseUrl: origin, headers: { cookie: 'portal_session=valid' } });
    fake.setFailure({ status: 429, body: { error: 'RateLimited', message: 'Slow down.' }, headers: { 'retry-after': '3' } });
    const limited = await signedIn({ page: 1, pageSize: 10 }, { signal }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(PaymentSessionsError);
    expect(limited).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 3000 });

    fake.setFailure({ status: 503 });
    await expect(signedIn({ page: 1, pageSize: 10 }, { signal })).rejects.toMatchObject({ kind: 'http', status: 502 });
  });
});
