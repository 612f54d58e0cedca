/**
 * Type tests for the public hook generics and overloads. Checked by `tsc -p tsconfig.json` (never run:
 * the file name matches no vitest project), like swr's `test/type/*.ts`.
 */
import { expectTypeOf } from 'vitest';
import type { SWRConfiguration } from 'swr';
import {
  type PageItem,
  type PaymentSession,
  type PaymentSessionsError,
  type SessionPage,
  type SessionQuery,
  type SessionsSummary,
  useControllableState,
  usePagination,
  usePaymentSessions,
  usePaymentSession,
  type SessionLoadingState,
  useRefundSummary,
  useSessionExport,
  useSessionFilters,
  type ExportStatus,
  type LoadingState,
  type PaymentSessionsContextValue,
  type PaymentSessionsProviderProps,
  type PaymentSessionsSWROptions,
  type SessionFetcher,
  type RefundSummaryQueryResult,
  type RefundSummaryResult,
  type SessionFilterState,
  type UsePaymentSessionsResult,
} from 'react-payment-sessions/headless';

declare const sessions: PaymentSession[];
declare const page: SessionPage;

export function usePaymentSessionsTypes() {
  // Both overloads give the same result.
  expectTypeOf(usePaymentSessions({ page: 2, status: ['captured'] })).toEqualTypeOf<UsePaymentSessionsResult>();
  expectTypeOf(usePaymentSessions({ query: { page: 2 }, fallbackData: page, prefetchNext: false })).toEqualTypeOf<UsePaymentSessionsResult>();
  expectTypeOf(usePaymentSessions()).toEqualTypeOf<UsePaymentSessionsResult>();

  const result = usePaymentSessions({});
  expectTypeOf(result.loadingState).toEqualTypeOf<'idle' | 'loading' | 'refreshing' | 'error'>();
  expectTypeOf(result.loadingState).toEqualTypeOf<LoadingState>();
  expectTypeOf(result.error).toEqualTypeOf<PaymentSessionsError | undefined>();
  expectTypeOf(result.sessions).toEqualTypeOf<PaymentSession[]>();
  expectTypeOf(result.total).toEqualTypeOf<number | undefined>();
  expectTypeOf(result.query).toEqualTypeOf<SessionQuery>();
  expectTypeOf(result.retry).returns.toEqualTypeOf<Promise<void>>();

  // @ts-expect-error page is a number
  usePaymentSessions({ page: '2' });
  // @ts-expect-error not a query field
  usePaymentSessions({ pages: 2 });
  // @ts-expect-error fallbackData is a SessionPage
  usePaymentSessions({ query: {}, fallbackData: sessions });
  // @ts-expect-error options need the query
  usePaymentSessions({ fallbackData: page });
}

export function providerSwrOptionTypes() {
  expectTypeOf<{ revalidateIfStale: true; dedupingInterval: 0 }>().toExtend<PaymentSessionsSWROptions>();
  // The cache is the host's SWRConfig's business, not the provider's.
  expectTypeOf<PaymentSessionsSWROptions>().not.toHaveProperty('provider');
  expectTypeOf<PaymentSessionsSWROptions>().toExtend<SWRConfiguration<SessionPage, PaymentSessionsError>>();
}

export function providerPropTypes(fetcher: SessionFetcher) {
  expectTypeOf<{ fetcher: SessionFetcher; locale: 'de-DE'; timeZone: 'Europe/Berlin' }>().toExtend<PaymentSessionsProviderProps>();
  // Nothing read a provider-wide currency; a OneEntry fetcher takes its own (`{ currency: 'EUR' }`).
  expectTypeOf<PaymentSessionsProviderProps>().not.toHaveProperty('currency');
  expectTypeOf<PaymentSessionsContextValue>().not.toHaveProperty('currency');
  // @ts-expect-error the provider has no currency prop
  const props: PaymentSessionsProviderProps = { fetcher, currency: 'EUR' };
  return props;
}

export function useRefundSummaryTypes() {
  const fromSessions = useRefundSummary(sessions);
  expectTypeOf(fromSessions).toEqualTypeOf<RefundSummaryResult>();
  expectTypeOf(fromSessions.summary).toEqualTypeOf<SessionsSummary>();
  expectTypeOf(fromSessions).not.toHaveProperty('loadingState');

  const readonlySessions: readonly PaymentSession[] = sessions;
  expectTypeOf(useRefundSummary(readonlySessions)).toEqualTypeOf<RefundSummaryResult>();

  // A fetcher's answer, or the list's data, sums its sessions.
  const fromPage = useRefundSummary(page);
  expectTypeOf(fromPage).toEqualTypeOf<RefundSummaryResult>();
  expectTypeOf(fromPage).not.toHaveProperty('loadingState');
  expectTypeOf(useRefundSummary(usePaymentSessions({}).data ?? page)).toEqualTypeOf<RefundSummaryResult>();
  // @ts-expect-error a page needs its counts (a bare { sessions } is not a SessionPage)
  useRefundSummary({ sessions });

  const fromQuery = useRefundSummary({ query: { status: ['refunded'] } });
  expectTypeOf(fromQuery).toEqualTypeOf<RefundSummaryQueryResult>();
  expectTypeOf(fromQuery.loadingState).toEqualTypeOf<LoadingState>();

  // @ts-expect-error a bare query is ambiguous with a page of sessions: wrap it as { query }
  useRefundSummary({ status: ['refunded'] });
}

export function useControllableStateTypes() {
  const [count, setCount] = useControllableState({ defaultValue: 0 });
  expectTypeOf(count).toEqualTypeOf<number>();
  setCount(1);
  setCount((n) => n + 1);
  // @ts-expect-error the state is a number
  setCount('1');

  const [mode] = useControllableState<'list' | 'grid'>({ value: undefined, defaultValue: 'list', onValueChange: (m) => expectTypeOf(m).toEqualTypeOf<'list' | 'grid'>() });
  expectTypeOf(mode).toEqualTypeOf<'list' | 'grid'>();
  // @ts-expect-error the default must be one of the values
  useControllableState<'list' | 'grid'>({ defaultValue: 'table' });
}

export function useSessionFiltersTypes() {
  const filters = useSessionFilters({ syncWithUrl: { prefix: 'rps_', history: 'replace' }, debounceMs: 200 });
  expectTypeOf(filters.value).toEqualTypeOf<SessionFilterState>();
  expectTypeOf(filters.query).toEqualTypeOf<SessionQuery>();
  expectTypeOf(filters.setStatus).parameters.toEqualTypeOf<[string[]]>();
  expectTypeOf(filters.setCreated).parameter(0).toEqualTypeOf<{ from?: string; to?: string }>();
  // The derived query feeds the list directly.
  usePaymentSessions(filters.query);

  useSessionFilters({ syncWithUrl: true });
  // @ts-expect-error history is 'push' or 'replace'
  useSessionFilters({ syncWithUrl: { history: 'pop' } });
  // @ts-expect-error page and pageSize have their own setters (a filter change resets the page)
  filters.setFilters({ page: 2 });
}

export function usePaginationTypes() {
  const pagination = usePagination({ total: undefined, page: 1, onPageChange: (p) => expectTypeOf(p).toEqualTypeOf<number>() });
  expectTypeOf(pagination.items).toEqualTypeOf<PageItem[]>();
  expectTypeOf(pagination.pageCount).toEqualTypeOf<number | undefined>();
  // @ts-expect-error total is required (pass undefined while unknown)
  usePagination({ page: 1 });
}

export function useSessionExportTypes() {
  const exporter = useSessionExport(
    { status: ['captured'] },
    { columns: ['id', { key: 'amount', header: 'Amount', value: (session) => expectTypeOf(session).toEqualTypeOf<PaymentSession>() }] },
  );
  expectTypeOf(exporter.status).toEqualTypeOf<ExportStatus>();
  expectTypeOf(exporter.status).toEqualTypeOf<'idle' | 'running' | 'done' | 'error' | 'canceled'>();
  expectTypeOf(exporter.progress).toEqualTypeOf<{ done: number; total: number | undefined }>();
  expectTypeOf(exporter.csv).toEqualTypeOf<string | undefined>();
  expectTypeOf(exporter.failedPage).toEqualTypeOf<number | undefined>();
  // @ts-expect-error concurrency is a number
  useSessionExport({}, { concurrency: 'two' });
}

export function usePaymentSessionTypes() {
  const one = usePaymentSession('ps_1');
  expectTypeOf(one.session).toEqualTypeOf<PaymentSession | null | undefined>();
  expectTypeOf(one.loadingState).toEqualTypeOf<SessionLoadingState>();
  expectTypeOf(one.loadingState).toEqualTypeOf<'idle' | 'loading' | 'refreshing' | 'error' | 'unsupported'>();
  expectTypeOf(one.error).toEqualTypeOf<PaymentSessionsError | undefined>();
  usePaymentSession(null);
  usePaymentSession(undefined, { enabled: false, fallbackData: null });
  // @ts-expect-error the id is a string
  usePaymentSession(42);
}
