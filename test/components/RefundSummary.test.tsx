import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { SWRConfig } from 'swr';
import {
  paymentSessionsCacheKey,
  PaymentSessionsError,
  PaymentSessionsProvider,
  SessionList,
  SessionWorkspace,
  type Money,
  type PaymentSession,
  type SessionFetcher,
  type SessionStatus,
} from 'react-payment-sessions';
import { messagesDe } from 'react-payment-sessions/locales/de';
import { createFakeOneEntryFetcher, createFakeTruemedFetcher, makeTruemedRecords } from 'react-payment-sessions/testing';
import { RefundSummary, type RefundSummaryProps } from 'react-payment-sessions';
// Internal helper, not part of the public surface.
import { chartBarWidths } from '../../src/components/RefundSummary';

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });
const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });

function session(id: string, status: SessionStatus, fields: Partial<PaymentSession> = {}): PaymentSession {
  return { id, source: 'test', status, rawStatus: status, items: [], refunds: [], disputes: [], raw: {}, ...fields };
}

/** Three USD sessions and one EUR session with known totals. */
const MIXED: PaymentSession[] = [
  session('s1', 'partially_refunded', { amount: usd(10_000), capturedAmount: usd(10_000), refundedAmount: usd(2_500), refundableAmount: usd(7_500), fee: usd(300) }),
  session('s2', 'refunded', { amount: usd(5_000), capturedAmount: usd(5_000), refundedAmount: usd(5_000), refundableAmount: usd(0), fee: usd(150) }),
  session('s3', 'pending', { amount: usd(1_999) }),
  session('s4', 'captured', { amount: eur(20_000), capturedAmount: eur(20_000), refundableAmount: eur(20_000) }),
];

function wrap(children: ReactNode, fetcher: SessionFetcher = createFakeTruemedFetcher({ sessions: 10 }), locale = 'en-US') {
  return (
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <PaymentSessionsProvider fetcher={fetcher} locale={locale} swr={{ shouldRetryOnError: false }}>
        {children}
      </PaymentSessionsProvider>
    </SWRConfig>
  );
}

function renderSummary(props: RefundSummaryProps, fetcher?: SessionFetcher, locale?: string) {
  const user = userEvent.setup();
  return { user, ...render(wrap(<RefundSummary {...props} />, fetcher, locale)) };
}

const region = (name = 'Refund summary') => screen.getByRole('region', { name });

/** The totals of one currency block, label → formatted value, as a reader sees them. */
function totalsOf(block: HTMLElement): Record<string, string> {
  return Object.fromEntries(
    [...block.querySelectorAll('.rps-refund-summary__item')].map((item) => [
      item.querySelector('dt')?.textContent,
      item.querySelector('dd')?.textContent,
    ]),
  );
}

describe('RefundSummary', () => {
  describe('given sessions in two currencies', () => {
    it('shows one block per currency with its exact totals, never summing across currencies', () => {
      renderSummary({ sessions: MIXED });
      const blocks = within(region()).getAllByRole('group');
      expect(blocks.map((block) => block.getAttribute('data-currency'))).toEqual(['EUR', 'USD']);

      const dollars = within(region()).getByRole('group', { name: 'USD 3 sessions' });
      expect(totalsOf(dollars)).toEqual({
        Gross: '$169.99',
        Captured: '$150.00',
        Refunded: '$75.00',
        Refundable: '$75.00',
        Fees: '$4.50',
        Net: '$70.50',
      });
      const euros = within(region()).getByRole('group', { name: 'EUR 1 sessions' });
      expect(totalsOf(euros)).toEqual({
        Gross: '€200.00',
        Captured: '€200.00',
        Refunded: '€0.00',
        Refundable: '€200.00',
        Fees: '€0.00',
        Net: '€200.00',
      });
    });

    it('draws a labelled chart per currency with bars proportional to the largest total', () => {
      renderSummary({ sessions: MIXED });
      const chart = screen.getByRole('img', { name: 'Captured, refunded and refundable amounts in USD' });
      expect(chart.querySelector('title')).toHaveTextContent('Captured, refunded and refundable amounts in USD');
      const widths = Object.fromEntries(
        [...chart.querySelectorAll('.rps-refund-summary__bar')].map((bar) => [bar.getAttribute('data-series'), bar.getAttribute('width')]),
      );
      expect(widths).toEqual({ captured: '100', refunded: '50', refundable: '50' });
      const euroBars = screen.getByRole('img', { name: /in EUR$/ }).querySelectorAll('.rps-refund-summary__bar');
      expect([...euroBars].map((bar) => bar.getAttribute('width'))).toEqual(['100', '0', '100']);
    });

    it('counts sessions by status with a badge and a number', () => {
      renderSummary({ sessions: MIXED });
      const list = within(region()).getByRole('list', { name: 'Sessions by status' });
      const counts = within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent);
      // In lifecycle order; each badge carries a decorative glyph before its label.
      expect(counts).toEqual(['○Pending1', '✓Captured1', '↺Partially refunded1', '↺Refunded1']);
    });

    it('formats amounts and labels for a German reader', () => {
      renderSummary({ sessions: MIXED, messages: messagesDe }, undefined, 'de-DE');
      const dollars = screen.getByRole('group', { name: `USD ${messagesDe.sessionsCount('3')}` });
      expect(totalsOf(dollars)[messagesDe.gross]).toBe('169,99\u00a0$');
      expect(screen.getByRole('img', { name: messagesDe.chartLabel('EUR') })).toBeInTheDocument();
    });
  });

  describe('given sessions and no provider at all', () => {
    it('summarizes them without fetching', () => {
      render(<RefundSummary sessions={MIXED} />);
      expect(totalsOf(screen.getByRole('group', { name: 'USD 3 sessions' })).Refunded).toBe('$75.00');
    });
  });

  describe('given amounts that are all zero', () => {
    it('draws empty bars, never NaN', () => {
      const { container } = renderSummary({ sessions: [session('z', 'captured', { amount: usd(0), capturedAmount: usd(0) })] });
      expect(totalsOf(screen.getByRole('group', { name: 'USD 1 sessions' })).Net).toBe('$0.00');
      expect(container.innerHTML).not.toMatch(/NaN|Infinity/);
      expect([...container.querySelectorAll('.rps-refund-summary__bar')].map((bar) => bar.getAttribute('width'))).toEqual(['0', '0', '0']);
    });

    it('chartBarWidths guards the division and negative totals', () => {
      expect(chartBarWidths({ captured: 0, refunded: 0, refundable: 0 })).toEqual({ captured: 0, refunded: 0, refundable: 0 });
      expect(chartBarWidths({ captured: 300, refunded: -50, refundable: 100 })).toEqual({ captured: 100, refunded: 0, refundable: 33.33 });
    });
  });

  describe('given no sessions with amounts', () => {
    it('says there is nothing to summarize', () => {
      renderSummary({ sessions: [] });
      expect(within(region()).getByText('No amounts to summarize.')).toBeInTheDocument();
      expect(region()).toHaveAttribute('data-empty', 'true');
      expect(screen.queryByRole('img')).not.toBeInTheDocument();
    });
  });

  describe('given totals past what a number holds exactly', () => {
    it('says the totals are too large instead of showing none or a wrong sum', () => {
      const huge = usd(Number.MAX_SAFE_INTEGER);
      renderSummary({ sessions: [session('h1', 'captured', { amount: huge }), session('h2', 'captured', { amount: huge })] });
      expect(within(region()).getByRole('status')).toHaveTextContent('These totals are too large to add up exactly.');
      expect(within(region()).queryByText('No amounts to summarize.')).not.toBeInTheDocument();
      expect(screen.queryByRole('group')).not.toBeInTheDocument();
    });
  });

  describe('given a query (fetched through the provider)', () => {
    it('shows a busy skeleton while the page loads', () => {
      renderSummary({ query: { pageSize: 10 } }, createFakeTruemedFetcher({ sessions: 10, latencyMs: 60_000 }));
      expect(region()).toHaveAttribute('aria-busy', 'true');
      expect(region()).toHaveAttribute('data-loading-state', 'loading');
      expect(within(region()).getByRole('status')).toHaveTextContent('Loading totals…');
      expect(screen.queryByRole('group')).not.toBeInTheDocument();
    });

    it('summarizes the workspace page, the same numbers as summing the page by hand', async () => {
      const fetcher = createFakeTruemedFetcher({ sessions: 30, include: { fee: true } });
      render(
        wrap(
          <SessionWorkspace defaultValue={{ pageSize: 30 }}>
            <RefundSummary />
          </SessionWorkspace>,
          fetcher,
        ),
      );
      const page = await fetcher({ page: 1, pageSize: 30 }, { signal: new AbortController().signal });
      const expectedGross = page.sessions.reduce((sum, s) => sum + (s.amount?.amountMinor ?? 0), 0);
      const dollars = await screen.findByRole('group', { name: /^USD/ });
      expect(totalsOf(dollars).Gross).toBe(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(expectedGross / 100));
      expect(region()).toHaveAttribute('data-loading-state', 'idle');
    });

    it('when the request fails, shows an alert whose Retry (by keyboard) loads the totals', async () => {
      const fetcher = createFakeTruemedFetcher({ sessions: 10 });
      fetcher.api.setFailure({ status: 500 });
      const { user } = renderSummary({ query: { pageSize: 10 } }, fetcher);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Payment sessions could not be loaded');
      // The error's own message says why, as SessionList does.
      const reason = await fetcher({ page: 1, pageSize: 10 }, { signal: new AbortController().signal }).catch((error: unknown) => error);
      expect(reason).toBeInstanceOf(PaymentSessionsError);
      expect(alert).toHaveTextContent((reason as Error).message);
      expect(screen.queryByText('No amounts to summarize.')).not.toBeInTheDocument();

      fetcher.api.setFailure(null);
      await user.tab();
      expect(within(alert).getByRole('button', { name: 'Retry' })).toHaveFocus();
      await user.keyboard('{Enter}');
      expect(await screen.findByRole('group', { name: /^USD/ })).toBeInTheDocument();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('beside a SessionList in one workspace, leaves the one alert and its Retry to the list', async () => {
      const fetcher = createFakeTruemedFetcher({ sessions: 10 });
      fetcher.api.setFailure({ status: 500 });
      const user = userEvent.setup();
      render(
        wrap(
          <SessionWorkspace defaultValue={{ pageSize: 10 }}>
            <RefundSummary />
            <SessionList />
          </SessionWorkspace>,
          fetcher,
        ),
      );
      expect(await within(region()).findByText('Totals could not be updated.')).toBeInTheDocument();
      expect(screen.getAllByRole('alert')).toHaveLength(1);
      expect(within(region()).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();

      fetcher.api.setFailure(null);
      await user.click(screen.getByRole('button', { name: 'Retry' }));
      expect(await screen.findByRole('group', { name: /^USD/ })).toBeInTheDocument();
      expect(screen.queryByText('Totals could not be updated.')).not.toBeInTheDocument();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('never puts secrets or script URLs in the page', async () => {
      const records = makeTruemedRecords({ count: 3 }).map((record) => ({
        ...record,
        client_secret: 'cs_live_TOPSECRET',
        redirect_url: 'javascript:alert(1)',
      }));
      renderSummary({ query: {} }, createFakeTruemedFetcher({ sessions: records }));
      await screen.findByRole('group', { name: /^USD/ });

      const oneEntry = createFakeOneEntryFetcher({ sessions: 5 });
      renderSummary({ query: {} }, oneEntry);
      await waitFor(() => expect(screen.getAllByRole('region')[1]).toHaveAttribute('data-loading-state', 'idle'));
      expect(document.body.innerHTML).not.toContain('TOPSECRET');
      expect(document.body.innerHTML).not.toContain('javascript:');
      expect(document.body.innerHTML).not.toContain('_secret_');
    });
  });

  describe('given theming props', () => {
    it('puts theme variables, class slots and data attributes on the parts', () => {
      renderSummary({
        sessions: MIXED,
        theme: { colors: { success: '#0a0' } },
        className: 'host',
        classNames: { root: 'slot-root', currency: 'slot-currency', chart: 'slot-chart', value: 'slot-value' },
      });
      expect(region()).toHaveClass('rps-refund-summary', 'rps-root', 'host', 'slot-root');
      expect(region().style.getPropertyValue('--rps-color-success')).toBe('#0a0');
      expect(screen.getByRole('group', { name: /^USD/ })).toHaveClass('rps-refund-summary__currency', 'slot-currency');
      expect(screen.getAllByRole('img')[0]).toHaveClass('slot-chart');
      expect(screen.getByText('$169.99')).toHaveClass('slot-value');
      expect(region()).toHaveAttribute('data-loading-state', 'idle');
      expect(region()).not.toHaveAttribute('data-empty');
    });

    it('drops rps-root when unstyled and takes message overrides', () => {
      renderSummary({ sessions: MIXED, unstyled: true, messages: { summaryLabel: 'Totals', net: 'Take-home' } });
      expect(region('Totals')).not.toHaveClass('rps-root');
      expect(totalsOf(screen.getByRole('group', { name: /^USD/ }))['Take-home']).toBe('$70.50');
    });
  });

  it('renders on the server from SWR fallback data', () => {
    const fetcher = createFakeTruemedFetcher({ sessions: 1 });
    const query = { page: 1, pageSize: 30 };
    const html = renderToString(
      <SWRConfig value={{ provider: () => new Map(), fallback: { [paymentSessionsCacheKey(fetcher, query)]: { sessions: MIXED, total: 4, page: 1, pageSize: 30, pageCount: 1 } } }}>
        <PaymentSessionsProvider fetcher={fetcher} locale="en-US">
          <RefundSummary query={query} />
        </PaymentSessionsProvider>
      </SWRConfig>,
    );
    expect(html).toContain('$169.99');
    expect(html).toContain('€200.00');
  });
});
