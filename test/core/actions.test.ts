// The merchant actions core: which actions a session allows, amount and item checks, keys, the optimistic session.
import { describe, expect, it, vi } from 'vitest';
import {
  actionRequest,
  actionsFor,
  allowedActions,
  applyActionResult,
  capturableOf,
  checkActionAmount,
  checkActionInput,
  checkRefundItems,
  IDEMPOTENCY_KEY_PATTERN,
  isOpenDispute,
  isOutcomeUnknown,
  newIdempotencyKey,
  refundableOf,
  refundItemLimits,
  type SessionActionsClient,
} from '../../src/core/actions';
import { PaymentSessionsError } from '../../src/core/errors';
import type { Money, PaymentSession } from '../../src/core/types';

// Framework-free like the rest of the core: importing it must not load React or SWR.
vi.mock('react', () => {
  throw new Error('core/actions must not import react');
});
vi.mock('swr', () => {
  throw new Error('core/actions must not import swr');
});

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });

function session(overrides: Partial<PaymentSession> = {}): PaymentSession {
  return { id: 'ps_1', source: 'truemed', status: 'captured', rawStatus: 'captured', items: [], refunds: [], disputes: [], raw: {}, ...overrides };
}

it('runs without React, window or document', () => {
  expect(typeof globalThis.window).toBe('undefined');
  expect(allowedActions(session({ status: 'pending' }))).toEqual(['cancel']);
});

describe('allowedActions', () => {
  it.each([
    ['captured with something refundable', { status: 'captured', refundableAmount: usd(5000) }, ['refund']],
    ['partially captured with something refundable', { status: 'partially_captured', refundableAmount: usd(1) }, ['refund']],
    ['partially refunded with something left', { status: 'partially_refunded', refundableAmount: usd(2500) }, ['refund']],
    ['captured with nothing left to refund', { status: 'captured', refundableAmount: usd(0) }, []],
    ['captured with the refundable amount unknown', { status: 'captured' }, []],
    ['captured, refundable derived from captured − refunded', { status: 'captured', capturedAmount: usd(5000), refundedAmount: usd(1000) }, ['refund']],
    ['captured, fully refunded by captured − refunded', { status: 'captured', capturedAmount: usd(5000), refundedAmount: usd(5000) }, []],
    ['captured − refunded in two currencies', { status: 'captured', capturedAmount: usd(5000), refundedAmount: { amountMinor: 1, currency: 'EUR' } }, []],
    ['refunded', { status: 'refunded', refundableAmount: usd(5000) }, []],
    ['disputed', { status: 'disputed', refundableAmount: usd(5000) }, []],
    ['authorized with something capturable', { status: 'authorized', capturableAmount: usd(5000) }, ['capture', 'void']],
    ['authorized with the capturable amount unknown', { status: 'authorized' }, ['void']],
    ['authorized with nothing capturable', { status: 'authorized', capturableAmount: usd(0) }, []],
    ['authorized with a broken capturable amount', { status: 'authorized', capturableAmount: usd(1.5) }, []],
    ['pending', { status: 'pending', amount: usd(5000) }, ['cancel']],
    ['processing', { status: 'processing' }, []],
    ['voided', { status: 'voided' }, []],
    ['canceled', { status: 'canceled' }, []],
    ['expired', { status: 'expired' }, []],
    ['unknown', { status: 'unknown' }, []],
  ] as const)('%s → %j', (_name, overrides, expected) => {
    expect(allowedActions(session(overrides as Partial<PaymentSession>))).toEqual(expected);
  });

  describe('disputes', () => {
    const refundable = { status: 'captured', refundableAmount: usd(5000) } as const;

    it.each(['needs_response', 'under_review', 'warning_needs_response', 'open', 'OPEN', ''])('an open dispute (%j) blocks refunds', (status) => {
      expect(allowedActions(session({ ...refundable, disputes: [{ id: 'dp_1', status }] }))).toEqual([]);
    });

    it('a dispute without a status counts as open', () => {
      expect(allowedActions(session({ ...refundable, disputes: [{ id: 'dp_1' }] }))).toEqual([]);
    });

    it.each(['won', 'lost', 'closed', 'resolved', 'canceled', 'Won', ' LOST '])('a settled dispute (%j) does not', (status) => {
      expect(allowedActions(session({ ...refundable, disputes: [{ id: 'dp_1', status }] }))).toEqual(['refund']);
    });

    it('one open dispute among settled ones blocks', () => {
      const disputes = [{ id: 'dp_1', status: 'won' }, { id: 'dp_2', status: 'needs_response' }];
      expect(allowedActions(session({ ...refundable, disputes }))).toEqual([]);
      expect(isOpenDispute(disputes[1]!)).toBe(true);
    });
  });
});

describe('actionsFor', () => {
  const client: SessionActionsClient = { source: 'truemed', actions: ['refund', 'void'], run: vi.fn() };

  it('keeps only what the client supports', () => {
    expect(actionsFor(session({ status: 'authorized', capturableAmount: usd(10) }), client)).toEqual(['void']);
  });

  it('offers nothing without a client or for another source’s session', () => {
    const refundable = session({ refundableAmount: usd(10) });
    expect(actionsFor(refundable, undefined)).toEqual([]);
    expect(actionsFor({ ...refundable, source: 'oneentry' }, client)).toEqual([]);
    expect(actionsFor(refundable, client)).toEqual(['refund']);
  });
});

describe('refundableOf / capturableOf', () => {
  it('prefer the session’s own amounts', () => {
    expect(refundableOf(session({ refundableAmount: usd(700), capturedAmount: usd(5000), refundedAmount: usd(0) }))).toEqual(usd(700));
    expect(capturableOf(session({ capturableAmount: usd(300) }))).toEqual(usd(300));
  });

  it('are undefined when unknown or unusable', () => {
    expect(refundableOf(session())).toBeUndefined();
    expect(refundableOf(session({ refundableAmount: { amountMinor: -1, currency: 'USD' }, capturedAmount: usd(10), refundedAmount: usd(0) }))).toBeUndefined();
    expect(capturableOf(session({ capturableAmount: { amountMinor: 10, currency: 'usd' } }))).toBeUndefined();
    expect(capturableOf(session())).toBeUndefined();
  });
});

describe('checkActionAmount', () => {
  it.each([
    [usd(1), usd(5000), null],
    [usd(5000), usd(5000), null],
    [usd(5001), usd(5000), 'above_limit'],
    [usd(0), usd(5000), 'not_positive'],
    [usd(-100), usd(5000), 'not_positive'],
    [usd(12.5), usd(5000), 'not_integer'],
    [usd(Number.NaN), usd(5000), 'not_integer'],
    [usd(2 ** 53), usd(5000), 'not_integer'],
    [{ amountMinor: 100, currency: 'EUR' }, usd(5000), 'currency_mismatch'],
    [usd(100), undefined, 'limit_unknown'],
  ] as const)('%j within %j → %s', (amount, limit, expected) => {
    expect(checkActionAmount(amount, limit)).toBe(expected);
  });
});

describe('per line item refund limits', () => {
  const withItems = session({
    refundableAmount: usd(6000),
    items: [
      { name: 'Vitamin D', sku: 'VD-1', quantity: 3, quantityRefundable: 2, refundable: usd(2000) },
      { name: 'Yoga mat', quantity: 1 },
      { name: 'Massage', sku: 'MS-1', quantity: 1, quantityRefundable: 0, refundable: usd(0) },
    ],
  });

  it('lists only items whose refundable quantity is known', () => {
    expect(refundItemLimits(withItems).map(({ index, quantity, amount }) => ({ index, quantity, amount }))).toEqual([
      { index: 0, quantity: 2, amount: usd(2000) },
      { index: 2, quantity: 0, amount: usd(0) },
    ]);
  });

  it('accepts items within their limits', () => {
    expect(checkRefundItems(withItems, [{ sku: 'VD-1', quantity: 2, amount: usd(2000) }, { name: 'Yoga mat', quantity: 1 }], usd(3000))).toEqual([]);
  });

  it.each([
    [{ sku: 'VD-1', quantity: 3 }, 'quantity_above_limit'],
    [{ sku: 'VD-1', quantity: 0 }, 'quantity_invalid'],
    [{ sku: 'VD-1', quantity: 1.5 }, 'quantity_invalid'],
    [{ sku: 'NOPE', quantity: 1 }, 'unknown_item'],
    [{ quantity: 1 }, 'unknown_item'],
    [{ sku: 'MS-1', quantity: 1 }, 'quantity_above_limit'],
    [{ sku: 'VD-1', quantity: 1, amount: usd(2001) }, 'amount_above_limit'],
    [{ sku: 'VD-1', quantity: 1, amount: { amountMinor: 100, currency: 'EUR' } }, 'amount_invalid'],
    [{ sku: 'VD-1', quantity: 1, amount: usd(0) }, 'amount_invalid'],
  ] as const)('%j → %s', (item, problem) => {
    expect(checkRefundItems(withItems, [item], usd(6000))).toEqual([{ index: 0, problem }]);
  });

  it('refuses items that add up to more than the refund', () => {
    expect(checkRefundItems(withItems, [{ sku: 'VD-1', quantity: 1, amount: usd(1500) }], usd(1000))).toEqual([{ index: 0, problem: 'items_above_amount' }]);
  });
});

describe('checkActionInput', () => {
  const captured = session({ refundableAmount: usd(5000) });

  it('checks the action, the amount, the reason and the items', () => {
    expect(checkActionInput(captured, 'refund', { amount: usd(1200), reason: 'customer_request' })).toBeNull();
    expect(checkActionInput(captured, 'refund', { amount: usd(6000), reason: 'customer_request' })).toBe('above_limit');
    expect(checkActionInput(captured, 'refund', { amount: usd(100), reason: 'changed_mind' as never })).toBe('invalid_reason');
    expect(checkActionInput(captured, 'refund', { amount: usd(100), reason: 'fraudulent', items: [{ sku: 'x', quantity: 1 }] })).toBe('invalid_items');
    expect(checkActionInput(captured, 'capture', { amount: usd(100) })).toBe('not_allowed');
    expect(checkActionInput(session({ status: 'authorized', capturableAmount: usd(100) }), 'capture', { amount: usd(101) })).toBe('above_limit');
    expect(checkActionInput(session({ status: 'pending' }), 'cancel', undefined)).toBeNull();
    // From plain JavaScript, without an input at all: refused, not a crash.
    expect(checkActionInput(captured, 'refund', undefined as never)).toBe('not_integer');
    expect(checkActionInput(session({ status: 'authorized', capturableAmount: usd(100) }), 'capture', undefined as never)).toBe('not_integer');
  });
});

describe('actionRequest', () => {
  it('builds each action’s request', () => {
    expect(actionRequest('refund', 'ps_1', { amount: usd(100), reason: 'duplicate_payment', items: [] }, 'k1')).toEqual({ action: 'refund', sessionId: 'ps_1', amount: usd(100), reason: 'duplicate_payment', idempotencyKey: 'k1' });
    expect(actionRequest('capture', 'ps_1', { amount: usd(100) }, 'k2')).toEqual({ action: 'capture', sessionId: 'ps_1', amount: usd(100), idempotencyKey: 'k2' });
    expect(actionRequest('void', 'ps_1', undefined, 'k3')).toEqual({ action: 'void', sessionId: 'ps_1', idempotencyKey: 'k3' });
  });
});

describe('newIdempotencyKey', () => {
  it('is unique per call and fits the key format', () => {
    const keys = Array.from({ length: 500 }, () => newIdempotencyKey());
    expect(new Set(keys).size).toBe(500);
    for (const key of keys) expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
  });

  it('falls back to getRandomValues without randomUUID, and never to Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const getRandomValues = vi.fn((bytes: Uint8Array) => bytes.fill(0xab));
    vi.stubGlobal('crypto', { getRandomValues });
    try {
      expect(newIdempotencyKey()).toBe('ab'.repeat(16));
      expect(getRandomValues).toHaveBeenCalledOnce();
      vi.stubGlobal('crypto', undefined);
      expect(() => newIdempotencyKey()).toThrow(/Web Crypto/);
      expect(random).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
      random.mockRestore();
    }
  });
});

describe('isOutcomeUnknown', () => {
  it.each([
    [new PaymentSessionsError({ kind: 'outcome_unknown', message: 'x' }), true],
    [new PaymentSessionsError({ kind: 'network', message: 'x' }), true],
    [new PaymentSessionsError({ kind: 'aborted', message: 'x' }), true],
    [new PaymentSessionsError({ kind: 'invalid_response', message: 'x' }), true],
    [new PaymentSessionsError({ kind: 'http', status: 500, message: 'x' }), true],
    [new TypeError('Failed to fetch'), true],
    [new PaymentSessionsError({ kind: 'http', status: 400, code: 'AmountInvalid', message: 'x' }), false],
    [new PaymentSessionsError({ kind: 'auth', status: 403, message: 'x' }), false],
    [new PaymentSessionsError({ kind: 'rate_limit', status: 429, message: 'x' }), false],
  ])('%s → %s', (error, expected) => {
    expect(isOutcomeUnknown(error)).toBe(expected);
  });

  it('outcome_unknown is retryable (with the same key)', () => {
    expect(new PaymentSessionsError({ kind: 'outcome_unknown', message: 'x' }).retryable).toBe(true);
  });
});

describe('applyActionResult', () => {
  it('a partial refund makes the session partially refunded with the new amounts', () => {
    const before = session({ amount: usd(5000), capturedAmount: usd(5000), refundedAmount: usd(0), refundableAmount: usd(5000) });
    const after = applyActionResult(before, { action: 'refund', sessionId: 'ps_1', amount: usd(1200), reason: 'customer_request', idempotencyKey: 'secret-key' }, { action: 'refund', sessionId: 'ps_1', id: 're_1' });
    expect(after).toMatchObject({ status: 'partially_refunded', refundedAmount: usd(1200), refundableAmount: usd(3800) });
    expect(after.refunds).toEqual([{ id: 're_1', amount: usd(1200), reason: 'customer_request' }]);
    expect(before.status).toBe('captured');
    expect(JSON.stringify(applyActionResult(before, { action: 'refund', sessionId: 'ps_1', amount: usd(1), reason: 'fraudulent', idempotencyKey: 'secret-key' }))).not.toContain('secret-key');
  });

  it('the rest refunded makes it refunded', () => {
    const before = session({ status: 'partially_refunded', refundedAmount: usd(1200), refundableAmount: usd(3800) });
    expect(applyActionResult(before, { action: 'refund', sessionId: 'ps_1', amount: usd(3800), reason: 'customer_request', idempotencyKey: 'k' })).toMatchObject({ status: 'refunded', refundedAmount: usd(5000), refundableAmount: usd(0) });
  });

  it('capture, void and cancel', () => {
    const authorized = session({ status: 'authorized', capturableAmount: usd(5000) });
    const captured = applyActionResult(authorized, { action: 'capture', sessionId: 'ps_1', amount: usd(5000), idempotencyKey: 'k' });
    expect(captured).toMatchObject({ status: 'captured', capturedAmount: usd(5000), refundableAmount: usd(5000) });
    expect(captured.capturableAmount).toBeUndefined();
    expect(applyActionResult(authorized, { action: 'capture', sessionId: 'ps_1', amount: usd(2000), idempotencyKey: 'k' }).status).toBe('partially_captured');
    expect(applyActionResult(authorized, { action: 'void', sessionId: 'ps_1', idempotencyKey: 'k' })).toMatchObject({ status: 'voided' });
    expect(applyActionResult(session({ status: 'pending' }), { action: 'cancel', sessionId: 'ps_1', idempotencyKey: 'k' }).status).toBe('canceled');
  });
});
