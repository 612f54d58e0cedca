import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionIdFromSearch, useSessionIdUrlState } from '../../src/hooks/use-session-id-url';
import { useSessionFilters } from 'react-payment-sessions/headless';

afterEach(() => window.history.replaceState(null, '', '/'));

describe('sessionIdFromSearch', () => {
  it('reads ?session= with the prefix, and ignores an empty or over-long value', () => {
    expect(sessionIdFromSearch('?session=ps_1')).toBe('ps_1');
    expect(sessionIdFromSearch('?rps_session=ps_1&session=other', 'rps_')).toBe('ps_1');
    expect(sessionIdFromSearch('?session=')).toBeNull();
    expect(sessionIdFromSearch(`?session=${'a'.repeat(201)}`)).toBeNull();
    expect(sessionIdFromSearch('?page=2')).toBeNull();
  });
});

describe('useSessionIdUrlState beside useSessionFilters', () => {
  it('writes and removes only its own parameter, and each hook leaves the other’s alone', async () => {
    window.history.replaceState(null, '', '/portal?tab=x&status=captured');
    const { result } = renderHook(() => ({
      filters: useSessionFilters({ syncWithUrl: true }),
      session: useSessionIdUrlState(true),
    }));
    expect(result.current.session[0]).toBeNull();
    act(() => result.current.session[1]('ps_42'));
    expect(window.location.search).toBe('?tab=x&status=captured&session=ps_42');
    expect(result.current.session[0]).toBe('ps_42');

    act(() => result.current.filters.setPage(2));
    await act(async () => undefined);
    expect(new URLSearchParams(window.location.search).get('session')).toBe('ps_42');
    expect(new URLSearchParams(window.location.search).get('page')).toBe('2');

    act(() => result.current.session[1](null));
    expect(window.location.search).toBe('?tab=x&status=captured&page=2');
    expect(result.current.filters.value.page).toBe(2);
  });

  it('follows Back and Forward', async () => {
    window.history.replaceState(null, '', '/');
    const { result } = renderHook(() => useSessionIdUrlState(true));
    act(() => result.current[1]('ps_1'));
    const popped = () => new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    await act(async () => {
      window.history.back();
      await popped();
    });
    expect(result.current[0]).toBeNull();
    await act(async () => {
      window.history.forward();
      await popped();
    });
    expect(result.current[0]).toBe('ps_1');
  });

  it('does nothing when disabled', () => {
    const { result } = renderHook(() => useSessionIdUrlState(false));
    act(() => result.current[1]('ps_1'));
    expect(window.location.search).toBe('');
    expect(result.current[0]).toBeNull();
  });
});
