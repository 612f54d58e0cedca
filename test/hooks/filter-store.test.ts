import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_SESSION_FILTERS, type SessionFilterState } from '../../src/core/filters';
import {
  applySearchAfterPause,
  createFilterQueryMemo,
  createFilterSetters,
  createFilterUrlSync,
  type UrlLocation,
} from '../../src/hooks/filter-store';

const state = (patch: Partial<SessionFilterState> = {}): SessionFilterState => ({ ...EMPTY_SESSION_FILTERS, ...patch });

/** A location that records its writes instead of touching `window` (there is none here). */
function fakeLocation(href = 'https://host.test/portal?tab=1') {
  const writes: Array<{ url: string; history: 'push' | 'replace' }> = [];
  let current = href;
  const location: UrlLocation = {
    href: () => current,
    write: (url, history) => {
      current = url.href;
      writes.push({ url: url.href, history });
    },
  };
  return { location, writes, search: () => new URL(current).search };
}

describe('createFilterUrlSync', () => {
  const push = { prefix: '', history: 'push' } as const;

  it('adopts the state the URL carries on the first look, and writes nothing', () => {
    const { location, writes } = fakeLocation();
    const sync = createFilterUrlSync(EMPTY_SESSION_FILTERS, location);
    const adopted = sync.reconcile('?status=captured&page=2', sync.paramsOf(state(), push), push);
    expect(adopted).toMatchObject({ status: ['captured'], page: 2 });
    expect(writes).toEqual([]);
  });

  it('adopts nothing when the URL already says what the state says', () => {
    const { location, writes } = fakeLocation();
    const sync = createFilterUrlSync(EMPTY_SESSION_FILTERS, location);
    const applied = state({ kind: ['authorization'] });
    expect(sync.reconcile('?kind=authorization', sync.paramsOf(applied, push), push)).toBeUndefined();
    expect(writes).toEqual([]);
  });

  it('writes a state change to the URL, keeping the host parameters, with the chosen history mode', () => {
    const { location, writes, search } = fakeLocation();
    const sync = createFilterUrlSync(EMPTY_SESSION_FILTERS, location);
    sync.reconcile(search(), sync.paramsOf(state(), push), push);
    const replace = { prefix: 'rps_', history: 'replace' } as const;
    sync.reconcile(search(), sync.paramsOf(state({ status: ['captured'], page: 3 }), replace), replace);
    expect(writes).toEqual([{ url: 'https://host.test/portal?tab=1&rps_status=captured&rps_page=3', history: 'replace' }]);
  });

  it('lets a URL that moved (Back) win over the state, once, then follows the state again', () => {
    const { location, writes, search } = fakeLocation('https://host.test/portal');
    const sync = createFilterUrlSync(EMPTY_SESSION_FILTERS, location);
    const page2 = sync.paramsOf(state({ page: 2 }), push);
    sync.reconcile(search(), sync.paramsOf(state(), push), push);
    sync.reconcile(search(), page2, push);
    expect(search()).toBe('?page=2');
    // Back: the URL is empty again while the state still says page 2.
    expect(sync.reconcile('', page2, push)).toEqual(state());
    expect(writes).toHaveLength(1);
    // The state followed; a later change is written again.
    sync.reconcile('', sync.paramsOf(state({ page: 4 }), push), push);
    expect(writes.at(-1)?.url).toBe('https://host.test/portal?page=4');
  });

  it('ignores host parameters: a changed ?tab= is not a move of the filters', () => {
    const { location, writes } = fakeLocation();
    const sync = createFilterUrlSync(EMPTY_SESSION_FILTERS, location);
    const applied = sync.paramsOf(state({ page: 2 }), push);
    sync.reconcile('?tab=1&page=2', applied, push);
    expect(sync.reconcile('?tab=2&page=2', applied, push)).toBeUndefined();
    expect(writes).toEqual([]);
  });
});

describe('applySearchAfterPause', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies the text after the pause and goes back to page 1 for a new search', () => {
    const applySearch = vi.fn();
    const resetPage = vi.fn();
    applySearchAfterPause('ann', '', 300, { applySearch, resetPage });
    vi.advanceTimersByTime(299);
    expect(applySearch).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(applySearch).toHaveBeenCalledWith('ann');
    expect(resetPage).toHaveBeenCalledTimes(1);
  });

  it('keeps the page when only spaces changed, and does nothing once cancelled or already applied', () => {
    const applySearch = vi.fn();
    const resetPage = vi.fn();
    applySearchAfterPause('ann ', 'ann', 100, { applySearch, resetPage });
    vi.advanceTimersByTime(100);
    expect(applySearch).toHaveBeenCalledWith('ann ');
    expect(resetPage).not.toHaveBeenCalled();

    const cancel = applySearchAfterPause('bob', 'ann', 100, { applySearch, resetPage });
    cancel();
    applySearchAfterPause('ann', 'ann', 100, { applySearch, resetPage });
    vi.advanceTimersByTime(1_000);
    expect(applySearch).toHaveBeenCalledTimes(1);
  });
});

describe('createFilterQueryMemo', () => {
  it('returns the same result while no field it reads moved, and a new one when one did', () => {
    const queryOf = createFilterQueryMemo();
    const applied = state({ status: ['captured'] });
    const first = queryOf(applied, 'UTC', undefined);
    expect(first.query).toEqual({ page: 1, pageSize: 30, status: ['captured'] });
    expect(queryOf({ ...applied }, 'UTC', undefined)).toBe(first);
    expect(queryOf({ ...applied, page: 2 }, 'UTC', undefined).query.page).toBe(2);
    expect(queryOf({ ...applied, page: 2 }, 'UTC', { search: true, filters: [], maxPageSize: 10 }).query.pageSize).toBe(10);
  });
});

describe('createFilterSetters', () => {
  function harness(initial: SessionFilterState, maxPageSize?: number) {
    let current = initial;
    const setters = createFilterSetters((update) => (current = update(current)), maxPageSize === undefined ? undefined : { search: true, filters: [], maxPageSize });
    return { setters, current: () => current };
  }

  it('has a setter per filter row that goes back to page 1, and a search setter that does not', () => {
    const { setters, current } = harness(state({ page: 5 }));
    setters.setSearch('ann');
    expect(current()).toMatchObject({ search: 'ann', page: 5 });
    setters.setCreated({ from: '2026-01-01' });
    expect(current()).toMatchObject({ created: { from: '2026-01-01' }, page: 1 });
    setters.setPage(3);
    setters.setExcludeVoided(true);
    expect(current()).toMatchObject({ excludeVoided: true, page: 1 });
    setters.setPage(3);
    setters.setPaymentToken('tok');
    setters.setStatus(['captured']);
    setters.setKind(['authorization']);
    setters.setCaptured({ to: '2026-02-01' });
    setters.setExcludePending(true);
    expect(current()).toMatchObject({ paymentToken: 'tok', status: ['captured'], kind: ['authorization'], captured: { to: '2026-02-01' }, excludePending: true, page: 1 });
  });

  it('keeps the first visible row in view on a page-size change, from the capped size', () => {
    // Page 3 of a shared link's 1000 per page capped to 50 shows rows 101–150; at 20 per page that is page 6.
    const { setters, current } = harness(state({ page: 3, pageSize: 1000 }), 50);
    setters.setPageSize(20);
    expect(current()).toMatchObject({ pageSize: 20, page: 6 });
  });
});
