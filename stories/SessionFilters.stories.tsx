import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  EMPTY_SESSION_FILTERS,
  PaymentSessionsProvider,
  SessionFilters,
  SessionWorkspace,
  ThemeProvider,
  usePaymentSessions,
  useSessionWorkspace,
  type SessionFilterState,
} from 'react-payment-sessions';
import { messagesDe } from 'react-payment-sessions/locales/de';
import { createFakeOneEntryFetcher, createFakeTruemedFetcher } from 'react-payment-sessions/testing';
import { storySetup, StoryProviders, type Loaded } from './support';

/** How many sessions match the workspace's current query: shows that the filters reach the backend. */
function MatchCount() {
  const workspace = useSessionWorkspace();
  const list = usePaymentSessions({ query: workspace?.query ?? {}, prefetchNext: false });
  return (
    <p data-testid="match-count" style={{ marginBlock: 12 }}>
      {list.total === undefined ? 'Loading…' : `${list.total} matching sessions`}
    </p>
  );
}

/** A fresh SWR cache and the loader's fetcher per story, and a workspace the filters drive, with a match count under it. */
const withProviders: Decorator = (Story, context) => {
  const { fetcher, provider } = storySetup(context);
  return (
    <StoryProviders fetcher={fetcher} provider={provider}>
      {provider.noWorkspace ? (
        <Story />
      ) : (
        <SessionWorkspace>
          <Story />
          <MatchCount />
        </SessionWorkspace>
      )}
    </StoryProviders>
  );
};

const meta = {
  title: 'Components/SessionFilters',
  component: SessionFilters,
  decorators: [withProviders],
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 240, latencyMs: 80 }) })],
} satisfies Meta<typeof SessionFilters>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Every filter the fake Truemed backend supports. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('search', { name: 'Filter payment sessions' })).toBeVisible();
    await expect(canvas.getByRole('searchbox', { name: 'Search' })).toBeVisible();
    await expect(canvas.queryByRole('note')).toBeNull();
  },
};

/** Typing a search (pending indicator while waiting for the pause), then checking a status. */
export const SearchAndFilter: Story = {
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByTestId('match-count')).toHaveTextContent('240 matching sessions'));
    const search = canvas.getByRole('searchbox', { name: 'Search' });
    await userEvent.type(search, 'a');
    await expect(canvas.getByRole('search')).toHaveAttribute('data-search-pending', 'true');
    await waitFor(() => expect(canvas.getByRole('search')).not.toHaveAttribute('data-search-pending'));
    await waitFor(() => expect(canvas.getByTestId('match-count')).not.toHaveTextContent('240 matching'));

    await userEvent.click(canvas.getByRole('checkbox', { name: 'Voided' }));
    await expect(canvas.getByRole('checkbox', { name: 'Voided' })).toBeChecked();
    await expect(canvas.getByRole('button', { name: 'Reset filters' })).toBeEnabled();
    await userEvent.click(canvas.getByRole('button', { name: 'Reset filters' }));
    await waitFor(() => expect(canvas.getByTestId('match-count')).toHaveTextContent('240 matching sessions'));
    await expect(search).toHaveFocus();
  },
};

/** The "loading" a filter bar has: typed text waiting for the pause in typing. */
export const Loading: Story = {
  render: () => <SessionFilters debounceMs={60_000} />,
  parameters: { provider: { noWorkspace: true } },
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByRole('searchbox'), 'kim');
    await expect(canvas.getByRole('status')).toHaveTextContent('Searching…');
  },
};

/** OneEntry cannot search or filter: the bar says so instead of offering controls that do nothing. */
export const OneEntryBackend: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeOneEntryFetcher({ sessions: 45 }) })],
  play: async ({ canvas }) => {
    const note = canvas.getByRole('note');
    await expect(note).toHaveTextContent('This backend does not support search.');
    await expect(note).toHaveTextContent('This backend cannot filter by Status');
    await expect(canvas.queryByRole('checkbox')).toBeNull();
  },
};

/** Only some fields, in the host's order. */
export const SomeFields: Story = {
  args: { fields: ['status', 'created', 'search'] },
  play: async ({ canvas }) => {
    await expect(canvas.queryByRole('group', { name: 'Kind' })).toBeNull();
    await expect(canvas.getByRole('group', { name: 'Created' })).toBeVisible();
  },
};

/** A custom range whose start is after its end: the error is tied to both inputs. */
export const InvalidRange: Story = {
  play: async ({ canvas }) => {
    const created = within(canvas.getByRole('group', { name: 'Created' }));
    await userEvent.selectOptions(created.getByRole('combobox'), 'Custom');
    await userEvent.type(created.getByLabelText('To'), '2026-03-02');
    await userEvent.type(created.getByLabelText('From'), '2026-03-05');
    await expect(created.getByLabelText('From')).toHaveAccessibleDescription('The start date must not be after the end date.');
  },
};

/** A preset chosen by keyboard only. */
export const DatePresetByKeyboard: Story = {
  play: async ({ canvas }) => {
    const menu = within(canvas.getByRole('group', { name: 'Captured' })).getByRole('combobox');
    await userEvent.selectOptions(menu, 'Last 30 days');
    await expect(menu).toHaveValue('last30Days');
    await waitFor(() => expect(canvas.getByTestId('match-count')).not.toHaveTextContent('Loading'));
  },
};

export const Dark: Story = {
  args: { appearance: 'dark' },
  decorators: [(Story) => <div style={{ background: '#15181d', padding: 16 }}><Story /></div>],
};

export const CustomTheme: Story = {
  args: {
    theme: {
      colors: { accent: '#0f766e', focus: '#0f766e', surface: '#f0fdfa', border: '#99d5cc' },
      radius: 14,
      density: 'compact',
      font: 'Georgia, serif',
    },
  },
};

/** The host holds the state (`value` + `onValueChange`) and shows it. */
export const Controlled: Story = {
  parameters: { provider: { noWorkspace: true } },
  render: function ControlledFilters() {
    const [value, setValue] = useState<SessionFilterState>({ ...EMPTY_SESSION_FILTERS, status: ['captured'], excludeVoided: true });
    return (
      <>
        <SessionFilters value={value} onValueChange={setValue} fields={['search', 'status', 'excludePending', 'excludeVoided']} />
        <pre data-testid="state">{JSON.stringify({ status: value.status, excludeVoided: value.excludeVoided, page: value.page })}</pre>
      </>
    );
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Authorized' }));
    await expect(canvas.getByTestId('state')).toHaveTextContent('"status":["captured","authorized"]');
  },
};

export const German: Story = {
  args: { messages: messagesDe },
  parameters: { provider: { locale: 'de-DE', timeZone: 'Europe/Berlin' } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('search', { name: messagesDe.filtersLabel })).toBeVisible();
    await expect(canvas.getByRole('checkbox', { name: messagesDe.status.voided })).toBeVisible();
  },
};

export const RightToLeft: Story = {
  decorators: [(Story) => <div dir="rtl"><Story /></div>],
};

/** Every state side by side: default, filtered, OneEntry, dark, unstyled. */
export const AllStates: Story = {
  parameters: { provider: { noWorkspace: true } },
  render: () => (
    <div style={{ display: 'grid', gap: 16 }}>
      <SessionFilters messages={{ filtersLabel: 'Empty filters' }} />
      <SessionFilters
        messages={{ filtersLabel: 'Filtered' }}
        defaultValue={{ search: 'kim', status: ['captured', 'authorized'], excludePending: true, created: { from: '2026-01-01', to: '2026-01-31' } }}
      />
      <PaymentSessionsProvider fetcher={createFakeOneEntryFetcher({ sessions: 3 })}>
        <SessionFilters messages={{ filtersLabel: 'OneEntry' }} />
      </PaymentSessionsProvider>
      <ThemeProvider appearance="dark" style={{ padding: 12 }}>
        <SessionFilters messages={{ filtersLabel: 'Dark' }} defaultValue={{ kind: ['authorization'] }} />
      </ThemeProvider>
      <SessionFilters messages={{ filtersLabel: 'Unstyled' }} unstyled fields={['search', 'status']} />
    </div>
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getAllByRole('search')).toHaveLength(5);
    const filtered = within(canvas.getByRole('search', { name: 'Filtered' }));
    await expect(filtered.getByRole('combobox', { name: 'Created' })).toHaveValue('custom');
  },
};
