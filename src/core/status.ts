/**
 * The normalized status vocabulary every backend maps into. How a backend's own statuses read as these
 * lives with its adapter (`adapters/truemed/status.ts`, `adapters/oneentry/status.ts`).
 */
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

/** Whether a value is one of the normalized {@link SESSION_STATUSES} (a backend's raw status usually is not). */
export function isSessionStatus(value: unknown): value is SessionStatus {
  return typeof value === 'string' && (SESSION_STATUSES as readonly string[]).includes(value);
}
