/**
 * The filter state as a `SessionQuery`, read off the filter table: what the user entered becomes what the
 * backend is asked. Framework-free: no React, no `window`.
 */
import { dayRangeToInstants } from './date-range';
import { SESSION_FILTER_DEFINITIONS, type SessionFilterState } from './filters';
import { effectivePageSize } from './pagination';
import { normalizeQuery } from './query';
import type { FetcherCapabilities, SessionQuery } from './types';

/** The day-range fields of the filter state. */
type DayRangeField = Extract<(typeof SESSION_FILTER_DEFINITIONS)[number], { kind: 'dayRange' }>['field'];

/** What {@link filtersToQuery} makes of a filter state. */
export interface FilterQueryResult {
  /** The normalized query. */
  query: SessionQuery;
  /** Why a date range was left out of `query` (`from` after `to`, an impossible day), per range. */
  dateRangeErrors: Partial<Record<DayRangeField, string>>;
}

/** The values that are in `known`, or all of them when the backend lists none. */
function onlyKnown(values: readonly string[], known: readonly string[] | undefined): string[] {
  return known === undefined ? [...values] : values.filter((item) => known.includes(item));
}

/**
 * The query a filter state asks for. Day ranges are calendar days in `timeZone`, sent as the instants
 * that start the first day and end the last; a range being picked passes through impossible states (from
 * after to), so it is left out of the query and reported rather than thrown. With `capabilities`, list
 * values the backend does not list are dropped (a shared link may carry others, which the backend would
 * refuse) and the page size is the one the backend serves.
 *
 * @throws RangeError for a page or page size out of range (see `normalizeQuery`).
 */
export function filtersToQuery(
  state: SessionFilterState,
  { timeZone, capabilities }: { timeZone: string; capabilities?: FetcherCapabilities },
): FilterQueryResult {
  const dateRangeErrors: FilterQueryResult['dateRangeErrors'] = {};
  const query: Partial<Record<keyof SessionQuery, unknown>> = {
    page: state.page,
    // Never more rows than the backend serves a page (a shared link may ask for more): the list, the
    // pagination and the answer then agree on what a page is.
    pageSize: effectivePageSize(state.pageSize, capabilities),
  };
  for (const definition of SESSION_FILTER_DEFINITIONS) {
    switch (definition.kind) {
      case 'text':
      case 'flag':
        query[definition.query] = state[definition.field];
        break;
      case 'list': {
        const known = 'knownValues' in definition ? capabilities?.[definition.knownValues] : undefined;
        query[definition.query] = onlyKnown(state[definition.field], known);
        break;
      }
      case 'dayRange':
        try {
          const instants = dayRangeToInstants(state[definition.field], timeZone);
          query[definition.query.from] = instants.from;
          query[definition.query.to] = instants.to;
        } catch (error) {
          dateRangeErrors[definition.field] = error instanceof Error ? error.message : String(error);
        }
        break;
    }
  }
  return { query: normalizeQuery(query as Partial<SessionQuery>), dateRangeErrors };
}
