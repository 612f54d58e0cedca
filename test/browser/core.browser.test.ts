// The core runs in hosts' browsers: check the parts that lean on platform APIs (Intl, URL) in real Chromium.
import { describe, expect, it } from 'vitest';
import { formatMoney, money, parseDecimalToMinor } from '../../src/core/money';
import { safeHttpUrl, stripSecrets } from '../../src/core/sanitize';
import { normalizeQuery, queryKey } from '../../src/core/query';

describe('core in Chromium', () => {
  it('runs in a real browser, not a simulation', () => {
    expect(navigator.userAgent).toMatch(/Chrome\/\d+/);
    expect(typeof window.document.createElement).toBe('function');
  });

  it('formats money with the browser Intl and keeps exact decimals', () => {
    expect(parseDecimalToMinor('0.1')! + parseDecimalToMinor('0.2')!).toBe(30);
    expect(formatMoney(money(123456, 'USD'), 'en-US')).toBe('$1,234.56');
    expect(formatMoney(money(123456, 'EUR'), 'fr-FR').replace(/\s/g, ' ')).toBe('1 234,56 €');
  });

  it("uses the browser's URL parser to refuse script URLs", () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('java\tscript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('https://example.com/pay')).toBe('https://example.com/pay');
  });

  it('strips secrets and normalizes queries the same as in Node', () => {
    expect(stripSecrets({ id: 1, clientSecret: 's' })).toEqual({ id: 1 });
    expect(queryKey(normalizeQuery({ status: ['b', 'a'] }))).toBe('{"page":1,"pageSize":30,"status":["a","b"]}');
  });
});
