import { useEffect, useState } from 'react';
import { lookup } from '../../core/lookup';
import { queryKey } from '../../core/query';
import type { UsePaymentSessionsResult } from '../../hooks/use-payment-sessions';
import type { Messages } from '../messages';
import type { SessionListState } from './session-list-state';
import type { RetryState } from './use-retry-focus';

/** What the polite live region says in each state (nothing once rows are shown). */
export function liveMessageFor(state: SessionListState, isStale: boolean, messages: Messages): string {
  if (state === 'loading') return messages.loading;
  if (isStale) return messages.showingStaleData;
  if (state === 'refreshing') return messages.refreshing;
  if (state === 'empty') return messages.empty;
  if (state === 'no-results') return messages.noResults;
  return '';
}

/** How many sessions a filter matched, said once on the page it was first shown on. */
export interface FilterAnnouncement {
  /** The filter's key (its query on page 1). */
  filter: string;
  /** The page it is said on; `-1` once another page of the same filter is shown. */
  page: number;
  text: string;
}

/**
 * The announcement after a `ready` render: unchanged on the same page of the same filter (the same object,
 * so React skips the update), silenced on another page of it (Pagination announces pages), new for a new
 * filter (`countText` is asked only then).
 */
export function nextFilterAnnouncement(
  previous: FilterAnnouncement | null,
  filter: string,
  page: number,
  countText: () => string,
): FilterAnnouncement {
  if (previous?.filter === filter) return previous.page === page ? previous : { ...previous, page: -1, text: '' };
  return { filter, page, text: countText() };
}

/**
 * The live region's text: a running Retry, then a Retry that failed again (with its reason, since the
 * alert's text does not change), then the count of a new filter's first page, then the state's own text.
 * `filter` is the current filter's key, to match against the announcement's.
 */
export function listLiveMessage(
  state: SessionListState,
  list: Pick<UsePaymentSessionsResult, 'isStale' | 'error' | 'page'>,
  retryState: RetryState,
  messages: Messages,
  announcement: FilterAnnouncement | null,
  filter: string,
): string {
  const { error } = list;
  if (retryState === 'running') return messages.retrying;
  if (retryState === 'failed' && error) return `${messages.errorTitle}: ${lookup(messages.errorReason, error.kind) ?? error.message}`;
  if (state === 'ready' && announcement?.filter === filter && announcement.page === list.page) return announcement.text;
  return liveMessageFor(state, list.isStale, messages);
}

/**
 * The text of the list's polite live region (see {@link listLiveMessage}); a new filter's first page is
 * announced with how many sessions it matched.
 */
export function useListAnnouncement(
  state: SessionListState,
  list: Pick<UsePaymentSessionsResult, 'isStale' | 'error' | 'query' | 'page' | 'total' | 'totalIsLowerBound'>,
  retryState: RetryState,
  messages: Messages,
): string {
  const { page, total, totalIsLowerBound } = list;
  const [announcement, setAnnouncement] = useState<FilterAnnouncement | null>(null);
  const filter = queryKey({ ...list.query, page: 1 });
  useEffect(() => {
    if (state !== 'ready' || total === undefined) return;
    setAnnouncement((previous) =>
      nextFilterAnnouncement(previous, filter, page, () => (totalIsLowerBound ? messages.resultsAtLeast(total) : messages.resultsCount(total))),
    );
  }, [state, filter, page, total, totalIsLowerBound, messages]);
  return listLiveMessage(state, list, retryState, messages, announcement, filter);
}
