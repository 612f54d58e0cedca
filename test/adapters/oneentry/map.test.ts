import { createOneEntryMapper, mapOneEntrySession } from '../../../src/adapters/oneentry/map';
import type { OneEntryMapOptions } from '../../../src/adapters/oneentry/map';
import type { PaymentSession } from '../../../src/core/types';
import { expectSaneSession, oneEntryLegacyRecord, oneEntryRecord } from '../helpers';

function map(record: Record<string, unknown>, options?: OneEntryMapOptions): PaymentSession {
  const result = mapOneEntrySession(record, options);
  if (!result.ok) throw new Error(`expected a valid record, got: ${result.issues.join('; ')}`);
  expectSaneSession(result.value);
  return result.value;
}

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('mapOneEntrySession', () => {
  it('maps the current entity shape', () => {
    const record = oneEntryRecord();
    expect(map(record)).toEqual({
      id: '1764',
      source: 'oneentry',
      status: 'captured',
      rawStatus: 'completed',
      kind: 'session',
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-02T09:51:57.785Z',
      amount: usd(4_999),
      capturedAmount: usd(4_999),
      orderId: '1',
      paymentUrl: 'https://checkout.stripe.com/c/pay/cs_test_123',
      items: [],
      refunds: [],
      disputes: [],
      raw: {
        id: 1764,
        createdDate: '2026-03-01T10:00:00.000Z',
        updatedDate: '2026-03-02T09:51:57.785Z',
        type: 'session',
        status: 'completed',
        orderId: 1,
        paymentAccountId: 1,
        paymentUrl: 'https://checkout.stripe.com/c/pay/cs_test_123',
        amount: 49.99,
      },
    });
  });

  it('maps the legacy entity shape: intent amount, line items, sessionId only in raw', () => {
    const session = map(oneEntryLegacyRecord());
    expect(session).toMatchObject({
      id: '1765',
      status: 'pending',
      rawStatus: 'waiting',
      kind: 'session',
      updatedAt: '2024-06-21T09:51:57.785Z',
      amount: usd(25_990),
      orderId: '2',
      paymentUrl: 'https://www.sandbox.paypal.com/checkoutnow?token=9BE88048TU058770M',
      items: [{ name: 'Workshop ticket', quantity: 2, unitPrice: usd(12_995), total: usd(25_990) }],
    });
    expect(session.capturedAmount).toBeUndefined();
    expect(session.createdAt).toBeUndefined();
    expect(session.paymentToken).toBeUndefined();
    expect(session.raw).toMatchObject({ sessionId: '9BE88048TU058770M', successUrl: 'https://example.com/success' });
    expect(session.raw).not.toHaveProperty('clientSecret');
  });

  describe('amounts', () => {
    it.each([
      ['major units (default)', { amount: 49.99 }, {}, usd(4_999)],
      ['a float that is inexact in binary', { amount: 0.29 }, {}, usd(29)],
      ['a decimal string in major units', { amount: '12.30' }, {}, usd(1_230)],
      ['minor units', { amount: 4_999 }, { amountUnit: 'minor' }, usd(4_999)],
      ['another currency', { amount: 10.5 }, { currency: 'eur' }, { amountMinor: 1_050, currency: 'EUR' }],
      ['a zero-decimal currency', { amount: 1_500 }, { currency: 'JPY' }, { amountMinor: 1_500, currency: 'JPY' }],
      ['a three-decimal currency', { amount: 1.234 }, { currency: 'KWD' }, { amountMinor: 1_234, currency: 'KWD' }],
    ] as const)('reads %s', (_label, override, options, expected) => {
      expect(map(oneEntryRecord(override), options).amount).toEqual(expected);
    });

    it('rejects fractional amounts when told they are minor units', () => {
      const result = mapOneEntrySession(oneEntryRecord({ amount: 49.99 }), { amountUnit: 'minor' });
      expect(result).toMatchObject({ ok: false, id: '1764' });
    });

    it('reads an intent given as a JSON string, with its own currency', () => {
      const session = map(oneEntryLegacyRecord({ intent: '{"amount": 12.5, "currency": "eur"}' }));
      expect(session.amount).toEqual({ amountMinor: 1_250, currency: 'EUR' });
    });

    it('prefers the entity’s own amount over the intent’s', () => {
      expect(map(oneEntryLegacyRecord({ amount: 3, intent: { amount: 999 } })).amount).toEqual(usd(300));
    });

    it('reads a legacy item without quantity as one unit, in its own currency', () => {
      const session = map(oneEntryLegacyRecord({ lineItems: [{ name: 'Gift card', amount: 50, currency: 'gbp' }] }));
      expect(session.items).toEqual([
        { name: 'Gift card', quantity: 1, unitPrice: { amountMinor: 5_000, currency: 'GBP' }, total: { amountMinor: 5_000, currency: 'GBP' } },
      ]);
    });
  });

  it('accepts a string id', () => {
    expect(map(oneEntryRecord({ id: 'sess_42' })).id).toBe('sess_42');
  });

  it('builds the schemas once per mapper and maps many records with it', () => {
    const mapOne = createOneEntryMapper({ currency: 'CAD' });
    const results = [oneEntryRecord({ id: 1 }), oneEntryRecord({ id: 2 })].map(mapOne);
    expect(results.map((result) => (result.ok ? result.value.amount?.currency : 'invalid'))).toEqual(['CAD', 'CAD']);
  });
});
