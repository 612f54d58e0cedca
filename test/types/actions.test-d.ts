/**
 * Type tests for react-payment-sessions/actions. Checked by `tsc -p tsconfig.json` (never run: the file name
 * matches no vitest project).
 */
import { expectTypeOf } from 'vitest';
import {
  createTruemedActions,
  useSessionAction,
  type SessionActionConfirmProblem,
  type SessionActionRequest,
  type SessionActionsClient,
  type SessionActionStatus,
} from 'react-payment-sessions/actions';
import type { Money, PaymentSession } from 'react-payment-sessions/headless';

declare const session: PaymentSession;
declare const amount: Money;

export function useActionTypes() {
  const refund = useSessionAction(session, 'refund');
  expectTypeOf(refund.status).toEqualTypeOf<SessionActionStatus>();
  expectTypeOf(refund.confirm({ amount, reason: 'customer_request' })).toEqualTypeOf<SessionActionConfirmProblem | null>();
  expectTypeOf(refund.input).toEqualTypeOf<{ amount: Money; reason: 'customer_request' | 'fraudulent' | 'duplicate_payment'; items?: { name?: string; sku?: string; quantity: number; amount?: Money }[] } | undefined>();
  // @ts-expect-error a refund needs its amount and reason
  refund.confirm();
  // @ts-expect-error the reason is one of Truemed's
  refund.confirm({ amount, reason: 'changed_mind' });

  const capture = useSessionAction(session, 'capture');
  capture.confirm({ amount });
  // @ts-expect-error a capture needs its amount
  capture.confirm();

  // Void and cancel take no input.
  useSessionAction(session, 'void').confirm();
  useSessionAction(undefined, 'cancel').confirm(undefined);

  // A host's own backend is any object of the client's shape.
  const own: SessionActionsClient = {
    source: 'my-backend',
    actions: ['refund'],
    run: async (request: SessionActionRequest) => ({ action: request.action, sessionId: request.sessionId }),
  };
  expectTypeOf(createTruemedActions({ baseUrl: '/api/truemed' })).toEqualTypeOf<SessionActionsClient>();
  void own;
}
