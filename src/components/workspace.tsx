import { createContext, useCallback, useContext, useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import type { SessionInclude, SessionQuery } from '../core/types';
import { useSessionIdUrlState } from '../hooks/use-session-id-url';
import { useSessionFilters, type UseSessionFiltersOptions, type UseSessionFiltersResult } from '../hooks/use-session-filters';
import { cx, ThemeProvider, type ThemeProps } from './theme';

/** What the components inside a {@link SessionWorkspace} share: one filter state and its query. */
export interface SessionWorkspaceValue {
  filters: UseSessionFiltersResult;
  /** `filters.query` plus the workspace's `include` flags: the query every component lists. */
  query: SessionQuery;
  /**
   * With `syncWithUrl`: the id in `?session=` (the session whose detail is open; `null` for none), which
   * the workspace's `SessionList` shows and writes. `undefined` without URL sync (the list keeps its own).
   */
  selectedSessionId?: string | null;
  /** Writes `?session=` (with `syncWithUrl`; does nothing without). */
  setSelectedSessionId: (sessionId: string | null) => void;
}

const WorkspaceContext = createContext<SessionWorkspaceValue | null>(null);

/**
 * Which components of a workspace already show its query's errors with a Retry (a SessionList does), so
 * the others can say less instead of repeating the same alert. Internal: not part of the public value.
 */
interface ErrorReporters {
  count: number;
  register: () => () => void;
}
const ErrorReportersContext = createContext<ErrorReporters | null>(null);

/** Props of {@link SessionWorkspace}: the filter options, what to include, and the theme. */
export interface SessionWorkspaceProps extends UseSessionFiltersOptions, ThemeProps {
  /** Optional parts every page asks the backend for (line items, refunds, disputes, metadata, fee). */
  include?: SessionInclude;
  children?: ReactNode;
  className?: string;
  style?: CSSProperties;
}

/**
 * Wires the styled components together: one `useSessionFilters` state (optionally synced with the URL —
 * the filters, the page and, as `?session=<id>`, the session whose detail is open) shared by `SessionFilters`, `SessionList`, `Pagination`, `RefundSummary` and `ExportButton` inside it.
 * Each component still works on its own when given `filters` or `query` props instead.
 * Must be inside a `PaymentSessionsProvider`.
 *
 * @example
 * <PaymentSessionsProvider fetcher={fetcher} timeZone="Europe/Berlin">
 *   <SessionWorkspace syncWithUrl include={{ items: true, fee: true }}>
 *     <SessionFilters />
 *     <RefundSummary />
 *     <SessionList />
 *     <Pagination />
 *     <ExportButton />
 *   </SessionWorkspace>
 * </PaymentSessionsProvider>
 */
export function SessionWorkspace({
  include,
  children,
  className,
  style,
  theme,
  appearance,
  unstyled,
  messages,
  ...filterOptions
}: SessionWorkspaceProps) {
  const filters = useSessionFilters(filterOptions);
  const { syncWithUrl = false } = filterOptions;
  const [urlSessionId, setSelectedSessionId] = useSessionIdUrlState(
    syncWithUrl !== false,
    typeof syncWithUrl === 'object' ? syncWithUrl : undefined,
  );
  const selectedSessionId = syncWithUrl === false ? undefined : urlSessionId;
  const value = useMemo(
    () => ({ filters, query: withInclude(filters.query, include), selectedSessionId, setSelectedSessionId }),
    [filters, include, selectedSessionId, setSelectedSessionId],
  );
  const [reporterCount, setReporterCount] = useState(0);
  const register = useCallback(() => {
    setReporterCount((count) => count + 1);
    return () => setReporterCount((count) => count - 1);
  }, []);
  const reporters = useMemo(() => ({ count: reporterCount, register }), [reporterCount, register]);
  return (
    <WorkspaceContext.Provider value={value}>
      <ErrorReportersContext.Provider value={reporters}>
        <ThemeProvider
          theme={theme}
          appearance={appearance}
          unstyled={unstyled}
          messages={messages}
          className={cx('rps-workspace', className)}
          style={style}
        >
          {children}
        </ThemeProvider>
      </ErrorReportersContext.Provider>
    </WorkspaceContext.Provider>
  );
}

function withInclude(query: SessionQuery, include: SessionInclude | undefined): SessionQuery {
  if (!include) return query;
  return { ...query, include: { ...include, ...query.include } };
}

/** The surrounding workspace, or `null` when a component is used on its own. */
export function useSessionWorkspace(): SessionWorkspaceValue | null {
  return useContext(WorkspaceContext);
}

/**
 * The query a component lists: its own `query` prop, else its `filters` prop's query, else the
 * workspace's, else the first page of everything.
 */
export function useResolvedQuery(props: { query?: Partial<SessionQuery>; filters?: UseSessionFiltersResult }): Partial<SessionQuery> {
  const workspace = useSessionWorkspace();
  return props.query ?? props.filters?.query ?? workspace?.query ?? EMPTY_QUERY;
}

/** The filter state a component drives: its `filters` prop, else the workspace's, else none. */
export function useResolvedFilters(filters?: UseSessionFiltersResult): UseSessionFiltersResult | undefined {
  const workspace = useSessionWorkspace();
  return filters ?? workspace?.filters;
}

const EMPTY_QUERY: Partial<SessionQuery> = Object.freeze({});

/** Declares that this component shows the workspace query's errors with a Retry (while `active`). */
export function useReportsWorkspaceErrors(active: boolean): void {
  const register = useContext(ErrorReportersContext)?.register;
  useEffect(() => (active && register ? register() : undefined), [active, register]);
}

/** Whether another component of the workspace already shows its query's errors with a Retry. */
export function useWorkspaceErrorsReported(): boolean {
  return (useContext(ErrorReportersContext)?.count ?? 0) > 0;
}
