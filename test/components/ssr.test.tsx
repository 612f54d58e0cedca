/**
 * @vitest-environment node
 */
import { renderToString } from 'react-dom/server';
import { SWRConfig } from 'swr';
import {
  ExportButton,
  Pagination,
  PaymentSessionsProvider,
  paymentSessionsCacheKey,
  RefundSummary,
  SessionDetail,
  SessionFilters,
  SessionList,
  SessionWorkspace,
  type SessionPage,
} from 'react-payment-sessions';
import { createFakeTruemedFetcher, makeSessions } from 'react-payment-sessions/testing';

// In Node (no DOM at all). Server rendering of the whole portal: every component at once, from one SWR fallback entry, with no
// fetch, no window and nothing secret in the HTML.
describe('given the whole workspace rendered on the server with fallback data', () => {
  const sessions = makeSessions({ count: 30, seed: 5 });
  const fetcher = createFakeTruemedFetcher({ sessions: 1 });
  const query = { page: 1, pageSize: 30 };
  const page: SessionPage = { sessions, total: 95, page: 1, pageSize: 30, pageCount: 4 };

  function renderPortal() {
    return renderToString(
      <SWRConfig value={{ provider: () => new Map(), fallback: { [paymentSessionsCacheKey(fetcher, query)]: page } }}>
        <PaymentSessionsProvider fetcher={fetcher} locale="en-US" timeZone="UTC">
          <SessionWorkspace>
            <SessionFilters />
            <RefundSummary />
            <ExportButton />
            <SessionList />
            <Pagination />
            <SessionDetail session={sessions[0]} trigger={<button type="button">Details</button>} />
          </SessionWorkspace>
        </PaymentSessionsProvider>
      </SWRConfig>,
    );
  }

  it('renders every component with the fallback page and fetches nothing', () => {
    const html = renderPortal();
    expect(html).toContain('role="search"');
    for (const session of sessions) expect(html).toContain(`Open session ${session.id}`);
    expect(html).toContain('1–30 of 95');
    expect(html).toContain('Export CSV');
    expect(html).toContain('Refund summary');
    expect(html).toContain('>Details</button>');
    expect(fetcher.api.requests).toHaveLength(0);
  });

  it('puts no secret, NaN or raw object into the HTML', () => {
    const html = renderPortal();
    expect(html).not.toMatch(/client_?secret/i);
    expect(html).not.toMatch(/NaN|Invalid Date|\[object Object\]|>undefined</);
  });
});
