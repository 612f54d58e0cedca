/**
 * The work behind `useSessionFilters`, React-free: the query-string sync, the search pause, the query
 * derived from the state and the setters. The hook holds the state (controlled or not) and calls these;
 * the page's location and history sit behind {@link UrlLocation}, so all of it runs in node.
 */
import { filtersToQuery, type FilterQueryResult } from '../core/filter-query';
import {
  filterParamNames,
  filtersFromParams,
  filtersToParams,
  SESSION_FILTER_DEFINITIONS,
  type SessionFilterFieldName,
  type SessionFilterState,
} from '../core/filters';
import { effectivePageSize, pageForFirstRow } from '../core/pagination';
import type { FetcherCapabilities } from '../core/types';

/** Where the filters read and write the query string: the page's location and history, or a fake in tests. */
export interface UrlLocation {
  /** The current full URL. */
  href: () => string;
  /** Moves to `url`, adding a history entry (`push`) or not (`replace`), and tells every URL reader. */
  write: (url: URL, history: 'push' | 'replace') => void;
}

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

/** The page's own location: history entries keep the host router's state; only the query string is ours. */
export const browserLocation: UrlLocation = {
  href: () => window.location.href,
  write: (url, history) => {
    if (history === 'push') window.history.pushState(window.history.state, '', url);
    else window.history.replaceState(window.history.state, '', url);
    for (const listener of urlListeners) listener();
  },
};

/** How one hook's filters sit in the query string. */
export interface FilterUrlOptions {
  prefix: string;
  history: 'push' | 'replace';
}

/** The filters' side of the query string, for one hook: see {@link createFilterUrlSync}. */
export interface FilterUrlSync {
  /** The applied state's parameters as a string, to compare with the URL's. */
  paramsOf: (applied: SessionFilterState, options: FilterUrlOptions) => string;
  /**
   * Brings the URL and the applied state (as {@link FilterUrlSync.paramsOf} wrote it) together once either
   * moved: returns the state to adopt when the URL moved (load, Back/Forward), else writes the applied
   * state to the URL (when it differs) and returns `undefined`.
   */
  reconcile: (urlSearch: string, appliedParams: string, options: FilterUrlOptions) => SessionFilterState | undefined;
}

/**
 * The URL sync of one filter state. The URL "moved" when its filter parameters differ from the last ones
 * seen here (load, Back/Forward): then it wins and the state follows. Otherwise the state moved and the URL
 * follows. Only the filters' own parameters count: a host router changing its own (`?tab=`) has not moved
 * the filters. The URL is decoded once per distinct query string, not on every state change.
 */
export function createFilterUrlSync(defaults: SessionFilterState, location: UrlLocation = browserLocation): FilterUrlSync {
  let lastSeenParams: string | null = null;
  let decoded: { search: string; prefix: string; state: SessionFilterState; params: string } | undefined;
  const paramsOf = (state: SessionFilterState, { prefix }: FilterUrlOptions) => filtersToParams(state, defaults, prefix).toString();

  return {
    paramsOf,
    reconcile(urlSearch, appliedParams, options) {
      const { prefix } = options;
      if (decoded?.search !== urlSearch || decoded.prefix !== prefix) {
        const state = filtersFromParams(new URLSearchParams(urlSearch), defaults, prefix);
        decoded = { search: urlSearch, prefix, state, params: paramsOf(state, options) };
      }
      if (decoded.params !== lastSeenParams) {
        lastSeenParams = decoded.params;
        return decoded.params === appliedParams ? undefined : decoded.state;
      }
      if (decoded.params === appliedParams) return undefined;
      const url = new URL(location.href());
      for (const name of filterParamNames(prefix)) url.searchParams.delete(name);
      for (const [name, param] of new URLSearchParams(appliedParams)) url.searchParams.set(name, param);
      lastSeenParams = appliedParams;
      location.write(url, options.history);
      return undefined;
    },
  };
}

/**
 * Applies typed search text once typing pauses: after `debounceMs` without a new call, `applySearch` gets
 * the text, and — when it differs from what was applied in more than spaces — `resetPage` runs in the same
 * tick (a new search is a filter change: back to page 1, in the same render as the new search). Returns
 * the cancel, for the next keystroke. Nothing is scheduled when the text is already applied.
 */
export function applySearchAfterPause(
  typed: string,
  applied: string,
  debounceMs: number,
  { applySearch, resetPage }: { applySearch: (search: string) => void; resetPage: () => void },
): () => void {
  if (typed === applied) return () => undefined;
  const timer = setTimeout(() => {
    applySearch(typed);
    if (typed.trim() !== applied.trim()) resetPage();
  }, debounceMs);
  return () => clearTimeout(timer);
}

/**
 * `filtersToQuery` that hands back the previous result while nothing it reads moved (each filter field,
 * the page, the page size, the zone and the capabilities compared by identity), so typing before the pause
 * or an unrelated render leaves the query object as it was.
 */
export function createFilterQueryMemo(): (
  applied: SessionFilterState,
  timeZone: string,
  capabilities: FetcherCapabilities | undefined,
) => FilterQueryResult {
  let last: { inputs: unknown[]; result: FilterQueryResult } | undefined;
  return (applied, timeZone, capabilities) => {
    const inputs: unknown[] = [
      timeZone,
      capabilities,
      applied.page,
      applied.pageSize,
      ...SESSION_FILTER_DEFINITIONS.map((definition) => applied[definition.field]),
    ];
    if (last && last.inputs.every((input, index) => Object.is(input, inputs[index]))) return last.result;
    last = { inputs, result: filtersToQuery(applied, { timeZone, capabilities }) };
    return last.result;
  };
}

/** One setter per row of the filter table, named `set` + the field (`setCreated`), taking the field's value. */
export type FilterFieldSetters = {
  [Definition in (typeof SESSION_FILTER_DEFINITIONS)[number] as `set${Capitalize<Definition['field']>}`]: (
    value: SessionFilterState[Definition['field']],
  ) => void;
};

/** What {@link createFilterSetters} returns: every setter of `useSessionFilters` but `reset`. */
export interface FilterSetters extends FilterFieldSetters {
  /** Changes several filters at once (and goes back to page 1). */
  setFilters: (patch: Partial<Omit<SessionFilterState, 'page' | 'pageSize'>>) => void;
  setPage: (page: number) => void;
  /** Changes the page size, moving to the page that keeps the first visible row in view. */
  setPageSize: (pageSize: number) => void;
}

/** The name of a filter's setter: `set` + the field (`created` → `setCreated`). */
export function filterSetterName<Field extends SessionFilterFieldName>(field: Field): `set${Capitalize<Field>}` {
  return `set${field.charAt(0).toUpperCase()}${field.slice(1)}` as `set${Capitalize<Field>}`;
}

/** The setter of `field` among `setters` (a `useSessionFilters` result). */
export function filterSetterOf<Field extends SessionFilterFieldName>(
  setters: FilterFieldSetters,
  field: Field,
): (value: SessionFilterState[Field]) => void {
  return setters[filterSetterName(field)] as unknown as (value: SessionFilterState[Field]) => void;
}

type StateUpdate = (update: (previous: SessionFilterState) => SessionFilterState) => void;

/**
 * The setters over a state update function. Every filter setter (`setStatus`, `setCreated`, one per row of
 * the filter table, named `set` + the field) goes back to page 1; the search does not, since it reaches the
 * query only after the pause, which then does. `setPageSize` moves to the page that keeps the first visible
 * row in view, from the page size the query really uses (a shared link's 1000 capped to the backend's).
 */
export function createFilterSetters(update: StateUpdate, capabilities: FetcherCapabilities | undefined): FilterSetters {
  const setFilters: FilterSetters['setFilters'] = (patch) => update((v) => ({ ...v, ...patch, page: 1 }));
  const perFilter = Object.fromEntries(
    SESSION_FILTER_DEFINITIONS.map(({ field }) => [filterSetterName(field), (next: unknown) => setFilters({ [field]: next })]),
  ) as unknown as FilterFieldSetters;
  return {
    ...perFilter,
    setSearch: (search) => update((v) => ({ ...v, search })),
    setFilters,
    setPage: (page) => update((v) => ({ ...v, page })),
    setPageSize: (pageSize) =>
      update((v) => ({
        ...v,
        pageSize,
        page: pageForFirstRow({ page: v.page, oldPageSize: effectivePageSize(v.pageSize, capabilities), newPageSize: pageSize }),
      })),
  };
}
