/**
 * Hand-written malformed Truemed payloads. Each case puts one valid sentinel record first and then its
 * own records, and states how many of its records are kept and dropped; the page must come back (never a
 * throw), dropped records must be counted and reported by index, and every kept session must be sane.
 */
import { createTruemedFetcher } from '../../../src/adapters/truemed/fetcher';
import { PaymentSessionsError } from '../../../src/core/errors';
import type { SessionPage } from '../../../src/core/types';
import {
  expectMalformedRecordsPage,
  invalidCollector,
  jsonFetch,
  liveSignal,
  rejectionOf,
  textFetch,
  truemedBody,
  truemedRecord,
  type MalformedRecordsCase,
} from '../helpers';

const SENTINEL_ID = 'ps_sentinel';

const HTML_NAME = '<img src=x onerror="alert(1)">';
const SECRET = 'pi_3Deep_secret_ShouldNeverShow';

const cases: MalformedRecordsCase[] = [
  { name: 'missing id', records: [truemedRecord({ id: undefined })], kept: 0, dropped: 1, issue: /^id: / },
  { name: 'numeric id (Truemed ids are strings)', records: [truemedRecord({ id: 12345 })], kept: 0, dropped: 1, issue: /^id: / },
  { name: 'blank id', records: [truemedRecord({ id: '   ' })], kept: 0, dropped: 1, issue: /^id: / },
  { name: 'absurdly long id', records: [truemedRecord({ id: 'x'.repeat(5_000) })], kept: 0, dropped: 1, issue: /^id: / },
  { name: 'null status', records: [truemedRecord({ status: null })], kept: 0, dropped: 1, issue: /^status: / },
  { name: 'numeric status', records: [truemedRecord({ status: 3 })], kept: 0, dropped: 1, issue: /^status: / },
  {
    name: 'unknown status value is kept as unknown',
    records: [truemedRecord({ status: 'teleported', status_summary: 'Beamed up' })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session).toMatchObject({ status: 'unknown', rawStatus: 'teleported', statusSummary: 'Beamed up' });
    },
  },
  { name: 'negative total', records: [truemedRecord({ total_amount: -100 })], kept: 0, dropped: 1, issue: /^total_amount: must not be negative/ },
  { name: 'total 1e300', records: [truemedRecord({ total_amount: 1e300 })], kept: 0, dropped: 1, issue: /^total_amount: / },
  { name: 'total 2**60 (beyond safe integers)', records: [truemedRecord({ total_amount: 2 ** 60 })], kept: 0, dropped: 1, issue: /^total_amount: / },
  { name: 'fractional cents', records: [truemedRecord({ total_amount: 12.5 })], kept: 0, dropped: 1, issue: /^total_amount: / },
  { name: 'total as a string', records: [truemedRecord({ total_amount: '12345' })], kept: 0, dropped: 1, issue: /^total_amount: / },
  {
    name: 'null total is absent, not wrong',
    records: [truemedRecord({ total_amount: null, captured_amount: null })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.amount).toBeUndefined();
      expect(session?.capturedAmount).toBeUndefined();
    },
  },
  {
    name: 'null optional fields are absent, not null',
    records: [
      truemedRecord({
        status_summary: null,
        kind: null,
        captured_on: null,
        updated_on: null,
        customer_name: null,
        customer_email: null,
        user_business_id: null,
        redirect_url: null,
        payment_token: null,
        order_items: null,
        refunds: null,
        metadata: null,
        truemed_fee: null,
        created_on: null,
      }),
    ],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      // Only what was left non-null (authorized_on, amounts, order_id) beside the always-present fields.
      expect(Object.keys(session!).sort()).toEqual(
        ['amount', 'authorizedAt', 'capturedAmount', 'disputes', 'id', 'items', 'orderId', 'raw', 'rawStatus', 'refunds', 'source', 'status'],
      );
    },
  },
  { name: 'captured_amount "NaN"', records: [truemedRecord({ captured_amount: 'NaN' })], kept: 0, dropped: 1, issue: /^captured_amount: / },
  { name: 'refund_amount negative', records: [truemedRecord({ refund_amount: -1 })], kept: 0, dropped: 1, issue: /^refund_amount: / },
  {
    name: 'truemed_fee "NaN", "abc", "-1.00" and Infinity-like',
    records: [
      truemedRecord({ id: 'f1', truemed_fee: 'NaN' }),
      truemedRecord({ id: 'f2', truemed_fee: 'abc' }),
      truemedRecord({ id: 'f3', truemed_fee: '-1.00' }),
      truemedRecord({ id: 'f4', truemed_fee: '1e400' }),
    ],
    kept: 0,
    dropped: 4,
    issue: /^truemed_fee: /,
  },
  { name: 'unparsable created_on', records: [truemedRecord({ created_on: 'yesterday' })], kept: 0, dropped: 1, issue: /^created_on: / },
  { name: 'impossible created_on (Feb 30)', records: [truemedRecord({ created_on: '2026-02-30T00:00:00Z' })], kept: 0, dropped: 1, issue: /^created_on: / },
  {
    name: 'invalid optional dates are left out',
    records: [truemedRecord({ captured_on: 'not a date', updated_on: 1234, authorized_on: '2026-13-01' })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.capturedAt).toBeUndefined();
      expect(session?.updatedAt).toBeUndefined();
      expect(session?.authorizedAt).toBeUndefined();
      expect(session?.createdAt).toBe('2026-03-01T10:00:00.000Z');
    },
  },
  {
    name: 'javascript:, data: and credentialed URLs never become links',
    records: [
      truemedRecord({ id: 'u1', redirect_url: 'javascript:alert(document.cookie)' }),
      truemedRecord({ id: 'u2', redirect_url: 'data:text/html,<script>alert(1)</script>' }),
      truemedRecord({ id: 'u3', redirect_url: 'https://user:pass@evil.example.com/' }),
      truemedRecord({ id: 'u4', redirect_url: '//evil.example.com/relative' }),
    ],
    kept: 4,
    dropped: 0,
    check: (kept) => {
      for (const session of kept) {
        expect(session.paymentUrl).toBeUndefined();
        // Not in raw either, where a host could still turn it into a link.
        expect(session.raw.redirect_url).toBeNull();
      }
    },
  },
  {
    name: 'non-http(s) values of any URL-named field are nulled in raw; http(s) ones kept',
    records: [
      truemedRecord({
        id: 'u5',
        redirect_url: 'https://pay.example.com/ok',
        paymentUrl: 'javascript:alert(1)',
        success_url: ' JaVaScRiPt:alert(1)',
        cancelUrl: 'data:text/html,<script>alert(1)</script>',
        callback_uri: 'vbscript:msgbox',
        href: 'javascript:void(0)',
        link: 'javascript:alert(2)',
        receipt_url: 'http://receipts.example.com/r/1',
        metadata: { return_url: 'javascript:alert(3)' },
        links: [{ self_href: 'javascript:alert(4)', rel: 'self' }],
        urlencoded_note: 'javascript: not a URL field',
      }),
    ],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.raw).toMatchObject({
        redirect_url: 'https://pay.example.com/ok',
        paymentUrl: null,
        success_url: null,
        cancelUrl: null,
        callback_uri: null,
        href: null,
        link: null,
        receipt_url: 'http://receipts.example.com/r/1',
        metadata: { return_url: null },
        links: [{ self_href: null, rel: 'self' }],
        urlencoded_note: 'javascript: not a URL field',
      });
      expect(JSON.stringify(session?.raw)).not.toMatch(/javascript:alert|data:text|vbscript/i);
      expect(session?.paymentUrl).toBe('https://pay.example.com/ok');
    },
  },
  {
    name: 'HTML in names is kept as plain text',
    records: [truemedRecord({ customer_name: HTML_NAME, order_items: [{ name: HTML_NAME, price: 100, quantity: 1 }] })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.customer?.name).toBe(HTML_NAME);
      expect(session?.items[0]?.name).toBe(HTML_NAME);
    },
  },
  {
    name: 'a multi-megabyte name is capped',
    records: [truemedRecord({ customer_name: `  ${'A'.repeat(3_000_000)}  ` })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.customer?.name).toHaveLength(500);
    },
  },
  {
    name: 'non-object records: null, number, string, boolean',
    records: [null, 42, 'ps_123', true],
    kept: 0,
    dropped: 4,
    issue: /^record must be an object/,
  },
  { name: 'an array nested where a record should be', records: [[truemedRecord()]], kept: 0, dropped: 1, issue: /got an array/ },
  {
    name: '__proto__ keys neither pollute nor survive',
    records: [JSON.parse('{"id":"ps_proto","status":"captured","__proto__":{"polluted":true},"metadata":{"__proto__":{"polluted":true}}}')],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect((session as unknown as { polluted?: unknown }).polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(session?.raw, '__proto__')).toBe(false);
      expect(Object.getPrototypeOf(session?.metadata)).toBe(Object.prototype);
    },
  },
  {
    name: 'client secrets nested deeply are stripped',
    records: [truemedRecord({ client_secret: SECRET, metadata: { a: [{ b: { clientSecret: SECRET } }] } })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(JSON.stringify(session)).not.toContain(SECRET);
    },
  },
  {
    name: 'invalid order items are skipped, the session kept',
    records: [
      truemedRecord({
        order_items: [
          { name: 'Good', price: 100, quantity: 2 },
          { name: 'Negative price', price: -1, quantity: 1 },
          { price: 100, quantity: 1 },
          { name: 'String quantity', price: 100, quantity: '2' },
          null,
          { name: 'Bad optional figure', price: 100, quantity: 1, total_refundable: 'lots' },
        ],
      }),
    ],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.items.map((item) => item.name)).toEqual(['Good', 'Bad optional figure']);
      expect(session?.items[1]?.refundable).toBeUndefined();
    },
  },
  {
    name: 'order_items, refunds and disputes that are not arrays are treated as absent',
    records: [truemedRecord({ order_items: 'many', refunds: { id: 're_1' }, disputes: 7 })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session).toMatchObject({ items: [], refunds: [], disputes: [] });
      expect(session?.refundedAmount).toBeUndefined();
    },
  },
  {
    name: 'wrong-typed optional text fields are left out',
    records: [truemedRecord({ status_summary: 42, kind: ['x'], customer_email: {}, payment_token: false, currency: 'dollars' })],
    kept: 1,
    dropped: 0,
    check: ([session]) => {
      expect(session?.statusSummary).toBeUndefined();
      expect(session?.kind).toBeUndefined();
      expect(session?.customer?.email).toBeUndefined();
      expect(session?.paymentToken).toBeUndefined();
      expect(session?.amount?.currency).toBe('USD');
    },
  },
  {
    name: 'one bad record among good ones drops only itself',
    records: [truemedRecord({ id: 'g1' }), truemedRecord({ id: 'bad', total_amount: -5 }), truemedRecord({ id: 'g2' })],
    kept: 2,
    dropped: 1,
    issue: /total_amount/,
    check: (kept) => {
      expect(kept.map((session) => session.id)).toEqual(['g1', 'g2']);
    },
  },
  {
    // Found by the resilience fuzz: two rows with one React key, and the session counted twice in totals.
    name: 'a repeated id (after trimming) is dropped, the first occurrence kept',
    records: [truemedRecord({ id: 'ps_dup', total_amount: 100 }), truemedRecord({ id: ' ps_dup ', total_amount: 999 })],
    kept: 1,
    dropped: 1,
    issue: /^id: repeats the id of record 1 on this page/,
    check: ([session]) => {
      expect(session).toMatchObject({ id: 'ps_dup', amount: { amountMinor: 100 } });
    },
  },
];

describe('Truemed malformed records', () => {
  it(`has at least 20 hand-written cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$name → $kept kept, $dropped dropped', async ({ records, kept, dropped, issue, check }) => {
    const { reports, onInvalidRecord } = invalidCollector();
    const stub = jsonFetch(truemedBody([truemedRecord({ id: SENTINEL_ID }), ...records]));
    const fetcher = createTruemedFetcher({ baseUrl: 'https://api.example.com', fetch: stub.fetch, onInvalidRecord });
    const page: SessionPage = await fetcher({ page: 1, pageSize: 30 }, { signal: liveSignal() });
    expectMalformedRecordsPage(page, reports, { source: 'truemed', sentinelId: SENTINEL_ID, kept, dropped, issue, check });
  });

  it('reports the index and the readable id of each dropped record', async () => {
    const { reports, onInvalidRecord } = invalidCollector();
    const stub = jsonFetch(truemedBody([truemedRecord({ id: 'ok' }), null, truemedRecord({ id: 'ps_bad', created_on: 'nope' })]));
    await createTruemedFetcher({ baseUrl: 'https://api.example.com', fetch: stub.fetch, onInvalidRecord })(
      { page: 1, pageSize: 30 },
      { signal: liveSignal() },
    );
    expect(reports).toEqual([
      { source: 'truemed', index: 1, issues: ['record must be an object, got null'] },
      { source: 'truemed', index: 2, id: 'ps_bad', issues: ['created_on: must be an ISO 8601 date-time'] },
    ]);
  });

  it('keeps the page when the host’s onInvalidRecord throws', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const stub = jsonFetch(truemedBody([truemedRecord({ id: 'ok' }), { id: 'bad' }]));
      const fetcher = createTruemedFetcher({
        baseUrl: 'https://api.example.com',
        fetch: stub.fetch,
        onInvalidRecord: () => {
          throw new Error('host bug');
        },
      });
      const page = await fetcher({ page: 1, pageSize: 30 }, { signal: liveSignal() });
      expect(page.sessions.map((session) => session.id)).toEqual(['ok']);
      expect(page.invalid).toBe(1);
      expect(consoleError).toHaveBeenCalledTimes(1);
    } finally {
      consoleError.mockRestore();
    }
  });
});

describe('Truemed malformed envelopes', () => {
  const envelopeCases: Array<[string, string]> = [
    ['payment_sessions null', JSON.stringify({ payment_sessions: null, pagination: null })],
    ['payment_sessions missing', JSON.stringify({ pagination: null })],
    ['payment_sessions an object', JSON.stringify({ payment_sessions: { 0: {} }, pagination: null })],
    ['a bare array', JSON.stringify([truemedRecord()])],
    ['JSON null', 'null'],
    ['a JSON string', '"ok"'],
    ['pagination a string', JSON.stringify({ payment_sessions: [], pagination: 'page 1' })],
    ['pagination with a negative count', JSON.stringify({ payment_sessions: [], pagination: { current_page: 1, page_size: 30, count: -1, last_page: 1 } })],
    ['pagination with a NaN-like page', JSON.stringify({ payment_sessions: [], pagination: { current_page: 'NaN', page_size: 30, count: 0, last_page: 1 } })],
    ['pagination missing last_page', JSON.stringify({ payment_sessions: [], pagination: { current_page: 1, page_size: 30, count: 0 } })],
    ['pagination with count 1e300', JSON.stringify({ payment_sessions: [], pagination: { current_page: 1, page_size: 30, count: 1e300, last_page: 1 } })],
  ];

  it.each(envelopeCases)('%s → invalid_response with a readable message', async (_label, body) => {
    const stub = textFetch(body, { status: 200, headers: { 'content-type': 'application/json' } });
    const error = await rejectionOf(
      createTruemedFetcher({ baseUrl: 'https://api.example.com', fetch: stub.fetch })({ page: 1, pageSize: 30 }, { signal: liveSignal() }),
    );
    expect(error).toBeInstanceOf(PaymentSessionsError);
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect((error as Error).message).toMatch(/^Truemed answered with an unexpected response \(.+\)\.$/);
    // Shown to merchants in the list's alert: plain words, no valibot jargon, no echo of `undefined`/`NaN`.
    expect((error as Error).message).not.toMatch(/undefined|NaN|Invalid (key|type)|received/);
  });

  it.each([
    [{ pagination: null }, '(payment_sessions: missing)'],
    [{ payment_sessions: 'x', pagination: null }, '(payment_sessions: expected a list, got text)'],
    [{ payment_sessions: [], pagination: 'garbage' }, '(pagination: expected an object, got text)'],
    [
      { payment_sessions: [], pagination: { current_page: null, page_size: 30, count: -1 } },
      '(pagination.current_page: expected a number, got null; pagination.count: must not be negative; pagination.last_page: missing)',
    ],
  ])('says what is wrong with the envelope in plain words: %j', async (body, expected) => {
    const error = await rejectionOf(
      createTruemedFetcher({ baseUrl: 'https://api.example.com', fetch: jsonFetch(body).fetch })({ page: 1, pageSize: 30 }, { signal: liveSignal() }),
    );
    expect((error as Error).message).toBe(`Truemed answered with an unexpected response ${expected}.`);
  });

  it('names the failing field in the message', async () => {
    const stub = jsonFetch({ payment_sessions: null, pagination: null });
    await expect(
      createTruemedFetcher({ baseUrl: 'https://api.example.com', fetch: stub.fetch })({ page: 1, pageSize: 30 }, { signal: liveSignal() }),
    ).rejects.toThrow(/payment_sessions: /);
  });
});
