import { useCallback, useEffect } from 'react';
import useSWR, { useSWRConfig, type KeyedMutator, type SWRConfiguration } from 'swr';
import type { PaymentSessionsError } from '../core/errors';
import type { PaymentSession, SessionFetcher } from '../core/types';
import { sessionKey, targetOfKey } from './cache-keys';
import { fetcherIdOf, usePaymentSessionsConfig, type PaymentSessionsSWROptions } from './context';
import { requestForKey, watchKey } from './in-flight-requests';
import { PAYMENT_SESSIONS_SWR_DEFAULTS, type LoadingState } from './use-payment-sessions';

/**
 * What {@link usePaymentSession} is doing: a {@link LoadingState}, or `unsupported` when the provider's
 * fetcher has no `getSession` (nothing is fetched; a host can fall back to the list).
 */
export type SessionLoadingState = LoadingState | 'unsupported';

/** Options of {@link usePaymentSession}. */
export interface UsePaymentSessionOptions {
  /** `false` fetches nothing (and needs no provider). @defaultValue true */
  enabled?: boolean;
  /** The session to show before anything is fetched (SSR); `null` for "known not to exist". */
  fallbackData?: PaymentSession | null;
}

/** What {@link usePaymentSession} returns. */
export interface UsePaymentSessionResult {
  /**
   * The session; `null` when the backend has none with this id; `undefined` before the answer, without an
   * id, or when `unsupported`.
   */
  session: PaymentSession | null | undefined;
  loadingState: SessionLoadingState;
  /** `true` once the backend said there is no session with this id (`session === null`). */
  isNotFound: boolean;
  /** Why the last request failed; kept while a retry runs, cleared by a success. Never an abort. */
  error: PaymentSessionsError | undefined;
  /** Fetches the session again. */
  retry: () => Promise<void>;
  /** SWR's mutate bound to this session's cache entry. */
  mutate: KeyedMutator<PaymentSession | null>;
}

/**
 * The SWR cache key of one session by id, e.g. to refetch it after a refund:
 * `mutate(paymentSessionCacheKey(fetcher, id))`. Distinct from the list keys
 * (`isPaymentSessionsCacheKey` does not match it).
 */
export function paymentSessionCacheKey(fetcher: SessionFetcher, id: string): string {
  return sessionKey(fetcherIdOf(fetcher), id);
}

/**
 * The provider's SWR options that do not depend on the data's type: `onSuccess` and a function
 * `refreshInterval` receive pages, so they are left to the lists.
 */
function sessionSWROptions(swr: PaymentSessionsSWROptions | undefined): SWRConfiguration<PaymentSession | null, PaymentSessionsError> {
  if (!swr) return {};
  const { onSuccess: _pagesOnly, refreshInterval, ...shared } = swr;
  // The callbacks left (onError, onErrorRetry, onLoadingSlow) get SWR's config, typed by the data only
  // through fields they have no reason to read for one session; the cast says so.
  const options = { ...shared, ...(typeof refreshInterval === 'number' ? { refreshInterval } : {}) };
  return options as SWRConfiguration<PaymentSession | null, PaymentSessionsError>;
}

/**
 * One payment session by id through the fetcher's `getSession` — for a shared link (`?session=ps_…`) to a
 * session that is not on the page shown. Cached in the host's SWR cache (one request per id, shared by every
 * hook asking for it); each request has its own `AbortController`, and a request for an id nobody asks for
 * any more is aborted and its late answer dropped. A fetcher without `getSession` gives `loadingState:
 * 'unsupported'` and fetches nothing; an empty or missing id gives `idle`. The provider's `swr` options
 * apply, except `onSuccess` and a function `refreshInterval` (they are typed for pages).
 *
 * @example
 * function SharedSession({ id }: { id: string }) {
 *   const { session, loadingState, isNotFound, error, retry } = usePaymentSession(id);
 *   if (loadingState === 'unsupported') return <p>Open it from the list.</p>;
 *   if (loadingState === 'loading') return <p aria-busy="true">Loading…</p>;
 *   if (isNotFound) return <p>No session {id}.</p>;
 *   if (error) return <button onClick={retry}>{error.message} — retry</button>;
 *   return session ? <h2>{session.id}: {session.status}</h2> : null;
 * }
 */
export function usePaymentSession(id: string | null | undefined, options: UsePaymentSessionOptions = {}): UsePaymentSessionResult {
  const enabled = options.enabled ?? true;
  const config = usePaymentSessionsConfig();
  if (enabled && !config) throw new Error('usePaymentSession must be used inside <PaymentSessionsProvider fetcher={...}>.');
  const getSession = config?.fetcher.getSession;
  const supported = typeof getSession === 'function';
  const key = enabled && config && supported && typeof id === 'string' && id !== '' ? sessionKey(config.fetcherId, id) : null;
  const { cache } = useSWRConfig();

  const fetchSession = useCallback(
    (key: string) => {
      // The key's own id, not this render's: SWR may fetch a key an older render asked for.
      const target = targetOfKey(key);
      if (!getSession || target?.entry.kind !== 'session') throw new Error('usePaymentSession: the fetcher has no getSession.');
      const { id: keyId } = target.entry;
      const fetcher = config?.fetcher;
      // Called as a method, so a fetcher object whose getSession reads `this` keeps working.
      return requestForKey(cache, key, (signal) => getSession.call(fetcher, keyId, { signal }));
    },
    [cache, getSession, config?.fetcher],
  );
  const swr = useSWR<PaymentSession | null, PaymentSessionsError>(key, fetchSession, {
    ...sessionSWROptions(PAYMENT_SESSIONS_SWR_DEFAULTS),
    ...sessionSWROptions(config?.swr),
    fallbackData: options.fallbackData,
  });

  // Watching the key is what lets the registry abort its request once this hook moves to another id.
  useEffect(() => (key === null ? undefined : watchKey(cache, key)), [cache, key]);

  const error = swr.error?.kind === 'aborted' ? undefined : swr.error;
  const session = key === null ? undefined : swr.data;
  const loadingState: SessionLoadingState =
    enabled && config && !supported
      ? 'unsupported'
      : key !== null && swr.isValidating
        ? session === undefined
          ? 'loading'
          : 'refreshing'
        : key !== null && error
          ? 'error'
          : 'idle';

  const { mutate } = swr;
  const retry = useCallback(async () => {
    await mutate();
  }, [mutate]);

  return { session, loadingState, isNotFound: session === null, error: key === null ? undefined : error, retry, mutate };
}
