import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { assertTimeZone } from '../core/date-range';
import type { SessionQuery } from '../core/types';
import { usePaymentSessionsConfig } from './context';
import { EMPTY_SESSION_FILTERS, filtersFromParams, hasActiveFilters, type SessionFilterState } from '../core/filters';
import {
  applySearchAfterPause,
  createFilterQueryMemo,
  createFilterSetters,
  createFilterUrlSync,
  subscribeToUrl,
  type FilterSetters,
} from './filter-store';

export { subscribeToUrl, urlListeners } from './filter-store';
import { useControllableState } from './use-controllable-state';

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
  const [initialValue] = useState(() =>
    syncing && urlSearch !== null ? filtersFromParams(new URLSearchParams(urlSearch), defaults, prefix) : defaults,
  );
  const [value, setValue] = useControllableState({
    value: options.value,
    defaultValue: initialValue,
    onValueChange: options.onValueChange,
    caller: 'useSessionFilters',
  });

  // The search `query` uses: the typed text once typing pauses.
  const [appliedSearch, setAppliedSearch] = useState(value.search);
  useEffect(
    () =>
      applySearchAfterPause(value.search, appliedSearch, debounceMs, {
        applySearch: setAppliedSearch,
        resetPage: () => setValue((v) => (v.page === 1 ? v : { ...v, page: 1 })),
      }),
    [value.search, appliedSearch, debounceMs, setValue],
  );

  /** Replaces the whole state and applies its search at once (reset, Back/Forward). */
  const replaceNow = useCallback(
    (next: SessionFilterState) => {
      setAppliedSearch(next.search);
      setValue(next);
    },
    [setValue],
  );

  // The URL and the applied state meet after every change of either; whichever moved wins (see
  // `createFilterUrlSync`). Only the encoded parameters are compared, so a render that changes nothing the
  // URL shows costs no sync.
  const [urlSync] = useState(() => createFilterUrlSync(defaults));
  const applied = useMemo(() => ({ ...value, search: appliedSearch }), [value, appliedSearch]);
  const appliedParams = syncing ? urlSync.paramsOf(applied, { prefix, history: historyMode }) : '';
  useEffect(() => {
    if (!syncing || urlSearch === null) return;
    const moved = urlSync.reconcile(urlSearch, appliedParams, { prefix, history: historyMode });
    if (moved) replaceNow(moved);
  }, [syncing, urlSearch, appliedParams, urlSync, prefix, historyMode, replaceNow]);

  const capabilities = provider?.fetcher.capabilities;
  const [queryOf] = useState(createFilterQueryMemo);
  const { query, dateRangeErrors } = queryOf(applied, timeZone, capabilities);

  const setters = useMemo(() => createFilterSetters(setValue, capabilities), [setValue, capabilities]);
  const reset = useCallback(
    () => replaceNow({ ...EMPTY_SESSION_FILTERS, pageSize: value.pageSize }),
    [replaceNow, value.pageSize],
  );

  // One object per change, so a context or memo holding the result re-renders only when something moved.
  return useMemo(
    () => ({
      value,
      query,
      dateRangeErrors,
      isSearchPending: value.search !== appliedSearch,
      isFiltered: hasActiveFilters(value),
      ...setters,
      reset,
    }),
    [value, query, dateRangeErrors, appliedSearch, setters, reset],
  );
}
