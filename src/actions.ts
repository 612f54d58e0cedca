/**
 * `react-payment-sessions/actions`: merchant actions on payment sessions — refund, capture, void and
 * cancel. The rules (which actions a session allows, amount checks, idempotency keys), the browser's
 * Truemed client (through the host's proxy), the headless `useSessionAction` hook, and `SessionActions`
 * (the buttons and dialogs, fetched as a chunk of their own on first render). An entry of its own, so that a
 * portal that only looks never loads any of it.
 */

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
export { SessionActions } from './session-actions-loader';
