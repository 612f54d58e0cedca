import { lazy, Suspense, useMemo, useRef, type ReactNode } from 'react';
import type { PaymentSession, SessionPage, SessionQuery } from '../core/types';
import { usePaymentSessionsConfig } from '../hooks/context';
import { usePaymentSessions } from '../hooks/use-payment-sessions';
import type { UseSessionFiltersResult } from '../hooks/use-session-filters';
import {
  renderColumnHeader,
  resolveSessionListColumns,
  type SessionListColumnContext,
  type SessionListColumnInput,
} from './list/columns';
import { ErrorText } from './error-text';
import { getFormatters } from './format';
import { PlainRows, SkeletonRows, type RowContext, type RowsProps, type SessionListPart } from './list/rows';
import { deriveListState, queryNarrows, type SessionListState } from './list/session-list-state';
import { useListAnnouncement } from './list/use-list-announcement';
import { useRetryFocus } from './list/use-retry-focus';
import { useRowFocus } from './list/use-row-focus';
import { useSelectedSession } from './list/use-selected-session';
import { SessionDetail } from './SessionDetail';
import { cx, ThemeScope, useThemeRoot, type ClassNames, type ThemeProps } from './theme';
import { useReportsWorkspaceErrors, useResolvedFilters, useResolvedQuery } from './workspace';

// Only pages longer than `virtualizeAbove` load this chunk (and @tanstack/react-virtual with it). If it
// cannot load (offline, a new deployment), every row renders plainly: slower, but the list still works
// and the host's error boundary is never reached.
const VirtualRows = lazy(() => import('./list/VirtualRows').catch(() => ({ default: PlainRows })));

/** What `renderDetail` receives: spread it on `SessionDetail` (or your own dialog). */
export interface SessionDetailRenderProps {
  session: PaymentSession;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Returns focus to the row's button when the dialog closes; pass it to Radix's `onCloseAutoFocus`. */
  onCloseAutoFocus: (event: Event) => void;
}

/** Props of {@link SessionList}. */
export interface SessionListProps extends ThemeProps {
  /** What to list. @defaultValue the `filters` prop's query, else the surrounding `SessionWorkspace`'s, else page 1 of everything */
  query?: Partial<SessionQuery>;
  /** A `useSessionFilters` result to list (and to clear from the no-results state). @defaultValue the workspace's */
  filters?: UseSessionFiltersResult;
  /** The first page, rendered before anything is fetched (server-side rendering). */
  fallbackData?: SessionPage;
  /**
   * Which columns, in order: built-in ids and/or column definitions (see `sessionListColumns`).
   * @defaultValue ['id', 'customer', 'status', 'amount', 'refunded', 'created']
   */
  columns?: readonly SessionListColumnInput[];
  /** Host actions per row (refund, capture, void), rendered in a last "Actions" column. Clicks there do not open the row. */
  rowActions?: (session: PaymentSession) => ReactNode;
  /**
   * The open session's id, when controlled (`null`: none). An id that is not on the current page is
   * fetched with the fetcher's `getSession` (when it has one) and opened with a loading, not-found or
   * error state in the dialog. Inside a `SessionWorkspace` with `syncWithUrl` it defaults to `?session=`.
   */
  selectedSessionId?: string | null;
  /** The initially open session's id, when uncontrolled. @defaultValue null */
  defaultSelectedSessionId?: string | null;
  /** Called with the id of the session a row opened, and with `null` when the detail closes. */
  onSelectedSessionChange?: (sessionId: string | null) => void;
  /** Called when a row is activated (click, Enter, Space). */
  onSessionOpen?: (session: PaymentSession) => void;
  /** `false`: no built-in detail dialog (rows still select and call `onSessionOpen`). @defaultValue true */
  detail?: boolean;
  /**
   * Renders the detail instead of the built-in `SessionDetail`. For a selected id off the current page it
   * is called once `getSession` has answered with the session (the loading, not-found and error states are
   * the built-in dialog's; build your own with `usePaymentSession`).
   */
  renderDetail?: (props: SessionDetailRenderProps) => ReactNode;
  /** Pages with more rows than this are virtualized (only the rows in view are in the DOM). `Infinity` never virtualizes. @defaultValue 100 */
  virtualizeAbove?: number;
  /**
   * Maximum height of the scrolling table (a number is pixels); the header stays in view. Virtualized
   * pages always get one.
   * @defaultValue none; 600 when virtualized
   */
  maxHeight?: number | string;
  /** Row height in pixels assumed for rows not measured yet (virtualized pages). @defaultValue 44 */
  estimatedRowHeight?: number;
  /** Placeholder rows while the first page loads. @defaultValue the page size, at most 8 */
  skeletonRows?: number;
  /** BCP 47 locale for amounts and dates. @defaultValue the provider's `locale` */
  locale?: string;
  /** IANA time zone for dates. @defaultValue the provider's `timeZone` */
  timeZone?: string;
  /** Class of the root element. */
  className?: string;
  classNames?: ClassNames<SessionListPart>;
}

const DEFAULT_VIRTUALIZE_ABOVE = 100;
const DEFAULT_VIRTUAL_MAX_HEIGHT = 600;
const DEFAULT_ROW_HEIGHT = 44;
const MAX_DEFAULT_SKELETON_ROWS = 8;
/** Rows shown while the virtualizer loads, even with a tiny `virtualizeAbove`. */
const MIN_FALLBACK_ROWS = 30;

/**
 * A table of payment sessions from `usePaymentSessions`: configurable columns, status badges, amounts and
 * dates through `Intl` in the provider's locale and time zone. A row opens the session in
 * {@link SessionDetail} on click, Enter or Space (its first cell holds a real `<button>`); Arrow Up/Down,
 * Home and End move between rows; focus returns to the row when the dialog closes.
 *
 * States (`data-state` on the root; `aria-busy` on the table and a polite live region): `loading` (skeleton rows),
 * `refreshing`, `ready`, `empty`, `no-results` (with "Clear filters" when it has filters), `error` (an
 * alert with Retry, above the last good rows, which stay). Rows from a previous query stay at full
 * contrast, marked `data-stale` and by an accent line on the header (dim them with
 * `--rps-session-list-stale-opacity`). Pages longer than `virtualizeAbove` are virtualized.
 *
 * @example
 * <PaymentSessionsProvider fetcher={fetcher} timeZone="America/New_York">
 *   <SessionWorkspace>
 *     <SessionFilters />
 *     <SessionList
 *       columns={['id', 'customer', 'status', 'amount', 'created']}
 *       rowActions={(session) => <button type="button" onClick={() => refund(session)}>Refund</button>}
 *     />
 *     <Pagination />
 *   </SessionWorkspace>
 * </PaymentSessionsProvider>
 */
export function SessionList(props: SessionListProps) {
  const {
    fallbackData,
    columns: columnsProp,
    rowActions,
    onSessionOpen,
    detail = true,
    renderDetail,
    virtualizeAbove = DEFAULT_VIRTUALIZE_ABOVE,
    maxHeight,
    estimatedRowHeight = DEFAULT_ROW_HEIGHT,
    className,
    classNames,
  } = props;
  const root = useThemeRoot(props);
  const messages = root.messages;
  const config = usePaymentSessionsConfig();
  const formatters = getFormatters(props.locale ?? config?.locale, props.timeZone ?? config?.timeZone, messages.unknownValue);

  const filters = useResolvedFilters(props.filters);
  const list = usePaymentSessions({ query: useResolvedQuery(props), fallbackData });
  // Listing the workspace's own query, this list's error alert speaks for the workspace.
  const listsWorkspaceQuery = props.query === undefined && props.filters === undefined;
  useReportsWorkspaceErrors(listsWorkspaceQuery);
  const { sessions, loadingState, isStale, error } = list;
  const isFiltered = queryNarrows(list.query) || (!props.query && Boolean(filters?.isFiltered));
  const state: SessionListState = deriveListState({
    loadingState,
    hasData: list.data !== undefined,
    rowCount: sessions.length,
    isFiltered,
  });
  const busy = state === 'loading' || loadingState === 'loading' || loadingState === 'refreshing';
  const invalidCount = list.data?.invalid ?? 0;

  // Which session's detail is open.
  const { selectedId, shownSession, sessionLookup, detailOpen, onActivate, onDetailOpenChange } = useSelectedSession(props, list);

  const opensDialog = detail !== false || renderDetail !== undefined;
  // Rows are buttons only when activating one does something.
  const interactive = opensDialog || onSessionOpen !== undefined || props.onSelectedSessionChange !== undefined;

  const rootRef = useRef<HTMLDivElement>(null);
  const scrollElementRef = useRef<HTMLDivElement>(null);
  const { scrollToIndexRef, registerTrigger, onTriggerKeyDown, focusFirstRow, onCloseAutoFocus } = useRowFocus(sessions, shownSession?.id);

  const { retryState, onRetry, focusAfterLoad, stateRef } = useRetryFocus(list, state, busy, rootRef, focusFirstRow);
  const onClearFilters = () => {
    focusAfterLoad();
    filters?.reset();
  };

  const liveMessage = useListAnnouncement(state, list, retryState, messages);

  const columns = useMemo(() => resolveSessionListColumns(columnsProp), [columnsProp]);
  const columnContext = useMemo<SessionListColumnContext>(() => ({ messages, formatters }), [messages, formatters]);
  const virtualized = sessions.length > virtualizeAbove;
  // The first column marked `rowHeader`, else the first column.
  const rowHeaderIndex = Math.max(0, columns.findIndex((column) => column.rowHeader));
  const rowContext = useMemo<RowContext>(
    () => ({
      columns,
      rowHeaderIndex,
      columnContext,
      interactive,
      opensDialog,
      indexRows: virtualized,
      classNames,
      rowActions,
      onActivate,
      onTriggerKeyDown,
      registerTrigger,
    }),
    [
      columns,
      rowHeaderIndex,
      columnContext,
      interactive,
      opensDialog,
      virtualized,
      classNames,
      rowActions,
      onActivate,
      onTriggerKeyDown,
      registerTrigger,
    ],
  );

  const columnCount = columns.length + (rowActions ? 1 : 0);
  const bodyClassName = cx('rps-session-list__body', classNames?.body);
  const scrollerMaxHeight = maxHeight ?? (virtualized ? DEFAULT_VIRTUAL_MAX_HEIGHT : undefined);
  const rowsProps: RowsProps = {
    sessions,
    context: rowContext,
    selectedId,
    bodyClassName,
    stale: isStale,
    scrollElementRef,
    scrollToIndexRef,
    estimatedRowHeight,
    initialHeight: typeof scrollerMaxHeight === 'number' ? scrollerMaxHeight : DEFAULT_VIRTUAL_MAX_HEIGHT,
  };
  const showTable = sessions.length > 0 || state === 'loading';
  const skeletonCount = props.skeletonRows ?? Math.min(list.pageSize, MAX_DEFAULT_SKELETON_ROWS);
  // A scrolling box must be reachable by keyboard; with row buttons it is, without them it takes focus itself.
  const scrollerNeedsFocus = scrollerMaxHeight !== undefined && !interactive;

  let detailElement: ReactNode = null;
  if (shownSession && renderDetail) {
    detailElement = renderDetail({ session: shownSession, open: detailOpen, onOpenChange: onDetailOpenChange, onCloseAutoFocus });
  } else if (detail !== false && !renderDetail) {
    detailElement = (
      <SessionDetail
        session={sessionLookup ? null : shownSession}
        lookup={sessionLookup}
        open={detailOpen}
        onOpenChange={onDetailOpenChange}
        onCloseAutoFocus={onCloseAutoFocus}
        locale={props.locale}
        timeZone={props.timeZone}
      />
    );
  }

  return (
    <ThemeScope value={root.context}>
      <div
        ref={rootRef}
        className={cx('rps-session-list', root.className, className, classNames?.root)}
        style={root.style}
        {...root.dataAttributes}
        data-state={state}
        data-loading-state={loadingState}
        data-stale={isStale || undefined}
        data-virtualized={virtualized || undefined}
      >
        <div className="rps-visually-hidden" role="status" aria-live="polite">
          {liveMessage}
        </div>

        {error ? (
          <div role="alert" className={cx('rps-session-list__error', classNames?.error)}>
            <p className="rps-session-list__error-title">{messages.errorTitle}</p>
            <ErrorText
              error={error}
              messages={messages}
              prefix="rps-session-list__error"
              action={
                <button
                  type="button"
                  className={cx('rps-button', 'rps-session-list__retry', classNames?.button)}
                  onClick={onRetry}
                  aria-disabled={retryState === 'running' || undefined}
                  data-busy={retryState === 'running' || undefined}
                >
                  {retryState === 'running' ? messages.retrying : messages.retry}
                </button>
              }
            />
          </div>
        ) : null}

        {invalidCount > 0 ? <p className={cx('rps-session-list__note', classNames?.note)}>{messages.invalidRecords(invalidCount)}</p> : null}

        {showTable ? (
          <div
            ref={scrollElementRef}
            className={cx('rps-session-list__scroller', classNames?.scroller)}
            style={scrollerMaxHeight === undefined ? undefined : { maxHeight: scrollerMaxHeight, overflowY: 'auto' }}
            tabIndex={scrollerNeedsFocus ? 0 : undefined}
            role={scrollerNeedsFocus ? 'region' : undefined}
            aria-label={scrollerNeedsFocus ? messages.listLabel : undefined}
          >
            <table
              className={cx('rps-session-list__table', classNames?.table)}
              aria-rowcount={virtualized ? sessions.length + 1 : undefined}
              // On the table, not the root: changes inside a busy element may go unannounced, and the
              // live region (outside it) must still say "Loading…".
              aria-busy={busy || undefined}
            >
              <caption className="rps-visually-hidden">{messages.listLabel}</caption>
              <thead>
                <tr className={cx('rps-session-list__header-row', classNames?.headerRow)} aria-rowindex={virtualized ? 1 : undefined}>
                  {columns.map((column) => (
                    <th
                      key={column.id}
                      scope="col"
                      className={cx('rps-session-list__header-cell', classNames?.headerCell)}
                      data-column={column.id}
                      data-align={column.align}
                      style={column.width === undefined ? undefined : { width: column.width }}
                    >
                      {renderColumnHeader(column, columnContext)}
                    </th>
                  ))}
                  {rowActions ? (
                    <th scope="col" className={cx('rps-session-list__header-cell', classNames?.headerCell)} data-column="actions">
                      {messages.columnActions}
                    </th>
                  ) : null}
                </tr>
              </thead>
              {state === 'loading' ? (
                <SkeletonRows count={skeletonCount} columnCount={columnCount} bodyClassName={bodyClassName} classNames={classNames} />
              ) : virtualized ? (
                // Until the virtualizer's chunk arrives, the first rows render as usual.
                <Suspense fallback={<PlainRows {...rowsProps} limit={Math.max(virtualizeAbove, MIN_FALLBACK_ROWS)} />}>
                  <VirtualRows {...rowsProps} />
                </Suspense>
              ) : (
                <PlainRows {...rowsProps} />
              )}
            </table>
          </div>
        ) : null}

        {state === 'empty' || state === 'no-results' ? (
          <div ref={stateRef} tabIndex={-1} className={cx('rps-session-list__state', classNames?.state)} data-state={state}>
            <p className="rps-session-list__state-title">{state === 'empty' ? messages.empty : messages.noResults}</p>
            <p className="rps-session-list__state-hint">{state === 'empty' ? messages.emptyHint : messages.noResultsHint}</p>
            {state === 'no-results' && filters && !props.query ? (
              <button type="button" className={cx('rps-button', 'rps-session-list__clear', classNames?.button)} onClick={onClearFilters}>
                {messages.clearFilters}
              </button>
            ) : null}
          </div>
        ) : null}

        {detailElement}
      </div>
    </ThemeScope>
  );
}
