import { describe, expect, it } from 'vitest';
import { mapTruemedSession } from '../../src/adapters/truemed/map';
import { UNSETTLED_REFUND_STATUSES, sessionAmounts, summarizeSessions } from '../../src/core/summary';
import type { Money, PaymentSession, Refund, SessionStatus } from '../../src/core/types';
import { truemedRecord } from '../adapters/helpers';

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });
const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });
const jpy = (amountMinor: number): Money => ({ amountMinor, currency: 'JPY' });

let nextId = 1;
function session(status: SessionStatus, fields: Partial<PaymentSession> = {}): PaymentSession {
  const id = `ps_${nextId++}`;
  return { id, source: 'test', status, rawStatus: status, items: [], refunds: [], disputes: [], raw: {}, ...fields };
}
function refund(amount: Money | undefined, status?: string): Refund {
  return { id: `re_${nextId++}`, amount, status };
}

const ZERO_COUNTS: Record<SessionStatus, number> = {
  pending: 0,
  processing: 0,
  authorized: 0,
  partially_captured: 0,
  captured: 0,
  partially_refunded: 0,
  refunded: 0,
  disputed: 0,
  voided: 0,
  expired: 0,
  canceled: 0,
  rejected: 0,
  unknown: 0,
};

describe('summarizeSessions', () => {
  it('returns zeroes for every status and no currencies for an empty list', () => {
    expect(summarizeSessions([])).toEqual({ currencies: [], countsByStatus: ZERO_COUNTS, total: 0 });
  });

  it('sums one currency by the documented definitions', () => {
    const sessions = [
      // Captured with explicit amounts: 100.00 taken, 30.00 refunded, 70.00 refundable, 3.20 fee.
      session('partially_refunded', {
        amount: usd(10_000),
        capturedAmount: usd(10_000),
        refundedAmount: usd(3_000),
        refundableAmount: usd(7_000),
        fee: usd(320),
      }),
      // Captured without capturedAmount: the status says `amount` was taken in full.
      session('captured', { amount: usd(5_000), refundableAmount: usd(5_000), fee: usd(175) }),
      // Authorized only: gross counts, nothing captured.
      session('authorized', { amount: usd(2_500) }),
    ];
    const summary = summarizeSessions(sessions);

    const gross = 10_000 + 5_000 + 2_500;
    const captured = 10_000 + 5_000;
    const refunded = 3_000;
    const fees = 320 + 175;
    expect(summary.currencies).toEqual([
      {
        currency: 'USD',
        gross,
        captured,
        refunded,
        refundable: 7_000 + 5_000,
        fees,
        net: captured - refunded - fees, // 11_505
        count: 3,
      },
    ]);
    expect(summary.currencies[0]?.net).toBe(11_505);
    expect(summary.total).toBe(3);
    expect(summary.countsByStatus).toEqual({ ...ZERO_COUNTS, partially_refunded: 1, captured: 1, authorized: 1 });
  });

  it('never adds different currencies together', () => {
    const summary = summarizeSessions([
      session('captured', { amount: usd(1_000) }),
      session('captured', { amount: eur(2_000), fee: eur(50) }),
      session('captured', { amount: jpy(3_000) }),
      session('captured', { amount: usd(4_000) }),
    ]);
    expect(summary.currencies.map((c) => [c.currency, c.gross, c.captured, c.fees, c.net, c.count])).toEqual([
      ['EUR', 2_000, 2_000, 50, 1_950, 1],
      ['JPY', 3_000, 3_000, 0, 3_000, 1],
      ['USD', 5_000, 5_000, 0, 5_000, 2],
    ]);
  });

  it('lists currencies sorted by code whatever order they arrive in', () => {
    const codes = summarizeSessions([
      session('pending', { amount: { amountMinor: 1, currency: 'USD' } }),
      session('pending', { amount: { amountMinor: 1, currency: 'CHF' } }),
      session('pending', { amount: { amountMinor: 1, currency: 'AUD' } }),
    ]).currencies.map((c) => c.currency);
    expect(codes).toEqual(['AUD', 'CHF', 'USD']);
  });

  it('counts the captured amount only for statuses where the payment was taken', () => {
    const taken: SessionStatus[] = ['captured', 'refunded', 'partially_refunded', 'disputed'];
    const notTaken: SessionStatus[] = ['pending', 'processing', 'authorized', 'voided', 'expired', 'canceled', 'rejected', 'unknown'];
    for (const status of taken) {
      expect(summarizeSessions([session(status, { amount: usd(900) })]).currencies[0]?.captured, status).toBe(900);
    }
    for (const status of notTaken) {
      expect(summarizeSessions([session(status, { amount: usd(900) })]).currencies[0]?.captured, status).toBe(0);
    }
  });

  it('prefers capturedAmount to amount (a partial capture took less)', () => {
    const summary = summarizeSessions([
      session('partially_captured', { amount: usd(10_000), capturedAmount: usd(6_000) }),
      session('captured', { amount: usd(10_000), capturedAmount: usd(9_000) }),
    ]);
    expect(summary.currencies[0]).toMatchObject({ gross: 20_000, captured: 15_000 });
  });

  it('sums the refunds when there is no refundedAmount, leaving out unsettled ones (failed, canceled, pending …)', () => {
    const summary = summarizeSessions([
      session('partially_refunded', {
        amount: usd(10_000),
        refunds: [
          refund(usd(1_000), 'succeeded'),
          refund(usd(500)),
          refund(usd(4_000), 'failed'),
          refund(usd(2_000), 'Canceled'),
          refund(usd(2_000), 'cancelled'),
          refund(usd(700), 'rejected'),
          refund(undefined, 'succeeded'),
          refund(usd(250), 'pending'),
          refund(usd(260), 'requires_action'),
          refund(usd(270), 'Voided'),
        ],
      }),
    ]);
    expect(summary.currencies[0]).toMatchObject({ captured: 10_000, refunded: 1_000 + 500, net: 10_000 - 1_500 });
  });

  it.each([...UNSETTLED_REFUND_STATUSES])(
    'leaves a %j refund out, as the Truemed mapper does for refundedAmount',
    (status) => {
      const mapped = mapTruemedSession(
        truemedRecord({
          refunds: [
            { id: 're_open', amount: 700, status },
            { id: 're_done', amount: 300, status: 'succeeded' },
          ],
        }),
      );
      if (!mapped.ok) throw new Error(mapped.issues.join('; '));
      expect(mapped.value.refundedAmount).toEqual(usd(300));
      // Without the mapper's refundedAmount the summary sums the same refunds itself, and must agree.
      const { refundedAmount: _ignored, ...withoutRefunded } = mapped.value;
      expect(summarizeSessions([withoutRefunded]).currencies[0]?.refunded).toBe(300);
      expect(sessionAmounts(withoutRefunded).refunded).toEqual([usd(300)]);
    },
  );

  it('treats pending, requires_action and voided refunds as unsettled', () => {
    for (const status of ['pending', 'requires_action', 'voided', 'failed', 'canceled', 'cancelled', 'rejected']) {
      expect(UNSETTLED_REFUND_STATUSES.has(status)).toBe(true);
    }
    expect(UNSETTLED_REFUND_STATUSES.has('succeeded')).toBe(false);
  });

  it('trusts refundedAmount over the refund list when both are present', () => {
    const summary = summarizeSessions([
      session('refunded', { amount: usd(5_000), refundedAmount: usd(5_000), refunds: [refund(usd(1_000))] }),
    ]);
    expect(summary.currencies[0]?.refunded).toBe(5_000);
  });

  it('puts a refund in another currency into that currency', () => {
    const summary = summarizeSessions([
      session('partially_refunded', { amount: usd(5_000), refunds: [refund(usd(1_000)), refund(eur(300))] }),
    ]);
    expect(summary.currencies).toEqual([
      { currency: 'EUR', gross: 0, captured: 0, refunded: 300, refundable: 0, fees: 0, net: -300, count: 1 },
      { currency: 'USD', gross: 5_000, captured: 5_000, refunded: 1_000, refundable: 0, fees: 0, net: 4_000, count: 1 },
    ]);
  });

  it('lets a session without amounts count for its status only', () => {
    const summary = summarizeSessions([session('pending'), session('pending'), session('captured', { amount: usd(100) })]);
    expect(summary.total).toBe(3);
    expect(summary.countsByStatus.pending).toBe(2);
    expect(summary.currencies).toEqual([
      { currency: 'USD', gross: 100, captured: 100, refunded: 0, refundable: 0, fees: 0, net: 100, count: 1 },
    ]);
  });

  it('goes negative on net when refunds and fees exceed what was captured', () => {
    const summary = summarizeSessions([
      session('refunded', { amount: usd(1_000), refundedAmount: usd(1_000), fee: usd(59) }),
    ]);
    expect(summary.currencies[0]?.net).toBe(-59);
  });

  it('counts a status outside the model (from a custom adapter) as unknown', () => {
    const odd = session('captured');
    (odd as { status: string }).status = 'toString';
    const summary = summarizeSessions([odd]);
    expect(summary.countsByStatus.unknown).toBe(1);
    expect(Object.keys(summary.countsByStatus)).toHaveLength(13);
  });

  it('throws a RangeError instead of returning a sum past Number.MAX_SAFE_INTEGER', () => {
    const half = Math.floor(Number.MAX_SAFE_INTEGER / 2) + 1;
    const sessions = [session('pending', { amount: usd(half) }), session('pending', { amount: usd(half) })];
    expect(() => summarizeSessions(sessions)).toThrow(RangeError);
    expect(() => summarizeSessions(sessions)).toThrow(/gross total in USD exceeds the largest safe integer/);
    // The same two amounts in different currencies are fine: they are never added.
    expect(() =>
      summarizeSessions([session('pending', { amount: usd(half) }), session('pending', { amount: eur(half) })]),
    ).not.toThrow();
  });

  it('rejects an amount that is not a safe integer, naming the session and field', () => {
    expect(() => summarizeSessions([session('captured', { id: 'ps_bad', fee: usd(1.5) })])).toThrow(
      /Session "ps_bad": fee.amountMinor must be a safe integer, got 1.5/,
    );
  });
});

describe('sessionAmounts', () => {
  it('reports each field of one session as lists of Money, empty when absent', () => {
    expect(sessionAmounts(session('captured', { amount: usd(1_234), fee: usd(40) }))).toEqual({
      gross: [usd(1_234)],
      captured: [usd(1_234)],
      refunded: [],
      refundable: [],
      fees: [usd(40)],
    });
  });

  it('sums refunds per currency', () => {
    const amounts = sessionAmounts(
      session('partially_refunded', { refunds: [refund(usd(100)), refund(eur(5)), refund(usd(250))] }),
    );
    expect(amounts.refunded).toEqual([usd(350), eur(5)]);
  });
});
