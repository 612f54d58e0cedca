/**
 * A deterministic, realistic Truemed dataset: full payment-session records as the list endpoint would send
 * them with every include flag on. The fake API strips what a query did not ask for.
 */
import type {
  TruemedDisputeWire,
  TruemedKind,
  TruemedOrderItemWire,
  TruemedPaymentSessionWire,
  TruemedRefundWire,
  TruemedStatus,
} from '../adapters/truemed/wire';
import { createRandom, type SeededRandom } from './random';

/** The default "today" of fake datasets, so a dataset never changes with the wall clock. */
export const FAKE_DATASET_NOW = Date.UTC(2026, 10, 1);

/** Options of {@link makeTruemedRecords}. */
export interface MakeTruemedRecordsOptions {
  /** How many sessions. @defaultValue 240 */
  count?: number;
  /** Same seed, same records. @defaultValue 1 */
  seed?: number;
  /** The dataset's "today": sessions are created over the ~6 months before it. @defaultValue `Date.UTC(2026, 10, 1)` */
  now?: number | Date;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back sessions are created (about six months). */
const HISTORY = 182 * DAY;
/** Authorization holds lapse after this long, so open ones are younger and expired ones older. */
const AUTHORIZATION_LIFETIME = 7 * DAY;

interface Scenario {
  kind: TruemedKind;
  status: TruemedStatus;
  summary: string;
  /** Relative frequency once every scenario has appeared once. */
  weight: number;
}

/**
 * Every (kind, status, status_summary) combination the dataset produces. The first records walk this list
 * in order, so any dataset of at least this many records holds each combination; the first eight alone
 * cover every documented status and both kinds.
 */
const SCENARIOS: readonly Scenario[] = [
  { kind: 'one_time_payment', status: 'captured', summary: 'Captured', weight: 30 },
  { kind: 'authorization', status: 'authorized', summary: 'Authorized', weight: 5 },
  { kind: 'one_time_payment', status: 'pending', summary: 'Incomplete', weight: 6 },
  // Not in the seen summaries; a payment still in flight reads as not yet complete.
  { kind: 'one_time_payment', status: 'processing', summary: 'Incomplete', weight: 3 },
  { kind: 'one_time_payment', status: 'canceled', summary: 'Canceled', weight: 4 },
  { kind: 'one_time_payment', status: 'rejected', summary: 'Canceled', weight: 2 },
  { kind: 'authorization', status: 'authorization_voided', summary: 'Voided', weight: 4 },
  { kind: 'authorization', status: 'authorization_expired', summary: 'Expired', weight: 3 },
  { kind: 'one_time_payment', status: 'captured', summary: 'Partially Refunded', weight: 8 },
  { kind: 'one_time_payment', status: 'captured', summary: 'Refunded', weight: 6 },
  { kind: 'one_time_payment', status: 'captured', summary: 'Disputed', weight: 3 },
  { kind: 'authorization', status: 'authorized', summary: 'Partially Captured', weight: 3 },
  { kind: 'one_time_payment', status: 'rejected', summary: 'Test', weight: 2 },
  { kind: 'authorization', status: 'captured', summary: 'Captured', weight: 8 },
  { kind: 'authorization', status: 'captured', summary: 'Partially Refunded', weight: 2 },
  { kind: 'authorization', status: 'captured', summary: 'Refunded', weight: 1 },
  { kind: 'authorization', status: 'pending', summary: 'Incomplete', weight: 2 },
  { kind: 'authorization', status: 'canceled', summary: 'Canceled', weight: 1 },
];

/** HSA/FSA-eligible products, prices in cents. */
const CATALOG: ReadonlyArray<{ name: string; sku: string; price: number; maxQuantity: number }> = [
  { name: 'Smart ring – Gen 3', sku: 'RING-G3', price: 29_900, maxQuantity: 1 },
  { name: 'Percussive massage gun', sku: 'MSG-MINI', price: 19_900, maxQuantity: 2 },
  { name: 'Sleep tracking band (12 mo)', sku: 'BAND-12', price: 23_900, maxQuantity: 1 },
  { name: 'Rowing machine', sku: 'ROW-01', price: 249_500, maxQuantity: 1 },
  { name: 'Infrared sauna blanket', sku: 'SAUNA-BL', price: 49_900, maxQuantity: 1 },
  { name: 'Greens powder (30 servings)', sku: 'GRN-30', price: 7_900, maxQuantity: 3 },
  { name: 'Whey protein – vanilla', sku: 'WPV-2LB', price: 5_499, maxQuantity: 4 },
  { name: 'Blue-light glasses', sku: 'BLG-01', price: 8_900, maxQuantity: 2 },
  { name: 'Massage gun attachment set', sku: 'MSG-ATT', price: 2_999, maxQuantity: 3 },
  { name: 'HEPA air filter', sku: 'HEPA-F', price: 3_450, maxQuantity: 4 },
  { name: 'Anti-fatigue standing mat', sku: 'MAT-AF', price: 4_999, maxQuantity: 2 },
  { name: 'Red-light therapy panel', sku: 'RLT-P', price: 39_900, maxQuantity: 1 },
  { name: 'Magnesium glycinate (90 ct)', sku: 'MAG-90', price: 2_495, maxQuantity: 4 },
  { name: 'Ergonomic chair', sku: 'CHR-ERG', price: 89_900, maxQuantity: 1 },
  { name: 'Compression recovery boots', sku: 'CRB-01', price: 69_900, maxQuantity: 1 },
  { name: 'Yoga mat – édition café', sku: 'YOGA-CF', price: 6_850, maxQuantity: 2 },
];

/** Customers, many with names that exercise Unicode handling (accents, ligatures, CJK, Cyrillic, apostrophes). */
const CUSTOMERS: ReadonlyArray<{ name: string; email: string }> = [
  { name: 'José Núñez', email: 'jose.nunez@example.com' },
  { name: 'Zoë Brontë', email: 'Zoe.Bronte@Example.org' },
  { name: 'Ætheling Ørsted', email: 'aetheling.orsted@example.dk' },
  { name: '李雷', email: 'li.lei@example.cn' },
  { name: 'Chloé Lefèvre', email: 'chloe.lefevre@example.fr' },
  { name: 'Jürgen Groß', email: 'juergen.gross@example.de' },
  { name: 'Łucja Wójcik', email: 'lucja.wojcik@example.pl' },
  { name: 'Đorđe Petrović', email: 'djordje.petrovic@example.rs' },
  { name: 'Siobhán Ó Briain', email: 'siobhan.obriain@example.ie' },
  { name: 'Nguyễn Thị Hoa', email: 'hoa.nguyen@example.vn' },
  { name: 'İlkay Şahin', email: 'ilkay.sahin@example.com.tr' },
  { name: 'Björn Åkesson', email: 'bjorn.akesson@example.se' },
  { name: 'Ana María Peña', email: 'anamaria.pena@example.mx' },
  { name: 'Олег Петров', email: 'oleg.petrov@example.com' },
  { name: '山田 花子', email: 'hanako.yamada@example.jp' },
  { name: 'Renée Holm', email: 'RENEE.HOLM@EXAMPLE.COM' },
  { name: "Dana O'Neil", email: 'dana.oneil@example.com' },
  { name: 'Priya Raman', email: 'priya.raman@example.in' },
  { name: 'Emily Carter', email: 'emily.carter@example.com' },
  { name: 'Marcus Webb', email: 'marcus.webb@example.com' },
  { name: 'Tomás Ruiz', email: 'tomas.ruiz@example.es' },
  { name: 'Mia Wong', email: 'mia.wong@example.com' },
  { name: 'Fatima Zahra', email: 'fatima.zahra@example.ma' },
  { name: 'Noah Smith', email: 'noah.smith@example.com' },
  { name: 'Olivia Johnson', email: 'olivia.johnson@example.com' },
  { name: 'Liam Brown', email: 'liam.brown@example.com' },
  { name: 'Sofia Rossi', email: 'sofia.rossi@example.it' },
  { name: 'Grace Kim', email: 'grace.kim@example.com' },
];

const REFUND_REASONS = ['customer_request', 'customer_request', 'customer_request', 'duplicate_payment', 'fraudulent'];
const OPEN_DISPUTE_STATUSES = ['needs_response', 'under_review'];
const DISPUTE_REASONS = ['fraudulent', 'product_not_received', 'unrecognized', 'duplicate'];

/** A line of the order while the session's history is being played out. */
interface Line {
  itemId: string;
  name: string;
  sku: string;
  price: number;
  quantity: number;
  capturedQuantity: number;
  refundedQuantity: number;
  refundedCents: number;
}

interface Customer {
  name: string;
  email: string;
  businessId: string;
  /** Payment tokens this customer has used, so a few sessions can share one. */
  tokens: string[];
}

interface DatasetContext {
  random: SeededRandom;
  now: number;
  customers: Customer[];
  usedIds: Set<string>;
  /** Sessions with a fee so far; every fifth fee is sent as a JSON number instead of a string. */
  feeCount: number;
}

/**
 * Builds a deterministic list of full Truemed payment sessions (every optional field filled in where the
 * session's state allows it), newest first.
 *
 * Guarantees: ids are unique `ps_` + 20 letters/digits; with 18 or more records every documented `status`,
 * both `kind`s and every `status_summary` below appear; amounts are integer cents and
 * `total_amount` is the sum of `price × quantity` over `order_items`; refunds are processed (`succeeded`)
 * and sum to at most `captured_amount` (exactly it when the summary is `Refunded`); items carry
 * `total_refundable`/`quantity_refundable` exactly when the session has `captured_on`, and
 * `total_capturable`/`quantity_capturable` exactly when `status` is `authorized`; `truemed_fee` is a
 * decimal-dollar string (every fifth one a JSON number, e.g. `0.1`) on sessions with money captured;
 * `authorized_on === captured_on` for `one_time_payment`; timestamps are ordered and never after `now`.
 *
 * Summaries by status: captured → Captured / Partially Refunded / Refunded / Disputed; authorized →
 * Authorized / Partially Captured; authorization_voided → Voided; authorization_expired → Expired;
 * pending and processing → Incomplete; canceled → Canceled; rejected → Canceled / Test.
 *
 * @example
 * const records = makeTruemedRecords({ count: 50, seed: 7 });
 */
export function makeTruemedRecords(options: MakeTruemedRecordsOptions = {}): TruemedPaymentSessionWire[] {
  const { count = 240, seed = 1 } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}.`);
  const random = createRandom(seed);
  const context: DatasetContext = {
    random,
    now: Number(options.now ?? FAKE_DATASET_NOW),
    customers: CUSTOMERS.map((customer) => ({ ...customer, businessId: `ub_${random.string(12)}`, tokens: [] })),
    usedIds: new Set(),
    feeCount: 0,
  };
  const scenarioWeights = SCENARIOS.map((scenario) => [scenario, scenario.weight] as const);
  const sessions: TruemedPaymentSessionWire[] = [];
  for (let index = 0; index < count; index += 1) {
    const scenario = SCENARIOS[index] ?? random.weighted(scenarioWeights);
    sessions.push(makeSession(context, scenario, index));
  }
  return sessions.sort(newestFirst);
}

/** Sort order of the list endpoint: newest `created_on` first (ties by id, so the order is total). */
export function newestFirst(a: TruemedPaymentSessionWire, b: TruemedPaymentSessionWire): number {
  const byDate = Date.parse(b.created_on) - Date.parse(a.created_on);
  if (byDate !== 0) return byDate;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function makeSession(context: DatasetContext, scenario: Scenario, index: number): TruemedPaymentSessionWire {
  const { random, now } = context;
  const { kind, status, summary } = scenario;

  /** A time `minMs`–`maxMs` after `from`, squeezed to stay in the past (and never before `from`). */
  const after = (from: number, minMs: number, maxMs: number): number => {
    const latest = Math.max(from, Math.min(from + maxMs, now - MINUTE));
    return random.int(Math.min(from + minMs, latest), latest);
  };

  // Open holds are recent and lapsed ones old, so the summaries agree with the dates.
  const youngest = now - (status === 'authorization_expired' ? AUTHORIZATION_LIFETIME + DAY : HOUR);
  const oldest = status === 'authorized' ? now - AUTHORIZATION_LIFETIME + DAY : now - HISTORY;
  const createdAt = random.int(oldest, youngest);

  const id = uniqueSessionId(context);
  const customer = random.pick(context.customers);
  const lines = makeLines(random, summary === 'Partially Captured' ? 2 : 1);
  const totalAmount = sum(lines.map((line) => line.price * line.quantity));

  let authorizedAt: number | undefined;
  let capturedAt: number | undefined;
  let lastEventAt = after(createdAt, MINUTE, 15 * MINUTE);
  switch (status) {
    case 'captured':
      authorizedAt = after(createdAt, MINUTE, 20 * MINUTE);
      capturedAt = kind === 'one_time_payment' ? authorizedAt : after(authorizedAt, HOUR, 6 * DAY);
      for (const line of lines) line.capturedQuantity = line.quantity;
      break;
    case 'authorized':
      authorizedAt = after(createdAt, MINUTE, 20 * MINUTE);
      if (summary === 'Partially Captured') {
        capturedAt = after(authorizedAt, HOUR, 2 * DAY);
        captureSomeUnits(random, lines);
      }
      break;
    case 'authorization_voided':
      authorizedAt = after(createdAt, MINUTE, 20 * MINUTE);
      lastEventAt = after(authorizedAt, HOUR, 5 * DAY);
      break;
    case 'authorization_expired':
      authorizedAt = after(createdAt, MINUTE, 20 * MINUTE);
      lastEventAt = after(authorizedAt, AUTHORIZATION_LIFETIME, AUTHORIZATION_LIFETIME);
      break;
    case 'canceled':
      lastEventAt = after(createdAt, 5 * MINUTE, 2 * DAY);
      break;
    default:
      // pending, processing and rejected happen within minutes of creation.
      break;
  }

  if (authorizedAt !== undefined) lastEventAt = Math.max(lastEventAt, authorizedAt);
  const capturedAmount = sum(lines.map((line) => line.price * line.capturedQuantity));
  let refunds: TruemedRefundWire[] = [];
  const disputes: TruemedDisputeWire[] = [];
  if (capturedAt !== undefined) {
    lastEventAt = Math.max(lastEventAt, capturedAt);
    if (summary === 'Partially Refunded') refunds = refundPartially(random, lines, capturedAt, after);
    if (summary === 'Refunded') refunds = refundFully(random, lines, capturedAt, after);
    const wonDispute = summary === 'Captured' && random.chance(0.08);
    if (summary === 'Disputed' || wonDispute) {
      disputes.push({
        id: `dp_${random.string(16)}`,
        amount: capturedAmount,
        status: wonDispute ? 'won' : random.pick(OPEN_DISPUTE_STATUSES),
        reason: random.pick(DISPUTE_REASONS),
        created_on: iso(after(capturedAt, DAY, 40 * DAY)),
      });
    }
    for (const entry of [...refunds, ...disputes]) {
      lastEventAt = Math.max(lastEventAt, Date.parse(entry.created_on as string));
    }
  }

  const orderId = `ORD-${10_000 + index}`;
  // A token exists once the customer entered a payment method: never for pending, sometimes for canceled.
  const hasToken = status !== 'pending' && (status !== 'canceled' || random.chance(0.5));
  const session: TruemedPaymentSessionWire = {
    id,
    kind,
    status,
    status_summary: summary,
    created_on: iso(createdAt),
    updated_on: iso(lastEventAt),
    ...(authorizedAt !== undefined ? { authorized_on: iso(authorizedAt) } : {}),
    ...(capturedAt !== undefined ? { captured_on: iso(capturedAt) } : {}),
    total_amount: totalAmount,
    ...(capturedAt !== undefined ? { captured_amount: capturedAmount } : {}),
    currency: 'USD',
    customer_name: customer.name,
    customer_email: customer.email,
    user_business_id: customer.businessId,
    order_id: orderId,
    ...(hasToken ? { payment_token: paymentToken(random, customer) } : {}),
    redirect_url: `https://shop.example.com/orders/${orderId}/complete`,
    order_items: lines.map((line) => toOrderItem(line, capturedAt !== undefined, status === 'authorized')),
    metadata: makeMetadata(random),
    refunds,
    disputes,
    ...(capturedAmount > 0 ? { truemed_fee: makeFee(context, capturedAmount) } : {}),
  };
  return session;
}

function uniqueSessionId(context: DatasetContext): string {
  let id: string;
  do id = `ps_${context.random.string(20)}`;
  while (context.usedIds.has(id));
  context.usedIds.add(id);
  return id;
}

/** 1–4 distinct products; `minUnits` forces enough units to capture only some of them. */
function makeLines(random: SeededRandom, minUnits: number): Line[] {
  const products = random.shuffle(CATALOG).slice(0, random.weighted([[1, 5], [2, 3], [3, 2], [4, 1]]));
  const lines = products.map((product) => ({
    itemId: `item_${random.string(10)}`,
    name: product.name,
    sku: product.sku,
    price: product.price,
    quantity: random.int(1, product.maxQuantity),
    capturedQuantity: 0,
    refundedQuantity: 0,
    refundedCents: 0,
  }));
  const first = lines[0] as Line;
  const units = sum(lines.map((line) => line.quantity));
  if (units < minUnits) first.quantity += minUnits - units;
  return lines;
}

/** Captures at least one unit and leaves at least one open, filling lines in order. */
function captureSomeUnits(random: SeededRandom, lines: Line[]): void {
  let toCapture = random.int(1, sum(lines.map((line) => line.quantity)) - 1);
  for (const line of lines) {
    line.capturedQuantity = Math.min(line.quantity, toCapture);
    toCapture -= line.capturedQuantity;
  }
}

type After = (from: number, minMs: number, maxMs: number) => number;

/** One or two refunds that leave part of the captured money refundable. */
function refundPartially(random: SeededRandom, lines: Line[], capturedAt: number, after: After): TruemedRefundWire[] {
  const amounts: number[] = [];
  const capturedUnits = sum(lines.map((line) => line.capturedQuantity));
  const line = random.pick(lines.filter((candidate) => candidate.capturedQuantity > 0));
  if (capturedUnits >= 2 && random.chance(0.6)) {
    // Whole units come back, but never every unit of the order.
    const maxUnits = line.capturedQuantity === capturedUnits ? line.capturedQuantity - 1 : line.capturedQuantity;
    const units = random.int(1, maxUnits);
    line.refundedQuantity += units;
    line.refundedCents += units * line.price;
    amounts.push(units * line.price);
  } else {
    // A goodwill refund of part of one line's value; its units stay refundable.
    amounts.push(refundPartOfLine(random, line));
  }
  const stillRefundable = lines.filter((candidate) => remainingCents(candidate) >= 2);
  if (stillRefundable.length > 0 && random.chance(0.25)) amounts.push(refundPartOfLine(random, random.pick(stillRefundable)));
  return toRefunds(random, amounts, capturedAt, after);
}

/** Takes 10–50 % of a line's remaining value (at least a cent, never all of it). */
function refundPartOfLine(random: SeededRandom, line: Line): number {
  const remaining = remainingCents(line);
  const amount = Math.min(remaining - 1, Math.max(1, Math.round((remaining * random.int(10, 50)) / 100)));
  line.refundedCents += amount;
  return amount;
}

/** Refunds everything captured, in one refund or one per line. */
function refundFully(random: SeededRandom, lines: Line[], capturedAt: number, after: After): TruemedRefundWire[] {
  const perLine = lines.map(remainingCents).filter((cents) => cents > 0);
  const amounts = random.chance(0.5) ? [sum(perLine)] : perLine;
  for (const line of lines) {
    line.refundedQuantity = line.capturedQuantity;
    line.refundedCents = line.capturedQuantity * line.price;
  }
  return toRefunds(random, amounts, capturedAt, after);
}

function toRefunds(random: SeededRandom, amounts: number[], capturedAt: number, after: After): TruemedRefundWire[] {
  let at = capturedAt;
  return amounts.map((amount) => {
    at = after(at, HOUR, 20 * DAY);
    return {
      id: `re_${random.string(16)}`,
      amount,
      status: 'succeeded',
      reason: random.pick(REFUND_REASONS),
      created_on: iso(at),
    };
  });
}

function remainingCents(line: Line): number {
  return line.capturedQuantity * line.price - line.refundedCents;
}

function toOrderItem(line: Line, captured: boolean, openAuthorization: boolean): TruemedOrderItemWire {
  const item: TruemedOrderItemWire = {
    item_id: line.itemId,
    name: line.name,
    sku: line.sku,
    price: line.price,
    quantity: line.quantity,
  };
  if (captured) {
    item.total_refundable = remainingCents(line);
    item.quantity_refundable = line.capturedQuantity - line.refundedQuantity;
  }
  if (openAuthorization) {
    item.quantity_capturable = line.quantity - line.capturedQuantity;
    item.total_capturable = item.quantity_capturable * line.price;
  }
  return item;
}

/** A fresh token, or now and then one this customer used before (a saved payment method). */
function paymentToken(random: SeededRandom, customer: Customer): string {
  if (customer.tokens.length > 0 && random.chance(0.08)) return random.pick(customer.tokens);
  const token = `pt_${random.string(24)}`;
  customer.tokens.push(token);
  return token;
}

function makeMetadata(random: SeededRandom): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    channel: random.pick(['web', 'web', 'ios', 'android', 'phone']),
    cart_id: `cart_${random.string(12)}`,
    letter_of_medical_necessity: random.chance(0.7),
  };
  if (random.chance(0.3)) metadata.campaign = random.pick(['WELCOME10', 'HSA-FALL', 'ÉTÉ-2026']);
  if (random.chance(0.2)) metadata.note = random.pick(['Livraison prévue – mardi', 'Gift wrap, please', '请尽快发货']);
  return metadata;
}

/** 2.9–5 % of the captured amount, in dollars with exactly two decimals. */
function makeFee(context: DatasetContext, capturedCents: number): string | number {
  const basisPoints = context.random.int(290, 500);
  const feeCents = Math.max(1, Math.round((capturedCents * basisPoints) / 10_000));
  const dollars = `${Math.floor(feeCents / 100)}.${String(feeCents % 100).padStart(2, '0')}`;
  context.feeCount += 1;
  // Some APIs serialize decimals as JSON numbers; those exercise float-safe parsing (0.29 * 100 !== 29).
  return context.feeCount % 5 === 0 ? Number(dollars) : dollars;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
