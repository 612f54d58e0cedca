/**
 * Truemed's `GET /payments/v1/payment_sessions` on the wire: the documented query parameters and the
 * response shape. Shared by the fetcher (builds the query), the proxy (validates it) and the fake API
 * (honours it), so the three can never disagree.
 */

import type { SessionFilterQuery } from '../../core/filters';

export const TRUEMED_LIST_PATH = '/payments/v1/payment_sessions';
export const TRUEMED_API_KEY_HEADER = 'x-truemed-api-key';
export const TRUEMED_DEFAULT_PAGE_SIZE = 30;
/**
 * The largest `page_size` the fetcher sends and the proxy forwards unless their `maxPageSize` options say
 * otherwise (the fake API serves no more either).
 */
export const TRUEMED_MAX_PAGE_SIZE = 100;

/** Values of the first-payment `status` field, as documented. */
export const TRUEMED_STATUSES = [
  'pending',
  'processing',
  'captured',
  'canceled',
  'rejected',
  'authorized',
  'authorization_voided',
  'authorization_expired',
] as const;
export type TruemedStatus = (typeof TRUEMED_STATUSES)[number];

/** Values of `kind`, as documented. */
export const TRUEMED_KINDS = ['one_time_payment', 'authorization'] as const;
export type TruemedKind = (typeof TRUEMED_KINDS)[number];

/** `status_summary` values seen in the wild (free text; others may appear). */
export const TRUEMED_STATUS_SUMMARIES = [
  'Incomplete',
  'Authorized',
  'Captured',
  'Partially Captured',
  'Refunded',
  'Partially Refunded',
  'Disputed',
  'Voided',
  'Expired',
  'Canceled',
  'Test',
] as const;

/** How each documented query parameter is typed. */
export type TruemedParamType = 'page' | 'pageSize' | 'boolean' | 'string' | 'datetime' | 'kindList' | 'statusList';

/** Every documented query parameter of the list endpoint, and its type. Anything else is not sent. */
export const TRUEMED_QUERY_PARAMS = {
  page: 'page',
  page_size: 'pageSize',
  filter_pending: 'boolean',
  filter_voided: 'boolean',
  include_metadata: 'boolean',
  include_order_items: 'boolean',
  search: 'string',
  created_on_start: 'datetime',
  created_on_end: 'datetime',
  captured_on_start: 'datetime',
  captured_on_end: 'datetime',
  include_refunds: 'boolean',
  include_disputes: 'boolean',
  kind: 'kindList',
  status: 'statusList',
  summarize_refunds: 'boolean',
  include_truemed_fee: 'boolean',
  payment_token: 'string',
} as const satisfies Record<string, TruemedParamType>;
export type TruemedQueryParam = keyof typeof TRUEMED_QUERY_PARAMS;

/**
 * The documented parameter that carries each filter of a `SessionQuery`: the fetcher sends them, the fake
 * API reads them, and the fetcher's `capabilities.filters` are the filters listed here.
 */
export const TRUEMED_FILTER_PARAMS = {
  search: 'search',
  status: 'status',
  kind: 'kind',
  createdFrom: 'created_on_start',
  createdTo: 'created_on_end',
  capturedFrom: 'captured_on_start',
  capturedTo: 'captured_on_end',
  excludePending: 'filter_pending',
  excludeVoided: 'filter_voided',
  paymentToken: 'payment_token',
} as const satisfies Partial<Record<keyof SessionFilterQuery, TruemedQueryParam>>;

/** `GET /payments/v1/payment_session/{id}`: one session by id (note the singular `payment_session`). */
export const TRUEMED_SESSION_PATH_PREFIX = '/payments/v1/payment_session/';

/**
 * The session ids the proxy forwards and the fake serves: letters, digits, `_` and `-`, 1 to 128 characters.
 * Truemed's ids look like `ps_…`; anything else (a `/`, `..`, `%2F`, a space) is refused before it can
 * reach another upstream path.
 */
export const TRUEMED_SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** The path of one session, its id percent-encoded (a fetcher must never let an id change the path). */
export function truemedSessionPath(id: string): string {
  return `${TRUEMED_SESSION_PATH_PREFIX}${encodeURIComponent(id)}`;
}

/**
 * The query parameters the single-session endpoint is assumed to take: the list's include flags and
 * `summarize_refunds` (an assumption — Truemed's reference lists none for it, and says it returns the same
 * fields as a list entry).
 */
export const TRUEMED_SESSION_QUERY_PARAMS = {
  include_metadata: 'boolean',
  include_order_items: 'boolean',
  include_refunds: 'boolean',
  include_disputes: 'boolean',
  include_truemed_fee: 'boolean',
  summarize_refunds: 'boolean',
} as const satisfies Partial<Record<TruemedQueryParam, 'boolean'>>;

/** An order item as returned with `include_order_items=true`. Amounts in integer cents. */
export interface TruemedOrderItemWire {
  item_id?: string;
  name: string;
  sku?: string;
  /** Unit price in cents. */
  price: number;
  quantity: number;
  /** Present once captured: remaining refundable amount (cents) / quantity. */
  total_refundable?: number;
  quantity_refundable?: number;
  /** Present while an authorization is open: remaining capturable amount (cents) / quantity. */
  total_capturable?: number;
  quantity_capturable?: number;
}

/**
 * A refund entry. Truemed documents that a session lists its refunds but not their fields; these are the
 * fields the mapper reads, each optional beyond `id` and `amount`, so a differing shape degrades to less detail.
 */
export interface TruemedRefundWire {
  id: string;
  /** Cents. */
  amount: number;
  status?: string;
  reason?: string;
  created_on?: string;
}

/** A dispute entry. Undocumented like a refund's fields, and read the same forgiving way. */
export interface TruemedDisputeWire {
  id: string;
  /** Cents. */
  amount: number;
  status?: string;
  reason?: string;
  created_on?: string;
}

/**
 * One payment session on the wire. Optional fields are *left out* (not null) unless the query asks for
 * them. Field names beyond the documented ones (`created_on`, `total_amount`, `customer_*`) are the likely
 * ones; the fetcher also accepts the obvious alternatives.
 */
export interface TruemedPaymentSessionWire {
  id: string;
  kind: TruemedKind;
  status: TruemedStatus | (string & {});
  status_summary?: string;
  created_on: string;
  updated_on?: string;
  authorized_on?: string;
  captured_on?: string;
  /** Order total in cents. */
  total_amount: number;
  /** Captured so far in cents (differs from `total_amount` for partial captures). */
  captured_amount?: number;
  currency?: string;
  customer_email?: string;
  customer_name?: string;
  user_business_id?: string;
  order_id?: string;
  payment_token?: string;
  redirect_url?: string;
  order_items?: TruemedOrderItemWire[];
  metadata?: Record<string, unknown>;
  refunds?: TruemedRefundWire[];
  disputes?: TruemedDisputeWire[];
  /** Sum of processed refunds in cents; only with `summarize_refunds=true`. */
  refund_amount?: number;
  /** Truemed's fee as a decimal in **dollars**; only with `include_truemed_fee=true`. */
  truemed_fee?: string | number;
}

export interface TruemedPaginationWire {
  current_page: number;
  page_size: number;
  count: number;
  last_page: number;
}

export interface TruemedListResponseWire {
  payment_sessions: TruemedPaymentSessionWire[];
  pagination: TruemedPaginationWire | null;
}

/** Truemed's error body. */
export interface TruemedErrorWire {
  error: string;
  message: string;
}
