import type { Money } from './types';

const CURRENCY_CODE = /^[A-Z]{3}$/;
const exponentCache = new Map<string, number>();

/** Whether `code` looks like an ISO 4217 code (three upper-case letters). */
export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && CURRENCY_CODE.test(code);
}

/**
 * Normalizes a currency code (`"usd"` → `"USD"`), or returns `undefined` for anything that is not one.
 */
export function normalizeCurrency(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  const upper = code.trim().toUpperCase();
  return isCurrencyCode(upper) ? upper : undefined;
}

/**
 * How many minor-unit digits a currency has (USD 2, JPY 0, KWD 3), from `Intl` so it follows ISO 4217
 * without a table of our own. Unknown codes fall back to 2.
 */
export function currencyExponent(currency: string): number {
  const cached = exponentCache.get(currency);
  if (cached !== undefined) return cached;
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An invalid code throws a RangeError; the caller validated the shape, so keep the common default.
  }
  exponentCache.set(currency, digits);
  return digits;
}

/** A `Money`, after checking the amount is a safe integer and the currency a valid code. */
export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`amountMinor must be a safe integer number of minor units, got ${String(amountMinor)}.`);
  }
  const code = normalizeCurrency(currency);
  if (!code) throw new RangeError(`currency must be an ISO 4217 code like "USD", got ${JSON.stringify(currency)}.`);
  return { amountMinor, currency: code };
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;
const SCIENTIFIC = /^([+-])?(\d+)(?:\.(\d+))?e([+-]?\d+)$/i;

/** Expands `1.5e-7` into `0.00000015` so the decimal parser never sees a float's binary error. */
function expandScientific(text: string): string {
  const match = SCIENTIFIC.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exp = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Converts a decimal amount in major units (`"12.34"`, `12.34`, `"0.1"`) into integer minor units
 * using string arithmetic, so `0.1` dollars is exactly 10 cents and never `10.000000000000002`.
 * Digits beyond the currency's precision are rounded half away from zero.
 * Returns `undefined` for anything that is not a finite decimal or would not be a safe integer.
 *
 * @example
 * parseDecimalToMinor('0.1', 2) + parseDecimalToMinor('0.2', 2) // 30, exactly
 */
export function parseDecimalToMinor(value: unknown, exponent = 2): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // String(0.1) is "0.1": the shortest round-tripping form, which is what the sender meant.
    text = expandScientific(String(value));
  } else if (typeof value === 'string') {
    text = expandScientific(value.trim());
  } else {
    return undefined;
  }
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const roundUp = (fraction[exponent] ?? '0') >= '5';
  let minor = Number(whole + kept) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(minor)) return undefined;
  if (sign === '-' && minor !== 0) minor = -minor;
  return minor;
}

/**
 * Writes integer minor units as a plain decimal string in major units: `1234, "USD"` → `"12.34"`,
 * `1234, "JPY"` → `"1234"`, `-5, "USD"` → `"-0.05"`. For CSV and machine-readable output.
 */
export function minorToDecimalString(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amountMinor must be a safe integer, got ${String(amountMinor)}.`);
  const exponent = currencyExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor));
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

const formatterCache = new Map<string, Intl.NumberFormat>();

/**
 * Formats money for display with `Intl.NumberFormat` (`{ amountMinor: 123456, currency: 'EUR' }`, `de-DE`
 * → `1.234,56 €`). The decimal string is handed to `Intl`, so no float division happens.
 */
export function formatMoney(value: Money, locale?: string, options?: Intl.NumberFormatOptions): string {
  const key = `${locale ?? ''}|${value.currency}|${options ? JSON.stringify(options) : ''}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency, ...options });
    formatterCache.set(key, formatter);
  }
  return formatter.format(minorToDecimalString(value.amountMinor, value.currency) as Intl.StringNumericLiteral);
}

/** Adds two amounts of the same currency; throws on mixed currencies or an unsafe result. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError(`Cannot add ${a.currency} to ${b.currency}.`);
  return money(a.amountMinor + b.amountMinor, a.currency);
}
