// The core is framework-free (CONVENTIONS #1, like zustand's vanilla store): importing any of it must not
// load React, ReactDOM or SWR, and it must run in plain Node, where `window` and `document` do not exist.
import { describe, expect, it, vi } from 'vitest';
import * as core from '../../src/core/index';

vi.mock('react', () => {
  throw new Error('core must not import react');
});
vi.mock('react-dom', () => {
  throw new Error('core must not import react-dom');
});
vi.mock('swr', () => {
  throw new Error('core must not import swr');
});

describe('src/core without React', () => {
  it('has the trap armed: importing react here fails', async () => {
    // Proves the mocks above are in force, so the import of the core at the top of this file means something.
    // Vitest wraps a throwing factory's error; ours is the cause.
    const failure = await import('react').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).cause).toEqual(new Error('core must not import react'));
  });

  it('runs where there is no window or document', () => {
    expect(typeof globalThis.window).toBe('undefined');
    expect(typeof globalThis.document).toBe('undefined');
  });

  it('exercises every core module', () => {
    // errors.ts
    expect(core.isPaymentSessionsError(new core.PaymentSessionsError({ kind: 'network', message: 'offline' }))).toBe(
      true,
    );
    // money.ts
    expect(core.minorToDecimalString(1234, 'USD')).toBe('12.34');
    // status.ts
    expect(core.normalizeTruemedStatus('captured', 'Partially Refunded')).toBe('partially_refunded');
    // sanitize.ts
    expect(core.stripSecrets({ id: 1, clientSecret: 's' })).toEqual({ id: 1 });
    // query.ts
    expect(core.normalizeQuery({ page: 2 })).toMatchObject({ page: 2, pageSize: core.DEFAULT_PAGE_SIZE });
    // pagination.ts
    expect(core.describePagination({ page: 2, pageSize: 20, total: 95 })).toMatchObject({ from: 21, to: 40 });
    // csv.ts
    expect(core.toCsv([['=1+1', -2]])).toBe("'=1+1,-2\r\n");
    // summary.ts
    const summary = core.summarizeSessions([
      {
        id: 'ps_1',
        source: 'test',
        status: 'captured',
        rawStatus: 'captured',
        amount: { amountMinor: 500, currency: 'USD' },
        items: [],
        refunds: [],
        disputes: [],
        raw: {},
      },
    ]);
    expect(summary.currencies[0]).toMatchObject({ currency: 'USD', captured: 500 });
    // date-range.ts
    expect(core.dayRangeToInstants({ from: '2026-03-08' }, 'America/New_York')).toEqual({
      from: '2026-03-08T05:00:00.000Z',
    });
  });
});
