/**
 * Type tests for useRefreshPaymentSessions. Checked by `tsc -p tsconfig.json` (never run: the file name
 * matches no vitest project).
 */
import { expectTypeOf } from 'vitest';
import {
  useRefreshPaymentSessions,
  type PaymentSessionsCacheEntry,
  type PaymentSessionsRefreshMatch,
  type SessionQuery,
} from 'react-payment-sessions';

declare const entry: PaymentSessionsCacheEntry;

export function useRefreshTypes() {
  const refresh = useRefreshPaymentSessions();
  expectTypeOf(refresh).toEqualTypeOf<(match?: PaymentSessionsRefreshMatch) => Promise<void>>();
  expectTypeOf(refresh()).toEqualTypeOf<Promise<void>>();

  // `kind` narrows the entry: a page has its query, a session its id.
  void refresh((entry) => (entry.kind === 'page' ? entry.query.status?.includes('refunded') === true : entry.id === 'ps_1'));
  if (entry.kind === 'page') expectTypeOf(entry.query).toEqualTypeOf<Readonly<SessionQuery>>();
  else expectTypeOf(entry.id).toEqualTypeOf<string>();

  // The entry is read-only: a match cannot change what the cache keys stand for.
  // @ts-expect-error kind is readonly
  void refresh((page) => ((page.kind = 'session'), true));
  // @ts-expect-error a match returns a boolean
  void refresh(() => 'yes');
}
