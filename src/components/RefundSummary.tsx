import { useId } from 'react';
import { SESSION_STATUSES } from '../core/status';
import type { CurrencySummary } from '../core/summary';
import type { PaymentSession, SessionQuery } from '../core/types';
import {
  useRefundSummary,
  type RefundSummaryQueryResult,
  type RefundSummaryResult,
  type RefundSummarySource,
} from '../hooks/use-refund-summary';
import type { UseSessionFiltersResult } from '../hooks/use-session-filters';
import { useFormatters, type Formatters } from './format';
import type { Messages } from './messages';
import { ErrorText } from './error-text';
import { StatusBadge } from './StatusBadge';
import { cx, ThemeScope, useThemeRoot, type ClassNames, type ThemeProps } from './theme';
import { useResolvedQuery, useWorkspaceErrorsReported } from './workspace';

/** The parts of `RefundSummary` that take a class name. */
export type RefundSummaryPart =
  | 'root'
  | 'currencies'
  | 'currency'
  | 'title'
  | 'list'
  | 'term'
  | 'value'
  | 'chart'
  | 'bar'
  | 'statuses'
  | 'status'
  | 'empty'
  | 'error'
  | 'retry'
  | 'skeleton';

/** Props of {@link RefundSummary}. */
export interface RefundSummaryProps extends ThemeProps {
  /**
   * Sessions to summarize as they are (nothing is fetched). @defaultValue the page of `query`
   */
  sessions?: readonly PaymentSession[];
  /**
   * The page to summarize, fetched through `usePaymentSessions` (a list on the same query costs no extra
   * request). @defaultValue `filters.query`, else the surrounding `SessionWorkspace`'s query
   */
  query?: Partial<SessionQuery>;
  /** The filter state whose query to summarize (instead of the workspace's). */
  filters?: UseSessionFiltersResult;
  className?: string;
  /** A class per part, after its stable `rps-refund-summary__*` class. */
  classNames?: ClassNames<RefundSummaryPart>;
}

/** The bars of the chart, in order, and where their totals come from. */
const SERIES = ['captured', 'refunded', 'refundable'] as const;
type Series = (typeof SERIES)[number];

/**
 * Refund totals per currency — gross, captured, refunded, refundable, fees, net and the session count —
 * each currency in its own block (amounts in different currencies are never added), with a small bar
 * chart of captured vs refunded vs refundable, and the sessions counted by status. Summarizes the page
 * of the surrounding `SessionWorkspace` (or of `query`/`filters`), or the `sessions` it is given.
 *
 * @example
 * <SessionWorkspace>
 *   <RefundSummary />
 *   <SessionList />
 * </SessionWorkspace>
 *
 * // Sessions you already have:
 * <RefundSummary sessions={sessions} />
 */
export function RefundSummary(props: RefundSummaryProps) {
  const { className, classNames } = props;
  const root = useThemeRoot(props);
  const messages = root.messages;
  const formatters = useFormatters();
  const query = useResolvedQuery(props);

  const result = useSummary(props.sessions ?? { query });
  // In a workspace whose SessionList already shows this query's error with a Retry, say less.
  const errorShownElsewhere = useWorkspaceErrorsReported() && !props.sessions && !props.query && !props.filters;
  const { summary } = result;
  const loadingState = result.loadingState ?? 'idle';
  // The skeleton only stands in for nothing: while a new page loads the previous totals stay (stale).
  const isLoading = loadingState === 'loading' && !result.isStale;
  const isEmpty = !isLoading && summary.currencies.length === 0;
  const slot = (part: RefundSummaryPart) => classNames?.[part];
  const statusesWithCount = SESSION_STATUSES.filter((status) => summary.countsByStatus[status] > 0);

  const retryButton = (
    <button type="button" className={cx('rps-button', 'rps-refund-summary__retry', slot('retry'))} onClick={() => void result.retry?.()}>
      {messages.retry}
    </button>
  );
  return (
    <ThemeScope value={root.context}>
      <section
        aria-label={messages.summaryLabel}
        aria-busy={loadingState === 'loading' || loadingState === 'refreshing' || undefined}
        className={cx('rps-refund-summary', root.className, className, slot('root'))}
        style={root.style}
        {...root.dataAttributes}
        data-loading-state={loadingState}
        data-stale={result.isStale || undefined}
        data-empty={isEmpty || undefined}
      >
        {loadingState === 'error' && errorShownElsewhere && (
          <p className={cx('rps-refund-summary__error-note', slot('error'))}>{messages.totalsNotUpdated}</p>
        )}
        {loadingState === 'error' && !errorShownElsewhere && (
          <div role="alert" className={cx('rps-refund-summary__error', slot('error'))}>
            <p className="rps-refund-summary__error-text">{messages.errorTitle}</p>
            {result.error ? <ErrorText error={result.error} messages={messages} prefix="rps-refund-summary__error" action={retryButton} /> : retryButton}
          </div>
        )}
        {isLoading ? (
          <div className={cx('rps-refund-summary__skeleton', slot('skeleton'))}>
            <p role="status" className="rps-visually-hidden">
              {messages.summaryLoading}
            </p>
            {[0, 1, 2].map((line) => (
              <span key={line} className="rps-skeleton" aria-hidden="true" />
            ))}
          </div>
        ) : result.summaryError !== undefined ? (
          // Sums past what a number holds exactly: say so rather than show nothing or a wrong total.
          <p role="status" className={cx('rps-refund-summary__empty', slot('empty'))} data-reason="too-large">
            {messages.totalsTooLarge}
          </p>
        ) : isEmpty ? (
          loadingState !== 'error' && <p className={cx('rps-refund-summary__empty', slot('empty'))}>{messages.noTotals}</p>
        ) : (
          <>
            <div className={cx('rps-refund-summary__currencies', slot('currencies'))}>
              {summary.currencies.map((totals) => (
                <CurrencyBlock key={totals.currency} totals={totals} messages={messages} formatters={formatters} classNames={classNames} />
              ))}
            </div>
            {statusesWithCount.length > 0 && (
              <ul className={cx('rps-refund-summary__statuses', slot('statuses'))} aria-label={messages.statusCounts}>
                {statusesWithCount.map((status) => (
                  <li key={status} className={cx('rps-refund-summary__status', slot('status'))} data-status={status}>
                    <StatusBadge status={status} />
                    <span className="rps-refund-summary__status-count">{formatters.number(summary.countsByStatus[status])}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </ThemeScope>
  );
}

/** The summary of given sessions, or of a query's page (with its request state). */
function useSummary(source: readonly PaymentSession[] | RefundSummarySource): RefundSummaryResult & Partial<RefundSummaryQueryResult> {
  // One call either way (hooks cannot be conditional); the overloads do not accept the union, but the
  // implementation does: with sessions it fetches nothing, with a query it returns the request state too.
  return (useRefundSummary as (input: typeof source) => RefundSummaryResult & Partial<RefundSummaryQueryResult>)(source);
}

interface CurrencyBlockProps {
  totals: CurrencySummary;
  messages: Messages;
  formatters: Formatters;
  classNames: ClassNames<RefundSummaryPart> | undefined;
}

/** One currency: its title, the totals as a description list, and the chart. */
function CurrencyBlock({ totals, messages, formatters, classNames }: CurrencyBlockProps) {
  const titleId = useId();
  const { currency } = totals;
  const money = (amountMinor: number) => formatters.money({ amountMinor, currency });
  const rows: Array<{ key: keyof CurrencySummary; label: string; series?: Series }> = [
    { key: 'gross', label: messages.gross },
    { key: 'captured', label: messages.captured, series: 'captured' },
    { key: 'refunded', label: messages.refunded, series: 'refunded' },
    { key: 'refundable', label: messages.refundable, series: 'refundable' },
    { key: 'fees', label: messages.fees },
    { key: 'net', label: messages.net },
  ];
  return (
    <div
      className={cx('rps-refund-summary__currency', classNames?.currency)}
      role="group"
      aria-labelledby={titleId}
      data-currency={currency}
      data-negative-net={totals.net < 0 || undefined}
    >
      <p id={titleId} className={cx('rps-refund-summary__title', classNames?.title)}>
        <span className="rps-refund-summary__code">{currency}</span>{' '}
        <span className="rps-refund-summary__count">{messages.sessionsCount(formatters.number(totals.count))}</span>
      </p>
      <dl className={cx('rps-refund-summary__list', classNames?.list)}>
        {rows.map((row) => (
          <div key={row.key} className="rps-refund-summary__item" data-total={row.key}>
            <dt className={cx('rps-refund-summary__term', classNames?.term)}>
              {row.series && <span className="rps-refund-summary__swatch" data-series={row.series} aria-hidden="true" />}
              {row.label}
            </dt>
            <dd className={cx('rps-refund-summary__value', classNames?.value)}>{money(totals[row.key] as number)}</dd>
          </div>
        ))}
      </dl>
      <RefundChart totals={totals} label={messages.chartLabel(currency)} classNames={classNames} />
    </div>
  );
}

/** Width of the chart's drawing in viewBox units; bars are a share of it. */
const CHART_WIDTH = 100;
const BAR_HEIGHT = 8;
const BAR_GAP = 4;

/**
 * The width of each bar, as a share of the largest of the three. All zero (not NaN) when every total is
 * zero; a negative total (a backend's correction) draws as nothing rather than backwards.
 */
export function chartBarWidths(totals: Pick<CurrencySummary, Series>, width = CHART_WIDTH): Record<Series, number> {
  const values = SERIES.map((series) => Math.max(0, totals[series]));
  const largest = Math.max(...values);
  const widthOf = (value: number) => (largest > 0 ? Math.round((value / largest) * width * 100) / 100 : 0);
  return { captured: widthOf(values[0] ?? 0), refunded: widthOf(values[1] ?? 0), refundable: widthOf(values[2] ?? 0) };
}

function RefundChart({
  totals,
  label,
  classNames,
}: {
  totals: CurrencySummary;
  label: string;
  classNames: ClassNames<RefundSummaryPart> | undefined;
}) {
  const widths = chartBarWidths(totals);
  const height = SERIES.length * BAR_HEIGHT + (SERIES.length - 1) * BAR_GAP;
  return (
    <svg
      className={cx('rps-refund-summary__chart', classNames?.chart)}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      preserveAspectRatio="none"
      focusable="false"
    >
      <title>{label}</title>
      {SERIES.map((series, index) => (
        <g key={series}>
          <rect className="rps-refund-summary__track" x={0} y={index * (BAR_HEIGHT + BAR_GAP)} width={CHART_WIDTH} height={BAR_HEIGHT} rx={2} />
          <rect
            className={cx('rps-refund-summary__bar', classNames?.bar)}
            data-series={series}
            x={0}
            y={index * (BAR_HEIGHT + BAR_GAP)}
            width={widths[series]}
            height={BAR_HEIGHT}
            rx={2}
          />
        </g>
      ))}
    </svg>
  );
}
