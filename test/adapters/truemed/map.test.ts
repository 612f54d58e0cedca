import { mapTruemedSession } from '../../../src/adapters/truemed/map';
import type { PaymentSession } from '../../../src/core/types';
import { expectSaneSession, truemedRecord } from '../helpers';

/** Maps a record that must be valid. */
function map(record: Record<string, unknown>): PaymentSession {
  const result = mapTruemedSession(record);
  if (!result.ok) throw new Error(`expected a valid record, got: ${result.issues.join('; ')}`);
  expectSaneSession(result.value);
  return result.value;
}

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('mapTruemedSession', () => {
  it('maps every documented field of a full record', () => {
    const session = map(
      truemedRecord({
        order_items: [
          { item_id: 'i1', name: 'Smart ring', sku: 'RING', price: 29_900, quantity: 1, total_refundable: 29_900, quantity_refundable: 1 },
        ],
        metadata: { channel: 'web' },
        refunds: [],
        disputes: [],
        truemed_fee: '12.34',
      }),
    );
    expect(session).toEqual({
      id: 'ps_valid0000000000001',
      source: 'truemed',
      status: 'captured',
      rawStatus: 'captured',
      statusSummary: 'Captured',
      kind: 'one_time_payment',
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:05:00.000Z',
      authorizedAt: '2026-03-01T10:04:00.000Z',
      capturedAt: '2026-03-01T10:04:00.000Z',
      amount: usd(12_345),
      capturedAmount: usd(12_345),
      refundedAmount: usd(0),
      refundableAmount: usd(29_900),
      fee: usd(1_234),
      customer: { name: 'Zoë Brontë', email: 'zoe@example.org', businessId: 'ub_123' },
      orderId: 'ORD-1',
      paymentToken: 'pt_abc',
      paymentUrl: 'https://shop.example.com/orders/ORD-1',
      items: [
        {
          name: 'Smart ring',
          sku: 'RING',
          quantity: 1,
          unitPrice: usd(29_900),
          total: usd(29_900),
          refundable: usd(29_900),
          quantityRefundable: 1,
        },
      ],
      refunds: [],
      disputes: [],
      metadata: { channel: 'web' },
      raw: expect.objectContaining({ id: 'ps_valid0000000000001', truemed_fee: '12.34' }),
    });
  });

  describe('units', () => {
    it.each([
      ['a decimal string', '12.34', 1_234],
      ['a JSON number whose float is inexact', 0.29, 29],
      ['a number that looks like cents but is dollars', 5, 500],
      ['sub-cent dollars, rounded half away from zero', '0.125', 13],
      ['scientific notation', '1e2', 10_000],
    ])('reads truemed_fee as dollars: %s', (_label, fee, cents) => {
      expect(map(truemedRecord({ truemed_fee: fee })).fee).toEqual(usd(cents));
    });

    it('keeps truemed_fee in US dollars when the session names another currency', () => {
      expect(map(truemedRecord({ currency: 'JPY', truemed_fee: '0.29' })).fee).toEqual(usd(29));
      expect(map(truemedRecord({ currency: 'KWD', truemed_fee: '0.29' })).fee).toEqual(usd(29));
      expect(map(truemedRecord({ currency: 'JPY' })).amount).toEqual({ amountMinor: 12_345, currency: 'JPY' });
    });

    it('reads refund_amount as cents', () => {
      const session = map(truemedRecord({ refund_amount: 2_345 }));
      expect(session.refundedAmount).toEqual(usd(2_345));
      expect(session.refundableAmount).toEqual(usd(12_345 - 2_345));
    });

    it('keeps amounts in a valid currency the record names, and falls back to USD for an invalid one', () => {
      expect(map(truemedRecord({ currency: 'eur' })).amount).toEqual({ amountMinor: 12_345, currency: 'EUR' });
      expect(map(truemedRecord({ currency: 'dollars' })).amount).toEqual(usd(12_345));
    });
  });

  describe('derived amounts', () => {
    it('takes the captured amount from the total when the first payment is captured', () => {
      const session = map(truemedRecord({ captured_amount: undefined }));
      expect(session.capturedAmount).toEqual(usd(12_345));
    });

    it('has no captured amount for a pending session', () => {
      const session = map(truemedRecord({ status: 'pending', status_summary: 'Incomplete', captured_amount: undefined, captured_on: undefined }));
      expect(session.capturedAmount).toBeUndefined();
      expect(session.refundableAmount).toBeUndefined();
    });

    it('sums settled refunds only when no refund_amount is given', () => {
      const session = map(
        truemedRecord({
          status_summary: 'Partially Refunded',
          refunds: [
            { id: 're_1', amount: 1_000, status: 'succeeded' },
            { id: 're_2', amount: 500 },
            { id: 're_3', amount: 9_000, status: 'failed' },
            { id: 're_4', amount: 7_000, status: 'pending' },
          ],
        }),
      );
      expect(session.status).toBe('partially_refunded');
      expect(session.rawStatus).toBe('captured');
      expect(session.refundedAmount).toEqual(usd(1_500));
      expect(session.refundableAmount).toEqual(usd(12_345 - 1_500));
      expect(session.refunds.map((refund) => refund.id)).toEqual(['re_1', 're_2', 're_3', 're_4']);
    });

    it('prefers refund_amount over the refund list', () => {
      const session = map(truemedRecord({ refund_amount: 100, refunds: [{ id: 're_1', amount: 5_000 }] }));
      expect(session.refundedAmount).toEqual(usd(100));
    });

    it('does not guess the refunded amount when neither refunds nor refund_amount were sent', () => {
      const session = map(truemedRecord());
      expect(session.refundedAmount).toBeUndefined();
      expect(session.refundableAmount).toBeUndefined();
    });

    it('does not report a partial refund sum when a settled refund has no readable amount', () => {
      const session = map(truemedRecord({ refunds: [{ id: 're_1', amount: 1_000 }, { id: 're_2', amount: 'lots' }] }));
      expect(session.refundedAmount).toBeUndefined();
      expect(session.refunds).toEqual([{ id: 're_1', amount: usd(1_000) }, { id: 're_2' }]);
    });

    it('never reports a negative refundable amount', () => {
      expect(map(truemedRecord({ refund_amount: 99_999 })).refundableAmount).toEqual(usd(0));
    });

    it('sums the items’ total_refundable over captured − refunded', () => {
      const session = map(
        truemedRecord({
          refund_amount: 0,
          order_items: [
            { name: 'A', price: 1_000, quantity: 2, total_refundable: 1_500 },
            { name: 'B', price: 500, quantity: 1, total_refundable: 250 },
          ],
        }),
      );
      expect(session.refundableAmount).toEqual(usd(1_750));
    });

    it('takes capturable from the items, else from the total of an open authorization', () => {
      const open = truemedRecord({ kind: 'authorization', status: 'authorized', status_summary: 'Authorized', captured_amount: undefined, captured_on: undefined });
      expect(map(open).capturableAmount).toEqual(usd(12_345));
      const partly = map({
        ...open,
        status_summary: 'Partially Captured',
        captured_amount: 1_000,
        order_items: [
          { name: 'A', price: 1_000, quantity: 3, total_capturable: 2_000, quantity_capturable: 2, total_refundable: 1_000 },
        ],
      });
      expect(partly.status).toBe('partially_captured');
      expect(partly.capturedAmount).toEqual(usd(1_000));
      expect(partly.capturableAmount).toEqual(usd(2_000));
      expect(partly.items[0]).toMatchObject({ capturable: usd(2_000), quantityCapturable: 2 });
      expect(map(truemedRecord()).capturableAmount).toBeUndefined();
    });

    it('without item figures, an authorization has left to capture its total less what was captured', () => {
      const open = truemedRecord({ kind: 'authorization', status: 'authorized', status_summary: 'Partially Captured', captured_on: undefined });
      expect(map({ ...open, total_amount: 48_700, captured_amount: 39_800 }).capturableAmount).toEqual(usd(8_900));
      expect(map({ ...open, total_amount: 48_700, captured_amount: 50_000 }).capturableAmount).toEqual(usd(0));
      // Partly captured, but by how much is not said: unknown, not the whole total.
      const unknown = map({ ...open, total_amount: 48_700, captured_amount: undefined });
      expect(unknown.status).toBe('partially_captured');
      expect(unknown.capturableAmount).toBeUndefined();
    });

    it('leaves out an item total that would not be a safe integer', () => {
      const session = map(truemedRecord({ order_items: [{ name: 'A', price: 2 ** 40, quantity: 2 ** 20 }] }));
      expect(session.items[0]?.unitPrice).toEqual(usd(2 ** 40));
      expect(session.items[0]?.total).toBeUndefined();
    });
  });

  describe('alternative field names', () => {
    it('accepts created_at, amount, payment_url and a nested customer', () => {
      const session = map({
        id: 'ps_alt',
        status: 'captured',
        created_at: '2026-01-02T03:04:05Z',
        amount: 700,
        payment_url: 'http://pay.example.com/x',
        customer: { name: 'Dana', email: 'dana@example.com', business_id: 'ub_9' },
      });
      expect(session).toMatchObject({
        createdAt: '2026-01-02T03:04:05.000Z',
        amount: usd(700),
        capturedAmount: usd(700),
        paymentUrl: 'http://pay.example.com/x',
        customer: { name: 'Dana', email: 'dana@example.com', businessId: 'ub_9' },
      });
    });

    it('reads refund and dispute entries of other shapes', () => {
      const session = map(
        truemedRecord({
          refunds: [{ refund_id: 77, amount: 100, created_at: '2026-04-01' }, null, 'x', { amount: 200 }],
          disputes: [{ dispute_id: 'dp_1', amount: 12_345, status: 'needs_response', reason: 'fraudulent', created_on: '2026-04-02T00:00:00Z' }],
        }),
      );
      expect(session.refunds).toEqual([
        { id: '77', amount: usd(100), createdAt: '2026-04-01T00:00:00.000Z' },
        { id: 'refund-4', amount: usd(200) },
      ]);
      expect(session.disputes).toEqual([
        { id: 'dp_1', amount: usd(12_345), status: 'needs_response', reason: 'fraudulent', createdAt: '2026-04-02T00:00:00.000Z' },
      ]);
    });
  });

  describe('status', () => {
    it.each([
      ['captured', 'Refunded', 'refunded'],
      ['captured', 'Disputed', 'disputed'],
      ['authorization_voided', 'Voided', 'voided'],
      ['authorization_expired', undefined, 'expired'],
      ['rejected', 'Test', 'rejected'],
      ['teleported', undefined, 'unknown'],
      ['authorized', 'Captured', 'captured'],
      ['authorized', 'Canceled', 'canceled'],
      ['authorized', 'Authorized', 'authorized'],
    ])('status %s with summary %s is %s', (status, summary, expected) => {
      const session = map(truemedRecord({ status, status_summary: summary }));
      expect(session.status).toBe(expected);
      expect(session.rawStatus).toBe(status);
    });
  });

  describe('secrets', () => {
    it('strips secret keys from metadata and raw at any depth', () => {
      const session = map(
        truemedRecord({
          client_secret: 'pi_top_secret_1',
          metadata: { a: { b: { c: { clientSecret: 'pi_deep_secret_2', keep: 1 } } }, api_key: 'k_3' },
        }),
      );
      const json = JSON.stringify(session);
      for (const secret of ['pi_top_secret_1', 'pi_deep_secret_2', 'k_3']) expect(json).not.toContain(secret);
      expect(session.metadata).toEqual({ a: { b: { c: { keep: 1 } } } });
    });

    it('strips compound secret names from raw and metadata, and keeps the payment token', () => {
      const session = map(
        truemedRecord({
          payment_token: 'pt_visible_1',
          stripe_client_secret: 'pi_top_secret_9',
          webhook_secret: 'whsec_9',
          metadata: { secretKey: 'sk_9', refresh_token: 'rt_9', paymentToken: 'pt_meta_9', token_type: 'bearer' },
        }),
      );
      const json = JSON.stringify(session);
      for (const secret of ['pi_top_secret_9', 'whsec_9', 'sk_9', 'rt_9']) expect(json).not.toContain(secret);
      expect(session.paymentToken).toBe('pt_visible_1');
      expect(session.raw.payment_token).toBe('pt_visible_1');
      expect(session.metadata).toEqual({ paymentToken: 'pt_meta_9', token_type: 'bearer' });
    });
  });
});
