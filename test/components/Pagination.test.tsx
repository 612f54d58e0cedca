import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { SWRConfig } from 'swr';
import {
  paymentSessionsCacheKey,
  PaymentSessionsProvider,
  SessionWorkspace,
  usePaymentSessions,
  useSessionWorkspace,
  type SessionFetcher,
  type SessionFilterState,
  type SessionPage,
} from 'react-payment-sessions';
import { messagesFr } from 'react-payment-sessions/locales/fr';
import { createFakeOneEntryFetcher, createFakeTruemedFetcher, makeSessions } from 'react-payment-sessions/testing';
import { Pagination, type PaginationProps } from 'react-payment-sessions';
// Internal helper, not part of the public surface.
import { pageSizeChoices } from '../../src/components/Pagination';

/** The rows the list shows, so a test can see the page move. */
function ListProbe() {
  const workspace = useSessionWorkspace();
  const list = usePaymentSessions({ query: workspace?.query ?? {}, prefetchNext: false });
  return <output data-testid="list">{`page ${list.page}: ${list.sessions.length} rows`}</output>;
}

interface Setup {
  fetcher?: SessionFetcher;
  defaultValue?: Partial<SessionFilterState>;
  locale?: string;
  withList?: boolean;
}

function renderPagination(props: PaginationProps = {}, { fetcher = createFakeTruemedFetcher({ sessions: 95 }), defaultValue = { pageSize: 10 }, locale = 'en-US', withList = false }: Setup = {}) {
  const wrap = (children: ReactNode) => (
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <PaymentSessionsProvider fetcher={fetcher} locale={locale} swr={{ shouldRetryOnError: false }}>
        <SessionWorkspace defaultValue={defaultValue}>
          {withList && <ListProbe />}
          {children}
        </SessionWorkspace>
      </PaymentSessionsProvider>
    </SWRConfig>
  );
  const user = userEvent.setup();
  return { user, fetcher, ...render(wrap(<Pagination {...props} />)) };
}

const nav = () => screen.getByRole('navigation', { name: 'Pagination' });
const pageButtons = () =>
  within(nav())
    .getAllByRole('button', { name: /^Page \d+$/ })
    .map((button) => button.textContent);
const current = () => within(nav()).getByRole('button', { current: 'page' });
const loaded = () => waitFor(() => expect(nav()).not.toHaveAttribute('data-total-unknown'));
/** Waits for the request a page change started, so it does not answer after the test. */
const settled = () => waitFor(() => expect(nav()).toHaveAttribute('data-loading-state', 'idle'));

describe('Pagination', () => {
  describe('given a page size above what the backend serves (a shared link asking for 100 of a 50-row backend)', () => {
    it('pages by the served size: right range, every page reachable, the list showing the same page', async () => {
      const fetcher = createFakeOneEntryFetcher({ sessions: 240, maxPageSize: 50 });
      const { user } = renderPagination({}, { fetcher, defaultValue: { pageSize: 100, page: 4 }, withList: true });
      await loaded();
      expect(within(nav()).getByText('151–200 of 240')).toBeInTheDocument();
      expect(current()).toHaveAccessibleName('Page 4');
      expect(screen.getByTestId('list')).toHaveTextContent('page 4: 50 rows');
      await user.click(within(nav()).getByRole('button', { name: 'Next page' }));
      await waitFor(() => expect(current()).toHaveAccessibleName('Page 5'));
      expect(await within(nav()).findByText('201–240 of 240')).toBeInTheDocument();
      await waitFor(() => expect(screen.getByTestId('list')).toHaveTextContent('page 5: 40 rows'));
      await settled();
    });
  });

  describe('given 95 sessions at 10 per page', () => {
    it('shows the range, pages with an ellipsis, the current page and disabled start buttons', async () => {
      renderPagination();
      await loaded();
      expect(within(nav()).getByText('1–10 of 95')).toBeInTheDocument();
      expect(pageButtons()).toEqual(['1', '2', '3', '4', '5', '10']);
      expect(within(nav()).getAllByText('…')).toHaveLength(1);
      expect(within(nav()).getByText('…')).toHaveAttribute('aria-hidden', 'true');
      expect(current()).toHaveAccessibleName('Page 1');
      expect(within(nav()).getByRole('button', { name: 'First page' })).toBeDisabled();
      expect(within(nav()).getByRole('button', { name: 'Previous page' })).toBeDisabled();
      expect(within(nav()).getByRole('button', { name: 'Next page' })).toBeEnabled();
      expect(within(nav()).getByRole('button', { name: 'Last page' })).toBeEnabled();
    });

    it('when Next is clicked, marks page 2 current, shows its range and announces it', async () => {
      const { user } = renderPagination({}, { withList: true });
      await loaded();
      const announcer = nav().querySelector('[aria-live="polite"]');
      expect(announcer).toHaveTextContent('');
      await user.click(within(nav()).getByRole('button', { name: 'Next page' }));
      expect(current()).toHaveAccessibleName('Page 2');
      expect(within(nav()).getByText('11–20 of 95')).toBeInTheDocument();
      expect(announcer).toHaveTextContent('Page 2 of 10');
      expect(announcer).toHaveClass('rps-visually-hidden');
      await waitFor(() => expect(screen.getByTestId('list')).toHaveTextContent('page 2: 10 rows'));
    });

    it('when the middle is reached, shows ellipses on both sides', async () => {
      const { user } = renderPagination();
      await loaded();
      await user.click(within(nav()).getByRole('button', { name: 'Page 5' }));
      expect(pageButtons()).toEqual(['1', '4', '5', '6', '10']);
      expect(within(nav()).getAllByText('…')).toHaveLength(2);
      expect(current()).toHaveTextContent('5');
      await settled();
    });

    it('when Last is clicked, disables the end buttons and moves focus to the current page', async () => {
      const { user } = renderPagination();
      await loaded();
      await user.click(within(nav()).getByRole('button', { name: 'Last page' }));
      expect(current()).toHaveAccessibleName('Page 10');
      expect(within(nav()).getByText('91–95 of 95')).toBeInTheDocument();
      expect(within(nav()).getByRole('button', { name: 'Next page' })).toBeDisabled();
      expect(within(nav()).getByRole('button', { name: 'Last page' })).toBeDisabled();
      expect(current()).toHaveFocus();
      await user.click(within(nav()).getByRole('button', { name: 'First page' }));
      expect(current()).toHaveAccessibleName('Page 1');
      await settled();
    });

    it('is usable by keyboard alone: Tab to a page, Enter or Space to go there', async () => {
      const { user } = renderPagination();
      await loaded();
      await user.tab(); // Next (First and Previous are disabled, so skipped)
      expect(within(nav()).getByRole('button', { name: 'Page 1' })).toHaveFocus();
      await user.tab();
      await user.tab();
      expect(within(nav()).getByRole('button', { name: 'Page 3' })).toHaveFocus();
      await user.keyboard('{Enter}');
      expect(current()).toHaveAccessibleName('Page 3');
      await user.tab({ shift: true });
      await user.keyboard(' ');
      expect(current()).toHaveAccessibleName('Page 2');
      await settled();
    });

    it('when the page size changes, keeps the first visible row on screen', async () => {
      const { user } = renderPagination({}, { defaultValue: { pageSize: 10, page: 4 } });
      await loaded();
      expect(within(nav()).getByText('31–40 of 95')).toBeInTheDocument();
      const select = within(nav()).getByRole('combobox', { name: 'Rows per page' });
      expect([...select.querySelectorAll('option')].map((option) => option.value)).toEqual(['10', '30', '50', '100']);
      await user.selectOptions(select, '30');
      // Row 31 was first on screen; at 30 per page it is on page 2.
      await waitFor(() => expect(within(nav()).getByText('31–60 of 95')).toBeInTheDocument());
      expect(current()).toHaveAccessibleName('Page 2');
      expect(pageButtons()).toEqual(['1', '2', '3', '4']);
      await settled();
    });

    it('asks for the total only once with a list on the same query', async () => {
      const { fetcher } = renderPagination({}, { withList: true });
      await loaded();
      const api = (fetcher as ReturnType<typeof createFakeTruemedFetcher>).api;
      const pageOneRequests = api.requests.filter((request) => new URL(request.url).searchParams.get('page') === '1');
      expect(pageOneRequests).toHaveLength(1);
    });
  });

  describe('given a backend with a smaller maximum page size', () => {
    it('offers only the sizes it can serve', async () => {
      const base = createFakeTruemedFetcher({ sessions: 20 });
      const fetcher: SessionFetcher = Object.assign((query: Parameters<SessionFetcher>[0], ctx: Parameters<SessionFetcher>[1]) => base(query, ctx), {
        source: base.source,
        capabilities: { ...base.capabilities, maxPageSize: 30 },
      });
      renderPagination({}, { fetcher });
      await loaded();
      const options = [...within(nav()).getByRole('combobox').querySelectorAll('option')].map((option) => option.value);
      expect(options).toEqual(['10', '30']);
    });

    it('pageSizeChoices keeps the current size and the backend maximum when nothing fits', () => {
      expect(pageSizeChoices([10, 30, 50, 100], 40, 25)).toEqual([10, 25, 30]);
      expect(pageSizeChoices([50, 100], 20, 20)).toEqual([20]);
      expect(pageSizeChoices([100, 10, 10], undefined, 10)).toEqual([10, 100]);
    });
  });

  describe('given the total is not known yet', () => {
    it('renders every control in place, disabled, then enables them when it arrives', async () => {
      renderPagination({}, { fetcher: createFakeTruemedFetcher({ sessions: 95, latencyMs: 150 }) });
      expect(nav()).toHaveAttribute('data-total-unknown', 'true');
      expect(nav()).toHaveAttribute('data-loading-state', 'loading');
      for (const name of ['First page', 'Previous page', 'Next page', 'Last page', 'Page 1']) {
        expect(within(nav()).getByRole('button', { name })).toBeDisabled();
      }
      expect(within(nav()).getByRole('combobox', { name: 'Rows per page' })).toBeEnabled();
      expect(within(nav()).getByText('—')).toBeInTheDocument();
      await loaded();
      expect(within(nav()).getByRole('button', { name: 'Next page' })).toBeEnabled();
      expect(nav()).toHaveAttribute('data-loading-state', 'idle');
    });
  });

  describe('given standalone controlled props (no provider, no workspace)', () => {
    function Controlled({ onPage }: { onPage: (page: number) => void }) {
      const [page, setPage] = useState(5);
      const [pageSize, setPageSize] = useState(10);
      return (
        <Pagination
          total={250}
          page={page}
          onPageChange={(next) => {
            onPage(next);
            setPage(next);
          }}
          pageSize={pageSize}
          onPageSizeChange={setPageSize}
          siblings={2}
        />
      );
    }

    it('shows the given page of the given total and reports moves to the host', async () => {
      const onPage = vi.fn();
      const user = userEvent.setup();
      render(<Controlled onPage={onPage} />);
      expect(within(nav()).getByText('41–50 of 250')).toBeInTheDocument();
      expect(pageButtons()).toEqual(['1', '2', '3', '4', '5', '6', '7', '25']);
      await user.click(within(nav()).getByRole('button', { name: 'Next page' }));
      expect(onPage).toHaveBeenLastCalledWith(6);
      expect(current()).toHaveAccessibleName('Page 6');
      await user.selectOptions(within(nav()).getByRole('combobox'), '50');
      // Row 51 (first of page 6 at 10) is on page 2 at 50 per page.
      expect(onPage).toHaveBeenLastCalledWith(2);
      expect(within(nav()).getByText('51–100 of 250')).toBeInTheDocument();
    });

    it('without page props holds its own page', async () => {
      const user = userEvent.setup();
      render(<Pagination total={50} pageSize={10} />);
      await user.click(within(nav()).getByRole('button', { name: 'Next page' }));
      expect(current()).toHaveAccessibleName('Page 2');
      expect(within(nav()).getByText('11–20 of 50')).toBeInTheDocument();
    });

    it('clamps a page past the end to the last page', () => {
      const onPageChange = vi.fn();
      render(<Pagination total={12} page={9} pageSize={10} onPageChange={onPageChange} />);
      expect(onPageChange).toHaveBeenCalledWith(2);
    });
  });

  describe('given a page prop inside a workspace', () => {
    it('moves only the host\'s page, not the workspace\'s', async () => {
      const onPageChange = vi.fn();
      const { user } = renderPagination({ total: 95, page: 3, onPageChange }, { withList: true });
      await waitFor(() => expect(screen.getByTestId('list')).toHaveTextContent('page 1: 10 rows'));
      await user.click(within(nav()).getByRole('button', { name: 'Next page' }));
      expect(onPageChange).toHaveBeenCalledWith(4);
      expect(screen.getByTestId('list')).toHaveTextContent('page 1: 10 rows');
    });
  });

  describe('given theming and locale props', () => {
    it('formats numbers in the locale and shows French labels', async () => {
      renderPagination({ messages: messagesFr }, { fetcher: createFakeTruemedFetcher({ sessions: 240 }), defaultValue: { pageSize: 100 }, locale: 'fr-FR' });
      await waitFor(() => expect(screen.getByRole('navigation', { name: messagesFr.paginationLabel })).not.toHaveAttribute('data-total-unknown'));
      const frNav = screen.getByRole('navigation', { name: messagesFr.paginationLabel });
      expect(within(frNav).getByRole('button', { name: messagesFr.nextPage })).toBeEnabled();
      expect(frNav).toHaveTextContent(messagesFr.rowsRange('1', '100', '240'));
    });

    it('puts theme variables and class slots on the parts; unstyled drops rps-root', async () => {
      const { unmount } = renderPagination({
        theme: { colors: { accent: '#0a7' } },
        className: 'host',
        classNames: { root: 'slot-root', page: 'slot-page', button: 'slot-button', pageSizeSelect: 'slot-select', range: 'slot-range' },
      });
      await loaded();
      expect(nav()).toHaveClass('rps-pagination', 'rps-root', 'host', 'slot-root');
      expect(nav().style.getPropertyValue('--rps-color-accent')).toBe('#0a7');
      expect(current()).toHaveClass('rps-pagination__page', 'slot-page');
      expect(within(nav()).getByRole('button', { name: 'Next page' })).toHaveClass('rps-pagination__button', 'slot-button');
      expect(within(nav()).getByRole('combobox')).toHaveClass('slot-select');
      expect(within(nav()).getByText('1–10 of 95')).toHaveClass('rps-pagination__range', 'slot-range');
      unmount();
      renderPagination({ unstyled: true });
      expect(nav()).not.toHaveClass('rps-root');
      expect(nav()).toHaveClass('rps-pagination');
      await loaded();
    });
  });

  it('renders on the server from SWR fallback data', () => {
    const fetcher = createFakeTruemedFetcher({ sessions: 1 });
    const query = { page: 2, pageSize: 10 };
    const page: SessionPage = { sessions: makeSessions({ count: 10 }), total: 42, page: 2, pageSize: 10, pageCount: 5 };
    const html = renderToString(
      <SWRConfig value={{ provider: () => new Map(), fallback: { [paymentSessionsCacheKey(fetcher, query)]: page } }}>
        <PaymentSessionsProvider fetcher={fetcher} locale="en-US">
          <Pagination query={query} page={2} pageSize={10} />
        </PaymentSessionsProvider>
      </SWRConfig>,
    );
    expect(html).toContain('11–20 of 42');
    expect(html).toContain('aria-current="page"');
  });
});
