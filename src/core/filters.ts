/**
 * The session filters in one table: what each filter is called in the filter state and the UI, which
 * fetcher capability it needs, its query-string parameters, the `SessionQuery` fields it fills and its
 * label's message. The state shape, the URL form, the "is anything filtered" check, the query mapping
 * (`filter-query.ts`) and `normalizeQuery` are all read off {@link SESSION_FILTER_DEFINITIONS}, so a new
 * filter is a row here (plus its state and query fields, its messages and a backend's mapping).
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
 */
export type SessionFilterDefinition =
  | {
      kind: 'text';
      field: KeysWhere<SessionFilterState, string>;
      /** Absent for the text search, which `capabilities.search` governs instead. */
      capability?: SessionFilterName;
      param: string;
      query: KeysWhere<SessionFilterQuery, string>;
      /** The message that names the filter in its label and in the "cannot filter by" note. */
      label: string;
    }
  | {
      kind: 'list';
      field: KeysWhere<SessionFilterState, string[]>;
      capability: SessionFilterName;
      param: string;
      query: KeysWhere<SessionFilterQuery, string[]>;
      /** When the backend lists its values there, only those reach the query (a shared link may carry others). */
      knownValues?: KnownValuesCapability;
      /** The messages that label each value (a record by value), where they are not the values themselves. */
      valueLabels?: string;
      label: string;
    }
  | {
      kind: 'dayRange';
      field: KeysWhere<SessionFilterState, DayRange>;
      capability: SessionFilterName;
      params: { from: string; to: string };
      query: { from: KeysWhere<SessionFilterQuery, string>; to: KeysWhere<SessionFilterQuery, string> };
      label: string;
    }
  | {
      kind: 'flag';
      field: KeysWhere<SessionFilterState, boolean>;
      capability: SessionFilterName;
      param: string;
      query: KeysWhere<SessionFilterQuery, boolean>;
      label: string;
    };

/** Every filter, in the order the form shows them and the URL lists them. */
export const SESSION_FILTER_DEFINITIONS = [
  { kind: 'text', field: 'search', param: 'search', query: 'search', label: 'search' },
  { kind: 'list', field: 'status', capability: 'status', param: 'status', query: 'status', knownValues: 'statuses', label: 'statusFilter' },
  { kind: 'list', field: 'kind', capability: 'kind', param: 'kind', query: 'kind', knownValues: 'kinds', valueLabels: 'kind', label: 'kindFilter' },
  {
    kind: 'dayRange',
    field: 'created',
    capability: 'createdAt',
    params: { from: 'created_from', to: 'created_to' },
    query: { from: 'createdFrom', to: 'createdTo' },
    label: 'createdRange',
  },
  {
    kind: 'dayRange',
    field: 'captured',
    capability: 'capturedAt',
    params: { from: 'captured_from', to: 'captured_to' },
    query: { from: 'capturedFrom', to: 'capturedTo' },
    label: 'capturedRange',
  },
  { kind: 'flag', field: 'excludePending', capability: 'excludePending', param: 'exclude_pending', query: 'excludePending', label: 'excludePending' },
  { kind: 'flag', field: 'excludeVoided', capability: 'excludeVoided', param: 'exclude_voided', query: 'excludeVoided', label: 'excludeVoided' },
  { kind: 'text', field: 'paymentToken', capability: 'paymentToken', param: 'payment_token', query: 'paymentToken', label: 'paymentToken' },
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

const DEFINITION_BY_FIELD: ReadonlyMap<SessionFilterFieldName, SessionFilterDefinition> = new Map(
  SESSION_FILTER_DEFINITIONS.map((definition) => [definition.field, definition]),
);

/** The row of `field`. */
export function filterDefinition(field: SessionFilterFieldName): SessionFilterDefinition {
  return DEFINITION_BY_FIELD.get(field) as SessionFilterDefinition;
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

/** The value a filter has when it does not narrow the list. */
function emptyValue(definition: SessionFilterDefinition): SessionFilterState[SessionFilterFieldName] {
  switch (definition.kind) {
    case 'text':
      return '';
    case 'list':
      return [];
    case 'dayRange':
      return {};
    case 'flag':
      return false;
  }
}

/** The state with no filter at all: page 1 of every session. */
export const EMPTY_SESSION_FILTERS: Readonly<SessionFilterState> = Object.freeze({
  ...(Object.fromEntries(SESSION_FILTER_DEFINITIONS.map((definition) => [definition.field, emptyValue(definition)])) as Omit<
    SessionFilterState,
    'page' | 'pageSize'
  >),
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
});

/** Whether one filter narrows the list in `state`. */
export function isFilterActive(definition: SessionFilterDefinition, state: SessionFilterState): boolean {
  switch (definition.kind) {
    case 'text':
      return state[definition.field].trim() !== '';
    case 'list':
      return state[definition.field].length > 0;
    case 'dayRange': {
      const range = state[definition.field];
      return Boolean(range.from || range.to);
    }
    case 'flag':
      return state[definition.field];
  }
}

/** Whether any filter (not page or page size) narrows the list. */
export function hasActiveFilters(state: SessionFilterState): boolean {
  return SESSION_FILTER_DEFINITIONS.some((definition) => isFilterActive(definition, state));
}

/** How one field is written to and read from its query-string parameter. `decode` returns `undefined` for junk. */
interface ParamCodec {
  name: string;
  encode: (state: SessionFilterState) => string;
  decode: (text: string, into: SessionFilterState) => SessionFilterState | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const list = (text: string) => text.split(',').map((v) => v.trim()).filter(Boolean);
const day = (text: string) => (text === '' || DAY.test(text) ? text || undefined : null);
const withDay = (range: DayRange, end: 'from' | 'to', value: string | undefined): DayRange => {
  const { [end]: _dropped, ...rest } = range;
  return value === undefined ? rest : { ...rest, [end]: value };
};
const flag = (text: string) => (text === 'true' ? true : text === 'false' ? false : undefined);
const whole = (text: string, max: number) => {
  const value = Number(text);
  return text !== '' && Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
};
const withField = <F extends keyof SessionFilterState>(into: SessionFilterState, field: F, value: SessionFilterState[F]) =>
  ({ ...into, [field]: value }) as SessionFilterState;

/** The parameters of one filter row. */
function codecsOf(definition: SessionFilterDefinition): ParamCodec[] {
  switch (definition.kind) {
    case 'text': {
      const { field, param } = definition;
      return [{ name: param, encode: (s) => s[field].trim(), decode: (text, into) => withField(into, field, text) }];
    }
    case 'list': {
      const { field, param } = definition;
      return [{ name: param, encode: (s) => s[field].join(','), decode: (text, into) => withField(into, field, list(text)) }];
    }
    case 'dayRange': {
      const { field, params } = definition;
      return (['from', 'to'] as const).map((end) => ({
        name: params[end],
        encode: (s) => s[field][end] ?? '',
        decode: (text, into) => {
          const value = day(text);
          return value === null ? undefined : withField(into, field, withDay(into[field], end, value));
        },
      }));
    }
    case 'flag': {
      const { field, param } = definition;
      return [
        {
          name: param,
          encode: (s) => String(s[field]),
          decode: (text, into) => {
            const value = flag(text);
            return value === undefined ? undefined : withField(into, field, value);
          },
        },
      ];
    }
  }
}

/** In the order they appear in the URL: the filters in table order, then the page. */
const CODECS: readonly ParamCodec[] = [
  ...SESSION_FILTER_DEFINITIONS.flatMap(codecsOf),
  {
    name: 'page',
    encode: (s) => String(s.page),
    decode: (text, into) => {
      // No page whose first row lies past the largest safe offset, even at the largest page size: a
      // hand-edited ?page=999999999999999 is ignored like any malformed value, not a crash.
      const page = whole(text, Math.floor(Number.MAX_SAFE_INTEGER / MAX_PAGE_SIZE));
      return page === undefined ? undefined : { ...into, page };
    },
  },
  {
    name: 'page_size',
    encode: (s) => String(s.pageSize),
    decode: (text, into) => {
      const pageSize = whole(text, MAX_PAGE_SIZE);
      return pageSize === undefined ? undefined : { ...into, pageSize };
    },
  },
];

/** Every query-string parameter the filters own, with `prefix`. */
export function filterParamNames(prefix = ''): string[] {
  return CODECS.map((codec) => prefix + codec.name);
}

/**
 * The filters as query-string parameters: only what differs from `defaults` (a plain list keeps a clean
 * URL), in a fixed order, so equal states give equal strings. A list cleared from a non-empty default is
 * written as an empty parameter (`status=`), which reads back as empty rather than as the default.
 */
export function filtersToParams(state: SessionFilterState, defaults: SessionFilterState, prefix = ''): URLSearchParams {
  const params = new URLSearchParams();
  for (const codec of CODECS) {
    const value = codec.encode(state);
    if (value !== codec.encode(defaults)) params.set(prefix + codec.name, value);
  }
  return params;
}

/**
 * The filters a query string describes: a missing parameter means the default, a malformed one (a
 * hand-edited URL) is ignored rather than failing. The inverse of {@link filtersToParams}.
 */
export function filtersFromParams(params: URLSearchParams, defaults: SessionFilterState, prefix = ''): SessionFilterState {
  let state = defaults;
  for (const codec of CODECS) {
    const text = params.get(prefix + codec.name);
    if (text !== null) state = codec.decode(text.trim(), state) ?? state;
  }
  return state;
}
