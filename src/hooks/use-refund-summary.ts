import { useMemo } from 'react';
import { summarizeSessions, type SessionsSummary } from '../core/summary';
import type { PaymentSession, SessionQuery } from '../core/types';
import { usePaymentSessions, type UsePaymentSessionsResult } from './use-payment-sessions';

/** Where {@link useRefundSummary} takes its sessions from when it fetches them itself. */
export interface RefundSummarySource {
  /** The page to summarize, fetched (and cached) as `usePaymentSessions(query)` would. */
  query: Partial<SessionQuery>;
}

/** What {@link useRefundSummary} returns for sessions you already have. */
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
 * together. Give it the sessions you already show, or `{ query }` to fetch that page through
 * `usePaymentSessions` (sharing its cache: the list and the summary of one page cost one request).
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
export function useRefundSummary(source: RefundSummarySource): RefundSummaryQueryResult;
export function useRefundSummary(input: readonly PaymentSession[] | RefundSummarySource): RefundSummaryResult | RefundSummaryQueryResult {
  const given = isSessionList(input) ? input : undefined;
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

function isSessionList(input: readonly PaymentSession[] | RefundSummarySource): input is readonly PaymentSession[] {
  return Array.isArray(input);
}
