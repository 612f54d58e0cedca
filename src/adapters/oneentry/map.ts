/**
 * One OneEntry session entity (current or legacy shape) → one {@link PaymentSession}. Total: any JSON in,
 * a session or reasons out. `clientSecret` is never read and never copied, not even into `raw`.
 */
import * as v from 'valibot';
import { normalizeCurrency } from '../../core/money';
import { isPlainRecord, sanitizeRaw } from '../../core/sanitize';
import type { LineItem, Money, PaymentSession } from '../../core/types';
import { describeIssues, describeJsonType } from '../issues';
import { majorMoney, minorMoney } from '../money';
import { assignDefined, readableId, type MapResult } from '../records';
import { MAX_EMBEDDED_JSON_LENGTH } from '../text';
import {
  oneEntryIntentSchema,
  oneEntryLineItemSchema,
  oneEntrySessionSchema,
  type OneEntryAmountUnit,
  type OneEntrySessionParsed,
} from './schema';
import { normalizeOneEntryStatus } from './status';

/** How to read OneEntry amounts, which carry no unit and (on current entities) no currency. */
export interface OneEntryMapOptions {
  /** ISO 4217 code for amounts that do not name one. @defaultValue 'USD' */
  currency?: string;
  /** `major` (`12.5` → 1250 cents) or `minor` (already cents). @defaultValue 'major' */
  amountUnit?: OneEntryAmountUnit;
}

/**
 * Builds the mapper for one configuration (the schemas are built once, not per record).
 *
 * - `amount` ← the entity's `amount`, else the legacy `intent.amount` (with `intent.currency` when valid),
 *   read in `amountUnit` and converted with string arithmetic;
 * - `capturedAmount` ← `amount` when the status means paid (`completed`, `paid`, …);
 * - `kind` ← `type`; `createdAt`/`updatedAt` ← `createdDate`/`updatedDate`; `orderId` as a string;
 * - `items` ← the legacy `lineItems`; `paymentUrl` only when http(s);
 * - `sessionId`, `successUrl`, `cancelUrl` stay in `raw` only (URL fields there only when http(s), else
 *   `null`: see `sanitizeRaw`); `clientSecret` is nowhere;
 * - `raw.intent` given as JSON text becomes the object it encodes (secrets removed), or is left out when
 *   that text is not a readable JSON object.
 *
 * @throws RangeError for a currency that is not an ISO 4217 code or an unknown `amountUnit`.
 */
export function createOneEntryMapper(options: OneEntryMapOptions = {}): (record: unknown) => MapResult<PaymentSession> {
  const currency = normalizeCurrency(options.currency ?? 'USD');
  if (currency === undefined) {
    throw new RangeError(`currency must be an ISO 4217 code like "USD", got ${JSON.stringify(options.currency)}.`);
  }
  const unit = options.amountUnit ?? 'major';
  if (unit !== 'major' && unit !== 'minor') {
    throw new RangeError(`amountUnit must be "major" or "minor", got ${JSON.stringify(unit)}.`);
  }
  const sessionSchema = oneEntrySessionSchema(unit);
  const intentSchema = oneEntryIntentSchema(unit);
  const lineItemSchema = oneEntryLineItemSchema(unit);
  const toMoney = (value: unknown, code: string): Money | undefined =>
    unit === 'minor' ? minorMoney(typeof value === 'number' ? value : undefined, code) : majorMoney(value, code);

  const toLineItem = (entry: unknown, sessionCurrency: string): LineItem[] => {
    const parsed = v.safeParse(lineItemSchema, entry);
    if (!parsed.success) return [];
    const wire = parsed.output;
    const name = wire.name ?? wire.description ?? wire.title;
    if (name === undefined) return [];
    const quantity = wire.quantity ?? 1;
    const unitPrice = wire.amount === undefined ? undefined : toMoney(wire.amount, wire.currency ?? sessionCurrency);
    const total = unitPrice ? unitPrice.amountMinor * quantity : undefined;
    const item: LineItem = { name, quantity };
    assignDefined(item, {
      sku: wire.sku,
      unitPrice,
      total: unitPrice && total !== undefined ? minorMoney(total, unitPrice.currency) : undefined,
    });
    return [item];
  };

  return (record: unknown): MapResult<PaymentSession> => {
    if (!isPlainRecord(record)) {
      return { ok: false, issues: [`record must be an object, got ${describeJsonType(record)}`] };
    }
    const parsed = v.safeParse(sessionSchema, record);
    const intent = parsed.success ? readIntent(parsed.output.intent) : undefined;
    const intentCheck = intent === undefined ? undefined : v.safeParse(intentSchema, intent);
    if (!parsed.success || (intentCheck && !intentCheck.success)) {
      const issues = [
        ...(parsed.success ? [] : describeIssues(parsed.issues)),
        ...(intentCheck && !intentCheck.success ? describeIssues(intentCheck.issues).map((issue) => `intent.${issue}`) : []),
      ];
      const id = readableId(record);
      return { ok: false, ...(id === undefined ? {} : { id }), issues };
    }
    const wire: OneEntrySessionParsed = parsed.output;
    const sessionCurrency = wire.currency ?? currency;
    const parsedIntent = intentCheck?.success ? intentCheck.output : undefined;
    const amount =
      wire.amount !== undefined
        ? toMoney(wire.amount, sessionCurrency)
        : parsedIntent?.amount !== undefined
          ? toMoney(parsedIntent.amount, parsedIntent.currency ?? sessionCurrency)
          : undefined;
    const status = normalizeOneEntryStatus(wire.status);
    const raw = sanitizeRaw(record);
    // A legacy `intent` sent as JSON text is kept as the object it encodes (cleaned like the rest of `raw`),
    // or not at all when it cannot be read: text nobody parsed could carry a client secret.
    if (typeof record.intent === 'string') {
      if (intent === undefined) delete raw.intent;
      else raw.intent = sanitizeRaw(intent);
    }

    const session: PaymentSession = {
      id: wire.id,
      source: 'oneentry',
      status,
      rawStatus: wire.status,
      items: (wire.lineItems ?? []).flatMap((entry) => toLineItem(entry, sessionCurrency)),
      refunds: [],
      disputes: [],
      raw,
    };
    assignDefined(session, {
      kind: wire.type,
      createdAt: wire.createdDate,
      updatedAt: wire.updatedDate,
      amount,
      capturedAmount: status === 'captured' ? amount : undefined,
      orderId: wire.orderId,
      paymentUrl: wire.paymentUrl,
    });
    return { ok: true, value: session };
  };
}

/**
 * The legacy `intent` as an object: given as one, or as a JSON string (parsed only when small, and only
 * kept when it is an object). Anything else is treated as absent.
 */
function readIntent(intent: string | Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (intent === undefined || isPlainRecord(intent)) return intent;
  if (intent.length > MAX_EMBEDDED_JSON_LENGTH) return undefined;
  try {
    const parsed: unknown = JSON.parse(intent);
    return isPlainRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Maps one OneEntry session entity with the given options (USD, major units by default).
 * For many records, build the mapper once with {@link createOneEntryMapper}.
 */
export function mapOneEntrySession(record: unknown, options?: OneEntryMapOptions): MapResult<PaymentSession> {
  return createOneEntryMapper(options)(record);
}
