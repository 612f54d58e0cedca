/**
 * The whole page over the real fake Truemed (in memory): the list, the detail dialog with its actions
 * area, the browser's actions client sending to the fake's write routes, and the list read back.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PaymentSessionsProvider, preloadSessionDetail, SessionList } from 'react-payment-sessions';
import { allowedActions, createTruemedActions, refundableOf } from 'react-payment-sessions/actions';
import { createFakeTruemedFetcher } from 'react-payment-sessions/testing';
import { TRUEMED_API_KEY_HEADER } from '../../../src/adapters/truemed/wire';
import { getFormatters } from '../../../src/components/format';

vi.setConfig({ testTimeout: 30_000 });
beforeAll(() => preloadSessionDetail());
beforeEach(() => sessionStorage.clear());

/** The fake's fetcher and an actions client over the same fake, every request to it recorded. */
function fakeStack() {
  const requests: string[] = [];
  const fetcher = createFakeTruemedFetcher({ sessions: 20, seed: 13, include: { items: true, refunds: true, disputes: true }, summarizeRefunds: true });
  // Every request reaching the fake, the list's reads and the actions' writes alike.
  const { api } = fetcher;
  const handler = api.handler.bind(api);
  api.handler = (request: Request) => {
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    return handler(request);
  };
  const actions = createTruemedActions({
    baseUrl: 'https://truemed.fake.invalid',
    fetch: (input, init) => {
      const request = new Request(input, init);
      request.headers.set(TRUEMED_API_KEY_HEADER, 'test_truemed_key');
      return api.handler(request);
    },
  });
  return { fetcher, actions, requests };
}

describe('SessionActions in the detail dialog, over the fake Truemed', () => {
  it('a partial refund: one write, then the row shows the new status', async () => {
    const user = userEvent.setup();
    const { fetcher, actions, requests } = fakeStack();
    const { sessions } = await fetcher({ page: 1, pageSize: 20 }, { signal: new AbortController().signal });
    const session = sessions.find((candidate) => allowedActions(candidate).includes('refund') && (refundableOf(candidate)?.amountMinor ?? 0) > 100);
    if (!session) throw new Error("the fake's dataset has no refundable session");
    const refundable = refundableOf(session)!;
    const money = getFormatters('en-US', 'UTC').money;

    render(
      <PaymentSessionsProvider fetcher={fetcher} actions={actions} locale="en-US" timeZone="UTC">
        <SessionList />
      </PaymentSessionsProvider>,
    );
    await user.click(await screen.findByRole('button', { name: `Open session ${session.id}` }));
    const detail = await screen.findByRole('dialog', { name: `Payment session ${session.id}` });
    await user.click(await within(detail).findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refund' });
    const amount = within(dialog).getByRole('textbox', { name: `Amount (${refundable.currency})` });
    await user.clear(amount);
    await user.type(amount, '1');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    const to = session.customer?.email || session.customer?.name;
    const expected = `Refund ${money({ amountMinor: 100, currency: refundable.currency })} of ${money(refundable)}${to ? ` to ${to}` : ''}.`;
    expect(within(dialog).getByText(expected)).toBeInTheDocument();

    requests.length = 0;
    await user.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Done.'));
    expect(requests.filter((request) => request.startsWith('POST'))).toEqual(['POST /payments/v1/refund']);

    // Escape closes the refund dialog only; focus is back on its button inside the detail.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getAllByRole('dialog')).toHaveLength(1));
    await waitFor(() => expect(within(detail).getByRole('button', { name: 'Refund' })).toHaveFocus());
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const row = screen.getByRole('button', { name: `Open session ${session.id}` }).closest('tr')!;
    await waitFor(() => expect(row).toHaveTextContent('Partially refunded'));
    // One write, then the list page on screen once (the detail's record comes from that page).
    expect(requests).toEqual(['POST /payments/v1/refund', 'GET /payments/v1/payment_sessions']);
  });

  it('no actions client: the detail dialog has no actions area', async () => {
    const user = userEvent.setup();
    const { fetcher } = fakeStack();
    render(
      <PaymentSessionsProvider fetcher={fetcher} locale="en-US" timeZone="UTC">
        <SessionList />
      </PaymentSessionsProvider>,
    );
    const rows = await screen.findAllByRole('button', { name: /^Open session / });
    await user.click(rows[0]!);
    const detail = await screen.findByRole('dialog');
    expect(within(detail).queryByRole('group', { name: 'Actions' })).toBeNull();
    expect(within(detail).queryByRole('button', { name: /^(Refund|Capture|Void|Cancel session)$/ })).toBeNull();
  });
});
