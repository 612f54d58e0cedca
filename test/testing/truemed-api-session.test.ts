import { describe, expect, it } from 'vitest';
import { createTruemedProxy } from 'react-payment-sessions/server';
import { createFakeTruemedApi, FAKE_TRUEMED_API_KEY } from 'react-payment-sessions/testing';
import { createTruemedFetcher } from '../../src/adapters/truemed/fetcher';

const ORIGIN = 'http://truemed.test';

function api() {
  const fake = createFakeTruemedApi({ sessions: 90, seed: 3 });
  const get = (path: string, key: string | null = FAKE_TRUEMED_API_KEY) =>
    fake.handler(new Request(`${ORIGIN}${path}`, { headers: key === null ? {} : { 'x-truemed-api-key': key } }));
  return { fake, get };
}

describe('fake Truemed: GET /payments/v1/payment_session/{id}', () => {
  it('serves the record, with refunds and disputes by default and no items, metadata or fee', async () => {
    const { fake, get } = api();
    const withEverything = fake.records.find((r) => r.order_items && r.metadata && r.refunds && r.truemed_fee !== undefined)!;
    const response = await get(`/payments/v1/payment_session/${withEverything.id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.id).toBe(withEverything.id);
    expect(body.refunds).toEqual(withEverything.refunds);
    expect(body).not.toHaveProperty('order_items');
    expect(body).not.toHaveProperty('metadata');
    expect(body).not.toHaveProperty('truemed_fee');
  });

  it('honours the include flags as the list does', async () => {
    const { fake, get } = api();
    const record = fake.records.find((r) => r.order_items && r.metadata && r.refunds && r.truemed_fee !== undefined)!;
    const query = 'include_order_items=true&include_metadata=true&include_truemed_fee=true&include_refunds=false&include_disputes=false';
    const body = (await (await get(`/payments/v1/payment_session/${record.id}?${query}`)).json()) as Record<string, unknown>;
    expect(body.order_items).toEqual(record.order_items);
    expect(body.metadata).toEqual(record.metadata);
    expect(body.truemed_fee).toEqual(record.truemed_fee);
    expect(body).not.toHaveProperty('refunds');
    expect(body).not.toHaveProperty('disputes');
    const listed = (await (await get(`/payments/v1/payment_sessions?page_size=100&${query}`)).json()) as { payment_sessions: Array<{ id: string }> };
    expect(listed.payment_sessions.find((s) => s.id === record.id)).toEqual(body);
  });

  it('answers 404 PaymentSessionDoesNotExist for an unknown id', async () => {
    const response = await api().get('/payments/v1/payment_session/ps_nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'PaymentSessionDoesNotExist', message: expect.any(String) });
  });

  it('answers 401 without the key or with a wrong one, before saying whether the id exists', async () => {
    const { fake, get } = api();
    const id = fake.records[0]!.id;
    expect((await get(`/payments/v1/payment_session/${id}`, null)).status).toBe(401);
    expect((await get('/payments/v1/payment_session/ps_nope', 'wrong')).status).toBe(401);
  });

  it('answers 400 on a malformed include flag and 404 on a path below the session', async () => {
    const { fake, get } = api();
    const id = fake.records[0]!.id;
    expect((await get(`/payments/v1/payment_session/${id}?include_metadata=perhaps`)).status).toBe(400);
    expect((await get(`/payments/v1/payment_session/${id}/capture`)).status).toBe(404);
  });

  it('serves a browser fetcher through the proxy end to end', async () => {
    const fake = createFakeTruemedApi({ sessions: 90, seed: 3 });
    const proxy = createTruemedProxy({ apiKey: FAKE_TRUEMED_API_KEY, baseUrl: ORIGIN, authorize: () => true, fetch: fake.fetch });
    const fetcher = createTruemedFetcher({
      baseUrl: 'http://portal.test/api/truemed',
      include: { items: true },
      fetch: (input, init) => proxy(new Request(input, init)),
    });
    const record = fake.records.find((r) => r.order_items)!;
    const session = await fetcher.getSession!(record.id, { signal: new AbortController().signal });
    expect(session?.id).toBe(record.id);
    expect(session?.items.length).toBe(record.order_items!.length);
    await expect(fetcher.getSession!('ps_nope', { signal: new AbortController().signal })).resolves.toBeNull();
    expect(fake.requests.at(-1)!.url).toBe(`${ORIGIN}/payments/v1/payment_session/ps_nope?include_order_items=true`);
  });
});
