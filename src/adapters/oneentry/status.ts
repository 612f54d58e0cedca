/** How OneEntry's free-text status reads as the normalized {@link SessionStatus}. */
import { lookup } from '../../core/lookup';
import type { SessionStatus } from '../../core/types';

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
