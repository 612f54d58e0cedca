/**
 * The model every backend is mapped into. Framework-free: no React, no DOM.
 * See `shared/DESIGN.md` — these are the public types hosts program against.
 */

/** An amount of money in integer minor units (cents for USD, yen for JPY) with its ISO 4217 currency code. */
export interface Money {
  /** Integer number of minor units; never a float. */
  amountMinor: number;
  /** Upper-case ISO 4217 code, e.g. `"USD"`. */
  currency: string;
}

/** The normalized lifecycle state of a payment session. `unknown` keeps `rawStatus` for display. */
export type SessionStatus =
  | 'pending'
  | 'processing'
  | 'authorized'
  | 'captured'
  | 'partially_captured'
  | 'refunded'
  | 'partially_refunded'
  | 'disputed'
  | 'voided'
  | 'expired'
  | 'canceled'
  | 'rejected'
  | 'unknown';

/** One line of an order, with what may still be refunded or captured of it. */
export interface LineItem {
  name: string;
  sku?: string;
  quantity: number;
  unitPrice?: Money;
  total?: Money;
  /** Remaining refundable amount, present once captured. */
  refundable?: Money;
  quantityRefundable?: number;
  /** Remaining capturable amount, present while an authorization is open. */
  capturable?: Money;
  quantityCapturable?: number;
}

/** A refund issued against a session. */
export interface Refund {
  id: string;
  amount?: Money;
  status?: string;
  reason?: string;
  createdAt?: string;
}

/** A dispute (chargeback) raised against a session. */
export interface Dispute {
  id: string;
  amount?: Money;
  status?: string;
  reason?: string;
  createdAt?: string;
}

/** A customer as far as the backend tells. */
export interface Customer {
  name?: string;
  email?: string;
  businessId?: string;
}

/** One payment session, from any backend. */
export interface PaymentSession {
  id: string;
  /** `'truemed' | 'oneentry'` or a custom adapter's name. */
  source: string;
  status: SessionStatus;
  /** The backend's own status text, kept for display when `status` is `unknown`. */
  rawStatus: string;
  statusSummary?: string;
  /** `one_time_payment | authorization | session | intent`. */
  kind?: string;
  createdAt?: string;
  updatedAt?: string;
  authorizedAt?: string;
  capturedAt?: string;
  amount?: Money;
  capturedAmount?: Money;
  refundedAmount?: Money;
  refundableAmount?: Money;
  capturableAmount?: Money;
  fee?: Money;
  customer?: Customer;
  orderId?: string;
  paymentToken?: string;
  /** Only http(s) URLs survive the adapter. */
  paymentUrl?: string;
  items: LineItem[];
  refunds: Refund[];
  disputes: Dispute[];
  metadata?: unknown;
  /** The original record minus secrets (`clientSecret`, `client_secret`, …). */
  raw: Record<string, unknown>;
}

/** Which optional parts of a session to ask the backend for. */
export interface SessionInclude {
  items?: boolean;
  refunds?: boolean;
  disputes?: boolean;
  metadata?: boolean;
  fee?: boolean;
}

/** What to list. `page` is 1-based; date bounds are ISO 8601 instants. */
export interface SessionQuery {
  page: number;
  pageSize: number;
  search?: string;
  status?: string[];
  kind?: string[];
  createdFrom?: string;
  createdTo?: string;
  capturedFrom?: string;
  capturedTo?: string;
  excludePending?: boolean;
  excludeVoided?: boolean;
  paymentToken?: string;
  include?: SessionInclude;
}

/** One page of sessions as a fetcher returns it. */
export interface SessionPage {
  sessions: PaymentSession[];
  /** Total matching sessions across all pages. */
  total: number;
  /**
   * `total` counts only what is known so far, and there may be more (a backend that sends no total and
   * filled this page: one more than seen, so paging goes on). UIs say "at least". @defaultValue false
   */
  totalIsLowerBound?: boolean;
  /** The 1-based page these sessions are. */
  page: number;
  pageSize: number;
  pageCount: number;
  /** How many records the backend sent that failed validation and were dropped. */
  invalid?: number;
}

/** The filters a fetcher can apply server-side. */
export type SessionFilterName =
  | 'status'
  | 'kind'
  | 'createdAt'
  | 'capturedAt'
  | 'excludePending'
  | 'excludeVoided'
  | 'paymentToken';

/** What a fetcher's backend supports, so UIs show only what works. */
export interface FetcherCapabilities {
  search: boolean;
  filters: SessionFilterName[];
  /** Raw status values the backend filters by. */
  statuses?: string[];
  kinds?: string[];
  maxPageSize?: number;
}

/** Context handed to every fetcher call. */
export interface FetchContext {
  /** Aborted when the request is superseded or cancelled; fetchers must honour it. */
  signal: AbortSignal;
}

/**
 * The injectable backend: a function from query to page, plus what it can do.
 * It throws a {@link PaymentSessionsError} on failure.
 */
export interface SessionFetcher {
  (query: SessionQuery, ctx: FetchContext): Promise<SessionPage>;
  source: string;
  capabilities: FetcherCapabilities;
  /**
   * One session by id, for a shared link (`?session=ps_…`) to a session that is not on the current page.
   * Resolves `null` when the backend has no such session; throws a {@link PaymentSessionsError} otherwise.
   * Optional: without it a link to a session off the current page opens nothing.
   */
  getSession?: (id: string, ctx: FetchContext) => Promise<PaymentSession | null>;
  /**
   * How one of this backend's raw status values reads as a normalized {@link SessionStatus}
   * (Truemed's `authorization_voided` → `voided`), so a UI can label the raw values of
   * `capabilities.statuses` without knowing the backend. Optional: without it, a raw value that already is
   * a normalized status is labelled as one, and any other is shown as the backend wrote it.
   *
   * @example
   * const voided = fetcher.statusOf?.('authorization_voided'); // 'voided' for createTruemedFetcher
   */
  statusOf?: (rawStatus: string) => SessionStatus;
}

/** Reported for each record a fetcher dropped because it failed validation. */
export interface InvalidRecordReport {
  source: string;
  /** Index of the record within the response page. */
  index: number;
  /** The record's id when it could be read. */
  id?: string;
  /** Human-readable reasons (schema issues). */
  issues: string[];
}
