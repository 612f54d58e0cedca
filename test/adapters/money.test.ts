import { describe, expect, it } from 'vitest';
import { majorMoney, minorMoney, sumMinor } from '../../src/adapters/money';

describe('minorMoney', () => {
  it('wraps a safe integer amount of minor units', () => {
    expect(minorMoney(1234, 'USD')).toEqual({ amountMinor: 1234, currency: 'USD' });
    expect(minorMoney(0, 'EUR')).toEqual({ amountMinor: 0, currency: 'EUR' });
  });

  it('gives nothing for a missing, fractional or unsafe amount', () => {
    expect(minorMoney(undefined, 'USD')).toBeUndefined();
    expect(minorMoney(12.5, 'USD')).toBeUndefined();
    expect(minorMoney(2 ** 53, 'USD')).toBeUndefined();
  });
});

describe('majorMoney', () => {
  it("converts major units with the currency's own precision, by string arithmetic", () => {
    expect(majorMoney('12.34', 'USD')).toEqual({ amountMinor: 1234, currency: 'USD' });
    expect(majorMoney(0.1, 'USD')).toEqual({ amountMinor: 10, currency: 'USD' });
    expect(majorMoney('500', 'JPY')).toEqual({ amountMinor: 500, currency: 'JPY' });
    expect(majorMoney('1.234', 'KWD')).toEqual({ amountMinor: 1234, currency: 'KWD' });
  });

  it('gives nothing for a value that is not a decimal', () => {
    expect(majorMoney('twelve', 'USD')).toBeUndefined();
    expect(majorMoney(undefined, 'USD')).toBeUndefined();
  });
});

describe('sumMinor', () => {
  it('adds minor amounts, 0 for none', () => {
    expect(sumMinor([100, 250, 5])).toBe(355);
    expect(sumMinor([])).toBe(0);
  });

  it('gives nothing once the sum leaves the safe integers', () => {
    expect(sumMinor([Number.MAX_SAFE_INTEGER, 1])).toBeUndefined();
  });
});
