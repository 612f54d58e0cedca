import { queryFieldsOf, SESSION_FILTER_DEFINITIONS } from './filters';
import { toIsoInstant } from './iso-date';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';
import type { SessionInclude, SessionQuery } from './types';

// Page sizes are pagination's; they stay importable from here, where queries always found them.
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';

const INCLUDE_KEYS = ['items', 'refunds', 'disputes', 'metadata', 'fee'] as const satisfies ReadonlyArray<keyof SessionInclude>;

function positiveInteger(name: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function sortedList(value: readonly string[] | undefined): string[] | undefined {
  if (!value) return undefined;
  const list = [...new Set(value.map((v) => v.trim()).filter(Boolean))].sort();
  return list.length > 0 ? list : undefined;
}

/**
 * An ISO 8601 date or date-time as a UTC instant, read strictly ({@link toIsoInstant}): not `Date.parse`,
 * which takes `"1"` for 2001, rolls `2024-02-30` over to March and reads a time without an offset in the
 * machine's zone (so the same query would mean another instant on a server than in a browser).
 */
function instant(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const iso = toIsoInstant(value);
  if (iso === undefined) {
    throw new RangeError(`${name} must be an ISO 8601 date or date-time (a time without an offset is UTC), got ${JSON.stringify(value)}.`);
  }
  return iso;
}

/**
 * The canonical form of a query: defaults applied, empty values removed, lists de-duplicated and sorted,
 * dates as UTC instants (each filter as its kind in the filter table says). Two queries that mean the same
 * thing normalize to equal objects, which is what makes one request per distinct query possible.
 *
 * @throws RangeError for a page or page size that is not a whole number in range, or an unparsable date.
 */
export function normalizeQuery(input: Partial<SessionQuery> = {}): SessionQuery {
  const query: SessionQuery = {
    page: positiveInteger('page', input.page, 1, Number.MAX_SAFE_INTEGER),
    pageSize: positiveInteger('pageSize', input.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
  for (const definition of SESSION_FILTER_DEFINITIONS) {
    switch (definition.kind) {
      case 'text': {
        const text = input[definition.query]?.trim();
        if (text) query[definition.query] = text;
        break;
      }
      case 'list': {
        const values = sortedList(input[definition.query]);
        if (values) query[definition.query] = values;
        break;
      }
      case 'dayRange':
        for (const key of queryFieldsOf(definition) as Array<typeof definition.query.from>) {
          const iso = instant(key, input[key]);
          if (iso) query[key] = iso;
        }
        break;
      case 'flag':
        if (input[definition.query]) query[definition.query] = true;
        break;
    }
  }
  if (input.include) {
    const include: SessionInclude = {};
    for (const key of INCLUDE_KEYS) {
      if (input.include[key] !== undefined) include[key] = input.include[key];
    }
    if (Object.keys(include).length > 0) query.include = include;
  }
  return query;
}

/** The query without its page: what identifies "the current filter" across pages. */
export function filterOf(query: SessionQuery): Omit<SessionQuery, 'page'> {
  const { page: _page, ...rest } = query;
  return rest;
}

/**
 * A stable string key for a normalized query (object keys in a fixed order), for caches and URLs.
 * Pass queries through {@link normalizeQuery} first so equal meanings give equal keys.
 */
export function queryKey(query: SessionQuery): string {
  return JSON.stringify(query, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  });
}
