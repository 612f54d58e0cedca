import { useCallback, useState } from 'react';
import type { PaymentSession } from '../../core/types';
import { useControllableState } from '../../hooks/use-controllable-state';
import { usePaymentSession } from '../../hooks/use-payment-session';
import type { UsePaymentSessionsResult } from '../../hooks/use-payment-sessions';
import type { SessionLookup } from '../detail/types';
import { useSessionWorkspace } from '../workspace';

/** The `SessionList` props that decide which session is open. */
export interface SelectionProps {
  /** The list's own query or filters: with neither, it lists the workspace's query. */
  query?: unknown;
  filters?: unknown;
  /** The controlled open session's id (`null`: none); `undefined` when not controlled. */
  selectedSessionId?: string | null;
  defaultSelectedSessionId?: string | null;
  onSelectedSessionChange?: (sessionId: string | null) => void;
  onSessionOpen?: (session: PaymentSession) => void;
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
export function useSelectedSession(
  props: SelectionProps,
  list: Pick<UsePaymentSessionsResult, 'sessions' | 'data' | 'isStale'>,
): SelectedSession {
  const { onSelectedSessionChange, onSessionOpen } = props;
  const { sessions } = list;
  // Listing the workspace's own query with URL sync, the open session is the workspace's `?session=`.
  const workspace = useSessionWorkspace();
  const workspaceSelection =
    props.query === undefined && props.filters === undefined && props.selectedSessionId === undefined ? workspace : null;
  const urlSelected = workspaceSelection?.selectedSessionId;
  const setUrlSelected = workspaceSelection?.setSelectedSessionId;
  const [selectedId, setSelectedId] = useControllableState<string | null>({
    value: props.selectedSessionId !== undefined ? props.selectedSessionId : urlSelected,
    defaultValue: props.defaultSelectedSessionId ?? null,
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
  const lookupId = selectedId !== null && onPage === undefined && shownSession?.id !== selectedId && list.data !== undefined && !list.isStale
      ? selectedId
      : null;
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
