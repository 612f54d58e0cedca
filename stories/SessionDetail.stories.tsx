import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  PaymentSessionsError,
  SessionDetail,
  type PaymentSession,
} from 'react-payment-sessions';
import { messagesDe } from 'react-payment-sessions/locales/de';
import { messagesFr } from 'react-payment-sessions/locales/fr';
import { makeSessions } from 'react-payment-sessions/testing';

const generated = makeSessions({ count: 60, seed: 1 });

function pick(description: string, test: (session: PaymentSession) => boolean): PaymentSession {
  const session = generated.find(test);
  if (!session) throw new Error(`The fake dataset has no ${description} session.`);
  return session;
}

/**
 * A disputed session with line items, plus one partial refund before the dispute, so every section of the
 * dialog has content (the generated dataset never combines a refund and a dispute on one session).
 */
const disputed = pick('disputed', (session) => session.disputes.length > 0 && session.items.length > 0);
const refundMinor = Math.round((disputed.capturedAmount?.amountMinor ?? 10_000) * 0.2);
const currency = disputed.amount?.currency ?? 'USD';
const richSession: PaymentSession = {
  ...disputed,
  refundedAmount: { amountMinor: refundMinor, currency },
  refunds: [
    {
      id: 're_story_partial',
      amount: { amountMinor: refundMinor, currency },
      status: 'succeeded',
      reason: 'customer_request',
      createdAt: new Date(Date.parse(disputed.capturedAt ?? disputed.createdAt ?? '2026-01-01') + 86_400_000).toISOString(),
    },
  ],
};

const authorization = pick('open authorization', (session) => session.status === 'authorized' && session.items.some((item) => item.capturable));

const minimalSession: PaymentSession = {
  id: 'ps_minimal_0001',
  source: 'custom',
  status: 'pending',
  rawStatus: 'waiting',
  createdAt: '2026-10-30T14:05:00Z',
  amount: { amountMinor: 4_999, currency: 'EUR' },
  items: [],
  refunds: [],
  disputes: [],
  raw: {},
};

const meta = {
  title: 'Components/SessionDetail',
  component: SessionDetail,
  args: { session: richSession, defaultOpen: true, locale: 'en-US', timeZone: 'America/New_York' },
} satisfies Meta<typeof SessionDetail>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The dialog is portaled to document.body, outside the story's canvas. */
function page(canvasElement: HTMLElement) {
  return within(canvasElement.ownerDocument.body);
}

/** Opened from its trigger: every section is there; Escape closes it and focus returns to the trigger. */
export const Default: Story = {
  args: { defaultOpen: false, trigger: <button type="button">Show session</button> },
  play: async ({ canvas, canvasElement }) => {
    const trigger = canvas.getByRole('button', { name: 'Show session' });
    await userEvent.click(trigger);
    const dialog = await page(canvasElement).findByRole('dialog', { name: `Payment session ${richSession.id}` });
    const sections = within(dialog)
      .getAllByRole('region')
      .map((region) => region.getAttribute('data-section'));
    await expect(sections).toEqual(['amounts', 'customer', 'timeline', 'items', 'refunds', 'disputes', 'metadata']);
    await expect(dialog).toContainElement(canvasElement.ownerDocument.activeElement as HTMLElement);

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(page(canvasElement).queryByRole('dialog')).not.toBeInTheDocument());
    await expect(trigger).toHaveFocus();
  },
};

/** An open authorization: what can still be captured, per line and in total. */
export const Authorization: Story = {
  args: { session: authorization },
  play: async ({ canvasElement }) => {
    const dialog = await page(canvasElement).findByRole('dialog');
    const items = within(dialog).getByRole('table', { name: 'Line items' });
    await expect(within(items).getByRole('columnheader', { name: 'Capturable' })).toBeInTheDocument();
    await expect(within(within(dialog).getByRole('region', { name: 'Amounts' })).getByText('Capturable')).toBeInTheDocument();
  },
};

/** A session from a backend that sends little (an unknown status is shown as the backend wrote it). */
export const Minimal: Story = {
  args: { session: minimalSession },
  play: async ({ canvasElement }) => {
    const dialog = await page(canvasElement).findByRole('dialog', { name: 'Payment session ps_minimal_0001' });
    await expect(within(dialog).getAllByRole('region')).toHaveLength(2);
  },
};

/** Dark appearance: the dialog carries it although it is portaled outside any themed element. */
export const Dark: Story = {
  args: { appearance: 'dark' },
  play: async ({ canvasElement }) => {
    const dialog = await page(canvasElement).findByRole('dialog');
    await expect(dialog.closest('.rps-root')).toHaveAttribute('data-appearance', 'dark');
  },
};

/** French messages, fr-FR numbers and dates, Paris time. */
export const French: Story = {
  args: { messages: messagesFr, locale: 'fr-FR', timeZone: 'Europe/Paris' },
  play: async ({ canvasElement }) => {
    const dialog = await page(canvasElement).findByRole('dialog', { name: messagesFr.detailTitle(richSession.id) });
    await expect(within(dialog).getByRole('button', { name: messagesFr.close })).toBeInTheDocument();
  },
};

/** A host theme: its colors, radius and font reach the portaled dialog. */
export const CustomTheme: Story = {
  args: { theme: { colors: { accent: '#6d28d9', surface: '#fffbeb' }, radius: 14, font: 'Georgia, serif' } },
  play: async ({ canvasElement }) => {
    const dialog = await page(canvasElement).findByRole('dialog');
    const themed = dialog.closest<HTMLElement>('.rps-root')!;
    await expect(themed.style.getPropertyValue('--rps-color-accent')).toBe('#6d28d9');
    await expect(themed.style.getPropertyValue('--rps-radius')).toBe('14px');
  },
};

/** Controlled by the host: its own button opens it, and every close request comes back through `onOpenChange`. */
function ControlledDetail() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Inspect session
      </button>
      <p>{open ? 'Dialog open' : 'Dialog closed'}</p>
      <SessionDetail session={richSession} open={open} onOpenChange={setOpen} locale="en-US" timeZone="America/New_York" />
    </>
  );
}

export const Controlled: Story = {
  render: () => <ControlledDetail />,
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Inspect session' }));
    const dialog = await page(canvasElement).findByRole('dialog');
    await expect(canvas.getByText('Dialog open')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(page(canvasElement).queryByRole('dialog')).not.toBeInTheDocument());
    await expect(canvas.getByText('Dialog closed')).toBeInTheDocument();
  },
};

/** No session (nothing selected yet): nothing is rendered, not even the trigger's dialog shell. */
export const Empty: Story = {
  args: { session: null },
  play: async ({ canvasElement }) => {
    await expect(page(canvasElement).queryByRole('dialog')).not.toBeInTheDocument();
  },
};

/** A shared link's session being fetched by id: the dialog opens at once, says what it waits for, and is busy. */
export const LookupLoading: Story = {
  args: { session: null, lookup: { sessionId: 'ps_shared_link_0001', state: 'loading' } },
  play: async ({ canvasElement }) => {
    const dialog = await page(canvasElement).findByRole('dialog', { name: 'Loading payment session ps_shared_link_0001…' });
    await expect(dialog).toHaveAttribute('aria-busy', 'true');
  },
};

/** A shared link to an id the backend does not have. */
export const LookupNotFound: Story = {
  args: { session: null, lookup: { sessionId: 'ps_gone_0001', state: 'not-found' } },
  play: async ({ canvasElement }) => {
    const dialog = await page(canvasElement).findByRole('dialog', { name: 'Payment session not found' });
    await expect(dialog).toHaveAccessibleDescription(/no payment session with the id ps_gone_0001/);
  },
};

/** Fetching a shared link's session failed: the reason in words, Retry, and the backend's text under Details. */
export const LookupError: Story = {
  args: {
    session: null,
    lookup: {
      sessionId: 'ps_shared_link_0001',
      state: 'error',
      error: new PaymentSessionsError({ kind: 'network', message: 'Could not reach /api/truemed/payments/v1/payment_session/ps_shared_link_0001.' }),
      onRetry: fn(),
    },
  },
  play: async ({ canvasElement, args }) => {
    const dialog = await page(canvasElement).findByRole('dialog', { name: 'This payment session could not be loaded' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retry' }));
    await expect(args.lookup?.onRetry).toHaveBeenCalledTimes(1);
  },
};

/** German messages, de-DE numbers and Berlin time. */
export const German: Story = {
  args: { messages: messagesDe, locale: 'de-DE', timeZone: 'Europe/Berlin' },
  play: async ({ canvasElement }) => {
    const dialog = await page(canvasElement).findByRole('dialog', { name: messagesDe.detailTitle(richSession.id) });
    await expect(within(dialog).getByRole('region', { name: messagesDe.amounts })).toBeInTheDocument();
  },
};

/** Every kind of session the dataset has, each opened in turn: no section shows NaN, undefined or a raw object. */
const samples: Array<[string, PaymentSession]> = [
  ['Rich', richSession],
  ['Authorization', authorization],
  ['Minimal', minimalSession],
  ...generated
    .filter((session, index, all) => all.findIndex((other) => other.status === session.status) === index)
    .map((session): [string, PaymentSession] => [session.status, session]),
];

export const AllStates: Story = {
  args: { defaultOpen: false },
  render: (args) => (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      {samples.map(([label, session]) => (
        <SessionDetail key={label} {...args} session={session} trigger={<button type="button">{label}</button>} />
      ))}
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    await expect(samples.length).toBeGreaterThan(5);
    for (const [label, session] of samples) {
      await userEvent.click(canvas.getByRole('button', { name: label }));
      const dialog = await page(canvasElement).findByRole('dialog', { name: `Payment session ${session.id}` });
      await expect(dialog.textContent).not.toMatch(/NaN|undefined|Invalid Date|\[object Object\]/);
      await userEvent.keyboard('{Escape}');
      await waitFor(() => expect(page(canvasElement).queryByRole('dialog')).not.toBeInTheDocument());
    }
  },
};
