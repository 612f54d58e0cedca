import { useCallback, useState } from 'react';
import type { PaymentSession } from '../../core/types';
import { useControllableState } from '../../hooks/use-controllable-state';
import { usePaymentSession } from '../../hooks/use-payment-session';
import type { SessionLookup } from '../detail/types';
import { useSessionWorkspace } from '../workspace';

/** What {@link useSelectedSession} needs from the list. */
export interface SelectedSessionOptions {
  /** The controlled open session's id (`null`: none), or `undefined` when not controlled. */
  selectedSessionId: string | null | undefined;
  defaultSelectedSessionId: string | null | undefined;
  onSelectedSessionChange: ((sessionId: string | null) => void) | undefined;
  onSessionOpen: ((session: PaymentSession) => void) | undefined;
  /** Whether the list shows the workspace's own query (no `query` or `filters` prop of its own). */
  listsWorkspaceQuery: boolean;
  /** The rows on the current page. */
  sessions: PaymentSession[];
  /** Whether the current query's page has answered (it is there and not a previous query's). */
  pageAnswered: boolean;
}

/** Which session's detail is open, and what the detail dialog shows for it. */
export interface SelectedSession {
  /** The open session's id (`null`: none). */
  selectedId: string | null;
  /** The session the detail shows; kept after closing, for the exit animation and the focus return. */
  shownSession: PaymentSession | null;
  /** What the dialog shows while a selected id off the current page is fetched, missing or failed. */
  sessionLookup: SessionLookup | undefined;
  detailOpen: boolean;
  /** A row was activated (click, Enter, Space). */
  onActivate: (session: PaymentSession) => void;
  onDetailOpenChange: (open: boolean) => void;
}

/**
 * The list's selection: the open session's id (controlled, uncontrolled, or the workspace's `?session=`),
 * and the session it names, from the current page or, for an id off that page, fetched by id.
 */
export function useSelectedSession(options: SelectedSessionOptions): SelectedSession {
  const { sessions, pageAnswered, onSelectedSessionChange, onSessionOpen } = options;
  // Listing the workspace's own query with URL sync, the open session is the workspace's `?session=`.
  const workspace = useSessionWorkspace();
  const workspaceSelection = options.listsWorkspaceQuery && options.selectedSessionId === undefined ? workspace : null;
  const urlSelected = workspaceSelection?.selectedSessionId;
  const setUrlSelected = workspaceSelection?.setSelectedSessionId;
  const [selectedId, setSelectedId] = useControllableState<string | null>({
    value: options.selectedSessionId !== undefined ? options.selectedSessionId : urlSelected,
    defaultValue: options.defaultSelectedSessionId ?? null,
    onValueChange: useCallback(
      (id: string | null) => {
        setUrlSelected?.(id);
        onSelectedSessionChange?.(id);
      },
      [setUrlSelected, onSelectedSessionChange],
    ),
    caller: 'SessionList',
  });
  // The session the detail shows: kept after closing (exit animation, focus return) and when the page
  // that held it is gone (the host may control `selectedSessionId` from the URL).
  const [shownSession, setShownSession] = useState<PaymentSession | null>(null);
  const onPage = selectedId === null ? undefined : sessions.find((s) => s.id === selectedId);
  // A selected id that is not on the current page (a shared `?session=` link) is fetched by id, once the
  // current page has answered, so a session on that page costs no request of its own.
  const lookupId = selectedId !== null && onPage === undefined && shownSession?.id !== selectedId && pageAnswered ? selectedId : null;
  const remote = usePaymentSession(lookupId);
  const remoteSession = lookupId !== null && remote.session ? remote.session : undefined;
  const selectedSession =
    selectedId === null ? null : (onPage ?? remoteSession ?? (shownSession?.id === selectedId ? shownSession : null));
  if (selectedSession && selectedSession !== shownSession) setShownSession(selectedSession);
  // Without `getSession` (or without an id) there is nothing to look up: the dialog stays closed, as before.
  const sessionLookup: SessionLookup | undefined =
    lookupId === null || selectedSession
      ? undefined
      : remote.isNotFound
        ? { sessionId: lookupId, state: 'not-found' }
        : remote.error
          ? { sessionId: lookupId, state: 'error', error: remote.error, onRetry: () => void remote.retry() }
          : remote.loadingState === 'loading' || remote.loadingState === 'refreshing'
            ? { sessionId: lookupId, state: 'loading' }
            : undefined;
  const detailOpen = selectedSession !== null || sessionLookup !== undefined;

  const onActivate = useCallback(
    (session: PaymentSession) => {
      setShownSession(session);
      setSelectedId(session.id);
      onSessionOpen?.(session);
    },
    [onSessionOpen, setSelectedId],
  );

  const onDetailOpenChange = useCallback(
    (open: boolean) => {
      if (!open) setSelectedId(null);
    },
    [setSelectedId],
  );

  return { selectedId, shownSession, sessionLookup, detailOpen, onActivate, onDetailOpenChange };
}
