import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  PaymentSessionsError,
  paymentSessionCacheKey,
  usePaymentSession,
  type PaymentSession,
  type SessionFetcher,
} from 'react-payment-sessions/headless';
import { makeSessions } from './fake-fetcher';
import { providerWrapper } from './render';

interface HeldCall {
  id: string;
  signal: AbortSignal;
  resolve: (session: PaymentSession | null) => void;
  reject: (error: unknown) => void;
}

/** A list fetcher whose `getSession` holds every call until the test settles it. */
function heldFetcher(withGetSession = true) {
  const calls: HeldCall[] = [];
  const list = (async () => ({ sessions: [], total: 0, page: 1, pageSize: 30, pageCount: 1 })) as unknown as SessionFetcher;
  const fetcher: SessionFetcher = Object.assign(list, {
    source: 'held',
    capabilities: { search: false, filters: [] },
    ...(withGetSession
      ? {
          getSession: (id: string, { signal }: { signal: AbortSignal }) =>
            new Promise<PaymentSession | null>((resolve, reject) => calls.push({ id, signal, resolve, reject })),
        }
      : {}),
  });
  return { fetcher, calls };
}

const [first, second] = makeSessions(2);

describe('usePaymentSession', () => {
  describe('given a fetcher with getSession', () => {
    it('loads the session by id: loading, then idle with the session', async () => {
      const { fetcher, calls } = heldFetcher();
      const { result } = renderHook(() => usePaymentSession('ps_0001'), providerWrapper(fetcher));
      expect(result.current.loadingState).toBe('loading');
      expect(result.current.session).toBeUndefined();
      await waitFor(() => expect(calls).toHaveLength(1));
      expect(calls[0]!.id).toBe('ps_0001');
      await act(async () => calls[0]!.resolve(first!));
      expect(result.current).toMatchObject({ loadingState: 'idle', session: first, isNotFound: false, error: undefined });
    });

    it('says not found with a null session when the backend has none', async () => {
      const { fetcher, calls } = heldFetcher();
      const { result } = renderHook(() => usePaymentSession('ps_none'), providerWrapper(fetcher));
      await waitFor(() => expect(calls).toHaveLength(1));
      await act(async () => calls[0]!.resolve(null));
      expect(result.current).toMatchObject({ loadingState: 'idle', session: null, isNotFound: true });
    });

    it('reports an error, and retry fetches again and clears it', async () => {
      const { fetcher, calls } = heldFetcher();
      const { result } = renderHook(() => usePaymentSession('ps_0001'), providerWrapper(fetcher, { swr: { shouldRetryOnError: false } }));
      await waitFor(() => expect(calls).toHaveLength(1));
      await act(async () => calls[0]!.reject(new PaymentSessionsError({ kind: 'http', status: 500, message: 'Boom' })));
      expect(result.current.loadingState).toBe('error');
      expect(result.current.error?.message).toBe('Boom');
      let retried!: Promise<void>;
      act(() => {
        retried = result.current.retry();
      });
      await waitFor(() => expect(calls).toHaveLength(2));
      await act(async () => {
        calls[1]!.resolve(first!);
        await retried;
      });
      expect(result.current).toMatchObject({ loadingState: 'idle', session: first, error: undefined });
    });

    it('makes one request per id for every hook that shares the cache', async () => {
      const { fetcher, calls } = heldFetcher();
      const { wrapper, cache } = providerWrapper(fetcher, { swrConfig: { dedupingInterval: 2000 } });
      const { result } = renderHook(() => [usePaymentSession('ps_0001'), usePaymentSession('ps_0001')] as const, { wrapper });
      await waitFor(() => expect(calls).toHaveLength(1));
      await act(async () => calls[0]!.resolve(first!));
      expect(result.current[0].session).toBe(first);
      expect(result.current[1].session).toBe(first);
      expect(calls).toHaveLength(1);
      expect(cache.get(paymentSessionCacheKey(fetcher, 'ps_0001'))?.data).toBe(first);
      // A second mount reads the cache, without a request.
      renderHook(() => usePaymentSession('ps_0001'), { wrapper });
      await act(async () => undefined);
      expect(calls).toHaveLength(1);
    });

    it('aborts the request for an id it moved away from, and never shows its late answer', async () => {
      const { fetcher, calls } = heldFetcher();
      const { result, rerender } = renderHook(({ id }) => usePaymentSession(id), { ...providerWrapper(fetcher), initialProps: { id: 'ps_0001' } });
      await waitFor(() => expect(calls).toHaveLength(1));
      rerender({ id: 'ps_0002' });
      await waitFor(() => expect(calls).toHaveLength(2));
      await waitFor(() => expect(calls[0]!.signal.aborted).toBe(true));
      await act(async () => {
        calls[0]!.resolve(first!);
        calls[1]!.resolve(second!);
      });
      expect(result.current.session).toBe(second);
      expect(result.current.error).toBeUndefined();
    });

    it('fetches nothing without an id', async () => {
      const { fetcher, calls } = heldFetcher();
      const { result } = renderHook(() => usePaymentSession(''), providerWrapper(fetcher));
      await act(async () => undefined);
      expect(result.current).toMatchObject({ loadingState: 'idle', session: undefined, isNotFound: false });
      expect(calls).toHaveLength(0);
    });
  });

  describe('given a fetcher without getSession', () => {
    it('is unsupported and fetches nothing', async () => {
      const { fetcher } = heldFetcher(false);
      const { result } = renderHook(() => usePaymentSession('ps_0001'), providerWrapper(fetcher));
      await act(async () => undefined);
      expect(result.current).toMatchObject({ loadingState: 'unsupported', session: undefined, isNotFound: false });
    });
  });

  it('needs a provider unless disabled', () => {
    expect(() => renderHook(() => usePaymentSession('ps_1'))).toThrow(/PaymentSessionsProvider/);
    expect(renderHook(() => usePaymentSession('ps_1', { enabled: false })).result.current.loadingState).toBe('idle');
  });
});
