/**
 * Server rendering in the `node` project: there is no `window` here, so any access during render throws.
 */
import { createElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { SWRConfig } from 'swr';
import {
  PaymentSessionsProvider,
  usePagination,
  usePaymentSessions,
  useRefundSummary,
  useSessionExport,
  useSessionFilters,
  type UsePaymentSessionsOptions,
} from 'react-payment-sessions/headless';
import { createFakeFetcher } from './fake-fetcher';

function SessionsList(props: UsePaymentSessionsOptions) {
  const { sessions, loadingState, total } = usePaymentSessions(props);
  return createElement(
    'ul',
    { 'data-loading-state': loadingState, 'data-total': total },
    sessions.map((s) => createElement('li', { key: s.id }, s.id)),
  );
}

function renderOnServer(fetcher: ReturnType<typeof createFakeFetcher>, element: ReactNode): string {
  return renderToString(
    createElement(SWRConfig, { value: { provider: () => new Map() } }, createElement(PaymentSessionsProvider, { fetcher }, element)),
  );
}

describe('usePaymentSessions on the server', () => {
  it('is really running without window', () => {
    expect(typeof window).toBe('undefined');
  });

  it('renders fallbackData to HTML without calling the fetcher', () => {
    const fetcher = createFakeFetcher();
    const fallbackData = fetcher.pageFor({ page: 1, pageSize: 5 });
    const html = renderOnServer(fetcher, createElement(SessionsList, { query: { pageSize: 5 }, fallbackData }));

    expect(html).toContain('data-loading-state="idle"');
    expect(html).toContain('data-total="95"');
    expect(html.match(/<li>/g)).toHaveLength(5);
    expect(html).toContain('<li>ps_0001</li>');
    expect(fetcher.calls).toHaveLength(0);
  });

  it('renders the loading state without fallbackData', () => {
    const fetcher = createFakeFetcher();
    const html = renderOnServer(fetcher, createElement(SessionsList, { query: {} }));
    expect(html).toContain('data-loading-state="loading"');
    expect(html).not.toContain('<li>');
    expect(fetcher.calls).toHaveLength(0);
  });

  it('renders a whole portal of hooks (filters synced with the URL, pagination, summary, export)', () => {
    const fetcher = createFakeFetcher();
    function Portal() {
      const filters = useSessionFilters({ syncWithUrl: true, defaultValue: { status: ['captured'] } });
      const list = usePaymentSessions({ query: filters.query, fallbackData: fetcher.pageFor(filters.query) });
      const pagination = usePagination({ total: list.total, page: filters.value.page, onPageChange: filters.setPage });
      const { summary } = useRefundSummary(list.sessions);
      const exporter = useSessionExport(filters.query);
      return createElement('main', {
        'data-status': filters.value.status.join(','),
        'data-pages': pagination.pageCount,
        'data-currencies': summary.currencies.map((c) => c.currency).join(','),
        'data-export': exporter.status,
      });
    }
    const html = renderOnServer(fetcher, createElement(Portal));
    expect(html).toBe('<main data-status="captured" data-pages="1" data-currencies="EUR,USD" data-export="idle"></main>');
    expect(fetcher.calls).toHaveLength(0);
  });
});
