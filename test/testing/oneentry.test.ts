import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createFakeOneEntryPayments,
  makeOneEntryRecords,
  type OneEntryRecord,
} from 'react-payment-sessions/testing';
import type {
  OneEntryErrorWire,
  OneEntryLegacySessionWire,
  OneEntryPaymentsLike,
  OneEntrySessionWire,
  OneEntrySessionsResponseWire,
} from '../../src/adapters/oneentry/wire';

const isLegacy = (record: OneEntryRecord): record is OneEntryLegacySessionWire => 'version' in record;
const page = (result: unknown) => result as OneEntrySessionsResponseWire;
const ids = (records: readonly OneEntryRecord[]) => records.map((record) => record.id);
/** Whole cents of a major-unit amount, or NaN when it has more than two decimals. */
const cents = (major: number) => (Number(major.toFixed(2)) === major ? Math.round(major * 100) : Number.NaN);

describe('makeOneEntryRecords', () => {
  const mixed = makeOneEntryRecords();

  it('is deterministic by seed', () => {
    expect(makeOneEntryRecords({ seed: 4 })).toEqual(makeOneEntryRecords({ seed: 4 }));
    expect(ids(makeOneEntryRecords({ seed: 4 }))).not.toEqual(ids(makeOneEntryRecords({ seed: 5 })));
  });

  it('defaults to 120 records and honours count', () => {
    expect(mixed).toHaveLength(120);
    expect(makeOneEntryRecords({ count: 3 })).toHaveLength(3);
    expect(makeOneEntryRecords({ count: 0 })).toEqual([]);
    expect(() => makeOneEntryRecords({ count: 2.5 })).toThrow(RangeError);
  });

  it('has unique numeric ids, newest (highest) first', () => {
    const list = ids(mixed);
    expect(new Set(list).size).toBe(list.length);
    expect(list).toEqual([...list].sort((a, b) => b - a));
  });

  it('has completed, waiting, pending and a few statuses an adapter will not know', () => {
    const statuses = mixed.map((record) => record.status);
    for (const status of ['completed', 'waiting', 'pending']) expect(statuses).toContain(status);
    const unknown = statuses.filter((status) => !['completed', 'waiting', 'pending'].includes(status));
    expect(unknown).toContain('refund_requested');
    expect(unknown.length).toBeLessThan(statuses.length / 4);
  });

  it('keeps every status kind even in a dataset of four', () => {
    const statuses = makeOneEntryRecords({ count: 4, seed: 8 }).map((record) => record.status);
    expect(new Set(statuses)).toEqual(new Set(['completed', 'waiting', 'pending', 'refund_requested']));
  });

  it("puts a Stripe-like clientSecret on every record, as the real API does", () => {
    for (const record of mixed) expect(record.clientSecret).toMatch(/^pi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$/);
  });

  it('has https payment URLs or null, both present', () => {
    const urls = mixed.map((record) => record.paymentUrl);
    expect(urls).toContain(null);
    for (const url of urls.filter((u) => u !== null)) expect(new URL(url!).protocol).toBe('https:');
  });

  it('has session and intent types', () => {
    expect(new Set(mixed.map((record) => record.type))).toEqual(new Set(['session', 'intent']));
  });

  describe("shape 'current'", () => {
    const current = makeOneEntryRecords({ shape: 'current' });

    it('has only current entities, with dates and a major-unit amount with cents', () => {
      for (const record of current) {
        expect(isLegacy(record)).toBe(false);
        expect(record).not.toHaveProperty('lineItems');
        expect(Date.parse(record.createdDate!)).toBeLessThanOrEqual(Date.parse(record.updatedDate!));
        expect(cents(record.amount!)).toBeGreaterThan(0);
      }
      expect(current.some((record) => !Number.isInteger(record.amount))).toBe(true);
    });

    it('spreads createdDate over the six months before now', () => {
      const times = current.map((record) => Date.parse(record.createdDate!));
      expect(Math.max(...times)).toBeLessThanOrEqual(Date.UTC(2026, 10, 1));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 1) - 183 * 86_400_000);
    });
  });

  describe("shape 'legacy'", () => {
    const legacy = makeOneEntryRecords({ shape: 'legacy' });

    it('has only legacy entities with their documented fields', () => {
      for (const record of legacy) {
        expect(isLegacy(record)).toBe(true);
        expect(record).not.toHaveProperty('createdDate');
        expect(record).toMatchObject({
          version: expect.any(Number),
          identifier: expect.any(String),
          sessionId: expect.any(String),
          successUrl: expect.stringMatching(/^https:/),
          cancelUrl: expect.stringMatching(/^https:/),
          intentId: expect.any(Number),
        });
        expect(record.lineItems!.length).toBeGreaterThan(0);
      }
    });

    it('makes the intent amount the sum of the line items, in major units', () => {
      for (const record of legacy) {
        const intent = record.intent as { amount: number; currency: string };
        const itemsCents = record.lineItems!.reduce((total, item) => total + cents(item.amount!) * item.quantity!, 0);
        expect(cents(intent.amount)).toBe(itemsCents);
        expect(intent.currency).toBe('usd');
      }
    });
  });

  it("mixes both shapes in 'mixed', even when tiny", () => {
    expect(mixed.some(isLegacy)).toBe(true);
    expect(mixed.some((record) => !isLegacy(record))).toBe(true);
    const tiny = makeOneEntryRecords({ count: 2, shape: 'mixed' });
    expect(tiny.filter(isLegacy)).toHaveLength(1);
  });

  it('types the result by shape', () => {
    expectTypeOf(makeOneEntryRecords({ shape: 'current' })).toEqualTypeOf<OneEntrySessionWire[]>();
    expectTypeOf(makeOneEntryRecords({ shape: 'legacy' })).toEqualTypeOf<OneEntryLegacySessionWire[]>();
    expectTypeOf(makeOneEntryRecords()).toEqualTypeOf<OneEntryRecord[]>();
  });
});

describe('createFakeOneEntryPayments', () => {
  it('is a Payments-like module', () => {
    expectTypeOf(createFakeOneEntryPayments()).toExtend<OneEntryPaymentsLike>();
  });

  it('defaults to offset 0 and limit 30 and reports the total', async () => {
    const payments = createFakeOneEntryPayments();
    const result = page(await payments.getSessions());
    expect(result.total).toBe(120);
    expect(ids(result.items)).toEqual(ids(payments.records.slice(0, 30)));
    expect(payments.calls).toEqual([{ offset: 0, limit: 30 }]);
  });

  it('serves the slice at offset/limit and records each call', async () => {
    const payments = createFakeOneEntryPayments({ sessions: 45 });
    const second = page(await payments.getSessions(20, 10));
    const last = page(await payments.getSessions(40, 10));
    const past = page(await payments.getSessions(60, 10));
    expect(ids(second.items)).toEqual(ids(payments.records.slice(20, 30)));
    expect(ids(last.items)).toEqual(ids(payments.records.slice(40, 45)));
    expect(past).toEqual({ total: 45, items: [] });
    expect(payments.calls).toEqual([
      { offset: 20, limit: 10 },
      { offset: 40, limit: 10 },
      { offset: 60, limit: 10 },
    ]);
  });

  it('caps limit at serverLimit while the total stays right, so paging by total still gets everything', async () => {
    const payments = createFakeOneEntryPayments({ sessions: 45, serverLimit: 10 });
    const first = page(await payments.getSessions(0, 50));
    expect(first.items).toHaveLength(10);
    expect(first.total).toBe(45);

    const collected: OneEntryRecord[] = [];
    while (collected.length < first.total) collected.push(...page(await payments.getSessions(collected.length, 50)).items);
    expect(ids(collected)).toEqual(ids(payments.records));
  });

  it('resolves a bare array with legacyBareArray', async () => {
    const payments = createFakeOneEntryPayments({ sessions: 12, legacyBareArray: true });
    const result = await payments.getSessions(5, 4);
    expect(Array.isArray(result)).toBe(true);
    expect(ids(result as OneEntryRecord[])).toEqual(ids(payments.records.slice(5, 9)));
  });

  it('serves given records in the given order', async () => {
    const records = makeOneEntryRecords({ count: 3 }).reverse();
    const payments = createFakeOneEntryPayments({ sessions: records });
    expect(ids(page(await payments.getSessions()).items)).toEqual(ids(records));
  });

  it('generates the dataset by seed and shape', () => {
    expect(createFakeOneEntryPayments({ sessions: 10, seed: 2, shape: 'legacy' }).records).toEqual(
      makeOneEntryRecords({ count: 10, seed: 2, shape: 'legacy' }),
    );
  });

  it('returns copies, so a caller cannot change the dataset', async () => {
    const payments = createFakeOneEntryPayments({ sessions: 3 });
    const [first] = page(await payments.getSessions()).items;
    first!.status = 'tampered';
    expect(payments.records[0]!.status).not.toBe('tampered');
  });

  it('resolves a 400 error object for a negative or fractional offset/limit', async () => {
    const payments = createFakeOneEntryPayments({ sessions: 3 });
    await expect(payments.getSessions(-1, 10)).resolves.toMatchObject({ statusCode: 400, message: expect.stringContaining('offset') });
    await expect(payments.getSessions(0, 2.5)).resolves.toMatchObject({ statusCode: 400, message: expect.stringContaining('limit') });
  });

  describe('failures', () => {
    it('resolves the error object instead of throwing (isShell habit)', async () => {
      const payments = createFakeOneEntryPayments({ failWith: { statusCode: 401, message: 'Unauthorized' } });
      const result = (await payments.getSessions()) as OneEntryErrorWire;
      expect(result).toEqual({ statusCode: 401, message: 'Unauthorized', pageData: null, timestamp: expect.any(String) });
      expect(Number.isNaN(Date.parse(result.timestamp!))).toBe(false);
      expect(payments.calls).toHaveLength(1);
    });

    it("resolves the TypeError('Failed to fetch') instance on 'network', as the SDK does for a refused connection", async () => {
      const payments = createFakeOneEntryPayments({ failWith: 'network' });
      const result = await payments.getSessions();
      expect(result).toBeInstanceOf(TypeError);
      expect((result as Error).message).toBe('Failed to fetch');
    });

    it("resolves a SyntaxError instance on 'not-json', as the SDK does for an error body that is not JSON", async () => {
      const payments = createFakeOneEntryPayments({ failWith: 'not-json' });
      expect(await payments.getSessions()).toBeInstanceOf(SyntaxError);
    });

    it('throws what it would resolve with isShell false', async () => {
      const network = createFakeOneEntryPayments({ failWith: 'network', isShell: false });
      await expect(network.getSessions()).rejects.toBeInstanceOf(TypeError);
      const http = createFakeOneEntryPayments({ failWith: { statusCode: 401, message: 'Unauthorized' }, isShell: false });
      await expect(http.getSessions()).rejects.toMatchObject({ statusCode: 401 });
      await expect(http.getSessionById(1)).rejects.toMatchObject({ statusCode: 401 });
    });

    it('resolves the 422 of the SDK’s strict validation for entities not in the current shape', async () => {
      const legacy = createFakeOneEntryPayments({ sessions: 3, shape: 'legacy', validation: true });
      await expect(legacy.getSessions()).resolves.toMatchObject({
        statusCode: 422,
        message: 'Response validation failed',
        validationErrors: expect.arrayContaining([{ path: ['items', 0, 'createdDate'], message: 'Invalid input: expected string, received undefined' }]),
      });
      const current = createFakeOneEntryPayments({ sessions: 3, shape: 'current', validation: true });
      await expect(current.getSessions()).resolves.toMatchObject({ total: 3 });
    });

    it('changes at runtime with setFailWith and recovers with null', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 5 });
      expect(page(await payments.getSessions()).total).toBe(5);
      payments.setFailWith({ statusCode: 500, message: 'Internal Server Error' });
      await expect(payments.getSessions()).resolves.toMatchObject({ statusCode: 500 });
      payments.setFailWith('network');
      await expect(payments.getSessions()).resolves.toBeInstanceOf(TypeError);
      payments.setFailWith(null);
      expect(page(await payments.getSessions()).total).toBe(5);
    });

    it('applies to getSessionById too', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 5, failWith: { statusCode: 403, message: 'Forbidden' } });
      await expect(payments.getSessionById(payments.records[0]!.id)).resolves.toMatchObject({ statusCode: 403 });
    });
  });

  describe('getSessionById', () => {
    it('resolves the session with that id, or a resolved 404', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 5 });
      const target = payments.records[3]!;
      await expect(payments.getSessionById(target.id)).resolves.toEqual(target);
      await expect(payments.getSessionById(-1)).resolves.toMatchObject({ statusCode: 404, pageData: null });
    });
  });

  it('waits latencyMs before answering', async () => {
    const payments = createFakeOneEntryPayments({ sessions: 5, latencyMs: 120 });
    const started = performance.now();
    await payments.getSessions();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });
});
