/**
 * The filter state behind `useSessionFilters` and its query-string form. React-free and window-free:
 * the hook decides when to read or write the URL, this file only says what it contains.
 */
import type { DayRange } from '../core/date-range';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../core/query';

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

/** The state with no filter at all: page 1 of every session. */
export const EMPTY_SESSION_FILTERS: Readonly<SessionFilterState> = Object.freeze({
  search: '',
  status: [],
  kind: [],
  created: {},
  captured: {},
  excludePending: false,
  excludeVoided: false,
  paymentToken: '',
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
});

/** Whether any filter (not page or page size) narrows the list. */
export function hasActiveFilters(state: SessionFilterState): boolean {
  return (
    state.search.trim() !== '' ||
    state.status.length > 0 ||
    state.kind.length > 0 ||
    Boolean(state.created.from || state.created.to || state.captured.from || state.captured.to) ||
    state.excludePending ||
    state.excludeVoided ||
    state.paymentToken.trim() !== ''
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** How one field is written to and read from its query-string parameter. `decode` returns `undefined` for junk. */
interface ParamCodec {
  name: string;
  encode: (state: SessionFilterState) => string;
  decode: (text: string, into: SessionFilterState) => SessionFilterState | undefined;
}

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
const dayCodec = (name: string, field: 'created' | 'captured', end: 'from' | 'to'): ParamCodec => ({
  name,
  encode: (s) => s[field][end] ?? '',
  decode: (text, into) => {
    const value = day(text);
    return value === null ? undefined : { ...into, [field]: withDay(into[field], end, value) };
  },
});
const flagCodec = (name: string, field: 'excludePending' | 'excludeVoided'): ParamCodec => ({
  name,
  encode: (s) => String(s[field]),
  decode: (text, into) => {
    const value = flag(text);
    return value === undefined ? undefined : { ...into, [field]: value };
  },
});

/** In the order they appear in the URL. */
const CODECS: readonly ParamCodec[] = [
  { name: 'search', encode: (s) => s.search.trim(), decode: (text, into) => ({ ...into, search: text }) },
  { name: 'status', encode: (s) => s.status.join(','), decode: (text, into) => ({ ...into, status: list(text) }) },
  { name: 'kind', encode: (s) => s.kind.join(','), decode: (text, into) => ({ ...into, kind: list(text) }) },
  dayCodec('created_from', 'created', 'from'),
  dayCodec('created_to', 'created', 'to'),
  dayCodec('captured_from', 'captured', 'from'),
  dayCodec('captured_to', 'captured', 'to'),
  flagCodec('exclude_pending', 'excludePending'),
  flagCodec('exclude_voided', 'excludeVoided'),
  { name: 'payment_token', encode: (s) => s.paymentToken.trim(), decode: (text, into) => ({ ...into, paymentToken: text }) },
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
