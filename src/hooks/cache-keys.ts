/**
 * The SWR cache keys of the hooks, and what each one stands for. React-free.
 *
 * A key stays a plain string, so a host can pass it to SWR's `mutate` or seed `SWRConfig`'s `fallback` with
 * it. What it stands for (the fetcher, the normalized query or the session id) is recorded beside it when
 * the key is made, so the SWR fetcher and `useRefreshPaymentSessions` look it up instead of reading it back
 * out of the string.
 */
import { queryKey } from '../core/query';
import type { SessionQuery } from '../core/types';

/**
 * What one cache entry of the payment-sessions hooks holds, as `useRefreshPaymentSessions`' `match` sees
 * it: one page of a list (`usePaymentSessions`, `useRefundSummary({ query })`), with its normalized query,
 * or one session by id (`usePaymentSession`).
 */
export type PaymentSessionsCacheEntry =
  | { readonly kind: 'page'; readonly query: Readonly<SessionQuery> }
  | { readonly kind: 'session'; readonly id: string };

/** What a key stands for, with the provider's fetcher that serves it. */
export interface KeyTarget {
  fetcherId: number;
  entry: PaymentSessionsCacheEntry;
}

export const PAGE_KEY_PREFIX = 'react-payment-sessions|';
const SESSION_KEY_PREFIX = 'react-payment-sessions:session|';

/**
 * Every key made so far. Keys are few (one per page or session id a user asked for) and their records
 * small, and a key must keep its record as long as any cache may hold it, so nothing is removed.
 */
const targets = new Map<string, KeyTarget>();

function remember(key: string, fetcherId: number, entry: () => PaymentSessionsCacheEntry): string {
  if (!targets.has(key)) targets.set(key, { fetcherId, entry: entry() });
  return key;
}

/** The key of one page: the fetcher's id and the query, which must be normalized. */
export function pageKey(fetcherId: number, query: SessionQuery): string {
  return remember(`${PAGE_KEY_PREFIX}${fetcherId}|${queryKey(query)}`, fetcherId, () => ({ kind: 'page', query }));
}

/** The key of one session by id. */
export function sessionKey(fetcherId: number, id: string): string {
  return remember(`${SESSION_KEY_PREFIX}${fetcherId}|${id}`, fetcherId, () => ({ kind: 'session', id }));
}

/** What a key made by {@link pageKey} or {@link sessionKey} stands for; `undefined` for any other key. */
export function targetOfKey(key: string): KeyTarget | undefined {
  return targets.get(key);
}
