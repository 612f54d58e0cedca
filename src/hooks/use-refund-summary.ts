import { useMemo } from 'react';
import { summarizeSessions, type SessionsSummary } from '../core/summary';
import type { PaymentSession, SessionPage, SessionQuery } from '../core/types';
import { usePaymentSessions, type UsePaymentSessionsResult } from './use-payment-sessions';

/** Where {@link useRefundSummary} takes its sessions from when it fetches them itself. */
export interface RefundSummarySource {
  /**
   * The **one page** to summarize — the sessions this query lists (its `page`, `pageSize` of them), not
   * every session of its filter — fetched (and cached) as `usePaymentSessions(query)` would.
   */
  query: Partial<SessionQuery>;
}

/** What {@link useRefundSummary} returns for sessions (or a page) you already have. */
export interface RefundSummaryResult {
  /** Per currency: gross, captured, refunded, refundable, fees, net, count; plus counts by status. */
  summary: SessionsSummary;
  /**
   * Why no totals could be computed (a sum past `Number.MAX_SAFE_INTEGER` minor units): the summary is
   * then empty rather than wrong, and rendering goes on.
   */
  summaryError?: string;
}

/** What {@link useRefundSummary} returns for a query: the summary plus the state of the request. */
export interface RefundSummaryQueryResult
  extends RefundSummaryResult,
    Pick<UsePaymentSessionsResult, 'sessions' | 'loadingState' | 'isStale' | 'error' | 'retry'> {}

/**
 * Refund and revenue totals per currency (gross, captured, refunded, refundable, fees, net, count) and
 * counts by status, from core's `summarizeSessions` — amounts in different currencies are never added
 * together. It sums exactly the sessions it is given, in one of three forms:
 *
 * - the sessions you already show (`list.sessions`);
 * - a {@link SessionPage} (a fetcher's answer, `list.data`, server-rendered `fallbackData`): its `sessions`;
 * - `{ query }`: fetches the page that query lists through `usePaymentSessions` (sharing its cache: the
 *   list and the summary of one page cost one request) and sums **that one page only** — `{ query: {
 *   status: ['refunded'] } }` sums the first 30 refunded sessions, not every refunded session. Totals of
 *   a whole filter need all of its pages (e.g. `useSessionExport` walks them) or a backend summary.
 *
 * @example
 * function Totals({ query }: { query: SessionQuery }) {
 *   const { summary, loadingState } = useRefundSummary({ query });
 *   if (loadingState === 'loading') return <p>Loading…</p>;
 *   return (
 *     <dl>
 *       {summary.currencies.map((c) => (
 *         <Fragment key={c.currency}>
 *           <dt>{c.currency} refunded</dt>
 *           <dd>{formatMoney({ amountMinor: c.refunded, currency: c.currency })}</dd>
 *         </Fragment>
 *       ))}
 *     </dl>
 *   );
 * }
 */
export function useRefundSummary(sessions: readonly PaymentSession[]): RefundSummaryResult;
export function useRefundSummary(page: SessionPage): RefundSummaryResult;
export function useRefundSummary(source: RefundSummarySource): RefundSummaryQueryResult;
export function useRefundSummary(
  input: readonly PaymentSession[] | SessionPage | RefundSummarySource,
): RefundSummaryResult | RefundSummaryQueryResult {
  const given = givenSessions(input);
  // Called either way (hooks cannot be conditional); disabled it fetches nothing and needs no provider.
  const page = usePaymentSessions({ query: given ? {} : (input as RefundSummarySource).query, enabled: !given, prefetchNext: false });
  const sessions = given ?? page.sessions;
  const { summary, summaryError } = useMemo(() => safeSummary(sessions), [sessions]);
  const totals = summaryError === undefined ? { summary } : { summary, summaryError };
  if (given) return totals;
  const { loadingState, isStale, error, retry } = page;
  return { ...totals, sessions: page.sessions, loadingState, isStale, error, retry };
}

/** Core throws on totals past safe integers (a wrong total is worse than none); a render must not. */
function safeSummary(sessions: readonly PaymentSession[]): RefundSummaryResult {
  try {
    return { summary: summarizeSessions(sessions) };
  } catch (error) {
    return { summary: summarizeSessions([]), summaryError: error instanceof Error ? error.message : String(error) };
  }
}

/** The sessions the caller gave (a list, or a page's `sessions`), or `undefined` for `{ query }`. */
function givenSessions(input: readonly PaymentSession[] | SessionPage | RefundSummarySource): readonly PaymentSession[] | undefined {
  if (Array.isArray(input)) return input as readonly PaymentSession[];
  if ('sessions' in input && Array.isArray(input.sessions)) return input.sessions;
  return undefined;
}
