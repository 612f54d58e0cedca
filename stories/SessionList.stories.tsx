import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { useState, type ReactNode } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  PaymentSessionsProvider,
  SessionList,
  sessionListColumns,
  SessionWorkspace,
  ThemeProvider,
  type SessionFetcher,
  type SessionInclude,
  type SessionListColumn,
} from 'react-payment-sessions';
import { messagesDe } from 'react-payment-sessions/locales/de';
import { createFakeTruemedFetcher, makeSessions, type FakeTruemedFetcher } from 'react-payment-sessions/testing';
import { memoryFetcher, storySetup, StoryProviders, type Loaded, type ProviderParameters } from './support';

/** Every optional part, so the detail dialog has line items, refunds, disputes, metadata and fees. */
const FULL: SessionInclude = { items: true, refunds: true, disputes: true, metadata: true, fee: true };

/** A fresh SWR cache and the loader's fetcher per story. */
const withProviders: Decorator = (Story, context) => {
  const { fetcher, provider } = storySetup(context);
  return (
    <StoryProviders fetcher={fetcher} provider={provider}>
      <Story />
    </StoryProviders>
  );
};

const meta = {
  title: 'Components/SessionList',
  component: SessionList,
  decorators: [withProviders],
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 120, latencyMs: 150 }) })],
  args: { query: { include: FULL } },
} satisfies Meta<typeof SessionList>;
export default meta;
type Story = StoryObj<typeof meta>;

function body(canvasElement: HTMLElement) {
  return within(canvasElement.ownerDocument.body);
}

function listRoot(canvasElement: HTMLElement): HTMLElement {
  const root = canvasElement.querySelector<HTMLElement>('.rps-session-list');
  if (!root) throw new Error('no SessionList');
  return root;
}

/** Keyboard only: Tab to the first row, Arrow Down, Enter opens the detail, Escape closes it, focus comes back. */
export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    const buttons = await canvas.findAllByRole('button', { name: /^Open session / });
    await expect(buttons).toHaveLength(30);

    await userEvent.tab();
    await expect(buttons[0]).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    await expect(buttons[1]).toHaveFocus();

    await userEvent.keyboard('{Enter}');
    const id = buttons[1]!.textContent ?? '';
    const dialog = await body(canvasElement).findByRole('dialog', { name: `Payment session ${id}` });
    // (Waits out the opening fade.)
    await waitFor(() => expect(within(dialog).getByRole('region', { name: 'Amounts' })).toBeVisible());

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(body(canvasElement).queryByRole('dialog')).not.toBeInTheDocument());
    await expect(buttons[1]).toHaveFocus();
  },
};

/** The first page never arrives: skeleton rows, `aria-busy` and a polite "Loading…". */
export const Loading: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ latencyMs: 1_000_000_000 }) })],
  play: async ({ canvas, canvasElement }) => {
    await expect(listRoot(canvasElement)).toHaveAttribute('data-state', 'loading');
    await expect(canvas.getByRole('table')).toHaveAttribute('aria-busy', 'true');
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading payment sessions…');
  },
};

/** A backend with no sessions yet. */
export const Empty: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 0 }) })],
  play: async ({ canvas, canvasElement }) => {
    await waitFor(() => expect(listRoot(canvasElement)).toHaveAttribute('data-state', 'empty'));
    await expect(canvas.getByText('Sessions appear here as soon as customers start paying.')).toBeVisible();
  },
};

/** Filters that match nothing, inside a workspace: "Clear filters" brings the sessions back. */
export const NoResults: Story = {
  render: (args) => (
    <SessionWorkspace defaultValue={{ search: 'no customer is called this' }}>
      <SessionList {...args} query={undefined} />
    </SessionWorkspace>
  ),
  play: async ({ canvas, canvasElement }) => {
    await waitFor(() => expect(listRoot(canvasElement)).toHaveAttribute('data-state', 'no-results'));
    await userEvent.click(canvas.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(listRoot(canvasElement)).toHaveAttribute('data-state', 'ready'));
  },
};

/** The backend fails: an alert with the message and Retry; once the backend recovers, Retry shows the rows. */
export const ErrorWithRetry: Story = {
  name: 'Error',
  loaders: [
    async (): Promise<Loaded> => {
      const fetcher = createFakeTruemedFetcher({ sessions: 60, latencyMs: 100 });
      fetcher.api.setFailure({ status: 503, body: { error: 'Unavailable', message: 'Truemed is down for maintenance' } });
      return { fetcher };
    },
  ],
  parameters: { provider: { swr: { shouldRetryOnError: false } } satisfies ProviderParameters },
  play: async ({ canvas, canvasElement, loaded }) => {
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('Truemed is down for maintenance');

    (loaded as { fetcher: FakeTruemedFetcher }).fetcher.api.setFailure(null);
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(listRoot(canvasElement)).toHaveAttribute('data-state', 'ready'));
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument();
    await expect(canvas.getAllByRole('button', { name: /^Open session / })).toHaveLength(30);
  },
};

/** 1000 rows in one page: virtualized, only the rows in view are in the DOM (and the table says 1001 rows). */
export const ManyRows: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: memoryFetcher(makeSessions({ count: 1000 })) })],
  args: { query: { pageSize: 1000 }, maxHeight: 480 },
  play: async ({ canvas, canvasElement }) => {
    // The virtualizer is a lazily loaded chunk: give its first download time.
    await waitFor(() => expect(canvasElement.querySelector('tbody[data-virtualized]')).not.toBeNull(), { timeout: 5000 });
    await expect(canvas.getByRole('table')).toHaveAttribute('aria-rowcount', '1001');
    const rendered = canvasElement.querySelectorAll('.rps-session-list__row').length;
    await expect(rendered).toBeGreaterThan(5);
    await expect(rendered).toBeLessThan(100);
  },
};

function DarkBackdrop({ children }: { children: ReactNode }) {
  return <div style={{ background: '#15181d', padding: 16 }}>{children}</div>;
}

/** `appearance="dark"` (on a dark page, so the contrast check sees what a user sees). */
export const Dark: Story = {
  args: { appearance: 'dark' },
  decorators: [(Story) => <DarkBackdrop>{<Story />}</DarkBackdrop>],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(listRoot(canvasElement)).toHaveAttribute('data-state', 'ready'));
    await expect(listRoot(canvasElement)).toHaveAttribute('data-appearance', 'dark');
  },
};

/** The `theme` prop: accent, radius, font and a compact density become --rps-* variables. */
export const CustomTheme: Story = {
  args: {
    theme: {
      colors: { accent: '#6d28d9', focus: '#6d28d9', surface: '#f5f3ff', border: '#ddd6fe' },
      radius: 14,
      font: 'Georgia, serif',
      density: 'compact',
    },
  },
  play: async ({ canvasElement }) => {
    await expect(listRoot(canvasElement).style.getPropertyValue('--rps-color-accent')).toBe('#6d28d9');
  },
};

function ControlledList(props: Parameters<typeof SessionList>[0]) {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div>
      <p>
        Open in the host's state: <output data-testid="selected">{selected ?? 'none'}</output>
      </p>
      <SessionList {...props} selectedSessionId={selected} onSelectedSessionChange={setSelected} />
    </div>
  );
}

/** The host owns which session is open (`selectedSessionId` / `onSelectedSessionChange`), e.g. to put it in the URL. */
export const Controlled: Story = {
  render: (args) => <ControlledList {...args} />,
  play: async ({ canvas, canvasElement }) => {
    const [, second] = await canvas.findAllByRole('button', { name: /^Open session / });
    await userEvent.click(second!);
    await expect(canvas.getByTestId('selected')).toHaveTextContent(second!.textContent ?? '');
    await body(canvasElement).findByRole('dialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.getByTestId('selected')).toHaveTextContent('none'));
  },
};

/** German messages, de-DE numbers and dates, Berlin time. */
export const German: Story = {
  args: { messages: messagesDe },
  parameters: { provider: { locale: 'de-DE', timeZone: 'Europe/Berlin' } satisfies ProviderParameters },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('table', { name: 'Zahlungssitzungen' })).toBeVisible();
    await expect(canvas.getByRole('columnheader', { name: 'Betrag' })).toBeVisible();
  },
};

/** Right-to-left: logical properties mirror the layout; nothing overlaps. */
export const RTL: Story = {
  decorators: [(Story) => <div dir="rtl">{<Story />}</div>],
  play: async ({ canvas }) => {
    const [firstHeader] = await canvas.findAllByRole('columnheader');
    const table = canvas.getByRole('table');
    // The first column starts at the right edge.
    await expect(Math.abs(firstHeader!.getBoundingClientRect().right - table.getBoundingClientRect().right)).toBeLessThan(2);
  },
};

const orderColumn: SessionListColumn = {
  id: 'order',
  header: 'Order',
  cell: (session) => session.orderId ?? '—',
};

function ActionsDemo(props: Parameters<typeof SessionList>[0]) {
  const [log, setLog] = useState('No action yet');
  return (
    <div>
      <p role="status">{log}</p>
      <SessionList
        {...props}
        columns={['id', orderColumn, { ...sessionListColumns.amount, header: 'Total' }, 'status', 'captured']}
        rowActions={(session) =>
          session.refundableAmount && session.refundableAmount.amountMinor > 0 ? (
            <button type="button" className="rps-button" onClick={() => setLog(`Refund requested for ${session.id}`)}>
              Refund<span className="rps-visually-hidden"> {session.id}</span>
            </button>
          ) : null
        }
      />
    </div>
  );
}

/** Custom and reordered columns, and host actions per row (clicking one does not open the row). */
export const CustomColumnsAndRowActions: Story = {
  render: (args) => <ActionsDemo {...args} />,
  play: async ({ canvas, canvasElement }) => {
    const [refund] = await canvas.findAllByRole('button', { name: /^Refund / });
    const headers = canvas.getAllByRole('columnheader');
    await expect(headers.map((header) => header.textContent)).toEqual(['Session', 'Order', 'Total', 'Status', 'Captured', 'Actions']);
    await userEvent.click(refund!);
    await expect(canvas.getByText(/^Refund requested for ps_/)).toBeVisible();
    await expect(body(canvasElement).queryByRole('dialog')).not.toBeInTheDocument();
  },
};

/** One list per state, each over its own fake backend. */
function StateCell({ title, fetcher, children }: { title: string; fetcher: SessionFetcher; children: ReactNode }) {
  return (
    <section aria-label={title} style={{ minWidth: 0 }}>
      <h3 style={{ font: '600 14px system-ui', margin: '0 0 8px' }}>{title}</h3>
      <PaymentSessionsProvider fetcher={fetcher} locale="en-US" timeZone="UTC" swr={{ shouldRetryOnError: false }}>
        {children}
      </PaymentSessionsProvider>
    </section>
  );
}

function AllStatesGrid() {
  const [fetchers] = useState(() => {
    const failing = createFakeTruemedFetcher({ sessions: 20 });
    failing.api.setFailure({ status: 500 });
    return {
      ready: createFakeTruemedFetcher({ sessions: 20 }),
      loading: createFakeTruemedFetcher({ latencyMs: 1_000_000_000 }),
      empty: createFakeTruemedFetcher({ sessions: 0 }),
      noResults: createFakeTruemedFetcher({ sessions: 20 }),
      error: failing,
      dark: createFakeTruemedFetcher({ sessions: 20, seed: 2 }),
    };
  });
  const columns = ['id', 'status', 'amount'] as const;
  const query = { pageSize: 4 };
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))', gap: 24 }}>
      <StateCell title="Ready" fetcher={fetchers.ready}>
        <SessionList columns={columns} query={query} />
      </StateCell>
      <StateCell title="Loading" fetcher={fetchers.loading}>
        <SessionList columns={columns} query={query} />
      </StateCell>
      <StateCell title="Empty" fetcher={fetchers.empty}>
        <SessionList columns={columns} query={query} />
      </StateCell>
      <StateCell title="No results" fetcher={fetchers.noResults}>
        <SessionWorkspace defaultValue={{ search: 'nobody by this name', pageSize: 4 }}>
          <SessionList columns={columns} />
        </SessionWorkspace>
      </StateCell>
      <StateCell title="Error" fetcher={fetchers.error}>
        <SessionList columns={columns} query={query} />
      </StateCell>
      <StateCell title="Dark" fetcher={fetchers.dark}>
        <ThemeProvider appearance="dark" style={{ padding: 12 }}>
          <SessionList columns={columns} query={query} />
        </ThemeProvider>
      </StateCell>
    </div>
  );
}

/** Every state side by side. */
export const AllStates: Story = {
  render: () => <AllStatesGrid />,
  play: async ({ canvas }) => {
    const stateOf = (title: string) => canvas.getByRole('region', { name: title }).querySelector('.rps-session-list')?.getAttribute('data-state');
    await waitFor(() => {
      expect(stateOf('Ready')).toBe('ready');
      expect(stateOf('Loading')).toBe('loading');
      expect(stateOf('Empty')).toBe('empty');
      expect(stateOf('No results')).toBe('no-results');
      expect(stateOf('Error')).toBe('error');
      expect(stateOf('Dark')).toBe('ready');
    });
  },
};
