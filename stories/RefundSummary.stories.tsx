import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { SWRConfig } from 'swr';
import {
  PaymentSessionsProvider,
  RefundSummary,
  SessionWorkspace,
  ThemeProvider,
  type Money,
  type PaymentSession,
  type SessionFetcher,
  type SessionStatus,
} from 'react-payment-sessions';
import { messagesDe } from 'react-payment-sessions/locales/de';
import { createFakeTruemedFetcher, type FakeTruemedFetcher } from 'react-payment-sessions/testing';
import { memoryFetcher, storySetup, StoryProviders, type Loaded } from './support';

/** A fresh SWR cache and the loader's fetcher per story, in a workspace that asks for fees and refunds. */
const withProviders: Decorator = (Story, context) => {
  const { fetcher, provider } = storySetup(context);
  return (
    <StoryProviders fetcher={fetcher} provider={provider} swr={{ shouldRetryOnError: false }}>
      <SessionWorkspace defaultValue={provider.defaultValue} include={{ fee: true, refunds: true }}>
        <Story />
      </SessionWorkspace>
    </StoryProviders>
  );
};

const money = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });

function session(id: string, status: SessionStatus, currency: string, amount: number, captured?: number, refunded?: number, fee?: number): PaymentSession {
  return {
    id,
    source: 'acme',
    status,
    rawStatus: status,
    amount: money(amount, currency),
    ...(captured === undefined ? {} : { capturedAmount: money(captured, currency), refundableAmount: money(captured - (refunded ?? 0), currency) }),
    ...(refunded === undefined ? {} : { refundedAmount: money(refunded, currency) }),
    ...(fee === undefined ? {} : { fee: money(fee, currency) }),
    items: [],
    refunds: [],
    disputes: [],
    raw: {},
  };
}

/** A shop selling in dollars and euros. */
const MIXED_SESSIONS: PaymentSession[] = [
  session('us_1', 'captured', 'USD', 12_900, 12_900, undefined, 390),
  session('us_2', 'partially_refunded', 'USD', 24_900, 24_900, 5_000, 750),
  session('us_3', 'refunded', 'USD', 4_999, 4_999, 4_999, 150),
  session('us_4', 'authorized', 'USD', 8_000),
  session('eu_1', 'captured', 'EUR', 19_900, 19_900, undefined, 600),
  session('eu_2', 'partially_refunded', 'EUR', 9_900, 9_900, 2_000, 300),
  session('eu_3', 'disputed', 'EUR', 14_500, 14_500, undefined, 440),
];

const meta = {
  title: 'Components/RefundSummary',
  component: RefundSummary,
  decorators: [withProviders],
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 120, latencyMs: 80 }) })],
} satisfies Meta<typeof RefundSummary>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The totals of the workspace's current page. */
export const Default: Story = {
  play: async ({ canvas }) => {
    const block = await canvas.findByRole('group', { name: /^USD/ });
    await expect(within(block).getByRole('img', { name: 'Captured, refunded and refundable amounts in USD' })).toBeVisible();
  },
};

/** Dollars and euros from a custom fetcher: one block each, never summed. */
export const MixedCurrencies: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: memoryFetcher(MIXED_SESSIONS, 'acme') })],
  play: async ({ canvas }) => {
    const euros = await canvas.findByRole('group', { name: 'EUR 3 sessions' });
    const dollars = canvas.getByRole('group', { name: 'USD 4 sessions' });
    await expect(within(dollars).getByText('$507.99')).toBeVisible();
    // Gross and captured: every euro session was taken in full.
    await expect(within(euros).getAllByText('€443.00')).toHaveLength(2);
    await expect(within(euros).getByText('€20.00')).toBeVisible();
  },
};

export const Loading: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 30, latencyMs: 600_000 }) })],
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('region', { name: 'Refund summary' })).toHaveAttribute('aria-busy', 'true');
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading totals…');
  },
};

export const Empty: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 0 }) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No amounts to summarize.')).toBeVisible();
  },
};

/** Nothing matches the filter: the same empty note. */
export const NoResults: Story = {
  parameters: { provider: { defaultValue: { search: 'no-such-customer-zzz' } } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No amounts to summarize.')).toBeVisible();
  },
};

/** The request fails; Retry after the backend recovers shows the totals. */
export const ErrorThenRetry: Story = {
  loaders: [
    async (): Promise<Loaded> => {
      const fetcher = createFakeTruemedFetcher({ sessions: 30, latencyMs: 40 });
      fetcher.api.setFailure({ status: 500 });
      return { fetcher };
    },
  ],
  play: async ({ canvas, loaded: data }) => {
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('Payment sessions could not be loaded');
    ((data as Loaded).fetcher as FakeTruemedFetcher).api.setFailure(null);
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await expect(await canvas.findByRole('group', { name: /^USD/ })).toBeVisible();
    await waitFor(() => expect(canvas.queryByRole('alert')).toBeNull());
  },
};

/** A page of 100 sessions. */
export const ManyRows: Story = {
  parameters: { provider: { defaultValue: { pageSize: 100 } } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('group', { name: 'USD 100 sessions' })).toBeVisible();
  },
};

/** The host passes the sessions (no fetching) and changes them. */
export const Controlled: Story = {
  render: function ControlledSummary() {
    const [sessions, setSessions] = useState(MIXED_SESSIONS.slice(0, 2));
    return (
      <>
        <button type="button" onClick={() => setSessions((list) => [...list, session(`us_${list.length + 10}`, 'refunded', 'USD', 10_000, 10_000, 10_000)])}>
          Add a refunded $100 session
        </button>
        <RefundSummary sessions={sessions} />
      </>
    );
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group', { name: 'USD 2 sessions' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Add a refunded $100 session' }));
    const block = canvas.getByRole('group', { name: 'USD 3 sessions' });
    await expect(within(block).getByText('$150.00')).toBeVisible();
  },
};

export const Dark: Story = {
  args: { appearance: 'dark' },
  loaders: [async (): Promise<Loaded> => ({ fetcher: memoryFetcher(MIXED_SESSIONS, 'acme') })],
  decorators: [(Story) => <div style={{ background: '#15181d', padding: 16 }}><Story /></div>],
  play: async ({ canvas }) => {
    await canvas.findByRole('group', { name: /^EUR/ });
  },
};

export const CustomTheme: Story = {
  args: { theme: { colors: { success: '#047857', warning: '#9a3412', accent: '#1d4ed8', surface: '#fffbeb' }, radius: 2, font: 'Georgia, serif' } },
  loaders: [async (): Promise<Loaded> => ({ fetcher: memoryFetcher(MIXED_SESSIONS, 'acme') })],
  play: async ({ canvas }) => {
    await canvas.findByRole('group', { name: /^EUR/ });
  },
};

export const German: Story = {
  args: { messages: messagesDe },
  loaders: [async (): Promise<Loaded> => ({ fetcher: memoryFetcher(MIXED_SESSIONS, 'acme') })],
  parameters: { provider: { locale: 'de-DE', timeZone: 'Europe/Berlin' } },
  play: async ({ canvas }) => {
    const euros = await canvas.findByRole('group', { name: `EUR ${messagesDe.sessionsCount('3')}` });
    await expect(within(euros).getAllByText('443,00 €')).toHaveLength(2);
  },
};

export const RightToLeft: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: memoryFetcher(MIXED_SESSIONS, 'acme') })],
  decorators: [(Story) => <div dir="rtl"><Story /></div>],
  play: async ({ canvas }) => {
    await canvas.findByRole('group', { name: /^USD/ });
  },
};

/** A summary in its own provider, for the states grid. */
function WithBackend({ make, label }: { make: () => SessionFetcher; label: string }) {
  const [fetcher] = useState(make);
  return (
    <SWRConfig value={{ provider: () => new Map() }}>
      <PaymentSessionsProvider fetcher={fetcher} swr={{ shouldRetryOnError: false }}>
        <RefundSummary query={{}} messages={{ summaryLabel: label }} />
      </PaymentSessionsProvider>
    </SWRConfig>
  );
}

function failing(): SessionFetcher {
  const fetcher = createFakeTruemedFetcher({ sessions: 5 });
  fetcher.api.setFailure({ status: 503 });
  return fetcher;
}

/** Data, all-zero totals, empty, loading, error, dark and unstyled, side by side. */
export const AllStates: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: 24 }}>
      <RefundSummary sessions={MIXED_SESSIONS} messages={{ summaryLabel: 'With data' }} />
      <RefundSummary sessions={[session('z', 'captured', 'USD', 0, 0)]} messages={{ summaryLabel: 'All zero' }} />
      <RefundSummary sessions={[]} messages={{ summaryLabel: 'Empty' }} />
      <WithBackend label="Loading" make={() => createFakeTruemedFetcher({ sessions: 5, latencyMs: 600_000 })} />
      <WithBackend label="Failed" make={failing} />
      <ThemeProvider appearance="dark" style={{ padding: 12 }}>
        <RefundSummary sessions={MIXED_SESSIONS} messages={{ summaryLabel: 'Dark' }} />
      </ThemeProvider>
      <RefundSummary sessions={MIXED_SESSIONS.slice(4)} unstyled messages={{ summaryLabel: 'Unstyled' }} />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getAllByRole('region')).toHaveLength(7);
    await expect(await within(canvas.getByRole('region', { name: 'Failed' })).findByRole('alert')).toBeVisible();
    await expect(canvasElement.innerHTML).not.toMatch(/NaN/);
  },
};
