/**
 * SessionActions' dialogs over a small in-test actions client: what each state shows and announces, what
 * is sent (exactly one write per confirmed attempt, the same key on Retry), and the keyboard-only path.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { PaymentSessionsProvider, PaymentSessionsError, ThemeProvider, type PaymentSession, type SessionFetcher } from 'react-payment-sessions';
import { SESSION_ACTIONS, SessionActions, type SessionActionRequest, type SessionActionResult, type SessionActionsClient } from 'react-payment-sessions/actions';
import { messagesDe } from 'react-payment-sessions/locales/de';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

const emptyFetcher = Object.assign(async () => ({ sessions: [], total: 0, page: 1, pageSize: 20, pageCount: 0 }), {
  source: 'test',
  capabilities: { search: false, filters: [] },
}) satisfies SessionFetcher;

function captured(overrides: Partial<PaymentSession> = {}): PaymentSession {
  return {
    id: 'ps_captured',
    source: 'test',
    status: 'captured',
    createdAt: '2024-05-01T09:00:00Z',
    amount: usd(5_000),
    capturedAmount: usd(5_000),
    refundedAmount: usd(0),
    refundableAmount: usd(5_000),
    customer: { name: 'Jane Doe', email: 'jane@example.com' },
    items: [],
    refunds: [],
    disputes: [],
    ...overrides,
  } as PaymentSession;
}

function authorized(overrides: Partial<PaymentSession> = {}): PaymentSession {
  return captured({ id: 'ps_authorized', status: 'authorized', capturedAmount: undefined, refundableAmount: undefined, refundedAmount: undefined, capturableAmount: usd(8_000), amount: usd(8_000), ...overrides });
}

/** A client that records every request and answers with `answer` (a promise per call). */
function testClient(answer: (request: SessionActionRequest, call: number) => Promise<Omit<SessionActionResult, 'action' | 'sessionId'>>) {
  const requests: SessionActionRequest[] = [];
  const client: SessionActionsClient = {
    source: 'test',
    actions: SESSION_ACTIONS,
    run: async (request) => {
      requests.push(request);
      const result = await answer(request, requests.length);
      return { action: request.action, sessionId: request.sessionId, ...result };
    },
  };
  return { client, requests };
}

function renderActions(session: PaymentSession, client: SessionActionsClient | undefined, wrap: (children: ReactNode) => ReactNode = (children) => children) {
  return render(
    <PaymentSessionsProvider fetcher={emptyFetcher} actions={client}>
      {wrap(<SessionActions session={session} />)}
    </PaymentSessionsProvider>,
  );
}

/** Waits for the dialog to say, and announce, that it is done. */
async function succeeded(dialog: HTMLElement) {
  await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Done.'));
  expect(within(dialog).getAllByText('Done.')).toHaveLength(2);
}

const httpError = (code: string, status = 400, kind: 'http' | 'auth' = 'http') => new PaymentSessionsError({ kind, status, code, message: `upstream said ${code}` });

// Several userEvent steps per test, on a shared machine.
vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => sessionStorage.clear());

describe('SessionActions: which buttons', () => {
  it('renders nothing without an actions client', async () => {
    const { container } = renderActions(captured(), undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.querySelector('button')).toBeNull();
  });

  it('renders nothing for a session of another source', async () => {
    const { client } = testClient(async () => ({}));
    const { container } = renderActions(captured({ source: 'oneentry' }), client);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.querySelector('button')).toBeNull();
  });

  it('offers refund on a captured session, capture and void on an authorization, cancel on a pending one', async () => {
    const { client } = testClient(async () => ({}));
    const first = renderActions(captured(), client);
    const group = await screen.findByRole('group', { name: 'Actions' });
    expect(within(group).getAllByRole('button').map((button) => button.textContent)).toEqual(['Refund']);
    first.unmount();
    const second = renderActions(authorized(), client);
    expect((await screen.findAllByRole('button')).map((button) => button.textContent)).toEqual(['Capture', 'Void']);
    second.unmount();
    renderActions(captured({ id: 'ps_pending', status: 'pending', capturedAmount: undefined, refundableAmount: undefined }), client);
    expect((await screen.findAllByRole('button')).map((button) => button.textContent)).toEqual(['Cancel session']);
  });
});

describe('RefundDialog', () => {
  it('a partial refund: the typed amount, the exact confirmation, one request, then done and focus back on the trigger', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async () => ({ id: 're_1' }));
    renderActions(captured(), client);
    const trigger = await screen.findByRole('button', { name: 'Refund' });
    await user.click(trigger);
    const dialog = await screen.findByRole('dialog', { name: 'Refund' });
    const amount = within(dialog).getByRole('textbox', { name: 'Amount (USD)' });
    // All that is refundable by default.
    expect(amount).toHaveValue('50.00');
    expect(amount).toHaveAccessibleDescription('At most $50.00.');
    await user.clear(amount);
    await user.type(amount, '12');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Reason' }), 'duplicate_payment');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(within(dialog).getByText('Refund $12.00 of $50.00 to jane@example.com.')).toBeInTheDocument();
    expect(requests).toHaveLength(0);
    const confirm = within(dialog).getByRole('button', { name: 'Refund now' });
    await user.dblClick(confirm);
    await succeeded(dialog);
    // A double click sends one write.
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ action: 'refund', sessionId: 'ps_captured', amount: usd(1_200), reason: 'duplicate_payment' });
    expect(requests[0]!.idempotencyKey).toMatch(/^[A-Za-z0-9_.:-]{1,255}$/);
    await user.click(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1)!);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: 'Refund' })).toHaveFocus();
  });

  it('an amount above what is left: the error is tied to the field, the input kept, nothing sent', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async () => ({}));
    renderActions(captured(), client);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog');
    const amount = within(dialog).getByRole('textbox', { name: 'Amount (USD)' });
    await user.clear(amount);
    await user.type(amount, '60');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(amount).toHaveAccessibleDescription('At most $50.00. That is more than is left.');
    expect(amount).toHaveValue('60');
    await user.clear(amount);
    await user.type(amount, 'abc');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(amount).toHaveAccessibleDescription('At most $50.00. Enter an amount like 12.50.');
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['ChargeDisputed', 'This payment is disputed, so it cannot be refunded now.'],
    ['AmountInvalid', 'The amount is more than can be refunded, or not valid.'],
    ['NoSessionCaptures', 'Nothing has been captured yet, so nothing can be refunded.'],
    ['IdempotencyKeyReused', 'This request was already sent with different details. Close and start again.'],
    ['SomethingNew', 'The payment service refused this action.'],
    // Backend text is never read as a property of the messages.
    ['constructor', 'The payment service refused this action.'],
  ])('a failure with %s says so, keeps the typed amount and offers Retry', async (code, text) => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async () => {
      throw httpError(code);
    });
    renderActions(captured(), client);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog');
    const amount = within(dialog).getByRole('textbox', { name: 'Amount (USD)' });
    await user.clear(amount);
    await user.type(amount, '12');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await user.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(`That did not work.${text}`);
    expect(within(dialog).getByRole('textbox', { name: 'Amount (USD)' })).toHaveValue('12');
    expect(within(dialog).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(requests).toHaveLength(1);
  });

  it('a corrected amount after a failure is a new attempt with a new key', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async (_request, call) => {
      if (call === 1) throw httpError('AmountInvalid');
      return {};
    });
    renderActions(captured(), client);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await user.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    const amount = await within(dialog).findByRole('textbox', { name: 'Amount (USD)' });
    await user.clear(amount);
    await user.type(amount, '10');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(within(dialog).getByText('Refund $10.00 of $50.00 to jane@example.com.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    await succeeded(dialog);
    expect(requests.map((request) => 'amount' in request && request.amount.amountMinor)).toEqual([5_000, 1_000]);
    expect(requests[1]!.idempotencyKey).not.toBe(requests[0]!.idempotencyKey);
  });

  it('an unknown outcome says check before retrying; Retry sends the same key and input', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async (_request, call) => {
      if (call === 1) throw new PaymentSessionsError({ kind: 'outcome_unknown', message: 'timed out' });
      return { id: 're_2' };
    });
    renderActions(captured(), client);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog');
    const amount = within(dialog).getByRole('textbox', { name: 'Amount (USD)' });
    await user.clear(amount);
    await user.type(amount, '12');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await user.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Outcome unknown — check before retrying.');
    // What was attempted stays in view.
    expect(within(dialog).getByText('Refund $12.00 of $50.00 to jane@example.com.')).toBeInTheDocument();
    const retry = within(dialog).getByRole('button', { name: 'Retry' });
    expect(retry).toHaveFocus();
    await user.click(retry);
    await succeeded(dialog);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.idempotencyKey).toBe(requests[0]!.idempotencyKey);
    expect(requests[1]).toEqual(requests[0]);
  });

  it('while the write runs: aria-busy, the button marked disabled, Escape does not close', async () => {
    const user = userEvent.setup();
    let finish: () => void = () => undefined;
    const { client, requests } = testClient(() => new Promise((resolve) => (finish = () => resolve({}))));
    renderActions(captured(), client);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await user.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    const running = within(dialog).getByRole('button', { name: 'Working…' });
    expect(running).toHaveAttribute('aria-disabled', 'true');
    expect(dialog).toHaveAttribute('aria-busy', 'true');
    expect(within(dialog).getByRole('status')).toHaveTextContent('Working…');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await user.click(running);
    expect(requests).toHaveLength(1);
    finish();
    await succeeded(dialog);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('quantities per line item where quantityRefundable is known, sent as item_details', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async () => ({}));
    const session = captured({
      items: [
        { name: 'Rowing machine', sku: 'ROW-01', quantity: 2, unitPrice: usd(2_000), total: usd(4_000), quantityRefundable: 2 },
        { name: 'Greens powder', quantity: 1, unitPrice: usd(1_000), total: usd(1_000) },
      ],
    });
    renderActions(session, client);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog');
    // Only the line whose refundable quantity is known gets a field.
    expect(within(dialog).getAllByRole('spinbutton')).toHaveLength(1);
    const quantity = within(dialog).getByRole('spinbutton', { name: 'Rowing machine: quantity to refund (at most 2)' });
    await user.type(quantity, '3');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(quantity).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText('Check the line item quantities.')).toBeInTheDocument();
    await user.clear(quantity);
    await user.type(quantity, '1');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await user.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    await succeeded(dialog);
    expect(requests[0]).toMatchObject({ action: 'refund', items: [{ sku: 'ROW-01', quantity: 1 }] });
  });

  it('keyboard only: Tab to the button, Enter, type, Tab, Enter, Enter', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async () => ({}));
    renderActions(captured(), client);
    await screen.findByRole('button', { name: 'Refund' });
    await user.tab();
    expect(screen.getByRole('button', { name: 'Refund' })).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    const amount = within(dialog).getByRole('textbox', { name: 'Amount (USD)' });
    await waitFor(() => expect(amount).toHaveFocus());
    await user.keyboard('{Control>}a{/Control}7.5');
    await user.tab();
    expect(within(dialog).getByRole('combobox', { name: 'Reason' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Review' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(within(dialog).getByText('Refund $7.50 of $50.00 to jane@example.com.')).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Refund now' })).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1)).toHaveFocus());
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ amount: usd(750), reason: 'customer_request' });
    // Focus stays inside the dialog.
    await user.tab();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: 'Refund' })).toHaveFocus();
  });

  it('a viewer whose write is refused with Forbidden is told so', async () => {
    const user = userEvent.setup();
    const { client } = testClient(async () => {
      throw httpError('Forbidden', 403, 'auth');
    });
    renderActions(captured(), client);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await user.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You are not allowed to do this. Ask an administrator.');
  });

  it('speaks German with the German messages, amounts typed with a decimal comma', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async () => {
      throw httpError('ChargeDisputed');
    });
    render(
      <PaymentSessionsProvider fetcher={emptyFetcher} actions={client} locale="de-DE">
        <ThemeProvider messages={messagesDe}>
          <SessionActions session={captured()} />
        </ThemeProvider>
      </PaymentSessionsProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Erstatten' }));
    const dialog = await screen.findByRole('dialog');
    const amount = within(dialog).getByRole('textbox', { name: 'Betrag (USD)' });
    await user.clear(amount);
    await user.type(amount, '12,5');
    await user.click(within(dialog).getByRole('button', { name: 'Prüfen' }));
    expect(within(dialog).getByText('12,50 $ von 50,00 $ erstatten an jane@example.com.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Jetzt erstatten' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Diese Zahlung ist angefochten und kann jetzt nicht erstattet werden.');
    expect(requests[0]).toMatchObject({ amount: usd(1_250) });
  });
});

describe('CaptureDialog', () => {
  it('captures at most what is capturable, all of it by default', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async () => ({ id: 'cap_1' }));
    renderActions(authorized(), client);
    await user.click(await screen.findByRole('button', { name: 'Capture' }));
    const dialog = await screen.findByRole('dialog', { name: 'Capture' });
    const amount = within(dialog).getByRole('textbox', { name: 'Amount (USD)' });
    expect(amount).toHaveValue('80.00');
    await user.clear(amount);
    await user.type(amount, '80.01');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(amount).toHaveAccessibleDescription('At most $80.00. That is more than is left.');
    await user.clear(amount);
    await user.type(amount, '60');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(within(dialog).getByText('Capture $60.00 of $80.00 authorized.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Capture now' }));
    await succeeded(dialog);
    expect(requests).toEqual([expect.objectContaining({ action: 'capture', sessionId: 'ps_authorized', amount: usd(6_000) })]);
  });

  it('SessionCaptured: the message for the code', async () => {
    const user = userEvent.setup();
    const { client } = testClient(async () => {
      throw httpError('SessionCaptured');
    });
    renderActions(authorized(), client);
    await user.click(await screen.findByRole('button', { name: 'Capture' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    await user.click(within(dialog).getByRole('button', { name: 'Capture now' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This authorization was already captured.');
    expect(within(dialog).getByRole('textbox', { name: 'Amount (USD)' })).toHaveValue('80.00');
  });
});

describe('ConfirmActionDialog', () => {
  it('void: a confirmation step, then one request; once the voided record arrives the buttons go and focus is on the area', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async () => ({}));
    let setSession: (session: PaymentSession) => void = () => undefined;
    // The record as the list holds it: replaced when its revalidation brings the backend's new one.
    function Holder() {
      const [session, set] = useState(authorized);
      setSession = set;
      return <SessionActions session={session} />;
    }
    render(
      <PaymentSessionsProvider fetcher={emptyFetcher} actions={client}>
        <Holder />
      </PaymentSessionsProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Void' }));
    const dialog = await screen.findByRole('dialog', { name: 'Void' });
    expect(within(dialog).getByText('Release the hold of $80.00. The customer is not charged.')).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Void now' })).toHaveFocus());
    expect(requests).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Void now' }));
    await succeeded(dialog);
    expect(requests).toEqual([expect.objectContaining({ action: 'void', sessionId: 'ps_authorized' })]);
    act(() => setSession(authorized({ status: 'voided', capturableAmount: undefined })));
    // The dialog stays, saying done, until it is closed.
    expect(within(dialog).getAllByText('Done.')).toHaveLength(2);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Void' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Capture' })).toBeNull();
    // Focus is on the (now empty) actions area, not lost to the page.
    expect(document.activeElement).toHaveClass('rps-session-actions');
  });

  it('cancel: closing without confirming sends nothing; confirming sends one cancel', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async () => ({}));
    renderActions(captured({ id: 'ps_pending', status: 'pending', capturedAmount: undefined, refundableAmount: undefined }), client);
    await user.click(await screen.findByRole('button', { name: 'Cancel session' }));
    let dialog = await screen.findByRole('dialog', { name: 'Cancel session' });
    expect(within(dialog).getByText('Cancel this session. The customer can no longer pay it.')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Cancel session' }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel session now' }));
    await succeeded(dialog);
    expect(requests).toEqual([expect.objectContaining({ action: 'cancel', sessionId: 'ps_pending' })]);
  });

  it('a failed void offers Retry with the same key', async () => {
    const user = userEvent.setup();
    const { client, requests } = testClient(async (_request, call) => {
      if (call === 1) throw httpError('ServerError', 500);
      return {};
    });
    renderActions(authorized(), client);
    await user.click(await screen.findByRole('button', { name: 'Void' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Void now' }));
    // A 5xx may have happened: the hook reports it as unknown, and Retry reuses the key.
    const retry = await within(dialog).findByRole('button', { name: 'Retry' });
    await user.click(retry);
    await succeeded(dialog);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.idempotencyKey).toBe(requests[0]!.idempotencyKey);
  });
});
