import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { SWRConfiguration } from 'swr';
import type { SessionActionsClient } from '../core/actions';
import type { PaymentSessionsError } from '../core/errors';
import type { SessionFetcher, SessionPage } from '../core/types';

/**
 * The SWR options a host may override for the payment-sessions hooks (they apply to those hooks only,
 * never to the host's own `useSWR` calls). The cache is always the host's: wrap the provider in your own
 * `<SWRConfig value={{ provider }}>` to choose it.
 */
export type PaymentSessionsSWROptions = Pick<
  SWRConfiguration<SessionPage, PaymentSessionsError>,
  | 'dedupingInterval'
  | 'revalidateOnFocus'
  | 'revalidateOnReconnect'
  | 'revalidateIfStale'
  | 'revalidateOnMount'
  | 'refreshInterval'
  | 'refreshWhenHidden'
  | 'refreshWhenOffline'
  | 'focusThrottleInterval'
  | 'shouldRetryOnError'
  | 'errorRetryCount'
  | 'errorRetryInterval'
  | 'onErrorRetry'
  | 'loadingTimeout'
  | 'onLoadingSlow'
  | 'onSuccess'
  | 'onError'
>;

/** Props of {@link PaymentSessionsProvider}. */
export interface PaymentSessionsProviderProps {
  /**
   * The backend: `createTruemedFetcher(...)`, `createOneEntryFetcher(...)` or your own. Its identity is part
   * of every cache key, so create it once (module scope or `useMemo`), not on every render.
   */
  fetcher: SessionFetcher;
  /** BCP 47 locale for numbers and dates, e.g. `"en-US"`. @defaultValue the runtime's locale */
  locale?: string;
  /**
   * IANA time zone in which day-based filters ("created on 2024-03-10") and dates are interpreted,
   * e.g. `"America/New_York"`. @defaultValue `"UTC"` in the hooks (the same on server and client)
   */
  timeZone?: string;
  /**
   * SWR options for these hooks only; they override the library defaults
   * (see {@link PAYMENT_SESSIONS_SWR_DEFAULTS}).
   */
  swr?: PaymentSessionsSWROptions;
  /**
   * What merchants may do to sessions (refund, capture, void, cancel): `createTruemedActions(...)` from
   * `react-payment-sessions/actions`, or any object of the `SessionActionsClient` shape for the host's own
   * backend. Without it, `useSessionAction` offers no action. Create it once, like the fetcher.
   */
  actions?: SessionActionsClient;
  children?: ReactNode;
}

/** What the provider hands to the hooks. */
export interface PaymentSessionsContextValue {
  fetcher: SessionFetcher;
  /** A small integer naming this fetcher's identity in cache keys. */
  fetcherId: number;
  locale?: string;
  timeZone?: string;
  swr?: PaymentSessionsSWROptions;
  /** The provider's actions client, if it has one. */
  actions?: SessionActionsClient;
}

const PaymentSessionsContext = createContext<PaymentSessionsContextValue | null>(null);

const fetcherIds = new WeakMap<SessionFetcher, number>();
let lastFetcherId = 0;

/**
 * The id that keeps two fetchers' pages apart in one SWR cache: the same fetcher object always gets the
 * same id, a different one a new id, even when both report the same `source`.
 */
export function fetcherIdOf(fetcher: SessionFetcher): number {
  let id = fetcherIds.get(fetcher);
  if (id === undefined) {
    lastFetcherId += 1;
    id = lastFetcherId;
    fetcherIds.set(fetcher, id);
  }
  return id;
}

/**
 * Makes a backend (and locale, time zone) available to the payment-sessions hooks below it.
 * It uses the SWR cache of the surrounding `SWRConfig` (the global one by default); it never creates a
 * private cache, so a host's `mutate` and cache provider work on these entries too. Two providers with
 * different fetchers on one page never share entries.
 *
 * There is no currency setting here: every amount carries its own currency. A backend that sends none
 * (OneEntry) gets it from its fetcher: `createOneEntryFetcher(Payments, { currency: 'EUR' })`.
 *
 * @example
 * const fetcher = createTruemedFetcher({ baseUrl: '/api/truemed' });
 *
 * export function Portal() {
 *   return (
 *     <PaymentSessionsProvider fetcher={fetcher} timeZone="America/New_York" locale="en-US">
 *       <Sessions />
 *     </PaymentSessionsProvider>
 *   );
 * }
 */
export function PaymentSessionsProvider({ fetcher, locale, timeZone, swr, actions, children }: PaymentSessionsProviderProps) {
  const value = useMemo<PaymentSessionsContextValue>(
    () => ({ fetcher, fetcherId: fetcherIdOf(fetcher), locale, timeZone, swr, actions }),
    [fetcher, locale, timeZone, swr, actions],
  );
  return <PaymentSessionsContext.Provider value={value}>{children}</PaymentSessionsContext.Provider>;
}

/** The nearest provider's settings, or `null` outside any provider. */
export function usePaymentSessionsConfig(): PaymentSessionsContextValue | null {
  return useContext(PaymentSessionsContext);
}

/** The nearest provider's settings; throws a readable error outside a provider. */
export function useRequiredPaymentSessionsConfig(hook: string): PaymentSessionsContextValue {
  const value = useContext(PaymentSessionsContext);
  if (!value) throw new Error(`${hook} must be used inside <PaymentSessionsProvider fetcher={...}>.`);
  return value;
}
