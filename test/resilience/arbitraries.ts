/**
 * fast-check generators for hostile backend payloads, shared by the two adapter fuzz suites.
 *
 * Every generated record carries an oracle written from the schemas' documented rules (see
 * `TruemedSessionSchema` and `oneEntrySessionSchema`): `valid` (only optional fields are broken, so the
 * record must be kept and shown), `invalid` (an essential field is broken, so it must be dropped and
 * counted) or `unknown` (arbitrary junk: it may go either way, but must never break anything).
 *
 * Generated display text never contains the words the DOM checks look for (`NaN`, `undefined`, …), so a
 * hit in the DOM is always the library's own doing, never an echo of the payload.
 */
import fc from 'fast-check';
import { TRUEMED_STATUSES } from 'react-payment-sessions/headless';

/** Text that correct rendering never produces by itself; the DOM checks fail on any of it. */
export const FORBIDDEN_TEXT = ['NaN', 'undefined', 'Invalid Date', '[object Object]', 'Infinity'] as const;

/** A client secret planted in records (top level and nested); it must never reach the DOM. */
export const PLANTED_SECRET = 'pi_3FuzzPlanted_secret_MustNeverRender';

const RAW_MARK = '__raw_json_token_';

/** Markup that must only ever appear as text. */
export const HTML_SNIPPETS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '"><svg onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<b>bold</b><i>italic</i>',
  '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
  "'; DROP TABLE sessions; --",
  '{{constructor.constructor("alert(1)")()}}',
  '=HYPERLINK("http://evil.example","x")',
] as const;

/** URLs that must never become a link. */
export const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  '  javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/pay',
  '/relative/path',
  'http://user:pass@evil.example/',
  'ftp://files.example/x',
  'https://',
  'not a url',
] as const;

function isClean(text: string): boolean {
  return !FORBIDDEN_TEXT.some((word) => text.includes(word)) && !text.includes(RAW_MARK) && !text.includes(PLANTED_SECRET);
}

/** Removes the forbidden words from every string (and key) of a JSON value. */
export function scrub(value: unknown): unknown {
  if (typeof value === 'string') return isClean(value) ? value : 'scrubbed';
  if (Array.isArray(value)) return value.map(scrub);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[isClean(key) ? key : 'scrubbed'] = scrub(child);
    return out;
  }
  return value;
}

/** Display text as a hostile backend might send it: unicode, markup, control characters, very long. */
export const anyText: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 24 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 2, arbitrary: fc.constantFrom(...HTML_SNIPPETS) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('Zoë Brontë', '山田太郎', "O'Brien & Sons", 'a\u0000b', '\u202Eevil', '  padded  ', '\uD800'),
    },
    { weight: 1, arbitrary: fc.string({ minLength: 501, maxLength: 700 }) },
  )
  .filter(isClean);

/** Text that survives `TextSchema` (non-blank). */
export const nonBlankText = anyText.filter((text) => text.trim() !== '');

/** JSON-ish junk of any shape, scrubbed of the forbidden words. */
export const jsonJunk: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 }).map(scrub);

/** A JSON number literal written as-is into the body (JSON can say `1e400`; `JSON.stringify` cannot). */
export class RawJson {
  constructor(readonly token: string) {}
}

/** Numbers that parse to something no amount may be: Infinity, unsafe integers. */
export const rawBadNumbers = fc.constantFrom(
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('12345678901234567890'),
  new RawJson('9007199254740993'),
);

/** `JSON.stringify` that writes {@link RawJson} tokens verbatim; `undefined` (no JSON at all) becomes ''. */
export function toJsonText(value: unknown): string {
  const tokens: string[] = [];
  const text = JSON.stringify(value, (_key, entry: unknown) =>
    entry instanceof RawJson ? `${RAW_MARK}${tokens.push(entry.token) - 1}` : entry,
  ) as string | undefined;
  if (text === undefined) return '';
  return text.replace(new RegExp(`"${RAW_MARK}(\\d+)"`, 'g'), (_match, index: string) => tokens[Number(index)] ?? 'null');
}

/** Marks a key to leave out of the record altogether. */
export const ABSENT = Symbol('absent');
export type Maybe<T> = T | typeof ABSENT;

/** Builds an object from entries, leaving out {@link ABSENT} ones. */
export function compact(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== ABSENT) out[key] = value;
  return out;
}

/** An own, enumerable `__proto__` key, as `JSON.parse` would create it: it must not pollute anything. */
export function withProtoKey(record: Record<string, unknown>): Record<string, unknown> {
  Object.defineProperty(record, '__proto__', { value: { polluted: 'yes' }, enumerable: true, configurable: true, writable: true });
  return record;
}

// ---------------------------------------------------------------------------------------------------------
// Field values

const date = fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

/** ISO 8601 forms `toIsoInstant` accepts. */
export const validIso = fc.oneof(
  date.map((d) => d.toISOString()),
  date.map((d) => d.toISOString().slice(0, 10)),
  date.map((d) => d.toISOString().slice(0, 19)),
  date.map((d) => d.toISOString().slice(0, 19).replace('T', ' ')),
  date.map((d) => d.toISOString().replace('Z', '+05:30')),
);

/** Values no date field may accept (`null` excluded: it means absent). */
export const badIso: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'yesterday',
    '2024-02-30T00:00:00Z',
    '2024-13-01',
    '2024-06-05T25:00:00Z',
    '0000-00-00',
    'Invalid Date',
    '',
    ' ',
    '1',
    'June 5, 2024',
    '2024-06-05T10:00:00 GMT+0200 (CEST)',
  ).filter(isClean),
  fc.integer(),
  fc.constantFrom(true, {}, []),
);

/** Cents as a backend should send them. */
export const validCents = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 50_000_000 }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.maxSafeNat() },
);

/** Values no minor-unit amount may accept (`null` excluded: it means absent). */
export const badCents: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(-1, -5000, 1.5, 0.01, 2 ** 53, 1e300, '123', 'NaN', 'nan', 'Infinity', '-Infinity', '1e999', '', true, {}, []),
  rawBadNumbers,
);

/** Decimal amounts in major units (dollars) that `parseDecimalToMinor` accepts. */
export const validDecimal = fc.oneof(
  fc.nat({ max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  fc.nat({ max: 10_000_000 }).map((cents) => cents / 100),
  fc.constantFrom('0', '0.1', '12', '12.345', '1e2', 0),
);

/** Values no decimal amount may accept (`null` excluded). */
export const badDecimal: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('-1', 'abc', 'NaN', 'nan', 'Infinity', '1,50', '', '1e400', '$12.00', '0x10', -0.5, true, {}, []),
  rawBadNumbers,
);

/** Anything at all in a field that is merely optional. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, '', '   ', true, false, 0, -1, 1.5, {}, [], 'n/a'),
  fc.integer(),
  anyText,
  jsonJunk,
);

/** Raw payment statuses: documented, other cases and spacing, unknown words. */
export const rawStatus = fc.oneof(
  fc.constantFrom(
    ...TRUEMED_STATUSES,
    'CAPTURED',
    ' pending ',
    'teleported',
    'completed',
    'waiting',
    'refund_requested',
  ),
  nonBlankText,
);

/** Values no status may accept. */
export const badStatus: fc.Arbitrary<unknown> = fc.constantFrom(ABSENT, null, '', '   ', '\n\t', 3, true, {}, []);

/** A unique, valid id text for record `index`; `expected` is what the adapter makes of it (trimmed). */
export function uniqueIdText(index: number): fc.Arbitrary<{ raw: string; expected: string }> {
  return fc
    .oneof({ weight: 3, arbitrary: fc.constant('ps_') }, { weight: 2, arbitrary: anyText.map((text) => text.slice(0, 60)) })
    .map((prefix) => {
      const raw = `${prefix}~${index}`;
      return { raw, expected: raw.trim() };
    })
    .filter(({ expected }) => isClean(expected));
}

/** A generated record with what the adapter must do with it. */
export interface GeneratedRecord {
  value: unknown;
  /**
   * `valid`: must be kept and shown; `invalid`: must be dropped; `duplicate`: repeats the id of an earlier
   * valid record, so must be dropped while that one stays; `unknown`: junk, either is fine.
   */
  validity: 'valid' | 'invalid' | 'duplicate' | 'unknown';
  /** The id the session must (valid) or must not (invalid) be shown with, when it is knowable. */
  id?: string;
  /** Why, for failure messages. */
  note: string;
}

/** Optional-field generator: absent, or one of the given values. */
export function optional(...arbitraries: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(ABSENT) }, ...arbitraries.map((arbitrary) => ({ weight: 1, arbitrary })));
}

/**
 * Appends up to two records that repeat the id of an earlier valid record (with other values), as a
 * backend bug or a page drifting under concurrent writes might.
 */
export function withRepeatedIds(
  records: fc.Arbitrary<GeneratedRecord[]>,
  change: Record<string, unknown>,
): fc.Arbitrary<GeneratedRecord[]> {
  return fc.tuple(records, fc.array(fc.nat(), { maxLength: 2 })).map(([list, picks]) => {
    const valid = list.filter((record) => record.validity === 'valid');
    if (valid.length === 0) return list;
    const repeats = picks.map((pick): GeneratedRecord => {
      const original = valid[pick % valid.length] as GeneratedRecord;
      return { value: { ...(original.value as Record<string, unknown>), ...change }, validity: 'duplicate', id: original.id, note: 'repeats an earlier id' };
    });
    return [...list, ...repeats];
  });
}

/** Builds one generated record for its place `index` on the page (ids are made unique by it). */
export type RecordBuilder = (index: number) => GeneratedRecord;

/** Records that are not objects at all (`values`): each must be dropped. */
export function notAnObjectRecord(values: readonly unknown[]): fc.Arbitrary<RecordBuilder> {
  return fc.constantFrom(...values).map((value) => (): GeneratedRecord => ({
    value,
    validity: 'invalid',
    note: 'not an object',
  }));
}

/**
 * Junk records, either way is fine: arbitrary JSON, or a record built from `recordParts` (its id by
 * `rawIdOf`) with a few of `fields`, essential ones too, replaced by any of `values`.
 */
export function junkRecord<Parts extends { essential: Record<string, unknown>; rest: Record<string, unknown> }>(
  recordParts: fc.Arbitrary<Parts>,
  replace: { fields: readonly string[]; values: fc.Arbitrary<unknown>; rawIdOf: (parts: Parts, index: number) => unknown },
): fc.Arbitrary<RecordBuilder> {
  return fc.oneof(
    jsonJunk.map((value) => (): GeneratedRecord => ({ value, validity: 'unknown', note: 'arbitrary JSON' })),
    fc
      .tuple(recordParts, fc.dictionary(fc.constantFrom(...replace.fields), replace.values))
      .map(([parts, overrides]) => (index: number): GeneratedRecord => ({
        value: { ...compact({ id: replace.rawIdOf(parts, index), ...parts.essential, ...parts.rest }), ...overrides },
        validity: 'unknown',
        note: `fields replaced: ${Object.keys(overrides).join(', ')}`,
      })),
  );
}

/**
 * 0–25 records, mostly valid, some invalid, a few junk, with ids unique within the page but for up to two
 * deliberate repeats (which take `repeatChange`, see {@link withRepeatedIds}).
 */
export function pageOfRecords(
  builders: { valid: fc.Arbitrary<RecordBuilder>; invalid: fc.Arbitrary<RecordBuilder>; junk: fc.Arbitrary<RecordBuilder> },
  repeatChange: Record<string, unknown>,
): fc.Arbitrary<GeneratedRecord[]> {
  return withRepeatedIds(
    fc
      .array(
        fc.oneof({ weight: 5, arbitrary: builders.valid }, { weight: 3, arbitrary: builders.invalid }, { weight: 1, arbitrary: builders.junk }),
        { maxLength: 25 },
      )
      .map((list) => list.map((build, index) => build(index))),
    repeatChange,
  );
}
