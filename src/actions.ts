/**
 * `react-payment-sessions/actions`: merchant actions on payment sessions — refund, capture, void and
 * cancel. The rules (which actions a session allows, amount checks, idempotency keys), the browser's
 * Truemed client (through the host's proxy), the headless `useSessionAction` hook, and `SessionActions`
 * (the buttons and dialogs, fetched as a chunk of their own on first render). An entry of its own, so that a
 * portal that only looks never loads any of it.
 */
import { createElement, lazy, Suspense, type ReactElement } from 'react';
import { usePaymentSessionsConfig } from './hooks/context';
import type { SessionActionsProps } from './components/actions/SessionActions';

export {
  SESSION_ACTIONS,
  REFUND_REASONS,
  IDEMPOTENCY_KEY_PATTERN,
  allowedActions,
  actionsFor,
  actionLimitOf,
  refundableOf,
  capturableOf,
  isOpenDispute,
  checkActionAmount,
  checkActionInput,
  refundItemLimits,
  checkRefundItems,
  actionRequest,
  applyActionResult,
  isOutcomeUnknown,
  newIdempotencyKey,
  type SessionActionName,
  type RefundReason,
  type RefundItem,
  type RefundInput,
  type CaptureInput,
  type SessionActionInputs,
  type SessionActionRequest,
  type SessionActionResult,
  type SessionActionsClient,
  type ActionAmountProblem,
  type ActionInputProblem,
  type RefundItemLimit,
  type RefundItemProblem,
  type RefundItemIssue,
} from './core/actions';
export { createTruemedActions, type TruemedActionsOptions } from './adapters/truemed/actions';
export {
  useSessionAction,
  type SessionActionStatus,
  type SessionActionConfirmProblem,
  type UseSessionActionOptions,
  type UseSessionActionResult,
} from './hooks/use-session-action';
export type { SessionActionsProps } from './components/actions/SessionActions';
export type { ActionMessages } from './components/messages';

const LazySessionActions = lazy(() => import('./components/actions/SessionActions'));

/**
 * A session's actions area: one button per action the provider's `actions` client can perform on it
 * (refund, capture, void, cancel), each opening an accessible dialog that asks, confirms exactly what
 * happens, runs once per idempotency key and reports success, a failure by its code, or an unknown
 * outcome with a Retry that cannot act twice. Nothing without an actions client or for a session of
 * another source. Radix and the dialogs load on first render, as a chunk of their own; until then the
 * area is empty.
 *
 * @example
 * <PaymentSessionsProvider fetcher={fetcher} actions={createTruemedActions({ baseUrl: '/api/truemed' })}>
 *   <SessionActions session={session} />
 * </PaymentSessionsProvider>
 */
export function SessionActions(props: SessionActionsProps): ReactElement | null {
  const client = usePaymentSessionsConfig()?.actions;
  if (!client || client.source !== props.session.source) return null;
  return createElement(Suspense, { fallback: null }, createElement(LazySessionActions, props));
}
