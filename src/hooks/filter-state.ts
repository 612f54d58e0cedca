/**
 * The filter state behind `useSessionFilters` and its query-string form, as the hooks export them. They
 * are read off core's filter table (`core/filters.ts`), where a filter is defined once.
 */
export {
  EMPTY_SESSION_FILTERS,
  filterParamNames,
  filtersFromParams,
  filtersToParams,
  hasActiveFilters,
  type SessionFilterState,
} from '../core/filters';
