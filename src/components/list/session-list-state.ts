import type { LoadingState } from '../../hooks/use-payment-sessions';
import type { SessionQuery } from '../../core/types';

/**
 * What a `SessionList` shows, written as its root's `data-state`:
 * - `loading` — nothing to show yet (skeleton rows);
 * - `refreshing` — rows are shown while a request runs (the current query's, or the previous query's
 *   while `data-stale` is set);
 * - `ready` — the rows are the answer to the current query;
 * - `empty` — the backend has no sessions at all;
 * - `no-results` — no session matches the filters;
 * - `error` — the last request failed (any last good rows stay visible).
 */
export type SessionListState = 'loading' | 'refreshing' | 'ready' | 'empty' | 'no-results' | 'error';

/** Derives the list's one state string from the hook's loading state (flags such as "busy" are derived from it, never kept beside it). */
export function deriveListState(input: {
  loadingState: LoadingState;
  hasData: boolean;
  rowCount: number;
  isFiltered: boolean;
}): SessionListState {
  const { loadingState, hasData, rowCount, isFiltered } = input;
  if (loadingState === 'error') return 'error';
  // No page yet and no error: a request is about to start or running (also on the server without fallbackData).
  if (!hasData) return 'loading';
  if (loadingState === 'loading' || loadingState === 'refreshing') return rowCount > 0 ? 'refreshing' : 'loading';
  if (rowCount === 0) return isFiltered ? 'no-results' : 'empty';
  return 'ready';
}

/** Whether a (normalized) query narrows the list: anything but page, page size and include flags. */
export function queryNarrows(query: SessionQuery): boolean {
  return Boolean(
    query.search ||
      query.status?.length ||
      query.kind?.length ||
      query.createdFrom ||
      query.createdTo ||
      query.capturedFrom ||
      query.capturedTo ||
      query.excludePending ||
      query.excludeVoided ||
      query.paymentToken,
  );
}
