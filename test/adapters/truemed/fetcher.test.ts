import { createTruemedFetcher } from '../../../src/adapters/truemed/fetcher';
import { TRUEMED_KINDS, TRUEMED_STATUSES } from '../../../src/adapters/truemed/wire';
import { PaymentSessionsError } from '../../../src/core/errors';
import type { SessionQuery } from '../../../src/core/types';
import { jsonFetch, liveSignal, stubFetch, truemedBody, truemedRecord } from '../helpers';

const BASE = 'https://proxy.example.com/api/truemed';
const firstPage: SessionQuery = { page: 1, pageSize: 30 };

/** Runs one query against an empty 200 answer and returns the request's search params. */
async function paramsFor(query: SessionQuery, options: Parameters<typeof createTruemedFetcher>[0] | object = {}) {
  const stub = jsonFetch(truemedBody([]));
  const fetcher = createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch, ...options });
  await fetcher(query, { signal: liveSignal() });
  const call = stub.calls[0];
  if (!call) throw new Error('fetch was not called');
  return call.url.searchParams;
}

/** Runs `fn` with a `window` global, as in a browser, and removes it after. */
async function inBrowser<T>(fn: () => T | Promise<T>): Promise<T> {
  const holder = globalThis as { window?: unknown };
  holder.window = globalThis;
  try {
    return await fn();
  } finally {
    delete holder.window;
  }
}

describe('createTruemedFetcher', () => {
  it('advertises search, every filter, the raw statuses and kinds, and a page size of at most 100', () => {
    const fetcher = createTruemedFetcher({ baseUrl: BASE });
    expect(fetcher.source).toBe('truemed');
    expect(fetcher.capabilities).toEqual({
      search: true,
      filters: ['status', 'kind', 'createdAt', 'capturedAt', 'excludePending', 'excludeVoided', 'paymentToken'],
      statuses: [...TRUEMED_STATUSES],
      kinds: [...TRUEMED_KINDS],
      maxPageSize: 100,
    });
  });

  describe('the request', () => {
    it('calls the list path under the base URL, without a duplicate slash', async () => {
      const stub = jsonFetch(truemedBody([]));
      await createTruemedFetcher({ baseUrl: `${BASE}//`, fetch: stub.fetch })(firstPage, { signal: liveSignal() });
      expect(stub.calls[0]?.url.origin + stub.calls[0]!.url.pathname).toBe(`${BASE}/payments/v1/payment_sessions`);
      expect(stub.calls[0]?.init?.method).toBe('GET');
    });

    it('sends only page and page_size for a plain query', async () => {
      const params = await paramsFor({ page: 3, pageSize: 25 });
      expect([...params]).toEqual([
        ['page', '3'],
        ['page_size', '25'],
      ]);
    });

    it('maps every filter to its documented parameter', async () => {
      const params = await paramsFor({
        page: 2,
        pageSize: 50,
        search: 'zoe@example.org',
        status: ['captured', 'authorization_voided'],
        kind: ['authorization', 'one_time_payment'],
        createdFrom: '2026-01-01T00:00:00.000Z',
        createdTo: '2026-01-31T23:59:59.999Z',
        capturedFrom: '2026-02-01T00:00:00.000Z',
        capturedTo: '2026-02-28T23:59:59.999Z',
        excludePending: true,
        excludeVoided: true,
        paymentToken: 'pt_abc',
      });
      expect(Object.fromEntries(params)).toEqual({
        page: '2',
        page_size: '50',
        search: 'zoe@example.org',
        status: 'authorization_voided,captured',
        kind: 'authorization,one_time_payment',
        created_on_start: '2026-01-01T00:00:00.000Z',
        created_on_end: '2026-01-31T23:59:59.999Z',
        captured_on_start: '2026-02-01T00:00:00.000Z',
        captured_on_end: '2026-02-28T23:59:59.999Z',
        filter_pending: 'true',
        filter_voided: 'true',
        payment_token: 'pt_abc',
      });
    });

    it('does not send the exclusion filters when they are false', async () => {
      const params = await paramsFor({ ...firstPage, excludePending: false, excludeVoided: false });
      expect(params.has('filter_pending')).toBe(false);
      expect(params.has('filter_voided')).toBe(false);
    });

    it('merges the query’s include flags over the fetcher’s defaults, sending false explicitly', async () => {
      const params = await paramsFor(
        { ...firstPage, include: { refunds: false, fee: true, metadata: false } },
        { include: { items: true, metadata: true, disputes: false } },
      );
      expect(Object.fromEntries(params)).toMatchObject({
        include_order_items: 'true',
        include_metadata: 'false',
        include_refunds: 'false',
        include_disputes: 'false',
        include_truemed_fee: 'true',
      });
    });

    it('asks for refund_amount when summarizeRefunds is on', async () => {
      expect((await paramsFor(firstPage, { summarizeRefunds: true })).get('summarize_refunds')).toBe('true');
      expect((await paramsFor(firstPage)).has('summarize_refunds')).toBe(false);
    });

    it('caps page_size at 100', async () => {
      expect((await paramsFor({ page: 1, pageSize: 500 })).get('page_size')).toBe('100');
    });

    it('caps page_size at its maxPageSize option, keeping the page number, and advertises it', async () => {
      expect(createTruemedFetcher({ baseUrl: BASE, maxPageSize: 50 }).capabilities.maxPageSize).toBe(50);
      const params = await paramsFor({ page: 2, pageSize: 100 }, { maxPageSize: 50 });
      expect(params.get('page')).toBe('2');
      expect(params.get('page_size')).toBe('50');
      expect((await paramsFor({ page: 2, pageSize: 40 }, { maxPageSize: 50 })).get('page_size')).toBe('40');
    });

    it.each([0, -1, 2.5, Number.NaN, 1001, '50'])('refuses a maxPageSize of %p at creation', (maxPageSize) => {
      expect(() => createTruemedFetcher({ baseUrl: BASE, maxPageSize } as Parameters<typeof createTruemedFetcher>[0])).toThrow(
        /maxPageSize/,
      );
    });

    it('asks for JSON, passes the host’s headers and a signal that follows the caller’s', async () => {
      const stub = jsonFetch(truemedBody([]));
      const controller = new AbortController();
      await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch, headers: { 'x-csrf-token': 'abc' } })(firstPage, {
        signal: controller.signal,
      });
      const call = stub.calls[0]!;
      expect(call.headers.get('accept')).toBe('application/json');
      expect(call.headers.get('x-csrf-token')).toBe('abc');
      expect(call.headers.has('x-truemed-api-key')).toBe(false);
      // Its own signal (the timeout aborts it too), but the caller's abort reaches fetch.
      const sent = call.init?.signal;
      expect(sent).toBeInstanceOf(AbortSignal);
      expect(sent?.aborted).toBe(false);
    });

    it('passes the caller’s signal itself when there is no timeout', async () => {
      const stub = jsonFetch(truemedBody([]));
      const controller = new AbortController();
      await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch, timeoutMs: 0 })(firstPage, { signal: controller.signal });
      expect(stub.calls[0]?.init?.signal).toBe(controller.signal);
    });

    it('uses globalThis.fetch at call time when no fetch is given', async () => {
      const stub = jsonFetch(truemedBody([truemedRecord()]));
      const fetcher = createTruemedFetcher({ baseUrl: BASE });
      vi.stubGlobal('fetch', stub.fetch);
      try {
        const page = await fetcher(firstPage, { signal: liveSignal() });
        expect(page.sessions).toHaveLength(1);
      } finally {
        vi.unstubAllGlobals();
      }
    });
  });

  describe('the API key', () => {
    it('is sent as x-truemed-api-key on a server (no window)', async () => {
      expect(typeof window).toBe('undefined');
      const stub = jsonFetch(truemedBody([]));
      await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch, apiKey: 'sk_server_only' })(firstPage, { signal: liveSignal() });
      expect(stub.calls[0]?.headers.get('x-truemed-api-key')).toBe('sk_server_only');
    });

    it('makes creation throw in a browser, pointing to createTruemedProxy', async () => {
      await inBrowser(() => {
        expect(() => createTruemedFetcher({ baseUrl: '/api/truemed', apiKey: 'sk_leak' })).toThrow(/createTruemedProxy/);
        expect(() => createTruemedFetcher({ baseUrl: '/api/truemed', apiKey: 'sk_leak' })).toThrow(/react-payment-sessions\/server/);
      });
    });

    it('makes creation throw in a browser when smuggled in through headers too', async () => {
      await inBrowser(() => {
        expect(() => createTruemedFetcher({ baseUrl: '/api/truemed', headers: { 'X-Truemed-Api-Key': 'sk_leak' } })).toThrow(
          /never reach a browser/,
        );
      });
    });

    it('is not needed in a browser: a keyless fetcher is created fine', async () => {
      await inBrowser(() => {
        expect(() => createTruemedFetcher({ baseUrl: '/api/truemed' })).not.toThrow();
      });
    });
  });

  describe('baseUrl', () => {
    it('resolves a relative base against the page location', async () => {
      const stub = jsonFetch(truemedBody([]));
      vi.stubGlobal('location', new URL('https://portal.example.com/sessions?tab=all'));
      try {
        await createTruemedFetcher({ baseUrl: '/api/truemed/', fetch: stub.fetch })(firstPage, { signal: liveSignal() });
      } finally {
        vi.unstubAllGlobals();
      }
      expect(stub.calls[0]?.url.href).toBe('https://portal.example.com/api/truemed/payments/v1/payment_sessions?page=1&page_size=30');
    });

    it('explains when a relative base has nothing to resolve against', async () => {
      const stub = jsonFetch(truemedBody([]));
      const fetcher = createTruemedFetcher({ baseUrl: '/api/truemed', fetch: stub.fetch });
      const error = await fetcher(firstPage, { signal: liveSignal() }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PaymentSessionsError);
      expect((error as Error).message).toMatch(/relative baseUrl "\/api\/truemed"/);
      expect(stub.calls).toHaveLength(0);
    });

    it.each([
      ['empty', ''],
      ['not http(s)', 'ftp://files.example.com'],
      ['a javascript: URL', 'javascript:alert(1)'],
    ])('rejects a base that is %s at creation', (_label, baseUrl) => {
      expect(() => createTruemedFetcher({ baseUrl })).toThrow(TypeError);
    });
  });

  describe('pagination', () => {
    it('reads the pagination object', async () => {
      const stub = jsonFetch(truemedBody([truemedRecord()], { current_page: 2, page_size: 30, count: 54, last_page: 2 }));
      const page = await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch })({ page: 2, pageSize: 30 }, { signal: liveSignal() });
      expect(page).toMatchObject({ total: 54, page: 2, pageSize: 30, pageCount: 2, invalid: 0 });
    });

    it('reports the page size the server used, not the one asked for', async () => {
      const stub = jsonFetch(truemedBody([], { current_page: 1, page_size: 30, count: 0, last_page: 0 }));
      const page = await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch })({ page: 1, pageSize: 80 }, { signal: liveSignal() });
      expect(page).toMatchObject({ total: 0, pageSize: 30, pageCount: 1 });
    });

    it('derives a lower-bound total from the query when pagination is null, counting invalid records too', async () => {
      const records = [truemedRecord({ id: 'a' }), truemedRecord({ id: 'b' }), { id: 'broken' }];
      const stub = jsonFetch(truemedBody(records, null));
      const page = await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch })({ page: 3, pageSize: 10 }, { signal: liveSignal() });
      expect(page).toMatchObject({ total: 23, page: 3, pageSize: 10, pageCount: 3, invalid: 1 });
      expect(page.sessions.map((session) => session.id)).toEqual(['a', 'b']);
    });

    it('reports the capped page size when pagination is null', async () => {
      const stub = jsonFetch(truemedBody([truemedRecord()], null));
      const page = await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch, maxPageSize: 50 })(
        { page: 2, pageSize: 100 },
        { signal: liveSignal() },
      );
      // Page 2 of 50: 50 rows before it, one on it.
      expect(page).toMatchObject({ total: 51, page: 2, pageSize: 50, pageCount: 2 });
    });

    it('with pagination null, a full page counts one more, so paging reaches the next page and settles there', async () => {
      const full = Array.from({ length: 10 }, (_, index) => truemedRecord({ id: `ps_${index}` }));
      const stub = jsonFetch(truemedBody(full, null));
      const fetcher = createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch });
      expect(await fetcher({ page: 1, pageSize: 10 }, { signal: liveSignal() })).toMatchObject({ total: 11, totalIsLowerBound: true, pageCount: 2 });
      const short = jsonFetch(truemedBody(full.slice(0, 4), null));
      const last = await createTruemedFetcher({ baseUrl: BASE, fetch: short.fetch })({ page: 2, pageSize: 10 }, { signal: liveSignal() });
      expect(last).toMatchObject({ total: 14, pageCount: 2 });
      expect(last).not.toHaveProperty('totalIsLowerBound');
    });

    it('treats a missing pagination like null', async () => {
      const stub = jsonFetch({ payment_sessions: [truemedRecord()] });
      const page = await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch })(firstPage, { signal: liveSignal() });
      expect(page).toMatchObject({ total: 1, page: 1, pageSize: 30, pageCount: 1 });
    });
  });

  describe('timeout', () => {
    const TIMEOUT_MESSAGE = 'The payment sessions service did not answer in time.';

    /** A fetch that never answers and ignores its signal (a backend that hangs, a fetch wrapper that never settles). */
    function hangingFetch() {
      return stubFetch(() => new Promise<Response>(() => undefined));
    }

    /** Calls the fetcher and records how it settled, without awaiting it. */
    function track(promise: Promise<unknown>) {
      const state: { outcome: unknown } = { outcome: 'pending' };
      promise.then(
        (page) => (state.outcome = page),
        (error: unknown) => (state.outcome = error),
      );
      return state;
    }

    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('fails as a retryable network error after 30 s by default, and aborts the request', async () => {
      const stub = hangingFetch();
      const call = track(createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch })(firstPage, { signal: liveSignal() }));
      await vi.advanceTimersByTimeAsync(29_999);
      expect(call.outcome).toBe('pending');
      expect(stub.calls[0]?.init?.signal?.aborted).toBe(false);

      await vi.advanceTimersByTimeAsync(1);
      expect(call.outcome).toBeInstanceOf(PaymentSessionsError);
      expect(call.outcome).toMatchObject({ kind: 'network', message: TIMEOUT_MESSAGE });
      expect((call.outcome as PaymentSessionsError).retryable).toBe(true);
      // A real fetch hangs up on the server.
      expect(stub.calls[0]?.init?.signal?.aborted).toBe(true);
    });

    it('honours timeoutMs, for a body that never ends too', async () => {
      const stub = stubFetch(() => new Response(new ReadableStream({ start: () => undefined }), { status: 200 }));
      const call = track(createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch, timeoutMs: 250 })(firstPage, { signal: liveSignal() }));
      await vi.advanceTimersByTimeAsync(249);
      expect(call.outcome).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      expect(call.outcome).toMatchObject({ kind: 'network', message: TIMEOUT_MESSAGE });
    });

    it('still reports the caller’s own abort as aborted, at once, even from a fetch that ignores it', async () => {
      const stub = hangingFetch();
      const controller = new AbortController();
      const call = track(createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch, timeoutMs: 1_000 })(firstPage, { signal: controller.signal }));
      await vi.advanceTimersByTimeAsync(10);
      controller.abort();
      await vi.advanceTimersByTimeAsync(0);
      expect(call.outcome).toMatchObject({ kind: 'aborted' });
      expect(stub.calls[0]?.init?.signal?.aborted).toBe(true);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(call.outcome).toMatchObject({ kind: 'aborted' });
    });

    it('waits forever with timeoutMs 0', async () => {
      const stub = hangingFetch();
      const call = track(createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch, timeoutMs: 0 })(firstPage, { signal: liveSignal() }));
      await vi.advanceTimersByTimeAsync(60 * 60_000);
      expect(call.outcome).toBe('pending');
    });

    it('leaves no timer behind once answered', async () => {
      const stub = jsonFetch(truemedBody([truemedRecord()]));
      await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch })(firstPage, { signal: liveSignal() });
      expect(vi.getTimerCount()).toBe(0);
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '1000'])('refuses a timeoutMs of %p at creation', (timeoutMs) => {
      expect(() => createTruemedFetcher({ baseUrl: BASE, timeoutMs } as Parameters<typeof createTruemedFetcher>[0])).toThrow(/timeoutMs/);
    });
  });

  describe('cancellation', () => {
    it('does not call fetch for a signal that is already aborted', async () => {
      const stub = jsonFetch(truemedBody([]));
      const controller = new AbortController();
      controller.abort();
      await expect(createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch })(firstPage, { signal: controller.signal })).rejects.toMatchObject({
        kind: 'aborted',
      });
      expect(stub.calls).toHaveLength(0);
    });

    it('drops a result that arrives after the abort, even from a fetch that ignores the signal', async () => {
      const controller = new AbortController();
      const stub = stubFetch(async () => {
        controller.abort();
        return Response.json(truemedBody([truemedRecord()]));
      });
      await expect(createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch })(firstPage, { signal: controller.signal })).rejects.toMatchObject({
        kind: 'aborted',
      });
    });

    it('turns fetch’s AbortError into an aborted error', async () => {
      const controller = new AbortController();
      const stub = stubFetch(() => {
        controller.abort();
        throw new DOMException('The operation was aborted.', 'AbortError');
      });
      const error = await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch })(firstPage, { signal: controller.signal }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ kind: 'aborted', message: 'The request was cancelled.' });
    });

    it('turns an AbortError its own signal did not cause (a fetch wrapper’s timeout) into a network error', async () => {
      const stub = stubFetch(() => {
        throw new DOMException('The operation was aborted.', 'AbortError');
      });
      const error = await createTruemedFetcher({ baseUrl: BASE, fetch: stub.fetch })(firstPage, { signal: liveSignal() }).catch(
        (caught: unknown) => caught,
      );
      // An `aborted` error is never shown: the list would wait forever, with no Retry.
      expect(error).toMatchObject({ kind: 'network', message: expect.stringMatching(/^Could not reach .+\. Check the connection and try again\.$/) });
    });
  });
});
