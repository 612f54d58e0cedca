import { describe, expect, it } from 'vitest';
import { SESSION_STATUSES, isSessionStatus } from '../../src/core/status';
import { normalizeTruemedStatus } from '../../src/adapters/truemed/status';
import { normalizeOneEntryStatus } from '../../src/adapters/oneentry/status';
import { TRUEMED_STATUSES, TRUEMED_STATUS_SUMMARIES } from '../../src/adapters/truemed/wire';

describe('normalizeTruemedStatus', () => {
  it.each([
    ['pending', undefined, 'pending'],
    ['processing', undefined, 'processing'],
    ['captured', undefined, 'captured'],
    ['canceled', undefined, 'canceled'],
    ['rejected', undefined, 'rejected'],
    ['authorized', undefined, 'authorized'],
    ['authorization_voided', undefined, 'voided'],
    ['authorization_expired', undefined, 'expired'],
    ['captured', 'Refunded', 'refunded'],
    ['captured', 'Partially Refunded', 'partially_refunded'],
    ['captured', 'Disputed', 'disputed'],
    ['authorized', 'Partially Captured', 'partially_captured'],
    ['captured', 'Captured', 'captured'],
    ['pending', 'Incomplete', 'pending'],
    ['captured', 'Test', 'captured'],
    ['CAPTURED', undefined, 'captured'],
    ['on_hold', undefined, 'unknown'],
    [42, undefined, 'unknown'],
    [undefined, 'Refunded', 'refunded'],
    // The summary says what became of the session after its first payment.
    ['authorized', 'Captured', 'captured'],
    ['authorized', 'Canceled', 'canceled'],
    ['pending', 'Canceled', 'canceled'],
    ['authorized', ' cancelled ', 'canceled'],
    // A declined payment is summarized as Canceled; `rejected` says more.
    ['rejected', 'Canceled', 'rejected'],
    ['authorized', 'Authorized', 'authorized'],
    ['processing', 'Authorized', 'authorized'],
    [undefined, 'Captured', 'captured'],
  ])('%p + %p → %p', (status, summary, expected) => {
    expect(normalizeTruemedStatus(status, summary)).toBe(expected);
  });

  it('reads every summary seen in the wild that names a state (all but Incomplete and Test) on its own', () => {
    for (const summary of TRUEMED_STATUS_SUMMARIES) {
      if (summary === 'Incomplete' || summary === 'Test') continue;
      expect(normalizeTruemedStatus(undefined, summary), summary).not.toBe('unknown');
    }
  });

  it('maps every documented status to something known', () => {
    for (const status of TRUEMED_STATUSES) expect(normalizeTruemedStatus(status)).not.toBe('unknown');
  });
});

describe('normalizeOneEntryStatus', () => {
  it.each([
    ['waiting', 'pending'],
    ['pending', 'pending'],
    ['completed', 'captured'],
    [' Completed ', 'captured'],
    ['Cancelled', 'canceled'],
    ['in progress', 'processing'],
    ['requires-capture', 'authorized'],
    ['failed', 'rejected'],
    ['refund_requested', 'unknown'],
    ['', 'unknown'],
    [null, 'unknown'],
  ])('%p → %p', (status, expected) => {
    expect(normalizeOneEntryStatus(status)).toBe(expected);
  });
});

describe('isSessionStatus', () => {
  it('accepts the model statuses only', () => {
    for (const status of SESSION_STATUSES) expect(isSessionStatus(status)).toBe(true);
    expect(isSessionStatus('authorization_voided')).toBe(false);
    expect(isSessionStatus(undefined)).toBe(false);
  });
});
