import { useCallback } from 'react';
import { useSWRConfig } from 'swr';
import type { PaymentSession, SessionPage } from '../core/types';
import { targetOfKey, type PaymentSessionsCacheEntry } from './cache-keys';
import { usePaymentSessionsConfig } from './context';
import { abortKey, isKeyShown, watchedKeys } from './in-flight-requests';

/** Which cached entries a refresh covers: `true` for each one to refresh. */
export type PaymentSessionsRefreshMatch = (entry: PaymentSessionsCacheEntry) => boolean;

/**
 * A function that refreshes what the payment-sessions hooks cached — list pages (and so the refund
 * summaries of a `{ query }`) and single sessions — e.g. after the host's own write (a refund, a capture).
 * It covers the entries of the nearest provider's fetcher (outside a provider: every fetcher's) in the
 * surrounding SWR cache, all of them or those `match` accepts:
 *
 * - an entry a hook shows is fetched again at once, and keeps showing its data meanwhile (`refreshing`);
 * - any other (a page visited earlier, the prefetched next page) is dropped, and its request still
 *   running aborted (it may have been answered before the write): it is fetched when shown, the next page
 *   when the list prefetches it again.
 *
 * The promise settles once the entries on screen have their answers (a failure shows as their `error`;
 * the promise does not reject). An export already made is not redone: it is a file of its moment.
 *
 * @example
 * function RefundButton({ session }: { session: PaymentSession }) {
 *   const refresh = useRefreshPaymentSessions();
 *   return (
 *     <button
 *       onClick={async () => {
 *         await api.refund(session.id);
 *         // The session itself and every list page (their totals with them).
 *         await refresh((entry) => entry.kind === 'page' || entry.id === session.id);
 *       }}
 *     >
 *       Refund
 *     </button>
 *   );
 * }
 */
export function useRefreshPaymentSessions(): (match?: PaymentSessionsRefreshMatch) => Promise<void> {
  const fetcherId = usePaymentSessionsConfig()?.fetcherId;
  const { cache, mutate } = useSWRConfig();
  return useCallback(
    async (match) => {
      const refreshes: Promise<unknown>[] = [];
      // A prefetch still running has no cache entry yet, but its answer may predate the write.
      for (const key of new Set([...cache.keys(), ...watchedKeys(cache)])) {
        const target = targetOfKey(key);
        if (!target || (fetcherId !== undefined && target.fetcherId !== fetcherId) || (match && !match(target.entry))) continue;
        if (isKeyShown(cache, key)) {
          refreshes.push(mutate(key));
        } else {
          abortKey(cache, key);
          // Revalidated too, for a host's own `useSWR` on the key, if any.
          if (cache.get(key)) refreshes.push(mutate(key, undefined, { revalidate: true }));
        }
      }
      await Promise.all(refreshes);
    },
    [cache, mutate, fetcherId],
  );
}

/**
 * Rewrites one session wherever the cache holds it — in every cached list page and in its own entry — without
 * fetching: after a write, the row, the totals and the detail show its effect at once, until the refresh
 * brings the backend's record. @internal Used by `useSessionAction`.
 */
export function useUpdateCachedSession(): (sessionId: string, update: (session: PaymentSession) => PaymentSession) => Promise<void> {
  const fetcherId = usePaymentSessionsConfig()?.fetcherId;
  const { cache, mutate } = useSWRConfig();
  return useCallback(
    async (sessionId, update) => {
      const writes: Promise<unknown>[] = [];
      for (const key of cache.keys()) {
        const target = targetOfKey(key);
        if (!target || (fetcherId !== undefined && target.fetcherId !== fetcherId)) continue;
        if (target.entry.kind === 'page') {
          const page = cache.get(key)?.data as SessionPage | undefined;
          if (!page?.sessions.some((session) => session.id === sessionId)) continue;
          const sessions = page.sessions.map((session) => (session.id === sessionId ? update(session) : session));
          writes.push(mutate(key, { ...page, sessions }, { revalidate: false }));
        } else if (target.entry.id === sessionId) {
          const session = cache.get(key)?.data as PaymentSession | null | undefined;
          if (session) writes.push(mutate(key, update(session), { revalidate: false }));
        }
      }
      await Promise.all(writes);
    },
    [cache, mutate, fetcherId],
  );
}
