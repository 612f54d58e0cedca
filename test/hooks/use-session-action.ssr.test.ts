/**
 * useSessionAction rendered on the server (the `node` project: no window, no sessionStorage): it renders
 * idle, reading nothing a server does not have.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { SWRConfig } from 'swr';
import { useSessionAction, type SessionActionsClient } from 'react-payment-sessions/actions';
import { PaymentSessionsProvider, type PaymentSession } from 'react-payment-sessions/headless';
import { createFakeFetcher, makeSessions } from './fake-fetcher';

function RefundState({ session }: { session: PaymentSession }) {
  const refund = useSessionAction(session, 'refund');
  return createElement('span', { 'data-status': refund.status, 'data-available': String(refund.available) });
}

it('renders idle on the server, with the action available', () => {
  expect(typeof window).toBe('undefined');
  const session: PaymentSession = { ...makeSessions(1)[0]!, status: 'captured', refundableAmount: { amountMinor: 500, currency: 'USD' } };
  const actions: SessionActionsClient = { source: 'fake', actions: ['refund'], run: vi.fn() };
  const html = renderToString(
    createElement(
      SWRConfig,
      { value: { provider: () => new Map() } },
      createElement(PaymentSessionsProvider, { fetcher: createFakeFetcher(), actions }, createElement(RefundState, { session })),
    ),
  );
  expect(html).toBe('<span data-status="idle" data-available="true"></span>');
  expect(actions.run).not.toHaveBeenCalled();
});
