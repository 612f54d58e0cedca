import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { assertTimeZone, type DayRange } from '../core/date-range';
import { filtersToQuery } from '../core/filter-query';
import { effectivePageSize, pageForFirstRow } from '../core/pagination';
import type { SessionQuery } from '../core/types';
import { usePaymentSessionsConfig } from './context';
import {
  EMPTY_SESSION_FILTERS,
  filterParamNames,
  filtersFromParams,
  filtersToParams,
  hasActiveFilters,
  type SessionFilterState,
} from './filter-state';
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

/** What {@link useSessionFilters} returns. */
export interface UseSessionFiltersResult {
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
  setSearch: (search: string) => void;
  setStatus: (status: string[]) => void;
  setKind: (kind: string[]) => void;
  setCreated: (range: DayRange) => void;
  setCaptured: (range: DayRange) => void;
  setExcludePending: (exclude: boolean) => void;
  setExcludeVoided: (exclude: boolean) => void;
  setPaymentToken: (token: string) => void;
  /** Changes several filters at once (and goes back to page 1). */
  setFilters: (patch: Partial<Omit<SessionFilterState, 'page' | 'pageSize'>>) => void;
  setPage: (page: number) => void;
  /** Changes the page size, moving to the page that keeps the first visible row in view. */
  setPageSize: (pageSize: number) => void;
  /** Clears every filter (the page size stays) and applies the empty search at once. */
  reset: () => void;
}

const noSubscription = () => () => undefined;
const noUrl = () => null;

/**
 * Hooks reading the query string. `pushState` fires no event, so after writing the URL a hook tells the
 * others (and itself) here; otherwise React would still hold the old string and miss a Back to it.
 */
export const urlListeners = new Set<() => void>();
/** @internal Shared with `useSessionIdUrlState`, so both hooks see each other's writes. */
export function subscribeToUrl(onChange: () => void): () => void {
  urlListeners.add(onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    urlListeners.delete(onChange);
    window.removeEventListener('popstate', onChange);
  };
}
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
  useEffect(() => {
    if (value.search === appliedSearch) return;
    const timer = setTimeout(() => {
      setAppliedSearch(value.search);
      // A new search is a filter change: back to page 1, in the same render as the new search.
      if (value.search.trim() !== appliedSearch.trim()) setValue((v) => (v.page === 1 ? v : { ...v, page: 1 }));
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [value.search, appliedSearch, debounceMs, setValue]);

  /** Replaces the whole state and applies its search at once (reset, Back/Forward). */
  const replaceNow = useCallback(
    (next: SessionFilterState) => {
      setAppliedSearch(next.search);
      setValue(next);
    },
    [setValue],
  );

  // URL sync. The URL "moved" when its filter parameters differ from the last ones this hook saw (load,
  // Back/Forward): then it wins and the state follows. Otherwise the state moved and the URL follows.
  // Only our own parameters count: a host router changing its own (`?tab=`) has not moved the filters.
  const appliedParams = syncing ? filtersToParams({ ...value, search: appliedSearch }, defaults, prefix).toString() : '';
  const lastSeenParams = useRef<string | null>(null);
  useEffect(() => {
    if (!syncing || urlSearch === null) return;
    const urlState = filtersFromParams(new URLSearchParams(urlSearch), defaults, prefix);
    const urlParams = filtersToParams(urlState, defaults, prefix).toString();
    if (urlParams !== lastSeenParams.current) {
      lastSeenParams.current = urlParams;
      if (urlParams !== appliedParams) replaceNow(urlState);
      return;
    }
    if (urlParams === appliedParams) return;
    const url = new URL(window.location.href);
    for (const name of filterParamNames(prefix)) url.searchParams.delete(name);
    for (const [name, param] of new URLSearchParams(appliedParams)) url.searchParams.set(name, param);
    // Keep the host router's history state; only the query string is ours.
    if (historyMode === 'push') window.history.pushState(window.history.state, '', url);
    else window.history.replaceState(window.history.state, '', url);
    lastSeenParams.current = appliedParams;
    for (const listener of urlListeners) listener();
  }, [syncing, urlSearch, appliedParams, defaults, prefix, historyMode, replaceNow]);

  const capabilities = provider?.fetcher.capabilities;
  // Typing alone (before the pause) leaves the query object as it was.
  const { search: _typed, ...untypedValue } = value;
  const { query, dateRangeErrors } = useMemo(
    () => filtersToQuery({ ...value, search: appliedSearch }, { timeZone, capabilities }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fields are the deps, not the object
    [appliedSearch, timeZone, capabilities, ...Object.values(untypedValue)],
  );

  const setters = useMemo(() => {
    const setFilters = (patch: Partial<Omit<SessionFilterState, 'page' | 'pageSize'>>) =>
      setValue((v) => ({ ...v, ...patch, page: 1 }));
    return {
      setFilters,
      setSearch: (search: string) => setValue((v) => ({ ...v, search })),
      setStatus: (status: string[]) => setFilters({ status }),
      setKind: (kind: string[]) => setFilters({ kind }),
      setCreated: (created: DayRange) => setFilters({ created }),
      setCaptured: (captured: DayRange) => setFilters({ captured }),
      setExcludePending: (excludePending: boolean) => setFilters({ excludePending }),
      setExcludeVoided: (excludeVoided: boolean) => setFilters({ excludeVoided }),
      setPaymentToken: (paymentToken: string) => setFilters({ paymentToken }),
      setPage: (page: number) => setValue((v) => ({ ...v, page })),
      // From the page size the query really uses (a shared link's 1000 is capped to the backend's maximum).
      setPageSize: (pageSize: number) =>
        setValue((v) => ({
          ...v,
          pageSize,
          page: pageForFirstRow({ page: v.page, oldPageSize: effectivePageSize(v.pageSize, capabilities), newPageSize: pageSize }),
        })),
    };
  }, [setValue, capabilities]);
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
