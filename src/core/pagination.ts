/**
 * Pagination math: page counts, offsets, clamping and the page-button list with ellipses. Pure functions,
 * no React — `usePagination` is a thin hook over these. Pages are 1-based, offsets and totals 0-based.
 *
 * Every function validates its numbers and throws a `RangeError` naming the argument for anything that
 * is not a finite, non-negative whole number (a page size must also be at least 1). A `page` beyond the
 * last page is not an error where a page count is known: it is clamped, because a list that shrank
 * under the user (a refund, a new filter) is ordinary.
 */

/** The page size both backends default to. */
export const DEFAULT_PAGE_SIZE = 30;
/** The largest page size a query may ask for; fetchers cap lower where their backend does. */
export const MAX_PAGE_SIZE = 1000;

/**
 * The page size a list really gets: the one asked for, lowered to the backend's `maxPageSize` when it
 * serves fewer rows a page (a shared link may ask for 1000). The filters' query, the pagination bar, the
 * export and the fetchers all page by this number, so they agree on what a page is.
 *
 * @example
 * effectivePageSize(1000, { maxPageSize: 100 }) // 100
 * effectivePageSize(30, undefined)              // 30
 */
export function effectivePageSize(requested: number, capabilities: { maxPageSize?: number } | undefined): number {
  const max = capabilities?.maxPageSize;
  return max === undefined ? requested : Math.min(requested, max);
}

/** One entry of a pagination bar: a page button or a gap standing for several hidden pages. */
export type PageItem =
  | { type: 'page'; page: number; current: boolean }
  | { type: 'ellipsis'; key: 'start' | 'end' };

/** Input of {@link getPageItems}. */
export interface PageItemsOptions {
  /** The current page (1-based); clamped into `1..pageCount`. */
  page: number;
  /** How many pages there are (at least 1). */
  pageCount: number;
  /**
   * Pages shown on each side of the current page.
   * @defaultValue 1
   */
  siblings?: number;
  /**
   * Pages always shown at the start and at the end.
   * @defaultValue 1
   */
  boundaries?: number;
}

/** Where a list stands, as a pagination bar or a "21–40 of 95" label needs it. */
export interface PaginationState {
  /** The current page, clamped into `1..pageCount`. */
  page: number;
  pageCount: number;
  /** 1-based number of the first row on the page; 0 when there are no rows. */
  from: number;
  /** 1-based number of the last row on the page; 0 when there are no rows. */
  to: number;
  total: number;
  canPrev: boolean;
  canNext: boolean;
  /** 0-based index of the first row on the page (what an offset/limit backend wants). */
  offset: number;
}

function assertWhole(name: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const requirement = min === 0 ? 'a non-negative whole number' : `a whole number ≥ ${min}`;
    throw new RangeError(`${name} must be ${requirement}, got ${String(value)}.`);
  }
}

/**
 * How many pages `total` rows fill at `pageSize` per page. Never less than 1: an empty result still has
 * a page 1 to show "no sessions" on.
 *
 * @example
 * pageCount(95, 20) // 5
 * pageCount(0, 20)  // 1
 */
export function pageCount(total: number, pageSize: number): number {
  assertWhole('total', total, 0);
  assertWhole('pageSize', pageSize, 1);
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * `page` moved into `1..pageCount`. A page below 1 becomes 1 and one past the end becomes the last page,
 * since both arise from stale state (a URL, a list that shrank); a non-integer page is still an error.
 */
export function clampPage(page: number, pageCount: number): number {
  if (typeof page !== 'number' || !Number.isSafeInteger(page)) {
    throw new RangeError(`page must be a whole number, got ${String(page)}.`);
  }
  assertWhole('pageCount', pageCount, 1);
  return Math.min(Math.max(page, 1), pageCount);
}

/**
 * The 0-based offset of the first row of a 1-based `page`.
 *
 * @example
 * pageToOffset(3, 20) // 40
 */
export function pageToOffset(page: number, pageSize: number): number {
  assertWhole('page', page, 1);
  assertWhole('pageSize', pageSize, 1);
  const offset = (page - 1) * pageSize;
  if (!Number.isSafeInteger(offset)) {
    throw new RangeError(`page ${page} at pageSize ${pageSize} is past the largest safe offset.`);
  }
  return offset;
}

/**
 * The 1-based page that contains the row at a 0-based `offset`.
 *
 * @example
 * offsetToPage(40, 20) // 3
 * offsetToPage(39, 20) // 2
 */
export function offsetToPage(offset: number, pageSize: number): number {
  assertWhole('offset', offset, 0);
  assertWhole('pageSize', pageSize, 1);
  return Math.floor(offset / pageSize) + 1;
}

/**
 * The page to show after the page size changes so that the row that was first on screen stays on screen
 * (row 41 is on page 3 at 20 per page and on page 2 at 30 per page).
 *
 * @example
 * pageForFirstRow({ page: 3, oldPageSize: 20, newPageSize: 30 }) // 2
 */
export function pageForFirstRow({
  page,
  oldPageSize,
  newPageSize,
}: {
  page: number;
  oldPageSize: number;
  newPageSize: number;
}): number {
  assertWhole('page', page, 1);
  assertWhole('oldPageSize', oldPageSize, 1);
  assertWhole('newPageSize', newPageSize, 1);
  return offsetToPage(pageToOffset(page, oldPageSize), newPageSize);
}

/**
 * Everything a pagination bar and a "21–40 of 95" label need, with `page` clamped to the pages that exist.
 *
 * @example
 * describePagination({ page: 2, pageSize: 20, total: 95 })
 * // { page: 2, pageCount: 5, from: 21, to: 40, total: 95, canPrev: true, canNext: true, offset: 20 }
 */
export function describePagination({
  page,
  pageSize,
  total,
}: {
  page: number;
  pageSize: number;
  total: number;
}): PaginationState {
  const count = pageCount(total, pageSize);
  const current = clampPage(page, count);
  const offset = pageToOffset(current, pageSize);
  const empty = total === 0;
  return {
    page: current,
    pageCount: count,
    from: empty ? 0 : offset + 1,
    to: empty ? 0 : Math.min(offset + pageSize, total),
    total,
    canPrev: current > 1,
    canNext: current < count,
    offset,
  };
}

function pageRange(first: number, last: number, current: number): PageItem[] {
  const items: PageItem[] = [];
  for (let page = first; page <= last; page += 1) items.push({ type: 'page', page, current: page === current });
  return items;
}

/**
 * The buttons of a pagination bar: the first and last `boundaries` pages, `siblings` pages either side of
 * the current one, and an ellipsis for each hidden run — the same layout as MUI's and Mantine's
 * `usePagination`.
 *
 * Two promises make the bar pleasant to click through:
 * - **Stable length.** Once there are more pages than fit, the list always has
 *   `2 × boundaries + 2 × siblings + 3` entries, so buttons do not jump as the current page moves.
 * - **No ellipsis for one page.** A gap that would hide exactly one page shows that page instead.
 *
 * @example
 * getPageItems({ page: 5, pageCount: 10 })
 * // 1 … 4 [5] 6 … 10
 */
export function getPageItems({ page, pageCount, siblings = 1, boundaries = 1 }: PageItemsOptions): PageItem[] {
  assertWhole('siblings', siblings, 0);
  assertWhole('boundaries', boundaries, 0);
  const current = clampPage(page, pageCount);

  // Boundaries, siblings, the current page, and one slot on each side for an ellipsis or the page it hides.
  const slots = 2 * boundaries + 2 * siblings + 3;
  if (pageCount <= slots) return pageRange(1, pageCount, current);

  // The sibling window keeps its full width near either end by sliding away from the edge.
  const windowSize = 2 * siblings + 1;
  const lowestStart = boundaries + 2;
  const highestStart = pageCount - boundaries - windowSize;
  const windowStart = Math.min(Math.max(current - siblings, lowestStart), highestStart);
  const windowEnd = windowStart + windowSize - 1;

  // Each gap slot is an ellipsis, unless the gap is a single page: then that page is cheaper to show.
  const startGap: PageItem[] =
    windowStart > lowestStart
      ? [{ type: 'ellipsis', key: 'start' }]
      : pageRange(boundaries + 1, boundaries + 1, current);
  const endGap: PageItem[] =
    windowEnd < pageCount - boundaries - 1
      ? [{ type: 'ellipsis', key: 'end' }]
      : pageRange(pageCount - boundaries, pageCount - boundaries, current);

  return [
    ...pageRange(1, boundaries, current),
    ...startGap,
    ...pageRange(windowStart, windowEnd, current),
    ...endGap,
    ...pageRange(pageCount - boundaries + 1, pageCount, current),
  ];
}
