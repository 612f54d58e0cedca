import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, filterOf, normalizeQuery, queryKey } from '../../src/core/query';

describe('normalizeQuery', () => {
  it('applies defaults', () => {
    expect(normalizeQuery()).toEqual({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  });

  it('drops empty values and sorts lists so equal meanings are equal', () => {
    const a = normalizeQuery({ page: 2, pageSize: 10, search: '  ', status: ['captured', 'pending', 'captured'], kind: [] });
    const b = normalizeQuery({ pageSize: 10, page: 2, status: ['pending', 'captured'], excludePending: false });
    expect(a).toEqual({ page: 2, pageSize: 10, status: ['captured', 'pending'] });
    expect(queryKey(a)).toBe(queryKey(b));
  });

  it('normalizes dates to UTC instants', () => {
    const q = normalizeQuery({ createdFrom: '2026-03-08T00:00:00-05:00', createdTo: '2026-03-09' });
    expect(q.createdFrom).toBe('2026-03-08T05:00:00.000Z');
    expect(q.createdTo).toBe('2026-03-09T00:00:00.000Z');
  });

  it('reads a date-time without an offset as UTC, whatever the machine zone (a server and a browser agree)', () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(normalizeQuery({ createdFrom: '2026-03-08T00:00:00' }).createdFrom).toBe('2026-03-08T00:00:00.000Z');
      process.env.TZ = 'Asia/Kathmandu';
      expect(normalizeQuery({ createdFrom: '2026-03-08T00:00:00' }).createdFrom).toBe('2026-03-08T00:00:00.000Z');
    } finally {
      process.env.TZ = previous;
    }
  });

  it('keeps include flags that were set, including false', () => {
    expect(normalizeQuery({ include: { refunds: false, items: true } }).include).toEqual({ refunds: false, items: true });
    expect(normalizeQuery({ include: {} }).include).toBeUndefined();
  });

  it.each([
    [{ page: 0 }, /page must be/],
    [{ page: 1.5 }, /page must be/],
    [{ pageSize: 0 }, /pageSize must be/],
    [{ pageSize: 5000 }, /pageSize must be a whole number from 1 to 1000/],
    [{ page: Number.NaN }, /page must be/],
    [{ createdFrom: 'yesterday' }, /createdFrom must be an ISO 8601/],
    // What Date.parse would have taken: a bare number (2001), a month name, a day that does not exist.
    [{ createdFrom: '1' }, /createdFrom must be an ISO 8601/],
    [{ capturedFrom: 'June 5' }, /capturedFrom must be an ISO 8601/],
    [{ createdTo: '2024-02-30' }, /createdTo must be an ISO 8601/],
    [{ capturedTo: 'Tue, 01 Dec 2026 10:00:00 GMT' }, /capturedTo must be an ISO 8601/],
  ])('rejects %p with a clear RangeError', (input, message) => {
    expect(() => normalizeQuery(input)).toThrow(message);
  });
});

describe('queryKey', () => {
  it('is independent of key order, including nested include flags', () => {
    const a = queryKey({ page: 1, pageSize: 30, include: { items: true, fee: true } });
    const b = queryKey({ pageSize: 30, include: { fee: true, items: true }, page: 1 });
    expect(a).toBe(b);
  });

  it('differs when the meaning differs', () => {
    expect(queryKey(normalizeQuery({ page: 1 }))).not.toBe(queryKey(normalizeQuery({ page: 2 })));
  });
});

describe('filterOf', () => {
  it('drops only the page', () => {
    expect(filterOf({ page: 3, pageSize: 10, search: 'x' })).toEqual({ pageSize: 10, search: 'x' });
  });
});
