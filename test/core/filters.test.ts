import { describe, expect, it } from 'vitest';
import { filtersToQuery } from '../../src/core/filter-query';
import {
  EMPTY_SESSION_FILTERS,
  filterDefinition,
  filterParamNames,
  filtersFromParams,
  filtersMappedBy,
  filtersToParams,
  hasActiveFilters,
  isFilterActive,
  SESSION_FILTER_DEFINITIONS,
  type SessionFilterState,
} from '../../src/core/filters';
import { effectivePageSize } from '../../src/core/pagination';
import type { FetcherCapabilities } from '../../src/core/types';

const state = (patch: Partial<SessionFilterState>): SessionFilterState => ({ ...EMPTY_SESSION_FILTERS, ...patch });

describe('SESSION_FILTER_DEFINITIONS', () => {
  it('has one row per filter field, with distinct fields, parameters and query fields', () => {
    const fields = SESSION_FILTER_DEFINITIONS.map((d) => d.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(Object.keys(EMPTY_SESSION_FILTERS).sort()).toEqual([...fields, 'page', 'pageSize'].sort());
    const params = filterParamNames();
    expect(new Set(params).size).toBe(params.length);
  });

  it('leaves the text search without a capability and names every other filter by its capability', () => {
    expect(filterDefinition('search')).not.toHaveProperty('capability');
    expect(filterDefinition('created')).toMatchObject({ capability: 'createdAt', query: { from: 'createdFrom', to: 'createdTo' } });
    expect(filterDefinition('excludeVoided')).toMatchObject({ capability: 'excludeVoided', query: 'excludeVoided' });
  });

  it('names the query-string parameters after the query fields, in snake_case', () => {
    expect(filterParamNames()).toEqual([
      'search',
      'status',
      'kind',
      'created_from',
      'created_to',
      'captured_from',
      'captured_to',
      'exclude_pending',
      'exclude_voided',
      'payment_token',
      'page',
      'page_size',
    ]);
  });
});

describe('EMPTY_SESSION_FILTERS and hasActiveFilters', () => {
  it('is inactive for the empty state, whatever the page', () => {
    expect(hasActiveFilters(EMPTY_SESSION_FILTERS)).toBe(false);
    expect(hasActiveFilters(state({ page: 7, pageSize: 100 }))).toBe(false);
    expect(Object.isFrozen(EMPTY_SESSION_FILTERS)).toBe(true);
  });

  it.each<[string, Partial<SessionFilterState>]>([
    ['search', { search: ' x ' }],
    ['status', { status: ['captured'] }],
    ['kind', { kind: ['authorization'] }],
    ['created', { created: { from: '2026-01-01' } }],
    ['captured', { captured: { to: '2026-01-01' } }],
    ['excludePending', { excludePending: true }],
    ['excludeVoided', { excludeVoided: true }],
    ['paymentToken', { paymentToken: 'tok' }],
  ])('is active when %s narrows the list, and only that row says so', (field, patch) => {
    const s = state(patch);
    expect(hasActiveFilters(s)).toBe(true);
    expect(SESSION_FILTER_DEFINITIONS.filter((d) => isFilterActive(d, s)).map((d) => d.field)).toEqual([field]);
  });

  it('treats whitespace-only text as no filter', () => {
    expect(hasActiveFilters(state({ search: '   ', paymentToken: ' ' }))).toBe(false);
  });
});

describe('filtersToParams / filtersFromParams', () => {
  it('writes every filter in table order, then the page, and reads it back', () => {
    const full = state({
      search: 'ann',
      status: ['captured', 'pending'],
      kind: ['authorization'],
      created: { from: '2026-01-01', to: '2026-01-31' },
      captured: { from: '2026-02-01' },
      excludePending: true,
      excludeVoided: true,
      paymentToken: 'tok_1',
      page: 3,
      pageSize: 50,
    });
    const params = filtersToParams(full, EMPTY_SESSION_FILTERS, 'p_');
    expect([...params.keys()]).toEqual([
      'p_search',
      'p_status',
      'p_kind',
      'p_created_from',
      'p_created_to',
      'p_captured_from',
      'p_exclude_pending',
      'p_exclude_voided',
      'p_payment_token',
      'p_page',
      'p_page_size',
    ]);
    expect(filtersFromParams(params, EMPTY_SESSION_FILTERS, 'p_')).toEqual(full);
  });

  it('ignores a malformed day or flag and keeps the rest', () => {
    const read = filtersFromParams(new URLSearchParams('created_from=yesterday&created_to=2026-01-02&exclude_pending=maybe'), EMPTY_SESSION_FILTERS);
    expect(read.created).toEqual({ to: '2026-01-02' });
    expect(read.excludePending).toBe(false);
  });
});

describe('filtersToQuery', () => {
  const capabilities: FetcherCapabilities = { search: true, filters: [], statuses: ['captured'], kinds: ['authorization'], maxPageSize: 50 };

  it('maps each row to its query fields, keeping only listed values and capping the page size', () => {
    const { query, dateRangeErrors } = filtersToQuery(
      state({
        search: ' ann ',
        status: ['captured', 'bogus'],
        kind: ['authorization', 'bogus'],
        created: { from: '2026-03-08', to: '2026-03-08' },
        excludeVoided: true,
        paymentToken: 'tok',
        pageSize: 1000,
        page: 2,
      }),
      { timeZone: 'America/New_York', capabilities },
    );
    expect(dateRangeErrors).toEqual({});
    expect(query).toEqual({
      page: 2,
      pageSize: 50,
      search: 'ann',
      status: ['captured'],
      kind: ['authorization'],
      createdFrom: '2026-03-08T05:00:00.000Z',
      createdTo: '2026-03-09T03:59:59.999Z',
      excludeVoided: true,
      paymentToken: 'tok',
    });
  });

  it('passes every value through without capabilities', () => {
    const { query } = filtersToQuery(state({ status: ['anything'], pageSize: 1000 }), { timeZone: 'UTC' });
    expect(query).toEqual({ page: 1, pageSize: 1000, status: ['anything'] });
  });

  it('leaves out and reports a range whose start is after its end, per range', () => {
    const { query, dateRangeErrors } = filtersToQuery(state({ captured: { from: '2026-02-02', to: '2026-02-01' }, created: { from: '2026-01-01' } }), {
      timeZone: 'UTC',
    });
    expect(Object.keys(dateRangeErrors)).toEqual(['captured']);
    expect(query.capturedFrom).toBeUndefined();
    expect(query.createdFrom).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('filtersMappedBy', () => {
  it('names, in table order, the filters whose query fields are all mapped', () => {
    expect(filtersMappedBy({ paymentToken: 'x', createdFrom: 'a', createdTo: 'b', capturedFrom: 'c', search: 's' })).toEqual(['createdAt', 'paymentToken']);
    expect(filtersMappedBy({})).toEqual([]);
  });
});

describe('effectivePageSize', () => {
  it('lowers the requested size to the backend maximum, and only then', () => {
    expect(effectivePageSize(1000, { maxPageSize: 100 })).toBe(100);
    expect(effectivePageSize(30, { maxPageSize: 100 })).toBe(30);
    expect(effectivePageSize(1000, {})).toBe(1000);
    expect(effectivePageSize(1000, undefined)).toBe(1000);
  });
});
