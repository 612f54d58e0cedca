/**
 * The OneEntry fetcher against the fake `Payments` module (the SDK's habits: resolved errors, bare arrays,
 * server-capped limits, no AbortSignal) and against small hand-made stubs.
 */
import { createOneEntryFetcher } from '../../../src/adapters/oneentry/fetcher';
import type { OneEntryPaymentsLike } from '../../../src/adapters/oneentry/wire';
import { PaymentSessionsError } from '../../../src/core/errors';
import type { PaymentSession, SessionFetcher } from '../../../src/core/types';
import { createFakeOneEntryPayments, type OneEntryRecord } from 'react-payment-sessions/testing';
import { expectSanePage, liveSignal, oneEntryLegacyRecord, oneEntryRecord } from '../helpers';

/** A `Payments`-like stub that resolves (or rejects with) whatever `answer` gives. */
function stubPayments(answer: (offset: number, limit: number) => unknown) {
  const calls: Array<[number, number]> = [];
  const payments: OneEntryPaymentsLike = {
    getSessions: async (offset = 0, limit = 30) => {
      calls.push([offset, limit]);
      return answer(offset, limit);
    },
  };
  return { payments, calls };
}

async function failureOf(fetcher: SessionFetcher, signal = liveSignal()): Promise<PaymentSessionsError> {
  const outcome = await fetcher({ page: 1, pageSize: 10 }, { signal }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, 'the request should have failed').toBeInstanceOf(PaymentSessionsError);
  return outcome as PaymentSessionsError;
}

/** Walks pages 1..pageCount (as a UI would, by the reported count) and returns every session seen. */
async function walkAll(fetcher: SessionFetcher, pageSize: number): Promise<{ sessions: PaymentSession[]; pages: number }> {
  const sessions: PaymentSession[] = [];
  let pageCount = 1;
  let page = 1;
  for (; page <= pageCount; page += 1) {
    const result = await fetcher({ page, pageSize }, { signal: liveSignal() });
    expectSanePage(result);
    pageCount = result.pageCount;
    sessions.push(...result.sessions);
  }
  return { sessions, pages: page - 1 };
}

const numericIds = (records: readonly OneEntryRecord[]) => records.map((record) => String(record.id));

describe('createOneEntryFetcher', () => {
  it('advertises no search and no filters', () => {
    const fetcher = createOneEntryFetcher(createFakeOneEntryPayments({ sessions: 1 }));
    expect(fetcher.source).toBe('oneentry');
    expect(fetcher.capabilities).toEqual({ search: false, filters: [] });
    expect(createOneEntryFetcher(createFakeOneEntryPayments({ sessions: 1 }), { maxPageSize: 50 }).capabilities.maxPageSize).toBe(50);
  });

  it.each([
    ['an invalid currency', { currency: 'dollars' }],
    ['an unknown amount unit', { amountUnit: 'cents' as never }],
    ['a zero maxPageSize', { maxPageSize: 0 }],
    ['a negative timeoutMs', { timeoutMs: -1 }],
    ['a NaN timeoutMs', { timeoutMs: Number.NaN }],
    ['a timeoutMs setTimeout cannot hold', { timeoutMs: 2 ** 31 }],
  ])('throws at creation for %s', (_label, options) => {
    expect(() => createOneEntryFetcher(createFakeOneEntryPayments({ sessions: 1 }), options)).toThrow(RangeError);
  });

  it('throws at creation without a getSessions method', () => {
    expect(() => createOneEntryFetcher({} as OneEntryPaymentsLike)).toThrow(/getSessions/);
  });

  describe('pagination', () => {
    it('maps page and page size to offset and limit', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 45 });
      const fetcher = createOneEntryFetcher(payments);
      const page = await fetcher({ page: 3, pageSize: 20 }, { signal: liveSignal() });
      expect(payments.calls).toEqual([{ offset: 40, limit: 20 }]);
      expect(page).toMatchObject({ total: 45, page: 3, pageSize: 20, pageCount: 3, invalid: 0 });
      expect(page.sessions.map((session) => session.id)).toEqual(numericIds(payments.records.slice(40)));
    });

    it('caps the limit at maxPageSize', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 45 });
      const page = await createOneEntryFetcher(payments, { maxPageSize: 15 })({ page: 2, pageSize: 30 }, { signal: liveSignal() });
      expect(payments.calls).toEqual([{ offset: 15, limit: 15 }]);
      expect(page).toMatchObject({ total: 45, pageSize: 15, pageCount: 3 });
    });

    it('walks every page: all records once, in order', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 67 });
      const { sessions, pages } = await walkAll(createOneEntryFetcher(payments), 20);
      expect(pages).toBe(4);
      expect(sessions.map((session) => session.id)).toEqual(numericIds(payments.records));
    });

    it('fills each page from where a capped answer ended, so a server capping limit loses no session', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 45, serverLimit: 10 });
      const fetcher = createOneEntryFetcher(payments);
      const page = await fetcher({ page: 1, pageSize: 30 }, { signal: liveSignal() });
      expect(page.sessions).toHaveLength(30);
      expect(page).toMatchObject({ total: 45, pageSize: 30, pageCount: 2 });
      expect(payments.calls.map(({ offset, limit }) => [offset, limit])).toEqual([[0, 30], [10, 20], [20, 10]]);

      const { sessions, pages } = await walkAll(fetcher, 30);
      expect(pages).toBe(2);
      expect(sessions.map((session) => session.id)).toEqual(numericIds(payments.records));
      // The last page stops at the total instead of asking past it.
      expect(payments.calls.slice(-2).map(({ offset, limit }) => [offset, limit])).toEqual([[30, 30], [40, 20]]);
    });

    it('stops filling when the server ignores offset (the first record comes again), keeping what it had', async () => {
      const items = [oneEntryRecord({ id: 1 }), oneEntryRecord({ id: 2 })];
      const { payments, calls } = stubPayments(() => ({ total: 50, items }));
      const page = await createOneEntryFetcher(payments)({ page: 1, pageSize: 10 }, { signal: liveSignal() });
      expect(page.sessions.map((session) => session.id)).toEqual(['1', '2']);
      expect(page.invalid).toBe(0);
      expect(calls).toEqual([[0, 10], [2, 8]]);
    });

    it('takes the server\'s total for a page past the end (an empty answer), instead of inventing one', async () => {
      const { payments } = stubPayments(() => ({ total: 100, items: [] }));
      const page = await createOneEntryFetcher(payments)({ page: 5, pageSize: 30 }, { signal: liveSignal() });
      expect(page).toMatchObject({ sessions: [], total: 100, pageCount: 4 });
    });

    it('reads a legacy bare array with a lower-bound total that reaches every page', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 47, legacyBareArray: true });
      const fetcher = createOneEntryFetcher(payments);
      const first = await fetcher({ page: 1, pageSize: 20 }, { signal: liveSignal() });
      // A full page may have more after it: one more than seen, and said to be a lower bound.
      expect(first).toMatchObject({ total: 21, totalIsLowerBound: true, pageCount: 2 });
      const { sessions, pages } = await walkAll(fetcher, 20);
      expect(pages).toBe(3);
      expect(sessions.map((session) => session.id)).toEqual(numericIds(payments.records));
      const last = await fetcher({ page: 3, pageSize: 20 }, { signal: liveSignal() });
      // The last, partial page settles the count exactly.
      expect(last).toMatchObject({ total: 47, pageCount: 3 });
      expect(last).not.toHaveProperty('totalIsLowerBound');
    });

    it('never reports a total below what it has already seen', async () => {
      const { payments } = stubPayments(() => ({ total: 2, items: [oneEntryRecord({ id: 1 }), oneEntryRecord({ id: 2 })] }));
      const page = await createOneEntryFetcher(payments)({ page: 3, pageSize: 2 }, { signal: liveSignal() });
      expect(page).toMatchObject({ total: 6, pageCount: 3 });
    });
  });

  describe('errors', () => {
    it.each([
      [401, 'auth'],
      [403, 'auth'],
      [429, 'rate_limit'],
      [404, 'http'],
      [500, 'http'],
    ] as const)('turns a resolved statusCode %i into a thrown %s error with the message', async (statusCode, kind) => {
      const payments = createFakeOneEntryPayments({ sessions: 5, failWith: { statusCode, message: 'Token expired or invalid.' } });
      const error = await failureOf(createOneEntryFetcher(payments));
      expect(error).toMatchObject({ kind, status: statusCode });
      expect(error.message).toContain(`HTTP ${statusCode}`);
      expect(error.message).toContain('Token expired or invalid.');
    });

    it('joins a NestJS-style message array', async () => {
      const { payments } = stubPayments(() => ({ statusCode: 400, message: ['limit must be a number', 'offset must be a number'] }));
      const error = await failureOf(createOneEntryFetcher(payments));
      expect(error.message).toContain('limit must be a number; offset must be a number');
    });

    it('does not surface an HTML message', async () => {
      const { payments } = stubPayments(() => ({ statusCode: 502, message: '<html><body>Bad gateway</body></html>' }));
      const error = await failureOf(createOneEntryFetcher(payments));
      expect(error.message).toBe('OneEntry could not list payment sessions (HTTP 502).');
    });

    it('treats a rejected SDK error object like a resolved one', async () => {
      const { payments } = stubPayments(() => Promise.reject({ statusCode: 401, message: 'Unauthorized' }));
      expect(await failureOf(createOneEntryFetcher(payments))).toMatchObject({ kind: 'auth', status: 401 });
    });

    it('is a network error when the SDK rejects', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 5, failWith: 'network' });
      const error = await failureOf(createOneEntryFetcher(payments));
      expect(error).toMatchObject({ kind: 'network' });
      expect(error.message).toBe('Could not reach OneEntry to list payment sessions (Failed to fetch). Check the connection and try again.');
    });

    it('is a network error when getSessions throws synchronously', async () => {
      const payments: OneEntryPaymentsLike = {
        getSessions: () => {
          throw new Error('socket hang up');
        },
      };
      expect(await failureOf(createOneEntryFetcher(payments))).toMatchObject({ kind: 'network' });
    });

    it('recovers once the failure clears', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 5, failWith: { statusCode: 500, message: 'Down' } });
      const fetcher = createOneEntryFetcher(payments);
      await failureOf(fetcher);
      payments.setFailWith(null);
      await expect(fetcher({ page: 1, pageSize: 10 }, { signal: liveSignal() })).resolves.toMatchObject({ total: 5 });
    });
  });

  describe('cancellation (the SDK takes no signal)', () => {
    it('rejects as soon as the signal aborts, without waiting for the SDK', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 5, latencyMs: 1_000 });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 20);
      const error = await failureOf(createOneEntryFetcher(payments), controller.signal);
      expect(error).toMatchObject({ kind: 'aborted' });
      expect(Date.now() - started).toBeLessThan(500);
    });

    it('does not call the SDK for a signal that is already aborted', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 5 });
      const controller = new AbortController();
      controller.abort();
      expect(await failureOf(createOneEntryFetcher(payments), controller.signal)).toMatchObject({ kind: 'aborted' });
      expect(payments.calls).toHaveLength(0);
    });

    it('drops a result that resolves in the same tick the signal aborts', async () => {
      const controller = new AbortController();
      const { payments } = stubPayments(() => {
        controller.abort();
        return { total: 1, items: [oneEntryRecord()] };
      });
      expect(await failureOf(createOneEntryFetcher(payments), controller.signal)).toMatchObject({ kind: 'aborted' });
    });
  });

  describe('timeout (the SDK takes no signal)', () => {
    /** A `Payments` whose getSessions never settles until the test says so. */
    function hangingPayments() {
      const pending: Array<{ resolve: (value: unknown) => void; reject: (error: unknown) => void }> = [];
      const payments: OneEntryPaymentsLike = {
        getSessions: () => new Promise((resolve, reject) => pending.push({ resolve, reject })),
      };
      return { payments, pending };
    }

    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('fails as a network error after 30 s by default, and ignores the late result', async () => {
      const { payments, pending } = hangingPayments();
      let outcome: unknown = 'pending';
      void createOneEntryFetcher(payments)({ page: 1, pageSize: 10 }, { signal: liveSignal() }).then(
        (page) => (outcome = page),
        (error: unknown) => (outcome = error),
      );
      await vi.advanceTimersByTimeAsync(29_999);
      expect(outcome).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      expect(outcome).toBeInstanceOf(PaymentSessionsError);
      expect(outcome).toMatchObject({ kind: 'network', message: 'The payment sessions service did not answer in time.' });
      expect((outcome as PaymentSessionsError).retryable).toBe(true);

      // The SDK answers at last: nobody sees it (the outcome stays the timeout).
      pending[0]?.resolve({ total: 1, items: [oneEntryRecord()] });
      await vi.advanceTimersByTimeAsync(0);
      expect(outcome).toMatchObject({ kind: 'network' });
    });

    it('honours a shorter timeoutMs, and a late rejection goes nowhere', async () => {
      const { payments, pending } = hangingPayments();
      const failure = failureOf(createOneEntryFetcher(payments, { timeoutMs: 50 }));
      await vi.advanceTimersByTimeAsync(50);
      expect(await failure).toMatchObject({ kind: 'network', message: 'The payment sessions service did not answer in time.' });
      pending[0]?.reject(new Error('socket hang up'));
      await vi.advanceTimersByTimeAsync(0);
    });

    it('still reports the caller’s own abort as aborted, before the timeout', async () => {
      const { payments } = hangingPayments();
      const controller = new AbortController();
      const failure = failureOf(createOneEntryFetcher(payments, { timeoutMs: 1_000 }), controller.signal);
      await vi.advanceTimersByTimeAsync(10);
      controller.abort();
      expect(await failure).toMatchObject({ kind: 'aborted' });
    });

    it('waits forever with timeoutMs 0', async () => {
      const { payments, pending } = hangingPayments();
      let outcome: unknown = 'pending';
      void createOneEntryFetcher(payments, { timeoutMs: 0 })({ page: 1, pageSize: 10 }, { signal: liveSignal() }).then(
        (page) => (outcome = page),
        (error: unknown) => (outcome = error),
      );
      await vi.advanceTimersByTimeAsync(60 * 60_000);
      expect(outcome).toBe('pending');
      pending[0]?.resolve({ total: 1, items: [oneEntryRecord()] });
      await vi.advanceTimersByTimeAsync(0);
      expect(outcome).toMatchObject({ total: 1, page: 1 });
    });

    it('leaves no timer behind once answered', async () => {
      const { payments } = stubPayments(() => ({ total: 1, items: [oneEntryRecord()] }));
      await createOneEntryFetcher(payments)({ page: 1, pageSize: 10 }, { signal: liveSignal() });
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('mapping over the fake dataset', () => {
    it('maps both entity shapes, with amounts in cents and statuses normalized', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 40, shape: 'mixed', seed: 5 });
      const { sessions } = await walkAll(createOneEntryFetcher(payments), 40);
      expect(sessions).toHaveLength(40);
      for (const [index, session] of sessions.entries()) {
        const record = payments.records[index] as unknown as Record<string, unknown>;
        expect(session.id).toBe(String(record.id));
        expect(session.rawStatus).toBe(record.status);
        expect(session.kind).toBe(record.type);
        if ('lineItems' in record) {
          const intent = record.intent as { amount: number };
          expect(session.amount?.amountMinor).toBe(Math.round(intent.amount * 100));
          expect(session.items.length).toBe((record.lineItems as unknown[]).length);
        } else {
          expect(session.amount?.amountMinor).toBe(Math.round((record.amount as number) * 100));
          expect(session.createdAt).toBe(record.createdDate);
        }
        expect(session.paymentUrl).toBe(record.paymentUrl ?? undefined);
      }
      expect(new Set(sessions.map((session) => session.status))).toEqual(new Set(['captured', 'pending', 'unknown', 'canceled', 'expired']));
      expect(sessions.find((session) => session.rawStatus === 'refund_requested')?.status).toBe('unknown');
    });

    it('never lets a clientSecret through, in any shape', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 60, shape: 'mixed' });
      const secrets = payments.records.map((record) => record.clientSecret).filter(Boolean) as string[];
      expect(secrets).toHaveLength(60);
      const json = JSON.stringify(await walkAll(createOneEntryFetcher(payments), 25));
      for (const secret of secrets) expect(json).not.toContain(secret);
      expect(json).not.toMatch(/clientSecret|client_secret/);
    });

    it('keeps the legacy sessionId only in raw', async () => {
      const { payments } = stubPayments(() => ({ total: 1, items: [oneEntryLegacyRecord()] }));
      const [session] = (await createOneEntryFetcher(payments)({ page: 1, pageSize: 10 }, { signal: liveSignal() })).sessions;
      expect(session?.paymentToken).toBeUndefined();
      expect(session?.raw.sessionId).toBe('9BE88048TU058770M');
    });
  });
});
