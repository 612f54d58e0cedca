/**
 * The fake Truemed API's write calls: capture, void and cancel a payment session, and refund one. Each call
 * checks its body and the session's state, answers with Truemed's documented error codes, changes the
 * record the way Truemed describes (status, `status_summary`, amounts, refunds) and remembers its answer
 * per idempotency key. The HTTP side (routing, the key header, faults) is in `truemed-api.ts`.
 */
import { isSettledRefundStatus } from '../core/summary';
import {
  TRUEMED_SESSION_ID_PATTERN,
  TRUEMED_SESSION_PATH_PREFIX,
  type TruemedOrderItemWire,
  type TruemedPaymentSessionWire,
  type TruemedRefundWire,
} from '../adapters/truemed/wire';
import { createRandom } from './random';

/** The write calls the fake serves. */
export type FakeTruemedWriteAction = 'capture' | 'void' | 'cancel' | 'refund';

/** `POST /payments/v1/refund`: refunds are not below a session in the path; the body names it. */
export const FAKE_TRUEMED_REFUND_PATH = '/payments/v1/refund';

/** The session calls, each `POST /payments/v1/payment_session/{id}/{action}`. */
const SESSION_ACTIONS = ['capture', 'void', 'cancel'] as const;

/** Refund reasons Truemed documents. */
const REFUND_REASONS = ['customer_request', 'fraudulent', 'duplicate_payment'] as const;

/** Dispute statuses after which the dispute no longer blocks a refund; any other (or none) is open. */
const SETTLED_DISPUTE_STATUSES = ['won', 'lost', 'closed', 'resolved', 'canceled'];

/** A write route found in a request path: the action and, for the session calls, the raw id segment. */
export interface TruemedWriteRoute {
  action: FakeTruemedWriteAction;
  /** Still percent-encoded; `undefined` for a refund, whose session is in the body. */
  encodedSessionId?: string;
}

/** An answer before it becomes a `Response`, so it can be remembered for a repeated idempotency key. */
export interface TruemedWriteAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The write route a path names, or `undefined`. Only the exact paths match: anything else below a session
 * (or an empty id) is no write route.
 */
export function matchTruemedWriteRoute(pathname: string): TruemedWriteRoute | undefined {
  if (pathname === FAKE_TRUEMED_REFUND_PATH) return { action: 'refund' };
  if (!pathname.startsWith(TRUEMED_SESSION_PATH_PREFIX)) return undefined;
  const rest = pathname.slice(TRUEMED_SESSION_PATH_PREFIX.length).split('/');
  if (rest.length !== 2) return undefined;
  const [encodedSessionId, action] = rest as [string, string];
  const known = SESSION_ACTIONS.find((name) => name === action);
  if (known === undefined || encodedSessionId === '') return undefined;
  return { action: known, encodedSessionId };
}

/** What the writer needs from the API: its records (changed in place by index) and a clock. */
export interface TruemedWriterOptions {
  /** The API's records; an update replaces the record at its index with a changed copy. */
  records: TruemedPaymentSessionWire[];
  /** The time a write happens at (it is never put before the session's last change). */
  clock: () => number | Date;
  /** Seeds the ids of captures and refunds, so a run is repeatable. */
  seed: number;
}

/** Runs write calls against a set of records; see {@link createTruemedWriter}. */
export interface TruemedWriter {
  /** Answers one write whose key header was already accepted. `bodyText` is the raw request body. */
  write(route: TruemedWriteRoute, bodyText: string): TruemedWriteAnswer;
}

interface RememberedAnswer {
  fingerprint: string;
  answer: TruemedWriteAnswer;
}

/**
 * Creates the fake's write logic over `records`.
 *
 * Idempotency: a successful answer is remembered under its `idempotency_key` (one key space for the whole
 * API, across sessions and calls). The same key with the same call and body gets that answer again — same
 * status and body, no second effect; the same key with a different call, session or body is a 400
 * `IdempotencyKeyReused` (Truemed documents no code for this; the fake names it so a client's mistake
 * shows). Errors are not remembered: nothing happened, so a retry with the same key is checked afresh.
 */
export function createTruemedWriter(options: TruemedWriterOptions): TruemedWriter {
  const { records, clock } = options;
  const random = createRandom(options.seed ^ 0x7e57ed);
  const remembered = new Map<string, RememberedAnswer>();

  const newId = (prefix: string): string => `${prefix}_${random.string(16)}`;

  const write = (route: TruemedWriteRoute, bodyText: string): TruemedWriteAnswer => {
    const body = parseBody(bodyText);
    if (body === undefined) return failure('MissingField', 'The body must be a JSON object.');
    const key = body.idempotency_key;
    if (key !== undefined && (typeof key !== 'string' || key === '')) {
      return failure('MissingField', 'idempotency_key must be a non-empty string.');
    }
    const fingerprint = key === undefined ? '' : fingerprintOf(route, body);
    if (key !== undefined) {
      const earlier = remembered.get(key);
      if (earlier !== undefined) {
        if (earlier.fingerprint === fingerprint) return earlier.answer;
        return failure('IdempotencyKeyReused', 'This idempotency_key was already used for a different request.');
      }
    }
    const answer = route.action === 'refund' ? refund(body) : sessionCall(route.action, route.encodedSessionId, body);
    if (key !== undefined && answer.status === 200) remembered.set(key, { fingerprint, answer });
    return answer;
  };

  /** Replaces the record at `index` with `next`, stamped with the time of the change. */
  const commit = (index: number, next: TruemedPaymentSessionWire, at: string): void => {
    records[index] = { ...next, updated_on: at };
  };

  /** A time for a change to `session`: the clock, but never before the session's last change. */
  const writeTime = (session: TruemedPaymentSessionWire): string => {
    const last = Date.parse(session.updated_on ?? session.created_on);
    const now = Number(clock());
    return new Date(Number.isNaN(last) ? now : Math.max(now, last + 1000)).toISOString();
  };

  const sessionCall = (
    action: Exclude<FakeTruemedWriteAction, 'refund'>,
    encodedSessionId: string | undefined,
    body: Record<string, unknown>,
  ): TruemedWriteAnswer => {
    let amount: number | undefined;
    if (action === 'capture') {
      if (body.total_amount === undefined || body.total_amount === null) return failure('MissingField', 'total_amount is required.');
      if (!isPositiveCents(body.total_amount)) return failure('TotalAmountInvalid', 'total_amount must be a whole number of cents above 0.');
      amount = body.total_amount;
    }
    const index = findSession(records, decodeSessionId(encodedSessionId));
    if (index === -1) return failure('PaymentSessionDoesNotExist', 'No payment session with this id exists.', 400);
    const session = records[index] as TruemedPaymentSessionWire;
    const refusal = refuseByState(action, session);
    if (refusal) return refusal;

    if (action === 'capture') {
      const capturable = capturableCents(session);
      if ((amount as number) > capturable) {
        return failure('TotalAmountInvalid', `total_amount must be at most the ${capturable} cents still capturable.`);
      }
      const captureId = newId('cp');
      const at = writeTime(session);
      commit(index, captured(session, amount as number, at), at);
      return { status: 200, body: { id: captureId } };
    }
    const at = writeTime(session);
    if (action === 'void') {
      const items = releaseHold(session.order_items);
      commit(index, { ...session, status: 'authorization_voided', status_summary: 'Voided', ...(items ? { order_items: items } : {}) }, at);
    } else {
      commit(index, { ...session, status: 'canceled', status_summary: 'Canceled' }, at);
    }
    return { status: 200, body: {} };
  };

  const refund = (body: Record<string, unknown>): TruemedWriteAnswer => {
    for (const field of ['payment_id', 'amount', 'reason', 'idempotency_key'] as const) {
      if (body[field] === undefined || body[field] === null || body[field] === '') return failure('MissingField', `${field} is required.`);
    }
    const reason = REFUND_REASONS.find((known) => known === body.reason);
    // Truemed documents no code for an unknown reason; the field is as good as missing.
    if (reason === undefined) return failure('MissingField', `reason must be one of ${REFUND_REASONS.join(', ')}.`);
    const details = parseItemDetails(body.item_details);
    if (details === 'invalid') {
      return failure('MissingField', 'item_details must be a list of { name?, sku?, quantity, amount? } with whole quantities above 0.');
    }
    const index = typeof body.payment_id === 'string' ? findSession(records, body.payment_id) : -1;
    if (index === -1) return failure('InvalidPaymentId', 'payment_id names no payment session.');
    if (!isPositiveCents(body.amount)) return failure('AmountInvalid', 'amount must be a whole number of cents above 0.');
    const amount = body.amount;
    const session = records[index] as TruemedPaymentSessionWire;
    if (capturedCents(session) === 0) return failure('NoSessionCaptures', 'Nothing has been captured on this session yet.');
    if ((session.disputes ?? []).some(isOpenDispute)) return failure('ChargeDisputed', 'No refund is possible while a dispute is open.');
    const refundable = refundableCents(session);
    if (amount > refundable) return failure('AmountInvalid', `amount must be at most the ${refundable} cents still refundable.`);
    const items = refundedItems(session.order_items, details ?? [], amount);
    if (items === 'invalid') return failure('AmountInvalid', 'item_details name an item or a quantity that is not refundable.');

    const at = writeTime(session);
    const entry: TruemedRefundWire = { id: newId('re'), amount, status: 'succeeded', reason, created_on: at };
    const next: TruemedPaymentSessionWire = {
      ...session,
      status_summary: refundable - amount === 0 ? 'Refunded' : 'Partially Refunded',
      ...(items === undefined ? {} : { order_items: items }),
    };
    // A record that carries only the sum (no list) keeps carrying only the sum.
    if (session.refunds !== undefined || session.refund_amount === undefined) next.refunds = [...(session.refunds ?? []), entry];
    if (session.refund_amount !== undefined) next.refund_amount = session.refund_amount + amount;
    commit(index, next, at);
    return {
      status: 200,
      body: { refund_id: entry.id, payment_id: session.id, amount, reason, status: entry.status, created_on: at },
    };
  };

  return { write };
}

/**
 * The documented refusal for calling `action` on a session in its current state, or `undefined` when the
 * call may go ahead. Where Truemed documents no code (a canceled or rejected session, cancelling an
 * authorization), the nearest documented one is used and the message says what is wrong.
 */
function refuseByState(action: Exclude<FakeTruemedWriteAction, 'refund'>, session: TruemedPaymentSessionWire): TruemedWriteAnswer | undefined {
  switch (session.status) {
    case 'authorized':
      return action === 'cancel'
        ? failure('SessionAuthorized', 'The customer completed this session; void the authorization instead.')
        : undefined;
    case 'pending':
      return action === 'cancel' ? undefined : failure('SessionPending', 'The customer has not completed checkout.');
    case 'processing':
      return failure('SessionPending', 'The payment is still being processed.');
    case 'captured':
      return failure('SessionCaptured', 'The session has already been captured.');
    case 'authorization_voided':
      return failure('SessionVoided', 'The authorization has been voided.');
    case 'authorization_expired':
      return failure('SessionExpired', 'The authorization has expired.');
    case 'canceled':
      return failure('SessionVoided', 'The session has been canceled.');
    case 'rejected':
      return failure('SessionVoided', 'The payment was rejected.');
    default:
      return failure('ServerError', `The session's status ${JSON.stringify(session.status)} is not one the fake knows.`);
  }
}

/**
 * The session after capturing `amount`: `captured`, summarized `Captured` when all of the order total has
 * been captured and `Partially Captured` otherwise. Truemed captures an authorization once, so what was
 * not captured is released: the items' capturable figures drop to 0 and what was captured becomes refundable.
 */
function captured(session: TruemedPaymentSessionWire, amount: number, at: string): TruemedPaymentSessionWire {
  const capturedAmount = (session.captured_amount ?? 0) + amount;
  let left = amount;
  const items = session.order_items?.map((item) => {
    if (item.total_capturable === undefined) return item;
    const cents = Math.min(left, item.total_capturable);
    left -= cents;
    const units = item.price > 0 ? Math.min(item.quantity_capturable ?? item.quantity, Math.ceil(cents / item.price)) : 0;
    return {
      ...item,
      total_refundable: (item.total_refundable ?? 0) + cents,
      quantity_refundable: (item.quantity_refundable ?? 0) + units,
      total_capturable: 0,
      quantity_capturable: 0,
    };
  });
  return {
    ...session,
    status: 'captured',
    status_summary: capturedAmount >= session.total_amount ? 'Captured' : 'Partially Captured',
    captured_amount: capturedAmount,
    captured_on: session.captured_on ?? at,
    ...(items === undefined ? {} : { order_items: items }),
    // Captured money can be refunded: the session lists its refunds (none yet) unless it carries only their sum.
    ...(session.refunds === undefined && session.refund_amount === undefined ? { refunds: [] } : {}),
  };
}

/** A voided hold leaves nothing to capture. */
function releaseHold(items: TruemedOrderItemWire[] | undefined): TruemedOrderItemWire[] | undefined {
  return items?.map((item) => (item.total_capturable === undefined ? item : { ...item, total_capturable: 0, quantity_capturable: 0 }));
}

/** What is left to capture: the items' figures when they have them, else the total less what was captured. */
function capturableCents(session: TruemedPaymentSessionWire): number {
  const items = session.order_items ?? [];
  if (items.some((item) => item.total_capturable !== undefined)) return sum(items.map((item) => item.total_capturable ?? 0));
  return Math.max(0, session.total_amount - (session.captured_amount ?? 0));
}

/** Money captured so far (a captured one-time payment captured its whole total). */
function capturedCents(session: TruemedPaymentSessionWire): number {
  return session.captured_amount ?? (session.status === 'captured' ? session.total_amount : 0);
}

/**
 * What is left to refund, as the adapter reads it: the items' `total_refundable` when any item has one,
 * else what was captured less the processed refunds.
 */
function refundableCents(session: TruemedPaymentSessionWire): number {
  const items = session.order_items ?? [];
  if (items.some((item) => item.total_refundable !== undefined)) return sum(items.map((item) => item.total_refundable ?? 0));
  const refunded = session.refunds
    ? sum(session.refunds.filter((entry) => isSettledRefundStatus(entry.status)).map((entry) => entry.amount))
    : (session.refund_amount ?? 0);
  return Math.max(0, capturedCents(session) - refunded);
}

interface ItemDetail {
  name?: string;
  sku?: string;
  quantity: number;
  amount?: number;
}

/** `item_details` checked for shape: `undefined` when absent, `'invalid'` when malformed. */
function parseItemDetails(value: unknown): ItemDetail[] | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return 'invalid';
  const details: ItemDetail[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'invalid';
    const { name, sku, quantity, amount } = entry as Record<string, unknown>;
    if (!isPositiveCents(quantity)) return 'invalid';
    if (name !== undefined && typeof name !== 'string') return 'invalid';
    if (sku !== undefined && typeof sku !== 'string') return 'invalid';
    if (name === undefined && sku === undefined) return 'invalid';
    if (amount !== undefined && !isPositiveCents(amount)) return 'invalid';
    details.push({ name, sku, quantity, amount });
  }
  return details;
}

/**
 * The items after refunding `amount`: the named items first (their `quantity_refundable` lowered by the
 * quantity, their `total_refundable` by their amount or quantity × price), the rest of the amount from the
 * items in order, so the items' refundable total always drops by exactly `amount`. `undefined` when the
 * items carry no refundable figures (the session-level amounts tell everything then); `'invalid'` when a
 * detail names no item of the order or more units than are refundable.
 */
function refundedItems(
  items: TruemedOrderItemWire[] | undefined,
  details: readonly ItemDetail[],
  amount: number,
): TruemedOrderItemWire[] | undefined | 'invalid' {
  if (items === undefined) return undefined;
  const next = items.map((item) => ({ ...item }));
  let left = amount;
  for (const detail of details) {
    const item = next.find((candidate) => (detail.sku !== undefined ? candidate.sku === detail.sku : candidate.name === detail.name));
    if (item === undefined) return 'invalid';
    if (item.quantity_refundable !== undefined) {
      if (detail.quantity > item.quantity_refundable) return 'invalid';
      item.quantity_refundable -= detail.quantity;
    }
    if (item.total_refundable !== undefined) {
      const cents = Math.min(left, item.total_refundable, detail.amount ?? detail.quantity * item.price);
      item.total_refundable -= cents;
      left -= cents;
    }
  }
  if (!next.some((item) => item.total_refundable !== undefined)) return details.length > 0 ? next : undefined;
  for (const item of next) {
    if (left === 0) break;
    if (item.total_refundable === undefined) continue;
    const cents = Math.min(left, item.total_refundable);
    item.total_refundable -= cents;
    left -= cents;
  }
  // A unit cannot stay refundable once the money for it is gone.
  for (const item of next) {
    if (item.total_refundable !== undefined && item.quantity_refundable !== undefined && item.price > 0) {
      item.quantity_refundable = Math.min(item.quantity_refundable, Math.ceil(item.total_refundable / item.price));
    }
  }
  return next;
}

function isOpenDispute(dispute: { status?: string }): boolean {
  return dispute.status === undefined || !SETTLED_DISPUTE_STATUSES.includes(dispute.status.trim().toLowerCase());
}

function isPositiveCents(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function findSession(records: readonly TruemedPaymentSessionWire[], id: string | undefined): number {
  if (id === undefined || !TRUEMED_SESSION_ID_PATTERN.test(id)) return -1;
  return records.findIndex((record) => record.id === id);
}

function decodeSessionId(encoded: string | undefined): string | undefined {
  if (encoded === undefined) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/** The body as an object; an empty body is an empty object (void and cancel need no fields). */
function parseBody(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** What makes two writes "the same request": the call, its session and its body (keys in any order). */
function fingerprintOf(route: TruemedWriteRoute, body: Record<string, unknown>): string {
  return JSON.stringify([route.action, route.encodedSessionId ?? null, canonical(body)]);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.keys(value)
      .sort()
      .map((name) => [name, canonical((value as Record<string, unknown>)[name])]);
  }
  return value;
}

function failure(error: string, message: string, status = 400): TruemedWriteAnswer {
  return { status, body: { error, message } };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
