import { renderHook } from '@testing-library/react';
import { usePaymentSessions, useRefundSummary, type PaymentSession, type SessionPage } from 'react-payment-sessions/headless';
import { createFakeFetcher, makeSessions } from './fake-fetcher';
import { advance, providerWrapper } from './render';

function session(id: string, fields: Partial<PaymentSession>): PaymentSession {
  return { id, source: 'fake', status: 'captured', rawStatus: 'captured', items: [], refunds: [], disputes: [], raw: {}, ...fields };
}

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

const mixed: PaymentSession[] = [
  session('a', { amount: usd(10_000), refundedAmount: usd(2_500), refundableAmount: usd(7_500), fee: usd(300), status: 'partially_refunded' }),
  session('b', { amount: usd(5_000), refundableAmount: usd(5_000), fee: usd(150) }),
  session('c', { amount: eur(8_000), refundedAmount: eur(8_000), refundableAmount: eur(0), status: 'refunded' }),
  session('d', { amount: usd(4_000), status: 'pending' }),
];

describe('useRefundSummary', () => {
  describe('given sessions in two currencies', () => {
    it('totals each currency on its own and counts statuses, without a provider', () => {
      const { result } = renderHook(() => useRefundSummary(mixed));
      const { currencies, countsByStatus, total } = result.current.summary;

      expect(currencies).toEqual([
        { currency: 'EUR', gross: 8_000, captured: 8_000, refunded: 8_000, refundable: 0, fees: 0, net: 0, count: 1 },
        { currency: 'USD', gross: 19_000, captured: 15_000, refunded: 2_500, refundable: 12_500, fees: 450, net: 12_050, count: 3 },
      ]);
      expect(countsByStatus).toMatchObject({ captured: 1, partially_refunded: 1, refunded: 1, pending: 1, voided: 0 });
      expect(total).toBe(4);
    });

    it('recomputes only when the sessions change', () => {
      const { result, rerender } = renderHook(({ sessions }) => useRefundSummary(sessions), { initialProps: { sessions: mixed } });
      const first = result.current.summary;
      rerender({ sessions: mixed });
      expect(result.current.summary).toBe(first);
      rerender({ sessions: mixed.slice(0, 1) });
      expect(result.current.summary.currencies).toHaveLength(1);
    });
  });

  describe('given a SessionPage', () => {
    const page: SessionPage = { sessions: mixed, total: 40, page: 3, pageSize: 4, pageCount: 10 };

    it('sums the page’s sessions, without a provider or a request', () => {
      const { result } = renderHook(() => useRefundSummary(page));
      const fromList = renderHook(() => useRefundSummary(mixed)).result.current;
      expect(result.current.summary).toEqual(fromList.summary);
      expect(result.current.summary.total).toBe(4);
      expect(result.current.summary.currencies.map((c) => [c.currency, c.refunded])).toEqual([
        ['EUR', 8_000],
        ['USD', 2_500],
      ]);
      expect(result.current).not.toHaveProperty('loadingState');
    });

    it('sums an empty page as nothing, and recomputes only when the page’s sessions change', () => {
      const { result, rerender } = renderHook(({ input }) => useRefundSummary(input), { initialProps: { input: page } });
      const first = result.current.summary;
      rerender({ input: { ...page, total: 41 } });
      expect(result.current.summary).toBe(first);
      rerender({ input: { ...page, sessions: [] } });
      expect(result.current.summary).toMatchObject({ total: 0, currencies: [] });
    });
  });

  describe('given a query', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('fetches that page and summarizes it, sharing the request with the list of the same page', async () => {
      const fetcher = createFakeFetcher({ sessions: makeSessions(12) });
      const { wrapper } = providerWrapper(fetcher);
      const { result } = renderHook(
        () => ({
          summary: useRefundSummary({ query: { pageSize: 10 } }),
          list: usePaymentSessions({ query: { pageSize: 10 }, prefetchNext: false }),
        }),
        { wrapper },
      );
      expect(result.current.summary.loadingState).toBe('loading');
      expect(result.current.summary.summary.total).toBe(0);

      await advance(10);
      expect(fetcher.calls).toHaveLength(1);
      const { summary, loadingState, sessions } = result.current.summary;
      expect(loadingState).toBe('idle');
      expect(sessions).toBe(result.current.list.sessions);
      expect(summary.total).toBe(10);
      // makeSessions: every fifth session is in EUR, amounts 1000 + n·100 minor units.
      expect(summary.currencies.map((c) => [c.currency, c.count, c.gross])).toEqual([
        ['EUR', 2, 1_500 + 2_000],
        ['USD', 8, [1, 2, 3, 4, 6, 7, 8, 9].reduce((sum, n) => sum + 1_000 + n * 100, 0)],
      ]);
    });

    it('sums only the one page the query lists, not every session of its filter', async () => {
      const fetcher = createFakeFetcher({ sessions: makeSessions(12) });
      const { wrapper } = providerWrapper(fetcher);
      const { result } = renderHook(
        () => ({
          summary: useRefundSummary({ query: { page: 2, pageSize: 10 } }),
          list: usePaymentSessions({ query: { page: 2, pageSize: 10 }, prefetchNext: false }),
        }),
        { wrapper },
      );
      await advance(10);
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 2, pageSize: 10 }]);
      // The filter has 12 sessions; page 2 of 10 holds ps_0011 and ps_0012 (USD 2100 and 2200).
      expect(result.current.list.total).toBe(12);
      expect(result.current.summary.sessions.map((s) => s.id)).toEqual(['ps_0011', 'ps_0012']);
      expect(result.current.summary.summary.total).toBe(2);
      expect(result.current.summary.summary.currencies.map((c) => [c.currency, c.count, c.gross])).toEqual([['USD', 2, 2_100 + 2_200]]);
    });
  });
});

describe('useRefundSummary with totals past safe integers', () => {
  it('returns an empty summary and the reason instead of throwing during render', () => {
    const huge = makeSessions(3).map((session) => ({
      ...session,
      status: 'captured' as const,
      amount: { amountMinor: Number.MAX_SAFE_INTEGER - 1, currency: 'USD' },
      capturedAmount: { amountMinor: Number.MAX_SAFE_INTEGER - 1, currency: 'USD' },
    }));
    const { result } = renderHook(() => useRefundSummary(huge));
    expect(result.current.summary.currencies).toEqual([]);
    expect(result.current.summaryError).toMatch(/safe integer/);
  });
});
