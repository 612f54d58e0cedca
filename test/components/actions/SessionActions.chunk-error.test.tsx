/**
 * The detail dialog when the actions' chunk cannot be loaded (offline, a new deployment): the rest of the
 * detail works, and the actions area says the service is out of reach instead of showing nothing.
 */
import { render, screen, within } from '@testing-library/react';
import { PaymentSessionsProvider, preloadSessionDetail, SessionDetail, type SessionFetcher } from 'react-payment-sessions';
import { SESSION_ACTIONS, type SessionActionsClient } from 'react-payment-sessions/actions';
import { makeSessions } from 'react-payment-sessions/testing';

vi.mock('../../../src/components/actions/SessionActions', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

beforeAll(() => preloadSessionDetail());

it('keeps the detail and explains the missing actions', async () => {
  const [session] = makeSessions({ count: 1, seed: 9 });
  const client: SessionActionsClient = { source: session!.source, actions: SESSION_ACTIONS, run: () => Promise.reject(new Error('not called')) };
  const fetcher = Object.assign(async () => ({ sessions: [], total: 0, page: 1, pageSize: 20, pageCount: 0 }), {
    source: session!.source,
    capabilities: { search: false, filters: [] },
  }) satisfies SessionFetcher;
  render(
    <PaymentSessionsProvider fetcher={fetcher} actions={client}>
      <SessionDetail session={session} defaultOpen />
    </PaymentSessionsProvider>,
  );
  const dialog = await screen.findByRole('dialog');
  expect(await within(dialog).findByText('The payment service could not be reached. Check the connection and try again.')).toBeInTheDocument();
  expect(within(dialog).getByRole('region', { name: 'Amounts' })).toBeInTheDocument();
});
