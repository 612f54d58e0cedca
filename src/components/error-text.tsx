import type { ReactNode } from 'react';
import type { PaymentSessionsError } from '../core/errors';
import { lookup } from '../core/lookup';
import type { Messages } from './messages';

/**
 * An alert's explanation of a failed load: what went wrong in the messages' language (by the error's
 * kind, `{prefix}-reason`), then `action` (Retry: the first thing Tab reaches), then the backend's own text
 * (`{prefix}-message`), which is often English and technical, under a Details disclosure (`{prefix}-details`).
 */
export function ErrorText({ error, messages, prefix, action }: { error: PaymentSessionsError; messages: Messages; prefix: string; action: ReactNode }) {
  const reason = lookup(messages.errorReason, error.kind) ?? error.message;
  return (
    <>
      <p className={`${prefix}-reason`}>{reason}</p>
      {action}
      {error.message && error.message !== reason ? (
        <details className={`${prefix}-details`}>
          <summary>{messages.errorDetails}</summary>
          <p className={`${prefix}-message`}>{error.message}</p>
        </details>
      ) : null}
    </>
  );
}
