/**
 * The Truemed fetcher against the fake API over real HTTP (127.0.0.1, an ephemeral port), on the server
 * side (no window, key sent directly). Expected results are computed independently from `api.records`.
 */
import { createTruemedFetcher, type TruemedFetcherOptions } from '../../../src/adapters/truemed/fetcher';
import type { TruemedPaymentSessionWire } from '../../../src/adapters/truemed/wire';
import type { PaymentSession, SessionFetcher, SessionQuery } from '../../../src/core/types';
import { createFakeTruemedApi, FAKE_TRUEMED_API_KEY, type FakeTruemedApi, type FetchServer } from 'react-payment-sessions/testing';
import { expectSanePage, liveSignal } from '../helpers';

let api: FakeTruemedApi;
let server: FetchServer;
let records: readonly TruemedPaymentSessionWire[];

beforeAll(async () => {
  api = createFakeTruemedApi({ sessions: 130, seed: 11 });
  server = await api.listen();
  records = api.records;
});
afterAll(async () => {
  await server.close();
});

function fetcherWith(options: Partial<TruemedFetcherOptions> = {}): SessionFetcher {
  return createTruemedFetcher({ baseUrl: server.url, apiKey: FAKE_TRUEMED_API_KEY, ...options });
}

/**
 * Reads every page of a filter, checking on each page that the total and page count agree with the first
 * page and with each other. Returns the sessions in order.
 */
async function walkAll(fetcher: SessionFetcher, filter: Omit<SessionQuery, 'page' | 'pageSize'>, pageSize = 25): Promise<PaymentSession[]> {
  const first = await fetcher({ ...filter, page: 1, pageSize }, { signal: liveSignal() });
  const sessions = [...first.sessions];
  expect(first.pageCount).toBe(Math.max(1, Math.ceil(first.total / pageSize)));
  for (let page = 2; page <= first.pageCount; page += 1) {
    const next = await fetcher({ ...filter, page, pageSize }, { signal: liveSignal() });
    expectSanePage(next);
    expect(next).toMatchObject({ page, pageSize, total: first.total, pageCount: first.pageCount, invalid: 0 });
    expect(next.sessions.length).toBe(page < first.pageCount ? pageSize : first.total - pageSize * (first.pageCount - 1));
    sessions.push(...next.sessions);
  }
  expect(sessions).toHaveLength(first.total);
  return sessions;
}

const ids = (list: ReadonlyArray<{ id: string }>) => list.map((item) => item.id);
const byId = (id: string) => records.find((record) => record.id === id) as TruemedPaymentSessionWire;

/** Dollars (string or number, at most 2 decimals) → cents, by digits, independent of the adapter's code. */
function dollarsToCents(dollars: string | number): number {
  const [whole = '0', fraction = ''] = String(dollars).split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

describe('Truemed fetcher × fake API over HTTP', () => {
  it('sends the key from the server side', async () => {
    await fetcherWith()({ page: 1, pageSize: 1 }, { signal: liveSignal() });
    expect(api.requests.at(-1)?.headers['x-truemed-api-key']).toBe(FAKE_TRUEMED_API_KEY);
  });

  it('walks every page: each record once, in the API’s order, with agreeing totals', async () => {
    const sessions = await walkAll(fetcherWith(), {});
    expect(ids(sessions)).toEqual(ids(records));
  });

  it('pages at the largest size the fetcher allows', async () => {
    const page = await fetcherWith()({ page: 2, pageSize: 100 }, { signal: liveSignal() });
    expect(page).toMatchObject({ total: 130, page: 2, pageSize: 100, pageCount: 2 });
    expect(ids(page.sessions)).toEqual(ids(records.slice(100)));
  });

  describe('each filter narrows the result as documented', () => {
    const captured = (record: TruemedPaymentSessionWire) => record.captured_on !== undefined;
    const filters: Array<[string, () => Omit<SessionQuery, 'page' | 'pageSize'>, (record: TruemedPaymentSessionWire) => boolean]> = [
      ['status (one)', () => ({ status: ['captured'] }), (record) => record.status === 'captured'],
      [
        'status (several)',
        () => ({ status: ['authorized', 'authorization_voided'] }),
        (record) => record.status === 'authorized' || record.status === 'authorization_voided',
      ],
      ['kind', () => ({ kind: ['authorization'] }), (record) => record.kind === 'authorization'],
      [
        'search by user business id',
        () => ({ search: records[7]!.user_business_id }),
        (record) => record.user_business_id === records[7]!.user_business_id,
      ],
      ['search by email, case-insensitive', () => ({ search: records[3]!.customer_email!.toUpperCase() }), (record) =>
        record.customer_email!.toLowerCase() === records[3]!.customer_email!.toLowerCase()],
      [
        'created range',
        () => ({ createdFrom: records[60]!.created_on, createdTo: records[20]!.created_on }),
        (record) => record.created_on >= records[60]!.created_on && record.created_on <= records[20]!.created_on,
      ],
      [
        'captured range',
        () => {
          const dates = records.filter(captured).map((record) => record.captured_on!).sort();
          return { capturedFrom: dates[10], capturedTo: dates[40] };
        },
        (record) => {
          const dates = records.filter(captured).map((entry) => entry.captured_on!).sort();
          return captured(record) && record.captured_on! >= dates[10]! && record.captured_on! <= dates[40]!;
        },
      ],
      ['excludePending', () => ({ excludePending: true }), (record) => record.status !== 'pending'],
      ['excludeVoided', () => ({ excludeVoided: true }), (record) => record.status !== 'authorization_voided'],
      [
        'paymentToken',
        () => ({ paymentToken: records.find((record) => record.payment_token)!.payment_token }),
        (record) => record.payment_token === records.find((entry) => entry.payment_token)!.payment_token,
      ],
    ];

    it.each(filters)('%s', async (_label, filter, matches) => {
      const expected = records.filter(matches);
      // A filter test is only meaningful if it keeps some records and drops others.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(records.length);
      const sessions = await walkAll(fetcherWith(), filter(), 20);
      expect(ids(sessions)).toEqual(ids(expected));
    });

    it('combines filters', async () => {
      const expected = records.filter((record) => record.kind === 'one_time_payment' && record.status !== 'pending');
      const sessions = await walkAll(fetcherWith(), { kind: ['one_time_payment'], excludePending: true });
      expect(ids(sessions)).toEqual(ids(expected));
    });
  });

  describe('include flags', () => {
    it('by default: no items, metadata or fee; refunds and disputes included (the API’s defaults)', async () => {
      const sessions = await walkAll(fetcherWith(), {}, 100);
      expect(sessions.every((session) => session.items.length === 0 && session.metadata === undefined && session.fee === undefined)).toBe(true);
      const refundedCount = sessions.filter((session) => session.refunds.length > 0).length;
      expect(refundedCount).toBe(records.filter((record) => (record.refunds?.length ?? 0) > 0).length);
      expect(refundedCount).toBeGreaterThan(0);
      expect(sessions.filter((session) => session.disputes.length > 0).length).toBe(
        records.filter((record) => (record.disputes?.length ?? 0) > 0).length,
      );
    });

    it('items: one line item per order item, prices in cents', async () => {
      const sessions = await walkAll(fetcherWith(), { include: { items: true } }, 100);
      for (const session of sessions) {
        const record = byId(session.id);
        expect(session.items.map((item) => [item.name, item.quantity, item.unitPrice?.amountMinor])).toEqual(
          record.order_items!.map((item) => [item.name, item.quantity, item.price]),
        );
      }
    });

    it('items from the fetcher’s defaults, switched off again by the query', async () => {
      const fetcher = fetcherWith({ include: { items: true } });
      const withItems = await fetcher({ page: 1, pageSize: 5 }, { signal: liveSignal() });
      expect(withItems.sessions.every((session) => session.items.length > 0)).toBe(true);
      const without = await fetcher({ page: 1, pageSize: 5, include: { items: false } }, { signal: liveSignal() });
      expect(without.sessions.every((session) => session.items.length === 0)).toBe(true);
    });

    it('refunds: false leaves out refunds and the refunded amount', async () => {
      const sessions = await walkAll(fetcherWith(), { include: { refunds: false } }, 100);
      expect(sessions.every((session) => session.refunds.length === 0 && session.refundedAmount === undefined)).toBe(true);
    });

    it('disputes: false leaves out disputes', async () => {
      const sessions = await walkAll(fetcherWith(), { include: { disputes: false } }, 100);
      expect(sessions.every((session) => session.disputes.length === 0)).toBe(true);
    });

    it('metadata: true brings the metadata', async () => {
      const sessions = await walkAll(fetcherWith(), { include: { metadata: true } }, 100);
      for (const session of sessions) expect(session.metadata).toEqual(byId(session.id).metadata);
    });

    it('fee: true brings truemed_fee, converted from dollars to cents', async () => {
      const sessions = await walkAll(fetcherWith(), { include: { fee: true } }, 100);
      const withFee = sessions.filter((session) => byId(session.id).truemed_fee !== undefined);
      expect(withFee.length).toBeGreaterThan(0);
      // The dataset sends some fees as JSON numbers: those are the float traps.
      expect(withFee.some((session) => typeof byId(session.id).truemed_fee === 'number')).toBe(true);
      for (const session of sessions) {
        const fee = byId(session.id).truemed_fee;
        expect(session.fee).toEqual(fee === undefined ? undefined : { amountMinor: dollarsToCents(fee), currency: 'USD' });
      }
    });
  });

  describe('amounts', () => {
    it('keeps totals and captured amounts in cents', async () => {
      const sessions = await walkAll(fetcherWith(), {}, 100);
      for (const session of sessions) {
        const record = byId(session.id);
        expect(session.amount).toEqual({ amountMinor: record.total_amount, currency: 'USD' });
        expect(session.capturedAmount?.amountMinor).toBe(record.captured_amount ?? (record.status === 'captured' ? record.total_amount : undefined));
      }
    });

    it('reads summarized refund_amount as cents, equal to the sum of the refunds', async () => {
      const sessions = await walkAll(fetcherWith({ summarizeRefunds: true }), {}, 100);
      for (const session of sessions) {
        const record = byId(session.id);
        const refunded = (record.refunds ?? []).reduce((sum, refund) => sum + refund.amount, 0);
        expect(session.refunds).toEqual([]);
        expect(session.refundedAmount).toEqual({ amountMinor: refunded, currency: 'USD' });
        if (record.status_summary === 'Refunded') {
          expect(session.status).toBe('refunded');
          expect(session.refundedAmount?.amountMinor).toBe(record.captured_amount);
          expect(session.refundableAmount?.amountMinor).toBe(0);
        }
      }
      expect(sessions.some((session) => session.status === 'refunded')).toBe(true);
    });

    it('sums refunds into the same refunded amount when not summarized', async () => {
      const summarized = await walkAll(fetcherWith({ summarizeRefunds: true }), {}, 100);
      const listed = await walkAll(fetcherWith(), {}, 100);
      expect(listed.map((session) => session.refundedAmount)).toEqual(summarized.map((session) => session.refundedAmount));
    });

    it('takes refundable and capturable amounts from the items when they are included', async () => {
      const sessions = await walkAll(fetcherWith(), { include: { items: true } }, 100);
      for (const session of sessions) {
        const items = byId(session.id).order_items!;
        const refundable = items.filter((item) => item.total_refundable !== undefined);
        const capturable = items.filter((item) => item.total_capturable !== undefined);
        expect(session.refundableAmount?.amountMinor).toBe(
          refundable.length > 0 ? refundable.reduce((sum, item) => sum + item.total_refundable!, 0) : undefined,
        );
        if (capturable.length > 0) {
          expect(session.capturableAmount?.amountMinor).toBe(capturable.reduce((sum, item) => sum + item.total_capturable!, 0));
        }
      }
    });
  });

  it('maps every raw status and summary', async () => {
    const sessions = await walkAll(fetcherWith(), {}, 100);
    for (const session of sessions) {
      const record = byId(session.id);
      expect(session.rawStatus).toBe(record.status);
      expect(session.statusSummary).toBe(record.status_summary);
      expect(session.status).not.toBe('unknown');
    }
    expect(new Set(sessions.map((session) => session.status))).toEqual(
      new Set(['captured', 'authorized', 'pending', 'processing', 'canceled', 'rejected', 'voided', 'expired', 'partially_refunded', 'refunded', 'disputed', 'partially_captured']),
    );
  });
});
