/** Amounts read from a backend as the model's {@link Money}: minor units, never floating-point cents. */
import { currencyExponent, parseDecimalToMinor } from '../core/money';
import type { Money } from '../core/types';

/** `Money` from minor units, or `undefined` when the amount is missing or not a safe integer. */
export function minorMoney(amountMinor: number | undefined, currency: string): Money | undefined {
  if (amountMinor === undefined || !Number.isSafeInteger(amountMinor)) return undefined;
  return { amountMinor, currency };
}

/** `Money` from a decimal in major units (string arithmetic, never `x * 100`), or `undefined`. */
export function majorMoney(value: unknown, currency: string): Money | undefined {
  return minorMoney(parseDecimalToMinor(value, currencyExponent(currency)), currency);
}

/** Sums minor amounts, or `undefined` when the sum would not be a safe integer. */
export function sumMinor(amounts: readonly number[]): number | undefined {
  let total = 0;
  for (const amount of amounts) {
    total += amount;
    if (!Number.isSafeInteger(total)) return undefined;
  }
  return total;
}
