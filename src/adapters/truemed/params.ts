/**
 * Truemed's list query both ways: built from a `SessionQuery` (the fetcher) and checked against the
 * documented parameters (the proxy and the fake API), beside each other so they cannot drift apart.
 */
import { toIsoInstant } from '../../core/iso-date';
import { effectivePageSize } from '../../core/pagination';
import type { SessionInclude, SessionQuery } from '../../core/types';
import {
  TRUEMED_FILTER_PARAMS,
  TRUEMED_KINDS,
  TRUEMED_MAX_PAGE_SIZE,
  TRUEMED_QUERY_PARAMS,
  TRUEMED_STATUSES,
  type TruemedParamType,
  type TruemedQueryParam,
} from './wire';

const INCLUDE_PARAMS = {
  items: 'include_order_items',
  refunds: 'include_refunds',
  disputes: 'include_disputes',
  metadata: 'include_metadata',
  fee: 'include_truemed_fee',
} as const satisfies Record<keyof SessionInclude, string>;

/**
 * The documented query parameters for a query. Only what is set is sent; include flags are sent as given
 * (`false` too, since `include_refunds` and `include_disputes` default to true upstream), lists
 * comma-joined, booleans as `true`/`false`. `status` values are raw Truemed statuses, passed through.
 * `page_size` is capped to `defaults.maxPageSize` (100 unless given).
 */
export function buildTruemedSearchParams(
  query: SessionQuery,
  defaults: { include?: SessionInclude; summarizeRefunds?: boolean; maxPageSize?: number } = {},
): URLSearchParams {
  const params = new URLSearchParams();
  params.set('page', String(query.page));
  params.set('page_size', String(effectivePageSize(query.pageSize, { maxPageSize: defaults.maxPageSize ?? TRUEMED_MAX_PAGE_SIZE })));
  for (const [field, name] of Object.entries(TRUEMED_FILTER_PARAMS) as Array<[keyof typeof TRUEMED_FILTER_PARAMS, string]>) {
    const value = query[field];
    // Only what narrows the list is sent: no empty text or list, no `false` flag.
    if (value === undefined || value === '' || value === false) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (text !== '') params.set(name, text);
  }
  const include: SessionInclude = { ...defaults.include, ...query.include };
  for (const [key, param] of Object.entries(INCLUDE_PARAMS) as Array<[keyof SessionInclude, string]>) {
    const flag = include[key];
    if (flag !== undefined) params.set(param, String(flag));
  }
  if (defaults.summarizeRefunds) params.set('summarize_refunds', 'true');
  return params;
}

/**
 * The query parameters of `GET /payments/v1/payment_session/{id}`: the fetcher's include flags and
 * `summarize_refunds`. **Assumption**: the single-session endpoint takes the same `include_*` flags as the
 * list (Truemed's reference says it returns "the same fields as a list entry" but does not list its
 * parameters); an upstream that ignores them still answers with its defaults.
 */
export function buildTruemedSessionSearchParams(defaults: { include?: SessionInclude; summarizeRefunds?: boolean } = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, param] of Object.entries(INCLUDE_PARAMS) as Array<[keyof SessionInclude, string]>) {
    const flag = defaults.include?.[key];
    if (flag !== undefined) params.set(param, String(flag));
  }
  if (defaults.summarizeRefunds) params.set('summarize_refunds', 'true');
  return params;
}


/** The largest page number accepted; far beyond any real dataset, small enough to never overflow math. */
export const MAX_PAGE_NUMBER = 1_000_000;
/** Longest accepted `search` / `payment_token` value. */
export const MAX_TEXT_PARAM_LENGTH = 200;

export type TruemedParamsCheck =
  | {
      ok: true;
      /** Only documented parameters, each normalized (booleans `true`/`false`, lists de-duplicated). */
      params: URLSearchParams;
      /** Names of parameters that were not documented and so were left out. */
      dropped: string[];
    }
  | { ok: false; param: string; message: string };

const ISO_DATETIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const PAYMENT_TOKEN = /^[A-Za-z0-9_-]+$/;
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

function isDocumented(name: string): name is TruemedQueryParam {
  return Object.prototype.hasOwnProperty.call(TRUEMED_QUERY_PARAMS, name);
}

/** Returns the normalized value, or an error message naming what is wrong. */
function checkValue(name: string, type: TruemedParamType, raw: string): { value: string } | { message: string } {
  switch (type) {
    case 'page':
    case 'pageSize': {
      if (!/^\d{1,9}$/.test(raw)) return { message: `${name} must be a positive whole number, got "${truncate(raw)}".` };
      const n = Number(raw);
      if (n < 1) return { message: `${name} must be at least 1.` };
      if (type === 'page' && n > MAX_PAGE_NUMBER) return { message: `${name} must be at most ${MAX_PAGE_NUMBER}.` };
      return { value: String(n) };
    }
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (lower === 'true' || lower === '1') return { value: 'true' };
      if (lower === 'false' || lower === '0') return { value: 'false' };
      return { message: `${name} must be true or false, got "${truncate(raw)}".` };
    }
    case 'string': {
      if (raw.length > MAX_TEXT_PARAM_LENGTH) return { message: `${name} must be at most ${MAX_TEXT_PARAM_LENGTH} characters.` };
      if (CONTROL_CHARS.test(raw)) return { message: `${name} must not contain control characters.` };
      if (name === 'payment_token' && !PAYMENT_TOKEN.test(raw)) {
        return { message: `${name} may contain only letters, digits, "_" and "-".` };
      }
      return { value: raw.trim() };
    }
    case 'datetime': {
      // The shape, and then a real calendar date: `Date.parse` would roll `2024-02-30` over to March 1.
      if (!ISO_DATETIME.test(raw) || toIsoInstant(raw) === undefined) {
        return { message: `${name} must be an ISO 8601 date or date-time, got "${truncate(raw)}".` };
      }
      // A date-time goes on as the instant that was validated, not as the text: Truemed then reads exactly
      // what was checked (`2024-01-02 03:04`, read here as UTC, becomes `2024-01-02T03:04:00.000Z`). A bare
      // calendar day is already canonical and stays a day: as a range end it means the whole day.
      if (DATE_ONLY.test(raw)) return { value: raw };
      return { value: toIsoInstant(raw) as string };
    }
    case 'kindList':
    case 'statusList': {
      const allowed: readonly string[] = type === 'kindList' ? TRUEMED_KINDS : TRUEMED_STATUSES;
      const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
      if (values.length === 0) return { message: `${name} must list at least one value.` };
      const unknown = values.find((v) => !allowed.includes(v));
      if (unknown !== undefined) {
        return { message: `${name} has an unknown value "${truncate(unknown)}"; expected one of ${allowed.join(', ')}.` };
      }
      return { value: [...new Set(values)].join(',') };
    }
  }
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * Checks a list request's query against Truemed's documented parameters: undocumented ones are dropped,
 * a malformed value is an error that names the parameter. Used by the proxy and by the fake API.
 *
 * @example
 * const check = validateTruemedParams(new URL(request.url).searchParams);
 * if (!check.ok) return Response.json({ error: 'InvalidParameter', message: check.message }, { status: 400 });
 */
export function validateTruemedParams(input: URLSearchParams): TruemedParamsCheck {
  const params = new URLSearchParams();
  // A Set, not `Array.includes`: a query of n undocumented names must cost O(n), not O(n²).
  const dropped = new Set<string>();
  const seen = new Set<string>();
  for (const [name, raw] of input) {
    if (!isDocumented(name)) {
      dropped.add(name);
      continue;
    }
    if (seen.has(name)) return { ok: false, param: name, message: `${name} was given more than once.` };
    seen.add(name);
    const checked = checkValue(name, TRUEMED_QUERY_PARAMS[name], raw);
    if ('message' in checked) return { ok: false, param: name, message: checked.message };
    // An empty search or token is the same as none.
    if (checked.value !== '') params.set(name, checked.value);
  }
  return { ok: true, params, dropped: [...dropped] };
}
