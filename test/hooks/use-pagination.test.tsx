import { act, renderHook } from '@testing-library/react';
import { usePagination, type PageItem, type UsePaginationOptions } from 'react-payment-sessions/headless';

const labels = (items: PageItem[]) => items.map((item) => (item.type === 'ellipsis' ? '…' : item.current ? `[${item.page}]` : String(item.page)));

function renderPagination(initial: UsePaginationOptions) {
  return renderHook((options: UsePaginationOptions) => usePagination(options), { initialProps: initial });
}

describe('usePagination', () => {
  describe('given many pages', () => {
    it('lists boundaries, siblings and ellipses around the current page', () => {
      const { result, rerender } = renderPagination({ total: 950, defaultPageSize: 10, defaultPage: 50 });
      expect(labels(result.current.items)).toEqual(['1', '…', '49', '[50]', '51', '…', '95']);

      rerender({ total: 950, defaultPageSize: 10, siblings: 2, boundaries: 2 });
      expect(labels(result.current.items)).toEqual(['1', '2', '…', '48', '49', '[50]', '51', '52', '…', '94', '95']);
    });

    it('moves with next, prev, first and last, and clamps setPage to the pages that exist', () => {
      const onPageChange = vi.fn();
      const { result } = renderPagination({ total: 95, defaultPageSize: 10, onPageChange });
      expect(result.current).toMatchObject({ page: 1, pageCount: 10, canPrev: false, canNext: true, from: 1, to: 10 });

      act(() => result.current.next());
      expect(result.current).toMatchObject({ page: 2, from: 11, to: 20, offset: 10, canPrev: true });
      act(() => result.current.last());
      expect(result.current).toMatchObject({ page: 10, from: 91, to: 95, canNext: false });
      act(() => result.current.setPage(500));
      expect(result.current.page).toBe(10);
      act(() => result.current.prev());
      act(() => result.current.first());
      act(() => result.current.setPage(-3));
      expect(result.current.page).toBe(1);
      expect(onPageChange.mock.calls.flat()).toEqual([2, 10, 9, 1]);
    });

    it('converts between pages and offsets at the current page size', () => {
      const { result } = renderPagination({ total: 95, defaultPageSize: 20 });
      expect(result.current.pageToOffset(3)).toBe(40);
      expect(result.current.offsetToPage(40)).toBe(3);
      expect(result.current.offsetToPage(39)).toBe(2);
    });
  });

  describe('given the total shrinks under the current page', () => {
    it('moves a controlled page to the last page and tells the owner', () => {
      const onPageChange = vi.fn();
      const { result, rerender } = renderPagination({ total: 200, page: 10, pageSize: 10, onPageChange });
      expect(result.current.page).toBe(10);

      rerender({ total: 42, page: 10, pageSize: 10, onPageChange });
      expect(result.current.page).toBe(5); // shown clamped at once
      expect(onPageChange).toHaveBeenCalledExactlyOnceWith(5);
      expect(labels(result.current.items)).toEqual(['1', '2', '3', '4', '[5]']);
    });

    it('shows page 1 of 1 for an empty result', () => {
      const { result } = renderPagination({ total: 0, defaultPage: 3 });
      expect(result.current).toMatchObject({ page: 1, pageCount: 1, from: 0, to: 0, canPrev: false, canNext: false });
    });

    it('does not clamp while the total is unknown', () => {
      const onPageChange = vi.fn();
      const { result, rerender } = renderPagination({ total: undefined, page: 7, pageSize: 10, onPageChange });
      expect(result.current).toMatchObject({ page: 7, pageCount: undefined, items: [], canPrev: true, canNext: false, offset: 60 });
      expect(onPageChange).not.toHaveBeenCalled();

      rerender({ total: 100, page: 7, pageSize: 10, onPageChange });
      expect(result.current).toMatchObject({ page: 7, pageCount: 10, canNext: true });
      expect(onPageChange).not.toHaveBeenCalled();
    });
  });

  describe('given the page size changes', () => {
    it('keeps the first visible row in view', () => {
      const onPageSizeChange = vi.fn();
      const { result } = renderPagination({ total: 95, defaultPageSize: 20, defaultPage: 3, onPageSizeChange });
      expect(result.current.from).toBe(41);

      act(() => result.current.setPageSize(30));
      expect(onPageSizeChange).toHaveBeenCalledExactlyOnceWith(30);
      expect(result.current).toMatchObject({ page: 2, pageSize: 30, from: 31, to: 60 });

      act(() => result.current.setPageSize(10));
      expect(result.current).toMatchObject({ page: 4, from: 31, to: 40 });
    });

    it('clamps when the bigger page size leaves fewer pages', () => {
      const { result } = renderPagination({ total: 95, defaultPageSize: 10, defaultPage: 10 });
      act(() => result.current.setPageSize(100));
      expect(result.current).toMatchObject({ page: 1, pageCount: 1, from: 1, to: 95 });
    });
  });
});
