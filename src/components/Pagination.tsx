import { useEffect, useId, useRef, useState } from 'react';
import { DEFAULT_PAGE_SIZE, effectivePageSize } from '../core/pagination';
import type { SessionQuery } from '../core/types';
import { usePaymentSessionsConfig } from '../hooks/context';
import { usePaginationOver } from '../hooks/use-pagination';
import { useControllableState } from '../hooks/use-controllable-state';
import { usePaymentSessions } from '../hooks/use-payment-sessions';
import type { UseSessionFiltersResult } from '../hooks/use-session-filters';
import { useFormatters } from './format';
import { cx, ThemeScope, useThemeRoot, type ClassNames, type ThemeProps } from './theme';
import { useResolvedFilters, useResolvedQuery } from './workspace';

/** The page sizes offered unless `pageSizeOptions` says otherwise. */
export const DEFAULT_PAGE_SIZE_OPTIONS: readonly number[] = [10, 30, 50, 100];

/** The parts of `Pagination` that take a class name. */
export type PaginationPart =
  | 'root'
  | 'range'
  | 'pages'
  | 'button'
  | 'page'
  | 'ellipsis'
  | 'pageSize'
  | 'pageSizeSelect'
  | 'announcer';

/** Props of {@link Pagination}. */
export interface PaginationProps extends ThemeProps {
  /** The filter state whose page it moves. @defaultValue the surrounding `SessionWorkspace`'s */
  filters?: UseSessionFiltersResult;
  /**
   * The query whose total it shows (fetched through `usePaymentSessions`, so a list on the same query
   * costs no extra request). @defaultValue `filters.query`, else the workspace's query
   */
  query?: Partial<SessionQuery>;
  /** The current page, when controlled (with `onPageChange`). @defaultValue `filters.value.page` */
  page?: number;
  onPageChange?: (page: number) => void;
  /** Rows per page, when controlled (with `onPageSizeChange`). @defaultValue `filters.value.pageSize` */
  pageSize?: number;
  onPageSizeChange?: (pageSize: number) => void;
  /**
   * Total rows, for standalone use: when given, nothing is fetched. While the total is unknown the
   * controls stay in place, disabled. @defaultValue the fetched page's total
   */
  total?: number;
  /**
   * The page sizes to choose from; those above the fetcher's `capabilities.maxPageSize` are left out.
   * @defaultValue `[10, 30, 50, 100]`
   */
  pageSizeOptions?: readonly number[];
  /** Pages shown on each side of the current one. @defaultValue 1 */
  siblings?: number;
  /** Pages always shown at each end. @defaultValue 1 */
  boundaries?: number;
  className?: string;
  /** A class per part, after its stable `rps-pagination__*` class. */
  classNames?: ClassNames<PaginationPart>;
}

/**
 * A pagination bar: first/previous/next/last, page buttons with ellipses (the current one marked
 * `aria-current="page"`), a rows-per-page menu and "21–40 of 95". A page change is announced to screen
 * readers. It moves the page of the surrounding `SessionWorkspace` (or of a `filters` prop), or works
 * standalone with `page`/`onPageChange`/`pageSize`/`onPageSizeChange`/`total`.
 *
 * @example
 * // Inside a workspace: nothing to wire.
 * <SessionWorkspace><SessionList /><Pagination /></SessionWorkspace>
 *
 * // Standalone, controlled:
 * <Pagination total={95} page={page} onPageChange={setPage} pageSize={size} onPageSizeChange={setSize} />
 */
export function Pagination(props: PaginationProps) {
  const { className, classNames, siblings, boundaries } = props;
  const root = useThemeRoot(props);
  const messages = root.messages;
  const formatters = useFormatters();
  const config = usePaymentSessionsConfig();
  const filters = useResolvedFilters(props.filters);
  const query = useResolvedQuery(props);

  // The total comes from the list's own query (same cache key: no extra request) unless it was given.
  const fetchTotal = props.total === undefined && config !== null;
  const list = usePaymentSessions({ query, enabled: fetchTotal, prefetchNext: false });
  const total = props.total ?? (fetchTotal ? list.total : undefined);

  // A `page` prop makes the page the host's alone (its `onPageChange`, not the workspace's); the same
  // for the page size. Otherwise the filters own them and the bar moves them directly; only with neither
  // does the bar keep its own.
  const ownPage = props.page !== undefined || !filters;
  const ownPageSize = props.pageSize !== undefined || !filters;
  const standalonePage = useControllableState({
    value: props.page,
    defaultValue: query.page ?? 1,
    onValueChange: props.onPageChange,
    caller: 'Pagination (page)',
  });
  const standalonePageSize = useControllableState({
    value: props.pageSize,
    defaultValue: query.pageSize ?? DEFAULT_PAGE_SIZE,
    onValueChange: props.onPageSizeChange,
    caller: 'Pagination (pageSize)',
  });
  const pagination = usePaginationOver(
    { total, siblings, boundaries },
    ownPage ? standalonePage : [filters.value.page, filters.setPage],
    // The query's page size: the filter's, capped to what the backend serves.
    ownPageSize ? standalonePageSize : [filters.query.pageSize, filters.setPageSize],
  );
  const { page, pageCount, pageSize } = pagination;
  const known = pageCount !== undefined;

  const sizes = pageSizeChoices(props.pageSizeOptions ?? DEFAULT_PAGE_SIZE_OPTIONS, config?.fetcher.capabilities.maxPageSize, pageSize);
  const sizeId = useId();

  // Announce page changes only (not the first render, not a new total): "Page 3 of 10".
  const [announcedPage, setAnnouncedPage] = useState(page);
  const [announce, setAnnounce] = useState(false);
  if (page !== announcedPage) {
    setAnnouncedPage(page);
    setAnnounce(true);
  }

  // Next on the last-but-one page disables Next under the user's focus; focus moves to the current page.
  const navRef = useRef<HTMLElement>(null);
  const [rescueFocus, setRescueFocus] = useState(false);
  useEffect(() => {
    if (!rescueFocus) return;
    setRescueFocus(false);
    const nav = navRef.current;
    const active = nav?.ownerDocument.activeElement;
    const focusLost = !active || active === nav?.ownerDocument.body || (active instanceof HTMLButtonElement && active.disabled);
    if (focusLost) nav?.querySelector<HTMLButtonElement>('[aria-current="page"]')?.focus();
  }, [rescueFocus]);
  const go = (move: () => void) => () => {
    move();
    setRescueFocus(true);
  };

  const slot = (part: PaginationPart) => classNames?.[part];
  const button = (label: string, glyph: string, disabled: boolean, onClick: () => void, edge: string) => (
    <button
      type="button"
      className={cx('rps-button', 'rps-pagination__button', `rps-pagination__${edge}`, slot('button'))}
      aria-label={label}
      disabled={disabled}
      onClick={go(onClick)}
    >
      <span className="rps-pagination__icon" aria-hidden="true">
        {glyph}
      </span>
    </button>
  );
  const canPrev = known && pagination.canPrev;
  const canNext = known && pagination.canNext;
  // While the total is unknown, the current page stands alone (disabled) so the bar keeps its height.
  const items = known ? pagination.items : [{ type: 'page' as const, page, current: true }];

  return (
    <ThemeScope value={root.context}>
      <nav
        ref={navRef}
        aria-label={messages.paginationLabel}
        className={cx('rps-pagination', root.className, className, slot('root'))}
        style={root.style}
        {...root.dataAttributes}
        data-total-unknown={!known || undefined}
        data-loading-state={fetchTotal ? list.loadingState : undefined}
      >
        <p className={cx('rps-pagination__range', slot('range'))}>
          {known
            ? messages.rowsRange(
                formatters.number(pagination.from),
                formatters.number(pagination.to),
                // A lower bound (a backend without a total): "1–30 of 31+".
                `${formatters.number(total ?? 0)}${props.total === undefined && list.totalIsLowerBound ? '+' : ''}`,
              )
            : formatters.fallback}
        </p>
        <div className={cx('rps-pagination__pages', slot('pages'))}>
          {button(messages.firstPage, '«', !canPrev, pagination.first, 'first')}
          {button(messages.previousPage, '‹', !canPrev, pagination.prev, 'previous')}
          <ul className="rps-pagination__list">
            {items.map((item) =>
              item.type === 'ellipsis' ? (
                <li key={`ellipsis-${item.key}`} className={cx('rps-pagination__ellipsis', slot('ellipsis'))} aria-hidden="true">
                  …
                </li>
              ) : (
                <li key={item.page}>
                  <button
                    type="button"
                    className={cx('rps-button', 'rps-pagination__page', slot('page'))}
                    aria-label={messages.pageN(item.page)}
                    aria-current={item.current ? 'page' : undefined}
                    data-current={item.current || undefined}
                    disabled={!known}
                    onClick={() => pagination.setPage(item.page)}
                  >
                    {formatters.number(item.page)}
                  </button>
                </li>
              ),
            )}
          </ul>
          {button(messages.nextPage, '›', !canNext, pagination.next, 'next')}
          {button(messages.lastPage, '»', !canNext, pagination.last, 'last')}
        </div>
        <div className={cx('rps-pagination__page-size', slot('pageSize'))}>
          <label htmlFor={sizeId}>{messages.pageSize}</label>
          <select
            id={sizeId}
            className={cx('rps-pagination__page-size-select', slot('pageSizeSelect'))}
            value={pageSize}
            onChange={(event) => pagination.setPageSize(Number(event.target.value))}
          >
            {sizes.map((size) => (
              <option key={size} value={size}>
                {formatters.number(size)}
              </option>
            ))}
          </select>
        </div>
        <p className={cx('rps-visually-hidden', 'rps-pagination__announcer', slot('announcer'))} aria-live="polite" aria-atomic="true">
          {announce && known ? messages.pageOf(page, pageCount) : ''}
        </p>
      </nav>
    </ThemeScope>
  );
}

/**
 * The page sizes the menu offers: the options the backend can serve (at most `maxPageSize`, or the
 * largest it allows when none fits), plus the current size so the menu never shows a value it lacks.
 */
export function pageSizeChoices(options: readonly number[], maxPageSize: number | undefined, current: number): number[] {
  const allowed = options.filter((size) => Number.isInteger(size) && size >= 1 && effectivePageSize(size, { maxPageSize }) === size);
  if (allowed.length === 0 && maxPageSize !== undefined) allowed.push(maxPageSize);
  if (!allowed.includes(current)) allowed.push(current);
  return [...new Set(allowed)].sort((a, b) => a - b);
}
