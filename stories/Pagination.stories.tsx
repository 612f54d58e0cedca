import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  Pagination,
  PaymentSessionsProvider,
  SessionWorkspace,
  ThemeProvider,
  usePaymentSessions,
  useSessionWorkspace,
} from 'react-payment-sessions';
import { messagesFr } from 'react-payment-sessions/locales/fr';
import { createFakeTruemedFetcher, type FakeTruemedFetcher } from 'react-payment-sessions/testing';
import { storySetup, StoryProviders, type Loaded } from './support';

/** The ids on the current page, and a Retry when the page failed: what the pagination moves through. */
function PageProbe() {
  const workspace = useSessionWorkspace();
  const list = usePaymentSessions(workspace?.query ?? {});
  return (
    <div style={{ marginBlockEnd: 12 }}>
      {list.loadingState === 'error' ? (
        <p>
          Page failed. <button type="button" onClick={() => void list.retry()}>Retry</button>
        </p>
      ) : (
        <p data-testid="page-ids">{list.sessions.map((session) => session.id.slice(-6)).join(' · ') || '…'}</p>
      )}
    </div>
  );
}

/** A fresh SWR cache and the loader's fetcher per story, in a workspace of 10 rows a page with a probe of its ids. */
const withProviders: Decorator = (Story, context) => {
  const { fetcher, provider } = storySetup(context);
  return (
    <StoryProviders fetcher={fetcher} provider={provider} swr={{ shouldRetryOnError: false }}>
      <SessionWorkspace defaultValue={provider.defaultValue ?? { pageSize: 10 }}>
        <PageProbe />
        <Story />
      </SessionWorkspace>
    </StoryProviders>
  );
};

const meta = {
  title: 'Components/Pagination',
  component: Pagination,
  decorators: [withProviders],
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 95, latencyMs: 80 }) })],
} satisfies Meta<typeof Pagination>;
export default meta;
type Story = StoryObj<typeof meta>;

const loaded = (canvasElement: HTMLElement) =>
  waitFor(() => expect(within(canvasElement).getByRole('navigation')).not.toHaveAttribute('data-total-unknown'));

export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    await loaded(canvasElement);
    await expect(canvas.getByText('1–10 of 95')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
  },
};

/** 50 pages: ellipses on both sides once in the middle; Next moves `aria-current`. */
export const ManyPages: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 500, latencyMs: 40 }) })],
  parameters: { provider: { defaultValue: { pageSize: 10, page: 24 } } },
  play: async ({ canvas, canvasElement }) => {
    await loaded(canvasElement);
    await expect(canvas.getAllByText('…')).toHaveLength(2);
    await expect(canvas.getByRole('button', { name: 'Page 24' })).toHaveAttribute('aria-current', 'page');
    await userEvent.click(canvas.getByRole('button', { name: 'Next page' }));
    await expect(canvas.getByRole('button', { name: 'Page 25' })).toHaveAttribute('aria-current', 'page');
    await expect(canvas.getByRole('button', { name: 'Page 24' })).not.toHaveAttribute('aria-current');
    await expect(canvas.getByText('241–250 of 500')).toBeVisible();
    await waitFor(() => expect(canvasElement.querySelector('[aria-live="polite"]')).toHaveTextContent('Page 25 of 50'));
  },
};

/** While the total is unknown the bar keeps its place, disabled. */
export const Loading: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 95, latencyMs: 600_000 }) })],
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await expect(canvas.getByRole('navigation')).toHaveAttribute('data-total-unknown', 'true');
  },
};

export const Empty: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 0 }) })],
  play: async ({ canvas, canvasElement }) => {
    await loaded(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Next page' })).toBeDisabled();
  },
};

/** The list failed: no total, the bar stays disabled; a retry that succeeds brings it back. */
export const ErrorThenRetry: Story = {
  loaders: [
    async (): Promise<Loaded> => {
      const fetcher = createFakeTruemedFetcher({ sessions: 95, latencyMs: 40 });
      fetcher.api.setFailure({ status: 500 });
      return { fetcher };
    },
  ],
  play: async ({ canvas, canvasElement, loaded: data }) => {
    const retry = await canvas.findByRole('button', { name: 'Retry' });
    await expect(canvas.getByRole('button', { name: 'Next page' })).toBeDisabled();
    ((data as Loaded).fetcher as FakeTruemedFetcher).api.setFailure(null);
    await userEvent.click(retry);
    await loaded(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Next page' })).toBeEnabled();
  },
};

/** Standalone: the host holds page and page size, and knows the total. */
export const Controlled: Story = {
  render: function ControlledPagination() {
    const [page, setPage] = useState(7);
    const [pageSize, setPageSize] = useState(30);
    return (
      <>
        <Pagination total={1234} page={page} onPageChange={setPage} pageSize={pageSize} onPageSizeChange={setPageSize} />
        <p data-testid="host-state">{`page=${page} pageSize=${pageSize}`}</p>
      </>
    );
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Last page' }));
    await expect(canvas.getByTestId('host-state')).toHaveTextContent('page=42 pageSize=30');
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Rows per page' }), '100');
    await expect(canvas.getByTestId('host-state')).toHaveTextContent('page=13 pageSize=100');
  },
};

export const Dark: Story = {
  args: { appearance: 'dark' },
  decorators: [(Story) => <div style={{ background: '#15181d', padding: 16 }}><Story /></div>],
};

export const CustomTheme: Story = {
  args: { theme: { colors: { accent: '#6d28d9', focus: '#6d28d9' }, radius: 999, density: 'compact' } },
};

export const French: Story = {
  args: { messages: messagesFr },
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 2400, latencyMs: 40 }) })],
  parameters: { provider: { locale: 'fr-FR', timeZone: 'Europe/Paris', defaultValue: { pageSize: 100 } } },
  play: async ({ canvas, canvasElement }) => {
    await loaded(canvasElement);
    await expect(canvas.getByRole('navigation', { name: messagesFr.paginationLabel })).toBeVisible();
    await expect(canvas.getByRole('button', { name: messagesFr.nextPage })).toBeEnabled();
  },
};

export const RightToLeft: Story = {
  decorators: [(Story) => <div dir="rtl"><Story /></div>],
};

/** A pagination whose total never arrives (its own provider over a backend that never answers). */
function UnknownTotal() {
  const [fetcher] = useState(() => createFakeTruemedFetcher({ sessions: 10, latencyMs: 600_000 }));
  return (
    <PaymentSessionsProvider fetcher={fetcher}>
      <Pagination messages={{ paginationLabel: 'Total unknown' }} query={{ pageSize: 10 }} page={1} pageSize={10} />
    </PaymentSessionsProvider>
  );
}

/** Unknown total, first, middle and last pages, dark and unstyled, side by side. */
export const AllStates: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: 16 }}>
      <UnknownTotal />
      <Pagination messages={{ paginationLabel: 'At the start' }} total={480} page={1} pageSize={10} />
      <Pagination messages={{ paginationLabel: 'Middle page' }} total={480} page={24} pageSize={10} />
      <Pagination messages={{ paginationLabel: 'At the end' }} total={480} page={48} pageSize={10} />
      <Pagination messages={{ paginationLabel: 'Single page' }} total={7} page={1} pageSize={10} />
      <ThemeProvider appearance="dark" style={{ padding: 12 }}>
        <Pagination messages={{ paginationLabel: 'Dark' }} total={480} page={3} pageSize={10} />
      </ThemeProvider>
      <Pagination messages={{ paginationLabel: 'Unstyled' }} unstyled total={480} page={3} pageSize={10} />
    </div>
  ),
  play: async ({ canvas }) => {
    const middle = within(canvas.getByRole('navigation', { name: 'Middle page' }));
    await expect(middle.getAllByText('…')).toHaveLength(2);
    const end = within(canvas.getByRole('navigation', { name: 'At the end' }));
    await expect(end.getByRole('button', { name: 'Next page' })).toBeDisabled();
    const unknown = within(canvas.getByRole('navigation', { name: 'Total unknown' }));
    await expect(unknown.getByRole('button', { name: 'Page 1' })).toBeDisabled();
  },
};
