import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import {
  actionLimitOf,
  actionRequest,
  actionsFor,
  applyActionResult,
  checkActionInput,
  newIdempotencyKey,
  type ActionInputProblem,
  type SessionActionInputs,
  type SessionActionName,
  type SessionActionResult,
} from '../core/actions';
import type { PaymentSessionsError } from '../core/errors';
import type { Money, PaymentSession } from '../core/types';
import { usePaymentSessionsConfig } from './context';
import { clearRun, runOf, startRun, subscribeRuns, type ActionRun } from './session-action-runs';
import { useRefreshPaymentSessions, useUpdateCachedSession } from './use-refresh-payment-sessions';

/**
 * Where one action on one session stands:
 * `idle → confirming → running → succeeded | failed | unknown`. `unknown`: no answer came (a timeout, a
 * lost connection, a reload while it ran), so the action may have happened — check before retrying;
 * Retry sends the same key, which cannot do it twice.
 */
export type SessionActionStatus = 'idle' | 'confirming' | 'running' | 'succeeded' | 'failed' | 'unknown';

/** Why `confirm` sent nothing: the input's problem, or the state's. */
export type SessionActionConfirmProblem =
  | ActionInputProblem
  /** No actions client, or it does not support this action or session. */
  | 'unavailable'
  /** An action on this session is running. */
  | 'busy'
  /** An earlier attempt on this session has an unknown outcome: retry it or reset first. */
  | 'unresolved';

/** Options of {@link useSessionAction}. */
export interface UseSessionActionOptions {
  /**
   * After a success, fetch the session and the list pages on screen again (their totals with them).
   * @defaultValue true
   */
  revalidate?: boolean;
  /** Called once when this hook's attempt succeeded. */
  onSuccess?: (result: SessionActionResult) => void;
}

/** What {@link useSessionAction} returns. */
export interface UseSessionActionResult<A extends SessionActionName> {
  status: SessionActionStatus;
  isConfirming: boolean;
  isRunning: boolean;
  isSucceeded: boolean;
  isFailed: boolean;
  isUnknown: boolean;
  /** Whether this action can be offered on this session (a client that supports it, a session that allows it). */
  available: boolean;
  /** Every action the client can perform on this session now (empty without a client). */
  allowed: SessionActionName[];
  /** Another action on this session is running, or has an unknown outcome: offer none but that one. */
  busy: boolean;
  /** The most this action may move (refundable or capturable), when known. */
  limit: Money | undefined;
  /**
   * The session, showing the effect of a success (new status and amounts) until the revalidated record
   * arrives from the backend. Pass the record the list or `usePaymentSession` holds (not a copy made on
   * each render): a new object is taken for the backend's new record.
   */
  session: PaymentSession | undefined;
  /** The latest attempt's input, kept for the form on failure and for an unknown outcome's message. */
  input: SessionActionInputs[A] | undefined;
  error: PaymentSessionsError | null;
  result: SessionActionResult | null;
  /**
   * `idle` (or a settled attempt of this action) → `confirming`; nothing while the action is not
   * available or an attempt on the session runs or has an unknown outcome.
   */
  begin: () => void;
  /**
   * Sends the action with a new idempotency key, if `input` passes the checks; returns why not otherwise
   * (nothing sent). While an attempt runs, another confirm (a double click) sends nothing.
   */
  confirm: (...input: SessionActionInputs[A] extends undefined ? [input?: undefined] : [input: SessionActionInputs[A]]) => SessionActionConfirmProblem | null;
  /** Sends a `failed` or `unknown` attempt again, with its own key and input. */
  retry: () => void;
  /** Back to `idle`, forgetting a settled attempt (not a running one). */
  reset: () => void;
}

/** This hook's own state before an attempt takes over: for which session, idle or confirming. */
interface LocalState {
  sessionId: string | undefined;
  confirming: boolean;
}

/** What a hook that witnessed a success shows until the backend's record replaces `base`. */
interface Optimistic {
  run: ActionRun;
  base: PaymentSession;
}

const NO_RUN = () => null;

/** The records written into the cache with an action's effect applied, so the effect is never applied twice. */
const patchedRecords = new WeakSet<PaymentSession>();

/**
 * One merchant action on one session, headless: the client comes from `PaymentSessionsProvider`'s
 * `actions`; without one, `available` is false and `allowed` empty.
 *
 * Safe by construction: every confirmed attempt gets one idempotency key, which Retry reuses (so a
 * double click, a retry after a timeout or a reload never performs it twice); one action per session at
 * a time across every hook on the page; an attempt whose answer never came is kept in `sessionStorage`,
 * and after a reload the hook comes back `unknown` with that key. After a success the session and the
 * list pages on screen are fetched again (one request each), and `session` shows the new state meanwhile.
 *
 * @example
 * function RefundButton({ session }: { session: PaymentSession }) {
 *   const refund = useSessionAction(session, 'refund');
 *   if (!refund.available && refund.status === 'idle') return null;
 *   if (refund.status === 'confirming') {
 *     return <button onClick={() => refund.confirm({ amount: refund.limit!, reason: 'customer_request' })}>Refund all</button>;
 *   }
 *   if (refund.status === 'unknown') return <button onClick={refund.retry}>Check and retry</button>;
 *   return <button disabled={refund.isRunning || refund.busy} onClick={refund.begin}>Refund</button>;
 * }
 */
export function useSessionAction<A extends SessionActionName>(
  session: PaymentSession | null | undefined,
  action: A,
  options: UseSessionActionOptions = {},
): UseSessionActionResult<A> {
  const { revalidate = true, onSuccess } = options;
  const client = usePaymentSessionsConfig()?.actions;
  const refresh = useRefreshPaymentSessions();
  const updateCachedSession = useUpdateCachedSession();
  const sessionId = session?.id;
  const getRun = useCallback(() => (client && sessionId !== undefined ? runOf(client, sessionId) : null), [client, sessionId]);
  const run = useSyncExternalStore(subscribeRuns, getRun, NO_RUN);
  const [local, setLocal] = useState<LocalState>({ sessionId, confirming: false });
  const [optimistic, setOptimistic] = useState<Optimistic | null>(null);

  // The first render that sees a success remembers the record it had then; that record, and only that
  // one, is shown with the action's effect while the revalidation runs.
  if (run?.status === 'succeeded' && run.revalidating && session && optimistic?.run !== run) {
    setOptimistic({ run, base: session });
  }
  const shown = useMemo(() => {
    // A record the cache already holds with the effect applied (see afterSuccess) is shown as it is.
    if (session && patchedRecords.has(session)) return session;
    if (!session || !optimistic || optimistic.run !== run || optimistic.base !== session || !run.result) return session ?? undefined;
    const { attempt } = run;
    return applyActionResult(session, actionRequest(attempt.action, session.id, attempt.input, attempt.idempotencyKey), run.result);
  }, [session, optimistic, run]);

  const mine = run !== null && run.attempt.action === action;
  const confirming = local.confirming && local.sessionId === sessionId;
  const status: SessionActionStatus = mine ? run.status : confirming ? 'confirming' : 'idle';
  const busy = run !== null && !mine && (run.status === 'running' || run.status === 'unknown');
  const allowed = useMemo(() => (shown ? actionsFor(shown, client) : []), [shown, client]);
  const available = allowed.includes(action);

  const afterSuccess = useCallback(
    async (result: SessionActionResult) => {
      onSuccess?.(result);
      if (!revalidate || sessionId === undefined || !client) return;
      // The row, the totals and the detail show the effect at once; then the backend's truth replaces it.
      const attempt = runOf(client, sessionId)?.attempt;
      if (attempt) {
        const request = actionRequest(attempt.action, sessionId, attempt.input, attempt.idempotencyKey);
        await updateCachedSession(sessionId, (cached) => {
          const patched = applyActionResult(cached, request, result);
          patchedRecords.add(patched);
          return patched;
        });
      }
      await refresh((entry) => entry.kind === 'page' || entry.id === sessionId);
    },
    [onSuccess, revalidate, refresh, updateCachedSession, sessionId, client],
  );

  const begin = useCallback(() => {
    if (!client || !shown || !actionsFor(shown, client).includes(action)) return;
    const current = runOf(client, shown.id);
    if (current?.status === 'running' || current?.status === 'unknown') return;
    if (current?.attempt.action === action) clearRun(client, shown.id);
    setLocal({ sessionId: shown.id, confirming: true });
  }, [client, shown, action]);

  const confirm = useCallback(
    (input?: SessionActionInputs[A]): SessionActionConfirmProblem | null => {
      if (!client || !shown) return 'unavailable';
      const current = runOf(client, shown.id);
      if (current?.status === 'running') return 'busy';
      if (current?.status === 'unknown') return 'unresolved';
      if (!actionsFor(shown, client).includes(action)) return 'unavailable';
      const problem = checkActionInput(shown, action, input as SessionActionInputs[A]);
      if (problem) return problem;
      setLocal({ sessionId: shown.id, confirming: false });
      const attempt = { action, input: input as SessionActionInputs[A], idempotencyKey: newIdempotencyKey() };
      return startRun(client, shown.id, attempt, afterSuccess) ? null : 'busy';
    },
    [client, shown, action, afterSuccess],
  ) as UseSessionActionResult<A>['confirm'];

  const retry = useCallback(() => {
    if (!client || sessionId === undefined) return;
    const current = runOf(client, sessionId);
    if (current?.attempt.action !== action || (current.status !== 'failed' && current.status !== 'unknown')) return;
    startRun(client, sessionId, current.attempt, afterSuccess);
  }, [client, sessionId, action, afterSuccess]);

  const reset = useCallback(() => {
    setLocal({ sessionId, confirming: false });
    if (!client || sessionId === undefined) return;
    if (runOf(client, sessionId)?.attempt.action === action) clearRun(client, sessionId);
  }, [client, sessionId, action]);

  return {
    status,
    isConfirming: status === 'confirming',
    isRunning: status === 'running',
    isSucceeded: status === 'succeeded',
    isFailed: status === 'failed',
    isUnknown: status === 'unknown',
    available,
    allowed,
    busy,
    limit: shown ? actionLimitOf(shown, action) : undefined,
    session: shown,
    input: mine ? (run.attempt.input as SessionActionInputs[A]) : undefined,
    error: mine ? (run.error ?? null) : null,
    result: mine ? (run.result ?? null) : null,
    begin,
    confirm,
    retry,
    reset,
  };
}
