/**
 * The headless React hooks: SWR-backed lists over an injectable fetcher, pagination, filters (with optional
 * URL sync), refund summaries and CSV export. Nothing visual.
 */
export {
  PaymentSessionsProvider,
  usePaymentSessionsConfig,
  type PaymentSessionsProviderProps,
  type PaymentSessionsContextValue,
  type PaymentSessionsSWROptions,
} from './context';
export {
  usePaymentSessions,
  paymentSessionsCacheKey,
  isPaymentSessionsCacheKey,
  PAYMENT_SESSIONS_SWR_DEFAULTS,
  type LoadingState,
  type UsePaymentSessionsOptions,
  type UsePaymentSessionsResult,
} from './use-payment-sessions';
export {
  usePaymentSession,
  paymentSessionCacheKey,
  type SessionLoadingState,
  type UsePaymentSessionOptions,
  type UsePaymentSessionResult,
} from './use-payment-session';
export {
  useRefreshPaymentSessions,
  type PaymentSessionsRefreshMatch,
} from './use-refresh-payment-sessions';
export type { PaymentSessionsCacheEntry } from './cache-keys';
export { useControllableState, type UseControllableStateOptions } from './use-controllable-state';
export {
  usePagination,
  type UsePaginationOptions,
  type UsePaginationResult,
} from './use-pagination';
export {
  useSessionFilters,
  type UseSessionFiltersOptions,
  type UseSessionFiltersResult,
  type SessionFiltersUrlOptions,
} from './use-session-filters';
export {
  EMPTY_SESSION_FILTERS,
  hasActiveFilters,
  filtersToParams,
  filtersFromParams,
  filterParamNames,
  type SessionFilterState,
} from './filter-state';
export {
  useRefundSummary,
  type RefundSummarySource,
  type RefundSummaryResult,
  type RefundSummaryQueryResult,
} from './use-refund-summary';
export {
  useSessionExport,
  type UseSessionExportOptions,
  type UseSessionExportResult,
} from './use-session-export';
export type { ExportState, ExportStatus } from './export-run';
