/**
 * Merchant actions on a payment session — refund, capture, void, cancel: which ones a session allows, how
 * much each may move, the request a client sends, and what the session looks like once one succeeded.
 * Framework-free: no React, no DOM.
 */
import { isPaymentSessionsError, type PaymentSessionsError } from './errors';
import { isCurrencyCode } from './money';
import type { Dispute, LineItem, Money, PaymentSession, SessionStatus } from './types';

/** What a merchant can do to a session. */
export type SessionActionName = 'refund' | 'capture' | 'void' | 'cancel';

/** Every action, in the order a UI offers them. */
export const SESSION_ACTIONS: readonly SessionActionName[] = ['refund', 'capture', 'void', 'cancel'];

/** Why money is refunded (Truemed's documented `reason` values). */
export type RefundReason = 'customer_request' | 'fraudulent' | 'duplicate_payment';

/** Every refund reason, `customer_request` (the usual one) first. */
export const REFUND_REASONS: readonly RefundReason[] = ['customer_request', 'fraudulent', 'duplicate_payment'];

/** One line item being refunded (Truemed's `item_details` entry). */
export interface RefundItem {
  name?: string;
  sku?: string;
  /** A whole number above 0. */
  quantity: number;
  /** What is refunded for this line, in the session's currency. */
  amount?: Money;
}

/** What a refund needs besides the session and the key. */
export interface RefundInput {
  /** Integer minor units above 0, at most what is refundable, in the session's currency. */
  amount: Money;
  reason: RefundReason;
  items?: RefundItem[];
}

/** What a capture needs besides the session and the key. */
export interface CaptureInput {
  /** Integer minor units above 0, at most what is capturable, in the session's currency. */
  amount: Money;
}

/** The input each action takes: void and cancel take none. */
export interface SessionActionInputs {
  refund: RefundInput;
  capture: CaptureInput;
  void: undefined;
  cancel: undefined;
}

/** One write, as a {@link SessionActionsClient} sends it. */
export type SessionActionRequest =
  | { action: 'refund'; sessionId: string; amount: Money; reason: RefundReason; items?: RefundItem[]; idempotencyKey: string }
  | { action: 'capture'; sessionId: string; amount: Money; idempotencyKey: string }
  | { action: 'void' | 'cancel'; sessionId: string; idempotencyKey: string };

/** What a successful write answered. */
export interface SessionActionResult {
  action: SessionActionName;
  sessionId: string;
  /** The backend's id of what was made: Truemed's `refund_id`, or a capture's `id`. */
  id?: string;
}

/**
 * Performs merchant actions against a backend: `createTruemedActions` (through the host's proxy), or a
 * host's own object of this shape for its own backend. Give it to `PaymentSessionsProvider`'s `actions`.
 *
 * `run` sends exactly one write per call, carrying `idempotencyKey`, so that a repeat with the same key
 * has no second effect. It throws a `PaymentSessionsError` on failure: `code` is the backend's error code
 * (`AmountInvalid`, `ChargeDisputed` …), and the kind `outcome_unknown` says the write may or may not have
 * happened (a timeout, a lost connection): the caller must check before trying anything but the same key.
 */
export interface SessionActionsClient {
  /** The `source` of the sessions this client acts on (`'truemed'`); other sessions get no actions. */
  source: string;
  /** The actions this backend supports. */
  actions: readonly SessionActionName[];
  run(request: SessionActionRequest, ctx: { signal: AbortSignal }): Promise<SessionActionResult>;
}

/** The statuses in which captured money can be refunded. */
const REFUNDABLE_STATUSES: ReadonlySet<SessionStatus> = new Set(['captured', 'partially_captured', 'partially_refunded']);

/** Dispute statuses that no longer block a refund (compared lower-case); any other, or none, is open. */
const SETTLED_DISPUTE_STATUSES: ReadonlySet<string> = new Set(['won', 'lost', 'closed', 'resolved', 'canceled']);

/** Whether a `Money` is usable for limits: a safe integer of minor units ≥ 0 in a currency code. */
function isUsableMoney(value: Money | undefined): value is Money {
  return value !== undefined && Number.isSafeInteger(value.amountMinor) && value.amountMinor >= 0 && isCurrencyCode(value.currency);
}

/** Whether a dispute still blocks refunds: its status is not a settled one (no status: open). */
export function isOpenDispute(dispute: Dispute): boolean {
  const status = typeof dispute.status === 'string' ? dispute.status.trim().toLowerCase() : '';
  return !SETTLED_DISPUTE_STATUSES.has(status);
}

/**
 * What may still be refunded: the session's `refundableAmount`, or — for an adapter that sends none —
 * captured minus refunded when both are known in one currency. `undefined` when unknown.
 */
export function refundableOf(session: PaymentSession): Money | undefined {
  if (isUsableMoney(session.refundableAmount)) return session.refundableAmount;
  if (session.refundableAmount !== undefined) return undefined;
  const { capturedAmount: captured, refundedAmount: refunded } = session;
  if (!isUsableMoney(captured) || !isUsableMoney(refunded) || captured.currency !== refunded.currency) return undefined;
  return { amountMinor: Math.max(0, captured.amountMinor - refunded.amountMinor), currency: captured.currency };
}

/** What may still be captured: the session's `capturableAmount`; `undefined` when unknown. */
export function capturableOf(session: PaymentSession): Money | undefined {
  return isUsableMoney(session.capturableAmount) ? session.capturableAmount : undefined;
}

/**
 * The actions a session's status and amounts allow, in {@link SESSION_ACTIONS} order:
 * - refund: captured, partially captured or partially refunded, something refundable, no open dispute;
 * - capture: authorized with something capturable;
 * - void: authorized with something capturable, or with the capturable amount unknown;
 * - cancel: pending (the customer has not paid).
 *
 * What a backend supports is the client's business (`SessionActionsClient.actions`): see {@link actionsFor}.
 */
export function allowedActions(session: PaymentSession): SessionActionName[] {
  const allowed: SessionActionName[] = [];
  const refundable = refundableOf(session);
  if (REFUNDABLE_STATUSES.has(session.status) && refundable !== undefined && refundable.amountMinor > 0 && !session.disputes.some(isOpenDispute)) {
    allowed.push('refund');
  }
  if (session.status === 'authorized') {
    const capturable = capturableOf(session);
    if (capturable !== undefined && capturable.amountMinor > 0) allowed.push('capture', 'void');
    else if (session.capturableAmount === undefined) allowed.push('void');
  }
  if (session.status === 'pending') allowed.push('cancel');
  return allowed;
}

/**
 * The actions a client can perform on a session: {@link allowedActions} that the client supports, and none
 * for a session from another source (a OneEntry session under a Truemed client) or without a client.
 */
export function actionsFor(session: PaymentSession, client: SessionActionsClient | undefined): SessionActionName[] {
  if (!client || client.source !== session.source) return [];
  return allowedActions(session).filter((action) => client.actions.includes(action));
}

/** The amount an action moves at most: refundable for a refund, capturable for a capture. */
export function actionLimitOf(session: PaymentSession, action: SessionActionName): Money | undefined {
  if (action === 'refund') return refundableOf(session);
  if (action === 'capture') return capturableOf(session);
  return undefined;
}

/** Why an amount cannot be sent (for the UI to explain), as {@link checkActionAmount} reports it. */
export type ActionAmountProblem =
  /** Not a whole number of minor units (a fraction of a cent, `NaN`, beyond safe integers). */
  | 'not_integer'
  /** Zero or less. */
  | 'not_positive'
  /** More than the limit (what is refundable or capturable). */
  | 'above_limit'
  /** Another currency than the limit's (the session's). */
  | 'currency_mismatch'
  /** The limit is unknown, so no amount can be checked (and none is sent). */
  | 'limit_unknown';

/**
 * Checks an amount against its limit: integer minor units, above 0, at most `limit`, in the limit's
 * currency. Returns the first problem, or `null` when the amount may be sent.
 *
 * @example
 * checkActionAmount({ amountMinor: 1200, currency: 'USD' }, refundableOf(session)) // null, or 'above_limit' …
 */
export function checkActionAmount(amount: Money, limit: Money | undefined): ActionAmountProblem | null {
  // `amount?.`: a caller from plain JavaScript may pass nothing at all; that is no amount to send either.
  if (!Number.isSafeInteger((amount as Money | undefined)?.amountMinor)) return 'not_integer';
  if (amount.amountMinor <= 0) return 'not_positive';
  if (!isUsableMoney(limit)) return 'limit_unknown';
  if (amount.currency !== limit.currency) return 'currency_mismatch';
  if (amount.amountMinor > limit.amountMinor) return 'above_limit';
  return null;
}

/** A line item that can be refunded by quantity (its `quantityRefundable` is known). */
export interface RefundItemLimit {
  /** Its position in `session.items`. */
  index: number;
  item: LineItem;
  /** How many units may still be refunded. */
  quantity: number;
  /** How much may still be refunded for this line, when known. */
  amount?: Money;
}

/** The line items with a known refundable quantity, with what each may still refund. */
export function refundItemLimits(session: PaymentSession): RefundItemLimit[] {
  return session.items.flatMap((item, index): RefundItemLimit[] => {
    const quantity = item.quantityRefundable;
    if (quantity === undefined || !Number.isSafeInteger(quantity) || quantity < 0) return [];
    return [{ index, item, quantity, ...(isUsableMoney(item.refundable) ? { amount: item.refundable } : {}) }];
  });
}

/** Why a refunded line item cannot be sent, as {@link checkRefundItems} reports it. */
export type RefundItemProblem =
  /** Its quantity is not a whole number above 0. */
  | 'quantity_invalid'
  /** No line item of the session has its `sku` (or, without one, its `name`). */
  | 'unknown_item'
  /** More units than the line item's `quantityRefundable`. */
  | 'quantity_above_limit'
  /** Its amount is not integer minor units above 0, or in another currency than the line's. */
  | 'amount_invalid'
  /** More than the line item may still refund. */
  | 'amount_above_limit'
  /** The items' amounts add up to more than the refund. */
  | 'items_above_amount';

/** One problem of one refunded item (`index` in the given items). */
export interface RefundItemIssue {
  index: number;
  problem: RefundItemProblem;
}

/**
 * Checks the line items of a refund against the session's: each names a line item (by `sku`, else by
 * `name`), refunds whole units within its `quantityRefundable` where that is known, an amount within the
 * line's refundable amount where known, and together no more than `refundAmount`. An empty list is fine.
 */
export function checkRefundItems(session: PaymentSession, items: readonly RefundItem[], refundAmount?: Money): RefundItemIssue[] {
  const issues: RefundItemIssue[] = [];
  let itemsTotal = 0;
  items.forEach((refunded, index) => {
    if (!Number.isSafeInteger(refunded.quantity) || refunded.quantity <= 0) {
      issues.push({ index, problem: 'quantity_invalid' });
      return;
    }
    const line = session.items.find((item) => (refunded.sku !== undefined ? item.sku === refunded.sku : refunded.name !== undefined && item.name === refunded.name));
    if (!line) {
      issues.push({ index, problem: 'unknown_item' });
      return;
    }
    if (line.quantityRefundable !== undefined && refunded.quantity > line.quantityRefundable) {
      issues.push({ index, problem: 'quantity_above_limit' });
      return;
    }
    if (refunded.amount === undefined) return;
    const problem = checkActionAmount(refunded.amount, isUsableMoney(line.refundable) ? line.refundable : refunded.amount);
    if (problem === 'above_limit') issues.push({ index, problem: 'amount_above_limit' });
    else if (problem !== null) issues.push({ index, problem: 'amount_invalid' });
    else itemsTotal += refunded.amount.amountMinor;
  });
  if (refundAmount !== undefined && issues.length === 0 && itemsTotal > refundAmount.amountMinor) {
    issues.push({ index: items.length - 1, problem: 'items_above_amount' });
  }
  return issues;
}

/** Why an action's input cannot be sent, as {@link checkActionInput} reports it. */
export type ActionInputProblem = ActionAmountProblem | 'invalid_reason' | 'invalid_items' | 'not_allowed';

/**
 * Checks a whole input for `action` on `session`: the action is allowed, the amount is within its limit,
 * the reason is one of {@link REFUND_REASONS}, the items pass {@link checkRefundItems}. `null` when it may
 * be sent.
 */
export function checkActionInput<A extends SessionActionName>(session: PaymentSession, action: A, input: SessionActionInputs[A]): ActionInputProblem | null {
  if (!allowedActions(session).includes(action)) return 'not_allowed';
  if (action === 'refund') {
    const refund = (input ?? {}) as RefundInput;
    const problem = checkActionAmount(refund.amount, refundableOf(session));
    if (problem) return problem;
    if (!REFUND_REASONS.includes(refund.reason)) return 'invalid_reason';
    if (refund.items !== undefined && (!Array.isArray(refund.items) || checkRefundItems(session, refund.items, refund.amount).length > 0)) return 'invalid_items';
    return null;
  }
  if (action === 'capture') return checkActionAmount(((input ?? {}) as CaptureInput).amount, capturableOf(session));
  return null;
}

/** The request for `action` on session `sessionId` with `input`, under `idempotencyKey`. */
export function actionRequest<A extends SessionActionName>(action: A, sessionId: string, input: SessionActionInputs[A], idempotencyKey: string): SessionActionRequest {
  if (action === 'refund') {
    const { amount, reason, items } = input as RefundInput;
    return { action, sessionId, amount, reason, ...(items && items.length > 0 ? { items } : {}), idempotencyKey };
  }
  if (action === 'capture') return { action, sessionId, amount: (input as CaptureInput).amount, idempotencyKey };
  return { action: action as 'void' | 'cancel', sessionId, idempotencyKey };
}

/** An idempotency key: 1–255 characters of `A–Z a–z 0–9 _ . : -`. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,255}$/;

/**
 * A new idempotency key, unguessable and unique per attempt: `crypto.randomUUID()` where there is one
 * (secure pages, Node), else 128 random bits from `crypto.getRandomValues` as hex.
 *
 * @throws Error where there is no Web Crypto at all: a predictable key (`Math.random`) could collide with
 * another attempt's and turn a new refund into a repeat of an old one.
 */
export function newIdempotencyKey(): string {
  const crypto = (globalThis as { crypto?: Partial<Crypto> }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  if (typeof crypto?.getRandomValues === 'function') {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
  throw new Error('newIdempotencyKey: no Web Crypto (crypto.getRandomValues) here, so no safe idempotency key can be made.');
}

/**
 * Whether a failed write may have happened after all, so it must be checked (or retried with the same
 * key) before anything else: `outcome_unknown`, a lost connection or cancelled request, an unreadable
 * answer, a server error (5xx), or anything a host's client threw that is not a `PaymentSessionsError`.
 * `false` only for answers that say the write was refused (4xx, auth, rate limit).
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (!isPaymentSessionsError(error)) return true;
  const { kind, status } = error as PaymentSessionsError;
  if (kind === 'http') return status === undefined || status >= 500;
  return kind !== 'auth' && kind !== 'rate_limit';
}

/**
 * The session as it will be once `request` succeeded — shown until the backend's own record arrives:
 * a refund adds to `refundedAmount` and `refunds`, lowers `refundableAmount` and makes the session
 * (partially) refunded; a capture makes it (partially) captured; a void voided; a cancel canceled.
 */
export function applyActionResult(session: PaymentSession, request: SessionActionRequest, result?: SessionActionResult): PaymentSession {
  switch (request.action) {
    case 'refund': {
      const { amount } = request;
      const refundable = refundableOf(session);
      const left = refundable ? Math.max(0, refundable.amountMinor - amount.amountMinor) : undefined;
      const refunded = (session.refundedAmount?.currency === amount.currency ? session.refundedAmount.amountMinor : 0) + amount.amountMinor;
      return {
        ...session,
        status: left === 0 ? 'refunded' : 'partially_refunded',
        refundedAmount: { amountMinor: refunded, currency: amount.currency },
        ...(left === undefined ? {} : { refundableAmount: { amountMinor: left, currency: amount.currency } }),
        // Until the backend's record arrives the refund has no id of its own (the key is not one to show).
        refunds: [...session.refunds, { id: result?.id ?? 'pending', amount, reason: request.reason }],
      };
    }
    case 'capture': {
      const { amount } = request;
      const capturable = capturableOf(session);
      const captured = (session.capturedAmount?.currency === amount.currency ? session.capturedAmount.amountMinor : 0) + amount.amountMinor;
      const whole = capturable === undefined || amount.amountMinor >= capturable.amountMinor;
      return {
        ...withoutCapturable(session),
        status: whole ? 'captured' : 'partially_captured',
        capturedAmount: { amountMinor: captured, currency: amount.currency },
        refundableAmount: { amountMinor: captured - (session.refundedAmount?.amountMinor ?? 0), currency: amount.currency },
      };
    }
    case 'void':
      return { ...withoutCapturable(session), status: 'voided' };
    case 'cancel':
      return { ...session, status: 'canceled' };
  }
}

/** The session without `capturableAmount`: nothing is left to capture once an authorization is captured or voided. */
function withoutCapturable(session: PaymentSession): PaymentSession {
  const copy = { ...session };
  delete copy.capturableAmount;
  return copy;
}
