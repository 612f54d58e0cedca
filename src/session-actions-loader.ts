/**
 * The `./actions` entry's `SessionActions`: renders nothing without an actions client for the session's
 * backend, and otherwise loads the actions UI (its dialogs, Radix) in a chunk of its own. Outside
 * components/ and outside the entry file: the entry stays a plain re-export barrel (no 'use client'), and
 * loads no component up front.
 */
import { createElement, lazy, Suspense, type ReactElement } from 'react';
import { usePaymentSessionsConfig } from './hooks/context';
import type { SessionActionsProps } from './components/actions/SessionActions';

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
