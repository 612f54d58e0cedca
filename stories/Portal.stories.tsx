import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  ExportButton,
  Pagination,
  RefundSummary,
  SessionFilters,
  SessionList,
  SessionWorkspace,
  type SessionInclude,
} from 'react-payment-sessions';
import { createFakeOneEntryFetcher, createFakeTruemedFetcher } from 'react-payment-sessions/testing';
import { storySetup, StoryProviders, type Loaded } from './support';

const FULL: SessionInclude = { items: true, refunds: true, disputes: true, metadata: true, fee: true };

/** A fresh SWR cache and provider per story, over the fetcher its loader created. */
const withProviders: Decorator = (Story, context) => {
  const { fetcher, provider } = storySetup(context);
  return (
    <StoryProviders fetcher={fetcher} provider={provider}>
      <Story />
    </StoryProviders>
  );
};

/** Every component in one workspace, as a merchant portal composes them. */
function Portal() {
  return (
    <SessionWorkspace include={FULL}>
      <div style={{ display: 'grid', gap: 16 }}>
        <SessionFilters />
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <RefundSummary />
          <ExportButton />
        </div>
        <SessionList />
        <Pagination />
      </div>
    </SessionWorkspace>
  );
}

const meta = {
  title: 'Portal',
  component: Portal,
  decorators: [withProviders],
} satisfies Meta<typeof Portal>;
export default meta;
type Story = StoryObj<typeof meta>;

function body(canvasElement: HTMLElement) {
  return within(canvasElement.ownerDocument.body);
}

/** Waits until the list shows fresh rows at full opacity (no stale page dimmed, no fade running). */
async function rowsSettled(list: HTMLElement, dataRows: number) {
  await waitFor(() => {
    expect(within(list).getAllByRole('row')).toHaveLength(dataRows + 1);
    const rowGroup = list.querySelector('.rps-session-list__body')!;
    expect(rowGroup).not.toHaveAttribute('data-stale');
    expect(getComputedStyle(rowGroup).opacity).toBe('1');
  });
}

/**
 * The whole workspace against the fake Truemed API: a status filter narrows the list and the totals,
 * the next page shows other rows, a row opens the detail and Escape closes it.
 */
export const Truemed: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 90, seed: 3, latencyMs: 40 }) })],
  play: async ({ canvas, canvasElement }) => {
    const list = await canvas.findByRole('table', { name: 'Payment sessions' });
    await waitFor(() => expect(canvas.getByText('1–30 of 90')).toBeInTheDocument());
    const firstRow = within(list).getAllByRole('row')[1]!;
    const firstRowText = firstRow.textContent;

    await userEvent.click(canvas.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(canvas.getByText('31–60 of 90')).toBeInTheDocument());
    await waitFor(() => expect(within(list).getAllByRole('row')[1]!.textContent).not.toBe(firstRowText));

    await userEvent.click(canvas.getByRole('checkbox', { name: 'Captured' }));
    // Any filter change goes back to page 1; the count under the list is the filtered total.
    await waitFor(() => expect(canvas.getByText(/^1–\d+ of \d+$/)).toBeInTheDocument());
    const filteredTotal = Number(/of (\d+)$/.exec(canvas.getByText(/^1–\d+ of \d+$/).textContent ?? '')?.[1]);
    await expect(filteredTotal).toBeGreaterThan(0);
    await expect(filteredTotal).toBeLessThan(90);
    // One data row per filtered session on this page (the header row aside).
    await rowsSettled(list, Math.min(30, filteredTotal));

    const rowButton = within(list).getAllByRole('button', { name: /^Open session / })[0]!;
    await userEvent.click(rowButton);
    const dialog = await body(canvasElement).findByRole('dialog');
    await expect(within(dialog).getByRole('region', { name: 'Amounts' })).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(body(canvasElement).queryByRole('dialog')).not.toBeInTheDocument());
    await expect(rowButton).toHaveFocus();
  },
};

/**
 * The same workspace against the fake OneEntry SDK: it pages by offset/limit, cannot search or filter,
 * and the filters say so instead of offering controls that would do nothing.
 */
export const OneEntry: Story = {
  loaders: [
    async (): Promise<Loaded> => ({ fetcher: createFakeOneEntryFetcher({ sessions: 45, seed: 7, currency: 'EUR', latencyMs: 40 }) }),
  ],
  play: async ({ canvas }) => {
    const list = await canvas.findByRole('table', { name: 'Payment sessions' });
    await waitFor(() => expect(canvas.getByText('1–30 of 45')).toBeInTheDocument());
    await expect(canvas.getByText('This backend does not support search.')).toBeInTheDocument();
    await expect(canvas.queryByRole('searchbox')).not.toBeInTheDocument();
    await expect(await canvas.findByRole('group', { name: /^EUR/ })).toBeInTheDocument();

    await userEvent.click(canvas.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(canvas.getByText('31–45 of 45')).toBeInTheDocument());
    await rowsSettled(list, 15);
  },
};
