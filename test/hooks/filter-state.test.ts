import fc from 'fast-check';
import {
  EMPTY_SESSION_FILTERS,
  filterParamNames,
  filtersFromParams,
  filtersToParams,
  hasActiveFilters,
  type SessionFilterState,
} from 'react-payment-sessions/headless';

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const range = fc.record({ from: day, to: day }, { requiredKeys: [] });
const word = fc.stringMatching(/^[a-z_]{1,12}$/);
const text = fc.string({ maxLength: 20 }).map((s) => s.trim());

const filterState: fc.Arbitrary<SessionFilterState> = fc.record({
  search: text,
  status: fc.uniqueArray(word, { maxLength: 4 }),
  kind: fc.uniqueArray(word, { maxLength: 2 }),
  created: range,
  captured: range,
  excludePending: fc.boolean(),
  excludeVoided: fc.boolean(),
  paymentToken: text,
  page: fc.integer({ min: 1, max: 10_000 }),
  pageSize: fc.integer({ min: 1, max: 1000 }),
});

describe('filter state in the query string', () => {
  it('reads back exactly what it wrote, whatever the defaults', () => {
    fc.assert(
      fc.property(filterState, filterState, fc.constantFrom('', 'rps_'), (state, defaults, prefix) => {
        const params = filtersToParams(state, defaults, prefix);
        // Through a real URL, as the browser would hand it back.
        const url = new URL(`https://portal.example/sessions?${params.toString()}`);
        expect(filtersFromParams(url.searchParams, defaults, prefix)).toEqual(state);
      }),
    );
  });

  it('writes nothing for the defaults and only owned, prefixed names otherwise', () => {
    fc.assert(
      fc.property(filterState, (state) => {
        expect(filtersToParams(state, state).toString()).toBe('');
        const owned = new Set(filterParamNames('rps_'));
        for (const name of filtersToParams(state, EMPTY_SESSION_FILTERS, 'rps_').keys()) expect(owned.has(name)).toBe(true);
      }),
    );
  });

  it('writes a list cleared from a non-empty default as an empty parameter', () => {
    const defaults = { ...EMPTY_SESSION_FILTERS, status: ['captured'] };
    const params = filtersToParams({ ...defaults, status: [] }, defaults);
    expect(params.toString()).toBe('status=');
    expect(filtersFromParams(params, defaults).status).toEqual([]);
    expect(filtersFromParams(new URLSearchParams(''), defaults).status).toEqual(['captured']);
  });

  it('says whether anything narrows the list (page and page size do not)', () => {
    expect(hasActiveFilters({ ...EMPTY_SESSION_FILTERS, page: 4, pageSize: 100 })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_SESSION_FILTERS, captured: { to: '2024-01-01' } })).toBe(true);
    expect(hasActiveFilters({ ...EMPTY_SESSION_FILTERS, search: '  ' })).toBe(false);
  });
});
