/**
 * valibot schemas for Truemed's list response. The envelope is strict (a wrong one is an
 * `invalid_response` error); each session is split into essential fields, which drop the record when
 * wrong, and optional ones, which are left out when malformed. See {@link TruemedSessionSchema}.
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
  StringIdSchema,
  TextSchema,
  lenient,
  presentMustBeValid,
} from '../schemas';

const PositiveInteger = v.pipe(v.number(), v.safeInteger('must be a whole number'), v.minValue(1, 'must be at least 1'));
const NonNegativeInteger = v.pipe(v.number(), v.safeInteger('must be a whole number'), v.minValue(0, 'must not be negative'));

/** `pagination`: all four documented numbers, each a whole number. */
export const TruemedPaginationSchema = v.object({
  current_page: PositiveInteger,
  page_size: PositiveInteger,
  count: NonNegativeInteger,
  last_page: NonNegativeInteger,
});

/**
 * The response envelope: `payment_sessions` must be an array (its entries are checked one by one later);
 * `pagination` must be the documented object or `null`. A missing `pagination` is read as `null` — the
 * documents call it "object or null", and both mean "not paginated".
 */
export const TruemedEnvelopeSchema = v.object({
  payment_sessions: v.array(v.unknown()),
  pagination: v.optional(v.nullable(TruemedPaginationSchema), null),
});

/** A customer nested as an object (an alternative some responses may use to the flat `customer_*` fields). */
const NestedCustomerSchema = v.object({
  name: lenient(TextSchema),
  email: lenient(TextSchema),
  business_id: lenient(TextSchema),
  businessId: lenient(TextSchema),
  user_business_id: lenient(TextSchema),
});

/**
 * One payment session.
 *
 * **Essential** — the record is dropped (and reported) when one fails:
 * - `id`: a non-empty string;
 * - `status`: a non-blank string (an *unknown* value is fine: it maps to `unknown` and is kept as `rawStatus`);
 * - every top-level amount that is present (`total_amount` / `amount`, `captured_amount`, `refund_amount`):
 *   a non-negative safe integer of cents; `truemed_fee` when present: a non-negative decimal (dollars) —
 *   a wrong amount would make every total on the page wrong, which is worse than one missing row;
 * - the creation date (`created_on` or `created_at`) when present: an ISO 8601 date-time.
 *
 * **Optional** — left out of the model when malformed, the record is kept: `status_summary`, `kind`,
 * `currency` (then USD), `updated_on`, `authorized_on`, `captured_on`, the customer fields, `order_id`,
 * `payment_token`, `redirect_url` / `payment_url` (http(s) only), `order_items`, `refunds`, `disputes`
 * (each entry checked on its own), `metadata`.
 *
 * `null` counts as absent everywhere but for `id` and `status`.
 */
export const TruemedSessionSchema = v.object({
  id: StringIdSchema,
  status: TextSchema,
  total_amount: presentMustBeValid(MinorAmountSchema),
  amount: presentMustBeValid(MinorAmountSchema),
  captured_amount: presentMustBeValid(MinorAmountSchema),
  refund_amount: presentMustBeValid(MinorAmountSchema),
  truemed_fee: presentMustBeValid(DecimalAmountSchema),
  created_on: presentMustBeValid(IsoDateSchema),
  created_at: presentMustBeValid(IsoDateSchema),

  status_summary: lenient(TextSchema),
  kind: lenient(TextSchema),
  currency: lenient(CurrencySchema),
  updated_on: lenient(IsoDateSchema),
  authorized_on: lenient(IsoDateSchema),
  captured_on: lenient(IsoDateSchema),
  customer_name: lenient(TextSchema),
  customer_email: lenient(TextSchema),
  user_business_id: lenient(TextSchema),
  customer: lenient(NestedCustomerSchema),
  order_id: lenient(IdSchema),
  payment_token: lenient(TextSchema),
  redirect_url: lenient(HttpUrlSchema),
  payment_url: lenient(HttpUrlSchema),
  order_items: lenient(v.array(v.unknown())),
  refunds: lenient(v.array(v.unknown())),
  disputes: lenient(v.array(v.unknown())),
  metadata: v.optional(v.unknown()),
});
/** A session record after {@link TruemedSessionSchema}: essentials checked, malformed optional fields `undefined`. */
export type TruemedSessionParsed = v.InferOutput<typeof TruemedSessionSchema>;

/**
 * One order item. Essential for the item (a failing item is skipped, the session kept): `name`, `quantity`
 * (a whole number ≥ 0) and `price` when present (cents ≥ 0). The remaining refundable/capturable figures
 * are optional and left out when malformed.
 */
export const TruemedOrderItemSchema = v.object({
  name: TextSchema,
  quantity: CountSchema,
  price: presentMustBeValid(MinorAmountSchema),
  sku: lenient(TextSchema),
  total_refundable: lenient(MinorAmountSchema),
  quantity_refundable: lenient(CountSchema),
  total_capturable: lenient(MinorAmountSchema),
  quantity_capturable: lenient(CountSchema),
});

/**
 * A refund or dispute entry. The documents read do not show their shape, so everything is optional and
 * read from the likely names (`id`, `amount` in cents, `status`, `reason`, `created_on` / `created_at`);
 * only a non-object entry is skipped.
 */
export const TruemedAdjustmentSchema = v.object({
  id: lenient(IdSchema),
  refund_id: lenient(IdSchema),
  dispute_id: lenient(IdSchema),
  amount: lenient(MinorAmountSchema),
  status: lenient(TextSchema),
  reason: lenient(TextSchema),
  created_on: lenient(IsoDateSchema),
  created_at: lenient(IsoDateSchema),
});
