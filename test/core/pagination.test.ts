import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampPage,
  describePagination,
  getPageItems,
  offsetToPage,
  pageCount,
  pageForFirstRow,
  pageToOffset,
  type PageItem,
} from '../../src/core/pagination';

/** Renders items as a bar, e.g. `1 … 4 [5] 6 … 10`, so expectations read like what a user sees. */
function bar(items: PageItem[]): string {
  return items
    .map((item) => (item.type === 'ellipsis' ? '…' : item.current ? `[${item.page}]` : String(item.page)))
    .join(' ');
}

describe('pageCount', () => {
  it('rounds partial pages up', () => {
    expect(pageCount(95, 20)).toBe(5);
    expect(pageCount(100, 20)).toBe(5);
    expect(pageCount(101, 20)).toBe(6);
    expect(pageCount(1, 30)).toBe(1);
  });

  it('is 1 for an empty result, which still has a page to say "nothing found" on', () => {
    expect(pageCount(0, 20)).toBe(1);
  });

  it.each([
    ['total', -1, 20, /total must be a non-negative whole number, got -1/],
    ['total', 2.5, 20, /total must be a non-negative whole number, got 2.5/],
    ['total', Number.NaN, 20, /total .* got NaN/],
    ['total', Number.POSITIVE_INFINITY, 20, /total .* got Infinity/],
    ['pageSize', 10, 0, /pageSize must be a whole number ≥ 1, got 0/],
    ['pageSize', 10, -5, /pageSize must be a whole number ≥ 1, got -5/],
    ['pageSize', 10, 1.5, /pageSize .* got 1.5/],
  ])('rejects a bad %s with a RangeError naming it (%s, %s)', (_name, total, size, message) => {
    expect(() => pageCount(total, size)).toThrow(RangeError);
    expect(() => pageCount(total, size)).toThrow(message);
  });
});

describe('clampPage', () => {
  it('keeps a page that exists', () => {
    expect(clampPage(3, 5)).toBe(3);
    expect(clampPage(1, 5)).toBe(1);
    expect(clampPage(5, 5)).toBe(5);
  });

  it('moves a page past the end to the last page and one below 1 to page 1', () => {
    expect(clampPage(9, 5)).toBe(5);
    expect(clampPage(0, 5)).toBe(1);
    expect(clampPage(-3, 5)).toBe(1);
  });

  it('rejects a non-integer page and a page count below 1', () => {
    expect(() => clampPage(2.5, 5)).toThrow(/page must be a whole number, got 2.5/);
    expect(() => clampPage(Number.NaN, 5)).toThrow(RangeError);
    expect(() => clampPage(1, 0)).toThrow(/pageCount must be a whole number ≥ 1, got 0/);
  });
});

describe('pageToOffset / offsetToPage', () => {
  it('converts a 1-based page to the 0-based offset of its first row', () => {
    expect(pageToOffset(1, 20)).toBe(0);
    expect(pageToOffset(3, 20)).toBe(40);
    expect(pageToOffset(2, 1)).toBe(1);
  });

  it('finds the page a row offset is on', () => {
    expect(offsetToPage(0, 20)).toBe(1);
    expect(offsetToPage(19, 20)).toBe(1);
    expect(offsetToPage(20, 20)).toBe(2);
    expect(offsetToPage(39, 20)).toBe(2);
    expect(offsetToPage(40, 20)).toBe(3);
  });

  it('round-trips every page through its offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1000 }), (page, size) => {
        expect(offsetToPage(pageToOffset(page, size), size)).toBe(page);
      }),
    );
  });

  it('rejects page 0, negative offsets and unsafe results', () => {
    expect(() => pageToOffset(0, 20)).toThrow(/page must be a whole number ≥ 1, got 0/);
    expect(() => offsetToPage(-1, 20)).toThrow(/offset must be a non-negative whole number, got -1/);
    expect(() => offsetToPage(5, 0)).toThrow(/pageSize must be a whole number ≥ 1/);
    expect(() => pageToOffset(Number.MAX_SAFE_INTEGER, 1000)).toThrow(/largest safe offset/);
  });
});

describe('pageForFirstRow', () => {
  it('keeps the first visible row on screen when the page size grows', () => {
    // Page 3 at 20 per page starts at row 41 (offset 40); at 30 per page row 41 is on page 2 (rows 31–60).
    expect(pageForFirstRow({ page: 3, oldPageSize: 20, newPageSize: 30 })).toBe(2);
    // Page 5 at 10 starts at row 41; at 100 per page that is page 1.
    expect(pageForFirstRow({ page: 5, oldPageSize: 10, newPageSize: 100 })).toBe(1);
  });

  it('keeps it on screen when the page size shrinks', () => {
    // Page 2 at 50 starts at row 51 (offset 50); at 10 per page offset 50 is page 6 (rows 51–60).
    expect(pageForFirstRow({ page: 2, oldPageSize: 50, newPageSize: 10 })).toBe(6);
  });

  it('stays on page 1 from page 1, and on the same page when the size does not change', () => {
    expect(pageForFirstRow({ page: 1, oldPageSize: 20, newPageSize: 7 })).toBe(1);
    expect(pageForFirstRow({ page: 4, oldPageSize: 25, newPageSize: 25 })).toBe(4);
  });

  it('always lands on a page whose rows include the old first row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        (page, oldPageSize, newPageSize) => {
          const firstRowOffset = (page - 1) * oldPageSize;
          const newPage = pageForFirstRow({ page, oldPageSize, newPageSize });
          expect(firstRowOffset).toBeGreaterThanOrEqual((newPage - 1) * newPageSize);
          expect(firstRowOffset).toBeLessThan(newPage * newPageSize);
        },
      ),
    );
  });

  it('names the bad argument', () => {
    expect(() => pageForFirstRow({ page: 1, oldPageSize: 0, newPageSize: 10 })).toThrow(/oldPageSize/);
    expect(() => pageForFirstRow({ page: 1, oldPageSize: 10, newPageSize: 2.5 })).toThrow(/newPageSize/);
    expect(() => pageForFirstRow({ page: 0, oldPageSize: 10, newPageSize: 10 })).toThrow(/page must/);
  });
});

describe('describePagination', () => {
  it('describes a middle page', () => {
    expect(describePagination({ page: 2, pageSize: 20, total: 95 })).toEqual({
      page: 2,
      pageCount: 5,
      from: 21,
      to: 40,
      total: 95,
      canPrev: true,
      canNext: true,
      offset: 20,
    });
  });

  it('describes a short last page', () => {
    expect(describePagination({ page: 5, pageSize: 20, total: 95 })).toEqual({
      page: 5,
      pageCount: 5,
      from: 81,
      to: 95,
      total: 95,
      canPrev: true,
      canNext: false,
      offset: 80,
    });
  });

  it('describes the only page of a small list', () => {
    expect(describePagination({ page: 1, pageSize: 20, total: 3 })).toMatchObject({
      page: 1,
      pageCount: 1,
      from: 1,
      to: 3,
      canPrev: false,
      canNext: false,
      offset: 0,
    });
  });

  it('gives 0/0 rows and page 1 of 1 for an empty list', () => {
    expect(describePagination({ page: 1, pageSize: 20, total: 0 })).toEqual({
      page: 1,
      pageCount: 1,
      from: 0,
      to: 0,
      total: 0,
      canPrev: false,
      canNext: false,
      offset: 0,
    });
  });

  it('clamps a page that no longer exists (the list shrank) to the last page', () => {
    expect(describePagination({ page: 9, pageSize: 20, total: 45 })).toMatchObject({
      page: 3,
      pageCount: 3,
      from: 41,
      to: 45,
      canNext: false,
      offset: 40,
    });
  });

  it('rejects bad numbers with the argument named', () => {
    expect(() => describePagination({ page: 1, pageSize: 0, total: 10 })).toThrow(/pageSize/);
    expect(() => describePagination({ page: 1, pageSize: 10, total: -1 })).toThrow(/total/);
    expect(() => describePagination({ page: 1.5, pageSize: 10, total: 10 })).toThrow(/page/);
  });
});

describe('getPageItems', () => {
  it('lists every page when they all fit in the bar (7 slots with the defaults)', () => {
    expect(bar(getPageItems({ page: 1, pageCount: 1 }))).toBe('[1]');
    expect(bar(getPageItems({ page: 3, pageCount: 5 }))).toBe('1 2 [3] 4 5');
    expect(bar(getPageItems({ page: 7, pageCount: 7 }))).toBe('1 2 3 4 5 6 [7]');
  });

  it('puts ellipses on both sides of a page in the middle', () => {
    expect(bar(getPageItems({ page: 5, pageCount: 10 }))).toBe('1 … 4 [5] 6 … 10');
    expect(bar(getPageItems({ page: 50, pageCount: 100 }))).toBe('1 … 49 [50] 51 … 100');
  });

  it('slides the sibling window away from the edges so the bar keeps 7 entries', () => {
    expect(bar(getPageItems({ page: 1, pageCount: 10 }))).toBe('[1] 2 3 4 5 … 10');
    expect(bar(getPageItems({ page: 2, pageCount: 10 }))).toBe('1 [2] 3 4 5 … 10');
    expect(bar(getPageItems({ page: 3, pageCount: 10 }))).toBe('1 2 [3] 4 5 … 10');
    expect(bar(getPageItems({ page: 8, pageCount: 10 }))).toBe('1 … 6 7 [8] 9 10');
    expect(bar(getPageItems({ page: 10, pageCount: 10 }))).toBe('1 … 6 7 8 9 [10]');
  });

  it('shows the page instead of an ellipsis that would hide just one page', () => {
    // Page 4 of 10: the gap before the window 3–5 would be page 2 alone, so 2 is shown.
    expect(bar(getPageItems({ page: 4, pageCount: 10 }))).toBe('1 2 3 [4] 5 … 10');
    expect(bar(getPageItems({ page: 7, pageCount: 10 }))).toBe('1 … 6 [7] 8 9 10');
    // 8 pages, page 4: 1 2 3 [4] 5 … 8 — the end gap hides 6 and 7, two pages, so it stays an ellipsis.
    expect(bar(getPageItems({ page: 4, pageCount: 8 }))).toBe('1 2 3 [4] 5 … 8');
  });

  it('honours siblings and boundaries', () => {
    expect(bar(getPageItems({ page: 10, pageCount: 20, siblings: 2 }))).toBe('1 … 8 9 [10] 11 12 … 20');
    expect(bar(getPageItems({ page: 10, pageCount: 20, boundaries: 2 }))).toBe('1 2 … 9 [10] 11 … 19 20');
    expect(bar(getPageItems({ page: 10, pageCount: 20, siblings: 0 }))).toBe('1 … [10] … 20');
    expect(bar(getPageItems({ page: 10, pageCount: 20, boundaries: 0 }))).toBe('… 9 [10] 11 …');
    expect(bar(getPageItems({ page: 1, pageCount: 20, boundaries: 0, siblings: 0 }))).toBe('[1] 2 …');
  });

  it('clamps the current page into range', () => {
    expect(bar(getPageItems({ page: 99, pageCount: 10 }))).toBe('1 … 6 7 8 9 [10]');
  });

  it('tags the two ellipses with stable keys for React lists', () => {
    const items = getPageItems({ page: 5, pageCount: 10 });
    expect(items.filter((item) => item.type === 'ellipsis')).toEqual([
      { type: 'ellipsis', key: 'start' },
      { type: 'ellipsis', key: 'end' },
    ]);
  });

  it('rejects negative or fractional siblings and boundaries', () => {
    expect(() => getPageItems({ page: 1, pageCount: 10, siblings: -1 })).toThrow(/siblings must be a non-negative/);
    expect(() => getPageItems({ page: 1, pageCount: 10, boundaries: 0.5 })).toThrow(/boundaries/);
    expect(() => getPageItems({ page: 1, pageCount: 0 })).toThrow(/pageCount/);
  });

  it('keeps its promises for any page count, page, siblings and boundaries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: -5, max: 70 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (count, requestedPage, siblings, boundaries) => {
          const items = getPageItems({ page: requestedPage, pageCount: count, siblings, boundaries });
          const current = Math.min(Math.max(requestedPage, 1), count);
          const pages = items.flatMap((item) => (item.type === 'page' ? [item.page] : []));
          const slots = 2 * siblings + 2 * boundaries + 3;

          // Stable length: all pages when they fit, otherwise exactly the slot count.
          expect(items).toHaveLength(Math.min(count, slots));
          // Exactly one current page, and it is the clamped page.
          expect(items.filter((item) => item.type === 'page' && item.current)).toEqual([
            { type: 'page', page: current, current: true },
          ]);
          // Pages ascend without duplicates; every page within `siblings` of the current one is shown.
          expect(pages).toEqual([...pages].sort((a, b) => a - b));
          expect(new Set(pages).size).toBe(pages.length);
          for (let page = current - siblings; page <= current + siblings; page += 1) {
            if (page >= 1 && page <= count) expect(pages).toContain(page);
          }
          // The boundary pages are always there.
          for (let page = 1; page <= Math.min(boundaries, count); page += 1) expect(pages).toContain(page);
          for (let page = Math.max(count - boundaries + 1, 1); page <= count; page += 1) expect(pages).toContain(page);
          // Each ellipsis stands for at least two hidden pages.
          items.forEach((item, index) => {
            if (item.type !== 'ellipsis') return;
            const before = items[index - 1];
            const after = items[index + 1];
            const low = before?.type === 'page' ? before.page : 0;
            const high = after?.type === 'page' ? after.page : count + 1;
            expect(high - low - 1).toBeGreaterThanOrEqual(2);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
