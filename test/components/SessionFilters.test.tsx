import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { SWRConfig } from 'swr';
import {
  PaymentSessionsProvider,
  SessionWorkspace,
  useSessionWorkspace,
  type SessionFetcher,
  type SessionFilterState,
} from 'react-payment-sessions';
import { messagesDe } from 'react-payment-sessions/locales/de';
import { SessionFilters, type SessionFiltersProps } from 'react-payment-sessions';
import { createFakeOneEntryFetcher, createFakeTruemedFetcher } from 'react-payment-sessions/testing';

interface Setup {
  fetcher?: SessionFetcher;
  timeZone?: string;
  locale?: string;
  workspace?: boolean;
  /** The workspace's starting state. */
  defaultValue?: Partial<SessionFilterState>;
}

/** Shows the workspace's query as the list would send it. */
function QueryProbe() {
  const workspace = useSessionWorkspace();
  return <output data-testid="query">{JSON.stringify(workspace?.query)}</output>;
}

function renderFilters(props: SessionFiltersProps = {}, { fetcher = createFakeTruemedFetcher({ sessions: 40 }), timeZone, locale = 'en-US', workspace = true, defaultValue }: Setup = {}) {
  const wrap = (children: ReactNode) => (
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <PaymentSessionsProvider fetcher={fetcher} timeZone={timeZone} locale={locale}>
        {workspace ? (
          <SessionWorkspace debounceMs={200} defaultValue={defaultValue}>
            {children}
            <QueryProbe />
          </SessionWorkspace>
        ) : (
          children
        )}
      </PaymentSessionsProvider>
    </SWRConfig>
  );
  const user = userEvent.setup();
  const view = render(wrap(<SessionFilters {...props} />));
  return { user, ...view, fetcher };
}

const query = () => JSON.parse(screen.getByTestId('query').textContent ?? 'null') as Record<string, unknown>;
const form = () => screen.getByRole('search', { name: 'Filter payment sessions' });

describe('SessionFilters', () => {
  describe('given a Truemed backend (every filter supported)', () => {
    it('shows each filter, labelled, and no "unsupported" note', () => {
      renderFilters();
      expect(form().tagName).toBe('FORM');
      expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveAttribute('type', 'search');
      expect(screen.getByRole('group', { name: 'Status' })).toBeInTheDocument();
      expect(screen.getByRole('group', { name: 'Kind' })).toBeInTheDocument();
      expect(screen.getByRole('group', { name: 'Created' })).toBeInTheDocument();
      expect(screen.getByRole('group', { name: 'Captured' })).toBeInTheDocument();
      expect(screen.getByRole('checkbox', { name: 'Hide pending' })).not.toBeChecked();
      expect(screen.getByRole('checkbox', { name: 'Hide voided' })).not.toBeChecked();
      expect(screen.getByRole('textbox', { name: 'Payment token' })).toBeInTheDocument();
      expect(screen.queryByRole('note')).not.toBeInTheDocument();
    });

    it('labels the raw Truemed statuses through the normalized status messages', () => {
      renderFilters();
      const statuses = within(screen.getByRole('group', { name: 'Status' })).getAllByRole('checkbox');
      expect(statuses.map((box) => [box.getAttribute('value'), box.closest('label')?.textContent])).toEqual([
        ['pending', 'Pending'],
        ['processing', 'Processing'],
        ['captured', 'Captured'],
        ['canceled', 'Canceled'],
        ['rejected', 'Rejected'],
        ['authorized', 'Authorized'],
        ['authorization_voided', 'Voided'],
        ['authorization_expired', 'Expired'],
      ]);
      const kinds = within(screen.getByRole('group', { name: 'Kind' })).getAllByRole('checkbox');
      expect(kinds.map((box) => box.closest('label')?.textContent)).toEqual(['One-time payment', 'Authorization']);
    });

    it('when Space checks a status reached with Tab, sends the raw value and goes back to page 1', async () => {
      const { user } = renderFilters({}, { defaultValue: { page: 3 } });
      expect(query().page).toBe(3);
      await user.click(screen.getByRole('searchbox', { name: 'Search' }));
      await user.tab(); // first status checkbox: Pending
      expect(screen.getByRole('checkbox', { name: 'Pending' })).toHaveFocus();
      await user.keyboard(' ');
      expect(query()).toMatchObject({ status: ['pending'], page: 1 });
      await user.click(screen.getByRole('checkbox', { name: 'Voided' }));
      expect(query().status).toEqual(['authorization_voided', 'pending']);
      await user.keyboard(' '); // unchecks Voided again (it has focus after the click)
      expect(query().status).toEqual(['pending']);
    });

    it('when a search is typed, shows a pending indicator until the pause, then queries once', async () => {
      const { user, fetcher } = renderFilters();
      const box = screen.getByRole('searchbox', { name: 'Search' });
      await user.type(box, 'ava');
      expect(box).toHaveValue('ava');
      expect(within(form()).getByRole('status')).toHaveTextContent('Searching…');
      expect(form()).toHaveAttribute('data-search-pending');
      expect(query().search).toBeUndefined();

      await waitFor(() => expect(query().search).toBe('ava'));
      expect(within(form()).getByRole('status')).toHaveTextContent('');
      expect(form()).not.toHaveAttribute('data-search-pending');
      // The filter UI itself never fetches: only a list would.
      expect((fetcher as ReturnType<typeof createFakeTruemedFetcher>).api.requests).toHaveLength(0);
    });

    it('when Enter is pressed in a lone search field, the form does not submit (the host page never reloads)', async () => {
      // With a single text field, Enter submits the form implicitly.
      const { user } = renderFilters({ fields: ['search'] });
      const submits: boolean[] = [];
      // On the document, so it runs after React's handler (delegated to the root container).
      const onSubmit = (event: Event) => submits.push(event.defaultPrevented);
      document.addEventListener('submit', onSubmit);
      await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'x{Enter}');
      document.removeEventListener('submit', onSubmit);
      expect(submits).toEqual([true]);
    });

    it('applies the payment token on Enter or when leaving the field, not per keystroke', async () => {
      const { user } = renderFilters();
      const token = screen.getByRole('textbox', { name: 'Payment token' });
      await user.type(token, 'tok_1');
      expect(query().paymentToken).toBeUndefined();
      await user.keyboard('{Enter}');
      expect(query().paymentToken).toBe('tok_1');
      await user.type(token, '23');
      await user.tab();
      expect(query().paymentToken).toBe('tok_123');
    });

    it('toggles hide pending / hide voided', async () => {
      const { user } = renderFilters();
      await user.click(screen.getByRole('checkbox', { name: 'Hide pending' }));
      await user.click(screen.getByRole('checkbox', { name: 'Hide voided' }));
      expect(query()).toMatchObject({ excludePending: true, excludeVoided: true });
    });

    it('when Reset is clicked, clears every filter, disables itself and keeps focus in the form', async () => {
      const { user } = renderFilters();
      const reset = screen.getByRole('button', { name: 'Reset filters' });
      expect(reset).toBeDisabled();
      await user.click(screen.getByRole('checkbox', { name: 'Captured' }));
      await user.click(screen.getByRole('checkbox', { name: 'Hide voided' }));
      expect(form()).toHaveAttribute('data-filtered');
      expect(reset).toBeEnabled();

      await user.click(reset);
      expect(query()).toEqual({ page: 1, pageSize: 30 });
      expect(screen.getByRole('checkbox', { name: 'Captured' })).not.toBeChecked();
      expect(reset).toBeDisabled();
      expect(form()).not.toHaveAttribute('data-filtered');
      expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
    });

    it('never touches the URL unless asked to (no router needed)', async () => {
      const before = window.location.href;
      const { user } = renderFilters();
      await user.click(screen.getByRole('checkbox', { name: 'Captured' }));
      expect(query().status).toEqual(['captured']);
      expect(window.location.href).toBe(before);
    });
  });

  describe('given date presets in a time zone', () => {
    beforeEach(() => {
      // Only Date is faked: 02:00 UTC on March 10 is still March 9 in New York (one day after DST began).
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-03-10T02:00:00Z'));
    });
    afterEach(() => vi.useRealTimers());

    it('when "Last 7 days" is chosen, queries the seven New York days ending today there', async () => {
      const { user } = renderFilters({}, { timeZone: 'America/New_York' });
      const created = screen.getByRole('group', { name: 'Created' });
      const menu = within(created).getByRole('combobox', { name: 'Created' });
      expect(menu).toHaveValue('any');
      await user.selectOptions(menu, 'Last 7 days');
      expect(query()).toMatchObject({ createdFrom: '2026-03-03T05:00:00.000Z', createdTo: '2026-03-10T03:59:59.999Z' });
      expect(menu).toHaveValue('last7Days');
      expect(within(created).queryByLabelText('From')).not.toBeInTheDocument();
    });

    it('when "Today" and "This month" are chosen, use the zone\'s calendar, not UTC\'s', async () => {
      const { user } = renderFilters({}, { timeZone: 'America/New_York' });
      const menu = within(screen.getByRole('group', { name: 'Captured' })).getByRole('combobox');
      await user.selectOptions(menu, 'Today');
      expect(query()).toMatchObject({ capturedFrom: '2026-03-09T04:00:00.000Z', capturedTo: '2026-03-10T03:59:59.999Z' });
      await user.selectOptions(menu, 'This month');
      expect(query()).toMatchObject({ capturedFrom: '2026-03-01T05:00:00.000Z', capturedTo: '2026-03-10T03:59:59.999Z' });
    });

    it('when "Custom" is chosen, keeps the preset\'s days in two date inputs the user can edit', async () => {
      const { user } = renderFilters({}, { timeZone: 'America/New_York' });
      const created = screen.getByRole('group', { name: 'Created' });
      const menu = within(created).getByRole('combobox');
      await user.selectOptions(menu, 'Last 30 days');
      await user.selectOptions(menu, 'Custom');
      expect(menu).toHaveValue('custom');
      const from = within(created).getByLabelText('From');
      const to = within(created).getByLabelText('To');
      expect(from).toHaveAttribute('type', 'date');
      expect(from).toHaveValue('2026-02-08');
      expect(to).toHaveValue('2026-03-09');

      await user.clear(from);
      await user.type(from, '2026-03-01');
      expect(query()).toMatchObject({ createdFrom: '2026-03-01T05:00:00.000Z', createdTo: '2026-03-10T03:59:59.999Z' });
      expect(menu).toHaveValue('custom');
    });

    it('when the start is after the end, shows an error tied to the inputs and leaves the range out', async () => {
      const { user } = renderFilters({}, { timeZone: 'America/New_York' });
      const created = screen.getByRole('group', { name: 'Created' });
      await user.selectOptions(within(created).getByRole('combobox'), 'Custom');
      const from = within(created).getByLabelText('From');
      await user.type(within(created).getByLabelText('To'), '2026-03-02');
      await user.type(from, '2026-03-05');

      const message = 'The start date must not be after the end date.';
      expect(within(created).getByText(message)).toBeInTheDocument();
      expect(from).toHaveAttribute('aria-invalid', 'true');
      expect(from).toHaveAccessibleDescription(message);
      expect(query().createdFrom).toBeUndefined();
      expect(query().createdTo).toBeUndefined();

      await user.clear(from);
      await user.type(from, '2026-03-01');
      expect(within(created).queryByText(message)).not.toBeInTheDocument();
      expect(from).not.toHaveAttribute('aria-invalid');
      expect(query().createdFrom).toBe('2026-03-01T05:00:00.000Z');
    });

    it('when reset from elsewhere, the custom range closes back to "Any time"', async () => {
      const { user } = renderFilters({}, { timeZone: 'UTC' });
      const created = screen.getByRole('group', { name: 'Created' });
      await user.selectOptions(within(created).getByRole('combobox'), 'Custom');
      await user.type(within(created).getByLabelText('From'), '2026-01-01');
      await user.click(screen.getByRole('button', { name: 'Reset filters' }));
      expect(within(created).getByRole('combobox')).toHaveValue('any');
      expect(within(created).queryByLabelText('From')).not.toBeInTheDocument();
    });
  });

  describe('given a OneEntry backend (no search, no filters)', () => {
    it('shows a note naming what it cannot do instead of controls that would do nothing', () => {
      renderFilters({}, { fetcher: createFakeOneEntryFetcher({ sessions: 5 }) });
      expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
      expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Reset filters' })).not.toBeInTheDocument();
      const note = screen.getByRole('note');
      expect(note).toHaveTextContent('This backend does not support search.');
      expect(note).toHaveTextContent(
        'This backend cannot filter by Status, Kind, Created, Captured, Hide pending, Hide voided, and Payment token.',
      );
    });

    it('names only the fields asked for', () => {
      renderFilters({ fields: ['status', 'created'] }, { fetcher: createFakeOneEntryFetcher({ sessions: 5 }) });
      expect(screen.getByRole('note')).toHaveTextContent('This backend cannot filter by Status and Created.');
      expect(screen.getByRole('note')).not.toHaveTextContent('search');
    });
  });

  describe('given a custom fetcher with some capabilities', () => {
    it('shows only the supported fields, in the order of `fields`, and notes the rest', () => {
      const fetcher = Object.assign(async () => ({ sessions: [], total: 0, page: 1, pageSize: 30, pageCount: 1 }), {
        source: 'acme',
        capabilities: { search: true, filters: ['status' as const], statuses: ['paid', 'refunded'] },
      });
      renderFilters({ fields: ['status', 'search', 'kind'] }, { fetcher });
      const controls = within(form()).getAllByRole('group').map((group) => group.getAttribute('data-field'));
      expect(controls).toEqual(['status']);
      // Custom raw values: a normalized name gets its message, an unknown one is shown as sent.
      const labels = within(screen.getByRole('group', { name: 'Status' }))
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent);
      expect(labels).toEqual(['paid', 'Refunded']);
      const order = [...form().querySelectorAll('[data-field]')].map((element) => element.getAttribute('data-field'));
      expect(order).toEqual(['status', 'search']);
      expect(screen.getByRole('note')).toHaveTextContent('This backend cannot filter by Kind.');
    });
  });

  describe('given no workspace and no filters prop', () => {
    it('holds its own state and reports every change through onValueChange', async () => {
      const changes: SessionFilterState[] = [];
      const { user } = renderFilters({ onValueChange: (value) => changes.push(value), defaultValue: { page: 4 } }, { workspace: false });
      await user.click(screen.getByRole('checkbox', { name: 'Authorized' }));
      expect(changes.at(-1)).toMatchObject({ status: ['authorized'], page: 1 });
    });

    it('is controlled by value + onValueChange', async () => {
      const onValueChange = vi.fn();
      const value: SessionFilterState = {
        search: 'kim',
        status: ['captured'],
        kind: [],
        created: {},
        captured: {},
        excludePending: true,
        excludeVoided: false,
        paymentToken: '',
        page: 2,
        pageSize: 30,
      };
      const { user } = renderFilters({ value, onValueChange }, { workspace: false });
      expect(screen.getByRole('searchbox')).toHaveValue('kim');
      expect(screen.getByRole('checkbox', { name: 'Captured' })).toBeChecked();
      expect(screen.getByRole('checkbox', { name: 'Hide pending' })).toBeChecked();
      await user.click(screen.getByRole('checkbox', { name: 'Hide pending' }));
      expect(onValueChange).toHaveBeenLastCalledWith({ ...value, excludePending: false, page: 1 });
      // Controlled: nothing changes until the host passes a new value.
      expect(screen.getByRole('checkbox', { name: 'Hide pending' })).toBeChecked();
    });
  });

  describe('given theming props', () => {
    it('puts theme variables, class slots and data attributes where they belong', async () => {
      const { user } = renderFilters({
        theme: { colors: { accent: '#7c3aed' }, radius: 4 },
        className: 'host-filters',
        classNames: { root: 'slot-root', group: 'slot-group', reset: 'slot-reset', input: 'slot-input' },
      });
      expect(form()).toHaveClass('rps-session-filters', 'rps-root', 'host-filters', 'slot-root');
      expect(form().style.getPropertyValue('--rps-color-accent')).toBe('#7c3aed');
      expect(form().style.getPropertyValue('--rps-radius')).toBe('4px');
      expect(screen.getByRole('group', { name: 'Status' })).toHaveClass('rps-session-filters__group', 'slot-group');
      expect(screen.getByRole('searchbox')).toHaveClass('rps-session-filters__input', 'slot-input');
      expect(screen.getByRole('button', { name: 'Reset filters' })).toHaveClass('slot-reset');
      expect(form()).not.toHaveAttribute('data-filtered');
      await user.click(screen.getByRole('checkbox', { name: 'Hide pending' }));
      expect(form()).toHaveAttribute('data-filtered', 'true');
    });

    it('drops the default look when unstyled, keeping the rps-* classes', () => {
      renderFilters({ unstyled: true });
      expect(form()).not.toHaveClass('rps-root');
      expect(form()).toHaveClass('rps-session-filters');
      expect(form()).toHaveAttribute('data-unstyled', 'true');
    });

    it('shows overridden and German messages', () => {
      const { unmount } = renderFilters({ messages: { search: 'Find', reset: 'Clear all' } });
      expect(screen.getByRole('searchbox', { name: 'Find' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Clear all' })).toBeInTheDocument();
      unmount();

      renderFilters({ messages: messagesDe }, { locale: 'de-DE' });
      expect(screen.getByRole('search', { name: messagesDe.filtersLabel })).toBeInTheDocument();
      expect(screen.getByRole('checkbox', { name: messagesDe.status.voided })).toHaveAttribute('value', 'authorization_voided');
      expect(screen.getByRole('button', { name: messagesDe.reset })).toBeInTheDocument();
    });
  });

  it('renders on the server without touching window', () => {
    const html = renderToString(
      <PaymentSessionsProvider fetcher={createFakeTruemedFetcher({ sessions: 1 })}>
        <SessionFilters />
      </PaymentSessionsProvider>,
    );
    expect(html).toContain('role="search"');
    expect(html).toContain('type="search"');
  });
});
