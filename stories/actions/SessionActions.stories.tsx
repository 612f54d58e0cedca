import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PaymentSessionsError, PaymentSessionsProvider, ThemeProvider, type PaymentSession, type SessionFetcher } from 'react-payment-sessions';
import { SESSION_ACTIONS, SessionActions, type SessionActionRequest, type SessionActionsClient } from 'react-payment-sessions/actions';
import { messagesDe } from 'react-payment-sessions/locales/de';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

const noSessions = Object.assign(async () => ({ sessions: [], total: 0, page: 1, pageSize: 20, pageCount: 0 }), {
  source: 'story',
  capabilities: { search: false, filters: [] },
}) satisfies SessionFetcher;

/** A captured session; each story gets its own id, so no attempt of one story is seen by another. */
function captured(id: string, overrides: Partial<PaymentSession> = {}): PaymentSession {
  return {
    id,
    source: 'story',
    status: 'captured',
    rawStatus: overrides.status ?? 'captured',
    createdAt: '2026-05-01T09:00:00Z',
    amount: usd(5_000),
    capturedAmount: usd(5_000),
    refundedAmount: usd(0),
    refundableAmount: usd(5_000),
    customer: { name: 'Jane Doe', email: 'jane@example.com' },
    items: [
      { name: 'Rowing machine', sku: 'ROW-01', quantity: 2, unitPrice: usd(2_000), total: usd(4_000), quantityRefundable: 2 },
      { name: 'Greens powder', quantity: 1, unitPrice: usd(1_000), total: usd(1_000) },
    ],
    refunds: [],
    disputes: [],
    ...overrides,
  } as PaymentSession;
}

function authorized(id: string): PaymentSession {
  return captured(id, { status: 'authorized', capturedAmount: undefined, refundedAmount: undefined, refundableAmount: undefined, capturableAmount: usd(8_000), amount: usd(8_000) });
}

/** How the story's backend answers: at once, with a code, with no answer, or never (still running). */
type Answer = 'ok' | 'never' | 'unknown' | { code: string; status?: number };

function storyClient(answer: Answer): SessionActionsClient {
  return {
    source: 'story',
    actions: SESSION_ACTIONS,
    run: (request: SessionActionRequest) => {
      if (answer === 'ok') return Promise.resolve({ action: request.action, sessionId: request.sessionId, id: 're_story' });
      if (answer === 'never') return new Promise(() => undefined);
      if (answer === 'unknown') return Promise.reject(new PaymentSessionsError({ kind: 'outcome_unknown', message: 'The payment service did not answer in time.' }));
      const status = answer.status ?? 400;
      return Promise.reject(new PaymentSessionsError({ kind: status === 403 ? 'auth' : 'http', status, code: answer.code, message: `Upstream said ${answer.code}` }));
    },
  };
}

interface StoryArgs {
  session: PaymentSession;
  answer: Answer;
  german?: boolean;
}

function Demo({ session, answer, german }: StoryArgs) {
  // One client per story mount: its attempts are its own.
  const [client] = useState(() => storyClient(answer));
  const actions = <SessionActions session={session} />;
  return (
    <PaymentSessionsProvider fetcher={noSessions} actions={client} locale={german ? 'de-DE' : 'en-US'}>
      <ThemeProvider messages={german ? messagesDe : undefined}>{actions}</ThemeProvider>
    </PaymentSessionsProvider>
  );
}

const meta = {
  title: 'Actions/SessionActions',
  component: Demo,
  // An unknown outcome is kept for a reload in sessionStorage: no story inherits another's.
  beforeEach: () => sessionStorage.clear(),
} satisfies Meta<typeof Demo>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The dialogs are portaled to document.body, outside the story's canvas. */
const page = (canvasElement: HTMLElement) => within(canvasElement.ownerDocument.body);

/** Opens `action`'s dialog and, for refund and capture, types `amount` and reviews it. */
async function openAndReview(canvasElement: HTMLElement, button: string, amount?: string) {
  await userEvent.click(await within(canvasElement).findByRole('button', { name: button }));
  const dialog = await page(canvasElement).findByRole('dialog');
  if (amount !== undefined) {
    const field = within(dialog).getByRole('textbox');
    await userEvent.clear(field);
    await userEvent.type(field, amount);
    await userEvent.click(within(dialog).getAllByRole('button').at(-1)!);
  }
  return dialog;
}

/** Idle: one button per action the session allows. */
export const Idle: Story = {
  args: { session: captured('ps_story_idle'), answer: 'ok' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('group', { name: 'Actions' })).toBeInTheDocument();
    await expect(canvas.getAllByRole('button').map((button) => button.textContent)).toEqual(['Refund']);
  },
};

/** The refund form: the full refundable amount, the reason, per-item quantities. */
export const RefundForm: Story = {
  args: { session: captured('ps_story_form'), answer: 'ok' },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Refund');
    await expect(within(dialog).getByRole('textbox', { name: 'Amount (USD)' })).toHaveValue('50.00');
    await expect(within(dialog).getByRole('combobox', { name: 'Reason' })).toBeInTheDocument();
    await expect(within(dialog).getAllByRole('spinbutton')).toHaveLength(1);
  },
};

/** A partial amount above what is left: the error is tied to the field. */
export const RefundInvalid: Story = {
  args: { session: captured('ps_story_invalid'), answer: 'ok' },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Refund', '60');
    const field = within(dialog).getByRole('textbox', { name: 'Amount (USD)' });
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription('At most $50.00. That is more than is left.');
  },
};

/** Confirming: exactly what happens. */
export const RefundConfirming: Story = {
  args: { session: captured('ps_story_confirming'), answer: 'ok' },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Refund', '12');
    await expect(within(dialog).getByText('Refund $12.00 of $50.00 to jane@example.com.')).toBeInTheDocument();
    await expect(within(dialog).getByRole('button', { name: 'Refund now' })).toHaveFocus();
  },
};

/** Running: the button marked disabled, the dialog busy, Escape ignored. */
export const RefundRunning: Story = {
  args: { session: captured('ps_story_running'), answer: 'never' },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Refund', '12');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    await expect(within(dialog).getByRole('button', { name: 'Working…' })).toHaveAttribute('aria-disabled', 'true');
    await expect(dialog).toHaveAttribute('aria-busy', 'true');
    await userEvent.keyboard('{Escape}');
    await expect(page(canvasElement).getByRole('dialog')).toBeInTheDocument();
  },
};

/** Failed with a backend code: its message, the input kept, Retry. */
export const RefundFailed: Story = {
  args: { session: captured('ps_story_failed'), answer: { code: 'ChargeDisputed' } },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Refund', '12');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('This payment is disputed, so it cannot be refunded now.');
    await expect(within(dialog).getByRole('textbox', { name: 'Amount (USD)' })).toHaveValue('12');
    await expect(within(dialog).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  },
};

/** A viewer: the proxy refused the write with Forbidden. */
export const RefundForbidden: Story = {
  args: { session: captured('ps_story_forbidden'), answer: { code: 'Forbidden', status: 403 } },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Refund', '12');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('You are not allowed to do this. Ask an administrator.');
  },
};

/** No answer came: check before retrying; Retry (focused) reuses the key. */
export const RefundUnknown: Story = {
  args: { session: captured('ps_story_unknown'), answer: 'unknown' },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Refund', '12');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('Outcome unknown — check before retrying.');
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Retry' })).toHaveFocus());
  },
};

/** Succeeded: said and announced; Close is focused. */
export const RefundSucceeded: Story = {
  args: { session: captured('ps_story_succeeded'), answer: 'ok' },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Refund', '12');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Refund now' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Done.'));
  },
};

/** Capture: at most what is capturable, confirmed. */
export const CaptureConfirming: Story = {
  args: { session: authorized('ps_story_capture'), answer: 'ok' },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Capture', '60');
    await expect(within(dialog).getByText('Capture $60.00 of $80.00 authorized.')).toBeInTheDocument();
  },
};

/** Capture refused with SessionCaptured. */
export const CaptureFailed: Story = {
  args: { session: authorized('ps_story_capture_failed'), answer: { code: 'SessionCaptured' } },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Capture', '80');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Capture now' }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('This authorization was already captured.');
  },
};

/** Void: a confirmation step. */
export const VoidConfirming: Story = {
  args: { session: authorized('ps_story_void'), answer: 'ok' },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Void');
    await expect(within(dialog).getByText('Release the hold of $80.00. The customer is not charged.')).toBeInTheDocument();
  },
};

/** Cancel a pending session: a confirmation step, then done. */
export const CancelSucceeded: Story = {
  args: { session: captured('ps_story_cancel', { status: 'pending', capturedAmount: undefined, refundableAmount: undefined }), answer: 'ok' },
  play: async ({ canvasElement }) => {
    const dialog = await openAndReview(canvasElement, 'Cancel session');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel session now' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Done.'));
  },
};

/** German, failed with a code. */
export const GermanFailed: Story = {
  args: { session: captured('ps_story_de'), answer: { code: 'AmountInvalid' }, german: true },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Erstatten' }));
    const dialog = await page(canvasElement).findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Prüfen' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Jetzt erstatten' }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('Der Betrag ist höher als erstattbar oder ungültig.');
  },
};
