/**
 * valibot schemas for what `Payments.getSessions` resolves. The envelope (`{ total, items }`, or a bare
 * array from old SDKs) is strict; each session entity is checked on its own — see
 * {@link oneEntrySessionSchema} for which fields drop a record and which are merely left out.
 */
import * as v from 'valibot';
import {
  CountSchema,
  CurrencySchema,
  DecimalAmountSchema,
  HttpUrlSchema,
  IdSchema,
  IsoDateSchema,
  MinorAmountSchema,
  TextSchema,
  lenient,
  presentMustBeValid,
} from '../schemas';

/** How OneEntry amounts are written: `major` (`12.5` dollars) or `minor` (`1250` cents). */
export type OneEntryAmountUnit = 'major' | 'minor';

/** `{ total, items }` from current SDKs: `total` a whole number ≥ 0, `items` an array. */
export const OneEntryEnvelopeSchema = v.object({
  total: v.pipe(v.number(), v.safeInteger('must be a whole number'), v.minValue(0, 'must not be negative')),
  items: v.array(v.unknown()),
});

/** The error object the SDK resolves (instead of throwing) with `isShell: true`. */
export const OneEntryErrorSchema = v.object({
  statusCode: v.pipe(v.number(), v.integer(), v.minValue(400)),
  message: v.optional(v.unknown()),
});

/** An amount in the configured unit: a non-negative decimal (number or string) for `major`, cents for `minor`. */
export function oneEntryAmountSchema(unit: OneEntryAmountUnit) {
  return unit === 'minor' ? MinorAmountSchema : DecimalAmountSchema;
}

/**
 * One session entity, current or legacy shape.
 *
 * **Essential** — the record is dropped (and reported) when one fails:
 * - `id`: a non-negative safe integer (the SDK's type) or a non-empty string;
 * - `status`: a non-blank string (free text; unknown values are kept as `rawStatus`, status `unknown`);
 * - `amount` when present (not `null`): a non-negative amount in the configured unit;
 * - `createdDate` when present: an ISO 8601 date-time.
 *
 * **Optional** — left out when malformed: `type` (→ `kind`), `updatedDate`, `orderId`, `paymentUrl`
 * (http(s) only), `currency`, the legacy `intent` (an object or a JSON string; see the map) and `lineItems`
 * (each item checked on its own).
 */
export function oneEntrySessionSchema(unit: OneEntryAmountUnit) {
  return v.object({
    id: IdSchema,
    status: TextSchema,
    amount: presentMustBeValid(oneEntryAmountSchema(unit)),
    createdDate: presentMustBeValid(IsoDateSchema),

    type: lenient(TextSchema),
    updatedDate: lenient(IsoDateSchema),
    orderId: lenient(IdSchema),
    paymentUrl: lenient(HttpUrlSchema),
    currency: lenient(CurrencySchema),
    intent: lenient(v.union([v.string(), v.record(v.string(), v.unknown())])),
    lineItems: lenient(v.array(v.unknown())),
  });
}
/** An entity after {@link oneEntrySessionSchema}: essentials checked, malformed optional fields `undefined`. */
export type OneEntrySessionParsed = v.InferOutput<ReturnType<typeof oneEntrySessionSchema>>;

/**
 * The legacy `intent` once parsed: a present `amount` must be valid like the session's own `amount`
 * (the record is dropped otherwise); a bad `currency` is ignored.
 */
export function oneEntryIntentSchema(unit: OneEntryAmountUnit) {
  return v.object({
    amount: presentMustBeValid(oneEntryAmountSchema(unit)),
    currency: lenient(CurrencySchema),
  });
}

/**
 * A legacy line item. Essential for the item (a failing item is skipped, the session kept): a name
 * (`name`, else `description` or `title`) and, when present, `quantity` (whole ≥ 0, default 1) and
 * `amount` (the unit price, in the configured unit).
 */
export function oneEntryLineItemSchema(unit: OneEntryAmountUnit) {
  return v.object({
    name: lenient(TextSchema),
    description: lenient(TextSchema),
    title: lenient(TextSchema),
    quantity: presentMustBeValid(CountSchema),
    amount: presentMustBeValid(oneEntryAmountSchema(unit)),
    currency: lenient(CurrencySchema),
    sku: lenient(TextSchema),
  });
}
