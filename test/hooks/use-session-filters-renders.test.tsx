import { act, render } from '@testing-library/react';
import { useState } from 'react';
import { EMPTY_SESSION_FILTERS, useSessionFilters, type SessionFilterState } from 'react-payment-sessions/headless';

// Also run by the react18 project: React 18 renders an external store's change apart from a parent's
// state update made in the same timer, so the search pause must not render the new search on its own.

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Every render's query, as `page` + `search`. */
function useRecordedFilters(seen: string[], options: Parameters<typeof useSessionFilters>[0]) {
  const filters = useSessionFilters(options);
  seen.push(`${filters.query.search ?? ''}@${filters.query.page}`);
  return filters;
}

describe('useSessionFilters renders', () => {
  it('never shows a new search on the old page: uncontrolled', () => {
    const seen: string[] = [];
    let setSearch: (search: string) => void = () => undefined;
    function Filters() {
      setSearch = useRecordedFilters(seen, { defaultValue: { page: 3 } }).setSearch;
      return null;
    }
    render(<Filters />);
    act(() => setSearch('refund'));
    act(() => vi.advanceTimersByTime(300));
    expect(seen).not.toContain('refund@3');
    expect(seen.at(-1)).toBe('refund@1');
  });

  it('never shows a new search on the old page: controlled by a parent state', () => {
    const seen: string[] = [];
    let setSearch: (search: string) => void = () => undefined;
    function Parent() {
      const [value, setValue] = useState<SessionFilterState>({ ...EMPTY_SESSION_FILTERS, page: 3 });
      setSearch = useRecordedFilters(seen, { value, onValueChange: setValue }).setSearch;
      return null;
    }
    render(<Parent />);
    act(() => setSearch('refund'));
    act(() => vi.advanceTimersByTime(300));
    expect(seen).not.toContain('refund@3');
    expect(seen.at(-1)).toBe('refund@1');
  });

  it('shows a controlled value handed down by the parent at once, in the render that hands it', () => {
    const seen: string[] = [];
    let setParent: (value: SessionFilterState) => void = () => undefined;
    function Parent() {
      const [value, setValue] = useState<SessionFilterState>(EMPTY_SESSION_FILTERS);
      setParent = setValue;
      useRecordedFilters(seen, { value, onValueChange: setValue });
      return null;
    }
    render(<Parent />);
    const rendersBefore = seen.length;
    act(() => setParent({ ...EMPTY_SESSION_FILTERS, page: 7 }));
    expect(seen.slice(rendersBefore)).toEqual(['@7']);
  });
});
