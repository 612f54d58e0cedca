/**
 * valibot pieces for untrusted JSON that both adapters' record schemas are built from. Essential fields use
 * them directly (a failure drops the record); optional fields wrap them in {@link lenient}, so a malformed
 * value is simply left out.
 */
import * as v from 'valibot';
import { toIsoInstant } from '../core/iso-date';
import { normalizeCurrency, parseDecimalToMinor } from '../core/money';
import { safeHttpUrl } from '../core/sanitize';
import { cleanText, MAX_ID_LENGTH } from './text';

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

/** Display text as {@link cleanText} keeps it: trimmed, non-blank, capped (HTML is kept as text; React escapes it). */
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
