/**
 * One Truemed wire record → one {@link PaymentSession}. Pure and total: any JSON value in, a session or a
 * list of reasons out — never a throw, never `NaN`, an `Invalid Date` or a non-http(s) link.
 */
import * as v from 'valibot';
import { isPlainRecord, sanitizeRaw } from '../../core/sanitize';
import { isSettledRefundStatus } from '../../core/summary';
import type { Customer, Dispute, LineItem, PaymentSession, Refund, SessionStatus } from '../../core/types';
import { describeIssues, describeJsonType } from '../issues';
import { majorMoney, minorMoney, sumMinor } from '../money';
import { assignDefined, readableId, type MapResult } from '../records';
import {
  TruemedAdjustmentSchema,
  TruemedOrderItemSchema,
  TruemedSessionSchema,
  type TruemedSessionParsed,
} from './schema';
import { normalizeTruemedStatus } from './status';

/** Truemed amounts are USD cents unless a record names another valid currency. */
const DEFAULT_CURRENCY = 'USD';
/** `truemed_fee` is a decimal in dollars. */
const TRUEMED_FEE_CURRENCY = 'USD';

/**
 * Maps one record of `payment_sessions`. Which fields are essential (failing one drops the record) and which
 * are optional (left out when malformed) is listed on {@link TruemedSessionSchema}.
 *
 * Derived amounts, all in the record's currency (USD by default):
 * - `amount` ← `total_amount` (or `amount`), cents;
 * - `capturedAmount` ← `captured_amount`, else `amount` when the first payment's `status` is `captured`;
 * - `refundedAmount` ← `refund_amount` (cents), else the sum of settled `refunds` when `refunds` was sent;
 * - `refundableAmount` ← the sum of the items' `total_refundable` when any item has one, else
 *   captured − refunded (never below 0) when both are known;
 * - `capturableAmount` ← the sum of the items' `total_capturable` when any item has one, else `amount`
 *   while `status` is `authorized`;
 * - `fee` ← `truemed_fee`, which is **dollars**, converted with decimal string arithmetic.
 *
 * @example
 * const result = mapTruemedSession(json.payment_sessions[0]);
 * if (result.ok) render(result.value); else report(result.issues);
 */
export function mapTruemedSession(record: unknown): MapResult<PaymentSession> {
  if (!isPlainRecord(record)) {
    return { ok: false, issues: [`record must be an object, got ${describeJsonType(record)}`] };
  }
  const parsed = v.safeParse(TruemedSessionSchema, record);
  if (!parsed.success) {
    const id = readableId(record);
    return { ok: false, ...(id === undefined ? {} : { id }), issues: describeIssues(parsed.issues) };
  }
  return { ok: true, value: toSession(parsed.output, record) };
}

function toSession(wire: TruemedSessionParsed, record: Record<string, unknown>): PaymentSession {
  const currency = wire.currency ?? DEFAULT_CURRENCY;
  const rawStatus = wire.status;
  const firstPayment = rawStatus.toLowerCase();
  const items = (wire.order_items ?? []).flatMap((entry) => toLineItem(entry, currency));
  const refunds = (wire.refunds ?? []).flatMap((entry, index) => toAdjustment(entry, index, 'refund', currency));
  const disputes = (wire.disputes ?? []).flatMap((entry, index) => toAdjustment(entry, index, 'dispute', currency));

  const totalMinor = wire.total_amount ?? wire.amount;
  const capturedMinor = wire.captured_amount ?? (firstPayment === 'captured' ? totalMinor : undefined);
  const refundedMinor = wire.refund_amount ?? (wire.refunds ? settledRefundsMinor(refunds) : undefined);
  const refundableMinor = anyHas(items, 'refundable')
    ? sumMinor(items.flatMap((item) => (item.refundable ? [item.refundable.amountMinor] : [])))
    : capturedMinor !== undefined && refundedMinor !== undefined
      ? Math.max(0, capturedMinor - refundedMinor)
      : undefined;
  const status = normalizeTruemedStatus(rawStatus, wire.status_summary);
  const capturableMinor = anyHas(items, 'capturable')
    ? sumMinor(items.flatMap((item) => (item.capturable ? [item.capturable.amountMinor] : [])))
    : firstPayment === 'authorized'
      ? remainingCapturable(totalMinor, wire.captured_amount, status)
      : undefined;

  const session: PaymentSession = {
    id: wire.id,
    source: 'truemed',
    status,
    rawStatus,
    items,
    refunds,
    disputes,
    raw: sanitizeRaw(record),
  };
  assignDefined(session, {
    statusSummary: wire.status_summary,
    kind: wire.kind,
    createdAt: wire.created_on ?? wire.created_at,
    updatedAt: wire.updated_on,
    authorizedAt: wire.authorized_on,
    capturedAt: wire.captured_on,
    amount: minorMoney(totalMinor, currency),
    capturedAmount: minorMoney(capturedMinor, currency),
    refundedAmount: minorMoney(refundedMinor, currency),
    refundableAmount: minorMoney(refundableMinor, currency),
    capturableAmount: minorMoney(capturableMinor, currency),
    // "in dollars" (the API's docs), whatever the session's currency.
    fee: wire.truemed_fee === undefined ? undefined : majorMoney(wire.truemed_fee, TRUEMED_FEE_CURRENCY),
    customer: toCustomer(wire),
    orderId: wire.order_id,
    paymentToken: wire.payment_token,
    paymentUrl: wire.redirect_url ?? wire.payment_url,
    metadata: wire.metadata === undefined || wire.metadata === null ? undefined : sanitizeRaw(wire.metadata),
  });
  return session;
}

/**
 * What is left to capture of an authorization without per-item figures: the total less what was captured
 * (`total_capturable` is "the remaining amount capturable"). Partly captured with no captured amount
 * given: unknown, rather than the whole total.
 */
function remainingCapturable(totalMinor: number | undefined, capturedMinor: number | undefined, status: SessionStatus): number | undefined {
  if (totalMinor === undefined) return undefined;
  if (capturedMinor !== undefined) return Math.max(0, totalMinor - capturedMinor);
  return status === 'partially_captured' ? undefined : totalMinor;
}

function toCustomer(wire: TruemedSessionParsed): Customer | undefined {
  const nested = wire.customer;
  const customer: Customer = {};
  assignDefined(customer, {
    name: wire.customer_name ?? nested?.name,
    email: wire.customer_email ?? nested?.email,
    businessId: wire.user_business_id ?? nested?.business_id ?? nested?.businessId ?? nested?.user_business_id,
  });
  return Object.keys(customer).length > 0 ? customer : undefined;
}

/** An order item, or nothing when it is not valid (see {@link TruemedOrderItemSchema}). */
function toLineItem(entry: unknown, currency: string): LineItem[] {
  const parsed = v.safeParse(TruemedOrderItemSchema, entry);
  if (!parsed.success) return [];
  const wire = parsed.output;
  const item: LineItem = { name: wire.name, quantity: wire.quantity };
  const total = wire.price === undefined ? undefined : wire.price * wire.quantity;
  assignDefined(item, {
    sku: wire.sku,
    unitPrice: minorMoney(wire.price, currency),
    // price × quantity can leave the safe range for absurd inputs; then there is simply no total.
    total: total !== undefined && Number.isSafeInteger(total) ? minorMoney(total, currency) : undefined,
    refundable: minorMoney(wire.total_refundable, currency),
    quantityRefundable: wire.quantity_refundable,
    capturable: minorMoney(wire.total_capturable, currency),
    quantityCapturable: wire.quantity_capturable,
  });
  return [item];
}

/**
 * A refund or dispute entry in whatever shape it came; only non-objects are skipped. An entry without a
 * readable id gets a positional one (`refund-1`) so lists still have stable keys.
 */
function toAdjustment(entry: unknown, index: number, type: 'refund' | 'dispute', currency: string): Refund[] | Dispute[] {
  if (!isPlainRecord(entry)) return [];
  const parsed = v.safeParse(TruemedAdjustmentSchema, entry);
  if (!parsed.success) return [];
  const wire = parsed.output;
  const adjustment: Refund = {
    id: wire.id ?? (type === 'refund' ? wire.refund_id : wire.dispute_id) ?? `${type}-${index + 1}`,
  };
  assignDefined(adjustment, {
    amount: minorMoney(wire.amount, currency),
    status: wire.status,
    reason: wire.reason,
    createdAt: wire.created_on ?? wire.created_at,
  });
  return [adjustment];
}

/**
 * The sum of refunds that moved money. `refund_amount` is documented as the sum of *processed* refunds, so
 * the sum computed from `refunds` leaves out the same unsettled statuses the summary does
 * (`UNSETTLED_REFUND_STATUSES` in core); an entry without a status counts. `undefined` when one such refund
 * has no readable amount: a partial sum would understate what was refunded.
 */
function settledRefundsMinor(refunds: readonly Refund[]): number | undefined {
  const amounts: number[] = [];
  for (const refund of refunds) {
    if (!isSettledRefundStatus(refund.status)) continue;
    if (!refund.amount) return undefined;
    amounts.push(refund.amount.amountMinor);
  }
  return sumMinor(amounts);
}

function anyHas(items: readonly LineItem[], key: 'refundable' | 'capturable'): boolean {
  return items.some((item) => item[key] !== undefined);
}
