/**
 * Generated answers of the OneEntry SDK's `Payments.getSessions`: what it resolves (`{ total, items }`, a
 * bare array, a resolved `{ statusCode }` error object, junk) or how it rejects, each with the outcome the
 * fetcher must reach. These are JS values, not JSON, so NaN, Infinity, `undefined`, holes and `Date`
 * objects are fair game. The field rules mirror `oneEntrySessionSchema`: `id` (a safe integer ≥ 0 or a
 * string), `status`, a present `amount`, `createdDate` and a legacy `intent.amount` are essential.
 */
import fc from 'fast-check';
import {
  ABSENT,
  HOSTILE_URLS,
  PLANTED_SECRET,
  anyText,
  anyValue,
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
  validDecimal,
  validIso,
  withProtoKey,
  type GeneratedRecord,
  type RecordBuilder,
} from './arbitraries';

/** What the SDK may hand back, including values JSON cannot carry. */
const jsValue: fc.Arbitrary<unknown> = fc.oneof(
  anyValue,
  fc.constantFrom(undefined, Number.NaN, Infinity, -Infinity, -0, new Date(Number.NaN), new Date(0), Symbol.for('x')),
  fc.double(),
);

/** Amounts in major units that are not acceptable (`null` excluded: it means absent). */
const badMajor: fc.Arbitrary<unknown> = fc.constantFrom(-1, -0.5, Number.NaN, Infinity, -Infinity, 'abc', '12,50', '-3', '1e400', 1e300, true, {}, [], '');

/** An id: a safe integer (the SDK's type, unique per index) or a string. */
function idFor(kind: 'number' | 'string', prefix: string, index: number): { raw: string | number; expected: string } {
  if (kind === 'number') return { raw: 1000 + index, expected: String(1000 + index) };
  const raw = `${prefix}~${index}`;
  return { raw, expected: raw.trim() };
}

const lineItem: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({
        name: optional(nonBlankText, jsValue),
        description: optional(anyText),
        quantity: optional(fc.nat({ max: 100 }), fc.maxSafeNat(), jsValue),
        amount: optional(validDecimal, badMajor, fc.constant(null)),
        currency: optional(fc.constantFrom('usd', 'EUR', 'jpy', 'nope'), jsValue),
        sku: optional(anyText),
      })
      .map(compact),
  },
  { weight: 1, arbitrary: jsValue },
);

const intentOk = fc.oneof(
  fc.record({ amount: optional(validDecimal, fc.constant(null)), currency: optional(fc.constantFrom('usd', 'EUR', 'KWD', 'xx'), jsValue) }).map(compact),
  fc.record({ amount: validDecimal, currency: fc.constantFrom('usd', 'EUR') }).map((intent) => JSON.stringify(intent)),
  // Not an object, or a string that is not a JSON object: treated as absent.
  fc.constantFrom('not json', '[1,2]', '"text"', 42, [], null),
);

const optionalFields = fc.record({
  type: optional(fc.constantFrom('session', 'intent'), jsValue),
  updatedDate: optional(validIso, badIso, fc.constant(null)),
  orderId: optional(fc.nat(), anyText, jsValue),
  paymentAccountId: optional(fc.nat(), jsValue),
  paymentUrl: optional(fc.constantFrom(...HOSTILE_URLS), fc.constant(null), fc.constant('https://checkout.stripe.com/c/pay/cs_test_1'), jsValue),
  currency: optional(fc.constantFrom('usd', 'EUR', 'JPY', 'KWD', 'dollars'), jsValue),
  intent: optional(intentOk),
  lineItems: optional(fc.array(lineItem, { maxLength: 4 }), jsValue),
  clientSecret: optional(fc.constant(PLANTED_SECRET)),
  successUrl: optional(fc.constantFrom(...HOSTILE_URLS)),
  sessionId: optional(anyText),
  version: optional(jsValue),
});

const essentialFields = fc.record({
  status: rawStatus,
  amount: optional(validDecimal, fc.constant(null)),
  createdDate: optional(validIso, fc.constant(null)),
});

const recordParts = fc.record({
  idKind: fc.constantFrom<'number' | 'string'>('number', 'number', 'string'),
  prefix: fc.oneof(fc.constant('session-'), anyText.map((text) => text.slice(0, 60))),
  essential: essentialFields,
  rest: optionalFields,
  protoKey: fc.boolean(),
});

const validRecord: fc.Arbitrary<RecordBuilder> = recordParts.map(({ idKind, prefix, essential, rest, protoKey }) => (index) => {
  const id = idFor(idKind, prefix, index);
  const record = compact({ id: id.raw, ...essential, ...rest });
  return { value: protoKey ? withProtoKey(record) : record, validity: 'valid', id: id.expected, note: 'only optional fields broken' };
});

const essentialBreak = fc.oneof(
  fc.record({ field: fc.constant('status'), value: badStatus }),
  fc.record({ field: fc.constant('amount'), value: badMajor }),
  fc.record({ field: fc.constant('createdDate'), value: fc.oneof(badIso, fc.constantFrom(new Date(0), new Date(Number.NaN), Number.NaN)) }),
  fc.record({
    field: fc.constant('intent'),
    value: fc.oneof(badMajor.map((amount) => ({ amount })), badMajor.filter((amount) => typeof amount === 'string').map((amount) => JSON.stringify({ amount }))),
  }),
);

const invalidRecord: fc.Arbitrary<RecordBuilder> = fc.oneof(
  fc.tuple(recordParts, essentialBreak).map(([{ idKind, prefix, essential, rest }, broken]) => (index: number): GeneratedRecord => {
    const id = idFor(idKind, prefix, index);
    // A present top-level amount wins over the intent's; drop it so a broken intent is what gets read.
    const base = broken.field === 'intent' ? { ...essential, amount: ABSENT } : essential;
    return {
      value: compact({ id: id.raw, ...base, ...rest, [broken.field]: broken.value }),
      validity: 'invalid',
      id: id.expected,
      note: `${broken.field} = ${String(broken.value)}`,
    };
  }),
  fc
    .tuple(recordParts, fc.constantFrom<unknown>(ABSENT, null, -1, 1.5, 2 ** 60, Number.NaN, Infinity, '', '  ', 'x'.repeat(201), true, {}, []))
    .map(([{ essential, rest }, badId]) => (): GeneratedRecord => ({
      value: compact({ id: badId, ...essential, ...rest }),
      validity: 'invalid',
      note: `id = ${String(badId)}`,
    })),
  notAnObjectRecord([null, undefined, 7, 'session', true, [], new Date(0)]),
);

const junk = junkRecord(recordParts, {
  fields: ['id', 'status', 'amount', 'createdDate', 'intent', 'lineItems'],
  values: jsValue,
  rawIdOf: ({ idKind, prefix }, index) => idFor(idKind, prefix, index).raw,
});

/** 0–25 records with ids unique within the page but for a few deliberate repeats. */
export const oneEntryRecords: fc.Arbitrary<GeneratedRecord[]> = pageOfRecords(
  { valid: validRecord, invalid: invalidRecord, junk },
  { status: 'waiting', amount: 1 },
);

/** What the fetcher must make of a case. */
export type OneEntryExpectation =
  | { outcome: 'page'; records: GeneratedRecord[] }
  | { outcome: 'error'; kind: 'http' | 'auth' | 'rate_limit' | 'invalid_response' | 'network'; status?: number }
  | { outcome: 'either' };

export interface OneEntryCase {
  label: string;
  /** What `getSessions` does, afresh on every call. */
  getSessions: () => unknown;
  expect: OneEntryExpectation;
  /** Options for `createOneEntryFetcher`. */
  currency: string;
}

const badTotal = fc.constantFrom<unknown>(-1, 1.5, Number.NaN, Infinity, '10', null, undefined, 2 ** 60, {}, []);

const envelopeCase = fc
  .record({
    records: oneEntryRecords,
    total: fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 100_000 }) }, { weight: 1, arbitrary: badTotal }),
    extra: fc.dictionary(fc.constantFrom('pageData', 'statusCode', 'timestamp', 'message'), jsValue, { maxKeys: 2 }),
    asArray: fc.boolean(),
  })
  .map(({ records, total, extra, asArray }) => {
    const items = records.map((record) => record.value);
    const totalOk = typeof total === 'number' && Number.isSafeInteger(total) && total >= 0;
    // An `extra.statusCode` that is a whole number ≥ 400 turns the answer into the SDK's error object.
    const code = extra.statusCode;
    const isSdkError = !asArray && typeof code === 'number' && Number.isInteger(code) && code >= 400;
    const value = asArray ? items : { ...extra, total, items };
    const expect: OneEntryExpectation = isSdkError
      ? { outcome: 'error', kind: code === 401 || code === 403 ? 'auth' : code === 429 ? 'rate_limit' : 'http', status: code }
      : asArray || totalOk
        ? { outcome: 'page', records }
        : { outcome: 'error', kind: 'invalid_response' };
    return { label: asArray ? `bare array of ${records.length}` : `{ total: ${String(total)}, items: ${records.length} }`, value, expect };
  });

const sdkErrorCase = fc
  .record({
    statusCode: fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 502, 503),
    message: optional(anyText, fc.array(anyText, { maxLength: 3 }), jsValue),
    pageData: optional(jsValue),
  })
  .map((error) => {
    const { statusCode } = error;
    const kind = statusCode === 401 || statusCode === 403 ? 'auth' : statusCode === 429 ? 'rate_limit' : 'http';
    return { label: `resolved SDK error ${statusCode}`, value: compact(error), expect: { outcome: 'error', kind, status: statusCode } as OneEntryExpectation };
  });

const junkCase = fc
  .oneof(
    fc.constantFrom<unknown>(null, undefined, 0, 'sessions', true, Number.NaN, {}, { items: [] }, { total: 3 }, { statusCode: '500' }, { statusCode: 200 }),
    jsonJunk.filter((value) => !Array.isArray(value)),
  )
  .map((value) => {
    const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    const known = record === undefined || !('total' in record && 'items' in record) ? !isSdkErrorShape(record) : false;
    return { label: 'junk', value, expect: (known ? { outcome: 'error', kind: 'invalid_response' } : { outcome: 'either' }) as OneEntryExpectation };
  });

function isSdkErrorShape(value: Record<string, unknown> | undefined): boolean {
  const code = value?.statusCode;
  return typeof code === 'number' && Number.isInteger(code) && code >= 400;
}

const currency = fc.constantFrom('USD', 'USD', 'EUR', 'JPY', 'KWD');

const resolvedCase: fc.Arbitrary<OneEntryCase> = fc
  .tuple(fc.oneof({ weight: 10, arbitrary: envelopeCase }, { weight: 2, arbitrary: sdkErrorCase }, { weight: 2, arbitrary: junkCase }), fc.boolean(), currency)
  .map(([{ label, value, expect }, async, code]) => ({
    label: `${label}${async ? '' : ' (returned synchronously)'}`,
    getSessions: () => (async ? Promise.resolve(value) : value),
    expect,
    currency: code,
  }));

/** The SDK rejects (or throws synchronously). */
const rejectedCase: fc.Arbitrary<OneEntryCase> = fc
  .constantFrom<[string, () => unknown, OneEntryExpectation]>(
    ['rejects Error(Failed to fetch)', () => Promise.reject(new Error('Failed to fetch')), { outcome: 'error', kind: 'network' }],
    ['rejects a string', () => Promise.reject('offline'), { outcome: 'error', kind: 'network' }],
    ['rejects undefined', () => Promise.reject(undefined), { outcome: 'error', kind: 'network' }],
    ['rejects an AbortError nobody asked for', () => Promise.reject(new DOMException('aborted', 'AbortError')), { outcome: 'error', kind: 'network' }],
    ['rejects the SDK error object (isShell: false)', () => Promise.reject({ statusCode: 401, message: 'Unauthorized' }), { outcome: 'error', kind: 'auth', status: 401 }],
    ['throws synchronously', () => {
      throw new TypeError("Cannot read properties of null (reading 'token')");
    }, { outcome: 'error', kind: 'network' }],
  )
  .chain(([label, getSessions, expect]) => currency.map((code) => ({ label, getSessions, expect, currency: code })));

export const oneEntryCase: fc.Arbitrary<OneEntryCase> = fc.oneof({ weight: 9, arbitrary: resolvedCase }, { weight: 1, arbitrary: rejectedCase });
