/**
 * Generated Truemed list responses, HTTP-shaped: a status, headers and a body text (or a `fetch` that
 * fails), each with the outcome the fetcher must reach. The field rules mirror `TruemedSessionSchema`:
 * `id` (a string), `status`, present amounts, `truemed_fee` and creation dates are essential; everything
 * else is optional and may be any junk without costing the record.
 */
import fc from 'fast-check';
import {
  ABSENT,
  HOSTILE_URLS,
  PLANTED_SECRET,
  RawJson,
  anyText,
  anyValue,
  badCents,
  badDecimal,
  badIso,
  badStatus,
  compact,
  jsonJunk,
  junkRecord,
  nonBlankText,
  notAnObjectRecord,
  optional,
  pageOfRecords,
  rawStatus,
  toJsonText,
  validCents,
  validDecimal,
  validIso,
  withProtoKey,
  type GeneratedRecord,
  type RecordBuilder,
} from './arbitraries';

const idPrefix = fc.oneof(
  { weight: 3, arbitrary: fc.constant('ps_') },
  { weight: 2, arbitrary: anyText.map((text) => text.slice(0, 60)) },
);

/** The id a record gets: unique per payload thanks to the index suffix; the adapter trims it. */
function idFor(prefix: string, index: number): { raw: string; expected: string } {
  const raw = `${prefix}~${index}`;
  return { raw, expected: raw.trim() };
}

const safeUrl = fc.webUrl().filter((url) => !/NaN|undefined|Infinity/.test(url));

const orderItem: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({
        name: fc.oneof(nonBlankText, anyValue),
        quantity: fc.oneof(fc.nat({ max: 1000 }), fc.maxSafeNat(), anyValue),
        price: optional(validCents, badCents, fc.constant(null)),
        sku: optional(anyText, anyValue),
        total_refundable: optional(validCents, anyValue),
        quantity_refundable: optional(fc.nat({ max: 1000 }), anyValue),
        total_capturable: optional(validCents, anyValue),
        quantity_capturable: optional(fc.nat({ max: 1000 }), anyValue),
      })
      .map(compact),
  },
  { weight: 1, arbitrary: anyValue },
);

const adjustment: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({
        id: optional(anyText, fc.nat(), anyValue),
        amount: optional(validCents, badCents, anyValue),
        status: optional(fc.constantFrom('succeeded', 'pending', 'failed', 'canceled'), anyValue),
        reason: optional(anyText, anyValue),
        created_on: optional(validIso, badIso),
      })
      .map(compact),
  },
  { weight: 1, arbitrary: anyValue },
);

const urlValue = optional(fc.constantFrom(...HOSTILE_URLS), safeUrl, anyValue);

/** Fields that may hold anything: a malformed one is left out, the record kept. */
const optionalFields = fc.record({
  status_summary: optional(fc.constantFrom('Captured', 'Partially Refunded', 'Disputed', 'Test', 'Something new'), anyValue),
  kind: optional(fc.constantFrom('one_time_payment', 'authorization'), anyValue),
  currency: optional(fc.constantFrom('USD', 'usd', 'EUR', 'JPY', 'KWD', 'XXX', 'dollars', 'US', '€', ''), anyValue),
  updated_on: optional(validIso, badIso, fc.constant(null)),
  authorized_on: optional(validIso, badIso, fc.constant(null)),
  captured_on: optional(validIso, badIso, fc.constant(null)),
  customer_name: optional(anyText, anyValue),
  customer_email: optional(anyText, anyValue),
  user_business_id: optional(anyText, anyValue),
  customer: optional(fc.record({ name: anyValue, email: anyValue, business_id: anyValue }), anyValue),
  order_id: optional(anyText, fc.nat(), anyValue),
  payment_token: optional(anyText, anyValue),
  redirect_url: urlValue,
  payment_url: urlValue,
  order_items: optional(fc.array(orderItem, { maxLength: 4 }), anyValue),
  refunds: optional(fc.array(adjustment, { maxLength: 3 }), anyValue),
  disputes: optional(fc.array(adjustment, { maxLength: 3 }), anyValue),
  metadata: optional(jsonJunk, fc.constant({ note: 'vip', deep: { clientSecret: PLANTED_SECRET, list: [{ api_key: PLANTED_SECRET }] } })),
  clientSecret: optional(fc.constant(PLANTED_SECRET)),
  client_secret: optional(fc.constant(PLANTED_SECRET)),
  unexpected_field: optional(anyValue),
});

/** Essential fields, each absent, `null` or valid. */
const essentialFields = fc.record({
  status: rawStatus,
  total_amount: optional(validCents, fc.constant(null)),
  amount: optional(validCents, fc.constant(null)),
  captured_amount: optional(validCents, fc.constant(null)),
  refund_amount: optional(validCents, fc.constant(null)),
  truemed_fee: optional(validDecimal, fc.constant(null)),
  created_on: optional(validIso, fc.constant(null)),
  created_at: optional(validIso, fc.constant(null)),
});

const recordParts = fc.record({ prefix: idPrefix, essential: essentialFields, rest: optionalFields, protoKey: fc.boolean() });

/** Only optional fields broken: must be kept and shown. */
const validRecord: fc.Arbitrary<RecordBuilder> = recordParts.map(({ prefix, essential, rest, protoKey }) => (index) => {
  const id = idFor(prefix, index);
  const record = compact({ id: id.raw, ...essential, ...rest });
  return { value: protoKey ? withProtoKey(record) : record, validity: 'valid', id: id.expected, note: 'only optional fields broken' };
});

/** One essential field broken: must be dropped and counted. */
const essentialBreak = fc.oneof(
  fc.record({ field: fc.constant('status'), value: badStatus }),
  fc.record({ field: fc.constantFrom('total_amount', 'amount', 'captured_amount', 'refund_amount'), value: badCents }),
  fc.record({ field: fc.constant('truemed_fee'), value: badDecimal }),
  fc.record({ field: fc.constantFrom('created_on', 'created_at'), value: badIso }),
);

const invalidRecord: fc.Arbitrary<RecordBuilder> = fc.oneof(
  fc.tuple(recordParts, essentialBreak).map(([{ prefix, essential, rest }, broken]) => (index: number): GeneratedRecord => {
    const id = idFor(prefix, index);
    const record = compact({ id: id.raw, ...essential, ...rest, [broken.field]: broken.value });
    return { value: record, validity: 'invalid', id: id.expected, note: `${broken.field} = ${toJsonText(broken.value) || 'absent'}` };
  }),
  // A broken id: nothing to look for in the DOM, but it must still be dropped and counted.
  fc
    .tuple(recordParts, fc.constantFrom(ABSENT, null, '', '   ', 'x'.repeat(201), true, 12345, 1.5, {}, []))
    .map(([{ essential, rest }, badId]) => (): GeneratedRecord => ({
      value: compact({ id: badId, ...essential, ...rest }),
      validity: 'invalid',
      note: `id = ${toJsonText(badId) || 'absent'}`,
    })),
  notAnObjectRecord([null, 42, 'ps_1', true, [], [{ id: 'ps_nested' }]]),
);

/** Junk: arbitrary JSON, or a valid record with a few fields (essential ones too) replaced by anything. */
const junk = junkRecord(recordParts, {
  fields: ['id', 'status', 'total_amount', 'created_on', 'currency', 'order_items'],
  values: anyValue,
  rawIdOf: ({ prefix }, index) => idFor(prefix, index).raw,
});

/** 0–25 records, ids unique within the page but for a few deliberate repeats. */
export const truemedRecords: fc.Arbitrary<GeneratedRecord[]> = pageOfRecords(
  { valid: validRecord, invalid: invalidRecord, junk },
  { status: 'pending', total_amount: 1 },
);

const validPagination = fc.record({
  current_page: fc.integer({ min: 1, max: 1_000_000 }),
  page_size: fc.integer({ min: 1, max: 100 }),
  count: fc.nat({ max: 10_000_000 }),
  last_page: fc.nat({ max: 100_000 }),
});

const badPagination: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('garbage', 0, true, [], [1, 2]),
  fc
    .tuple(
      validPagination,
      fc.constantFrom('current_page', 'page_size', 'count', 'last_page'),
      fc.constantFrom<unknown>(ABSENT, -1, 1.5, '2', null, true, new RawJson('1e400'), new RawJson('12345678901234567890')),
    )
    .map(([pagination, field, value]) => compact({ ...pagination, [field]: value })),
  fc.tuple(validPagination, fc.constantFrom('current_page', 'page_size')).map(([pagination, field]) => ({ ...pagination, [field]: 0 })),
);

/** What the fetcher must make of a case. */
export type TruemedExpectation =
  | { outcome: 'page'; records: GeneratedRecord[] }
  | { outcome: 'error'; kind: 'http' | 'auth' | 'rate_limit' | 'invalid_response' | 'network'; status?: number }
  | { outcome: 'either' };

/** One generated answer of the list endpoint. */
export interface TruemedCase {
  label: string;
  /** The body sent, for reading a counterexample. */
  body?: string;
  /** Answers one request; called afresh for every request (a body can be read once). */
  respond: () => Promise<Response>;
  expect: TruemedExpectation;
}

const json = (status: number, text: string, headers: Record<string, string> = {}) => () =>
  Promise.resolve(new Response(text, { status, headers: { 'content-type': 'application/json', ...headers } }));

const pageCase: fc.Arbitrary<TruemedCase> = fc
  .record({
    records: truemedRecords,
    pagination: fc.oneof(
      { weight: 4, arbitrary: validPagination },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constant(ABSENT) },
      { weight: 2, arbitrary: badPagination },
    ),
    extra: fc.dictionary(fc.constantFrom('summary', 'next', 'statusCode', 'error', 'clientSecret'), anyValue, { maxKeys: 2 }),
    status: fc.constantFrom(200, 200, 200, 201),
  })
  .map(({ records, pagination, extra, status }) => {
    const paginationValid =
      pagination === null ||
      pagination === ABSENT ||
      (typeof pagination === 'object' && !Array.isArray(pagination) && isValidPagination(pagination as Record<string, unknown>));
    const body = compact({ ...extra, payment_sessions: records.map((record) => record.value), pagination });
    return {
      label: `page of ${records.length} (${records.map((r) => r.validity[0]).join('')}), pagination ${toJsonText(pagination) || 'absent'}`,
      respond: json(status, toJsonText(body)),
      expect: paginationValid ? { outcome: 'page', records } : { outcome: 'error', kind: 'invalid_response' },
    } satisfies TruemedCase;
  });

function isValidPagination(p: Record<string, unknown>): boolean {
  const whole = (value: unknown, min: number) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
  return whole(p.current_page, 1) && whole(p.page_size, 1) && whole(p.count, 0) && whole(p.last_page, 0);
}

/** A 2xx whose JSON is not the documented envelope. */
const wrongEnvelopeCase: fc.Arbitrary<TruemedCase> = fc.oneof(
  truemedRecords.map((records) => ({ label: 'bare array', body: records.map((r) => r.value), known: true })),
  fc.record({ statusCode: fc.constantFrom(400, 401, 500, 503), message: anyValue }).map((body) => ({ label: 'statusCode object', body, known: true })),
  fc.oneof(anyValue, fc.constant(null)).map((payment_sessions) => ({
    label: 'payment_sessions not an array',
    body: { payment_sessions, pagination: null },
    known: !Array.isArray(payment_sessions),
  })),
  fc.constantFrom(null, 0, 'payment_sessions', true, {}).map((body) => ({ label: 'scalar body', body, known: true })),
  jsonJunk.map((body) => ({ label: 'arbitrary JSON', body, known: false })),
).map(({ label, body, known }) => ({
  label,
  body: toJsonText(body),
  respond: json(200, toJsonText(body)),
  expect: known ? { outcome: 'error', kind: 'invalid_response' } : { outcome: 'either' },
}));

/** A 2xx whose body is not JSON at all. */
const notJsonCase: fc.Arbitrary<TruemedCase> = fc
  .constantFrom(
    '',
    ' ',
    '{"payment_sessions": [',
    'NaN',
    'undefined',
    "{'payment_sessions': []}",
    '<!doctype html><html><body><h1>Sign in</h1><script>steal()</script></body></html>',
    '{"payment_sessions": [], "pagination": null}garbage',
    '\u0000\u0001\u0002',
  )
  .map((text) => ({ label: '2xx text', body: text, respond: json(200, text), expect: { outcome: 'error', kind: 'invalid_response' } }));

/** A non-2xx answer, with any body. */
const errorStatusCase: fc.Arbitrary<TruemedCase> = fc
  .record({
    status: fc.constantFrom(302, 400, 401, 403, 404, 405, 408, 409, 418, 422, 429, 500, 501, 502, 503, 504, 599),
    body: fc.oneof(
      fc.record({ error: optional(anyValue, fc.constantFrom('MissingField', 'Unauthorized', 'RateLimited')), message: optional(anyText, anyValue) }).map((b) => toJsonText(compact(b))),
      fc.constantFrom('', '<html><body><h1>502 Bad Gateway</h1><script>x()</script></body></html>', 'Service Unavailable', '{"error":'),
      jsonJunk.map(toJsonText),
    ),
    retryAfter: optional(fc.constantFrom('7', '0', '86401', 'soon', '-1', 'Wed, 21 Oct 2015 07:28:00 GMT', '1e400', '')),
  })
  .map(({ status, body, retryAfter }) => {
    const kind = status === 401 || status === 403 ? 'auth' : status === 429 ? 'rate_limit' : 'http';
    const headers: Record<string, string> = retryAfter === ABSENT ? {} : { 'retry-after': retryAfter as string };
    return { label: `HTTP ${status}`, body, respond: json(status, body, headers), expect: { outcome: 'error', kind, status } };
  });

/** The network fails: `fetch` rejects with anything, or the body breaks off while being read. */
const networkCase: fc.Arbitrary<TruemedCase> = fc
  .constantFrom<[string, () => Promise<Response>]>(
    ['TypeError fetch failed', () => Promise.reject(new TypeError('fetch failed'))],
    ['ECONNRESET', () => Promise.reject(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))],
    ['a thrown string', () => Promise.reject('offline')],
    ['a thrown null', () => Promise.reject(null)],
    ['a thrown object', () => Promise.reject({ reason: 42 })],
    ['an AbortError the caller did not ask for', () => Promise.reject(new DOMException('The operation was aborted.', 'AbortError'))],
    ['a TimeoutError', () => Promise.reject(new DOMException('The operation timed out.', 'TimeoutError'))],
    [
      'the body stream breaks',
      () =>
        Promise.resolve(
          new Response(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"payment_sessions": ['));
                controller.error(new TypeError('terminated'));
              },
            }),
            { status: 200 },
          ),
        ),
    ],
    ['fetch resolves undefined', () => Promise.resolve(undefined as unknown as Response)],
  )
  .map(([label, respond]) => ({ label, respond, expect: { outcome: 'error', kind: 'network' } }));

/** Every kind of answer, mostly pages of mixed records. */
export const truemedCase: fc.Arbitrary<TruemedCase> = fc.oneof(
  { weight: 12, arbitrary: pageCase },
  { weight: 2, arbitrary: wrongEnvelopeCase },
  { weight: 1, arbitrary: notJsonCase },
  { weight: 2, arbitrary: errorStatusCase },
  { weight: 1, arbitrary: networkCase },
);
