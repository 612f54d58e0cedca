/**
 * How Truemed's raw statuses read as the normalized {@link SessionStatus}: its `status` (the first payment)
 * and `status_summary` (what became of the session since) together.
 */
import { lookup } from '../../core/lookup';
import type { SessionStatus } from '../../core/types';

/** Truemed's `status` describes the first payment only. */
const TRUEMED_STATUS: Record<string, SessionStatus> = {
  pending: 'pending',
  processing: 'processing',
  captured: 'captured',
  canceled: 'canceled',
  rejected: 'rejected',
  authorized: 'authorized',
  authorization_voided: 'voided',
  authorization_expired: 'expired',
};

/**
 * `status_summary` carries what `status` cannot: refunds, disputes, partial captures, and what became of
 * the session after its first payment (an authorization later captured or canceled). `Incomplete` and
 * `Test` say nothing about the money, so `status` decides.
 */
const TRUEMED_SUMMARY: Record<string, SessionStatus> = {
  authorized: 'authorized',
  captured: 'captured',
  'partially captured': 'partially_captured',
  refunded: 'refunded',
  'partially refunded': 'partially_refunded',
  disputed: 'disputed',
  voided: 'voided',
  expired: 'expired',
  canceled: 'canceled',
  cancelled: 'canceled',
};

/**
 * Truemed `status` + `status_summary` → {@link SessionStatus}. The summary wins where it says more than
 * the first payment's status (a captured session later refunded is `refunded`, an authorization later
 * captured is `captured`).
 */
export function normalizeTruemedStatus(status: unknown, statusSummary?: unknown): SessionStatus {
  const fromStatus = typeof status === 'string' ? (lookup(TRUEMED_STATUS, status.trim().toLowerCase()) ?? 'unknown') : 'unknown';
  if (typeof statusSummary === 'string') {
    const fromSummary = lookup(TRUEMED_SUMMARY, statusSummary.trim().toLowerCase());
    // A declined first payment is summarized as `Canceled`: `rejected` is the more precise of the two.
    if (fromSummary === 'canceled' && fromStatus === 'rejected') return fromStatus;
    if (fromSummary) return fromSummary;
  }
  return fromStatus;
}
