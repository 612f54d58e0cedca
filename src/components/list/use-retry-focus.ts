import { useEffect, useRef, useState, type RefObject } from 'react';
import type { UsePaymentSessionsResult } from '../../hooks/use-payment-sessions';
import type { SessionListState } from './session-list-state';

/**
 * Where the list's Retry stands: `running` until its request settles; `settled` for the one render
 * before the outcome is read; `failed` while the error it did not clear is shown; else `idle`.
 */
export type RetryState = 'idle' | 'running' | 'settled' | 'failed';

/** What {@link useRetryFocus} hands the list. */
export interface RetryFocus {
  retryState: RetryState;
  /** The Retry button's click: fetches again, unless a retry is already running. */
  onRetry: () => void;
  /** Moves focus once the list has loaded, like a Retry does (for Clear filters). */
  focusAfterLoad: () => void;
  /** The empty or no-results state, which takes focus after a load that brought no rows. */
  stateRef: RefObject<HTMLDivElement | null>;
}

/**
 * Retry and Clear filters remove the button that has focus once the list loads: focus then moves to the
 * first row, or to the empty state when there is none. A Retry that fails again keeps focus on Retry and
 * is reported as `failed` (the alert's text would not change, so nothing would be announced).
 *
 * @param list - the list's `usePaymentSessions` result (its error, and `retry`)
 * @param state - the list's state; focus moves once it has settled
 * @param busy - whether a request is running (focus waits for it)
 * @param rootRef - the list's root element (its document says where focus is now)
 * @param focusFirstRow - focuses the first row; `false` when there is none
 */
export function useRetryFocus(
  list: Pick<UsePaymentSessionsResult, 'error' | 'retry'>,
  state: SessionListState,
  busy: boolean,
  rootRef: RefObject<HTMLElement | null>,
  focusFirstRow: () => boolean,
): RetryFocus {
  const { error, retry } = list;
  const [retryState, setRetryState] = useState<RetryState>('idle');
  const focusPending = useRef(false);
  const stateRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (retryState === 'settled' || (retryState === 'failed' && !error)) setRetryState(error ? 'failed' : 'idle');
    if (!focusPending.current || busy || retryState === 'running') return;
    focusPending.current = false;
    if (error) return;
    const active = rootRef.current?.ownerDocument.activeElement;
    if (active && active !== rootRef.current?.ownerDocument.body) return;
    if (!focusFirstRow()) stateRef.current?.focus();
  }, [busy, error, retryState, state, focusFirstRow, rootRef]);
  const onRetry = () => {
    if (retryState === 'running') return;
    focusPending.current = true;
    setRetryState('running');
    void retry().finally(() => setRetryState('settled'));
  };
  const focusAfterLoad = () => {
    focusPending.current = true;
  };
  return { retryState, onRetry, focusAfterLoad, stateRef };
}
