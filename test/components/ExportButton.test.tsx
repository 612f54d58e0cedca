import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { SWRConfig } from 'swr';
import {
  PaymentSessionsError,
  PaymentSessionsProvider,
  SessionWorkspace,
  type SessionFetcher,
  type SessionFilterState,
} from 'react-payment-sessions';
import { messagesFr } from 'react-payment-sessions/locales/fr';
import { createFakeOneEntryFetcher, createFakeTruemedFetcher, makeTruemedRecords, type FakeTruemedFetcher } from 'react-payment-sessions/testing';
import { ExportButton, type ExportButtonProps, type ExportInfo } from 'react-payment-sessions';
// Internal helpers, not part of the public surface.
import { defaultFileName } from '../../src/components/ExportButton';

interface Setup {
  fetcher?: SessionFetcher;
  defaultValue?: Partial<SessionFilterState>;
  timeZone?: string;
  locale?: string;
}

function renderExport(props: ExportButtonProps = {}, { fetcher = createFakeTruemedFetcher({ sessions: 120 }), defaultValue, timeZone, locale = 'en-US' }: Setup = {}) {
  const exports: Array<{ csv: string; info: ExportInfo }> = [];
  const wrap = (children: ReactNode) => (
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <PaymentSessionsProvider fetcher={fetcher} timeZone={timeZone} locale={locale}>
        <SessionWorkspace defaultValue={defaultValue}>{children}</SessionWorkspace>
      </PaymentSessionsProvider>
    </SWRConfig>
  );
  const user = userEvent.setup();
  const view = render(wrap(<ExportButton onExport={(csv, info) => exports.push({ csv, info })} {...props} />));
  return { user, exports, fetcher, ...view };
}

const root = () => document.querySelector<HTMLElement>('.rps-export-button') as HTMLElement;
const finished = () => waitFor(() => expect(root()).toHaveAttribute('data-state', 'done'));
/** Requests the fake API received for one page number. */
const requestsFor = (fetcher: FakeTruemedFetcher, page: number) =>
  fetcher.api.requests.filter((request) => new URL(request.url).searchParams.get('page') === String(page));

/** A fetcher that fails the first request for `page` and answers everything else through `base`. */
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

/**
 * Anchor clicks (the automatic download), recorded instead of run: jsdom cannot navigate, and says so
 * on the console.
 */
let anchorClicks: Array<{ href: string; download: string }> = [];
beforeEach(() => {
  anchorClicks = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    anchorClicks.push({ href: this.getAttribute('href') ?? '', download: this.download });
  });
});
afterEach(() => vi.restoreAllMocks());

/** Predictable `blob:` URLs, with the blobs they were made of. */
function stubObjectUrls() {
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:test/${blobs.length}`;
  });
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  return { blobs, revoke };
}

describe('ExportButton', () => {
  describe('given 120 sessions', () => {
    it('exports every page and hands over a CSV with one row per session', async () => {
      const { user, exports } = renderExport();
      expect(root()).toHaveAttribute('data-state', 'idle');
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await finished();

      expect(exports).toHaveLength(1);
      const [{ csv, info }] = exports as [{ csv: string; info: ExportInfo }];
      expect(info.rows).toBe(120);
      expect(csv.trimEnd().split('\r\n')).toHaveLength(121);
      expect(csv.split('\r\n')[0]).toMatch(/^ID,Status,/);
      expect(screen.getByRole('status')).toHaveTextContent('120 rows exported');
    });

    it('writes the separator and BOM it is given, for Excel in regions with a decimal comma', async () => {
      const { user, exports } = renderExport({ separator: ';', bom: true });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await finished();
      const [{ csv }] = exports as [{ csv: string; info: ExportInfo }];
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv.slice(1).split('\r\n')[0]).toMatch(/^ID;Status;Raw status;/);
      expect(csv.slice(1).trimEnd().split('\r\n')).toHaveLength(121);
    });

    it('shows progress with a percentage and pages while running, and Cancel', async () => {
      const fetcher = createFakeTruemedFetcher({ sessions: 250, latencyMs: 40 });
      const { user } = renderExport({ pageSize: 50, concurrency: 1 }, { fetcher });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      const progress = await screen.findByRole('progressbar');
      expect(root()).toHaveAttribute('data-state', 'running');
      expect(screen.getByRole('button', { name: 'Cancel export' })).toBeInTheDocument();
      // Said once, not at every percent.
      expect(screen.getByRole('status')).toHaveTextContent('Export started.');

      await waitFor(() => expect(progress).toHaveAttribute('max', '5'));
      await waitFor(() => expect(progress).toHaveAttribute('value', '2'));
      expect(progress).toHaveAccessibleName('Exporting… 40% 2 of 5 pages');
      await finished();
    });

    it('moves focus from Export to Cancel to the download link as the export goes on', async () => {
      const { user } = renderExport({}, { fetcher: createFakeTruemedFetcher({ sessions: 120, latencyMs: 20 }) });
      await user.tab();
      expect(screen.getByRole('button', { name: 'Export CSV' })).toHaveFocus();
      await user.keyboard('{Enter}');
      await waitFor(() => expect(screen.getByRole('button', { name: 'Cancel export' })).toHaveFocus());
      await finished();
      await waitFor(() => expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveFocus());
    });

    it('when canceled, stops fetching and offers a resume that refetches nothing already fetched', async () => {
      const fetcher = createFakeTruemedFetcher({ sessions: 250, latencyMs: 40 });
      const { user, exports } = renderExport({ pageSize: 50, concurrency: 1 }, { fetcher });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      const progress = await screen.findByRole('progressbar');
      await waitFor(() => expect(progress).toHaveAttribute('value', '2'));
      await user.click(screen.getByRole('button', { name: 'Cancel export' }));

      expect(root()).toHaveAttribute('data-state', 'canceled');
      expect(screen.getByRole('status')).toHaveTextContent('Export canceled.');
      expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Export CSV' })).toBeInTheDocument();
      const resume = screen.getByRole('button', { name: 'Resume export' });
      expect(resume).toHaveFocus();
      const requestsAtCancel = fetcher.api.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(fetcher.api.requests).toHaveLength(requestsAtCancel);
      expect(exports).toHaveLength(0);

      await user.click(resume);
      await finished();
      expect(exports[0]?.info.rows).toBe(250);
      expect(requestsFor(fetcher, 1)).toHaveLength(1);
      expect(requestsFor(fetcher, 2)).toHaveLength(1);
    });
  });

  describe('given a backend that fails page 2 once', () => {
    it('stops with an alert naming the page; Resume finishes with every row', async () => {
      const base = createFakeTruemedFetcher({ sessions: 250 });
      const { user, exports } = renderExport({ pageSize: 50, concurrency: 1 }, { fetcher: failingOnce(base, 2) });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Export stopped at page 2.');
      expect(root()).toHaveAttribute('data-state', 'error');
      const resume = within(alert).getByRole('button', { name: 'Resume export' });
      expect(resume).toHaveFocus();
      expect(within(alert).getByRole('button', { name: 'Cancel' })).toBeInTheDocument();

      await user.click(resume);
      await finished();
      expect(exports[0]?.info.rows).toBe(250);
      expect(requestsFor(base, 1)).toHaveLength(1);
    });

    it('when Cancel is chosen instead, goes back to Export with Resume still offered', async () => {
      const base = createFakeTruemedFetcher({ sessions: 250 });
      const { user } = renderExport({ pageSize: 50, concurrency: 1 }, { fetcher: failingOnce(base, 2) });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(root()).toHaveAttribute('data-state', 'canceled');
      await user.click(screen.getByRole('button', { name: 'Resume export' }));
      await finished();
    });
  });

  describe('given customers with hostile names and records carrying secrets', () => {
    it('writes formula-safe cells and no secret', async () => {
      const records = makeTruemedRecords({ count: 4 }).map((record, index) => ({
        ...record,
        customer_name: index === 0 ? '=HYPERLINK("http://evil.example","Refund")' : record.customer_name,
        customer_email: index === 1 ? '+1@evil.example' : record.customer_email,
        client_secret: 'cs_live_TOPSECRET',
        redirect_url: 'javascript:alert(1)',
      }));
      const { user, exports } = renderExport({}, { fetcher: createFakeTruemedFetcher({ sessions: records }) });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await finished();
      const csv = exports[0]?.csv ?? '';
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Refund"")"`);
      expect(csv).toContain(",'+1@evil.example,");
      expect(csv).not.toMatch(/(^|,|")=HYPERLINK/m);
      expect(csv).not.toContain('TOPSECRET');
      expect(csv).not.toContain('javascript:');
      expect(document.body.innerHTML).not.toContain('TOPSECRET');
    });

    it('exports OneEntry sessions without their clientSecret', async () => {
      const fetcher = createFakeOneEntryFetcher({ sessions: 12 });
      const secrets = fetcher.payments.records.map((record) => (record as { clientSecret?: string }).clientSecret).filter(Boolean);
      expect(secrets.length).toBeGreaterThan(0);
      const { user, exports } = renderExport({}, { fetcher });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await finished();
      expect(exports[0]?.info.rows).toBe(12);
      for (const secret of secrets) expect(exports[0]?.csv).not.toContain(secret as string);
    });
  });

  describe('given a filter', () => {
    it('exports every page of the filter, not only the page on screen', async () => {
      const fetcher = createFakeTruemedFetcher({ sessions: 240 });
      const captured = fetcher.api.records.filter((record) => record.status === 'captured').length;
      const { user, exports } = renderExport({}, { fetcher, defaultValue: { status: ['captured'], page: 3, pageSize: 10 } });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await finished();
      expect(exports[0]?.info.rows).toBe(captured);
      const sent = new URL(fetcher.api.requests[0]?.url ?? '').searchParams;
      expect(sent.get('status')).toBe('captured');
      expect(sent.get('page')).toBe('1');
      expect(sent.get('page_size')).toBe('100');
    });

    it('uses the columns given', async () => {
      const { user, exports } = renderExport({ columns: ['id', 'status'] }, { fetcher: createFakeTruemedFetcher({ sessions: 3 }) });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await finished();
      expect(exports[0]?.csv.split('\r\n')[0]).toBe('id,status');
    });
  });

  describe('given object URLs (a real browser)', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-03-10T02:00:00Z'));
    });
    afterEach(() => vi.useRealTimers());

    it('downloads the file by itself, named by today in the provider time zone, and revokes the URL later', async () => {
      const urls = stubObjectUrls();
      const timers = vi.spyOn(globalThis, 'setTimeout');
      const { user, exports, unmount } = renderExport({}, { fetcher: createFakeTruemedFetcher({ sessions: 5 }), timeZone: 'America/New_York' });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await finished();
      // The download gets its own URL (blob:test/2), revoked a minute later, not with the link's.
      expect(anchorClicks).toEqual([{ href: 'blob:test/2', download: 'payment-sessions-2026-03-09.csv' }]);
      expect(await urls.blobs[0]?.text()).toBe(exports[0]?.csv);
      expect(await urls.blobs[1]?.text()).toBe(exports[0]?.csv);
      const revokeLater = timers.mock.calls.find(([, delay]) => delay === 60_000);
      expect(revokeLater).toBeDefined();
      expect(urls.revoke).not.toHaveBeenCalledWith('blob:test/2');
      (revokeLater![0] as () => void)();
      expect(urls.revoke).toHaveBeenCalledWith('blob:test/2');
      timers.mockRestore();
      expect(exports[0]?.info.fileName).toBe('payment-sessions-2026-03-09.csv');
      const link = screen.getByRole('link', { name: 'Download CSV' });
      expect(link).toHaveAttribute('href', 'blob:test/1');
      expect(link).toHaveAttribute('download', 'payment-sessions-2026-03-09.csv');
      // The temporary anchor is gone; the URL lives as long as the link shows.
      expect(document.querySelectorAll('a[download]')).toHaveLength(1);
      expect(urls.revoke).not.toHaveBeenCalledWith('blob:test/1');
      unmount();
      expect(urls.revoke).toHaveBeenCalledWith('blob:test/1');
    });

    it('downloads again for a second export even when the CSV is the same', async () => {
      stubObjectUrls();
      const { user, exports } = renderExport({}, { fetcher: createFakeTruemedFetcher({ sessions: 5 }) });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await finished();
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await waitFor(() => expect(exports).toHaveLength(2));
      expect(exports[1]?.csv).toBe(exports[0]?.csv);
      expect(anchorClicks).toHaveLength(2);
    });

    it('with autoDownload off, only offers the link', async () => {
      stubObjectUrls();
      const { user } = renderExport({ autoDownload: false, fileName: 'march.csv' }, { fetcher: createFakeTruemedFetcher({ sessions: 5 }) });
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await finished();
      expect(anchorClicks).toEqual([]);
      expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('download', 'march.csv');
    });
  });

  describe('given no object URLs (jsdom, some webviews)', () => {
    it('does not try to download, and the link carries the CSV as a data URL', async () => {
      const original = URL.createObjectURL;
      Object.defineProperty(URL, 'createObjectURL', { value: undefined, configurable: true, writable: true });
      try {
        const { user, exports } = renderExport({}, { fetcher: createFakeTruemedFetcher({ sessions: 7 }) });
        await user.click(screen.getByRole('button', { name: 'Export CSV' }));
        await finished();
        expect(anchorClicks).toEqual([]);
        expect(exports[0]?.info.rows).toBe(7);
        const href = screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href') ?? '';
        expect(href.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
        expect(decodeURIComponent(href.slice(href.indexOf(',') + 1))).toBe(exports[0]?.csv);
      } finally {
        Object.defineProperty(URL, 'createObjectURL', { value: original, configurable: true, writable: true });
      }
    });
  });

  describe('given theming and locale props', () => {
    it('puts theme variables, class slots and state attributes on the parts', async () => {
      const { user } = renderExport({
        theme: { colors: { accent: '#123456' } },
        className: 'host',
        classNames: { root: 'slot-root', button: 'slot-button', download: 'slot-download', status: 'slot-status' },
      });
      expect(root()).toHaveClass('rps-export-button', 'rps-root', 'host', 'slot-root');
      expect(root().style.getPropertyValue('--rps-color-accent')).toBe('#123456');
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await finished();
      expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveClass('rps-export-button__download', 'slot-download');
      expect(screen.getByRole('button', { name: 'Export CSV' })).toHaveClass('slot-button');
      expect(screen.getByRole('status')).toHaveClass('slot-status');
    });

    it('speaks French with French numbers', async () => {
      const { user } = renderExport({ messages: messagesFr, unstyled: true }, { fetcher: createFakeTruemedFetcher({ sessions: 1200 }), locale: 'fr-FR' });
      expect(root()).not.toHaveClass('rps-root');
      await user.click(screen.getByRole('button', { name: messagesFr.exportCsv }));
      await finished();
      // Exactly, since the French group separator is a narrow no-break space that text matchers normalize.
      expect(screen.getByRole('status').textContent).toBe(messagesFr.exportDone(new Intl.NumberFormat('fr-FR').format(1200)));
    });
  });

  it('renders on the server (no window, no URL objects)', () => {
    const html = renderToString(
      <PaymentSessionsProvider fetcher={createFakeTruemedFetcher({ sessions: 1 })}>
        <ExportButton />
      </PaymentSessionsProvider>,
    );
    expect(html).toContain('Export CSV');
    expect(html).toContain('data-state="idle"');
  });

  describe('defaultFileName', () => {
    it('names the file by the calendar day in the time zone', () => {
      const now = new Date('2026-03-10T02:00:00Z');
      expect(defaultFileName('America/New_York', now)).toBe('payment-sessions-2026-03-09.csv');
      expect(defaultFileName('Europe/Berlin', now)).toBe('payment-sessions-2026-03-10.csv');
      expect(defaultFileName('Not/AZone', now)).toBe('payment-sessions-2026-03-10.csv');
    });
  });
});
