/**
 * Refund and revenue totals over a list of sessions, per currency. Amounts stay integer minor units and
 * amounts in different currencies are never added together.
 */
import { SESSION_STATUSES } from './status';
import type { Money, PaymentSession, SessionStatus } from './types';

/** Statuses in which the whole `amount` was taken, so it stands in for a missing `capturedAmount`. */
const FULLY_CAPTURED_STATUSES: ReadonlySet<SessionStatus> = new Set([
  'captured',
  'refunded',
  'partially_refunded',
  'disputed',
]);

/**
 * Refund statuses (free text from the backend, compared lower-cased and trimmed) for money that has not
 * gone back — not yet (`pending`, `requires_action`) or never (`failed`, `canceled`, `rejected`,
 * `voided`). Such a refund counts as refunded nowhere: not in the summary, the CSV, nor an adapter's
 * `refundedAmount`. A refund without a status counts.
 */
export const UNSETTLED_REFUND_STATUSES: ReadonlySet<string> = new Set([
  'pending',
  'requires_action',
  'failed',
  'canceled',
  'cancelled',
  'rejected',
  'voided',
]);

/** Whether a refund with this status moved money back (see {@link UNSETTLED_REFUND_STATUSES}). */
export function isSettledRefundStatus(status: string | undefined): boolean {
  return status === undefined || !UNSETTLED_REFUND_STATUSES.has(status.trim().toLowerCase());
}

/**
 * One session's amounts as the summary counts them; each is a list because refunds may come in more
 * than one currency. An empty list means the session says nothing about that amount.
 */
export interface SessionAmounts {
  /** `amount`. */
  gross: Money[];
  /** `capturedAmount`, else `amount` when the status says the payment was taken in full. */
  captured: Money[];
  /** `refundedAmount`, else the sum of the settled refunds (per currency; see {@link UNSETTLED_REFUND_STATUSES}). */
  refunded: Money[];
  /** `refundableAmount`. */
  refundable: Money[];
  /** `fee`. */
  fees: Money[];
}

/** Totals for one currency, all in integer minor units of that currency. */
export interface CurrencySummary {
  /** Upper-case ISO 4217 code. */
  currency: string;
  /** Sum of `amount`: what the sessions asked for, taken or not. */
  gross: number;
  /** Sum of what was taken (see {@link SessionAmounts.captured}). */
  captured: number;
  /** Sum of what was given back (see {@link SessionAmounts.refunded}). */
  refunded: number;
  /** Sum of `refundableAmount`: what could still be given back. */
  refundable: number;
  /** Sum of `fee`. */
  fees: number;
  /** `captured − refunded − fees`; negative when refunds and fees exceed captures. */
  net: number;
  /** How many sessions had at least one amount in this currency. */
  count: number;
}

/** The result of {@link summarizeSessions}. */
export interface SessionsSummary {
  /** One entry per currency seen, sorted by currency code. Empty when no session carries an amount. */
  currencies: CurrencySummary[];
  /** Every status, zero included, so a legend or chart can list them all. */
  countsByStatus: Record<SessionStatus, number>;
  /** How many sessions were summarized. */
  total: number;
}

/**
 * Adds minor units, refusing a result that is not a safe integer: a wrong total shown as if it were right
 * is worse for money than an error, so this throws rather than clamps.
 */
function addMinor(sum: number, value: number, what: string): number {
  const result = sum + value;
  if (!Number.isSafeInteger(result)) {
    throw new RangeError(`${what} exceeds the largest safe integer (${Number.MAX_SAFE_INTEGER} minor units).`);
  }
  return result;
}

function checkedMoney(value: Money | undefined, sessionId: string, field: string): Money | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value.amountMinor)) {
    throw new RangeError(
      `Session ${JSON.stringify(sessionId)}: ${field}.amountMinor must be a safe integer, got ${String(value.amountMinor)}.`,
    );
  }
  return value;
}

/** Sums amounts per currency, keeping first-seen order. */
function sumByCurrency(amounts: Money[], what: string): Money[] {
  const sums = new Map<string, number>();
  for (const { amountMinor, currency } of amounts) {
    sums.set(currency, addMinor(sums.get(currency) ?? 0, amountMinor, `${what} in ${currency}`));
  }
  return [...sums].map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

/**
 * The amounts one session contributes to a summary (and to the CSV's captured/refunded columns), with the
 * fallbacks spelled out in {@link SessionAmounts}.
 *
 * @throws RangeError when an amount is not a safe integer.
 */
export function sessionAmounts(session: PaymentSession): SessionAmounts {
  const id = session.id;
  const amount = checkedMoney(session.amount, id, 'amount');
  const captured =
    checkedMoney(session.capturedAmount, id, 'capturedAmount') ??
    (FULLY_CAPTURED_STATUSES.has(session.status) ? amount : undefined);

  let refunded: Money[];
  const refundedAmount = checkedMoney(session.refundedAmount, id, 'refundedAmount');
  if (refundedAmount) {
    refunded = [refundedAmount];
  } else {
    const successful = session.refunds.filter((refund) => isSettledRefundStatus(refund.status));
    const amounts = successful.flatMap((refund) => {
      const value = checkedMoney(refund.amount, id, `refund ${refund.id} amount`);
      return value ? [value] : [];
    });
    refunded = sumByCurrency(amounts, `Session ${JSON.stringify(id)}: the sum of refunds`);
  }

  const refundable = checkedMoney(session.refundableAmount, id, 'refundableAmount');
  const fee = checkedMoney(session.fee, id, 'fee');
  return {
    gross: amount ? [amount] : [],
    captured: captured ? [captured] : [],
    refunded,
    refundable: refundable ? [refundable] : [],
    fees: fee ? [fee] : [],
  };
}

type Totals = Omit<CurrencySummary, 'currency' | 'net'>;
const AMOUNT_FIELDS = ['gross', 'captured', 'refunded', 'refundable', 'fees'] as const;

/**
 * Totals per currency and counts per status over `sessions` — what `useRefundSummary` and the
 * `RefundSummary` chart show. All amounts are integer minor units of their own currency; sessions in
 * different currencies land in different entries and are never summed together.
 *
 * Definitions (per currency):
 * - **gross** = Σ `amount`
 * - **captured** = Σ `capturedAmount`, or `amount` when the status is `captured`, `refunded`,
 *   `partially_refunded` or `disputed` and there is no `capturedAmount`
 * - **refunded** = Σ `refundedAmount`, or the sum of the session's refunds when it has none
 *   (refunds in an {@link UNSETTLED_REFUND_STATUSES unsettled status} — `pending`, `requires_action`,
 *   `failed`, `canceled`/`cancelled`, `rejected`, `voided` — are left out)
 * - **refundable** = Σ `refundableAmount`
 * - **fees** = Σ `fee`
 * - **net** = captured − refunded − fees
 *
 * A session lacking one of these fields simply adds nothing to it.
 *
 * @throws RangeError when an amount is not a safe integer or a sum would pass `Number.MAX_SAFE_INTEGER`
 *   (throwing rather than clamping: a silently wrong total is the worse failure for money).
 *
 * @example
 * summarizeSessions(sessions).currencies
 * // [{ currency: 'USD', gross: 25000, captured: 20000, refunded: 5000, refundable: 15000, fees: 600, net: 14400, count: 3 }]
 */
export function summarizeSessions(sessions: readonly PaymentSession[]): SessionsSummary {
  const countsByStatus = Object.fromEntries(SESSION_STATUSES.map((status) => [status, 0])) as Record<
    SessionStatus,
    number
  >;
  const byCurrency = new Map<string, Totals>();

  for (const session of sessions) {
    // Data from a custom adapter may carry a status outside the model; count it where the UI shows the raw text.
    const status: SessionStatus = Object.hasOwn(countsByStatus, session.status) ? session.status : 'unknown';
    countsByStatus[status] += 1;

    const amounts = sessionAmounts(session);
    const currenciesOfSession = new Set<string>();
    for (const field of AMOUNT_FIELDS) {
      for (const { currency, amountMinor } of amounts[field]) {
        let totals = byCurrency.get(currency);
        if (!totals) {
          totals = { gross: 0, captured: 0, refunded: 0, refundable: 0, fees: 0, count: 0 };
          byCurrency.set(currency, totals);
        }
        totals[field] = addMinor(totals[field], amountMinor, `The ${field} total in ${currency}`);
        currenciesOfSession.add(currency);
      }
    }
    for (const currency of currenciesOfSession) {
      const totals = byCurrency.get(currency);
      if (totals) totals.count += 1;
    }
  }

  const currencies = [...byCurrency]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, totals]): CurrencySummary => {
      const net = totals.captured - totals.refunded - totals.fees;
      if (!Number.isSafeInteger(net)) {
        throw new RangeError(`The net total in ${currency} exceeds the largest safe integer.`);
      }
      return { currency, ...totals, net };
    });

  return { currencies, countsByStatus, total: sessions.length };
}
