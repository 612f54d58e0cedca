import { act, renderHook } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { SWRConfig, useSWRConfig, type Cache } from 'swr';
import {
  PaymentSessionsError,
  type SessionFetcher,
  type SessionPage,
  type SessionQuery,
  PaymentSessionsProvider,
  isPaymentSessionsCacheKey,
  paymentSessionsCacheKey,
  usePaymentSessions,
  type LoadingState,
  type UsePaymentSessionsOptions,
} from 'react-payment-sessions/headless';
import { createTruemedFetcher } from 'react-payment-sessions/headless';
import { createTruemedProxy } from 'react-payment-sessions/server';
import { createFakeTruemedApi } from 'react-payment-sessions/testing';
import { createFakeFetcher, makeSessions } from './fake-fetcher';
import { advance, providerWrapper } from './render';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Renders the hook with a changeable query and records every loadingState it went through. */
function renderSessions(fetcher: ReturnType<typeof createFakeFetcher>, initial: UsePaymentSessionsOptions, wrapperOptions = {}) {
  const { wrapper, cache } = providerWrapper(fetcher, wrapperOptions);
  const states: LoadingState[] = [];
  const view = renderHook(
    (options: UsePaymentSessionsOptions) => {
      const result = usePaymentSessions(options);
      states.push(result.loadingState);
      return result;
    },
    { wrapper, initialProps: initial },
  );
  return { ...view, states, cache };
}

describe('usePaymentSessions', () => {
  describe('given a first render', () => {
    it('loads the page with one request and reports loading then idle', async () => {
      const fetcher = createFakeFetcher();
      const { result, states } = renderSessions(fetcher, { query: { page: 1 }, prefetchNext: false });

      expect(result.current.loadingState).toBe('loading');
      expect(result.current.sessions).toEqual([]);
      expect(result.current.total).toBeUndefined();
      expect(result.current.pageCount).toBeUndefined();

      await advance(10);

      expect(fetcher.calls).toHaveLength(1);
      expect(fetcher.calls[0]?.query).toEqual({ page: 1, pageSize: 30 });
      expect(result.current.loadingState).toBe('idle');
      expect(result.current.sessions.map((s) => s.id).slice(0, 2)).toEqual(['ps_0001', 'ps_0002']);
      expect(result.current.sessions).toHaveLength(30);
      expect(result.current).toMatchObject({ total: 95, pageCount: 4, page: 1, pageSize: 30, isStale: false, error: undefined });
      expect(states[0]).toBe('loading');
      expect(states.at(-1)).toBe('idle');
    });

    it('normalizes the query, so equal meanings share one request', async () => {
      const fetcher = createFakeFetcher();
      const { rerender, result } = renderSessions(fetcher, { query: { status: ['refunded', 'captured'], search: ' ps ' }, prefetchNext: false });
      await advance(10);
      rerender({ query: { search: 'ps', status: ['captured', 'refunded', 'captured'], page: 1 }, prefetchNext: false });
      await advance(100);

      expect(fetcher.calls).toHaveLength(1);
      expect(fetcher.calls[0]?.query).toEqual({ page: 1, pageSize: 30, search: 'ps', status: ['captured', 'refunded'] });
      expect(result.current.loadingState).toBe('idle');
    });

    it('throws a readable error outside a provider', () => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      expect(() => renderHook(() => usePaymentSessions({ page: 1 }))).toThrow(/inside <PaymentSessionsProvider/);
    });

    it('fetches nothing and needs no provider when disabled', async () => {
      const { result } = renderHook(() => usePaymentSessions({ query: {}, enabled: false }));
      await advance(1000);
      expect(result.current).toMatchObject({ loadingState: 'idle', sessions: [], data: undefined });
    });
  });

  describe('given the first page is shown', () => {
    it('prefetches the next page once idle, then "next" costs 0 requests and no loading state', async () => {
      const fetcher = createFakeFetcher();
      const { result, rerender, states } = renderSessions(fetcher, { query: { page: 1 } });
      await advance(10);
      expect(fetcher.calls).toHaveLength(1);

      await advance(100); // idle callback (setTimeout fallback in jsdom) + the prefetch's own response
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2]);

      states.length = 0;
      rerender({ query: { page: 2 } });
      expect(result.current.loadingState).toBe('idle');
      expect(result.current.sessions[0]?.id).toBe('ps_0031');
      // Page 2 then prefetches page 3, but no request for page 2 itself.
      await advance(100);
      expect(fetcher.callsForPage(2)).toHaveLength(1);
      expect(states).not.toContain('loading');
      expect(states).not.toContain('refreshing');
    });

    it('waits for requestIdleCallback where the browser has it', async () => {
      const idleCallbacks: Array<() => void> = [];
      vi.stubGlobal('requestIdleCallback', (callback: () => void) => idleCallbacks.push(callback));
      vi.stubGlobal('cancelIdleCallback', () => undefined);
      const fetcher = createFakeFetcher();
      const { unmount } = renderSessions(fetcher, { query: { page: 1 } });
      try {
        await advance(1000);
        expect(fetcher.calls).toHaveLength(1); // not idle yet: no prefetch
        expect(idleCallbacks).toHaveLength(1);

        act(() => idleCallbacks[0]?.());
        await advance(10);
        expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2]);
      } finally {
        unmount();
        vi.unstubAllGlobals();
      }
    });

    it('going back to page 1 costs 0 requests', async () => {
      const fetcher = createFakeFetcher();
      const { result, rerender } = renderSessions(fetcher, { query: { page: 1 }, prefetchNext: false });
      await advance(10);
      rerender({ query: { page: 2 }, prefetchNext: false });
      await advance(10);
      expect(fetcher.calls).toHaveLength(2);

      rerender({ query: { page: 1 }, prefetchNext: false });
      expect(result.current.loadingState).toBe('idle');
      expect(result.current.sessions[0]?.id).toBe('ps_0001');
      await advance(5000);
      expect(fetcher.calls).toHaveLength(2);
    });

    it('in a hidden tab, prefetches only once the tab is shown', async () => {
      const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
      try {
        const fetcher = createFakeFetcher();
        renderSessions(fetcher, { query: {} });
        await advance(3000);
        expect(fetcher.calls.map((c) => c.query.page)).toEqual([1]);
        visibility.mockReturnValue('visible');
        act(() => document.dispatchEvent(new Event('visibilitychange')));
        await advance(3000);
        expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2]);
      } finally {
        visibility.mockRestore();
      }
    });

    it('does not prefetch past the last page, nor when prefetchNext is false', async () => {
      const fetcher = createFakeFetcher();
      const { rerender } = renderSessions(fetcher, { query: { page: 4 } });
      await advance(1000);
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([4]);

      rerender({ query: { page: 3 }, prefetchNext: false });
      await advance(1000);
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([4, 3]);
    });

    it('does not prefetch a page that is already cached', async () => {
      const fetcher = createFakeFetcher();
      const { rerender } = renderSessions(fetcher, { query: { page: 2 }, prefetchNext: false });
      await advance(10);
      rerender({ query: { page: 1 } });
      await advance(1000);
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([2, 1]);
    });

    it('"next" while the prefetch is still in flight joins it instead of asking again', async () => {
      const fetcher = createFakeFetcher({ delayMs: (query) => (query.page === 2 ? 500 : 10) });
      const { result, rerender } = renderSessions(fetcher, { query: { page: 1 } });
      await advance(100); // page 1 answered, prefetch of page 2 started
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2]);

      rerender({ query: { page: 2 } });
      expect(result.current.loadingState).toBe('loading');
      expect(result.current.isStale).toBe(true);
      await advance(500);

      expect(fetcher.callsForPage(2)).toHaveLength(1);
      expect(fetcher.callsForPage(2)[0]?.signal.aborted).toBe(false);
      expect(result.current.loadingState).toBe('idle');
      expect(result.current.sessions[0]?.id).toBe('ps_0031');
    });
  });

  describe('given the query changes while a request is in flight', () => {
    it('aborts the superseded request and shows no error for it', async () => {
      const fetcher = createFakeFetcher({ manual: true });
      const { result, rerender } = renderSessions(fetcher, { query: { page: 1 } });
      await advance(0);
      expect(fetcher.calls).toHaveLength(1);

      rerender({ query: { page: 1, status: ['captured'] } });
      await advance(0);

      expect(fetcher.calls).toHaveLength(2);
      expect(fetcher.calls[0]?.signal.aborted).toBe(true);
      expect(fetcher.calls[1]?.signal.aborted).toBe(false);
      expect(result.current.loadingState).toBe('loading');
      expect(result.current.error).toBeUndefined();

      act(() => fetcher.calls[1]?.resolve());
      await advance(0);
      expect(result.current.loadingState).toBe('idle');
      expect(result.current.error).toBeUndefined();
      expect(result.current.sessions.every((s) => s.status === 'captured')).toBe(true);
    });

    it('never shows a late response from an old query (slow A, fast B, A answers last)', async () => {
      // A backend that ignores the abort signal: its late answer must still be dropped.
      const fetcher = createFakeFetcher({ ignoreAbort: true, delayMs: (query) => (query.search === 'slow' ? 500 : 50) });
      const { result, rerender, cache } = renderSessions(fetcher, { query: { search: 'slow' }, prefetchNext: false });
      await advance(10);
      rerender({ query: { search: 'ps_000' }, prefetchNext: false });

      await advance(60);
      expect(result.current.data?.sessions.map((s) => s.id)).toEqual(fetcher.pageFor(fetcher.calls[1]!.query).sessions.map((s) => s.id));
      expect(result.current.sessions).toHaveLength(9);

      await advance(500); // A answers now
      expect(fetcher.calls[0]?.settled).toBe(true);
      expect(fetcher.calls[0]?.signal.aborted).toBe(true);
      expect(result.current.sessions).toHaveLength(9);
      expect(result.current.query.search).toBe('ps_000');
      expect(result.current.loadingState).toBe('idle');
      expect(result.current.error).toBeUndefined();
      expect(fetcher.calls).toHaveLength(2);
      // Not shown, and not kept either: going back to A must fetch it afresh, not show the dropped answer.
      expect(cache.get(paymentSessionsCacheKey(fetcher, { search: 'slow' }))?.data).toBeUndefined();
      expect(cache.get(paymentSessionsCacheKey(fetcher, { search: 'ps_000' }))?.data?.sessions).toHaveLength(9);
    });

    it('retry() while the first request is still running: the older answer, arriving last, never shows', async () => {
      // A backend that ignores the abort: the first answer still arrives, after the retry's.
      const fetcher = createFakeFetcher({ manual: true, ignoreAbort: true });
      const { result, cache } = renderSessions(fetcher, { query: {}, prefetchNext: false });
      await advance(0);
      expect(fetcher.calls).toHaveLength(1);
      const page = fetcher.pageFor(fetcher.calls[0]!.query);
      const withName = (name: string) => ({ ...page, sessions: page.sessions.map((s, i) => (i === 0 ? { ...s, customer: { name } } : s)) });

      act(() => void result.current.retry());
      await advance(0);
      expect(fetcher.calls).toHaveLength(2);
      expect(fetcher.calls[0]?.signal.aborted).toBe(true);
      expect(fetcher.calls[1]?.signal.aborted).toBe(false);
      expect(result.current.loadingState).toBe('loading');

      act(() => fetcher.calls[1]?.resolve(withName('the retry')));
      await advance(0);
      expect(result.current.sessions[0]?.customer?.name).toBe('the retry');

      act(() => fetcher.calls[0]?.resolve(withName('the first request')));
      await advance(0);
      expect(result.current.sessions[0]?.customer?.name).toBe('the retry');
      expect(result.current).toMatchObject({ loadingState: 'idle', error: undefined });
      expect(cache.get(paymentSessionsCacheKey(fetcher, {}))?.data?.sessions[0]?.customer?.name).toBe('the retry');
      await advance(5_000);
      expect(fetcher.calls).toHaveLength(2);
    });

    it('retry() while the first request is still running: the older answer, arriving first, does not show either', async () => {
      const fetcher = createFakeFetcher({ manual: true, ignoreAbort: true });
      const { result, cache } = renderSessions(fetcher, { query: {}, prefetchNext: false });
      await advance(0);
      const page = fetcher.pageFor(fetcher.calls[0]!.query);
      const withName = (name: string) => ({ ...page, sessions: page.sessions.map((s, i) => (i === 0 ? { ...s, customer: { name } } : s)) });

      act(() => void result.current.retry());
      await advance(0);
      act(() => fetcher.calls[0]?.resolve(withName('the first request')));
      await advance(0);
      // The retry was asked for because the first answer may be out of date: it is not shown meanwhile.
      expect(result.current).toMatchObject({ loadingState: 'loading', sessions: [] });
      expect(cache.get(paymentSessionsCacheKey(fetcher, {}))?.data).toBeUndefined();

      act(() => fetcher.calls[1]?.resolve(withName('the retry')));
      await advance(0);
      expect(result.current.sessions[0]?.customer?.name).toBe('the retry');
      expect(fetcher.calls).toHaveLength(2);
    });

    it('a refresh asked for while an older one runs gets its own request, and the older answer never wins', async () => {
      // E.g. a host calls mutate() after a refund while a refresh from before the refund is still running.
      const fetcher = createFakeFetcher({ manual: true });
      const { result } = renderSessions(fetcher, { query: {}, prefetchNext: false });
      await advance(0);
      act(() => fetcher.calls[0]?.resolve());
      await advance(0);
      const page = fetcher.pageFor(fetcher.calls[0]!.query);
      const withName = (name: string) => ({ ...page, sessions: page.sessions.map((s, i) => (i === 0 ? { ...s, customer: { name } } : s)) });

      act(() => void result.current.mutate());
      await advance(0);
      expect(fetcher.calls).toHaveLength(2);
      act(() => void result.current.mutate());
      await advance(0);
      expect(fetcher.calls).toHaveLength(3);

      // The newer answers first, the older one last: the newer stays.
      act(() => fetcher.calls[2]?.resolve(withName('after the refund')));
      await advance(0);
      act(() => fetcher.calls[1]?.resolve(withName('before the refund')));
      await advance(0);
      expect(result.current.sessions[0]?.customer?.name).toBe('after the refund');
      expect(result.current.loadingState).toBe('idle');
    });

    it('a superseded refresh that fails after the newer one answered shows no error, and is aborted', async () => {
      const fetcher = createFakeFetcher({ manual: true });
      const { result } = renderSessions(fetcher, { query: {}, prefetchNext: false }, { swr: { shouldRetryOnError: false } });
      await advance(0);
      act(() => fetcher.calls[0]?.resolve());
      await advance(0);

      act(() => void result.current.mutate());
      await advance(0);
      act(() => void result.current.mutate());
      await advance(0);
      expect(fetcher.calls).toHaveLength(3);
      // Nobody will use the older answer any more.
      expect(fetcher.calls[1]?.signal.aborted).toBe(true);
      expect(fetcher.calls[2]?.signal.aborted).toBe(false);

      act(() => fetcher.calls[2]?.resolve());
      await advance(0);
      act(() => fetcher.calls[1]?.reject(new PaymentSessionsError({ kind: 'http', status: 500, message: 'Old failure' })));
      await advance(0);
      expect(result.current.error).toBeUndefined();
      expect(result.current.loadingState).toBe('idle');
      expect(result.current.sessions).toHaveLength(30);
    });

    it('keeps the previous page visible and marks it stale while the new query loads', async () => {
      const fetcher = createFakeFetcher({ delayMs: 100 });
      const { result, rerender } = renderSessions(fetcher, { query: { page: 1 }, prefetchNext: false });
      await advance(100);
      expect(fetcher.calls).toHaveLength(1);
      const firstPage = result.current.sessions;

      rerender({ query: { page: 2 }, prefetchNext: false });
      // Another page of the same filter: its total still holds.
      expect(result.current).toMatchObject({ loadingState: 'loading', isStale: true, sessions: firstPage, total: 95, pageCount: 4 });
      await advance(100);
      expect(fetcher.calls.map((c) => c.query)).toEqual([
        { page: 1, pageSize: 30 },
        { page: 2, pageSize: 30 },
      ]);

      rerender({ query: { page: 1, kind: ['authorization'] }, prefetchNext: false });
      // Another filter: the old page stays visible, but its total is not this filter's.
      expect(result.current).toMatchObject({ loadingState: 'loading', isStale: true, total: undefined, pageCount: undefined });
      expect(result.current.sessions[0]?.id).toBe('ps_0031');

      await advance(100);
      expect(result.current).toMatchObject({ loadingState: 'idle', isStale: false, total: 47, pageCount: 2 });
      // One request per query shown, none for the stale page while it stayed visible.
      expect(fetcher.calls.map((c) => c.query)).toEqual([
        { page: 1, pageSize: 30 },
        { page: 2, pageSize: 30 },
        { page: 1, pageSize: 30, kind: ['authorization'] },
      ]);
      await advance(5_000);
      expect(fetcher.calls).toHaveLength(3);
    });

    it('does not abort a request another hook still shows', async () => {
      const fetcher = createFakeFetcher({ manual: true });
      const { wrapper } = providerWrapper(fetcher);
      const { result, rerender } = renderHook(
        ({ query }: { query: Partial<SessionQuery> }) => ({
          moving: usePaymentSessions({ query, prefetchNext: false }),
          staying: usePaymentSessions({ query: { page: 1 }, prefetchNext: false }),
        }),
        { wrapper, initialProps: { query: { page: 1 } } },
      );
      await advance(0);
      expect(fetcher.calls).toHaveLength(1);

      rerender({ query: { page: 3 } });
      await advance(0);
      expect(fetcher.calls[0]?.signal.aborted).toBe(false);

      act(() => fetcher.calls.forEach((call) => call.resolve()));
      await advance(0);
      expect(result.current.staying.sessions[0]?.id).toBe('ps_0001');
      expect(result.current.moving.sessions[0]?.id).toBe('ps_0061');
      expect(fetcher.calls).toHaveLength(2);
    });

    it('aborts the in-flight request on unmount', async () => {
      const fetcher = createFakeFetcher({ manual: true });
      const { unmount } = renderSessions(fetcher, { query: {} });
      await advance(0);
      expect(fetcher.calls).toHaveLength(1);
      unmount();
      await advance(0);
      expect(fetcher.calls[0]?.signal.aborted).toBe(true);
      await advance(5_000);
      expect(fetcher.calls).toHaveLength(1);
    });
  });

  describe('given a request fails', () => {
    const authError = () => new PaymentSessionsError({ kind: 'auth', status: 401, message: 'Sign in again.' });

    it('keeps filters, page and the last good data, adds the error, and retry() recovers', async () => {
      const fetcher = createFakeFetcher({ delayMs: 100 });
      const { result, rerender, states } = renderSessions(fetcher, { query: { page: 1 }, prefetchNext: false });
      await advance(100);
      const firstPage = result.current.sessions;

      fetcher.failure = (query) => (query.page === 2 ? authError() : undefined);
      rerender({ query: { page: 2 }, prefetchNext: false });
      await advance(100);

      expect(result.current.loadingState).toBe('error');
      expect(result.current.error).toBeInstanceOf(PaymentSessionsError);
      expect(result.current.error?.kind).toBe('auth');
      expect(result.current).toMatchObject({ page: 2, isStale: true, sessions: firstPage, total: 95 });
      await advance(60_000);
      expect(fetcher.calls).toHaveLength(2); // an auth error is not retried by itself

      fetcher.failure = undefined;
      states.length = 0;
      let retried!: Promise<void>;
      act(() => {
        retried = result.current.retry();
      });
      expect(result.current.loadingState).toBe('loading');
      expect(result.current.sessions).toBe(firstPage);
      await advance(100);
      await act(() => retried);

      expect(fetcher.calls).toHaveLength(3);
      expect(result.current).toMatchObject({ loadingState: 'idle', error: undefined, isStale: false, page: 2 });
      expect(result.current.sessions[0]?.id).toBe('ps_0031');
      expect(states).toContain('loading');
    });

    it('a failed refresh keeps the page it had (not stale) and reports the error', async () => {
      const fetcher = createFakeFetcher({ delayMs: 100 });
      const { result } = renderSessions(fetcher, { query: { page: 1 }, prefetchNext: false });
      await advance(100);
      expect(fetcher.calls).toHaveLength(1);
      const page = result.current.sessions;

      fetcher.failure = () => authError();
      act(() => void result.current.retry());
      expect(result.current.loadingState).toBe('refreshing');
      await advance(100);

      expect(result.current).toMatchObject({ loadingState: 'error', isStale: false, sessions: page });
      expect(result.current.error?.status).toBe(401);
      // The refresh was one request for the same page; an auth error is not retried by itself.
      expect(fetcher.calls.map((c) => c.query)).toEqual([
        { page: 1, pageSize: 30 },
        { page: 1, pageSize: 30 },
      ]);
      await advance(60_000);
      expect(fetcher.calls).toHaveLength(2);
    });

    it('wraps an error a fetcher throws before returning a promise in a PaymentSessionsError too', async () => {
      const throwing = Object.assign(
        (): Promise<SessionPage> => {
          throw new Error('Not signed in');
        },
        { source: 'custom', capabilities: { search: false, filters: [] } },
      ) satisfies SessionFetcher;
      const { wrapper } = providerWrapper(throwing, { swr: { shouldRetryOnError: false } });
      const { result } = renderHook(() => usePaymentSessions({ query: {}, prefetchNext: false }), { wrapper });
      await advance(10);
      expect(result.current.error).toBeInstanceOf(PaymentSessionsError);
      expect(result.current.error).toMatchObject({ message: 'Not signed in' });
      expect(result.current.loadingState).toBe('error');
    });

    it('wraps anything else a fetcher throws in a PaymentSessionsError', async () => {
      const fetcher = createFakeFetcher({ delayMs: 10 });
      fetcher.failure = () => new TypeError('Failed to fetch');
      const { result } = renderSessions(fetcher, { query: {}, prefetchNext: false }, { swr: { shouldRetryOnError: false } });
      await advance(10);

      expect(result.current.error).toBeInstanceOf(PaymentSessionsError);
      expect(result.current.error).toMatchObject({ kind: 'network', message: 'Failed to fetch' });
      expect(result.current.error?.cause).toBeInstanceOf(TypeError);
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 1, pageSize: 30 }]);
      await advance(60_000);
      expect(fetcher.calls).toHaveLength(1); // automatic retries are off here
    });

    it.each([
      ['an AbortError', () => Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })],
      ['an aborted PaymentSessionsError', () => new PaymentSessionsError({ kind: 'aborted', message: 'The request was cancelled.' })],
    ])('shows %s the hook did not ask for as a network error (not a silent, endless load)', async (_label, thrown) => {
      // E.g. a host's fetch wrapper with its own timeout: the hook's signal is not aborted.
      const fetcher = createFakeFetcher({ delayMs: 10 });
      fetcher.failure = () => thrown();
      const { result } = renderSessions(fetcher, { query: {}, prefetchNext: false }, { swr: { shouldRetryOnError: false } });
      await advance(10);

      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 1, pageSize: 30 }]);
      expect(fetcher.calls[0]?.signal.aborted).toBe(false);
      expect(result.current.loadingState).toBe('error');
      expect(result.current.error).toMatchObject({ kind: 'network', message: 'The request for payment sessions was cancelled before it finished. Try again.' });
      expect(result.current.error?.retryable).toBe(true);
    });

    it('shows a backend that never answers as an error with Retry after the fetcher’s timeout, not an endless load', async () => {
      const hanging = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) => new Promise<Response>(() => undefined));
      const truemed = createTruemedFetcher({ baseUrl: 'https://portal.example/api/truemed', fetch: hanging });
      const { wrapper } = providerWrapper(truemed, { swr: { shouldRetryOnError: false } });
      const { result } = renderHook(() => usePaymentSessions({ query: {}, prefetchNext: false }), { wrapper });
      await advance(29_000);
      expect(result.current.loadingState).toBe('loading');

      await advance(1_000);
      expect(result.current.loadingState).toBe('error');
      expect(result.current.error).toMatchObject({ kind: 'network', message: 'The payment sessions service did not answer in time.' });
      expect(result.current.error?.retryable).toBe(true);
      expect(hanging).toHaveBeenCalledTimes(1);
      expect(hanging.mock.calls[0]?.[1]?.signal?.aborted).toBe(true);

      act(() => void result.current.retry());
      await advance(0);
      expect(hanging).toHaveBeenCalledTimes(2);
      expect(result.current.loadingState).toBe('loading');
    });

    it('waits at least Retry-After before retrying a rate limit by itself', async () => {
      const fetcher = createFakeFetcher({ delayMs: 10 });
      fetcher.failure = () =>
        new PaymentSessionsError({ kind: 'rate_limit', status: 429, retryAfterMs: 60_000, message: 'Try again in 60 s.' });
      const { result } = renderSessions(fetcher, { query: {}, prefetchNext: false });
      await advance(10);
      expect(result.current.error?.kind).toBe('rate_limit');

      // SWR's own back-off would have retried after 5–10 s, and again, and again.
      await advance(59_000);
      expect(fetcher.calls).toHaveLength(1);
      await advance(1_100);
      expect(fetcher.calls).toHaveLength(2);
      await advance(10 * 60_000);
      expect(fetcher.calls).toHaveLength(4);
    });

    it('retries a retryable error by itself (SWR back-off), at most 3 times', async () => {
      const fetcher = createFakeFetcher({ delayMs: 10 });
      fetcher.failure = () => new PaymentSessionsError({ kind: 'http', status: 503, message: 'Unavailable' });
      const { result } = renderSessions(fetcher, { query: {}, prefetchNext: false });
      await advance(10 * 60_000);

      expect(fetcher.calls).toHaveLength(4);
      expect(result.current.loadingState).toBe('error');
    });
  });

  describe('given several providers and hooks on one page', () => {
    it('two providers with different fetchers do not share cache entries', async () => {
      const truemed = createFakeFetcher({ sessions: makeSessions(40, 'truemed'), source: 'truemed' });
      const oneentry = createFakeFetcher({ sessions: makeSessions(12, 'oneentry'), source: 'oneentry' });
      const cache: Cache = new Map();
      const inProvider = (fetcher: typeof truemed) =>
        function Wrapper({ children }: { children: ReactNode }) {
          return (
            <SWRConfig value={{ provider: () => cache, dedupingInterval: 0 }}>
              <PaymentSessionsProvider fetcher={fetcher}>{children}</PaymentSessionsProvider>
            </SWRConfig>
          );
        };
      const first = renderHook(() => usePaymentSessions({ query: { page: 1 }, prefetchNext: false }), { wrapper: inProvider(truemed) });
      const second = renderHook(() => usePaymentSessions({ query: { page: 1 }, prefetchNext: false }), { wrapper: inProvider(oneentry) });
      await advance(10);

      expect(truemed.calls).toHaveLength(1);
      expect(oneentry.calls).toHaveLength(1);
      expect(first.result.current.total).toBe(40);
      expect(second.result.current.total).toBe(12);
      expect(second.result.current.sessions[0]?.source).toBe('oneentry');
      expect([...cache.keys()].filter(isPaymentSessionsCacheKey)).toHaveLength(2);
    });

    it('uses the host SWR cache: the entry is under paymentSessionsCacheKey', async () => {
      const fetcher = createFakeFetcher();
      const { cache } = renderSessions(fetcher, { query: { search: 'ps' }, prefetchNext: false });
      await advance(10);
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 1, pageSize: 30, search: 'ps' }]);
      expect(cache.get(paymentSessionsCacheKey(fetcher, { search: 'ps', page: 1 }))?.data?.total).toBe(95);
      expect([...cache.keys()].filter(isPaymentSessionsCacheKey)).toHaveLength(1);
    });

    it('the documented refresh, mutate(isPaymentSessionsCacheKey, undefined, { revalidate: true }), reaches prefetched and visited pages too', async () => {
      const sessions = makeSessions(95);
      const fetcher = createFakeFetcher({ sessions });
      const { wrapper } = providerWrapper(fetcher);
      const { result, rerender } = renderHook(
        ({ page }: { page: number }) => ({ list: usePaymentSessions({ page }), swr: useSWRConfig() }),
        { wrapper, initialProps: { page: 1 } },
      );
      await advance(200); // page 1 shown, page 2 prefetched
      rerender({ page: 3 });
      await advance(200); // page 3 visited (and 4 prefetched)
      rerender({ page: 1 });
      await advance(50);
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2, 3, 4]);

      // A refund changes sessions on pages 2 and 3; the host refreshes every list.
      sessions[30] = { ...sessions[30]!, status: 'refunded' };
      sessions[60] = { ...sessions[60]!, status: 'refunded' };
      await act(async () => {
        await result.current.swr.mutate(isPaymentSessionsCacheKey, undefined, { revalidate: true });
      });
      await advance(50);
      for (const page of [2, 3]) {
        rerender({ page });
        await advance(50);
        expect(result.current.list.sessions[0]).toMatchObject({ id: sessions[(page - 1) * 30]!.id, status: 'refunded' });
      }
    });

    it('under StrictMode (effects run twice) still makes one request per page and aborts none', async () => {
      const fetcher = createFakeFetcher();
      const { wrapper: Inner } = providerWrapper(fetcher);
      const { result } = renderHook(() => usePaymentSessions({ page: 1 }), {
        wrapper: ({ children }: { children: ReactNode }) => (
          <StrictMode>
            <Inner>{children}</Inner>
          </StrictMode>
        ),
      });
      await advance(200);
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2]);
      expect(fetcher.calls.some((c) => c.signal.aborted)).toBe(false);
      expect(result.current).toMatchObject({ loadingState: 'idle', total: 95 });
    });

    it('two hooks asking for the same page mounted together make one request', async () => {
      const fetcher = createFakeFetcher({ delayMs: 50 });
      const { wrapper } = providerWrapper(fetcher);
      const { result } = renderHook(
        () => [usePaymentSessions({ query: {}, prefetchNext: false }), usePaymentSessions({ query: { page: 1 }, prefetchNext: false })],
        { wrapper },
      );
      await advance(50);
      expect(fetcher.calls).toHaveLength(1);
      expect(result.current[0]?.data).toBe(result.current[1]?.data);
    });

    it('lets the host override the SWR defaults through the provider', async () => {
      const fetcher = createFakeFetcher();
      const { rerender } = renderSessions(fetcher, { query: { page: 1 }, prefetchNext: false }, { swr: { revalidateIfStale: true } });
      await advance(10);
      rerender({ query: { page: 2 }, prefetchNext: false });
      await advance(10);
      rerender({ query: { page: 1 }, prefetchNext: false });
      await advance(100);
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2, 1]);
    });
  });

  describe('given a fetcher that serves another page size than asked', () => {
    it('reports the answer’s pageSize and pageCount, not the query’s', async () => {
      const fetcher = createFakeFetcher({ manual: true, capabilities: { maxPageSize: 50 } });
      const { result, rerender } = renderSessions(fetcher, { query: { page: 2, pageSize: 100 } });
      await advance(0);
      expect(fetcher.calls).toHaveLength(1);
      // The fetcher caps 100 to 50: page 2 of 50 is rows 51–95 of 95, and the last page.
      act(() => fetcher.calls[0]?.resolve(fetcher.pageFor({ page: 2, pageSize: 50 })));
      await advance(0);
      expect(result.current).toMatchObject({ loadingState: 'idle', page: 2, pageSize: 50, pageCount: 2, total: 95 });
      expect(result.current.sessions[0]?.id).toBe('ps_0051');
      await advance(1000);
      expect(fetcher.calls).toHaveLength(1); // page 2 of 2: nothing to prefetch

      // Another page of the same filter, still loading: the answered size still holds.
      rerender({ query: { page: 1, pageSize: 100 } });
      expect(result.current).toMatchObject({ loadingState: 'loading', isStale: true, pageSize: 50, pageCount: 2 });
      // Another filter, nothing answered for it yet: only the query's size is known.
      rerender({ query: { page: 1, pageSize: 100, status: ['captured'] } });
      expect(result.current).toMatchObject({ isStale: true, pageSize: 100, pageCount: undefined });
    });

    it('through createTruemedProxy in front of the fake Truemed, pages of the proxy’s size show no row twice', async () => {
      const fake = createFakeTruemedApi({ sessions: 120, seed: 3, apiKey: 'tm_hook_test_key' });
      const proxy = createTruemedProxy({ apiKey: 'tm_hook_test_key', authorize: () => true, fetch: fake.fetch, maxPageSize: 50 });
      const truemed = createTruemedFetcher({
        baseUrl: 'https://portal.example/api/truemed',
        // The signal stays behind: jsdom's AbortSignal is not the one Node's Request accepts.
        fetch: (input, init) => proxy(new Request(String(input), { method: init?.method, headers: init?.headers })),
        maxPageSize: 50,
      });
      const { wrapper } = providerWrapper(truemed);
      const { result, rerender } = renderHook((query: Partial<SessionQuery>) => usePaymentSessions({ query, prefetchNext: false }), {
        wrapper,
        initialProps: { page: 1, pageSize: 100 },
      });
      const shown: string[] = [];
      for (let page = 1; page <= 3; page += 1) {
        rerender({ page, pageSize: 100 });
        await advance(50);
        expect(result.current).toMatchObject({ loadingState: 'idle', page, pageSize: 50, pageCount: 3, total: 120 });
        shown.push(...result.current.sessions.map((session) => session.id));
      }
      expect(shown).toEqual(fake.records.map((record) => record.id));
      expect(fake.requests.map((request) => new URL(request.url).searchParams.get('page_size'))).toEqual(['50', '50', '50']);
    });
  });

  describe('given fallbackData', () => {
    it('shows it without a request, for the first query only', async () => {
      const fetcher = createFakeFetcher();
      const fallback = { ...fetcher.pageFor({ page: 1, pageSize: 30 }), total: 1234, pageCount: 42 };
      const { result, rerender } = renderSessions(fetcher, { query: { page: 1 }, fallbackData: fallback, prefetchNext: false });
      expect(result.current).toMatchObject({ loadingState: 'idle', total: 1234, isStale: false });
      await advance(1000);
      expect(fetcher.calls).toHaveLength(0);

      rerender({ query: { page: 2 }, fallbackData: fallback, prefetchNext: false });
      expect(result.current).toMatchObject({ loadingState: 'loading', isStale: true, total: 1234 });
      await advance(10);
      expect(fetcher.calls).toHaveLength(1);
      expect(result.current).toMatchObject({ loadingState: 'idle', total: 95, page: 2 });
    });

    it('accepts an inline fallbackData literal (a new object on every render) without re-rendering forever', async () => {
      const fetcher = createFakeFetcher();
      const { result } = renderHook(
        () => usePaymentSessions({ query: {}, prefetchNext: false, fallbackData: { ...fetcher.pageFor({ page: 1, pageSize: 30 }) } }),
        { wrapper: providerWrapper(fetcher).wrapper },
      );
      await advance(100);
      expect(result.current.total).toBe(95);
      expect(fetcher.calls).toHaveLength(0);
    });
  });
});
