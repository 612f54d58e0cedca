/**
 * Hand-written malformed OneEntry payloads. Each case resolves `{ total, items }` with one valid sentinel
 * first and then its own records, and states how many of its records are kept and dropped. The page must
 * come back (never a throw), dropped records counted and reported by index, kept sessions sane.
 */
import { createOneEntryFetcher } from '../../../src/adapters/oneentry/fetcher';
import type { OneEntryFetcherOptions } from '../../../src/adapters/oneentry/fetcher';
import type { OneEntryPaymentsLike } from '../../../src/adapters/oneentry/wire';
import { PaymentSessionsError } from '../../../src/core/errors';
import {
  expectMalformedRecordsPage,
  invalidCollector,
  liveSignal,
  oneEntryLegacyRecord,
  oneEntryRecord,
  rejectionOf,
  type MalformedRecordsCase,
} from '../helpers';

const SENTINEL_ID = '1';
const SECRET = 'pi_3Nested_secret_NeverShowThis';
const HTML_NAME = '<script>alert("x")</script><img src=x onerror=alert(1)>';

function resolving(value: unknown): OneEntryPaymentsLike {
  return { getSessions: async () => value };
}

interface MalformedCase extends MalformedRecordsCase {
  options?: OneEntryFetcherOptions;
}

const cases: MalformedCase[] = [
  { name: 'missing id', records: [oneEntryRecord({ id: undefined })], kept: 0, dropped: 1, issue: /^id: / },
  { name: 'null id', records: [oneEntryRecord({ id: null })], kept: 0, dropped: 1, issue: /^id: / },
  { name: 'negative id', records: [oneEntryRecord({ id: -1 })], kept: 0, dropped: 1, issue: /^id: / },
  { name: 'fractional id', records: [oneEntryRecord({ id: 1.5 })], kept: 0, dropped: 1, issue: /^id: / },
  { name: 'id 2**60 (unsafe)', records: [oneEntryRecord({ id: 2 ** 60 })], kept: 0, dropped: 1, issue: /^id: / },
  { name: 'id an object', records: [oneEntryRecord({ id: { value: 1 } })], kept: 0, dropped: 1, issue: /^id: / },
  { name: 'missing status', records: [oneEntryRecord({ status: undefined })], kept: 0, dropped: 1, issue: /^status: / },
  { name: 'numeric status', records: [oneEntryRecord({ status: 200 })], kept: 0, dropped: 1, issue: /^status: / },
  { name: 'blank status', records: [oneEntryRecord({ status: '  ' })], kept: 0, dropped: 1, issue: /^status: / },
  {
    name: 'unknown status text is kept as unknown',
    records: [oneEntryRecord({ status: 'Awaiting 3-D Secure' })],
    kept: 1,
    dropped: 0,
    check: ([session]) => expect(session).toMatchObject({ status: 'unknown', rawStatus: 'Awaiting 3-D Secure' }),
  },
  { name: 'negative amount', records: [oneEntryRecord({ amount: -5 })], kept: 0, dropped: 1, issue: /^amount: / },
  { name: 'amount 1e300', records: [oneEntryRecord({ amount: 1e300 })], kept: 0, dropped: 1, issue: /^amount: / },
  { name: 'amount 2**60 in minor units', records: [oneEntryRecord({ amount: 2 ** 60 })], kept: 0, dropped: 1, options: { amountUnit: 'minor' } },
  { name: 'amount "NaN"', records: [oneEntryRecord({ amount: 'NaN' })], kept: 0, dropped: 1, issue: /^amount: / },
  { name: 'amount "Infinity"', records: [oneEntryRecord({ amount: 'Infinity' })], kept: 0, dropped: 1, issue: /^amount: / },
  { name: 'amount a boolean', records: [oneEntryRecord({ amount: true })], kept: 0, dropped: 1, issue: /^amount: / },
  {
    name: 'null amount is absent, not wrong (the SDK types it number | null)',
    records: [oneEntryRecord({ amount: null })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.amount).toBeUndefined();
      expect(session?.capturedAmount).toBeUndefined();
    },
  },
  { name: 'unparsable createdDate', records: [oneEntryRecord({ createdDate: 'yesterday' })], kept: 0, dropped: 1, issue: /^createdDate: / },
  {
    name: 'invalid updatedDate is left out',
    records: [oneEntryRecord({ updatedDate: '2026-02-30T10:00:00Z' })],
    kept: 1,
    dropped: 0,
    check: ([session]) => expect(session?.updatedAt).toBeUndefined(),
  },
  {
    name: 'javascript:, data:, credentialed and relative payment URLs never become links',
    records: [
      oneEntryRecord({ id: 11, paymentUrl: 'javascript:alert(1)' }),
      oneEntryRecord({ id: 12, paymentUrl: 'data:text/html;base64,PHNjcmlwdD4=' }),
      oneEntryRecord({ id: 13, paymentUrl: 'https://user:pw@evil.example.com' }),
      oneEntryRecord({ id: 14, paymentUrl: '/checkout/123' }),
      oneEntryRecord({ id: 15, paymentUrl: null }),
    ],
    kept: 5,
    dropped: 0,
    check: (kept) => {
      for (const session of kept) {
        expect(session.paymentUrl).toBeUndefined();
        // Not in raw either, where a host could still turn it into a link.
        expect(session.raw.paymentUrl).toBeNull();
      }
    },
  },
  {
    name: 'legacy successUrl / cancelUrl that are not http(s) are nulled in raw',
    records: [
      oneEntryLegacyRecord({
        id: 16,
        successUrl: 'javascript:alert(document.cookie)',
        cancelUrl: 'data:text/html,<script>alert(1)</script>',
        intent: '{"amount": 1, "return_url": "javascript:alert(2)"}',
      }),
      oneEntryLegacyRecord({ id: 17 }),
    ],
    kept: 2,
    dropped: 0,
    check: ([bad, good]) => {
      expect(bad?.raw).toMatchObject({ successUrl: null, cancelUrl: null, intent: { amount: 1, return_url: null } });
      expect(JSON.stringify(bad?.raw)).not.toMatch(/javascript:|data:text/);
      expect(bad?.paymentUrl).toBe('https://www.sandbox.paypal.com/checkoutnow?token=9BE88048TU058770M');
      expect(good?.raw).toMatchObject({ successUrl: 'https://example.com/success', cancelUrl: 'https://example.com/cancel' });
    },
  },
  {
    name: 'HTML in line item names is kept as text; invalid items are skipped',
    records: [
      oneEntryLegacyRecord({
        lineItems: [
          { name: HTML_NAME, quantity: 1, amount: 5 },
          { quantity: 1, amount: 5 },
          { name: 'Negative quantity', quantity: -1, amount: 5 },
          { name: 'Bad amount', quantity: 1, amount: 'five' },
          'not an item',
          { description: 'Described only', quantity: 2 },
        ],
      }),
    ],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.items.map((item) => item.name)).toEqual([HTML_NAME, 'Described only']);
      expect(session?.items[1]).toEqual({ name: 'Described only', quantity: 2 });
    },
  },
  {
    name: 'lineItems that is not an array',
    records: [oneEntryLegacyRecord({ lineItems: 'three items' })],
    kept: 1,
    dropped: 0,
    check: ([session]) => expect(session?.items).toEqual([]),
  },
  {
    name: 'intent as broken JSON is treated as absent',
    records: [oneEntryLegacyRecord({ intent: '{"amount": 1,' })],
    kept: 1,
    dropped: 0,
    check: ([session]) => expect(session?.amount).toBeUndefined(),
  },
  {
    name: 'intent JSON with a negative amount drops the record',
    records: [oneEntryLegacyRecord({ intent: '{"amount": -1, "currency": "usd"}' })],
    kept: 0,
    dropped: 1,
    issue: /^intent\.amount: /,
  },
  {
    name: 'intent JSON that is an array or too large is ignored',
    records: [
      oneEntryLegacyRecord({ id: 21, intent: '[1, 2]' }),
      oneEntryLegacyRecord({ id: 22, intent: `{"amount": 1, "pad": "${'x'.repeat(20_000)}"}` }),
    ],
    kept: 2,
    dropped: 0,
    check: (kept) => {
      for (const session of kept) expect(session.amount).toBeUndefined();
    },
  },
  {
    name: 'non-object records: null, number, string, array',
    records: [null, 1764, 'session', [oneEntryRecord()]],
    kept: 0,
    dropped: 4,
    issue: /^record must be an object/,
  },
  {
    name: '__proto__ keys neither pollute nor survive',
    records: [JSON.parse('{"id": 99, "status": "completed", "__proto__": {"polluted": true, "status": "x"}}')],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(session?.raw, '__proto__')).toBe(false);
      expect(session?.rawStatus).toBe('completed');
    },
  },
  {
    name: 'client secrets nested deeply, in any spelling, are stripped',
    records: [
      oneEntryRecord({
        clientSecret: SECRET,
        extra: { deep: [{ deeper: { client_secret: SECRET, 'Client-Secret': SECRET } }] },
        intent: { amount: 1, clientSecret: SECRET },
      }),
    ],
    kept: 1,
    dropped: 0,
    check: ([session]) => expect(JSON.stringify(session)).not.toContain(SECRET),
  },
  {
    name: 'a legacy intent given as a JSON string holding a client secret leaves no secret in raw',
    records: [
      oneEntryLegacyRecord({ id: 31, intent: `{"amount": 1, "currency": "usd", "client_secret": "${SECRET}"}` }),
      oneEntryLegacyRecord({ id: 32, intent: `{"amount": 1, "nested": [{"clientSecret": "${SECRET}"}]}` }),
    ],
    kept: 2,
    dropped: 0,
    check: (kept) => {
      for (const session of kept) {
        expect(JSON.stringify(session.raw)).not.toContain(SECRET);
        expect(JSON.stringify(session)).not.toContain(SECRET);
        expect(session.amount).toEqual({ amountMinor: 100, currency: 'USD' });
      }
      // The string is replaced by the parsed, cleaned object.
      expect(kept[0]?.raw.intent).toEqual({ amount: 1, currency: 'usd' });
      expect(kept[1]?.raw.intent).toEqual({ amount: 1, nested: [{}] });
    },
  },
  {
    name: 'a legacy intent string that cannot be read is dropped from raw, secret and all',
    records: [
      oneEntryLegacyRecord({ id: 33, intent: `{"amount": 1, "client_secret": "${SECRET}",` }),
      oneEntryLegacyRecord({ id: 34, intent: `[{"client_secret": "${SECRET}"}]` }),
      oneEntryLegacyRecord({ id: 35, intent: `{"client_secret": "${SECRET}", "pad": "${'x'.repeat(20_000)}"}` }),
    ],
    kept: 3,
    dropped: 0,
    check: (kept) => {
      for (const session of kept) {
        expect(session.raw).not.toHaveProperty('intent');
        expect(JSON.stringify(session)).not.toContain(SECRET);
      }
    },
  },
  {
    name: 'wrong-typed optional fields are left out',
    records: [oneEntryRecord({ type: 123, orderId: { id: 1 }, currency: 'euros' })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.kind).toBeUndefined();
      expect(session?.orderId).toBeUndefined();
      expect(session?.amount?.currency).toBe('USD');
    },
  },
  {
    name: 'a multi-megabyte status is capped, not dropped',
    records: [oneEntryRecord({ status: 'w'.repeat(2_000_000) })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.rawStatus).toHaveLength(500);
      expect(session?.status).toBe('unknown');
    },
  },
  {
    name: 'one bad record among good ones drops only itself',
    records: [oneEntryRecord({ id: 2 }), oneEntryRecord({ id: 3, amount: -1 }), oneEntryLegacyRecord({ id: 4 })],
    kept: 2,
    dropped: 1,
    issue: /amount/,
    check: (kept) => expect(kept.map((session) => session.id)).toEqual(['2', '4']),
  },
  {
    // Found by the resilience fuzz: two rows with one React key, and the session counted twice in totals.
    name: 'a repeated id (7 and "7" are one id) is dropped, the first occurrence kept',
    records: [oneEntryRecord({ id: 7, amount: 1 }), oneEntryRecord({ id: '7', amount: 2 })],
    kept: 1,
    dropped: 1,
    issue: /^id: repeats the id of record 1 on this page/,
    check: ([session]) => {
      expect(session).toMatchObject({ id: '7', amount: { amountMinor: 100 } });
    },
  },
];

describe('OneEntry malformed records', () => {
  it(`has at least 20 hand-written cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$name → $kept kept, $dropped dropped', async ({ records, kept, dropped, issue, options, check }) => {
    const { reports, onInvalidRecord } = invalidCollector();
    const items = [oneEntryRecord({ id: Number(SENTINEL_ID), amount: options?.amountUnit === 'minor' ? 100 : 1 }), ...records];
    const fetcher = createOneEntryFetcher(resolving({ total: items.length, items }), { ...options, onInvalidRecord });
    const page = await fetcher({ page: 1, pageSize: 50 }, { signal: liveSignal() });
    expectMalformedRecordsPage(page, reports, { source: 'oneentry', sentinelId: SENTINEL_ID, kept, dropped, issue, check });
  });

  it('reports index, readable id and issues of each dropped record', async () => {
    const { reports, onInvalidRecord } = invalidCollector();
    const fetcher = createOneEntryFetcher(resolving([oneEntryRecord(), 'x', oneEntryRecord({ id: 7, createdDate: 'soon' })]), { onInvalidRecord });
    const page = await fetcher({ page: 1, pageSize: 50 }, { signal: liveSignal() });
    expect(page.invalid).toBe(2);
    expect(reports).toEqual([
      { source: 'oneentry', index: 1, issues: ['record must be an object, got string'] },
      { source: 'oneentry', index: 2, id: '7', issues: ['createdDate: must be an ISO 8601 date-time'] },
    ]);
  });
});

describe('OneEntry malformed envelopes', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'sessions'],
    ['a number', 42],
    ['items without total', { items: [] }],
    ['a negative total', { total: -1, items: [] }],
    ['a fractional total', { total: 1.5, items: [] }],
    ['a string total', { total: '10', items: [] }],
    ['a total of 1e300', { total: 1e300, items: [] }],
    ['items null', { total: 10, items: null }],
    ['items an object', { total: 1, items: { 0: oneEntryRecord() } }],
    ['a string statusCode (not an SDK error)', { statusCode: '500', message: 'Down' }],
    ['a success-looking statusCode without data', { statusCode: 200, message: 'OK' }],
  ])('%s → invalid_response', async (_label, value) => {
    const error = await rejectionOf(createOneEntryFetcher(resolving(value))({ page: 1, pageSize: 10 }, { signal: liveSignal() }));
    expect(error).toBeInstanceOf(PaymentSessionsError);
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect((error as Error).message).toMatch(/^OneEntry answered getSessions with an unexpected value \(.+\)\.$/);
    expect((error as Error).message).not.toMatch(/undefined|NaN|Invalid (key|type)|received/);
  });

  it.each([
    [{}, '(total: missing; items: missing)'],
    [{ total: Number.NaN, items: [] }, '(total: expected a number, got a number that is not finite)'],
    [{ total: '3', items: {} }, '(total: expected a number, got text; items: expected a list, got an object)'],
    [{ total: -2, items: [] }, '(total: must not be negative)'],
  ])('says what is wrong with the envelope in plain words: %j', async (value, expected) => {
    const error = await rejectionOf(createOneEntryFetcher(resolving(value))({ page: 1, pageSize: 10 }, { signal: liveSignal() }));
    expect((error as Error).message).toBe(`OneEntry answered getSessions with an unexpected value ${expected}.`);
  });
});
