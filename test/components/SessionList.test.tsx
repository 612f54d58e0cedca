import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderToString } from 'react-dom/server';
import type { ReactElement } from 'react';
import {
  createOneEntryFetcher,
  Pagination,
  PaymentSessionsError,
  SessionWorkspace,
  ThemeProvider,
  type PaymentSession,
  type SessionFetcher,
  type SessionPage,
  type SessionQuery,
  type TruemedPaymentSessionWire,
} from 'react-payment-sessions';
import { messagesDe } from 'react-payment-sessions/locales/de';
import { createFakeOneEntryPayments, createFakeTruemedFetcher, makeSessions, type FakeTruemedFetcher } from 'react-payment-sessions/testing';
import { SessionList, sessionListColumns, type SessionListColumn } from 'react-payment-sessions';
import { providerWrapper, type WrapperOptions } from '../hooks/render';

/** Renders inside a fresh SWR cache and a provider (no automatic error retries, so failures stay put). */
function renderWithProvider(ui: ReactElement, fetcher: SessionFetcher, options: WrapperOptions = {}) {
  const { wrapper } = providerWrapper(fetcher, { locale: 'en-US', timeZone: 'UTC', swr: { shouldRetryOnError: false }, ...options });
  return render(ui, { wrapper });
}

function listRoot(): HTMLElement {
  const root = document.querySelector<HTMLElement>('.rps-session-list');
  if (!root) throw new Error('no SessionList root');
  return root;
}

/** The data rows (the body's rows; the header row is the first rowgroup's). */
function dataRows(): HTMLElement[] {
  const [, body] = within(screen.getByRole('table')).getAllByRole('rowgroup');
  return body ? within(body).queryAllByRole('row') : [];
}

async function waitForRows(count?: number) {
  await waitFor(() => {
    expect(listRoot()).toHaveAttribute('data-state', 'ready');
    if (count !== undefined) expect(dataRows()).toHaveLength(count);
  });
}

function rowButton(id: string): HTMLElement {
  return screen.getByRole('button', { name: `Open session ${id}` });
}

/** Collapses Intl's no-break and narrow no-break spaces so expectations can be written plainly. */
function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** A Truemed wire record with sensible defaults. */
function wireRecord(overrides: Partial<TruemedPaymentSessionWire> & { id: string }): TruemedPaymentSessionWire {
  return {
    kind: 'one_time_payment',
    status: 'captured',
    status_summary: 'Captured',
    created_on: '2024-03-10T23:30:00Z',
    captured_on: '2024-03-10T23:31:00Z',
    total_amount: 123456,
    currency: 'USD',
    customer_name: 'Zoë Brontë',
    customer_email: 'zoe@example.org',
    ...overrides,
  };
}

/** A fetcher that answers one fixed page from memory (no latency), e.g. 1000 rows at once. */
function memoryFetcher(sessions: PaymentSession[], extra: Partial<SessionPage> = {}): SessionFetcher & { calls: SessionQuery[] } {
  const calls: SessionQuery[] = [];
  const fetcher = async (query: SessionQuery): Promise<SessionPage> => {
    calls.push(query);
    return { sessions, total: sessions.length, page: 1, pageSize: query.pageSize, pageCount: 1, ...extra };
  };
  return Object.assign(fetcher, { source: 'memory', capabilities: { search: false, filters: [] }, calls });
}

describe('SessionList', () => {
  describe('given a backend with 45 sessions', () => {
    let fetcher: FakeTruemedFetcher;
    beforeEach(() => {
      fetcher = createFakeTruemedFetcher({ sessions: 45, seed: 3 });
    });

    it('when loaded, shows a table named by its caption with the default columns in order and one row per session', async () => {
      renderWithProvider(<SessionList />, fetcher);
      await waitForRows(30);

      const table = screen.getByRole('table', { name: 'Payment sessions' });
      const headers = within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent);
      expect(headers).toEqual(['Session', 'Customer', 'Status', 'Amount', 'Refunded', 'Created']);
      expect(table).not.toHaveAttribute('aria-busy');
      expect(listRoot()).toHaveAttribute('data-loading-state', 'idle');
    });

    it('when loaded, puts a real button named "Open session <id>" in each row header, in the backend order', async () => {
      renderWithProvider(<SessionList />, fetcher);
      await waitForRows(30);

      const firstThree = fetcher.api.records.slice(0, 3).map((record) => record.id);
      const rowHeaders = within(screen.getByRole('table')).getAllByRole('rowheader').slice(0, 3);
      expect(rowHeaders.map((cell) => within(cell).getByRole('button').getAttribute('aria-label'))).toEqual(
        firstThree.map((id) => `Open session ${id}`),
      );
      expect(rowHeaders.map((cell) => cell.textContent)).toEqual(firstThree);
    });

    it('when the query asks for page 2 of 20, shows those sessions', async () => {
      renderWithProvider(<SessionList query={{ page: 2, pageSize: 20 }} />, fetcher);
      await waitForRows(20);
      expect(rowButton(fetcher.api.records[20]!.id)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: `Open session ${fetcher.api.records[0]!.id}` })).not.toBeInTheDocument();
    });
  });

  describe('given one known session', () => {
    const fetcher = () => createFakeTruemedFetcher({ sessions: [wireRecord({ id: 'ps_known' })] });

    it('when the provider is en-US in Asia/Tokyo, shows the amount in dollars and the date in Tokyo time', async () => {
      renderWithProvider(<SessionList />, fetcher(), { locale: 'en-US', timeZone: 'Asia/Tokyo' });
      await waitForRows(1);
      const [row] = dataRows();
      const cells = within(row!).getAllByRole('cell');
      // Customer, Status, Amount, Refunded, Created (the id is the row header).
      expect(plain(cells[0]!.textContent)).toBe('Zoë Brontëzoe@example.org');
      expect(within(cells[1]!).getByText('Captured')).toBeInTheDocument();
      expect(plain(cells[2]!.textContent)).toBe('$1,234.56');
      expect(plain(cells[4]!.textContent)).toBe('Mar 11, 2024, 8:30 AM');
      expect(within(cells[4]!).getByText(/Mar 11/).closest('time')).toHaveAttribute('dateTime', '2024-03-10T23:30:00.000Z');
    });

    it('when the provider is de-DE in Europe/Berlin with German messages, everything follows', async () => {
      renderWithProvider(<SessionList messages={messagesDe} />, fetcher(), { locale: 'de-DE', timeZone: 'Europe/Berlin' });
      await waitForRows(1);
      expect(screen.getByRole('table', { name: 'Zahlungssitzungen' })).toBeInTheDocument();
      expect(screen.getByRole('columnheader', { name: 'Betrag' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Sitzung ps_known öffnen' })).toBeInTheDocument();
      const cells = within(dataRows()[0]!).getAllByRole('cell');
      expect(plain(cells[2]!.textContent)).toBe('1.234,56 $');
      expect(plain(cells[4]!.textContent)).toBe('11.03.2024, 00:30');
    });

    it('when the list has its own timeZone prop, that zone wins over the provider', async () => {
      renderWithProvider(<SessionList timeZone="America/New_York" />, fetcher(), { timeZone: 'Asia/Tokyo' });
      await waitForRows(1);
      expect(plain(within(dataRows()[0]!).getAllByRole('cell')[4]!.textContent)).toBe('Mar 10, 2024, 7:30 PM');
    });
  });

  describe('given the first page is still loading', () => {
    it('shows hidden skeleton rows (up to 8), aria-busy and a polite "Loading…" message', async () => {
      const fetcher = createFakeTruemedFetcher({ sessions: 45, latencyMs: 60_000 });
      renderWithProvider(<SessionList />, fetcher);

      expect(listRoot()).toHaveAttribute('data-state', 'loading');
      // Busy is the table; the live region saying so sits outside it, so it is still announced.
      expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');
      expect(screen.getByRole('table')).not.toContainElement(screen.getByRole('status'));
      expect(screen.getByRole('status')).toHaveTextContent('Loading payment sessions…');
      const skeletonRows = document.querySelectorAll('.rps-session-list__skeleton-row');
      expect(skeletonRows).toHaveLength(8);
      skeletonRows.forEach((row) => expect(row).toHaveAttribute('aria-hidden', 'true'));
      // Hidden rows are not rows to assistive technology: only the header row is exposed.
      expect(screen.getAllByRole('row')).toHaveLength(1);
    });

    it('with a page size of 5, shows 5 skeleton rows', () => {
      const fetcher = createFakeTruemedFetcher({ sessions: 45, latencyMs: 60_000 });
      renderWithProvider(<SessionList query={{ pageSize: 5 }} />, fetcher);
      expect(document.querySelectorAll('.rps-session-list__skeleton-row')).toHaveLength(5);
    });
  });

  describe('given a backend with no sessions at all', () => {
    it('shows the empty state with its hint, announces it, and no table', async () => {
      renderWithProvider(<SessionList />, createFakeTruemedFetcher({ sessions: 0 }));
      await waitFor(() => expect(listRoot()).toHaveAttribute('data-state', 'empty'));
      expect(screen.getByText('Sessions appear here as soon as customers start paying.')).toBeInTheDocument();
      expect(screen.getByRole('status')).toHaveTextContent('No payment sessions yet');
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    });
  });

  describe('announcing results', () => {
    it('says how many sessions a new filter found, and not again for another page of it', async () => {
      const fetcher = createFakeTruemedFetcher({ sessions: 45 });
      const { rerender } = renderWithProvider(<SessionList query={{ page: 1, pageSize: 20 }} />, fetcher);
      await waitForRows(20);
      await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('45 sessions found.'));

      rerender(<SessionList query={{ page: 2, pageSize: 20 }} />);
      await waitFor(() => expect(rowButton(fetcher.api.records[20]!.id)).toBeInTheDocument());
      await waitFor(() => expect(listRoot()).toHaveAttribute('data-state', 'ready'));
      expect(screen.getByRole('status')).toHaveTextContent(/^$/);

      const authorizations = fetcher.api.records.filter((record) => record.kind === 'authorization').length;
      expect(authorizations).toBeGreaterThan(0);
      rerender(<SessionList query={{ page: 1, pageSize: 20, kind: ['authorization'] }} />);
      await waitFor(() =>
        expect(screen.getByRole('status')).toHaveTextContent(`${authorizations} ${authorizations === 1 ? 'session' : 'sessions'} found.`),
      );
    });
  });

  describe('given a backend that sends no total (a full page counts one more)', () => {
    it('says "at least" in the announcement and a "+" in the pagination range', async () => {
      const payments = createFakeOneEntryPayments({ sessions: 250, legacyBareArray: true });
      renderWithProvider(
        <SessionWorkspace>
          <SessionList />
          <Pagination />
        </SessionWorkspace>,
        createOneEntryFetcher(payments),
      );
      await waitForRows(30);
      await waitFor(() => expect(screen.getAllByRole('status')[0]).toHaveTextContent('At least 31 sessions found.'));
      expect(document.querySelector('.rps-pagination__range')).toHaveTextContent('1–30 of 31+');
    });
  });

  describe('given filters that match nothing', () => {
    it('in a workspace, shows no-results with "Clear filters", which brings the sessions back', async () => {
      const user = userEvent.setup();
      renderWithProvider(
        <SessionWorkspace defaultValue={{ search: 'no-such-customer-anywhere' }}>
          <SessionList />
        </SessionWorkspace>,
        createFakeTruemedFetcher({ sessions: 45 }),
      );
      await waitFor(() => expect(listRoot()).toHaveAttribute('data-state', 'no-results'));
      expect(screen.getByRole('status')).toHaveTextContent('No sessions match these filters');
      const panel = document.querySelector<HTMLElement>('.rps-session-list__state')!;
      expect(panel).toHaveTextContent('No sessions match these filters');
      expect(panel).toHaveTextContent('Try a wider date range or fewer filters.');

      await user.click(screen.getByRole('button', { name: 'Clear filters' }));
      await waitForRows(30);
      // The focused button is gone with the no-results state: focus moves to the first row, not the page.
      expect(document.activeElement).toHaveAttribute('data-rps-trigger');
      expect(dataRows()[0]).toContainElement(document.activeElement as HTMLElement);
    });

    it('from a query prop (no filter state to clear), shows no-results without a "Clear filters" button', async () => {
      renderWithProvider(<SessionList query={{ search: 'no-such-customer-anywhere' }} />, createFakeTruemedFetcher({ sessions: 45 }));
      await waitFor(() => expect(listRoot()).toHaveAttribute('data-state', 'no-results'));
      expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    });
  });

  describe('given the backend fails', () => {
    it('on the first page, shows an alert with the backend message and a Retry that loads the rows', async () => {
      const user = userEvent.setup();
      const fetcher = createFakeTruemedFetcher({ sessions: 45 });
      fetcher.api.setFailure({ status: 503, body: { error: 'Unavailable', message: 'Truemed is down for maintenance' } });
      renderWithProvider(<SessionList />, fetcher);

      const alert = await screen.findByRole('alert');
      expect(listRoot()).toHaveAttribute('data-state', 'error');
      expect(alert).toHaveTextContent('Payment sessions could not be loaded');
      // Why, in the messages' words; the backend's own text under Details.
      expect(alert.querySelector('.rps-session-list__error-reason')).toHaveTextContent('The payment service answered with an error.');
      expect(within(alert).getByText('Details').closest('details')).toHaveTextContent('Truemed is down for maintenance');
      expect(screen.queryByRole('table')).not.toBeInTheDocument();

      fetcher.api.setFailure(null);
      await user.click(within(alert).getByRole('button', { name: 'Retry' }));
      await waitForRows(30);
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      // The focused Retry button is gone: focus moves to the first row rather than being lost (in the effect
      // after the rows' commit, which a loaded machine may run a moment after the rows appear).
      await waitFor(() => expect(rowButton(fetcher.api.records[0]!.id)).toHaveFocus());
    });

    it('a Retry that fails again says so, keeps focus on Retry, and a later one that finds nothing focuses the empty state', async () => {
      const user = userEvent.setup();
      // Slow enough that the Retrying… state is still there to read right after the click on a loaded machine.
      const fetcher = createFakeTruemedFetcher({ sessions: 45, latencyMs: 300 });
      fetcher.api.setFailure({ status: 503, body: { error: 'Unavailable', message: 'Truemed is down for maintenance' } });
      renderWithProvider(
        <SessionWorkspace defaultValue={{ search: 'no-such-customer-anywhere' }}>
          <SessionList />
        </SessionWorkspace>,
        fetcher,
      );
      const retryButton = await screen.findByRole('button', { name: 'Retry' });
      await user.click(retryButton);
      expect(screen.getByRole('status')).toHaveTextContent('Retrying…');
      expect(screen.getByRole('button', { name: 'Retrying…' })).toHaveAttribute('aria-disabled', 'true');
      await waitFor(() =>
        expect(screen.getByRole('status')).toHaveTextContent('Payment sessions could not be loaded: The payment service answered with an error.'),
      );
      expect(screen.getByRole('button', { name: 'Retry' })).toHaveFocus();

      fetcher.api.setFailure(null);
      await user.click(screen.getByRole('button', { name: 'Retry' }));
      await waitFor(() => expect(listRoot()).toHaveAttribute('data-state', 'no-results'));
      await waitFor(() => expect(document.querySelector('.rps-session-list__state')).toHaveFocus());
    });

    it('says why in the messages\' language, keeping the backend\'s English text under Details', async () => {
      const fetcher = createFakeTruemedFetcher({ sessions: 45 });
      fetcher.api.setFailure({ status: 401 });
      renderWithProvider(<SessionList messages={messagesDe} />, fetcher, { locale: 'de-DE' });
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(messagesDe.errorTitle);
      expect(alert.querySelector('.rps-session-list__error-reason')).toHaveTextContent(messagesDe.errorReason.auth);
      expect(alert.querySelector('details .rps-session-list__error-message')?.textContent).toMatch(/^Access to payment sessions was refused/);
    });

    it('on a later page, keeps the last good rows visible (dimmed, stale) under the alert', async () => {
      const user = userEvent.setup();
      const fetcher = createFakeTruemedFetcher({ sessions: 45 });
      const { rerender } = renderWithProvider(<SessionList query={{ page: 1, pageSize: 20 }} />, fetcher);
      await waitForRows(20);
      const firstPageId = fetcher.api.records[0]!.id;

      // Page 3: page 2 may already be prefetched into the cache.
      fetcher.api.setFailure({ status: 500 });
      rerender(<SessionList query={{ page: 3, pageSize: 20 }} />);
      await screen.findByRole('alert');
      expect(listRoot()).toHaveAttribute('data-state', 'error');
      expect(listRoot()).toHaveAttribute('data-stale', 'true');
      expect(screen.getByRole('status')).toHaveTextContent('Showing the last loaded sessions.');
      expect(rowButton(firstPageId)).toBeInTheDocument();
      expect(dataRows()).toHaveLength(20);
      expect(document.querySelector('.rps-session-list__body')).toHaveAttribute('data-stale', 'true');

      fetcher.api.setFailure(null);
      await user.click(screen.getByRole('button', { name: 'Retry' }));
      await waitFor(() => expect(rowButton(fetcher.api.records[40]!.id)).toBeInTheDocument());
      expect(dataRows()).toHaveLength(5);
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(listRoot()).not.toHaveAttribute('data-stale');
    });
  });

  describe('given a page from which the adapter dropped malformed records', () => {
    it('says how many were skipped', async () => {
      renderWithProvider(<SessionList />, memoryFetcher(makeSessions({ count: 3 }), { invalid: 2 }));
      await waitForRows(3);
      expect(screen.getByText('2 malformed records were skipped.')).toBeInTheDocument();
    });

    it('says nothing when none were', async () => {
      renderWithProvider(<SessionList />, memoryFetcher(makeSessions({ count: 3 })));
      await waitForRows(3);
      expect(screen.queryByText(/malformed/)).not.toBeInTheDocument();
    });
  });

  describe('given loaded rows (keyboard and pointer)', () => {
    const sessions = makeSessions({ count: 5, seed: 2 });
    const ids = sessions.map((session) => session.id);

    it('Tab reaches the first row button; Enter opens the detail; Escape closes it and focus returns to the row', async () => {
      const user = userEvent.setup();
      renderWithProvider(<SessionList />, memoryFetcher(sessions));
      await waitForRows(5);

      await user.tab();
      expect(rowButton(ids[0]!)).toHaveFocus();
      await user.keyboard('{Enter}');
      const dialog = await screen.findByRole('dialog', { name: `Payment session ${ids[0]}` });
      expect(dialog).toBeInTheDocument();
      expect(listRoot()).toHaveAttribute('data-state', 'ready');

      await user.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(rowButton(ids[0]!)).toHaveFocus();
    });

    it('Space on a row button opens that session, and the close button returns focus to it', async () => {
      const user = userEvent.setup();
      renderWithProvider(<SessionList />, memoryFetcher(sessions));
      await waitForRows(5);

      rowButton(ids[2]!).focus();
      await user.keyboard(' ');
      const dialog = await screen.findByRole('dialog', { name: `Payment session ${ids[2]}` });
      await user.click(within(dialog).getByRole('button', { name: 'Close' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(rowButton(ids[2]!)).toHaveFocus();
    });

    it('clicking anywhere in a row opens it, and focus goes to its button on close', async () => {
      const user = userEvent.setup();
      renderWithProvider(<SessionList />, memoryFetcher(sessions));
      await waitForRows(5);

      await user.click(within(dataRows()[3]!).getAllByRole('cell')[2]!);
      await screen.findByRole('dialog', { name: `Payment session ${ids[3]}` });
      // (The modal hides the page from the accessibility tree, so the row is found by its class.)
      expect(document.querySelectorAll('.rps-session-list__row')[3]).toHaveAttribute('data-selected', 'true');
      await user.keyboard('{Escape}');
      await waitFor(() => expect(rowButton(ids[3]!)).toHaveFocus());
    });

    it('Arrow Down/Up, Home and End move focus between the rows', async () => {
      const user = userEvent.setup();
      renderWithProvider(<SessionList />, memoryFetcher(sessions));
      await waitForRows(5);

      rowButton(ids[0]!).focus();
      await user.keyboard('{ArrowDown}');
      expect(rowButton(ids[1]!)).toHaveFocus();
      await user.keyboard('{ArrowDown}{ArrowDown}');
      expect(rowButton(ids[3]!)).toHaveFocus();
      await user.keyboard('{ArrowUp}');
      expect(rowButton(ids[2]!)).toHaveFocus();
      await user.keyboard('{End}');
      expect(rowButton(ids[4]!)).toHaveFocus();
      await user.keyboard('{ArrowDown}');
      expect(rowButton(ids[4]!)).toHaveFocus();
      await user.keyboard('{Home}');
      expect(rowButton(ids[0]!)).toHaveFocus();
      await user.keyboard('{ArrowUp}');
      expect(rowButton(ids[0]!)).toHaveFocus();
    });

    it('focus is trapped in the open detail: Tab never leaves the dialog', async () => {
      const user = userEvent.setup();
      renderWithProvider(<SessionList />, memoryFetcher(sessions));
      await waitForRows(5);

      await user.click(rowButton(ids[1]!));
      const dialog = await screen.findByRole('dialog');
      for (let i = 0; i < 6; i += 1) {
        await user.tab();
        expect(dialog).toContainElement(document.activeElement as HTMLElement);
      }
    });
  });

  describe('given rowActions', () => {
    it('renders them in a last "Actions" column, and using them does not open the row', async () => {
      const user = userEvent.setup();
      const sessions = makeSessions({ count: 3 });
      const onRefund = vi.fn();
      const onSessionOpen = vi.fn();
      renderWithProvider(
        <SessionList
          onSessionOpen={onSessionOpen}
          rowActions={(session) => (
            <button type="button" onClick={() => onRefund(session.id)}>
              Refund {session.id}
            </button>
          )}
        />,
        memoryFetcher(sessions),
      );
      await waitForRows(3);

      const headers = screen.getAllByRole('columnheader');
      expect(headers.at(-1)).toHaveTextContent('Actions');
      await user.click(screen.getByRole('button', { name: `Refund ${sessions[1]!.id}` }));
      screen.getByRole('button', { name: `Refund ${sessions[1]!.id}` }).focus();
      await user.keyboard('{Enter}');
      expect(onRefund).toHaveBeenCalledTimes(2);
      expect(onRefund).toHaveBeenCalledWith(sessions[1]!.id);
      expect(onSessionOpen).not.toHaveBeenCalled();
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
  });

  describe('selection', () => {
    const sessions = makeSessions({ count: 4, seed: 5 });
    const ids = sessions.map((session) => session.id);

    it('when controlled, shows the given session and only reports what the user asks for', async () => {
      const user = userEvent.setup();
      const onSelectedSessionChange = vi.fn();
      const { rerender } = renderWithProvider(
        <SessionList selectedSessionId={ids[1]!} onSelectedSessionChange={onSelectedSessionChange} />,
        memoryFetcher(sessions),
      );
      expect(await screen.findByRole('dialog', { name: `Payment session ${ids[1]}` })).toBeInTheDocument();

      await user.keyboard('{Escape}');
      expect(onSelectedSessionChange).toHaveBeenLastCalledWith(null);
      // Still controlled: the host has not changed the prop, so the dialog stays.
      expect(screen.getByRole('dialog', { name: `Payment session ${ids[1]}` })).toBeInTheDocument();

      rerender(<SessionList selectedSessionId={null} onSelectedSessionChange={onSelectedSessionChange} />);
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

      await user.click(rowButton(ids[3]!));
      expect(onSelectedSessionChange).toHaveBeenLastCalledWith(ids[3]);
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });

    it('when uncontrolled with defaultSelectedSessionId, starts with that session open', async () => {
      renderWithProvider(<SessionList defaultSelectedSessionId={ids[2]!} />, memoryFetcher(sessions));
      expect(await screen.findByRole('dialog', { name: `Payment session ${ids[2]}` })).toBeInTheDocument();
    });

    it('calls onSessionOpen with the session; detail={false} opens no dialog', async () => {
      const user = userEvent.setup();
      const onSessionOpen = vi.fn();
      renderWithProvider(<SessionList detail={false} onSessionOpen={onSessionOpen} />, memoryFetcher(sessions));
      await waitForRows(4);

      await user.click(rowButton(ids[0]!));
      expect(onSessionOpen).toHaveBeenCalledWith(sessions[0]);
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(rowButton(ids[0]!)).not.toHaveAttribute('aria-haspopup');
    });

    it('with detail={false} and nobody listening, rows are plain (no buttons) but keep their row headers', async () => {
      renderWithProvider(<SessionList detail={false} />, memoryFetcher(sessions));
      await waitForRows(4);
      expect(within(screen.getByRole('table')).queryAllByRole('button')).toHaveLength(0);
      expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(ids);
    });

    it('renderDetail replaces the built-in dialog and gets open/close', async () => {
      const user = userEvent.setup();
      renderWithProvider(
        <SessionList
          renderDetail={({ session, open, onOpenChange }) =>
            open ? (
              <aside aria-label="Custom detail">
                {session.id}
                <button type="button" onClick={() => onOpenChange(false)}>
                  Done
                </button>
              </aside>
            ) : null
          }
        />,
        memoryFetcher(sessions),
      );
      await waitForRows(4);

      await user.click(rowButton(ids[1]!));
      expect(screen.getByRole('complementary', { name: 'Custom detail' })).toHaveTextContent(ids[1]!);
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Done' }));
      expect(screen.queryByRole('complementary')).not.toBeInTheDocument();
    });
  });

  describe('columns', () => {
    const sessions = makeSessions({ count: 2, seed: 9 });

    it('shows built-in and custom columns in the given order, with alignment and width', async () => {
      const orderColumn: SessionListColumn = {
        id: 'order',
        header: 'Order number',
        cell: (session) => session.orderId ?? 'none',
        align: 'end',
        width: 120,
      };
      renderWithProvider(<SessionList columns={['amount', orderColumn, 'kind', 'captured']} />, memoryFetcher(sessions));
      await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));

      const headers = screen.getAllByRole('columnheader');
      expect(headers.map((header) => header.textContent)).toEqual(['Amount', 'Order number', 'Kind', 'Captured']);
      expect(headers[1]).toHaveAttribute('data-align', 'end');
      expect(headers[1]).toHaveStyle({ width: '120px' });
      // Without an `id` column the first column holds the row's button.
      const firstRow = screen.getAllByRole('row')[1]!;
      expect(within(firstRow).getByRole('rowheader')).toHaveAttribute('data-column', 'amount');
      // Its visible amount starts the button's name (label in name), then what the button does.
      const amountText = within(firstRow).getByRole('rowheader').textContent?.replace(`Open session ${sessions[0]!.id}`, '');
      expect(within(firstRow).getByRole('button', { name: `${amountText} Open session ${sessions[0]!.id}` })).toBeInTheDocument();
      const orderCell = within(firstRow).getAllByRole('cell')[0]!;
      expect(orderCell).toHaveTextContent(sessions[0]!.orderId ?? 'none');
      const kindCell = within(firstRow).getAllByRole('cell')[1]!;
      expect(kindCell.textContent).toMatch(/^(One-time payment|Authorization)$/);
    });

    it('exports the built-in definitions so a host can relabel one and mark its own column as the row header', async () => {
      const customerColumn: SessionListColumn = {
        id: 'who',
        header: 'Who',
        cell: (session) => session.customer?.name ?? '?',
        rowHeader: true,
      };
      renderWithProvider(
        <SessionList columns={[{ ...sessionListColumns.amount, header: 'Total' }, customerColumn, sessionListColumns.status]} />,
        memoryFetcher(sessions),
      );
      await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
      expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Total', 'Who', 'Status']);
      const rowHeader = within(screen.getAllByRole('row')[1]!).getByRole('rowheader');
      expect(rowHeader).toHaveAttribute('data-column', 'who');
      expect(within(rowHeader).getByRole('button')).toHaveTextContent(sessions[0]!.customer?.name ?? '?');
      // Its visible text starts the accessible name (label in name), then what the button does.
      expect(within(rowHeader).getByRole('button')).toHaveAccessibleName(`${sessions[0]!.customer?.name ?? '?'} Open session ${sessions[0]!.id}`);
    });

    it('skips an unknown column id with a warning instead of crashing', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      renderWithProvider(<SessionList columns={['id', 'nope' as 'id', 'status']} />, memoryFetcher(sessions));
      await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
      expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Session', 'Status']);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('unknown column "nope"'));
      warn.mockRestore();
    });
  });

  describe('theming and slots', () => {
    const sessions = makeSessions({ count: 2 });

    it('the theme prop sets --rps-* variables on the root, which is an rps-root', async () => {
      renderWithProvider(<SessionList theme={{ colors: { accent: '#7c3aed' }, radius: 12 }} appearance="dark" />, memoryFetcher(sessions));
      await waitForRows(2);
      expect(listRoot()).toHaveClass('rps-root');
      expect(listRoot().style.getPropertyValue('--rps-color-accent')).toBe('#7c3aed');
      expect(listRoot().style.getPropertyValue('--rps-radius')).toBe('12px');
      expect(listRoot()).toHaveAttribute('data-appearance', 'dark');
    });

    it('takes darkColors over colors in the dark appearance, colors in the light one', async () => {
      const theme = { colors: { accent: '#6d28d9', danger: '#b42318' }, darkColors: { accent: '#c4b5fd' } };
      const { rerender } = renderWithProvider(<SessionList theme={theme} appearance="dark" />, memoryFetcher(sessions));
      await waitForRows(2);
      expect(listRoot().style.getPropertyValue('--rps-color-accent')).toBe('#c4b5fd');
      // A color without a dark variant falls back to colors.
      expect(listRoot().style.getPropertyValue('--rps-color-danger')).toBe('#b42318');
      rerender(<SessionList theme={theme} appearance="light" />);
      expect(listRoot().style.getPropertyValue('--rps-color-accent')).toBe('#6d28d9');
    });

    it('with appearance system, follows prefers-color-scheme for darkColors, live', async () => {
      const listeners = new Set<() => void>();
      let dark = true;
      const original = window.matchMedia;
      window.matchMedia = ((query: string) => ({
        get matches() {
          return query.includes('dark') && dark;
        },
        addEventListener: (_: string, listener: () => void) => listeners.add(listener),
        removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
      })) as unknown as typeof window.matchMedia;
      try {
        const theme = { colors: { accent: '#6d28d9' }, darkColors: { accent: '#c4b5fd' } };
        renderWithProvider(<SessionList theme={theme} appearance="system" />, memoryFetcher(sessions));
        await waitForRows(2);
        expect(listRoot().style.getPropertyValue('--rps-color-accent')).toBe('#c4b5fd');
        dark = false;
        act(() => listeners.forEach((listener) => listener()));
        expect(listRoot().style.getPropertyValue('--rps-color-accent')).toBe('#6d28d9');
      } finally {
        window.matchMedia = original;
      }
    });

    it('marks its root and the portaled detail dialog with the language of their text', async () => {
      const user = userEvent.setup();
      renderWithProvider(<SessionList messages={messagesDe} />, memoryFetcher(sessions), { locale: 'de-DE' });
      await waitForRows(2);
      expect(listRoot()).toHaveAttribute('lang', 'de-DE');
      await user.click(document.querySelector<HTMLElement>('[data-rps-trigger]')!);
      const dialog = await screen.findByRole('dialog');
      expect(dialog.closest('.rps-session-detail')).toHaveAttribute('lang', 'de-DE');
    });

    it('the detail dialog, portaled outside the list, gets the theme that applies to the list', async () => {
      const user = userEvent.setup();
      renderWithProvider(
        <ThemeProvider theme={{ colors: { accent: '#7c3aed' } }} appearance="dark">
          <SessionList theme={{ radius: 3 }} />
        </ThemeProvider>,
        memoryFetcher(sessions),
      );
      await waitForRows(2);
      await user.click(rowButton(sessions[0]!.id));
      const detailRoot = (await screen.findByRole('dialog')).closest<HTMLElement>('.rps-session-detail')!;
      expect(detailRoot).toHaveClass('rps-root');
      expect(detailRoot).toHaveAttribute('data-appearance', 'dark');
      expect(detailRoot.style.getPropertyValue('--rps-radius')).toBe('3px');
      expect(detailRoot.style.getPropertyValue('--rps-color-accent')).toBe('#7c3aed');
    });

    it('unstyled drops rps-root but keeps the stable rps-* part classes', async () => {
      renderWithProvider(<SessionList unstyled />, memoryFetcher(sessions));
      await waitForRows(2);
      expect(listRoot()).not.toHaveClass('rps-root');
      expect(listRoot()).toHaveAttribute('data-unstyled', 'true');
      expect(dataRows()[0]).toHaveClass('rps-session-list__row');
    });

    it('className and classNames slots land on their parts', async () => {
      renderWithProvider(
        <SessionList
          className="host-list"
          classNames={{ root: 'host-root', table: 'host-table', row: 'host-row', cell: 'host-cell', headerCell: 'host-th', trigger: 'host-trigger' }}
        />,
        memoryFetcher(sessions),
      );
      await waitForRows(2);
      expect(listRoot()).toHaveClass('rps-session-list', 'host-list', 'host-root');
      expect(screen.getByRole('table')).toHaveClass('rps-session-list__table', 'host-table');
      expect(dataRows()[0]).toHaveClass('host-row');
      expect(screen.getAllByRole('cell')[0]).toHaveClass('rps-session-list__cell', 'host-cell');
      expect(screen.getAllByRole('columnheader')[0]).toHaveClass('host-th');
      expect(rowButton(sessions[0]!.id)).toHaveClass('rps-session-list__trigger', 'host-trigger');
    });

    it('messages override the caption, headers and row button names', async () => {
      renderWithProvider(
        <SessionList messages={{ listLabel: 'Checkouts', columnAmount: 'Total', openSession: (id) => `Inspect ${id}` }} />,
        memoryFetcher(sessions),
      );
      await waitForRows(2);
      expect(screen.getByRole('table', { name: 'Checkouts' })).toBeInTheDocument();
      expect(screen.getByRole('columnheader', { name: 'Total' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: `Inspect ${sessions[0]!.id}` })).toBeInTheDocument();
    });
  });

  describe('given records carrying a client secret and a javascript: URL', () => {
    it('neither reaches the DOM, in the list or in the opened detail', async () => {
      const user = userEvent.setup();
      const secret = 'pi_3Nabc_secret_DO-NOT-LEAK';
      const hostile = {
        ...wireRecord({ id: 'ps_hostile', redirect_url: 'javascript:alert(1)' }),
        client_secret: secret,
        metadata: { client_secret: secret, note: '<img src=x onerror=alert(1)>', nested: { clientSecret: secret, ok: 1 } },
      } as TruemedPaymentSessionWire;
      renderWithProvider(<SessionList query={{ include: { metadata: true } }} />, createFakeTruemedFetcher({ sessions: [hostile] }));
      await waitForRows(1);

      await user.click(rowButton('ps_hostile'));
      const dialog = await screen.findByRole('dialog');
      // The metadata is there, as text.
      expect(within(dialog).getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
      const html = document.body.innerHTML;
      expect(html).not.toContain('DO-NOT-LEAK');
      expect(html).not.toContain('javascript:');
      expect(document.querySelector('img')).toBeNull();
      expect(within(dialog).queryByRole('link')).not.toBeInTheDocument();
    });
  });

  describe('given a page longer than virtualizeAbove', () => {
    // The virtualized body is a lazily imported chunk; transform it once up front so waits stay short.
    beforeAll(async () => {
      await import('../../src/components/list/VirtualRows');
    });

    let restoreLayout: () => void;
    beforeEach(() => {
      // jsdom has no layout: give the scroller a 400px viewport and rows 40px, and let scrollTo scroll.
      const clientHeight = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
        return this.classList.contains('rps-session-list__scroller') ? 400 : 0;
      });
      const offsetHeight = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
        return this.tagName === 'TR' ? 40 : 0;
      });
      // What the table would measure: 1000 rows of 40px (the virtualizer limits scrolling to it).
      const scrollHeight = vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (this: HTMLElement) {
        return this.classList.contains('rps-session-list__scroller') ? 40_000 : 0;
      });
      const scrollTo = function (this: HTMLElement, options?: ScrollToOptions) {
        this.scrollTop = options?.top ?? this.scrollTop;
        this.dispatchEvent(new Event('scroll'));
      };
      Object.defineProperty(HTMLElement.prototype, 'scrollTo', { configurable: true, writable: true, value: scrollTo });
      restoreLayout = () => {
        clientHeight.mockRestore();
        offsetHeight.mockRestore();
        scrollHeight.mockRestore();
        delete (HTMLElement.prototype as { scrollTo?: unknown }).scrollTo;
      };
    });
    afterEach(() => restoreLayout());

    const thousand = makeSessions({ count: 1000, seed: 4 });

    it('renders only the rows in view, with aria-rowcount/aria-rowindex and spacer rows', async () => {
      renderWithProvider(<SessionList query={{ pageSize: 1000 }} />, memoryFetcher(thousand));
      await waitFor(() => expect(document.querySelector('tbody[data-virtualized]')).not.toBeNull());

      const rendered = dataRows();
      expect(rendered.length).toBeGreaterThan(5);
      expect(rendered.length).toBeLessThan(40);
      expect(listRoot()).toHaveAttribute('data-virtualized', 'true');
      expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '1001');
      expect(rendered[0]).toHaveAttribute('aria-rowindex', '2');
      expect(screen.getAllByRole('row')[0]).toHaveAttribute('aria-rowindex', '1');
      expect(document.querySelector('.rps-session-list__spacer')).toHaveAttribute('aria-hidden', 'true');
      expect(document.querySelector<HTMLElement>('.rps-session-list__scroller')?.style.maxHeight).toBe('600px');
    });

    it('scrolling brings later rows in and earlier rows out', async () => {
      renderWithProvider(<SessionList query={{ pageSize: 1000 }} />, memoryFetcher(thousand));
      await waitFor(() => expect(document.querySelector('tbody[data-virtualized]')).not.toBeNull());
      const scroller = document.querySelector<HTMLElement>('.rps-session-list__scroller')!;

      act(() => scroller.scrollTo({ top: 20_000 }));
      // 20 000px down at 40–44px a row is around row 450–500.
      await waitFor(() => expect(Number(dataRows()[0]!.getAttribute('aria-rowindex'))).toBeGreaterThan(400));
      const shownIndexes = dataRows().map((row) => Number(row.getAttribute('aria-rowindex')));
      expect(Math.max(...shownIndexes)).toBeLessThan(560);
      const firstShown = thousand[shownIndexes[0]! - 2]!;
      expect(within(dataRows()[0]!).getByRole('button')).toHaveAccessibleName(`Open session ${firstShown.id}`);
      expect(screen.queryByRole('button', { name: `Open session ${thousand[0]!.id}` })).not.toBeInTheDocument();
      expect(dataRows().length).toBeLessThan(40);
    });

    it('End from the first row scrolls to the last session and focuses it', async () => {
      const user = userEvent.setup();
      // Estimates equal to the measured 40px, so the mocked scroll height matches the virtual one.
      renderWithProvider(<SessionList query={{ pageSize: 1000 }} estimatedRowHeight={40} />, memoryFetcher(thousand));
      await waitFor(() => expect(document.querySelector('tbody[data-virtualized]')).not.toBeNull());

      rowButton(thousand[0]!.id).focus();
      await user.keyboard('{End}');
      await waitFor(() => expect(rowButton(thousand[999]!.id)).toHaveFocus());
      expect(rowButton(thousand[999]!.id).closest('tr')).toHaveAttribute('aria-rowindex', '1001');
    });

    it('below the threshold every row is in the DOM and no row indexes are written', async () => {
      renderWithProvider(<SessionList query={{ pageSize: 30 }} />, memoryFetcher(thousand.slice(0, 30)));
      await waitForRows(30);
      expect(screen.getByRole('table')).not.toHaveAttribute('aria-rowcount');
      expect(listRoot()).not.toHaveAttribute('data-virtualized');
      expect(dataRows()[0]).not.toHaveAttribute('aria-rowindex');
    });

    it('virtualizeAbove is configurable: 10 rows above a threshold of 5 are virtualized', async () => {
      renderWithProvider(<SessionList virtualizeAbove={5} />, memoryFetcher(thousand.slice(0, 10)));
      await waitFor(() => expect(document.querySelector('tbody[data-virtualized]')).not.toBeNull());
      expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '11');
    });
  });

  describe('on the server', () => {
    it('renders the fallbackData rows to HTML without fetching', () => {
      const sessions = makeSessions({ count: 3 });
      const fetcher = memoryFetcher(sessions);
      const page: SessionPage = { sessions, total: 3, page: 1, pageSize: 30, pageCount: 1 };
      const { wrapper: Wrapper } = providerWrapper(fetcher, { locale: 'en-US', timeZone: 'UTC' });
      const html = renderToString(
        <Wrapper>
          <SessionList fallbackData={page} />
        </Wrapper>,
      );
      expect(html).toContain('data-state="ready"');
      for (const session of sessions) expect(html).toContain(`Open session ${session.id}`);
      expect(fetcher.calls).toHaveLength(0);
    });
  });

  describe('given a fetcher that throws a PaymentSessionsError directly', () => {
    it('shows its message', async () => {
      const failing = Object.assign(
        async (): Promise<SessionPage> => {
          throw new PaymentSessionsError({ kind: 'auth', status: 401, message: 'Your session expired. Sign in again.' });
        },
        { source: 'custom', capabilities: { search: false, filters: [] } },
      ) satisfies SessionFetcher;
      renderWithProvider(<SessionList />, failing);
      expect(await screen.findByRole('alert')).toHaveTextContent('Your session expired. Sign in again.');
    });
  });
});
