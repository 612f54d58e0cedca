import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { SWRConfig, type Cache } from 'swr';
import {
  PaymentSessionsProvider,
  paymentSessionsCacheKey,
  usePaymentSession,
  usePaymentSessions,
  useRefreshPaymentSessions,
  type PaymentSessionsCacheEntry,
} from 'react-payment-sessions/headless';
import { createFakeFetcher, makeSessions, type FakeFetcher } from './fake-fetcher';
import { advance, providerWrapper } from './render';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The page numbers the fetcher was asked for since `from` calls. */
const pagesAskedSince = (fetcher: FakeFetcher, from: number) => fetcher.calls.slice(from).map((call) => call.query.page);

/** A list of 95 sessions shown at `page`, with the refresh function beside it. */
function renderList(fetcher: FakeFetcher, initialPage = 1) {
  const { wrapper, cache } = providerWrapper(fetcher);
  const view = renderHook(({ page }: { page: number }) => ({ list: usePaymentSessions({ page }), refresh: useRefreshPaymentSessions() }), {
    wrapper,
    initialProps: { page: initialPage },
  });
  return { ...view, cache };
}

describe('useRefreshPaymentSessions', () => {
  describe('given page 1 shown, page 2 prefetched and page 3 visited', () => {
    async function visitPages() {
      const sessions = makeSessions(95);
      const fetcher = createFakeFetcher({ sessions });
      const view = renderList(fetcher);
      await advance(200); // page 1 shown, page 2 prefetched
      view.rerender({ page: 3 });
      await advance(200); // page 3 shown, page 4 prefetched
      view.rerender({ page: 1 });
      await advance(200); // page 2 is cached: no prefetch
      expect(pagesAskedSince(fetcher, 0)).toEqual([1, 2, 3, 4]);
      return { ...view, fetcher, sessions };
    }

    it('fetches the page on screen again at once, keeping it visible, and settles with its answer', async () => {
      const { result, fetcher, sessions } = await visitPages();
      sessions[0] = { ...sessions[0]!, status: 'refunded' };
      const before = fetcher.calls.length;

      let settled = false;
      act(() => void result.current.refresh().then(() => (settled = true)));
      await advance(0);
      expect(pagesAskedSince(fetcher, before)).toEqual([1]);
      expect(result.current.list).toMatchObject({ loadingState: 'refreshing', isStale: false });
      expect(result.current.list.sessions[0]?.status).not.toBe('refunded');
      expect(settled).toBe(false);

      await advance(10);
      expect(settled).toBe(true);
      expect(result.current.list.sessions[0]).toMatchObject({ id: 'ps_0001', status: 'refunded' });
    });

    it('refreshes the prefetched page no hook has shown (prefetched again once idle), and the visited one when shown', async () => {
      const { result, rerender, fetcher, sessions } = await visitPages();
      sessions[30] = { ...sessions[30]!, status: 'refunded' };
      sessions[60] = { ...sessions[60]!, status: 'refunded' };
      const before = fetcher.calls.length;

      act(() => void result.current.refresh());
      await advance(200);
      // Page 1 again, then page 2 by the prefetch; pages 3 and 4 wait until they are shown.
      expect(pagesAskedSince(fetcher, before)).toEqual([1, 2]);

      rerender({ page: 2 });
      expect(result.current.list).toMatchObject({ loadingState: 'idle', isStale: false });
      expect(result.current.list.sessions[0]).toMatchObject({ id: 'ps_0031', status: 'refunded' });
      await advance(200);
      expect(fetcher.callsForPage(2)).toHaveLength(2); // the first prefetch and the one after the refresh

      rerender({ page: 3 });
      await advance(200);
      expect(result.current.list.sessions[0]).toMatchObject({ id: 'ps_0061', status: 'refunded' });
      expect(fetcher.callsForPage(3)).toHaveLength(2);
    });

    it('with a match, touches only the entries it accepts', async () => {
      const { result, rerender, fetcher, sessions } = await visitPages();
      const oldStatus = sessions[30]!.status;
      expect(oldStatus).not.toBe('refunded');
      sessions[30] = { ...sessions[30]!, status: 'refunded' };
      sessions[60] = { ...sessions[60]!, status: 'refunded' };
      const before = fetcher.calls.length;
      const seen: PaymentSessionsCacheEntry[] = [];

      await act(async () => {
        await result.current.refresh((entry) => {
          seen.push(entry);
          return entry.kind === 'page' && entry.query.page === 3;
        });
      });
      await advance(200);
      // Page 3 is out of sight: dropped, not fetched. Page 1 on screen was not matched: not fetched.
      expect(pagesAskedSince(fetcher, before)).toEqual([]);
      expect(seen.map((entry) => entry.kind === 'page' && entry.query.page).sort()).toEqual([1, 2, 3, 4]);
      expect(seen[0]).toEqual({ kind: 'page', query: { page: expect.any(Number), pageSize: 30 } });

      rerender({ page: 2 }); // not matched: still its cached (old) page, no request
      expect(result.current.list.sessions[0]).toMatchObject({ id: 'ps_0031', status: oldStatus });
      rerender({ page: 3 }); // matched: fetched when shown
      await advance(200);
      expect(result.current.list.sessions[0]).toMatchObject({ id: 'ps_0061', status: 'refunded' });
      expect(pagesAskedSince(fetcher, before)).toEqual([3]); // page 4, not matched, is still cached
    });
  });

  it('aborts a prefetch still running (its answer may predate the write), and that answer is never cached', async () => {
    const sessions = makeSessions(95);
    const fetcher = createFakeFetcher({ sessions, delayMs: (query) => (query.page === 2 ? 500 : 10) });
    const { result, rerender, cache } = renderList(fetcher);
    await advance(100); // page 1 shown, prefetch of page 2 running
    expect(pagesAskedSince(fetcher, 0)).toEqual([1, 2]);
    const prefetch = fetcher.callsForPage(2)[0]!;

    await act(async () => {
      await result.current.refresh((entry) => entry.kind === 'page' && entry.query.page === 2);
    });
    expect(prefetch.signal.aborted).toBe(true);
    await advance(1000);
    expect(cache.get(paymentSessionsCacheKey(fetcher, { page: 2 }))?.data).toBeUndefined();

    sessions[30] = { ...sessions[30]!, status: 'refunded' };
    rerender({ page: 2 });
    await advance(500);
    expect(result.current.list.sessions[0]).toMatchObject({ id: 'ps_0031', status: 'refunded' });
    expect(fetcher.callsForPage(2)).toHaveLength(2);
  });

  it('refreshes a single session shown by usePaymentSession, and only it when matched by id', async () => {
    const sessions = makeSessions(95);
    const getSession = vi.fn(async (id: string) => sessions.find((session) => session.id === id) ?? null);
    const fetcher = Object.assign(createFakeFetcher({ sessions }), { getSession });
    const { wrapper } = providerWrapper(fetcher);
    const { result } = renderHook(
      () => ({
        first: usePaymentSession('ps_0001'),
        second: usePaymentSession('ps_0002'),
        list: usePaymentSessions({ query: {}, prefetchNext: false }),
        refresh: useRefreshPaymentSessions(),
      }),
      { wrapper },
    );
    await advance(10);
    expect(getSession.mock.calls.map(([id]) => id).sort()).toEqual(['ps_0001', 'ps_0002']);
    const listCalls = fetcher.calls.length;

    sessions[0] = { ...sessions[0]!, status: 'refunded' };
    await act(async () => {
      await result.current.refresh((entry) => entry.kind === 'session' && entry.id === 'ps_0001');
    });
    expect(getSession.mock.calls.map(([id]) => id).sort()).toEqual(['ps_0001', 'ps_0001', 'ps_0002']);
    expect(fetcher.calls).toHaveLength(listCalls);
    expect(result.current.first.session?.status).toBe('refunded');
    expect(result.current.second.loadingState).toBe('idle');
  });

  it('covers only its own provider’s fetcher in a shared cache', async () => {
    const truemed = createFakeFetcher({ sessions: makeSessions(40, 'truemed'), source: 'truemed' });
    const oneentry = createFakeFetcher({ sessions: makeSessions(12, 'oneentry'), source: 'oneentry' });
    const cache: Cache = new Map();
    const inProvider = (fetcher: FakeFetcher) =>
      function Wrapper({ children }: { children: ReactNode }) {
        return (
          <SWRConfig value={{ provider: () => cache, dedupingInterval: 0 }}>
            <PaymentSessionsProvider fetcher={fetcher}>{children}</PaymentSessionsProvider>
          </SWRConfig>
        );
      };
    const useListAndRefresh = () => ({ list: usePaymentSessions({ query: {}, prefetchNext: false }), refresh: useRefreshPaymentSessions() });
    const first = renderHook(useListAndRefresh, { wrapper: inProvider(truemed) });
    renderHook(useListAndRefresh, { wrapper: inProvider(oneentry) });
    await advance(10);
    expect([truemed.calls.length, oneentry.calls.length]).toEqual([1, 1]);

    act(() => void first.result.current.refresh());
    await advance(10);
    expect([truemed.calls.length, oneentry.calls.length]).toEqual([2, 1]);
  });
});
