/**
 * The state behind `useSessionFilters`, React-free: a small store (`getSnapshot`/`subscribe`, for
 * `useSyncExternalStore`) holding the filters as entered and the search the query uses, with the setters,
 * the search pause and the query-string sync. The page's location and history sit behind
 * {@link UrlLocation}, so all of it runs in node.
 */
import {
  EMPTY_SESSION_FILTERS,
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

/** One setter per row of the filter table, named `set` + the field (`setCreated`), taking the field's value. */
export type FilterFieldSetters = {
  [Definition in (typeof SESSION_FILTER_DEFINITIONS)[number] as `set${Capitalize<Definition['field']>}`]: (
    value: SessionFilterState[Definition['field']],
  ) => void;
};

/** The setters of `useSessionFilters` but `reset`. */
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

/** What a filter store holds, as one immutable snapshot. */
export interface FilterSnapshot {
  /** The state as entered (the search exactly as typed). */
  value: SessionFilterState;
  /**
   * `value` with the search the query uses: the typed text once typing paused. The same object while none
   * of its fields moved, so typing before the pause leaves everything derived from it as it was.
   */
  applied: SessionFilterState;
}

/** What the hook hands its store on each render. */
export interface FilterStoreInputs {
  /** The state when controlled: then it is the state, and a change only asks `onValueChange` for it. */
  value?: SessionFilterState | undefined;
  /** Told every new state, controlled or not. */
  onValueChange?: ((value: SessionFilterState) => void) | undefined;
  /** The fetcher's: `setPageSize` keeps the row in view from the page size the query really uses. */
  capabilities?: FetcherCapabilities | undefined;
}

/** See {@link createFilterStore}. */
export interface FilterStore {
  getSnapshot: () => FilterSnapshot;
  subscribe: (listener: () => void) => () => void;
  /** Takes this render's inputs; call it before reading the snapshot, so a controlled value is what it shows. */
  receive: (inputs: FilterStoreInputs) => void;
  /** Every setter, each a change of the state as a whole (see {@link createFilterStore}). */
  setters: FilterSetters & {
    /** Clears every filter (the page size stays) and applies the empty search at once. */
    reset: () => void;
  };
  /**
   * Applies the typed search once `debounceMs` pass without a new keystroke, going back to page 1 with it
   * when it differs in more than spaces. Returns the cancel, for the next keystroke. Nothing is scheduled
   * while the typed text is already applied.
   */
  applySearchAfterPause: (debounceMs: number) => () => void;
  /**
   * Brings the URL and the applied state together after either moved. The URL "moved" when its filter
   * parameters differ from the last ones seen here (load, Back/Forward): then it wins and the state follows,
   * search applied at once. Otherwise the state moved and the URL follows. Only the filters' own parameters
   * count: a host router changing its own (`?tab=`) has not moved the filters.
   */
  syncUrl: (urlSearch: string, options: FilterUrlOptions) => void;
}

/**
 * The filter state of one `useSessionFilters`, starting at `initial`; `defaults` are what the URL leaves
 * out. Uncontrolled, the store owns the state and tells its listeners of each change. Controlled (a `value`
 * among the inputs), that value is the state: a change goes to `onValueChange` only, and the parent's
 * re-render with the new value shows it — a search applied with a page reset included, so both land in
 * one render on every React version. A change is seen by the next setter in the same event already.
 *
 * Every filter setter (`setStatus`, `setCreated`, one per row of the filter table) goes back to page 1; the
 * search does not, since it reaches the query only after the pause, which then does. `setPageSize` moves
 * to the page that keeps the first visible row in view, from the page size the query really uses (a shared
 * link's 1000 capped to the backend's).
 */
export function createFilterStore(initial: SessionFilterState, defaults: SessionFilterState, location: UrlLocation = browserLocation): FilterStore {
  const listeners = new Set<() => void>();
  let inputs: FilterStoreInputs = {};
  let value = initial;
  let appliedSearch = initial.search;
  let snapshot: FilterSnapshot = { value, applied: value };
  // The URL's filter parameters when last seen, and the last query string decoded (once per distinct string).
  let lastSeenParams: string | null = null;
  let decoded: { search: string; prefix: string; state: SessionFilterState; params: string } | undefined;

  const getSnapshot = () => {
    if (snapshot.value !== value || snapshot.applied.search !== appliedSearch) {
      const applied = { ...value, search: appliedSearch };
      const moved = (Object.keys(applied) as Array<keyof SessionFilterState>).some((key) => !Object.is(applied[key], snapshot.applied[key]));
      snapshot = { value, applied: moved ? applied : snapshot.applied };
    }
    return snapshot;
  };

  /** Makes `next` the state and `search` the applied search. */
  const commit = (next: SessionFilterState, search = appliedSearch) => {
    const changed = !Object.is(next, value);
    if (!changed && search === appliedSearch) return;
    value = next;
    appliedSearch = search;
    if (changed) inputs.onValueChange?.(next);
    if (!changed || inputs.value === undefined) for (const listener of listeners) listener();
  };
  const update = (change: (previous: SessionFilterState) => SessionFilterState) => commit(change(value));
  const setFilters: FilterSetters['setFilters'] = (patch) => update((v) => ({ ...v, ...patch, page: 1 }));
  const perFilter = Object.fromEntries(
    SESSION_FILTER_DEFINITIONS.map(({ field }) => [filterSetterName(field), (next: unknown) => setFilters({ [field]: next })]),
  ) as unknown as FilterFieldSetters;
  const paramsOf = (state: SessionFilterState, prefix: string) => filtersToParams(state, defaults, prefix).toString();

  return {
    getSnapshot,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    receive: (next) => {
      inputs = next;
      if (next.value !== undefined) value = next.value;
    },
    setters: {
      ...perFilter,
      setSearch: (search) => update((v) => ({ ...v, search })),
      setFilters,
      setPage: (page) => update((v) => ({ ...v, page })),
      setPageSize: (pageSize) =>
        update((v) => ({
          ...v,
          pageSize,
          page: pageForFirstRow({ page: v.page, oldPageSize: effectivePageSize(v.pageSize, inputs.capabilities), newPageSize: pageSize }),
        })),
      reset: () => commit({ ...EMPTY_SESSION_FILTERS, pageSize: value.pageSize }, ''),
    },
    applySearchAfterPause: (debounceMs) => {
      const typed = value.search;
      const applied = appliedSearch;
      if (typed === applied) return () => undefined;
      const timer = setTimeout(() => {
        // A new search is a filter change: back to page 1, in the same render as the new search.
        commit(typed.trim() === applied.trim() || value.page === 1 ? value : { ...value, page: 1 }, typed);
      }, debounceMs);
      return () => clearTimeout(timer);
    },
    syncUrl: (urlSearch, { prefix, history }) => {
      if (decoded?.search !== urlSearch || decoded.prefix !== prefix) {
        const state = filtersFromParams(new URLSearchParams(urlSearch), defaults, prefix);
        decoded = { search: urlSearch, prefix, state, params: paramsOf(state, prefix) };
      }
      const appliedParams = paramsOf(getSnapshot().applied, prefix);
      if (decoded.params !== lastSeenParams) {
        lastSeenParams = decoded.params;
        if (decoded.params !== appliedParams) commit(decoded.state, decoded.state.search);
        return;
      }
      if (decoded.params === appliedParams) return;
      const url = new URL(location.href());
      for (const name of filterParamNames(prefix)) url.searchParams.delete(name);
      for (const [name, param] of new URLSearchParams(appliedParams)) url.searchParams.set(name, param);
      lastSeenParams = appliedParams;
      location.write(url, history);
    },
  };
}
