import { act, renderHook } from '@testing-library/react';
import {
  PaymentSessionsError,
  useSessionExport,
  type PaymentSession,
  type SessionQuery,
  type UseSessionExportOptions,
} from 'react-payment-sessions/headless';
import { createOneEntryFetcher } from 'react-payment-sessions/headless';
import { createFakeOneEntryPayments } from 'react-payment-sessions/testing';
import { createExportRun } from '../../src/hooks/export-run';
import { createFakeFetcher, makeSessions, type FakeFetcher } from './fake-fetcher';
import { advance, providerWrapper } from './render';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function renderExport(fetcher: FakeFetcher, filter: Partial<SessionQuery>, options: UseSessionExportOptions = {}) {
  const { wrapper } = providerWrapper(fetcher);
  return renderHook(({ filter, options }) => useSessionExport(filter, options), { wrapper, initialProps: { filter, options } });
}

/** The data rows of a CSV (header dropped), split into cells naively — fine for these plain values. */
const rows = (csv: string | undefined) => (csv ?? '').trimEnd().split('\r\n').slice(1);

describe('useSessionExport', () => {
  describe('given a backend whose total is only a lower bound (a full page counts one more)', () => {
    it('keeps walking while pages report more, and exports every session', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 250, legacyBareArray: true });
      const { wrapper } = providerWrapper(createOneEntryFetcher(payments));
      const { result } = renderHook(() => useSessionExport({}, { pageSize: 100 }), { wrapper });
      act(() => result.current.start());
      await advance(100);
      expect(result.current.status).toBe('done');
      expect(result.current.rows).toBe(250);
      expect(payments.calls.map(({ offset }) => offset)).toEqual([0, 100, 200]);
      expect(result.current.progress).toEqual({ done: 3, total: 3 });
    });
  });

  describe('given sessions created while it runs', () => {
    it('exports the sessions created up to its start, so a new one cannot push a row between two pages', async () => {
      vi.setSystemTime(new Date('2026-12-01T12:00:00Z'));
      const fetcher = createFakeFetcher({ delayMs: 10 });
      const { result } = renderExport(fetcher, {}, { pageSize: 20 });
      act(() => result.current.start());
      await advance(100);
      expect(result.current.status).toBe('done');
      expect(new Set(fetcher.calls.map((c) => c.query.createdTo))).toEqual(new Set(['2026-12-01T12:00:00.000Z']));
    });

    it('keeps an earlier end the filter already has', async () => {
      vi.setSystemTime(new Date('2026-12-01T12:00:00Z'));
      const fetcher = createFakeFetcher();
      const { result } = renderExport(fetcher, { createdTo: '2026-06-30T00:00:00.000Z' });
      act(() => result.current.start());
      await advance(50);
      expect(fetcher.calls[0]?.query.createdTo).toBe('2026-06-30T00:00:00.000Z');
    });
  });

  it('disposed while running (its component hidden), ends as canceled, and resume() finishes it', async () => {
    const fetcher = createFakeFetcher({ delayMs: 10 });
    const exportRun = createExportRun({ fetcher, query: { pageSize: 20 }, concurrency: 1, csvOptions: () => ({}) });
    exportRun.start();
    await advance(25);
    exportRun.dispose();
    expect(exportRun.getState().status).toBe('canceled');
    exportRun.resume();
    await advance(200);
    expect(exportRun.getState()).toMatchObject({ status: 'done', rows: 95 });
    // Only the pages it did not have: page 3 was in flight when it was disposed.
    expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2, 3, 3, 4, 5]);
  });

  it('refuses a concurrency that is not a whole number of at least 1', () => {
    const { wrapper } = providerWrapper(createFakeFetcher());
    for (const concurrency of [0, Number.NaN, Number.POSITIVE_INFINITY, 1.5]) {
      expect(() => renderHook(() => useSessionExport({}, { concurrency }), { wrapper })).toThrow(/concurrency must be a whole number/);
    }
  });

  describe('given a filter with several pages', () => {
    it('fetches every page, page 1 first, at most `concurrency` at once, and yields the CSV', async () => {
      let maxInFlight = 0;
      const fetcher: FakeFetcher = createFakeFetcher({
        delayMs: () => {
          maxInFlight = Math.max(maxInFlight, fetcher.calls.filter((c) => !c.settled).length);
          return 30;
        },
      });
      const { result } = renderExport(fetcher, { pageSize: 30 }, { pageSize: 20 });
      expect(result.current).toMatchObject({ status: 'idle', progress: { done: 0, total: undefined } });

      act(() => result.current.start());
      expect(result.current.status).toBe('running');
      await advance(30);
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2, 3]);
      expect(result.current.progress).toEqual({ done: 1, total: 5 });

      await advance(30);
      expect(result.current.progress).toEqual({ done: 3, total: 5 });
      await advance(60);

      expect(result.current.status).toBe('done');
      expect(result.current.progress).toEqual({ done: 5, total: 5 });
      expect(fetcher.calls).toHaveLength(5);
      expect(maxInFlight).toBe(2);
      expect(fetcher.calls.every((c) => c.query.pageSize === 20)).toBe(true);
      const lines = rows(result.current.csv);
      expect(lines).toHaveLength(95);
      expect(lines[0]).toMatch(/^ps_0001,captured,/);
      expect(lines[94]).toMatch(/^ps_0095,/);
      expect(result.current.csv?.split('\r\n')[0]).toMatch(/^ID,Status,/);
    });

    it('counts sessions, not lines: a line break inside a quoted cell is part of the cell', async () => {
      const sessions = makeSessions(3).map((session, index) =>
        index === 1 ? { ...session, customer: { name: 'Two\r\nlines', email: 'two@example.com' } } : session,
      );
      const fetcher = createFakeFetcher({ sessions });
      const { result } = renderExport(fetcher, {}, { columns: ['id', { key: 'name', header: 'Name', value: (session) => session.customer?.name }] });
      act(() => result.current.start());
      await advance(50);
      expect(result.current.status).toBe('done');
      expect(result.current.rows).toBe(3);
      // Four CRLF-separated pieces after the header: the quoted name spans two of them.
      expect(rows(result.current.csv)).toHaveLength(4);
      expect(result.current.csv).toContain('"Two\r\nlines"');
    });

    it('has no row count until an export is done, and none while a new one runs', async () => {
      const fetcher = createFakeFetcher({ sessions: makeSessions(2), delayMs: () => 30 });
      const { result } = renderExport(fetcher, {});
      expect(result.current.rows).toBeUndefined();
      act(() => result.current.start());
      await advance(30);
      expect(result.current.rows).toBe(2);
      act(() => result.current.start());
      expect(result.current.rows).toBeUndefined();
      await advance(30);
      expect(result.current.rows).toBe(2);
    });

    it('exports the whole filter whatever page the query is on, with the chosen columns', async () => {
      const fetcher = createFakeFetcher();
      const { result } = renderExport(fetcher, { page: 3, status: ['refunded'] }, { columns: ['id', 'status'], concurrency: 1 });
      act(() => result.current.start());
      await advance(100);

      // 16 refunded sessions fit on one page of 100: one request, for page 1 (not the query's page 3).
      // Pinned to the sessions created up to the export's start (the fake fetcher filters by creation date).
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 1, pageSize: 100, status: ['refunded'], createdTo: expect.any(String) }]);
      expect(result.current.csv).toBe(['id,status', ...makeSessions(95).filter((s) => s.status === 'refunded').map((s) => `${s.id},refunded`), ''].join('\r\n'));
    });

    it('caps the page size at the fetcher maxPageSize', async () => {
      const fetcher = createFakeFetcher({ capabilities: { maxPageSize: 50 } });
      const { result } = renderExport(fetcher, {}, { pageSize: 500 });
      act(() => result.current.start());
      await advance(100);
      expect(fetcher.calls.map((c) => [c.query.page, c.query.pageSize])).toEqual([
        [1, 50],
        [2, 50],
      ]);
      expect(rows(result.current.csv)).toHaveLength(95);
    });

    it('writes a session that moved across a page boundary during the export once', async () => {
      const fetcher = createFakeFetcher({ manual: true });
      const { result } = renderExport(fetcher, {}, { pageSize: 50, columns: ['id'] });
      act(() => result.current.start());
      await advance(0);
      act(() => fetcher.calls[0]?.resolve());
      await advance(0);
      // A new session arrived meanwhile: everything shifted by one, ps_0050 is now first on page 2.
      const page2 = fetcher.pageFor({ page: 2, pageSize: 50 });
      act(() => fetcher.calls[1]?.resolve({ ...page2, sessions: [makeSessions(50)[49]!, ...page2.sessions] }));
      await advance(0);

      expect(result.current.status).toBe('done');
      expect(fetcher.calls.map((c) => [c.query.page, c.query.pageSize])).toEqual([
        [1, 50],
        [2, 50],
      ]);
      expect(rows(result.current.csv)).toEqual(makeSessions(95).map((s) => s.id));
    });
  });

  describe('given the user cancels', () => {
    it('aborts the requests in flight, stops, and resume() fetches only what is missing', async () => {
      const fetcher = createFakeFetcher({ delayMs: 30 });
      const { result } = renderExport(fetcher, {}, { pageSize: 20 });
      act(() => result.current.start());
      await advance(30); // page 1 done, pages 2 and 3 in flight

      act(() => result.current.cancel());
      expect(result.current.status).toBe('canceled');
      expect(fetcher.calls.slice(1).map((c) => c.signal.aborted)).toEqual([true, true]);
      await advance(1000);
      expect(fetcher.calls).toHaveLength(3);
      expect(result.current.progress).toEqual({ done: 1, total: 5 });

      act(() => result.current.resume());
      await advance(100);
      expect(result.current.status).toBe('done');
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2, 3, 2, 3, 4, 5]);
      expect(rows(result.current.csv)).toHaveLength(95);
    });

    it('discards the export when the filter changes, aborting what was in flight', async () => {
      const fetcher = createFakeFetcher({ delayMs: 30 });
      const { result, rerender } = renderExport(fetcher, {});
      act(() => result.current.start());
      await advance(0);
      rerender({ filter: { status: ['captured'] }, options: {} });

      expect(fetcher.calls[0]?.signal.aborted).toBe(true);
      expect(result.current.status).toBe('idle');
      await advance(100);
      expect(result.current.status).toBe('idle');
      // Nothing for the new filter until asked, nothing more for the old one.
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 1, pageSize: 100, createdTo: expect.any(String) }]);
    });
  });

  describe('given a page fails mid-way', () => {
    it('reports which page, keeps the finished pages, and resume() continues from it', async () => {
      const fetcher = createFakeFetcher({ delayMs: 10 });
      fetcher.failure = (query) => (query.page === 3 ? new PaymentSessionsError({ kind: 'http', status: 502, message: 'Bad gateway' }) : undefined);
      const { result } = renderExport(fetcher, {}, { pageSize: 20, concurrency: 1 });
      act(() => result.current.start());
      await advance(100);

      expect(result.current.status).toBe('error');
      expect(result.current.failedPage).toBe(3);
      expect(result.current.error).toBeInstanceOf(PaymentSessionsError);
      expect(result.current.error?.status).toBe(502);
      expect(result.current.progress).toEqual({ done: 2, total: 5 });
      expect(result.current.csv).toBeUndefined();
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2, 3]); // no page after the failure

      fetcher.failure = undefined;
      act(() => result.current.resume());
      expect(result.current).toMatchObject({ status: 'running', failedPage: undefined, error: undefined });
      await advance(100);

      expect(fetcher.calls.map((c) => c.query.page)).toEqual([1, 2, 3, 3, 4, 5]);
      expect(result.current.status).toBe('done');
      expect(rows(result.current.csv).map((line) => line.split(',')[0])).toEqual(makeSessions(95).map((s) => s.id));
    });

    it('reports a failing first page as page 1 and wraps a plain error', async () => {
      const fetcher = createFakeFetcher();
      fetcher.failure = () => new TypeError('Failed to fetch');
      const { result } = renderExport(fetcher, {});
      act(() => result.current.start());
      await advance(100);
      expect(result.current).toMatchObject({ status: 'error', failedPage: 1, progress: { done: 0, total: undefined } });
      expect(result.current.error).toMatchObject({ kind: 'network', message: 'Failed to fetch' });
      // Without page 1 the page count is unknown: no other page was asked for, and nothing is retried.
      expect(fetcher.calls.map((c) => c.query.page)).toEqual([1]);
      await advance(60_000);
      expect(fetcher.calls).toHaveLength(1);
    });
  });

  describe('given sessions carrying secrets or formulas', () => {
    const risky: PaymentSession[] = [
      {
        ...makeSessions(1)[0]!,
        customer: { name: '=HYPERLINK("http://evil.example","click")', email: '@SUM(A1)' },
        metadata: { note: 'vip', clientSecret: 'pi_123_secret_abc', nested: { client_secret: 'pi_456_secret_def' } },
        raw: { id: 'ps_1', client_secret: 'pi_789_secret_ghi' },
      },
    ];

    it('writes formula-safe cells and no secret, even in a JSON column', async () => {
      const fetcher = createFakeFetcher({ sessions: risky });
      const { result } = renderExport(fetcher, {}, {
        columns: [{ key: 'name', value: (s) => s.customer?.name }, { key: 'email', value: (s) => s.customer?.email }, 'metadata', 'raw'],
      });
      act(() => result.current.start());
      await advance(100);

      expect(result.current.status).toBe('done');
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 1, pageSize: 100, createdTo: expect.any(String) }]);
      const csv = result.current.csv ?? '';
      expect(csv).not.toMatch(/secret_/);
      expect(csv).toContain('"\'=HYPERLINK(""http://evil.example"",""click"")"');
      expect(csv).toContain(",'@SUM(A1),");
      expect(csv).toContain('""note"":""vip""');
    });

    it('the default columns leave raw and metadata out', async () => {
      const fetcher = createFakeFetcher({ sessions: risky });
      const { result } = renderExport(fetcher, {});
      act(() => result.current.start());
      await advance(100);
      expect(result.current.status).toBe('done');
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 1, pageSize: 100, createdTo: expect.any(String) }]);
      expect(result.current.csv).not.toMatch(/secret|vip/);
      expect(rows(result.current.csv)).toHaveLength(1);
    });

    it('refuses a column that names a secret when asked to start, before any request', () => {
      const fetcher = createFakeFetcher({ sessions: risky });
      const { result } = renderExport(fetcher, {}, { columns: ['id', { key: 'clientSecret', value: () => 'x' }] });
      expect(() => result.current.start()).toThrow(/names a secret/);
      expect(fetcher.calls).toHaveLength(0);
      expect(result.current.status).toBe('idle');
    });
  });
});
