import { describe, expect, it } from 'vitest';
import {
  addMoney,
  currencyExponent,
  formatMoney,
  minorToDecimalString,
  money,
  normalizeCurrency,
  parseDecimalToMinor,
} from '../../src/core/money';

describe('parseDecimalToMinor', () => {
  it('adds 0.1 and 0.2 dollars to exactly 30 cents (no float error)', () => {
    const a = parseDecimalToMinor('0.1');
    const b = parseDecimalToMinor('0.2');
    expect(a).toBe(10);
    expect(b).toBe(20);
    expect(a! + b!).toBe(30);
    // The float way would not be exact: this documents why we parse strings.
    expect((0.1 + 0.2) * 100).not.toBe(30);
  });

  it('reads numbers through their shortest decimal form', () => {
    expect(parseDecimalToMinor(0.1)).toBe(10);
    expect(parseDecimalToMinor(1.005)).toBe(101); // "1.005" → half away from zero
    expect(parseDecimalToMinor(19.99)).toBe(1999);
    expect(parseDecimalToMinor(4.35)).toBe(435); // 4.35 * 100 = 434.99999999999994 with floats
    expect(parseDecimalToMinor(1e21)).toBeUndefined(); // beyond safe integers
    expect(parseDecimalToMinor(1.5e-7)).toBe(0);
    expect(parseDecimalToMinor(2.5e2)).toBe(25000);
  });

  it('rounds extra digits half away from zero, for either sign', () => {
    expect(parseDecimalToMinor('3.475')).toBe(348);
    expect(parseDecimalToMinor('3.474')).toBe(347);
    expect(parseDecimalToMinor('-3.475')).toBe(-348);
    expect(parseDecimalToMinor('-0.001')).toBe(0);
    expect(Object.is(parseDecimalToMinor('-0.001'), -0)).toBe(false);
  });

  it('honours the currency exponent', () => {
    expect(parseDecimalToMinor('1234', 0)).toBe(1234);
    expect(parseDecimalToMinor('1234.5', 0)).toBe(1235);
    expect(parseDecimalToMinor('1.2345', 3)).toBe(1235);
    expect(parseDecimalToMinor('  12.30 ')).toBe(1230);
    expect(parseDecimalToMinor('+7')).toBe(700);
  });

  it.each([['abc'], [''], ['1,5'], ['1.2.3'], ['0x10'], ['Infinity'], [Number.NaN], [Infinity], [null], [undefined], [{}], [[]], [true], ['9'.repeat(30)]])(
    'returns undefined for %p',
    (value) => {
      expect(parseDecimalToMinor(value)).toBeUndefined();
    },
  );
});

describe('minorToDecimalString', () => {
  it('writes major units with the currency precision', () => {
    expect(minorToDecimalString(1234, 'USD')).toBe('12.34');
    expect(minorToDecimalString(5, 'USD')).toBe('0.05');
    expect(minorToDecimalString(-5, 'USD')).toBe('-0.05');
    expect(minorToDecimalString(0, 'EUR')).toBe('0.00');
    expect(minorToDecimalString(1234, 'JPY')).toBe('1234');
    expect(minorToDecimalString(1234, 'KWD')).toBe('1.234');
  });

  it('round-trips through parseDecimalToMinor', () => {
    for (const cents of [0, 1, 99, 100, 123456789, -42]) {
      expect(parseDecimalToMinor(minorToDecimalString(cents, 'USD'))).toBe(cents);
    }
  });

  it('refuses a non-integer amount', () => {
    expect(() => minorToDecimalString(1.5, 'USD')).toThrow(RangeError);
  });
});

describe('currencies', () => {
  it('knows exponents from Intl', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('BHD')).toBe(3);
  });

  it('normalizes codes and rejects non-codes', () => {
    expect(normalizeCurrency('usd')).toBe('USD');
    expect(normalizeCurrency(' eur ')).toBe('EUR');
    expect(normalizeCurrency('dollars')).toBeUndefined();
    expect(normalizeCurrency(840)).toBeUndefined();
  });

  it('money() validates both parts', () => {
    expect(money(100, 'usd')).toEqual({ amountMinor: 100, currency: 'USD' });
    expect(() => money(1.5, 'USD')).toThrow(/safe integer/);
    expect(() => money(2 ** 60, 'USD')).toThrow(RangeError);
    expect(() => money(1, 'US')).toThrow(/ISO 4217/);
  });

  it('addMoney refuses mixed currencies', () => {
    expect(addMoney(money(10, 'USD'), money(20, 'USD'))).toEqual(money(30, 'USD'));
    expect(() => addMoney(money(10, 'USD'), money(20, 'EUR'))).toThrow(/Cannot add USD to EUR/);
  });
});

describe('formatMoney', () => {
  it('formats with Intl in the given locale', () => {
    expect(formatMoney(money(123456, 'USD'), 'en-US')).toBe('$1,234.56');
    // de-DE uses a narrow no-break space before the symbol.
    expect(formatMoney(money(123456, 'EUR'), 'de-DE').replace(/\s/g, ' ')).toBe('1.234,56 €');
    expect(formatMoney(money(1234, 'JPY'), 'ja-JP')).toMatch(/1,234/);
  });

  it('keeps precision for amounts past float-safe cents', () => {
    expect(formatMoney(money(900719925474099, 'USD'), 'en-US')).toBe('$9,007,199,254,740.99');
  });
});
