/**
 * The merchant actions in flight, shared by every `useSessionAction` on the page: at most one attempt per
 * session and actions client, its state, and its key and input kept in `sessionStorage` until the outcome
 * is known, so that a reload comes back to "outcome unknown" with the same key instead of a fresh one.
 * React-free.
 */
import {
  actionRequest,
  IDEMPOTENCY_KEY_PATTERN,
  isOutcomeUnknown,
  REFUND_REASONS,
  SESSION_ACTIONS,
  type SessionActionInputs,
  type SessionActionName,
  type SessionActionResult,
  type SessionActionsClient,
} from '../core/actions';
import { isPaymentSessionsError, PaymentSessionsError } from '../core/errors';
import { isCurrencyCode } from '../core/money';
import { isPlainRecord } from '../core/sanitize';

/** One confirmed attempt: what it does and the key every send of it carries. */
export interface ActionAttempt<A extends SessionActionName = SessionActionName> {
  action: A;
  input: SessionActionInputs[A];
  idempotencyKey: string;
}

/** Where an attempt stands. */
export type ActionRunStatus = 'running' | 'succeeded' | 'failed' | 'unknown';

/** The latest attempt on one session (replaced, never mutated, on every change). */
export interface ActionRun {
  status: ActionRunStatus;
  attempt: ActionAttempt;
  error?: PaymentSessionsError;
  result?: SessionActionResult;
  /** Succeeded, and the cached pages and session are being fetched again. */
  revalidating?: boolean;
}

/** Runs by client, then by session id (a Map: session ids are backend text). */
const runs = new WeakMap<SessionActionsClient, Map<string, ActionRun | null>>();
const listeners = new Set<() => void>();

function runsOf(client: SessionActionsClient): Map<string, ActionRun | null> {
  let map = runs.get(client);
  if (!map) {
    map = new Map();
    runs.set(client, map);
  }
  return map;
}

function setRun(client: SessionActionsClient, sessionId: string, run: ActionRun | null): void {
  runsOf(client).set(sessionId, run);
  for (const listener of listeners) listener();
}

/** Calls `listener` on every change of any run. */
export function subscribeRuns(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The latest attempt on a session, or `null`. The first read after a page load looks into
 * `sessionStorage`: an attempt found there was sent before the reload and never answered, so it is
 * `unknown`, with its key and input for Retry.
 */
export function runOf(client: SessionActionsClient, sessionId: string): ActionRun | null {
  const map = runsOf(client);
  let run = map.get(sessionId);
  if (run === undefined) {
    const attempt = readStoredAttempt(client, sessionId);
    run = attempt ? { status: 'unknown', attempt } : null;
    map.set(sessionId, run);
  }
  return run;
}

/** What {@link startRun} calls once the attempt succeeded. */
export type RunSucceeded = (result: SessionActionResult) => Promise<unknown> | void;

/**
 * Sends `attempt` for `sessionId` through `client`, unless an attempt on that session is running already
 * (`false`: nothing sent). The attempt is stored before the send and forgotten once its outcome is known.
 * A write is never aborted once sent (leaving a page does not undo a refund), so its signal never aborts.
 */
export function startRun(client: SessionActionsClient, sessionId: string, attempt: ActionAttempt, onSucceeded?: RunSucceeded): boolean {
  if (runOf(client, sessionId)?.status === 'running') return false;
  storeAttempt(client, sessionId, attempt);
  setRun(client, sessionId, { status: 'running', attempt });
  const request = actionRequest(attempt.action, sessionId, attempt.input, attempt.idempotencyKey);
  let sent: Promise<SessionActionResult>;
  try {
    sent = Promise.resolve(client.run(request, { signal: new AbortController().signal }));
  } catch (error) {
    // A host's client that throws before returning a promise: settled below like any failure.
    sent = Promise.reject(error);
  }
  void sent.then(
    async (result) => {
      forgetAttempt(client, sessionId);
      setRun(client, sessionId, { status: 'succeeded', attempt, result, revalidating: true });
      try {
        await onSucceeded?.(result);
      } catch (error) {
        // A host's callback failing does not undo the action: report it as an uncaught error, the way a
        // throwing event handler would be.
        setTimeout(() => {
          throw error;
        });
      } finally {
        if (runsOf(client).get(sessionId)?.result === result) setRun(client, sessionId, { status: 'succeeded', attempt, result });
      }
    },
    (thrown: unknown) => {
      const error = isPaymentSessionsError(thrown)
        ? thrown
        : new PaymentSessionsError({ kind: 'outcome_unknown', message: 'The action failed without a readable answer. It may or may not have happened: check the session before retrying.', cause: thrown });
      const unknown = isOutcomeUnknown(thrown);
      // A refusal is final; an unknown outcome keeps its key for Retry, across a reload too.
      if (!unknown) forgetAttempt(client, sessionId);
      setRun(client, sessionId, { status: unknown ? 'unknown' : 'failed', attempt, error });
    },
  );
  return true;
}

/** Forgets the latest attempt on a session (not one that is running): the merchant has checked it. */
export function clearRun(client: SessionActionsClient, sessionId: string): void {
  if (runOf(client, sessionId)?.status === 'running') return;
  forgetAttempt(client, sessionId);
  setRun(client, sessionId, null);
}

const STORAGE_PREFIX = 'react-payment-sessions:action|';

function storageKey(client: SessionActionsClient, sessionId: string): string {
  return `${STORAGE_PREFIX}${client.source}|${sessionId}`;
}

/** `sessionStorage`, where there is one and the page may use it (a sandboxed frame throws on access). */
function sessionStore(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function storeAttempt(client: SessionActionsClient, sessionId: string, attempt: ActionAttempt): void {
  try {
    sessionStore()?.setItem(storageKey(client, sessionId), JSON.stringify({ sessionId, ...attempt }));
  } catch {
    // Full or refused storage: the attempt still runs, it just cannot outlive a reload.
  }
}

function forgetAttempt(client: SessionActionsClient, sessionId: string): void {
  try {
    sessionStore()?.removeItem(storageKey(client, sessionId));
  } catch {
    // Nothing to forget where nothing could be stored.
  }
}

function readStoredAttempt(client: SessionActionsClient, sessionId: string): ActionAttempt | undefined {
  let stored: unknown;
  try {
    const text = sessionStore()?.getItem(storageKey(client, sessionId));
    if (typeof text !== 'string') return undefined;
    stored = JSON.parse(text);
  } catch {
    return undefined;
  }
  return parseAttempt(stored, sessionId);
}

function isMoney(value: unknown): boolean {
  return isPlainRecord(value) && Number.isSafeInteger(value.amountMinor) && isCurrencyCode(value.currency);
}

/** An attempt read back from storage, if it is one for `sessionId` (anything else is ignored). */
function parseAttempt(stored: unknown, sessionId: string): ActionAttempt | undefined {
  if (!isPlainRecord(stored) || stored.sessionId !== sessionId) return undefined;
  const { action, input, idempotencyKey } = stored;
  if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) return undefined;
  const name = SESSION_ACTIONS.find((known) => known === action);
  if (name === 'void' || name === 'cancel') return { action: name, input: undefined, idempotencyKey };
  if (!isPlainRecord(input) || !isMoney(input.amount)) return undefined;
  if (name === 'capture') return { action: name, input: { amount: input.amount as SessionActionInputs['capture']['amount'] }, idempotencyKey };
  if (name !== 'refund') return undefined;
  const reason = REFUND_REASONS.find((known) => known === input.reason);
  if (!reason) return undefined;
  const items = input.items;
  if (items !== undefined && !(Array.isArray(items) && items.every((item) => isPlainRecord(item) && Number.isSafeInteger(item.quantity)))) return undefined;
  return { action: name, input: { ...(input as unknown as SessionActionInputs['refund']), reason }, idempotencyKey };
}
