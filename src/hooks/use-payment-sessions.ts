import { useCallback, useEffect, useState } from 'react';
import useSWR, { useSWRConfig, type KeyedMutator } from 'swr';
import { isPaymentSessionsError, type PaymentSessionsError } from '../core/errors';
import { normalizeQuery, queryKey } from '../core/query';
import type { PaymentSession, SessionFetcher, SessionPage, SessionQuery } from '../core/types';
import { PAGE_KEY_PREFIX, pageKey, targetOfKey } from './cache-keys';
import { fetcherIdOf, usePaymentSessionsConfig, type PaymentSessionsSWROptions } from './context';
import { isRequestInFlight, requestPage, watchKey } from './in-flight-requests';

/**
 * The one string that says what a list is doing (booleans such as "is loading" derive from it):
 * - `idle` — nothing in flight; the data (if any) is the answer to the current query;
 * - `loading` — the current query has no data yet (a previous page may still be shown, see `isStale`);
 * - `refreshing` — the current query has data and is being fetched again;
 * - `error` — the last request for the current query failed (`error` says why).
 */
export type LoadingState = 'idle' | 'loading' | 'refreshing' | 'error';

/**
 * The SWR options the hooks use unless the provider's `swr` prop overrides them. They exist so that the
 * request counts a user can see are the minimum: a page already in the cache is shown without a request
 * (going back to page 1, or to a prefetched next page, costs nothing), and switching browser tabs does not
 * refetch. `dedupingInterval` is left to SWR or your `SWRConfig` (SWR's default: 2 s).
 */
export const PAYMENT_SESSIONS_SWR_DEFAULTS: PaymentSessionsSWROptions = {
  /** A cached page is shown as is; call `retry()` or `mutate()` to refresh it. */
  revalidateIfStale: false,
  /** Refocusing the window does not refetch. */
  revalidateOnFocus: false,
  /** Only errors that may go away on their own (network, rate limit, 5xx) are retried automatically. */
  shouldRetryOnError: (error: PaymentSessionsError) => isPaymentSessionsError(error) && error.retryable,
  /** …and at most this many times, with SWR's exponential back-off. */
  errorRetryCount: 3,
  /**
   * SWR's back-off, but never sooner than a rate limit's `Retry-After` (`error.retryAfterMs`): retrying a
   * 429 after SWR's 5–10 s when the backend asked for a minute only earns more 429s.
   */
  onErrorRetry: (error, _key, config, revalidate, options) => {
    const maxRetries = config.errorRetryCount;
    if (maxRetries !== undefined && options.retryCount > maxRetries) return;
    const backoff = Math.trunc((Math.random() + 0.5) * (1 << Math.min(options.retryCount, 8))) * config.errorRetryInterval;
    const asked = isPaymentSessionsError(error) ? (error.retryAfterMs ?? 0) : 0;
    setTimeout(revalidate, Math.max(backoff, asked), options);
  },
};

/** Options of {@link usePaymentSessions} beyond the query itself. */
export interface UsePaymentSessionsOptions {
  /** What to list; normalized with `normalizeQuery` (defaults: page 1, 30 per page). */
  query: Partial<SessionQuery>;
  /**
   * The page to show before anything is fetched — for server-side rendering. It applies to the query
   * the hook was first rendered with only, and is not refetched on mount (set the provider's
   * `swr.revalidateOnMount` to refetch).
   */
  fallbackData?: SessionPage;
  /**
   * Fetch the next page into the cache when the browser is idle, so "next" shows it at once.
   * @defaultValue true
   */
  prefetchNext?: boolean;
  /**
   * `false` fetches nothing (and needs no provider).
   * @defaultValue true
   */
  enabled?: boolean;
}

/** What {@link usePaymentSessions} returns. */
export interface UsePaymentSessionsResult {
  /** The sessions shown: the current query's, or the previous query's while `isStale`. Never `undefined`. */
  sessions: PaymentSession[];
  /** The page shown (see `sessions`), or `undefined` before the first response. */
  data: SessionPage | undefined;
  /** The normalized query being asked for. */
  query: SessionQuery;
  /** The 1-based page being asked for. */
  page: number;
  /**
   * Sessions per page: the answer's when there is one for the current filter (a fetcher may serve fewer
   * than asked, e.g. above its `capabilities.maxPageSize`), else the query's. `pageCount` counts pages of
   * this size.
   */
  pageSize: number;
  /**
   * Total sessions matching the current filter; kept while another page of the same filter loads,
   * `undefined` while it is not known (before the first response, or while a new filter loads).
   */
  total: number | undefined;
  /** `total` is only a lower bound: there may be more (see `SessionPage.totalIsLowerBound`). */
  totalIsLowerBound: boolean;
  /** Number of pages of the current filter; `undefined` when `total` is. */
  pageCount: number | undefined;
  loadingState: LoadingState;
  /** `true` while the previous query's page stays visible because the current one has no data yet. */
  isStale: boolean;
  /**
   * Why the last request for the current query failed. Kept while a retry runs; cleared by a success.
   * A superseded (aborted) request is never reported here.
   */
  error: PaymentSessionsError | undefined;
  /** Fetches the current query again; whatever is shown stays visible meanwhile. */
  retry: () => Promise<void>;
  /** SWR's mutate bound to the current query's cache entry (e.g. after a refund: `mutate()`). */
  mutate: KeyedMutator<SessionPage>;
}

/** One empty list, so "no sessions yet" keeps its identity across renders (memo-friendly). */
const NO_SESSIONS: PaymentSession[] = [];

/**
 * The SWR cache key of one page: the fetcher's identity plus the normalized query. Use it with SWR's
 * `mutate` to update or refetch a page from outside the hooks.
 */
export function paymentSessionsCacheKey(fetcher: SessionFetcher, query: Partial<SessionQuery>): string {
  return pageKey(fetcherIdOf(fetcher), normalizeQuery(query));
}

/**
 * Whether an SWR key is a list page's, for SWR's `mutate(filter)`:
 * `mutate(isPaymentSessionsCacheKey, undefined, { revalidate: true })` drops every cached page (the pages
 * on screen are fetched again at once, showing nothing meanwhile, the others when shown); the short
 * `mutate(filter)` only revalidates pages on screen, so a page cached earlier would later show its old
 * data. `useRefreshPaymentSessions` does both better: pages on screen keep showing while they refresh.
 */
export function isPaymentSessionsCacheKey(key: unknown): boolean {
  return typeof key === 'string' && key.startsWith(PAGE_KEY_PREFIX);
}

/** The SWR options of a hook that is there only for SWR to know its key: it never fetches. */
const NEVER_FETCH = { isPaused: () => true };

/**
 * Runs `callback` when the browser is idle (`requestIdleCallback`), else soon after, and not before a
 * hidden tab is shown; returns a canceller.
 */
function whenIdle(callback: () => void): () => void {
  let cancel = () => {};
  const schedule = () => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(callback, { timeout: 2000 });
      cancel = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(callback, 50);
      cancel = () => clearTimeout(id);
    }
  };
  // In a hidden tab nobody is about to page on: wait until it is shown (a request saved if it never is).
  const doc = typeof document === 'undefined' ? undefined : document;
  if (doc?.visibilityState === 'hidden') {
    const onVisibility = () => {
      if (doc.visibilityState === 'hidden') return;
      doc.removeEventListener('visibilitychange', onVisibility);
      schedule();
    };
    doc.addEventListener('visibilitychange', onVisibility);
    cancel = () => doc.removeEventListener('visibilitychange', onVisibility);
  } else {
    schedule();
  }
  return () => cancel();
}

/**
 * The page size a fetcher says it served, when it is a usable one. A fetcher that served another size than
 * asked (capped to its `maxPageSize`) says so, and its `pageCount` counts pages of that size.
 */
function answeredPageSize(page: SessionPage | undefined): number | undefined {
  const size = page?.pageSize;
  return typeof size === 'number' && Number.isSafeInteger(size) && size > 0 ? size : undefined;
}

function isOptions(input: Partial<SessionQuery> | UsePaymentSessionsOptions | undefined): input is UsePaymentSessionsOptions {
  return input !== undefined && 'query' in input;
}

/**
 * One page of payment sessions for a query, cached in the host's SWR cache under a key derived from the
 * normalized query. Every request has its own `AbortController`: a request nobody shows any more is
 * aborted and its late response dropped, never shown and never reported as an error. While a new query
 * loads, the previous page stays visible (`isStale`); once idle, the next page is prefetched. Reads no
 * `window` during render, so it renders on the server (pass `fallbackData`).
 *
 * @example
 * function Sessions() {
 *   const [page, setPage] = useState(1);
 *   const { sessions, pageCount, loadingState, isStale, error, retry } = usePaymentSessions({ page, status: ['captured'] });
 *   if (loadingState === 'error' && sessions.length === 0) return <button onClick={retry}>{error?.message} — retry</button>;
 *   return (
 *     <ul aria-busy={loadingState === 'loading'} style={{ opacity: isStale ? 0.6 : 1 }}>
 *       {sessions.map((s) => <li key={s.id}>{s.id} {s.status}</li>)}
 *       <button disabled={page >= (pageCount ?? 1)} onClick={() => setPage(page + 1)}>Next</button>
 *     </ul>
 *   );
 * }
 */
export function usePaymentSessions(query?: Partial<SessionQuery>): UsePaymentSessionsResult;
export function usePaymentSessions(options: UsePaymentSessionsOptions): UsePaymentSessionsResult;
export function usePaymentSessions(input?: Partial<SessionQuery> | UsePaymentSessionsOptions): UsePaymentSessionsResult {
  const options: UsePaymentSessionsOptions = isOptions(input) ? input : { query: input ?? {} };
  const enabled = options.enabled ?? true;
  const config = usePaymentSessionsConfig();
  if (enabled && !config) throw new Error('usePaymentSessions must be used inside <PaymentSessionsProvider fetcher={...}>.');

  const query = normalizeQuery(options.query);
  const key = enabled && config ? pageKey(config.fetcherId, query) : null;
  const fetcher = config?.fetcher;
  const { cache, mutate: mutateCache } = useSWRConfig();

  // `fallbackData` describes the first query only; SWR would otherwise show it for every later key.
  const [fallbackKey] = useState(key);
  const fetchPage = useCallback(
    (key: string) => {
      // The key's own query, not this render's: SWR may fetch a key an older render asked for.
      const target = targetOfKey(key);
      if (!fetcher || target?.entry.kind !== 'page') throw new Error('usePaymentSessions has no fetcher.');
      return requestPage(cache, key, fetcher, target.entry.query);
    },
    [cache, fetcher],
  );
  const fallbackData = key === fallbackKey ? options.fallbackData : undefined;
  const swr = useSWR<SessionPage, PaymentSessionsError>(key, fetchPage, {
    ...PAYMENT_SESSIONS_SWR_DEFAULTS,
    ...config?.swr,
    fallbackData,
  });

  // Keep the last page shown while a new query has none yet (React's "adjust state while rendering"
  // pattern; SWR's keepPreviousData cannot tell us whether what it returns is stale). The fallback is
  // only the initial state: an inline `fallbackData` literal is a new object on every call, and storing
  // it here would re-render forever. `filterKey` is shared by every page of one filter (page pinned).
  const filterKey = key === null ? null : `${config?.fetcherId}|${queryKey({ ...query, page: 1 })}`;
  const fresh = swr.data;
  const [shown, setShown] = useState(() => (fresh ? { filterKey, data: fresh } : undefined));
  if (fresh !== undefined && fresh !== fallbackData && (fresh !== shown?.data || filterKey !== shown.filterKey)) {
    setShown({ filterKey, data: fresh });
  }
  const data = fresh ?? shown?.data;
  // A previous page of the same filter still knows the filter's total; another filter's page does not.
  const counts = fresh ?? (shown?.filterKey === filterKey ? shown?.data : undefined);

  const error = swr.error?.kind === 'aborted' ? undefined : swr.error;
  const loadingState: LoadingState = swr.isValidating
    ? fresh === undefined
      ? 'loading'
      : 'refreshing'
    : error
      ? 'error'
      : 'idle';

  // Watching the key is what lets the registry abort its request once this hook moves on.
  useEffect(() => (key === null ? undefined : watchKey(cache, key)), [cache, key]);

  const nextKey =
    config && fresh && loadingState === 'idle' && options.prefetchNext !== false && query.page < fresh.pageCount
      ? pageKey(config.fetcherId, { ...query, page: query.page + 1 })
      : null;
  // SWR's `mutate(filter)` sees only keys a hook has used. The page just prefetched, which no hook has
  // shown, is mounted for one render (never fetching), so that a host's `mutate(isPaymentSessionsCacheKey,
  // …)` reaches it too.
  const [justPrefetched, setJustPrefetched] = useState<string | null>(null);
  useSWR(justPrefetched, fetchPage, NEVER_FETCH);
  useEffect(() => {
    if (justPrefetched !== null) setJustPrefetched(null);
  }, [justPrefetched]);
  useEffect(() => {
    const target = nextKey === null ? undefined : targetOfKey(nextKey);
    if (nextKey === null || !fetcher || target?.entry.kind !== 'page') return;
    const { query: nextQuery } = target.entry;
    const release = watchKey(cache, nextKey, false);
    const cancel = whenIdle(() => {
      if (cache.get(nextKey)?.data !== undefined || isRequestInFlight(cache, nextKey)) return;
      requestPage(cache, nextKey, fetcher, nextQuery, { prefetch: true }).then(
        async (page) => {
          await mutateCache(nextKey, page, { revalidate: false });
          setJustPrefetched(nextKey);
        },
        // A failed prefetch is nobody's error yet: the page is fetched again, visibly, when it is opened.
        () => undefined,
      );
    });
    return () => {
      cancel();
      release();
    };
  }, [cache, mutateCache, fetcher, nextKey]);

  const { mutate } = swr;
  const retry = useCallback(async () => {
    await mutate();
  }, [mutate]);

  return {
    sessions: data?.sessions ?? NO_SESSIONS,
    data,
    query,
    page: query.page,
    pageSize: answeredPageSize(counts) ?? query.pageSize,
    total: counts?.total,
    totalIsLowerBound: counts?.totalIsLowerBound === true,
    pageCount: counts?.pageCount,
    loadingState,
    isStale: fresh === undefined && data !== undefined,
    error,
    retry,
    mutate,
  };
}
