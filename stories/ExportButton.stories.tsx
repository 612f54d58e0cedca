import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { useState, type ReactNode } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { SWRConfig } from 'swr';
import {
  ExportButton,
  PaymentSessionsError,
  PaymentSessionsProvider,
  SessionWorkspace,
  ThemeProvider,
  type SessionFetcher,
} from 'react-payment-sessions';
import { messagesFr } from 'react-payment-sessions/locales/fr';
import { createFakeTruemedFetcher } from 'react-payment-sessions/testing';
import { storySetup, StoryProviders, type Loaded } from './support';

/** A fresh SWR cache and the loader's fetcher per story, in a workspace. */
const withProviders: Decorator = (Story, context) => {
  const { fetcher, provider } = storySetup(context);
  return (
    <StoryProviders fetcher={fetcher} provider={provider}>
      <SessionWorkspace defaultValue={provider.defaultValue}>
        <Story />
      </SessionWorkspace>
    </StoryProviders>
  );
};

/** `base`, except that the first request for `page` fails with a 503. */
function failingOnce(base: SessionFetcher, page: number): SessionFetcher {
  let failed = false;
  return Object.assign(
    async (query: Parameters<SessionFetcher>[0], ctx: Parameters<SessionFetcher>[1]) => {
      if (query.page === page && !failed) {
        failed = true;
        throw new PaymentSessionsError({ kind: 'http', status: 503, message: 'Service unavailable' });
      }
      return base(query, ctx);
    },
    { source: base.source, capabilities: base.capabilities },
  );
}

const meta = {
  title: 'Components/ExportButton',
  component: ExportButton,
  decorators: [withProviders],
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 120, latencyMs: 80 }) })],
  // Stories capture the CSV instead of downloading it, so a story run leaves no files behind.
  args: { onExport: fn(), autoDownload: false },
} satisfies Meta<typeof ExportButton>;
export default meta;
type Story = StoryObj<typeof meta>;

const doneIn = (canvasElement: HTMLElement) =>
  waitFor(() => expect(canvasElement.querySelector('.rps-export-button')).toHaveAttribute('data-state', 'done'), { timeout: 5000 });

export const Default: Story = {};

/** Exports all 120 sessions (two pages of 100) and hands over the CSV: one row per session. */
export const ExportAllPages: Story = {
  play: async ({ canvas, canvasElement, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Export CSV' }));
    await doneIn(canvasElement);
    await expect(args.onExport).toHaveBeenCalledTimes(1);
    const [csv, info] = (args.onExport as ReturnType<typeof fn>).mock.calls[0] as [string, { rows: number }];
    await expect(info.rows).toBe(120);
    await expect(csv.trimEnd().split('\r\n')).toHaveLength(121);
    await expect(canvas.getByRole('status')).toHaveTextContent('120 rows exported');
    await expect(canvas.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('download', expect.stringMatching(/^payment-sessions-\d{4}-\d{2}-\d{2}\.csv$/));
  },
};

/** The running state: a progress bar with the percentage and pages, and Cancel; then Resume. */
export const Loading: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 600, latencyMs: 400 }) })],
  args: { concurrency: 1 },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Export CSV' }));
    const progress = await canvas.findByRole('progressbar');
    await waitFor(() => expect(progress).toHaveAttribute('max', '6'), { timeout: 3000 });
    await expect(canvas.getByText('1 of 6 pages')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Cancel export' })).toHaveFocus();
  },
};

export const Canceled: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 300, latencyMs: 200 }) })],
  play: async ({ canvas, canvasElement, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Export CSV' }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Cancel export' }));
    const resume = canvas.getByRole('button', { name: 'Resume export' });
    await expect(resume).toHaveFocus();
    await userEvent.click(resume);
    await doneIn(canvasElement);
    await expect((args.onExport as ReturnType<typeof fn>).mock.calls[0]?.[1]).toMatchObject({ rows: 300 });
  },
};

/** Page 2 fails once: the export stops with an alert, Resume fetches the rest. */
export const ErrorThenResume: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: failingOnce(createFakeTruemedFetcher({ sessions: 250, latencyMs: 40 }), 2) })],
  args: { pageSize: 50, concurrency: 1 },
  play: async ({ canvas, canvasElement, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Export CSV' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('Export stopped at page 2.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Resume export' }));
    await doneIn(canvasElement);
    await expect((args.onExport as ReturnType<typeof fn>).mock.calls[0]?.[1]).toMatchObject({ rows: 250 });
  },
};

export const Empty: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 0 }) })],
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Export CSV' }));
    await doneIn(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('0 rows exported');
  },
};

/** A filter that matches nothing exports a header-only file. */
export const NoResults: Story = {
  parameters: { provider: { defaultValue: { search: 'no-such-customer-zzz' } } },
  play: async ({ canvas, canvasElement, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Export CSV' }));
    await doneIn(canvasElement);
    await expect((args.onExport as ReturnType<typeof fn>).mock.calls[0]?.[1]).toMatchObject({ rows: 0 });
  },
};

/** 1,000 sessions in ten pages, three at a time. */
export const ManyRows: Story = {
  loaders: [async (): Promise<Loaded> => ({ fetcher: createFakeTruemedFetcher({ sessions: 1000, latencyMs: 30 }) })],
  args: { concurrency: 3 },
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Export CSV' }));
    await doneIn(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('1,000 rows exported');
  },
};

/** The host chooses what to export (`query` prop), here with its own status menu. */
export const Controlled: Story = {
  render: function ControlledExport(args) {
    const [status, setStatus] = useState('captured');
    return (
      <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        <label>
          Status{' '}
          <select value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="captured">Captured</option>
            <option value="authorized">Authorized</option>
          </select>
        </label>
        <ExportButton {...args} query={{ status: [status] }} columns={['id', 'status', 'rawStatus']} />
      </div>
    );
  },
  play: async ({ canvas, canvasElement, args }) => {
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Status' }), 'authorized');
    await userEvent.click(canvas.getByRole('button', { name: 'Export CSV' }));
    await doneIn(canvasElement);
    const csv = (args.onExport as ReturnType<typeof fn>).mock.calls[0]?.[0] as string;
    const rows = csv.trimEnd().split('\r\n').slice(1);
    await expect(rows.length).toBeGreaterThan(0);
    await expect(rows.every((row) => row.endsWith(',authorized'))).toBe(true);
  },
};

export const Dark: Story = {
  args: { appearance: 'dark' },
  decorators: [(Story) => <div style={{ background: '#15181d', padding: 16 }}><Story /></div>],
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Export CSV' }));
    await doneIn(canvasElement);
  },
};

export const CustomTheme: Story = {
  args: { theme: { colors: { accent: '#b45309', accentForeground: '#ffffff', focus: '#b45309' }, radius: 0, density: 'spacious' } },
};

export const French: Story = {
  args: { messages: messagesFr },
  parameters: { provider: { locale: 'fr-FR', timeZone: 'Europe/Paris' } },
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(canvas.getByRole('button', { name: messagesFr.exportCsv }));
    await doneIn(canvasElement);
    await expect(canvas.getByRole('link', { name: messagesFr.download })).toBeVisible();
  },
};

export const RightToLeft: Story = {
  decorators: [(Story) => <div dir="rtl"><Story /></div>],
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Export CSV' }));
    await canvas.findByRole('link', { name: 'Download CSV' }, { timeout: 5000 });
  },
};

/** One export button over its own backend, for the states grid. */
function Cell({ label, make, children }: { label: string; make: () => SessionFetcher; children?: ReactNode }) {
  const [fetcher] = useState(make);
  return (
    <section aria-label={label} data-cell={label} style={{ display: 'grid', gap: 4 }}>
      <span>{label}</span>
      <SWRConfig value={{ provider: () => new Map() }}>
        <PaymentSessionsProvider fetcher={fetcher} locale="en-US">
          {children ?? <ExportButton autoDownload={false} pageSize={50} concurrency={1} />}
        </PaymentSessionsProvider>
      </SWRConfig>
    </section>
  );
}

/** Idle, running, done, failed, canceled, dark and unstyled: the play function drives each cell there. */
export const AllStates: Story = {
  render: () => (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: 24 }}>
      <Cell label="Idle" make={() => createFakeTruemedFetcher({ sessions: 10 })} />
      <Cell label="Running" make={() => createFakeTruemedFetcher({ sessions: 500, latencyMs: 600_000 })} />
      <Cell label="Done" make={() => createFakeTruemedFetcher({ sessions: 120 })} />
      <Cell label="Failed" make={() => failingOnce(createFakeTruemedFetcher({ sessions: 120 }), 2)} />
      <Cell label="Canceled" make={() => createFakeTruemedFetcher({ sessions: 500, latencyMs: 600_000 })} />
      <Cell label="Dark" make={() => createFakeTruemedFetcher({ sessions: 10 })}>
        <ThemeProvider appearance="dark" style={{ padding: 12 }}>
          <ExportButton autoDownload={false} />
        </ThemeProvider>
      </Cell>
      <Cell label="Unstyled" make={() => createFakeTruemedFetcher({ sessions: 10 })}>
        <ExportButton autoDownload={false} unstyled />
      </Cell>
    </div>
  ),
  play: async ({ canvas }) => {
    const cell = (name: string) => within(canvas.getByRole('region', { name }));
    await userEvent.click(cell('Running').getByRole('button', { name: 'Export CSV' }));
    await userEvent.click(cell('Done').getByRole('button', { name: 'Export CSV' }));
    await userEvent.click(cell('Failed').getByRole('button', { name: 'Export CSV' }));
    await userEvent.click(cell('Canceled').getByRole('button', { name: 'Export CSV' }));
    await userEvent.click(cell('Canceled').getByRole('button', { name: 'Cancel export' }));
    await expect(await cell('Done').findByRole('link', { name: 'Download CSV' })).toBeVisible();
    await expect(await cell('Failed').findByRole('alert')).toHaveTextContent('Export stopped at page 2.');
    await expect(cell('Running').getByRole('progressbar')).toBeVisible();
    await expect(cell('Canceled').getByRole('button', { name: 'Resume export' })).toBeVisible();
  },
};
