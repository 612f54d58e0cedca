import { lookup } from './lookup';
import type { SessionStatus } from './types';

/** Every normalized status, in lifecycle order (useful for filters and legends). */
export const SESSION_STATUSES: readonly SessionStatus[] = [
  'pending',
  'processing',
  'authorized',
  'partially_captured',
  'captured',
  'partially_refunded',
  'refunded',
  'disputed',
  'voided',
  'expired',
  'canceled',
  'rejected',
  'unknown',
];

export function isSessionStatus(value: unknown): value is SessionStatus {
  return typeof value === 'string' && (SESSION_STATUSES as readonly string[]).includes(value);
}

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

/** OneEntry's status is free text; these are the spellings seen or implied by payment providers. */
const ONEENTRY_STATUS: Record<string, SessionStatus> = {
  waiting: 'pending',
  pending: 'pending',
  new: 'pending',
  created: 'pending',
  open: 'pending',
  processing: 'processing',
  in_progress: 'processing',
  authorized: 'authorized',
  requires_capture: 'authorized',
  completed: 'captured',
  complete: 'captured',
  succeeded: 'captured',
  success: 'captured',
  paid: 'captured',
  captured: 'captured',
  partially_refunded: 'partially_refunded',
  refunded: 'refunded',
  disputed: 'disputed',
  canceled: 'canceled',
  cancelled: 'canceled',
  expired: 'expired',
  voided: 'voided',
  failed: 'rejected',
  rejected: 'rejected',
  declined: 'rejected',
};

/** OneEntry free-text status → {@link SessionStatus}; anything unrecognized is `unknown`. */
export function normalizeOneEntryStatus(status: unknown): SessionStatus {
  if (typeof status !== 'string') return 'unknown';
  const key = status.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return lookup(ONEENTRY_STATUS, key) ?? 'unknown';
}
