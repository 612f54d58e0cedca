import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_SESSION_FILTERS, type SessionFilterState } from '../../src/core/filters';
import { createFilterStore, type UrlLocation } from '../../src/hooks/filter-store';

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

/** A store with a listener that counts its calls. */
function storeOf(initial: SessionFilterState = state(), location = fakeLocation().location) {
  const store = createFilterStore(initial, EMPTY_SESSION_FILTERS, location);
  const notified = vi.fn();
  store.subscribe(notified);
  return { store, notified, value: () => store.getSnapshot().value, applied: () => store.getSnapshot().applied };
}

describe('createFilterStore', () => {
  describe('uncontrolled', () => {
    it('owns the state: each setter changes the snapshot once and tells listeners and onValueChange', () => {
      const { store, notified, value } = storeOf(state({ page: 5 }));
      const onValueChange = vi.fn();
      store.receive({ onValueChange });
      const before = store.getSnapshot();
      expect(store.getSnapshot()).toBe(before);

      store.setters.setSearch('ann');
      expect(value()).toMatchObject({ search: 'ann', page: 5 });
      store.setters.setCreated({ from: '2026-01-01' });
      expect(value()).toMatchObject({ created: { from: '2026-01-01' }, page: 1 });
      expect(notified).toHaveBeenCalledTimes(2);
      expect(onValueChange).toHaveBeenLastCalledWith(value());

      store.setters.setPage(3);
      store.setters.setExcludeVoided(true);
      expect(value()).toMatchObject({ excludeVoided: true, page: 1 });
      store.setters.setPage(3);
      store.setters.setPaymentToken('tok');
      store.setters.setStatus(['captured']);
      store.setters.setKind(['authorization']);
      store.setters.setCaptured({ to: '2026-02-01' });
      store.setters.setExcludePending(true);
      expect(value()).toMatchObject({ paymentToken: 'tok', status: ['captured'], kind: ['authorization'], captured: { to: '2026-02-01' }, excludePending: true, page: 1 });
    });

    it('keeps the first visible row in view on a page-size change, from the capped size', () => {
      // Page 3 of a shared link's 1000 per page capped to 50 shows rows 101–150; at 20 per page that is page 6.
      const { store, value } = storeOf(state({ page: 3, pageSize: 1000 }));
      store.receive({ capabilities: { search: true, filters: [], maxPageSize: 50 } });
      store.setters.setPageSize(20);
      expect(value()).toMatchObject({ pageSize: 20, page: 6 });
    });

    it('reset clears every filter but the page size, and applies the empty search at once', () => {
      const { store, value, applied } = storeOf(state({ search: 'ann', status: ['captured'], page: 4, pageSize: 50 }));
      store.setters.reset();
      expect(value()).toEqual(state({ pageSize: 50 }));
      expect(applied().search).toBe('');
    });
  });

  describe('the search pause', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('applies the typed text after the pause, back on page 1, in one change', () => {
      const { store, notified, value, applied } = storeOf(state({ page: 4 }));
      store.setters.setSearch('ann');
      notified.mockClear();
      store.applySearchAfterPause(300);
      vi.advanceTimersByTime(299);
      expect(applied().search).toBe('');
      vi.advanceTimersByTime(1);
      expect(applied()).toMatchObject({ search: 'ann', page: 1 });
      expect(value().page).toBe(1);
      expect(notified).toHaveBeenCalledTimes(1);
    });

    it('keeps the page when only spaces changed, and does nothing once cancelled or already applied', () => {
      const { store, applied } = storeOf(state({ search: 'ann', page: 4 }));
      store.setters.setSearch('ann ');
      store.applySearchAfterPause(100);
      vi.advanceTimersByTime(100);
      expect(applied()).toMatchObject({ search: 'ann ', page: 4 });

      store.setters.setSearch('bob');
      store.applySearchAfterPause(100)();
      vi.advanceTimersByTime(1_000);
      expect(applied().search).toBe('ann ');

      const { store: settled, notified } = storeOf(state({ search: 'ann' }));
      settled.applySearchAfterPause(100);
      vi.advanceTimersByTime(1_000);
      expect(notified).not.toHaveBeenCalled();
    });

    it('keeps the applied state object while only the typed text moves', () => {
      const { store, applied } = storeOf(state({ status: ['captured'] }));
      const before = applied();
      store.setters.setSearch('a');
      store.setters.setSearch('an');
      expect(applied()).toBe(before);
      store.setters.setPage(2);
      expect(applied()).not.toBe(before);
      expect(applied()).toMatchObject({ search: '', page: 2 });
    });
  });

  describe('controlled', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('shows the given value and only asks onValueChange to change it', () => {
      const { store, notified, value } = storeOf();
      const given = state({ status: ['captured'], page: 2 });
      const onValueChange = vi.fn();
      store.receive({ value: given, onValueChange });
      expect(value()).toBe(given);

      store.setters.setKind(['authorization']);
      expect(onValueChange).toHaveBeenCalledExactlyOnceWith({ ...given, kind: ['authorization'], page: 1 });
      expect(notified).not.toHaveBeenCalled();
      // The next render hands the value back: refused here, so it still shows.
      store.receive({ value: given, onValueChange });
      expect(value()).toBe(given);
    });

    it('builds two changes in one event on each other, before the next render', () => {
      const { store } = storeOf();
      const onValueChange = vi.fn();
      store.receive({ value: state({ page: 3 }), onValueChange });
      store.setters.setPage(4);
      store.setters.setStatus(['captured']);
      expect(onValueChange).toHaveBeenLastCalledWith(state({ status: ['captured'], page: 1 }));
    });

    it('applies a new search together with its page reset: one ask, and the render that answers it shows both', () => {
      const { store, notified, applied } = storeOf();
      let given = state({ search: 'ann', page: 3 });
      const onValueChange = vi.fn((next: SessionFilterState) => (given = next));
      store.receive({ value: given, onValueChange });
      store.applySearchAfterPause(300);
      vi.advanceTimersByTime(300);
      expect(onValueChange).toHaveBeenCalledExactlyOnceWith(state({ search: 'ann', page: 1 }));
      // No render of its own (it would show the new search on the old page): the parent's answers.
      expect(notified).not.toHaveBeenCalled();
      store.receive({ value: given, onValueChange });
      expect(applied()).toMatchObject({ search: 'ann', page: 1 });
    });

    it('tells listeners when the search alone moves (already on page 1)', () => {
      const { store, notified, applied } = storeOf();
      store.receive({ value: state({ search: 'ann' }), onValueChange: vi.fn() });
      store.applySearchAfterPause(300);
      vi.advanceTimersByTime(300);
      expect(notified).toHaveBeenCalledTimes(1);
      expect(applied().search).toBe('ann');
    });
  });

  describe('the URL sync', () => {
    const push = { prefix: '', history: 'push' } as const;

    it('adopts the state the URL carries on the first look, search applied, and writes nothing', () => {
      const { location, writes } = fakeLocation();
      const { store, applied } = storeOf(state(), location);
      store.syncUrl('?status=captured&page=2&search=ann', push);
      expect(applied()).toMatchObject({ status: ['captured'], page: 2, search: 'ann' });
      expect(writes).toEqual([]);
    });

    it('adopts nothing when the URL already says what the state says', () => {
      const { location, writes } = fakeLocation();
      const { store, notified } = storeOf(state({ kind: ['authorization'] }), location);
      store.syncUrl('?kind=authorization', push);
      expect(notified).not.toHaveBeenCalled();
      expect(writes).toEqual([]);
    });

    it('writes a state change to the URL, keeping the host parameters, with the chosen history mode', () => {
      const { location, writes, search } = fakeLocation();
      const { store } = storeOf(state(), location);
      const replace = { prefix: 'rps_', history: 'replace' } as const;
      store.syncUrl(search(), replace);
      store.setters.setStatus(['captured']);
      store.setters.setPage(3);
      store.syncUrl(search(), replace);
      expect(writes).toEqual([{ url: 'https://host.test/portal?tab=1&rps_status=captured&rps_page=3', history: 'replace' }]);
    });

    it('writes the search only once it is applied', () => {
      const { location, writes, search } = fakeLocation('https://host.test/portal');
      const { store } = storeOf(state(), location);
      store.syncUrl(search(), push);
      store.setters.setSearch('ann');
      store.syncUrl(search(), push);
      expect(writes).toEqual([]);
    });

    it('lets a URL that moved (Back) win over the state, once, then follows the state again', () => {
      const { location, writes, search } = fakeLocation('https://host.test/portal');
      const { store, value } = storeOf(state(), location);
      store.syncUrl(search(), push);
      store.setters.setPage(2);
      store.syncUrl(search(), push);
      expect(search()).toBe('?page=2');
      // Back: the URL is empty again while the state still says page 2.
      store.syncUrl('', push);
      expect(value()).toEqual(state());
      expect(writes).toHaveLength(1);
      // The state followed; a later change is written again.
      store.setters.setPage(4);
      store.syncUrl('', push);
      expect(writes.at(-1)?.url).toBe('https://host.test/portal?page=4');
    });

    it('ignores host parameters: a changed ?tab= is not a move of the filters', () => {
      const { location, writes } = fakeLocation();
      const { store, notified } = storeOf(state({ page: 2 }), location);
      store.syncUrl('?tab=1&page=2', push);
      store.syncUrl('?tab=2&page=2', push);
      expect(notified).not.toHaveBeenCalled();
      expect(writes).toEqual([]);
    });
  });
});
