import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { assertTimeZone } from '../core/date-range';
import { filtersToQuery } from '../core/filter-query';
import { EMPTY_SESSION_FILTERS, filtersFromParams, hasActiveFilters, type SessionFilterState } from '../core/filters';
import type { SessionQuery } from '../core/types';
import { usePaymentSessionsConfig } from './context';
import { createFilterStore, subscribeToUrl, type FilterSetters } from './filter-store';
import { useControlledSwitchWarning } from './use-controllable-state';

export { subscribeToUrl, urlListeners } from './filter-store';

/** How `useSessionFilters` mirrors its state in the page's query string. */
export interface SessionFiltersUrlOptions {
  /**
   * Prepended to every parameter name (`rps_status`), so the filters can share a URL with the host's
   * own parameters or a second list.
   * @defaultValue `""`
   */
  prefix?: string;
  /**
   * `push` adds a history entry per applied change (filter, page, page size, search after a pause in
   * typing), so Back returns to the previous view; `replace` keeps one entry.
   * @defaultValue `"push"`
   */
  history?: 'push' | 'replace';
}

/** Options of {@link useSessionFilters}. */
export interface UseSessionFiltersOptions {
  /** The state, when controlled (with `onValueChange`). */
  value?: SessionFilterState;
  /** The initial state when uncontrolled; missing fields are empty (page 1, 30 per page). */
  defaultValue?: Partial<SessionFilterState>;
  /** Called with every new state, controlled or not. */
  onValueChange?: (value: SessionFilterState) => void;
  /**
   * Mirror the filters in the query string: written on each applied change, read on load and on
   * Back/Forward. `true` uses the default {@link SessionFiltersUrlOptions}.
   * @defaultValue false
   */
  syncWithUrl?: boolean | SessionFiltersUrlOptions;
  /**
   * Milliseconds the search waits after the last keystroke before it reaches `query`.
   * @defaultValue 300
   */
  debounceMs?: number;
  /**
   * IANA zone whose calendar days the date ranges mean.
   * @defaultValue the provider's `timeZone`, else `"UTC"`
   */
  timeZone?: string;
}

/**
 * What {@link useSessionFilters} returns. Besides `setFilters`, `setPage` and `setPageSize` it has one
 * setter per filter, each going back to page 1 but `setSearch` (its pause does): `setSearch`, `setStatus`,
 * `setKind`, `setCreated`, `setCaptured`, `setExcludePending`, `setExcludeVoided`, `setPaymentToken`.
 */
export interface UseSessionFiltersResult extends FilterSetters {
  /** The state as entered (the search exactly as typed). */
  value: SessionFilterState;
  /** The query for `usePaymentSessions`: search applied after the pause, days as ISO instants. */
  query: SessionQuery;
  /** Why a date range was left out of `query` (`from` after `to`, an impossible day), per range. */
  dateRangeErrors: { created?: string; captured?: string };
  /** `true` while typed search text waits for the pause before it reaches `query`. */
  isSearchPending: boolean;
  /** Whether any filter (not page or page size) narrows the list — "no results" versus "no sessions". */
  isFiltered: boolean;
  /** Clears every filter (the page size stays) and applies the empty search at once. */
  reset: () => void;
}

const noSubscription = () => () => undefined;
const noUrl = () => null;
const readUrlSearch = () => window.location.search;

/**
 * The query string, read the way React wants an external mutable source read: `null` on the server and
 * while hydrating (so server and client render the same HTML), `location.search` on the client, and a
 * re-render on Back/Forward.
 */
export function useUrlSearch(enabled: boolean): string | null {
  return useSyncExternalStore(enabled ? subscribeToUrl : noSubscription, enabled ? readUrlSearch : noUrl, noUrl);
}

/**
 * Filter, search and page state for a session list, controlled (`value`/`onValueChange`) or not
 * (`defaultValue`), with a derived `query` ready for {@link usePaymentSessions}. Typing in the search
 * reaches `query` once per pause (`debounceMs`), so a word typed letter by letter costs one request. Any
 * filter change goes back to page 1. Day ranges are calendar days in `timeZone`, sent as the instants
 * that start the first day and end the last. With `syncWithUrl` the state lives in the query string too:
 * restored on load and on Back/Forward.
 *
 * @example
 * function Portal() {
 *   const filters = useSessionFilters({ syncWithUrl: true });
 *   const list = usePaymentSessions(filters.query);
 *   return (
 *     <>
 *       <input type="search" value={filters.value.search} onChange={(e) => filters.setSearch(e.target.value)} />
 *       <input type="date" value={filters.value.created.from ?? ''} onChange={(e) => filters.setCreated({ ...filters.value.created, from: e.target.value })} />
 *       <SessionRows sessions={list.sessions} />
 *       <button onClick={() => filters.setPage(filters.value.page + 1)}>Next</button>
 *     </>
 *   );
 * }
 */
export function useSessionFilters(options: UseSessionFiltersOptions = {}): UseSessionFiltersResult {
  const { syncWithUrl = false, debounceMs = 300 } = options;
  const provider = usePaymentSessionsConfig();
  const timeZone = options.timeZone ?? provider?.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const urlOptions = typeof syncWithUrl === 'object' ? syncWithUrl : {};
  const syncing = syncWithUrl !== false;
  const prefix = urlOptions.prefix ?? '';
  const historyMode = urlOptions.history ?? 'push';

  // Read once, like any React `defaultValue`: a new object on each render is no change.
  const [defaults] = useState<SessionFilterState>(() => ({ ...EMPTY_SESSION_FILTERS, ...options.defaultValue }));

  const urlSearch = useUrlSearch(syncing);
  // The state lives in a React-free store (see `createFilterStore`); a controlled `value` is handed to it
  // on every render, before the snapshot is read, so the prop is what this render shows.
  const [store] = useState(() =>
    createFilterStore(
      options.value ?? (syncing && urlSearch !== null ? filtersFromParams(new URLSearchParams(urlSearch), defaults, prefix) : defaults),
      defaults,
    ),
  );
  const capabilities = provider?.fetcher.capabilities;
  store.receive({ value: options.value, onValueChange: options.onValueChange, capabilities });
  useControlledSwitchWarning(options.value !== undefined, 'useSessionFilters');
  const { value, applied } = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);

  useEffect(() => store.applySearchAfterPause(debounceMs), [store, value.search, applied.search, debounceMs]);
  // After every change of the URL or the applied state; whichever moved wins.
  useEffect(() => {
    if (syncing && urlSearch !== null) store.syncUrl(urlSearch, { prefix, history: historyMode });
  }, [store, syncing, urlSearch, applied, prefix, historyMode]);

  const { query, dateRangeErrors } = useMemo(() => filtersToQuery(applied, { timeZone, capabilities }), [applied, timeZone, capabilities]);

  // One object per change, so a context or memo holding the result re-renders only when something moved.
  return useMemo(
    () => ({
      value,
      query,
      dateRangeErrors,
      isSearchPending: value.search !== applied.search,
      isFiltered: hasActiveFilters(value),
      ...store.setters,
    }),
    [value, applied.search, query, dateRangeErrors, store],
  );
}
