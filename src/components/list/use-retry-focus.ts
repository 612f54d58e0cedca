import { useEffect, useRef, useState, type RefObject } from 'react';
import type { PaymentSessionsError } from '../../core/errors';
import type { SessionListState } from './session-list-state';

/**
 * Where the list's Retry stands: `running` until its request settles; `settled` for the one render
 * before the outcome is read; `failed` while the error it did not clear is shown; else `idle`.
 */
export type RetryState = 'idle' | 'running' | 'settled' | 'failed';

/** What {@link useRetryFocus} needs from the list. */
export interface RetryFocusOptions {
  /** The list's root element (its document says where focus is). */
  rootRef: RefObject<HTMLElement | null>;
  /** Whether a request is running or the first page is still loading. */
  busy: boolean;
  error: PaymentSessionsError | undefined;
  state: SessionListState;
  /** Fetches the current query again. */
  retry: () => Promise<void>;
  /** Focuses the first row; `false` when there is none. */
  focusFirstRow: () => boolean;
}

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
 */
export function useRetryFocus({ rootRef, busy, error, state, retry, focusFirstRow }: RetryFocusOptions): RetryFocus {
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
