import { useCallback, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { PaymentSession } from '../../core/types';
import { useBrowserLayoutEffect } from '../shared/use-browser-layout-effect';

/** The row an arrow, Home or End key moves focus to from row `index` (clamped), or `undefined` for other keys. */
export function rowKeyTarget(key: string, index: number, rowCount: number): number | undefined {
  const last = rowCount - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, last);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}

/** What {@link useRowFocus} hands the list and its rows. */
export interface RowFocus {
  /** Filled by the virtualized body so an off-screen row can be scrolled into view before it takes focus. */
  scrollToIndexRef: RefObject<((index: number) => void) | null>;
  /** Called by each row with its button element (and `null` when it goes). */
  registerTrigger: (sessionId: string, element: HTMLButtonElement | null) => void;
  /** Arrow Up/Down, Home and End on a row's button move focus to another row's button. */
  onTriggerKeyDown: (event: KeyboardEvent<HTMLButtonElement>, index: number) => void;
  /** Focuses the first row's button (scrolling it into view if needed); `false` when there are no rows. */
  focusFirstRow: () => boolean;
  /**
   * The detail dialog's close auto-focus (Radix's `onCloseAutoFocus`): focus returns to the button of the
   * row that opened it, else to the first row button still in the DOM (the one registered first).
   */
  onCloseAutoFocus: (event: Event) => void;
}

/**
 * Focus among the rows' buttons of one list: arrow keys move it (a row virtualized out of view is
 * scrolled in and focused as soon as it renders), and closing the detail returns it to the row.
 */
export function useRowFocus(sessions: PaymentSession[], shownSessionId: string | undefined): RowFocus {
  const scrollToIndexRef = useRef<((index: number) => void) | null>(null);
  // Row buttons by session id, for arrow keys and for returning focus.
  const triggers = useRef(new Map<string, HTMLButtonElement>());
  const pendingFocusId = useRef<string | null>(null);
  const registerTrigger = useCallback((sessionId: string, element: HTMLButtonElement | null) => {
    if (!element) {
      triggers.current.delete(sessionId);
      return;
    }
    triggers.current.set(sessionId, element);
    // A row scrolled into view by the keyboard gets focus as soon as it exists.
    if (pendingFocusId.current === sessionId) {
      pendingFocusId.current = null;
      element.focus();
    }
  }, []);

  // The rows as last rendered, for key handlers (which run after the commit that rendered them).
  const sessionsRef = useRef(sessions);
  useBrowserLayoutEffect(() => {
    sessionsRef.current = sessions;
  }, [sessions]);
  const focusRow = useCallback((index: number) => {
    const rows = sessionsRef.current;
    const session = rows[Math.max(0, Math.min(index, rows.length - 1))];
    if (!session) return;
    const button = triggers.current.get(session.id);
    if (button) {
      button.focus();
      return;
    }
    // Virtualized and out of view: scroll it in; `registerTrigger` focuses it once rendered.
    pendingFocusId.current = session.id;
    scrollToIndexRef.current?.(rows.indexOf(session));
  }, []);

  const onTriggerKeyDown = useCallback(
    (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = rowKeyTarget(event.key, index, sessionsRef.current.length);
      if (target === undefined) return;
      event.preventDefault();
      focusRow(target);
    },
    [focusRow],
  );

  const focusFirstRow = useCallback(() => {
    if (sessionsRef.current.length === 0) return false;
    focusRow(0);
    return true;
  }, [focusRow]);

  const onCloseAutoFocus = useCallback(
    (event: Event) => {
      // No Radix Trigger here (one dialog for all rows): return focus to the row that opened it ourselves.
      event.preventDefault();
      const button = shownSessionId === undefined ? undefined : triggers.current.get(shownSessionId);
      (button ?? triggers.current.values().next().value)?.focus();
    },
    [shownSessionId],
  );

  return { scrollToIndexRef, registerTrigger, onTriggerKeyDown, focusFirstRow, onCloseAutoFocus };
}
