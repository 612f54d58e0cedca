/**
 * A fake of the OneEntry SDK's `Payments` module and a deterministic dataset of its session entities, in the
 * current shape, the legacy shape from the SDK's own docs, or a mix (real servers send either).
 */
import type {
  OneEntryErrorWire,
  OneEntryLegacySessionWire,
  OneEntryPaymentsLike,
  OneEntrySessionWire,
  OneEntrySessionsResponseWire,
} from '../adapters/oneentry/wire';
import { createRandom, type SeededRandom } from './random';
import { FAKE_DATASET_NOW } from './truemed-data';

/** A session entity in either shape. */
export type OneEntryRecord = OneEntrySessionWire | OneEntryLegacySessionWire;

/** Which entity shape to generate. */
export type OneEntryShape = 'current' | 'legacy' | 'mixed';

/** Options of {@link makeOneEntryRecords}. */
export interface MakeOneEntryRecordsOptions {
  /** How many sessions. @defaultValue 120 */
  count?: number;
  /** Same seed, same records. @defaultValue 1 */
  seed?: number;
  /** Entity shape; `mixed` is about one legacy record in four. @defaultValue 'mixed' */
  shape?: OneEntryShape;
  /** The dataset's "today": sessions fall in the ~6 months before it. @defaultValue `Date.UTC(2026, 10, 1)` */
  now?: number | Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Statuses are free text on OneEntry; the last three are ones an adapter will not know. */
const STATUS_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['completed', 50],
  ['waiting', 20],
  ['pending', 18],
  ['refund_requested', 4],
  ['canceled', 4],
  ['expired', 4],
];
/** The first records take these in turn, so every dataset of at least four records has each kind of status. */
const GUARANTEED_STATUSES = ['completed', 'waiting', 'pending', 'refund_requested'];

const PRODUCTS: ReadonlyArray<{ name: string; cents: number }> = [
  { name: 'Consultation – 30 min', cents: 4_999 },
  { name: 'Annual membership', cents: 19_900 },
  { name: 'Café crème beans (1 kg)', cents: 2_450 },
  { name: 'Gift card', cents: 5_000 },
  { name: 'Workshop ticket', cents: 12_995 },
  { name: 'Shipping', cents: 795 },
];

/**
 * Builds deterministic OneEntry session entities, newest first (ids grow with time). Clean data only:
 * every `paymentUrl` is an https URL or `null` (intents have no hosted page), amounts are major units with
 * cents (e.g. `49.99`), and every record carries a `clientSecret` (`pi_…_secret_…`) as the real API does,
 * so consumers can prove they never show it. Statuses are `completed`, `waiting`, `pending` and a few an
 * adapter will not know (`refund_requested`, `canceled`, `expired`).
 *
 * @example
 * const legacy = makeOneEntryRecords({ count: 10, shape: 'legacy' });
 */
export function makeOneEntryRecords(options: MakeOneEntryRecordsOptions & { shape: 'current' }): OneEntrySessionWire[];
export function makeOneEntryRecords(options: MakeOneEntryRecordsOptions & { shape: 'legacy' }): OneEntryLegacySessionWire[];
export function makeOneEntryRecords(options?: MakeOneEntryRecordsOptions): OneEntryRecord[];
export function makeOneEntryRecords(options: MakeOneEntryRecordsOptions = {}): OneEntryRecord[] {
  const { count = 120, seed = 1, shape = 'mixed' } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}.`);
  const now = Number(options.now ?? FAKE_DATASET_NOW);
  const random = createRandom(seed);
  const createdTimes = Array.from({ length: count }, () => random.int(now - 182 * DAY, now - HOUR)).sort((a, b) => a - b);

  const records: OneEntryRecord[] = [];
  let id = random.int(1_000, 2_000);
  createdTimes.forEach((createdAt, index) => {
    id += random.int(1, 3);
    const status = GUARANTEED_STATUSES[index] ?? random.weighted(STATUS_WEIGHTS);
    // In a mix, the first two records are one of each shape so even tiny datasets mix.
    const legacy = shape === 'legacy' || (shape === 'mixed' && (index < 2 ? index === 1 : random.chance(0.25)));
    const base = { random, id, status, createdAt, orderId: 500 + index, now };
    records.push(legacy ? makeLegacy(base) : makeCurrent(base));
  });
  return records.reverse();
}

interface RecordBase {
  random: SeededRandom;
  id: number;
  status: string;
  createdAt: number;
  orderId: number;
  now: number;
}

function makeCurrent({ random, id, status, createdAt, orderId, now }: RecordBase): OneEntrySessionWire {
  const type = random.chance(0.75) ? 'session' : 'intent';
  const cents = random.int(5, 900) * 100 + random.pick([0, 99, 49, 95, 50]);
  return {
    id,
    createdDate: new Date(createdAt).toISOString(),
    updatedDate: new Date(Math.min(now, createdAt + random.int(0, 3 * DAY))).toISOString(),
    type,
    status,
    paymentAccountId: random.int(1, 3),
    orderId,
    paymentUrl: type === 'session' ? `https://checkout.stripe.com/c/pay/cs_test_${random.string(58)}` : null,
    amount: cents / 100,
    clientSecret: clientSecret(random),
  };
}

function makeLegacy({ random, id, status, createdAt, orderId, now }: RecordBase): OneEntryLegacySessionWire {
  const type = random.chance(0.75) ? 'session' : 'intent';
  const lineItems = random.shuffle(PRODUCTS).slice(0, random.int(1, 3)).map((product) => ({
    name: product.name,
    quantity: random.int(1, 3),
    amount: product.cents / 100,
    currency: 'usd',
  }));
  // Summed in cents: adding the dollar amounts as floats would drift.
  const totalCents = lineItems.reduce((sum, item) => sum + Math.round(item.amount * 100) * item.quantity, 0);
  const sessionId = random.string(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  return {
    id,
    updatedDate: new Date(Math.min(now, createdAt + random.int(0, 3 * DAY))).toISOString(),
    version: random.int(1, 12),
    identifier: `payment-session-${id}`,
    type,
    lineItems,
    orderId,
    paymentAccountId: random.int(1, 3),
    status,
    sessionId,
    paymentUrl: type === 'session' ? `https://www.sandbox.paypal.com/checkoutnow?token=${sessionId}` : null,
    successUrl: 'https://shop.example.com/checkout/success',
    cancelUrl: 'https://shop.example.com/checkout/cancel',
    intent: { amount: totalCents / 100, currency: 'usd' },
    intentId: random.int(1, 5_000),
    clientSecret: clientSecret(random),
  };
}

/** Looks like a Stripe PaymentIntent client secret. Fake, but must be treated as a real secret. */
function clientSecret(random: SeededRandom): string {
  return `pi_${random.string(24)}_secret_${random.string(25)}`;
}

/**
 * What the fake should do instead of answering, each the way the SDK (with its default `isShell: true`)
 * hands it over: an error body is resolved as is; `'network'` resolves a `TypeError('Failed to fetch')`
 * instance (a refused connection, offline, CORS); `'not-json'` resolves the `SyntaxError` instance of an
 * error body that is not JSON. With `isShell: false` each is thrown instead.
 */
export type FakeOneEntryFailure = OneEntryErrorWire | 'network' | 'not-json';

/** Options of {@link createFakeOneEntryPayments}. */
export interface FakeOneEntryPaymentsOptions {
  /** How many generated sessions, or the exact records (served in the given order). @defaultValue 120 */
  sessions?: number | readonly OneEntryRecord[];
  /** Seed of the generated dataset. @defaultValue 1 */
  seed?: number;
  /** Shape of the generated dataset. @defaultValue 'mixed' */
  shape?: OneEntryShape;
  /** Start out failing (see {@link FakeOneEntryPayments.setFailWith}). */
  failWith?: FakeOneEntryFailure;
  /** Delay before every answer. @defaultValue 0 */
  latencyMs?: number;
  /** A server-side cap on `limit` (real servers may have one); larger requests get at most this many items. */
  serverLimit?: number;
  /** Resolve a bare array instead of `{ total, items }`, like SDKs up to 1.0.79. @defaultValue false */
  legacyBareArray?: boolean;
  /** The SDK's `errors.isShell`: `true` resolves failures, `false` throws them. @defaultValue true */
  isShell?: boolean;
  /**
   * The SDK's `validation: { enabled: true, strictMode: true }`: a `getSessions` page whose items are not
   * the current entity shape (the SDK's zod schema: numeric `id`, `orderId`, `paymentAccountId`, string
   * `status`, `type`, `createdDate`, `updatedDate`, `paymentUrl` string or null) resolves
   * `{ statusCode: 422, message: 'Response validation failed', validationErrors }`. @defaultValue false
   */
  validation?: boolean;
}

/** One `getSessions` call as received. */
export interface OneEntryCall {
  offset: number;
  limit: number;
}

/** A fake of the SDK's `Payments` module; see {@link createFakeOneEntryPayments}. */
export interface FakeOneEntryPayments extends OneEntryPaymentsLike {
  /** Resolves a page `{ total, items }` (or a bare array), or the failure the SDK resolves (see {@link FakeOneEntryFailure}). */
  getSessions(offset?: number, limit?: number): Promise<OneEntrySessionsResponseWire | OneEntryRecord[] | OneEntryErrorWire | Error>;
  /** Resolves one session, or a resolved 404 error object when there is none with that id. */
  getSessionById(id: number): Promise<OneEntryRecord | OneEntryErrorWire | Error>;
  /** The full dataset in serving order. */
  readonly records: readonly OneEntryRecord[];
  /** Every `getSessions` call, in order, with the defaults applied. */
  readonly calls: OneEntryCall[];
  /** Changes the failure mode for the following calls; `undefined`/`null` answers normally again. */
  setFailWith(failWith: FakeOneEntryFailure | null | undefined): void;
}

/**
 * Creates a fake `Payments` module with the SDK's habits: `getSessions(offset = 0, limit = 30)` resolves
 * `{ total, items }`; with `failWith` set it *resolves* `{ statusCode, message, pageData: null, timestamp }`
 * (the default `isShell: true` behaviour), `'network'` the `TypeError('Failed to fetch')` instance and
 * `'not-json'` a `SyntaxError` instance, as the real SDK does; a negative or fractional offset/limit
 * resolves a 400 error object. Returned items are copies. For the real SDK over HTTP, see
 * `createFakeOneEntryApi`.
 *
 * @example
 * const payments = createFakeOneEntryPayments({ sessions: 45, serverLimit: 10 });
 * const fetcher = createOneEntryFetcher(payments);
 */
export function createFakeOneEntryPayments(options: FakeOneEntryPaymentsOptions = {}): FakeOneEntryPayments {
  const { sessions = 120, seed = 1, shape = 'mixed', latencyMs = 0, serverLimit, legacyBareArray = false, isShell = true, validation = false } = options;
  const records: readonly OneEntryRecord[] =
    typeof sessions === 'number' ? makeOneEntryRecords({ count: sessions, seed, shape }) : [...sessions];
  const calls: OneEntryCall[] = [];
  let failWith: FakeOneEntryFailure | undefined = options.failWith;

  /** Resolves (isShell) or throws (not) what the SDK hands over for a failure. */
  const handOver = <T>(value: T): T => {
    if (isShell) return value;
    throw value;
  };
  /** Waits, then returns the failure to hand over, if any. */
  const begin = async (): Promise<OneEntryErrorWire | Error | undefined> => {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (failWith === undefined) return undefined;
    // The same errors the SDK's fetch would catch: a failed fetch, an unreadable error body.
    if (failWith === 'network') return new TypeError('Failed to fetch');
    if (failWith === 'not-json') return new SyntaxError('Unexpected token \'<\', "<html><bod"... is not valid JSON');
    return resolvedError(failWith.statusCode, failWith.message, failWith);
  };

  return {
    records,
    calls,
    async getSessions(offset = 0, limit = 30) {
      calls.push({ offset, limit });
      const failure = await begin();
      if (failure) return handOver(failure);
      for (const [name, value] of [['offset', offset], ['limit', limit]] as const) {
        if (!Number.isInteger(value) || value < 0) {
          return handOver(resolvedError(400, `${name} must be a non-negative integer, got ${String(value)}.`));
        }
      }
      const served = serverLimit === undefined ? limit : Math.min(limit, serverLimit);
      const items = records.slice(offset, offset + served).map((record) => structuredClone(record));
      if (validation && !legacyBareArray) {
        const validationErrors = items.flatMap((item, index) => currentShapeIssues(item, index));
        if (validationErrors.length > 0) {
          return handOver({
            ...resolvedError(422, 'Response validation failed'),
            localizeMessage: validationErrors.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join(', '),
            validationErrors,
          });
        }
      }
      return legacyBareArray ? items : { total: records.length, items };
    },
    async getSessionById(id) {
      const failure = await begin();
      if (failure) return handOver(failure);
      const found = records.find((record) => record.id === id);
      return found ? structuredClone(found) : handOver(resolvedError(404, `Payment session ${String(id)} not found.`));
    },
    setFailWith(next) {
      failWith = next ?? undefined;
    },
  };
}

/** The fields the SDK's `PaymentSessionSchema` (zod) requires, as zod would word what is wrong. */
const CURRENT_SHAPE: ReadonlyArray<readonly [string, (value: unknown) => boolean, string]> = [
  ['id', (value) => typeof value === 'number', 'number'],
  ['orderId', (value) => typeof value === 'number', 'number'],
  ['status', (value) => typeof value === 'string', 'string'],
  ['createdDate', (value) => typeof value === 'string', 'string'],
  ['updatedDate', (value) => typeof value === 'string', 'string'],
  ['type', (value) => typeof value === 'string', 'string'],
  ['paymentAccountId', (value) => typeof value === 'number', 'number'],
  ['paymentUrl', (value) => typeof value === 'string' || value === null, 'string'],
];

function currentShapeIssues(item: OneEntryRecord, index: number): Array<{ path: Array<string | number>; message: string }> {
  const record = item as unknown as Record<string, unknown>;
  return CURRENT_SHAPE.flatMap(([field, ok, expected]) =>
    ok(record[field]) ? [] : [{ path: ['items', index, field], message: `Invalid input: expected ${expected}, received ${record[field] === null ? 'null' : typeof record[field]}` }],
  );
}

function resolvedError(statusCode: number, message: string, extra?: Partial<OneEntryErrorWire>): OneEntryErrorWire {
  return { statusCode, message, pageData: null, timestamp: new Date().toISOString(), ...extra };
}
