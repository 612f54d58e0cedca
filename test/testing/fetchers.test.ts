import { describe, expect, it } from 'vitest';
import { createFakeOneEntryFetcher, createFakeTruemedFetcher } from 'react-payment-sessions/testing';
import { PaymentSessionsError } from '../../src/core/errors';

const signal = () => new AbortController().signal;

describe('createFakeTruemedFetcher', () => {
  it('lists the fake dataset through the real adapter, filters applied by the fake', async () => {
    const fetcher = createFakeTruemedFetcher({ sessions: 90, seed: 5 });
    const page = await fetcher({ page: 2, pageSize: 25, status: ['captured'] }, { signal: signal() });
    const expected = fetcher.api.records.filter((r) => r.status === 'captured');
    expect(page.total).toBe(expected.length);
    expect(page.sessions.map((s) => s.id)).toEqual(expected.slice(25, 50).map((r) => r.id));
    expect(fetcher.source).toBe('truemed');
  });

  it('sends the key on the fake side only, so the fetcher works where window exists', async () => {
    const fetcher = createFakeTruemedFetcher({ sessions: 3, apiKey: 'k_custom' });
    await fetcher({ page: 1, pageSize: 10 }, { signal: signal() });
    expect(fetcher.api.requests[0]?.headers['x-truemed-api-key']).toBe('k_custom');
  });

  it('surfaces injected faults as PaymentSessionsError', async () => {
    const fetcher = createFakeTruemedFetcher({ sessions: 3 });
    fetcher.api.setFailure({ status: 503, body: { error: 'Unavailable', message: 'Down for maintenance' } });
    await expect(fetcher({ page: 1, pageSize: 10 }, { signal: signal() })).rejects.toMatchObject({ kind: 'http', status: 503 });
  });
});

describe('createFakeOneEntryFetcher', () => {
  it('pages the fake SDK by offset and limit in the chosen currency', async () => {
    const fetcher = createFakeOneEntryFetcher({ sessions: 45, shape: 'current', currency: 'EUR' });
    const page = await fetcher({ page: 3, pageSize: 20 }, { signal: signal() });
    expect(page.total).toBe(45);
    expect(page.sessions).toHaveLength(5);
    expect(fetcher.payments.calls.at(-1)).toEqual({ offset: 40, limit: 20 });
    expect(page.sessions.filter((s) => s.amount).every((s) => s.amount?.currency === 'EUR')).toBe(true);
  });

  it('throws the SDK resolved error', async () => {
    const fetcher = createFakeOneEntryFetcher({ sessions: 5, failWith: { statusCode: 401, message: 'Unauthorized' } });
    const error = await fetcher({ page: 1, pageSize: 10 }, { signal: signal() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentSessionsError);
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
  });
});
