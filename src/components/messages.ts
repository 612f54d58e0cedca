import type { PaymentSessionsErrorKind } from '../core/errors';
import type { SessionStatus } from '../core/types';

/**
 * Every string the components show or announce. Pass a partial object as `messages` to override any of
 * them; functions receive the values to interpolate. Numbers and dates are formatted by `Intl` in the
 * component's `locale` before they reach a message.
 */
export interface Messages {
  // Statuses and kinds
  status: Record<SessionStatus, string>;
  kind: Record<string, string>;
  /**
   * Refund and dispute statuses and reasons as the backends write them (`succeeded`, `customer_request`,
   * `needs_response`…), in words; a code not listed is shown as written.
   */
  adjustmentCodes: Record<string, string>;

  // SessionList
  listLabel: string;
  columnId: string;
  columnStatus: string;
  columnCustomer: string;
  columnAmount: string;
  columnRefunded: string;
  columnCreated: string;
  columnCaptured: string;
  columnKind: string;
  columnActions: string;
  loading: string;
  refreshing: string;
  empty: string;
  emptyHint: string;
  noResults: string;
  noResultsHint: string;
  clearFilters: string;
  errorTitle: string;
  /**
   * What went wrong, by the error's kind, in the messages' language (the backend's own text goes under
   * Details). `outcome_unknown` comes from writes only, so a list's messages need not name it.
   */
  errorReason: Record<Exclude<PaymentSessionsErrorKind, 'outcome_unknown'>, string> & { outcome_unknown?: string };
  /** The disclosure that holds the backend's own error text. */
  errorDetails: string;
  retry: string;
  showingStaleData: string;
  /** Announced (not shown) when a new filter's first page is in: how many sessions it matched. */
  resultsCount: (count: number) => string;
  /** The same when the backend gave no total: `count` is a lower bound. */
  resultsAtLeast: (count: number) => string;
  /** Announced while Retry runs. */
  retrying: string;
  openSession: (id: string) => string;
  invalidRecords: (count: number) => string;

  // SessionFilters
  filtersLabel: string;
  search: string;
  searchPlaceholder: string;
  statusFilter: string;
  kindFilter: string;
  createdRange: string;
  capturedRange: string;
  from: string;
  to: string;
  presetAny: string;
  presetToday: string;
  presetLast7Days: string;
  presetLast30Days: string;
  presetThisMonth: string;
  presetCustom: string;
  excludePending: string;
  excludeVoided: string;
  paymentToken: string;
  reset: string;
  unsupportedFilters: (names: string) => string;
  searchUnsupported: string;
  /** Shown under a date range whose start is after its end. */
  dateRangeInvalid: string;
  /** Screen-reader text while typed search text waits for the pause in typing. */
  searchPending: string;

  // Pagination
  paginationLabel: string;
  firstPage: string;
  previousPage: string;
  nextPage: string;
  lastPage: string;
  pageN: (page: number) => string;
  pageOf: (page: number, pageCount: number) => string;
  rowsRange: (from: string, to: string, total: string) => string;
  pageSize: string;

  // RefundSummary
  summaryLabel: string;
  gross: string;
  captured: string;
  refunded: string;
  refundable: string;
  fees: string;
  net: string;
  sessionsCount: (count: string) => string;
  chartLabel: (currency: string) => string;
  noTotals: string;
  /** Names the list of status counts. */
  statusCounts: string;
  /** Shown instead of totals whose sums pass what a number holds exactly. */
  totalsTooLarge: string;
  /** The summary's note when a SessionList in the same workspace already shows the error with a Retry. */
  totalsNotUpdated: string;

  // SessionDetail
  detailTitle: (id: string) => string;
  close: string;
  amounts: string;
  amount: string;
  capturable: string;
  fee: string;
  timeline: string;
  eventCreated: string;
  eventAuthorized: string;
  eventCaptured: string;
  eventRefund: string;
  eventDispute: string;
  lineItems: string;
  itemName: string;
  itemQuantity: string;
  itemUnitPrice: string;
  itemTotal: string;
  itemRefundable: string;
  itemCapturable: string;
  refunds: string;
  disputes: string;
  metadata: string;
  customer: string;
  orderId: string;
  /** The payment token's label in the detail's overview. */
  detailPaymentToken: string;
  /**
   * @deprecated Use `detailPaymentToken`. Still honoured when a host sets it, so existing overrides keep working.
   */
  paymentToken_?: string;
  paymentLink: string;
  none: string;
  unknownValue: string;
  detailReason: string;
  detailReference: string;
  customerName: string;
  customerEmail: string;
  customerBusinessId: string;
  /** Shown when the detail dialog's code could not be loaded (offline, a new deployment). */
  detailLoadFailed: string;
  /** The detail dialog's title while a session opened by id (a shared link) is being fetched. */
  detailLookupLoading: (id: string) => string;
  /** The dialog's title when the backend has no session with the id. */
  detailNotFoundTitle: string;
  /** The dialog's explanation when the backend has no session with the id. */
  detailNotFound: (id: string) => string;
  /** The dialog's title when fetching a session by id failed (the reason and Retry follow). */
  detailLookupFailed: string;

  // ExportButton
  exportCsv: string;
  exporting: (percent: string) => string;
  exportProgress: (done: string, total: string) => string;
  exportDone: (rows: string) => string;
  exportFailed: (page: number) => string;
  exportResume: string;
  cancel: string;
  /** The button that stops a running export. */
  cancelExport: string;
  /** Announced when an export starts and when it is canceled. */
  exportStarted: string;
  exportCanceled: string;
  /** RefundSummary's announcement while its first totals load (the list announces its own loading). */
  summaryLoading: string;
  download: string;

  /**
   * The merchant actions' strings (refund, capture, void, cancel), from `react-payment-sessions/actions`.
   * Their English defaults travel with the actions' own chunk, so a portal that only looks ships none of
   * them; any key given here wins.
   */
  actions?: Partial<ActionMessages>;
}

/** Every string of the merchant actions' buttons and dialogs (`SessionActions`). */
export interface ActionMessages {
  /** Names the group of action buttons. */
  areaLabel: string;
  /** Each action's button and dialog title. */
  refund: string;
  capture: string;
  void: string;
  cancelSession: string;
  /** The amount field's label, with the currency code. */
  amountLabel: (currency: string) => string;
  /** Under the amount field: the most it may be. */
  amountHint: (limit: string) => string;
  reasonLabel: string;
  /** The refund reasons by their code (`customer_request` …). */
  reasons: Record<string, string>;
  /** The optional line items' group and each one's quantity field. */
  itemsLabel: string;
  itemQuantityLabel: (name: string, max: string) => string;
  /** Moves from the form to the confirmation step. */
  review: string;
  /** Back from the confirmation step to the form. */
  back: string;
  /** The confirmation step's buttons. */
  confirmRefund: string;
  confirmCapture: string;
  confirmVoid: string;
  confirmCancel: string;
  /** Closes an action's dialog without doing anything. */
  dismiss: string;
  /**
   * What a confirmed action does, exactly: `amount` of `of` (what may still be refunded or captured);
   * `to` is the customer's email, else name, when known.
   */
  refundSummary: (amount: string, of: string, to: string | undefined) => string;
  captureSummary: (amount: string, of: string) => string;
  voidSummary: (amount: string) => string;
  cancelSummary: string;
  /** While the write runs (shown and announced). */
  running: string;
  /** After success (shown and announced). */
  succeeded: string;
  /** The title of a failure; the code's own message follows. */
  failedTitle: string;
  /** An answer that never came: the write may have happened. */
  unknownTitle: string;
  unknownHint: string;
  retry: string;
  /** By the backend's error code (`AmountInvalid`, `Forbidden` …); others get `errorGeneric`. */
  errors: Record<string, string>;
  errorGeneric: string;
  /** Why the input cannot be sent, by `checkActionInput`'s problem code or the hook's. */
  problems: Record<string, string>;
}

/** English defaults. */
export const defaultMessages: Messages = {
  status: {
    pending: 'Pending',
    processing: 'Processing',
    authorized: 'Authorized',
    captured: 'Captured',
    partially_captured: 'Partially captured',
    refunded: 'Refunded',
    partially_refunded: 'Partially refunded',
    disputed: 'Disputed',
    voided: 'Voided',
    expired: 'Expired',
    canceled: 'Canceled',
    rejected: 'Rejected',
    unknown: 'Unknown',
  },
  kind: {
    one_time_payment: 'One-time payment',
    authorization: 'Authorization',
    session: 'Session',
    intent: 'Intent',
  },
  adjustmentCodes: {
    succeeded: 'Succeeded',
    pending: 'Pending',
    failed: 'Failed',
    canceled: 'Canceled',
    needs_response: 'Needs response',
    under_review: 'Under review',
    won: 'Won',
    lost: 'Lost',
    customer_request: 'Customer request',
    duplicate_payment: 'Duplicate payment',
    duplicate: 'Duplicate',
    fraudulent: 'Fraudulent',
    product_not_received: 'Product not received',
    unrecognized: 'Unrecognized',
  },

  listLabel: 'Payment sessions',
  columnId: 'Session',
  columnStatus: 'Status',
  columnCustomer: 'Customer',
  columnAmount: 'Amount',
  columnRefunded: 'Refunded',
  columnCreated: 'Created',
  columnCaptured: 'Captured',
  columnKind: 'Kind',
  columnActions: 'Actions',
  loading: 'Loading payment sessions…',
  refreshing: 'Updating…',
  empty: 'No payment sessions yet',
  emptyHint: 'Sessions appear here as soon as customers start paying.',
  noResults: 'No sessions match these filters',
  noResultsHint: 'Try a wider date range or fewer filters.',
  clearFilters: 'Clear filters',
  errorTitle: 'Payment sessions could not be loaded',
  errorReason: {
    network: 'The payment service could not be reached. Check the connection and try again.',
    http: 'The payment service answered with an error.',
    auth: 'You are not allowed to see these payment sessions. Try signing in again.',
    rate_limit: 'Too many requests for now. Try again in a moment.',
    invalid_response: 'The payment service sent an answer that could not be read.',
    aborted: 'The request was cancelled.',
    outcome_unknown: 'No answer came, so the action may have happened. Check before retrying.',
  },
  errorDetails: 'Details',
  retry: 'Retry',
  showingStaleData: 'Showing the last loaded sessions.',
  resultsCount: (count) => `${count} ${count === 1 ? 'session' : 'sessions'} found.`,
  resultsAtLeast: (count) => `At least ${count} sessions found.`,
  retrying: 'Retrying…',
  openSession: (id) => `Open session ${id}`,
  invalidRecords: (count) => `${count} malformed ${count === 1 ? 'record was' : 'records were'} skipped.`,

  filtersLabel: 'Filter payment sessions',
  search: 'Search',
  searchPlaceholder: 'Session ID, email, name…',
  statusFilter: 'Status',
  kindFilter: 'Kind',
  createdRange: 'Created',
  capturedRange: 'Captured',
  from: 'From',
  to: 'To',
  presetAny: 'Any time',
  presetToday: 'Today',
  presetLast7Days: 'Last 7 days',
  presetLast30Days: 'Last 30 days',
  presetThisMonth: 'This month',
  presetCustom: 'Custom',
  excludePending: 'Hide pending',
  excludeVoided: 'Hide voided',
  paymentToken: 'Payment token',
  reset: 'Reset filters',
  unsupportedFilters: (names) => `This backend cannot filter by ${names}.`,
  searchUnsupported: 'This backend does not support search.',
  dateRangeInvalid: 'The start date must not be after the end date.',
  searchPending: 'Searching…',

  paginationLabel: 'Pagination',
  firstPage: 'First page',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  lastPage: 'Last page',
  pageN: (page) => `Page ${page}`,
  pageOf: (page, pageCount) => `Page ${page} of ${pageCount}`,
  rowsRange: (from, to, total) => `${from}–${to} of ${total}`,
  pageSize: 'Rows per page',

  summaryLabel: 'Refund summary',
  gross: 'Gross',
  captured: 'Captured',
  refunded: 'Refunded',
  refundable: 'Refundable',
  fees: 'Fees',
  net: 'Net',
  sessionsCount: (count) => `${count} sessions`,
  chartLabel: (currency) => `Captured, refunded and refundable amounts in ${currency}`,
  noTotals: 'No amounts to summarize.',
  statusCounts: 'Sessions by status',
  totalsTooLarge: 'These totals are too large to add up exactly.',
  totalsNotUpdated: 'Totals could not be updated.',

  detailTitle: (id) => `Payment session ${id}`,
  close: 'Close',
  amounts: 'Amounts',
  amount: 'Amount',
  capturable: 'Capturable',
  fee: 'Fee',
  timeline: 'Timeline',
  eventCreated: 'Created',
  eventAuthorized: 'Authorized',
  eventCaptured: 'Captured',
  eventRefund: 'Refund',
  eventDispute: 'Dispute',
  lineItems: 'Line items',
  itemName: 'Item',
  itemQuantity: 'Qty',
  itemUnitPrice: 'Unit price',
  itemTotal: 'Total',
  itemRefundable: 'Refundable',
  itemCapturable: 'Capturable',
  refunds: 'Refunds',
  disputes: 'Disputes',
  metadata: 'Metadata',
  customer: 'Customer',
  orderId: 'Order',
  detailPaymentToken: 'Payment token',
  paymentLink: 'Payment page',
  none: 'None',
  unknownValue: '—',
  detailReason: 'Reason',
  detailReference: 'Reference',
  customerName: 'Name',
  customerEmail: 'Email',
  customerBusinessId: 'Business ID',
  detailLoadFailed: 'The session details could not be loaded. Try again.',
  detailLookupLoading: (id) => `Loading payment session ${id}…`,
  detailNotFoundTitle: 'Payment session not found',
  detailNotFound: (id) => `There is no payment session with the id ${id}. The link may be mistyped, or the session may belong to another account.`,
  detailLookupFailed: 'This payment session could not be loaded',

  exportCsv: 'Export CSV',
  exporting: (percent) => `Exporting… ${percent}`,
  exportProgress: (done, total) => `${done} of ${total} pages`,
  exportDone: (rows) => `${rows} rows exported`,
  exportFailed: (page) => `Export stopped at page ${page}.`,
  exportResume: 'Resume export',
  cancel: 'Cancel',
  cancelExport: 'Cancel export',
  exportStarted: 'Export started.',
  exportCanceled: 'Export canceled.',
  summaryLoading: 'Loading totals…',
  download: 'Download CSV',
};
