/**
 * Building blocks both adapters share: valibot pieces for untrusted JSON, text and date clean-up,
 * HTTP-style error mapping, abort racing and invalid-record reporting. Nothing here knows a backend.
 */
import * as v from 'valibot';
import { PaymentSessionsError } from '../core/errors';
import { currencyExponent, normalizeCurrency, parseDecimalToMinor } from '../core/money';
import { toIsoInstant } from '../core/iso-date';
import { safeHttpUrl } from '../core/sanitize';
import type { InvalidRecordReport, Money } from '../core/types';

/** Longest display text kept (names, emails, reasons); anything longer is cut, not dropped. */
export const MAX_TEXT_LENGTH = 500;
/** Longest identifier accepted. Ids are never cut (a cut id names another record): longer ones are invalid. */
export const MAX_ID_LENGTH = 200;
/** Longest JSON string we agree to parse inside a record (OneEntry's `intent`). */
export const MAX_EMBEDDED_JSON_LENGTH = 10_000;

/** Trims and caps display text; `undefined` for non-strings and strings that are blank. */
export function cleanText(value: unknown, max = MAX_TEXT_LENGTH): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// `toIsoInstant` lives in core/iso-date (valibot-free) so the proxy's parameter check can use it too
// without pulling valibot into the `./server` entry; it is re-exported here for the adapters.
export { toIsoInstant };

// ---------------------------------------------------------------------------------------------------------
// valibot pieces. Essential fields use them directly (a failure drops the record); optional fields wrap them
// in `lenient`, so a malformed value is simply left out.

/** A non-empty identifier that must be a string (trimmed, at most {@link MAX_ID_LENGTH} characters). */
export const StringIdSchema = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('must not be empty'),
  v.maxLength(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`),
);

/** A non-empty identifier: a string as in {@link StringIdSchema}, or a non-negative safe integer turned into a string. */
export const IdSchema = v.union([
  StringIdSchema,
  v.pipe(v.number(), v.safeInteger('must be a whole number'), v.minValue(0, 'must not be negative'), v.transform(String)),
]);

/** Display text: trimmed, non-blank, capped at {@link MAX_TEXT_LENGTH} (HTML is kept as text; React escapes it). */
export const TextSchema = v.pipe(
  v.string(),
  v.check((text) => cleanText(text) !== undefined, 'must not be blank'),
  v.transform((text) => cleanText(text) as string),
);

/** An amount in integer minor units (cents): a non-negative safe integer. */
export const MinorAmountSchema = v.pipe(
  v.number(),
  v.safeInteger('must be a whole number of cents (a safe integer)'),
  v.minValue(0, 'must not be negative'),
);

/** A non-negative safe integer count (quantities). */
export const CountSchema = v.pipe(v.number(), v.safeInteger('must be a whole number'), v.minValue(0, 'must not be negative'));

/** A decimal amount in major units (`"12.34"` or `12.34`), checked with 2 decimals; converted later per currency. */
export const DecimalAmountSchema = v.pipe(
  v.union([v.string(), v.number()]),
  v.check((value) => {
    const minor = parseDecimalToMinor(value, 2);
    return minor !== undefined && minor >= 0;
  }, 'must be a non-negative decimal amount'),
);

/** An ISO 8601 date or date-time, output as a UTC ISO instant. */
export const IsoDateSchema = v.pipe(
  v.string(),
  v.check((text) => toIsoInstant(text) !== undefined, 'must be an ISO 8601 date-time'),
  v.transform((text) => toIsoInstant(text) as string),
);

/** An absolute http(s) URL (normalized); anything else (`javascript:`, `data:`, relative) fails. */
export const HttpUrlSchema = v.pipe(
  v.string(),
  v.check((text) => safeHttpUrl(text) !== undefined, 'must be an http(s) URL'),
  v.transform((text) => safeHttpUrl(text) as string),
);

/** An ISO 4217 code, upper-cased. */
export const CurrencySchema = v.pipe(
  v.string(),
  v.check((text) => normalizeCurrency(text) !== undefined, 'must be an ISO 4217 currency code'),
  v.transform((text) => normalizeCurrency(text) as string),
);

/**
 * Wraps an optional field's schema so that `undefined`, `null` and malformed values all come out as
 * `undefined`: the field is left out of the model instead of dropping the whole record.
 */
export function lenient<TSchema extends v.GenericSchema>(schema: TSchema) {
  return v.fallback(presentMustBeValid(schema), undefined);
}

/**
 * An essential-if-present field: absent or `null` is fine (`undefined`), but a present value that fails
 * `schema` fails the record. Used for amounts and creation dates, where a wrong value is worse than none.
 */
export function presentMustBeValid<TSchema extends v.GenericSchema>(schema: TSchema) {
  return v.pipe(
    v.nullish(schema),
    v.transform((value): v.InferOutput<TSchema> | undefined => value ?? undefined),
  );
}

/** valibot issues → short readable lines like `total_amount: must not be negative`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** How a value the schema did not expect is named in a message a user may read (never the value itself). */
function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return Number.isFinite(value) ? 'a number' : 'a number that is not finite';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    default:
      return 'something else';
  }
}

/** valibot's `expected` (`Array`, `Object`, `number`, `"total"`) in plain words. */
function describeExpected(expected: string | null): string {
  if (expected === null) return 'something else';
  if (/Array/.test(expected)) return 'a list';
  if (/Object/.test(expected)) return 'an object';
  if (/number/.test(expected)) return 'a number';
  if (/string/.test(expected)) return 'text';
  return 'something else';
}

/**
 * valibot issues about a response's **envelope** → one short line for the error message the list shows:
 * `payment_sessions: missing`, `payment_sessions: expected a list, got text`, `pagination.count: must not be
 * negative`. Unlike {@link describeIssues} (for developer-facing reports) it never quotes valibot's wording
 * ("Invalid key: Expected … but received undefined") nor the value received, which may be anything (markup,
 * the words `undefined` or `NaN`). At most `max` distinct issues are named.
 */
export function describeEnvelopeIssues(issues: readonly v.BaseIssue<unknown>[], max = 3): string {
  const lines = issues.map((issue) => {
    const path = v.getDotPath(issue) ?? 'response';
    if (issue.kind !== 'schema') return `${path}: ${issue.message}`;
    if (issue.input === undefined) return `${path}: missing`;
    return `${path}: expected ${describeExpected(issue.expected)}, got ${describeReceived(issue.input)}`;
  });
  return [...new Set(lines)].slice(0, max).join('; ');
}

/** `Money` from minor units, or `undefined` when the amount is missing or not a safe integer. */
export function minorMoney(amountMinor: number | undefined, currency: string): Money | undefined {
  if (amountMinor === undefined || !Number.isSafeInteger(amountMinor)) return undefined;
  return { amountMinor, currency };
}

/** `Money` from a decimal in major units (string arithmetic, never `x * 100`), or `undefined`. */
export function majorMoney(value: unknown, currency: string): Money | undefined {
  return minorMoney(parseDecimalToMinor(value, currencyExponent(currency)), currency);
}

/** Sums minor amounts, or `undefined` when the sum would not be a safe integer. */
export function sumMinor(amounts: readonly number[]): number | undefined {
  let total = 0;
  for (const amount of amounts) {
    total += amount;
    if (!Number.isSafeInteger(total)) return undefined;
  }
  return total;
}

/** Copies only the defined values, so optional model fields are absent rather than present as `undefined`. */
export function assignDefined<T extends object>(target: T, values: { [K in keyof T]?: T[K] | undefined }): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}

/** `null`, `an array`, `string`… for messages about a value that should have been an object. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

// ---------------------------------------------------------------------------------------------------------
// Invalid records

/** Called for each record dropped from a page, with its index in the response and why. */
export type InvalidRecordHandler = (report: InvalidRecordReport) => void;

/** The outcome of mapping one untrusted record. */
export type MapResult<T> = { ok: true; value: T } | { ok: false; id?: string; issues: string[] };

/**
 * Maps every record of a page, keeping the valid ones and reporting the others. A host's handler that throws
 * must not turn a readable page into an error, so its failure is logged and ignored.
 *
 * A record whose id an earlier record of the page already has is dropped and reported too: a session is
 * one row, and a repeated one would be counted twice in every total (and give the list two rows with
 * one key). The first occurrence is kept.
 */
export function mapRecords<T extends { id: string }>(
  records: readonly unknown[],
  mapOne: (record: unknown) => MapResult<T>,
  source: string,
  onInvalidRecord: InvalidRecordHandler | undefined,
): { kept: T[]; invalid: number } {
  const kept: T[] = [];
  const firstIndexById = new Map<string, number>();
  let invalid = 0;
  records.forEach((record, index) => {
    let result = mapOne(record);
    if (result.ok) {
      const first = firstIndexById.get(result.value.id);
      if (first === undefined) {
        firstIndexById.set(result.value.id, index);
        kept.push(result.value);
        return;
      }
      result = { ok: false, id: result.value.id, issues: [`id: repeats the id of record ${first} on this page (the first one is kept)`] };
    }
    invalid += 1;
    if (!onInvalidRecord) return;
    const report: InvalidRecordReport = { source, index, issues: result.issues };
    if (result.id !== undefined) report.id = result.id;
    try {
      onInvalidRecord(report);
    } catch (error) {
      console.error(`react-payment-sessions: onInvalidRecord threw while reporting a ${source} record.`, error);
    }
  });
  return { kept, invalid };
}

/** The id of an untrusted record when it can be read, for reports about records that are otherwise invalid. */
export function readableId(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const result = v.safeParse(IdSchema, (record as { id?: unknown }).id);
  return result.success ? result.output : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Errors

/** Longest backend error message surfaced as-is; longer ones (stack traces, pages) are not shown. */
const MAX_SURFACED_MESSAGE = 300;

/** A backend's error message if it is short plain text worth showing, else `undefined`. */
export function surfacedMessage(value: unknown): string | undefined {
  const text = cleanText(value, Number.MAX_SAFE_INTEGER);
  if (text === undefined || text.length > MAX_SURFACED_MESSAGE || /<[a-z!/]/i.test(text)) return undefined;
  return text;
}

/** A backend's machine-readable error code (`MissingField`) if it looks like one. */
export function errorCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.:-]{1,100}$/.test(value) ? value : undefined;
}

/**
 * The error for a failed HTTP-like status: 401/403 → `auth`, 429 → `rate_limit`, anything else → `http`.
 * `detail` is the backend's own message (already checked with {@link surfacedMessage}). `viaProxy`: the
 * request went to the host's own route (no API key here), whose 401/403 is the host's access check
 * refusing the user — the message must not blame the backend (`createTruemedProxy` turns the backend's
 * own 401/403 into a 502).
 */
export function errorForStatus(init: {
  backend: string;
  status: number;
  detail?: string;
  code?: string;
  retryAfterMs?: number;
  viaProxy?: boolean;
}): PaymentSessionsError {
  const { backend, status, detail, code, retryAfterMs, viaProxy = false } = init;
  const suffix = detail ? `: ${detail}` : '.';
  if (status === 401 || status === 403) {
    return new PaymentSessionsError({
      kind: 'auth',
      status,
      code,
      message: viaProxy
        ? `Access to payment sessions was refused (HTTP ${status})${suffix}`
        : `${backend} refused access to payment sessions (HTTP ${status})${suffix}`,
    });
  }
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : ` Try again in ${Math.ceil(retryAfterMs / 1000)} s.`;
    return new PaymentSessionsError({
      kind: 'rate_limit',
      status,
      code,
      retryAfterMs,
      message: `${backend} is rate limiting requests (HTTP 429)${detail ? `: ${detail}` : '.'}${wait}`,
    });
  }
  return new PaymentSessionsError({
    kind: 'http',
    status,
    code,
    message: `${backend} could not list payment sessions (HTTP ${status})${suffix}`,
  });
}

/** The longest wait a `Retry-After` may ask for that we pass on (a day); beyond is treated as garbage. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * `Retry-After` → milliseconds: either delta-seconds (`"120"`) or an HTTP-date (in the past → 0).
 * `undefined` when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (header == null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) {
    const ms = Number(text) * 1000;
    return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
  }
  // HTTP-dates always name the weekday and GMT (RFC 9110), which keeps Date.parse's looser forms out.
  if (!/^[a-z]{3,9},? .+ GMT$/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  const ms = Math.max(0, date - now);
  return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
}

/** Kept here for the adapters' existing imports; it lives with the other deadline helpers in core. */
export { raceWithAbort } from '../core/deadline';

/** The number of pages for `total` items (at least 1, so an empty result is "page 1 of 1"). */
export function pageCountFor(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
