import { useCallback, useEffect, useMemo } from 'react';
import {
  clampPage,
  describePagination,
  getPageItems,
  offsetToPage as offsetToPageOf,
  pageCount as pageCountOf,
  pageForFirstRow,
  pageToOffset as pageToOffsetOf,
  type PageItem,
} from '../core/pagination';
import { DEFAULT_PAGE_SIZE } from '../core/query';
import { useControllableState } from './use-controllable-state';

/** Options of {@link usePagination}. */
export interface UsePaginationOptions {
  /**
   * Total rows, or `undefined` while unknown — then nothing is clamped (a page restored from the URL
   * survives the first load). `usePaymentSessions().total` is already `undefined` exactly then.
   */
  total: number | undefined;
  /** The current 1-based page, when controlled (with `onPageChange`). */
  page?: number;
  /** @defaultValue 1 */
  defaultPage?: number;
  onPageChange?: (page: number) => void;
  /** Rows per page, when controlled (with `onPageSizeChange`). */
  pageSize?: number;
  /** @defaultValue 30 */
  defaultPageSize?: number;
  onPageSizeChange?: (pageSize: number) => void;
  /**
   * Pages shown on each side of the current one.
   * @defaultValue 1
   */
  siblings?: number;
  /**
   * Pages always shown at the start and at the end.
   * @defaultValue 1
   */
  boundaries?: number;
}

/** What {@link usePagination} returns. */
export interface UsePaginationResult {
  /** The current page, clamped to the pages that exist once `total` is known. */
  page: number;
  pageSize: number;
  total: number | undefined;
  /** At least 1 once `total` is known; `undefined` before. */
  pageCount: number | undefined;
  /** 1-based number of the first row shown; 0 when there are none or `total` is unknown. */
  from: number;
  /** 1-based number of the last row shown; 0 when there are none or `total` is unknown. */
  to: number;
  /** 0-based index of the first row of the page. */
  offset: number;
  canPrev: boolean;
  canNext: boolean;
  /** The buttons of a pagination bar: pages and ellipses (empty while `total` is unknown). */
  items: PageItem[];
  /** Goes to `page`, clamped to the pages that exist. */
  setPage: (page: number) => void;
  next: () => void;
  prev: () => void;
  first: () => void;
  last: () => void;
  /** Changes the page size and moves to the page that keeps the first visible row in view. */
  setPageSize: (pageSize: number) => void;
  /** The 0-based offset of a page's first row at the current page size. */
  pageToOffset: (page: number) => number;
  /** The page that holds the row at a 0-based offset at the current page size. */
  offsetToPage: (offset: number) => number;
}

/**
 * Page buttons with ellipses, previous/next, page ↔ offset, for any list — the math lives in core
 * (`getPageItems`, `describePagination`, `pageForFirstRow`); this hook holds the page and page size
 * (controlled or not) and keeps them valid: when the total shrinks under the current page, it moves to
 * the last page that exists; when the page size changes, the first row on screen stays on screen.
 *
 * @example
 * function Pager({ filters, total }: { filters: UseSessionFiltersResult; total: number | undefined }) {
 *   const pagination = usePagination({
 *     total,
 *     page: filters.value.page,
 *     onPageChange: filters.setPage,
 *     pageSize: filters.value.pageSize,
 *     onPageSizeChange: filters.setPageSize,
 *   });
 *   return (
 *     <nav aria-label="Pages">
 *       <button disabled={!pagination.canPrev} onClick={pagination.prev}>Previous</button>
 *       {pagination.items.map((item) =>
 *         item.type === 'ellipsis' ? <span key={item.key}>…</span> : (
 *           <button key={item.page} aria-current={item.current ? 'page' : undefined} onClick={() => pagination.setPage(item.page)}>{item.page}</button>
 *         ),
 *       )}
 *       <button disabled={!pagination.canNext} onClick={pagination.next}>Next</button>
 *     </nav>
 *   );
 * }
 */
export function usePagination(options: UsePaginationOptions): UsePaginationResult {
  return usePaginationOver(
    options,
    useControllableState({
      value: options.page,
      defaultValue: options.defaultPage ?? 1,
      onValueChange: options.onPageChange,
      caller: 'usePagination (page)',
    }),
    useControllableState({
      value: options.pageSize,
      defaultValue: options.defaultPageSize ?? DEFAULT_PAGE_SIZE,
      onValueChange: options.onPageSizeChange,
      caller: 'usePagination (pageSize)',
    }),
  );
}

/** A number someone owns, with its setter: a page or a page size. */
export type OwnedNumber = readonly [value: number, set: (value: number) => void];

/**
 * {@link usePagination} over a page and page size held elsewhere (the filters of a session list), so they
 * have one owner: this reads them and writes through their setters, with the same clamping, page-size
 * move and bar items. The page may lie past the last page; the result clamps it.
 * @internal
 */
export function usePaginationOver(
  { total, siblings = 1, boundaries = 1 }: Pick<UsePaginationOptions, 'total' | 'siblings' | 'boundaries'>,
  [rawPage, setRawPage]: OwnedNumber,
  [pageSize, setRawPageSize]: OwnedNumber,
): UsePaginationResult {
  const known = total === undefined ? undefined : describePagination({ page: rawPage, pageSize, total });
  const pageCount = known?.pageCount;
  const page = known?.page ?? Math.max(1, rawPage);
  const items = useMemo(
    () => (pageCount === undefined ? [] : getPageItems({ page, pageCount, siblings, boundaries })),
    [page, pageCount, siblings, boundaries],
  );

  // The list shrank under the current page (a refund, a new filter): move to a page that exists.
  useEffect(() => {
    if (page !== rawPage) setRawPage(page);
  }, [page, rawPage, setRawPage]);

  const setPage = useCallback(
    (next: number) => setRawPage(pageCount === undefined ? Math.max(1, next) : clampPage(next, pageCount)),
    [pageCount, setRawPage],
  );
  const setPageSize = useCallback(
    (nextPageSize: number) => {
      const nextPage = pageForFirstRow({ page, oldPageSize: pageSize, newPageSize: nextPageSize });
      setRawPageSize(nextPageSize);
      setRawPage(total === undefined ? nextPage : clampPage(nextPage, pageCountOf(total, nextPageSize)));
    },
    [page, pageSize, total, setRawPage, setRawPageSize],
  );

  return {
    page,
    pageSize,
    total,
    pageCount,
    from: known?.from ?? 0,
    to: known?.to ?? 0,
    offset: pageToOffsetOf(page, pageSize),
    canPrev: page > 1,
    canNext: known?.canNext ?? false,
    items,
    setPage,
    next: () => setPage(page + 1),
    prev: () => setPage(page - 1),
    first: () => setPage(1),
    last: () => {
      if (pageCount !== undefined) setPage(pageCount);
    },
    setPageSize,
    pageToOffset: (target) => pageToOffsetOf(target, pageSize),
    offsetToPage: (offset) => offsetToPageOf(offset, pageSize),
  };
}
