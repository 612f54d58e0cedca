/**
 * The session filters in one table: what each filter is called in the filter state and the UI, which
 * fetcher capability it needs and the `SessionQuery` fields it fills (whose snake_case names are its
 * query-string parameters). The state shape, the URL form, the "is anything filtered" check, the query
 * mapping (`filter-query.ts`) and `normalizeQuery` are all read off {@link SESSION_FILTER_DEFINITIONS}, so
 * a new filter is a row here (plus its state and query fields, its messages and a backend's mapping).
 * Framework-free: no React, no `window`.
 */
import type { DayRange } from './date-range';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';
import type { FetcherCapabilities, SessionFilterName, SessionQuery } from './types';

/** Everything a session filter UI shows, as the user entered it. */
export interface SessionFilterState {
  /** The search text as typed (the query applies it after a pause in typing). */
  search: string;
  /** Statuses to list; empty means all. */
  status: string[];
  /** Kinds to list; empty means all. */
  kind: string[];
  /** Days the session was created on (`YYYY-MM-DD`, in the filters' time zone). */
  created: DayRange;
  /** Days the session was captured on. */
  captured: DayRange;
  excludePending: boolean;
  excludeVoided: boolean;
  paymentToken: string;
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** The keys of `T` whose (defined) value is exactly `V`. */
type KeysWhere<T, V> = {
  [K in keyof T]-?: [NonNullable<T[K]>] extends [V] ? ([V] extends [NonNullable<T[K]>] ? K : never) : never;
}[keyof T];

/** The part of a query that filters, as opposed to paging or asking for optional parts. */
export type SessionFilterQuery = Omit<SessionQuery, 'page' | 'pageSize' | 'include'>;

/** The capability lists a `list` filter may restrict its values to (`statuses`, `kinds`). */
export type KnownValuesCapability = KeysWhere<FetcherCapabilities, string[]>;

/**
 * One filter. `kind` says how it is stored, written to the URL, checked for "active" and sent:
 * - `text`: a string, trimmed; empty means no filter.
 * - `list`: values of which any may match, comma-separated in the URL; empty means all.
 * - `dayRange`: calendar days, sent as the instants that start the first day and end the last.
 * - `flag`: a boolean that narrows the list when `true`.
 *
 * Its query-string parameters are its query fields in snake_case (`createdFrom` → `created_from`), so a
 * filter has one name from the query to the URL.
 */
export type SessionFilterDefinition =
  | {
      kind: 'text';
      field: KeysWhere<SessionFilterState, string>;
      /** Absent for the text search, which `capabilities.search` governs instead. */
      capability?: SessionFilterName;
      query: KeysWhere<SessionFilterQuery, string>;
    }
  | {
      kind: 'list';
      field: KeysWhere<SessionFilterState, string[]>;
      capability: SessionFilterName;
      query: KeysWhere<SessionFilterQuery, string[]>;
      /** When the backend lists its values there, only those reach the query (a shared link may carry others). */
      knownValues?: KnownValuesCapability;
    }
  | {
      kind: 'dayRange';
      field: KeysWhere<SessionFilterState, DayRange>;
      capability: SessionFilterName;
      query: { from: KeysWhere<SessionFilterQuery, string>; to: KeysWhere<SessionFilterQuery, string> };
    }
  | {
      kind: 'flag';
      field: KeysWhere<SessionFilterState, boolean>;
      capability: SessionFilterName;
      query: KeysWhere<SessionFilterQuery, boolean>;
    };

/** Every filter, in the order the form shows them and the URL lists them. */
export const SESSION_FILTER_DEFINITIONS = [
  { kind: 'text', field: 'search', query: 'search' },
  { kind: 'list', field: 'status', capability: 'status', query: 'status', knownValues: 'statuses' },
  { kind: 'list', field: 'kind', capability: 'kind', query: 'kind', knownValues: 'kinds' },
  { kind: 'dayRange', field: 'created', capability: 'createdAt', query: { from: 'createdFrom', to: 'createdTo' } },
  { kind: 'dayRange', field: 'captured', capability: 'capturedAt', query: { from: 'capturedFrom', to: 'capturedTo' } },
  { kind: 'flag', field: 'excludePending', capability: 'excludePending', query: 'excludePending' },
  { kind: 'flag', field: 'excludeVoided', capability: 'excludeVoided', query: 'excludeVoided' },
  { kind: 'text', field: 'paymentToken', capability: 'paymentToken', query: 'paymentToken' },
] as const satisfies readonly SessionFilterDefinition[];

/** A filter a session filter UI can show: a field of {@link SessionFilterState} other than the page. */
export type SessionFilterFieldName = (typeof SESSION_FILTER_DEFINITIONS)[number]['field'];

// A state field, a capability or a query field without a row would be a filter the table does not know:
// these fail to compile until the row is added.
type Uncovered<All, Covered> = [Exclude<All, Covered>] extends [never] ? true : Exclude<All, Covered>;
type CoveredQuery<D> = D extends { query: infer Q } ? (Q extends { from: infer F; to: infer T } ? F | T : Q) : never;
const everyStateFieldHasARow: Uncovered<Exclude<keyof SessionFilterState, 'page' | 'pageSize'>, SessionFilterFieldName> = true;
const everyCapabilityHasARow: Uncovered<SessionFilterName, (typeof SESSION_FILTER_DEFINITIONS)[number] extends infer D ? (D extends { capability: infer C } ? C : never) : never> = true;
const everyQueryFieldHasARow: Uncovered<keyof SessionFilterQuery, CoveredQuery<(typeof SESSION_FILTER_DEFINITIONS)[number]>> = true;
void [everyStateFieldHasARow, everyCapabilityHasARow, everyQueryFieldHasARow];

/** The row of `field`. */
export function filterDefinition(field: SessionFilterFieldName): SessionFilterDefinition {
  return SESSION_FILTER_DEFINITIONS.find((definition) => definition.field === field) as SessionFilterDefinition;
}

/** The `SessionQuery` fields one filter fills. */
export function queryFieldsOf(definition: SessionFilterDefinition): Array<keyof SessionFilterQuery> {
  return definition.kind === 'dayRange' ? [definition.query.from, definition.query.to] : [definition.query];
}

/**
 * The capability names of the filters a backend can apply, given the query fields its adapter maps (a
 * filter counts when all its fields are mapped), in table order: what goes in `capabilities.filters`.
 */
export function filtersMappedBy(mapped: Partial<Record<keyof SessionFilterQuery, unknown>>): SessionFilterName[] {
  const names: SessionFilterName[] = [];
  for (const definition of SESSION_FILTER_DEFINITIONS) {
    if (!('capability' in definition)) continue;
    if (queryFieldsOf(definition).every((field) => mapped[field] !== undefined)) names.push(definition.capability);
  }
  return names;
}

/** The value of a filter of `kind` that does not narrow the list. */
const emptyValueOf = (kind: SessionFilterDefinition['kind']) => ({ text: '', list: [], dayRange: {}, flag: false })[kind];

/** The state with no filter at all: page 1 of every session. */
export const EMPTY_SESSION_FILTERS: Readonly<SessionFilterState> = Object.freeze({
  ...(Object.fromEntries(SESSION_FILTER_DEFINITIONS.map((definition) => [definition.field, emptyValueOf(definition.kind)])) as Omit<
    SessionFilterState,
    'page' | 'pageSize'
  >),
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
});

/** How a value reads as query-string text; `decode` returns `undefined` for junk (a hand-edited URL). */
interface TextCodec<Value> {
  encode(value: Value): string;
  decode(text: string): Value | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const wholeUpTo = (max: number): TextCodec<number> => ({
  encode: String,
  decode: (text) => {
    const value = Number(text);
    return text !== '' && Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
  },
});

/** The codec of each kind of filter value; a day range has a parameter per end, each a `day` (`''` for an open end). */
const CODECS = {
  text: { encode: (value) => value.trim(), decode: (text) => text } as TextCodec<string>,
  list: { encode: (value) => value.join(','), decode: (text) => text.split(',').map((v) => v.trim()).filter(Boolean) } as TextCodec<string[]>,
  flag: { encode: String, decode: (text) => (text === 'true' || text === 'false' ? text === 'true' : undefined) } as TextCodec<boolean>,
  day: { encode: (value) => value ?? '', decode: (text) => (text === '' || DAY.test(text) ? text : undefined) } as TextCodec<string | undefined>,
};

/**
 * One query-string parameter: its name (the query field it stands for, in snake_case), how its value
 * reads, and where the value sits in the state: a field, or one end of a day-range field.
 */
interface StateParam {
  name: string;
  codec: TextCodec<unknown>;
  field: keyof SessionFilterState;
  end?: 'from' | 'to';
}

const paramName = (queryField: string) => queryField.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** In the order they appear in the URL: the filters in table order, then the page. */
const PARAMS: readonly StateParam[] = [
  ...SESSION_FILTER_DEFINITIONS.flatMap(({ kind, field, query }): StateParam[] =>
    kind === 'dayRange'
      ? (['from', 'to'] as const).map((end) => ({ name: paramName(query[end]), codec: CODECS.day, field, end }))
      : [{ name: paramName(query), codec: CODECS[kind], field }],
  ),
  // No page whose first row lies past the largest safe offset, even at the largest page size: a
  // hand-edited ?page=999999999999999 is ignored like any malformed value, not a crash.
  { name: 'page', codec: wholeUpTo(Math.floor(Number.MAX_SAFE_INTEGER / MAX_PAGE_SIZE)), field: 'page' },
  { name: 'page_size', codec: wholeUpTo(MAX_PAGE_SIZE), field: 'pageSize' },
];

/** The text of `param` for `state`. */
function encodeParam({ codec, field, end }: StateParam, state: SessionFilterState): string {
  const value: unknown = end ? (state[field] as DayRange)[end] : state[field];
  return codec.encode(value);
}

/** Whether one filter narrows the list in `state`: whether the URL would carry it, written over the empty state. */
export function isFilterActive(definition: SessionFilterDefinition, state: SessionFilterState): boolean {
  return PARAMS.some((param) => param.field === definition.field && encodeParam(param, state) !== encodeParam(param, EMPTY_SESSION_FILTERS));
}

/** Whether any filter (not page or page size) narrows the list. */
export function hasActiveFilters(state: SessionFilterState): boolean {
  return SESSION_FILTER_DEFINITIONS.some((definition) => isFilterActive(definition, state));
}

/** Every query-string parameter the filters own, with `prefix`. */
export function filterParamNames(prefix = ''): string[] {
  return PARAMS.map((param) => prefix + param.name);
}

/**
 * The filters as query-string parameters: only what differs from `defaults` (a plain list keeps a clean
 * URL), in a fixed order, so equal states give equal strings. A list cleared from a non-empty default is
 * written as an empty parameter (`status=`), which reads back as empty rather than as the default.
 */
export function filtersToParams(state: SessionFilterState, defaults: SessionFilterState, prefix = ''): URLSearchParams {
  const params = new URLSearchParams();
  for (const param of PARAMS) {
    const value = encodeParam(param, state);
    if (value !== encodeParam(param, defaults)) params.set(prefix + param.name, value);
  }
  return params;
}

/**
 * The filters a query string describes: a missing parameter means the default, a malformed one (a
 * hand-edited URL) is ignored rather than failing. The inverse of {@link filtersToParams}.
 */
export function filtersFromParams(params: URLSearchParams, defaults: SessionFilterState, prefix = ''): SessionFilterState {
  let state = defaults;
  for (const { name, codec, field, end } of PARAMS) {
    const text = params.get(prefix + name);
    const value = text === null ? undefined : codec.decode(text.trim());
    if (value === undefined) continue;
    state = { ...state, [field]: end ? withDayEnd(state[field] as DayRange, end, value as string) : value };
  }
  return state;
}

/** `range` with its `end` set to `day`, or left open for `''`. */
function withDayEnd(range: DayRange, end: 'from' | 'to', day: string): DayRange {
  const { [end]: _replaced, ...rest } = range;
  return day === '' ? rest : { ...rest, [end]: day };
}
