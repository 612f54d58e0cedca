import { act, renderHook } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import {
  EMPTY_SESSION_FILTERS,
  usePaymentSessions,
  useSessionFilters,
  type SessionFilterState,
  type UseSessionFiltersOptions,
} from 'react-payment-sessions/headless';
import { createFakeFetcher } from './fake-fetcher';
import { advance, providerWrapper } from './render';

beforeEach(() => {
  vi.useFakeTimers();
  window.history.replaceState(null, '', '/portal');
});
afterEach(() => {
  vi.useRealTimers();
});

function renderFilters(initial: UseSessionFiltersOptions = {}) {
  return renderHook((options: UseSessionFiltersOptions) => useSessionFilters(options), { initialProps: initial });
}

/** Filters feeding a list, as a portal wires them. */
function renderFilteredList(fetcher: ReturnType<typeof createFakeFetcher>, options: UseSessionFiltersOptions = {}) {
  const { wrapper } = providerWrapper(fetcher);
  return renderHook(
    () => {
      const filters = useSessionFilters(options);
      const list = usePaymentSessions({ query: filters.query, prefetchNext: false });
      return { filters, list };
    },
    { wrapper },
  );
}

async function type(setSearch: () => (text: string) => void, text: string, gapMs: number) {
  for (let end = 1; end <= text.length; end += 1) {
    act(() => setSearch()(text.slice(0, end)));
    await advance(gapMs);
  }
}

describe('useSessionFilters', () => {
  describe('given no value (uncontrolled)', () => {
    it('starts empty on page 1 and derives the query', () => {
      const { result } = renderFilters();
      expect(result.current.value).toEqual(EMPTY_SESSION_FILTERS);
      expect(result.current.query).toEqual({ page: 1, pageSize: 30 });
      expect(result.current.isFiltered).toBe(false);
    });

    it('goes back to page 1 on any filter change and reports each change', () => {
      const onValueChange = vi.fn();
      const { result } = renderFilters({ defaultValue: { page: 4 }, onValueChange });
      expect(result.current.query.page).toBe(4);

      act(() => result.current.setStatus(['refunded', 'captured']));
      expect(result.current.value).toMatchObject({ page: 1, status: ['refunded', 'captured'] });
      expect(result.current.query).toEqual({ page: 1, pageSize: 30, status: ['captured', 'refunded'] });
      expect(result.current.isFiltered).toBe(true);

      act(() => result.current.setPage(3));
      act(() => result.current.setExcludeVoided(true));
      expect(result.current.value.page).toBe(1);
      act(() => result.current.setPage(2));
      act(() => result.current.setFilters({ kind: ['authorization'], paymentToken: 'tok_1' }));
      expect(result.current.query).toMatchObject({ page: 1, kind: ['authorization'], paymentToken: 'tok_1', excludeVoided: true });
      expect(onValueChange).toHaveBeenCalledTimes(5);
      expect(onValueChange).toHaveBeenLastCalledWith(expect.objectContaining({ page: 1, paymentToken: 'tok_1' }));
    });

    it('returns the same object until something changes', () => {
      const { result, rerender } = renderFilters();
      const first = result.current;
      rerender({});
      expect(result.current).toBe(first);
      act(() => result.current.setKind(['authorization']));
      expect(result.current).not.toBe(first);
      expect(result.current.setStatus).toBe(first.setStatus);
    });

    it('keeps the first visible row in view when the page size changes', () => {
      const { result } = renderFilters({ defaultValue: { page: 3, pageSize: 20 } });
      act(() => result.current.setPageSize(50));
      expect(result.current.value).toMatchObject({ page: 1, pageSize: 50 });
      act(() => result.current.setPage(3)); // rows 101–150
      act(() => result.current.setPageSize(25));
      expect(result.current.value).toMatchObject({ page: 5, pageSize: 25 }); // rows 101–125
    });

    it('reset clears every filter and the search at once, and keeps the page size', async () => {
      const { result } = renderFilters({ defaultValue: { pageSize: 50 } });
      act(() => {
        result.current.setStatus(['captured']);
        result.current.setSearch('ref');
      });
      await advance(300);
      act(() => result.current.setSearch('refund'));
      act(() => result.current.reset());

      expect(result.current.value).toEqual({ ...EMPTY_SESSION_FILTERS, pageSize: 50 });
      expect(result.current.query).toEqual({ page: 1, pageSize: 50 });
      expect(result.current.isSearchPending).toBe(false);
    });
  });

  describe('given a value (controlled)', () => {
    it('shows the value and only asks onValueChange to change it', () => {
      const value: SessionFilterState = { ...EMPTY_SESSION_FILTERS, status: ['captured'], page: 2 };
      const onValueChange = vi.fn();
      const { result, rerender } = renderFilters({ value, onValueChange });
      expect(result.current.query).toMatchObject({ page: 2, status: ['captured'] });

      act(() => result.current.setKind(['authorization']));
      expect(onValueChange).toHaveBeenCalledExactlyOnceWith({ ...value, kind: ['authorization'], page: 1 });
      expect(result.current.value).toBe(value);

      rerender({ value: { ...value, kind: ['authorization'], page: 1 }, onValueChange });
      expect(result.current.query).toMatchObject({ page: 1, kind: ['authorization'] });
    });
  });

  describe('given someone types in the search', () => {
    it('typing "refund" letter by letter makes one request, after the pause, on page 1', async () => {
      const fetcher = createFakeFetcher();
      const { result } = renderFilteredList(fetcher, { defaultValue: { page: 3 } });
      await advance(10);
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 3, pageSize: 30 }]);

      await type(() => result.current.filters.setSearch, 'refund', 120);
      expect(result.current.filters.value.search).toBe('refund');
      expect(result.current.filters.isSearchPending).toBe(true);
      expect(fetcher.calls).toHaveLength(1);

      await advance(300);
      expect(result.current.filters.isSearchPending).toBe(false);
      expect(fetcher.calls.map((c) => c.query)).toEqual([
        { page: 3, pageSize: 30 },
        { page: 1, pageSize: 30, search: 'refund' },
      ]);
      expect(result.current.filters.value.page).toBe(1);
    });

    it('one request per pause: two words with a pause between make two requests', async () => {
      const fetcher = createFakeFetcher();
      const { result } = renderFilteredList(fetcher, { debounceMs: 200 });
      await advance(10);
      await type(() => result.current.filters.setSearch, 'ps_', 50);
      await advance(200);
      await type(() => result.current.filters.setSearch, 'ps_001', 50);
      await advance(200);
      expect(fetcher.calls.map((c) => c.query.search)).toEqual([undefined, 'ps_', 'ps_001']);
    });

    it('a trailing space does not start a request', async () => {
      const fetcher = createFakeFetcher();
      const { result } = renderFilteredList(fetcher, { defaultValue: { search: 'refund' } });
      await advance(10);
      act(() => result.current.filters.setSearch('refund '));
      await advance(1000);
      expect(fetcher.calls).toHaveLength(1);
    });
  });

  describe('given a list attached, on page 4', () => {
    type Filters = ReturnType<typeof useSessionFilters>;
    const START: Partial<SessionFilterState> = { page: 4 };
    const cases: Array<[string, (filters: Filters) => void, Record<string, unknown>]> = [
      ['status', (f) => f.setStatus(['refunded', 'captured']), { status: ['captured', 'refunded'] }],
      ['kind', (f) => f.setKind(['authorization']), { kind: ['authorization'] }],
      [
        'a created date range',
        (f) => f.setCreated({ from: '2024-06-01', to: '2024-06-15' }),
        { createdFrom: '2024-06-01T00:00:00.000Z', createdTo: '2024-06-15T23:59:59.999Z' },
      ],
      [
        'a captured date range',
        (f) => f.setCaptured({ from: '2024-06-01', to: '2024-06-01' }),
        { capturedFrom: '2024-06-01T00:00:00.000Z', capturedTo: '2024-06-01T23:59:59.999Z' },
      ],
      ['the pending toggle', (f) => f.setExcludePending(true), { excludePending: true }],
      ['the voided toggle', (f) => f.setExcludeVoided(true), { excludeVoided: true }],
      ['the payment token', (f) => f.setPaymentToken('tok_1'), { paymentToken: 'tok_1' }],
      ['several filters at once', (f) => f.setFilters({ kind: ['authorization'], excludeVoided: true }), { kind: ['authorization'], excludeVoided: true }],
    ];

    it.each(cases)('changing %s makes exactly one request, for page 1 of the new filter', async (_label, change, filter) => {
      const fetcher = createFakeFetcher();
      const { result } = renderFilteredList(fetcher, { defaultValue: START });
      await advance(10);
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 4, pageSize: 30 }]);

      act(() => change(result.current.filters));
      await advance(1000);

      expect(fetcher.calls.map((c) => c.query)).toEqual([
        { page: 4, pageSize: 30 },
        { page: 1, pageSize: 30, ...filter },
      ]);
      // Never the old page with the new filter, not even for one render.
      expect(fetcher.calls.filter((c) => c.query.page === 4 && Object.keys(filter).some((key) => key in c.query))).toEqual([]);
      expect(result.current.list).toMatchObject({ loadingState: 'idle', page: 1, isStale: false });
    });

    it('reset makes exactly one request, for page 1 without filters (the page size kept)', async () => {
      const fetcher = createFakeFetcher();
      const { result } = renderFilteredList(fetcher, { defaultValue: { page: 4, pageSize: 4, status: ['captured'], search: 'ps_' } });
      await advance(10);
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 4, pageSize: 4, status: ['captured'], search: 'ps_' }]);

      act(() => result.current.filters.reset());
      await advance(1000);

      expect(fetcher.calls.map((c) => c.query)).toEqual([
        { page: 4, pageSize: 4, status: ['captured'], search: 'ps_' },
        { page: 1, pageSize: 4 },
      ]);
      expect(result.current.list).toMatchObject({ loadingState: 'idle', page: 1, pageSize: 4 });
    });

    it('setPageSize makes exactly one request, for the page that keeps the first visible row in view', async () => {
      const fetcher = createFakeFetcher();
      const { result } = renderFilteredList(fetcher, { defaultValue: START });
      await advance(10);
      const firstRow = result.current.list.sessions[0]?.id;
      expect(firstRow).toBe('ps_0091');

      act(() => result.current.filters.setPageSize(50));
      await advance(1000);

      // Row 91 is on page 2 of 50 (rows 51–100).
      expect(fetcher.calls.map((c) => c.query)).toEqual([
        { page: 4, pageSize: 30 },
        { page: 2, pageSize: 50 },
      ]);
      expect(result.current.list.sessions.map((s) => s.id)).toContain(firstRow);
    });

    it('Back to the cached page 4 after a filter change makes no request, nor does Forward', async () => {
      window.history.replaceState(null, '', '/portal?page=4');
      const fetcher = createFakeFetcher();
      const { result } = renderFilteredList(fetcher, { syncWithUrl: true });
      await advance(10);
      act(() => result.current.filters.setStatus(['captured']));
      await advance(100);
      expect(fetcher.calls.map((c) => c.query)).toEqual([
        { page: 4, pageSize: 30 },
        { page: 1, pageSize: 30, status: ['captured'] },
      ]);

      await act(async () => {
        window.history.back();
        await vi.advanceTimersByTimeAsync(10);
      });
      expect(result.current.filters.value).toMatchObject({ page: 4, status: [] });
      expect(result.current.list).toMatchObject({ loadingState: 'idle', page: 4, isStale: false });
      expect(result.current.list.sessions[0]?.id).toBe('ps_0091');

      await act(async () => {
        window.history.forward();
        await vi.advanceTimersByTimeAsync(10);
      });
      expect(result.current.list).toMatchObject({ loadingState: 'idle', page: 1, isStale: false });
      await advance(1000);
      expect(fetcher.calls).toHaveLength(2);
    });
  });

  describe('given date ranges', () => {
    it('sends whole days of a DST-change day in New York (a 23-hour day)', () => {
      const { result } = renderFilters({ timeZone: 'America/New_York' });
      act(() => result.current.setCreated({ from: '2024-03-10', to: '2024-03-10' }));
      expect(result.current.query).toMatchObject({
        createdFrom: '2024-03-10T05:00:00.000Z',
        createdTo: '2024-03-11T03:59:59.999Z',
      });
      expect(Date.parse(result.current.query.createdTo!) + 1 - Date.parse(result.current.query.createdFrom!)).toBe(23 * 3600_000);
    });

    it('uses the provider time zone when none is given (+14:00, far from UTC)', () => {
      const { wrapper } = providerWrapper(createFakeFetcher(), { timeZone: 'Pacific/Kiritimati' });
      const { result } = renderHook(() => useSessionFilters({ defaultValue: { captured: { from: '2024-06-01', to: '2024-06-02' } } }), {
        wrapper,
      });
      expect(result.current.query).toMatchObject({
        capturedFrom: '2024-05-31T10:00:00.000Z',
        capturedTo: '2024-06-02T09:59:59.999Z',
      });
    });

    it('defaults to UTC days without a provider or option', () => {
      const { result } = renderFilters({ defaultValue: { created: { from: '2024-01-31' } } });
      expect(result.current.query.createdFrom).toBe('2024-01-31T00:00:00.000Z');
      expect(result.current.query.createdTo).toBeUndefined();
    });

    it('leaves an impossible range out of the query and says why', () => {
      const { result } = renderFilters();
      act(() => result.current.setCreated({ from: '2024-05-10', to: '2024-05-01' }));
      expect(result.current.query.createdFrom).toBeUndefined();
      expect(result.current.dateRangeErrors.created).toMatch(/must not be after/);
      act(() => result.current.setCreated({ from: '2024-05-01', to: '2024-05-10' }));
      expect(result.current.dateRangeErrors).toEqual({});
    });
  });

  describe('given syncWithUrl', () => {
    it('writes applied changes to the query string, one history entry each, keeping the host parameters', async () => {
      window.history.replaceState({ router: 'host' }, '', '/portal?tab=sessions');
      const before = window.history.length;
      const { result } = renderFilters({ syncWithUrl: true });
      expect(window.history.length).toBe(before); // nothing written on load

      act(() => result.current.setStatus(['captured', 'refunded']));
      expect(window.location.search).toBe('?tab=sessions&status=captured%2Crefunded');
      act(() => result.current.setPage(2));
      expect(new URLSearchParams(window.location.search).get('page')).toBe('2');
      expect(window.history.length).toBe(before + 2);
      expect(window.history.state).toEqual({ router: 'host' });

      await type(() => result.current.setSearch, 'refund', 50);
      expect(window.history.length).toBe(before + 2); // not per keystroke
      await advance(300);
      expect(window.location.search).toBe('?tab=sessions&search=refund&status=captured%2Crefunded');
      expect(window.history.length).toBe(before + 3);
    });

    it('restores the view on load, with one request for it', async () => {
      window.history.replaceState(null, '', '/portal?status=captured&page=2&search=ps_00&created_from=2024-06-01');
      const fetcher = createFakeFetcher();
      const { result } = renderFilteredList(fetcher, { syncWithUrl: true });
      expect(result.current.filters.value).toMatchObject({ status: ['captured'], page: 2, search: 'ps_00', created: { from: '2024-06-01' } });
      await advance(10);

      expect(fetcher.calls.map((c) => c.query)).toEqual([
        { page: 2, pageSize: 30, status: ['captured'], search: 'ps_00', createdFrom: '2024-06-01T00:00:00.000Z' },
      ]);
      expect(window.location.search).toBe('?status=captured&page=2&search=ps_00&created_from=2024-06-01');
    });

    it('leaves out statuses and kinds the backend does not list (a shared link may carry any), so the list still loads', async () => {
      window.history.replaceState(null, '', '/portal?status=bogus,captured&kind=nope');
      const fetcher = createFakeFetcher({ capabilities: { statuses: ['captured', 'pending'], kinds: ['authorization'] } });
      const { result } = renderFilteredList(fetcher, { syncWithUrl: true });
      await advance(10);
      expect(result.current.filters.query).toMatchObject({ status: ['captured'] });
      expect(result.current.filters.query).not.toHaveProperty('kind');
      expect(fetcher.calls.map((c) => c.query)).toEqual([{ page: 1, pageSize: 30, status: ['captured'] }]);
      expect(result.current.list.loadingState).toBe('idle');
    });

    it('passes every status through to a backend that lists none', async () => {
      window.history.replaceState(null, '', '/portal?status=whatever');
      const fetcher = createFakeFetcher();
      const { result } = renderFilteredList(fetcher, { syncWithUrl: true });
      await advance(10);
      expect(result.current.filters.query).toMatchObject({ status: ['whatever'] });
    });

    it('ignores a page in the link whose first row would lie past the largest safe offset', async () => {
      window.history.replaceState(null, '', '/portal?page=999999999999999&status=captured');
      const { result } = renderFilters({ syncWithUrl: true });
      expect(result.current.value).toMatchObject({ page: 1, status: ['captured'] });
    });

    it('setPageSize keeps the first row of the page size the query really uses (a link above the backend maximum)', async () => {
      window.history.replaceState(null, '', '/portal?page=3&page_size=1000');
      const fetcher = createFakeFetcher({ capabilities: { maxPageSize: 100 } });
      const { result } = renderFilteredList(fetcher, { syncWithUrl: true });
      await advance(10);
      expect(result.current.filters.query).toMatchObject({ page: 3, pageSize: 100 }); // rows 201–300
      act(() => result.current.filters.setPageSize(50));
      expect(result.current.filters.query).toMatchObject({ page: 5, pageSize: 50 }); // rows 201–250
    });

    it('a host router changing its own parameters does not undo the next filter change', async () => {
      const { result } = renderFilters({ syncWithUrl: true });
      await advance(0);
      // The host's own parameter, written without telling anyone (no popstate), as a router may.
      window.history.replaceState(null, '', '/portal?theme=dark');
      act(() => result.current.setStatus(['captured']));
      await advance(0);
      expect(result.current.value.status).toEqual(['captured']);
      expect(window.location.search).toBe('?theme=dark&status=captured');

      window.history.pushState(null, '', '/portal?theme=dark&status=captured&tab=x');
      act(() => result.current.setPage(3));
      await advance(0);
      expect(result.current.value.page).toBe(3);
      expect(new URLSearchParams(window.location.search).get('page')).toBe('3');
      expect(new URLSearchParams(window.location.search).get('tab')).toBe('x');
    });

    it('restores the previous view on Back and the next on Forward, without writing history', async () => {
      const { result } = renderFilters({ syncWithUrl: true });
      const before = window.history.length;
      act(() => result.current.setStatus(['captured']));
      act(() => result.current.setPage(3));
      expect(window.history.length).toBe(before + 2);

      await act(async () => {
        window.history.back();
        await vi.advanceTimersByTimeAsync(10);
      });
      expect(window.location.search).toBe('?status=captured');
      expect(result.current.value).toMatchObject({ status: ['captured'], page: 1 });

      await act(async () => {
        window.history.back();
        await vi.advanceTimersByTimeAsync(10);
      });
      expect(result.current.value).toEqual(EMPTY_SESSION_FILTERS);

      await act(async () => {
        window.history.forward();
        await vi.advanceTimersByTimeAsync(10);
      });
      expect(result.current.value).toMatchObject({ status: ['captured'], page: 1 });
      expect(window.history.length).toBe(before + 2);
    });

    it('applies a restored search at once, without waiting for the typing pause', async () => {
      const fetcher = createFakeFetcher();
      const { result } = renderFilteredList(fetcher, { syncWithUrl: true });
      await advance(10);
      act(() => result.current.filters.setSearch('ps_001'));
      await advance(300);
      expect(fetcher.calls.map((c) => c.query.search)).toEqual([undefined, 'ps_001']);

      await act(async () => {
        window.history.back();
        await vi.advanceTimersByTimeAsync(10);
      });
      expect(result.current.filters.isSearchPending).toBe(false);
      expect(result.current.list.query.search).toBeUndefined();
      expect(fetcher.calls).toHaveLength(2); // page 1 without search is still cached
    });

    it('replaces the entry with history "replace", under a prefix, leaving other parameters alone', () => {
      window.history.replaceState(null, '', '/portal?page=9');
      const before = window.history.length;
      const { result } = renderFilters({ syncWithUrl: { prefix: 'rps_', history: 'replace' } });
      expect(result.current.value.page).toBe(1); // "page" belongs to the host here

      act(() => result.current.setKind(['authorization']));
      act(() => result.current.setPage(2));
      expect(window.history.length).toBe(before);
      expect(window.location.search).toBe('?page=9&rps_kind=authorization&rps_page=2');
    });

    it('ignores malformed parameters from a hand-edited URL', () => {
      window.history.replaceState(null, '', '/portal?page=-2&page_size=abc&created_from=yesterday&exclude_pending=yes&status=captured');
      const { result } = renderFilters({ syncWithUrl: true });
      expect(result.current.value).toEqual({ ...EMPTY_SESSION_FILTERS, status: ['captured'] });
    });

    it('hydrates server HTML (rendered without the URL) without a mismatch, then shows the URL view', async () => {
      function StatusLabel() {
        const filters = useSessionFilters({ syncWithUrl: true });
        return <output>{filters.value.status.join(',') || 'all statuses'}</output>;
      }
      window.history.replaceState(null, '', '/portal?status=captured');
      const container = document.createElement('div');
      container.innerHTML = renderToString(<StatusLabel />);
      expect(container.textContent).toBe('all statuses'); // the server knows no URL
      document.body.append(container);

      const recoverableErrors: unknown[] = [];
      const before = window.history.length;
      await act(async () => {
        hydrateRoot(container, <StatusLabel />, { onRecoverableError: (error) => recoverableErrors.push(error) });
      });

      expect(recoverableErrors).toEqual([]);
      expect(container.textContent).toBe('captured');
      expect(window.location.search).toBe('?status=captured');
      expect(window.history.length).toBe(before);
      container.remove();
    });

    it('does not touch the URL without syncWithUrl', () => {
      const { result } = renderFilters();
      act(() => result.current.setStatus(['captured']));
      expect(window.location.search).toBe('');
    });
  });
});
