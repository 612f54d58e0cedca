import { useCallback, useMemo } from 'react';
import type { SessionFiltersUrlOptions } from './use-session-filters';
import { urlListeners, useUrlSearch } from './use-session-filters';

/** The longest `?session=` value read; longer ones (no backend's id) are ignored like junk. */
const MAX_SESSION_PARAM_LENGTH = 200;

/** The query-string parameter that holds the open session's id, with the filters' prefix. */
export function sessionParamName(prefix = ''): string {
  return `${prefix}session`;
}

/** The open session's id a query string names, or `null` (missing, empty, too long). */
export function sessionIdFromSearch(search: string, prefix = ''): string | null {
  const value = new URLSearchParams(search).get(sessionParamName(prefix))?.trim() ?? '';
  return value === '' || value.length > MAX_SESSION_PARAM_LENGTH ? null : value;
}

/**
 * The open session's id kept in the query string (`?session=ps_…`, with the filters' `prefix`): read on load
 * and on Back/Forward, written when a row opens and removed when the detail closes (`push` adds a history
 * entry, so Back closes the dialog again). Beside `useSessionFilters({ syncWithUrl })`, which owns the
 * filter parameters; each leaves the other's alone. `null` on the server and while hydrating.
 */
export function useSessionIdUrlState(
  enabled: boolean,
  options: SessionFiltersUrlOptions = {},
): [sessionId: string | null, setSessionId: (sessionId: string | null) => void] {
  const prefix = options.prefix ?? '';
  const historyMode = options.history ?? 'push';
  const search = useUrlSearch(enabled);
  const sessionId = useMemo(() => (search === null ? null : sessionIdFromSearch(search, prefix)), [search, prefix]);
  const setSessionId = useCallback(
    (next: string | null) => {
      if (!enabled || typeof window === 'undefined') return;
      const url = new URL(window.location.href);
      const name = sessionParamName(prefix);
      if ((url.searchParams.get(name) ?? null) === next) return;
      if (next === null) url.searchParams.delete(name);
      else url.searchParams.set(name, next);
      // Keep the host router's history state; only our parameter changes.
      if (historyMode === 'push') window.history.pushState(window.history.state, '', url);
      else window.history.replaceState(window.history.state, '', url);
      for (const listener of urlListeners) listener();
    },
    [enabled, prefix, historyMode],
  );
  return [sessionId, setSessionId];
}
