import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { defaultMessages, ThemeProvider, type PaymentSession } from 'react-payment-sessions';
import { messagesDe } from 'react-payment-sessions/locales/de';
import { messagesFr } from 'react-payment-sessions/locales/fr';
import { makeSessions } from 'react-payment-sessions/testing';
import { preloadSessionDetail, SessionDetail, sessionTimeline } from 'react-payment-sessions';

// The dialog's chunk is loaded once up front, so each test sees the open dialog right after rendering;
// SessionDetail.lazy.test.tsx covers opening before the chunk has arrived.
beforeAll(() => preloadSessionDetail());

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/** A captured session with everything a backend can send, dates deliberately out of order in the arrays. */
function richSession(overrides: Partial<PaymentSession> = {}): PaymentSession {
  return {
    id: 'ps_rich',
    source: 'test',
    status: 'partially_refunded',
    rawStatus: 'captured',
    kind: 'one_time_payment',
    createdAt: '2024-05-01T09:00:00Z',
    authorizedAt: '2024-05-01T09:05:00Z',
    capturedAt: '2024-05-01T09:06:00Z',
    amount: usd(25_000),
    capturedAmount: usd(25_000),
    refundedAmount: usd(5_000),
    refundableAmount: usd(20_000),
    fee: usd(125),
    customer: { name: 'Chloé Lefèvre', email: 'chloe@example.fr', businessId: 'ub_123' },
    orderId: 'order-77',
    paymentToken: 'tok_abc',
    paymentUrl: 'https://pay.example.com/s/ps_rich',
    items: [
      { name: 'Rowing machine', sku: 'ROW-01', quantity: 1, unitPrice: usd(20_000), total: usd(20_000), refundable: usd(20_000), quantityRefundable: 1 },
      { name: 'Greens powder', quantity: 2, unitPrice: usd(2_500), total: usd(5_000), refundable: usd(0), quantityRefundable: 0 },
    ],
    refunds: [
      { id: 're_2', amount: usd(2_000), status: 'succeeded', reason: 'duplicate_payment', createdAt: '2024-05-09T10:00:00Z' },
      { id: 're_1', amount: usd(3_000), status: 'succeeded', reason: 'customer_request', createdAt: '2024-05-03T10:00:00Z' },
    ],
    disputes: [{ id: 'dp_1', amount: usd(1_000), status: 'needs_response', reason: 'fraudulent', createdAt: '2024-05-05T12:00:00Z' }],
    metadata: { campaign: 'spring', attempt: 2, tags: ['a', 'b'] },
    raw: { id: 'ps_rich' },
    ...overrides,
  };
}

function renderOpen(session: PaymentSession, props: Partial<Parameters<typeof SessionDetail>[0]> = {}) {
  return render(<SessionDetail session={session} defaultOpen locale="en-US" timeZone="UTC" {...props} />);
}

function section(name: string): HTMLElement {
  return within(screen.getByRole('dialog')).getByRole('region', { name });
}

/** The value next to a label in a definition list. */
function valueOf(container: HTMLElement, label: string): string {
  const term = within(container).getByText(label, { selector: 'dt, dt *' }).closest('dt');
  return (term?.nextElementSibling?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function texts(elements: HTMLElement[]): string[] {
  return elements.map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());
}

describe('SessionDetail', () => {
  describe('given a rich captured session, open', () => {
    it('is a dialog titled by the session id and described by its status and amount', () => {
      renderOpen(richSession());
      const dialog = screen.getByRole('dialog', { name: 'Payment session ps_rich' });
      expect(dialog).toHaveAccessibleDescription('Partially refunded $250.00');
    });

    it('lists kind, order, payment token and the payment link (http only, new tab, no opener, no referrer)', () => {
      renderOpen(richSession());
      const dialog = screen.getByRole('dialog');
      const overview = dialog.querySelector<HTMLElement>('[data-list="overview"]')!;
      expect(valueOf(overview, 'Kind')).toBe('One-time payment');
      expect(valueOf(overview, 'Order')).toBe('order-77');
      expect(valueOf(overview, 'Payment token')).toBe('tok_abc');
      const link = within(dialog).getByRole('link', { name: 'Payment page' });
      expect(link).toHaveAttribute('href', 'https://pay.example.com/s/ps_rich');
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    });

    it('labels the payment token with detailPaymentToken, and still with the deprecated paymentToken_ a host set', () => {
      const { unmount } = renderOpen(richSession(), { messages: { detailPaymentToken: 'Card token' } });
      expect(valueOf(screen.getByRole('dialog').querySelector<HTMLElement>('[data-list="overview"]')!, 'Card token')).toBe('tok_abc');
      unmount();
      renderOpen(richSession(), { messages: { paymentToken_: 'Legacy token' } });
      expect(valueOf(screen.getByRole('dialog').querySelector<HTMLElement>('[data-list="overview"]')!, 'Legacy token')).toBe('tok_abc');
    });

    it('shows every amount the backend sent, formatted', () => {
      renderOpen(richSession());
      const amounts = section('Amounts');
      expect(valueOf(amounts, 'Amount')).toBe('$250.00');
      expect(valueOf(amounts, 'Captured')).toBe('$250.00');
      expect(valueOf(amounts, 'Refunded')).toBe('$50.00');
      expect(valueOf(amounts, 'Refundable')).toBe('$200.00');
      expect(valueOf(amounts, 'Fee')).toBe('$1.25');
      // Not sent, so not listed.
      expect(within(amounts).queryByText('Capturable')).not.toBeInTheDocument();
    });

    it('shows the customer', () => {
      renderOpen(richSession());
      const customer = section('Customer');
      expect(valueOf(customer, 'Name')).toBe('Chloé Lefèvre');
      expect(valueOf(customer, 'Email')).toBe('chloe@example.fr');
      expect(valueOf(customer, 'Business ID')).toBe('ub_123');
    });

    it('orders the timeline by time: created, authorized, captured, refund, dispute, refund — each with a <time>', () => {
      renderOpen(richSession());
      const timeline = within(section('Timeline')).getByRole('list');
      const events = within(timeline).getAllByRole('listitem');
      expect(events.map((event) => event.getAttribute('data-event'))).toEqual([
        'created',
        'authorized',
        'captured',
        'refund',
        'dispute',
        'refund',
      ]);
      expect(texts(events)[3]).toBe('May 3, 2024, 10:00 AM Refund $30.00 Succeeded · Customer request');
      expect(events[0]!.querySelector('time')).toHaveAttribute('dateTime', '2024-05-01T09:00:00.000Z');
      expect(events[5]!.querySelector('time')).toHaveAttribute('dateTime', '2024-05-09T10:00:00.000Z');
    });

    it('shows the line items in a table with what is still refundable, and no capturable column', () => {
      renderOpen(richSession());
      const table = within(section('Line items')).getByRole('table', { name: 'Line items' });
      expect(texts(within(table).getAllByRole('columnheader'))).toEqual(['Item', 'Qty', 'Unit price', 'Total', 'Refundable']);
      const rows = within(table).getAllByRole('row').slice(1);
      expect(texts(within(rows[0]!).getAllByRole('cell'))).toEqual(['1', '$200.00', '$200.00', '$200.00 · Qty 1']);
      expect(texts(within(rows[1]!).getAllByRole('cell'))).toEqual(['2', '$25.00', '$50.00', '$0.00 · Qty 0']);
      expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Rowing machine ROW-01');
    });

    it('lists refunds and disputes in their own tables', () => {
      renderOpen(richSession());
      const refunds = within(section('Refunds')).getByRole('table', { name: 'Refunds' });
      expect(texts(within(refunds).getAllByRole('rowheader'))).toEqual(['re_2', 're_1']);
      expect(texts(within(within(refunds).getAllByRole('row')[1]!).getAllByRole('cell'))).toEqual([
        'May 9, 2024, 10:00 AM',
        '$20.00',
        'Succeeded',
        'Duplicate payment',
      ]);
      const disputes = within(section('Disputes')).getByRole('table', { name: 'Disputes' });
      expect(texts(within(disputes).getAllByRole('rowheader'))).toEqual(['dp_1']);
      expect(within(disputes).getByText('Needs response')).toBeInTheDocument();
    });

    it('says refund and dispute codes in the messages\' language, and unknown codes as written', () => {
      const session = richSession();
      renderOpen({ ...session, refunds: [{ ...session.refunds[0]!, status: 'SUCCEEDED', reason: 'goodwill_gesture' }] }, { messages: messagesDe, locale: 'de-DE' });
      const refunds = within(screen.getByRole('dialog')).getAllByRole('table')[1]!;
      const cells = texts(within(within(refunds).getAllByRole('row')[1]!).getAllByRole('cell'));
      expect(cells.slice(-2)).toEqual(['Erfolgreich', 'goodwill_gesture']);
    });

    it('shows metadata as text: scalars as they are, nested values as JSON', () => {
      renderOpen(richSession());
      const metadata = section('Metadata');
      expect(valueOf(metadata, 'campaign')).toBe('spring');
      expect(valueOf(metadata, 'attempt')).toBe('2');
      expect(within(metadata).getByText((_, element) => element?.tagName === 'PRE' && element.textContent === '[\n  "a",\n  "b"\n]')).toBeInTheDocument();
    });
  });

  describe('given an open authorization', () => {
    it('shows what is capturable, per item and in total', () => {
      const [authorization] = makeSessions({ count: 40, seed: 1 }).filter(
        (session) => session.status === 'authorized' && session.items.some((item) => item.capturable),
      );
      expect(authorization).toBeDefined();
      renderOpen(authorization!);
      expect(valueOf(section('Amounts'), 'Capturable')).not.toBe('—');
      const table = within(section('Line items')).getByRole('table');
      const headers = texts(within(table).getAllByRole('columnheader'));
      expect(headers).toContain('Capturable');
      expect(headers).not.toContain('Refundable');
    });
  });

  describe('given a minimal session', () => {
    const minimal: PaymentSession = {
      id: 'ps_min',
      source: 'custom',
      status: 'unknown',
      rawStatus: 'on_hold',
      items: [],
      refunds: [],
      disputes: [],
      raw: {},
    };

    it('shows the raw status, an unknown amount, an empty timeline, and no empty sections', () => {
      renderOpen(minimal);
      const dialog = screen.getByRole('dialog', { name: 'Payment session ps_min' });
      expect(dialog).toHaveAccessibleDescription('on_hold —');
      expect(valueOf(section('Amounts'), 'Amount')).toBe('—');
      expect(section('Timeline')).toHaveTextContent('None');
      expect(within(dialog).getAllByRole('region').map((region) => region.getAttribute('data-section'))).toEqual(['amounts', 'timeline']);
      expect(within(dialog).queryByRole('link')).not.toBeInTheDocument();
    });

    it('renders nothing at all without a session', () => {
      render(<SessionDetail session={null} open />);
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
  });

  describe('given a paymentUrl that carries a Stripe client secret and secret-shaped metadata (bypassing the adapter)', () => {
    it('links without the secret-bearing parameter and shows the metadata values redacted', () => {
      const secret = 'pi_3Mtw_secret_HrefNeverShown';
      renderOpen(
        richSession({
          paymentUrl: `https://shop.example/done?payment_intent=pi_3Mtw&payment_intent_client_secret=${secret}&redirect_status=succeeded`,
          metadata: { note: `confirm with ${secret}`, key: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' },
        }),
      );
      const link = within(screen.getByRole('dialog')).getByRole('link');
      expect(link).toHaveAttribute('href', 'https://shop.example/done?payment_intent=pi_3Mtw&redirect_status=succeeded');
      expect(valueOf(section('Metadata'), 'note')).toBe('confirm with [redacted]');
      expect(valueOf(section('Metadata'), 'key')).toBe('[redacted]');
      const html = document.body.innerHTML;
      expect(html).not.toContain('HrefNeverShown');
      expect(html).not.toContain('client_secret');
      expect(html).not.toContain('sk_test_');
    });
  });

  describe('given a session with secrets and a javascript: URL (bypassing the adapter)', () => {
    it('never puts them in the DOM, and metadata HTML stays text', () => {
      const secret = 'pi_123_secret_NEVER-SHOWN';
      renderOpen(
        richSession({
          paymentUrl: 'javascript:alert(document.cookie)',
          raw: { clientSecret: secret, id: 'ps_rich' },
          metadata: {
            client_secret: secret,
            note: '<script>alert(1)</script>',
            nested: { apiKey: secret, visible: 'yes' },
            // Embedded JSON hiding the secret under `__proto__`, and JSON encoded twice.
            embedded: `{"__proto__":{"client_secret":"${secret}"}}`,
            twice: JSON.stringify(JSON.stringify({ clientSecret: secret })),
          },
        }),
      );
      const dialog = screen.getByRole('dialog');
      expect(within(dialog).queryByRole('link')).not.toBeInTheDocument();
      expect(valueOf(section('Metadata'), 'note')).toBe('<script>alert(1)</script>');
      expect(section('Metadata')).toHaveTextContent('"visible": "yes"');
      const html = document.body.innerHTML;
      expect(html).not.toContain('NEVER-SHOWN');
      expect(html).not.toContain('javascript:');
      expect(html).not.toContain('client_secret');
      expect(document.querySelector('script')).toBeNull();
    });
  });

  describe('given a trigger', () => {
    it('the trigger opens it, Escape closes it, and focus returns to the trigger', async () => {
      const user = userEvent.setup();
      const onOpenChange = vi.fn();
      render(<SessionDetail session={richSession()} trigger={<button type="button">Details</button>} onOpenChange={onOpenChange} />);

      await user.click(screen.getByRole('button', { name: 'Details' }));
      expect(screen.getByRole('dialog')).toBeInTheDocument();
      expect(onOpenChange).toHaveBeenLastCalledWith(true);

      await user.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(onOpenChange).toHaveBeenLastCalledWith(false);
      expect(screen.getByRole('button', { name: 'Details' })).toHaveFocus();
    });

    it('focus starts inside the dialog and Tab / Shift+Tab stay inside it', async () => {
      const user = userEvent.setup();
      render(
        <>
          <button type="button">Outside</button>
          <SessionDetail session={richSession()} trigger={<button type="button">Details</button>} />
        </>,
      );
      await user.click(screen.getByRole('button', { name: 'Details' }));
      const dialog = screen.getByRole('dialog');
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
      for (const key of ['{Tab}', '{Tab}', '{Tab}', '{Shift>}{Tab}{/Shift}', '{Shift>}{Tab}{/Shift}', '{Shift>}{Tab}{/Shift}']) {
        await user.keyboard(key);
        expect(dialog).toContainElement(document.activeElement as HTMLElement);
      }
    });

    it('Tab reaches each table, so a table wider than the dialog can be scrolled from the keyboard', async () => {
      const user = userEvent.setup();
      render(<SessionDetail session={richSession()} trigger={<button type="button">Details</button>} />);
      await user.click(screen.getByRole('button', { name: 'Details' }));
      const tables = within(screen.getByRole('dialog')).getAllByRole('table');
      expect(tables.length).toBeGreaterThanOrEqual(2);
      const reached = new Set<Element>();
      for (let step = 0; step < 12; step += 1) {
        await user.tab();
        if (document.activeElement) reached.add(document.activeElement);
      }
      for (const table of tables) expect(reached.has(table)).toBe(true);
    });
  });

  describe('when controlled', () => {
    it('the close button asks to close; the dialog closes when the host agrees', async () => {
      const user = userEvent.setup();
      function Host() {
        const [open, setOpen] = useState(true);
        return <SessionDetail session={richSession()} open={open} onOpenChange={setOpen} />;
      }
      render(<Host />);
      await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    });
  });

  describe('theming (the dialog is portaled outside the host tree)', () => {
    function portalRoot(): HTMLElement {
      return screen.getByRole('dialog').closest<HTMLElement>('.rps-session-detail')!;
    }

    it('its root is an rps-root with the theme variables and appearance', () => {
      renderOpen(richSession(), { theme: { colors: { accent: '#0f766e' } }, appearance: 'dark' });
      expect(portalRoot()).toHaveClass('rps-root');
      expect(portalRoot()).toHaveAttribute('data-appearance', 'dark');
      expect(portalRoot().style.getPropertyValue('--rps-color-accent')).toBe('#0f766e');
      expect(portalRoot().parentElement).toBe(document.body);
    });

    it('inside a dark ThemeProvider, it is dark too', () => {
      render(
        <ThemeProvider appearance="dark">
          <SessionDetail session={richSession()} defaultOpen />
        </ThemeProvider>,
      );
      expect(portalRoot()).toHaveClass('rps-root');
      expect(portalRoot()).toHaveAttribute('data-appearance', 'dark');
    });

    it('inside a ThemeProvider with custom colors, the portaled dialog has them too (its own theme wins)', () => {
      render(
        <ThemeProvider theme={{ colors: { accent: '#b45309', surface: '#fffbeb' } }}>
          <SessionDetail session={richSession()} defaultOpen theme={{ colors: { surface: '#fef3c7' } }} />
        </ThemeProvider>,
      );
      expect(portalRoot().style.getPropertyValue('--rps-color-accent')).toBe('#b45309');
      expect(portalRoot().style.getPropertyValue('--rps-color-surface')).toBe('#fef3c7');
    });

    it('unstyled drops rps-root; classNames land on their parts', () => {
      renderOpen(richSession(), { unstyled: true, classNames: { root: 'host-root', content: 'host-content', close: 'host-close', table: 'host-table' } });
      expect(portalRoot()).not.toHaveClass('rps-root');
      expect(portalRoot()).toHaveClass('rps-session-detail', 'host-root');
      expect(screen.getByRole('dialog')).toHaveClass('rps-session-detail__content', 'host-content');
      expect(screen.getByRole('button', { name: 'Close' })).toHaveClass('host-close');
      expect(screen.getAllByRole('table')[0]).toHaveClass('host-table');
    });

    it('speaks French with messagesFr and formats for fr-FR in Paris time', () => {
      renderOpen(richSession(), { messages: messagesFr, locale: 'fr-FR', timeZone: 'Europe/Paris' });
      const dialog = screen.getByRole('dialog', { name: messagesFr.detailTitle('ps_rich') });
      expect(within(dialog).getByRole('button', { name: messagesFr.close })).toBeInTheDocument();
      const amounts = within(dialog).getByRole('region', { name: messagesFr.amounts });
      expect(valueOf(amounts, messagesFr.amount)).toBe('250,00 $US');
      // 09:00 UTC is 11:00 in Paris (summer time).
      const created = within(dialog).getByRole('region', { name: messagesFr.timeline }).querySelector('time');
      expect(created?.textContent).toMatch(/11:00/);
    });

    it('a messages override changes the title and close label', () => {
      renderOpen(richSession(), { messages: { detailTitle: (id) => `Checkout ${id}`, close: 'Dismiss' } });
      expect(screen.getByRole('dialog', { name: 'Checkout ps_rich' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Dismiss' })).toBeInTheDocument();
    });
  });
});

describe('sessionTimeline', () => {
  it('sorts dated events by time and keeps undated ones last, in lifecycle order', () => {
    const session = richSession({
      authorizedAt: undefined,
      refunds: [
        { id: 're_late', amount: usd(100), createdAt: '2024-06-01T00:00:00Z' },
        { id: 're_undated', amount: usd(200) },
      ],
      disputes: [{ id: 'dp_early', createdAt: '2024-05-01T09:01:00Z' }],
    });
    const events = sessionTimeline(session, defaultMessages);
    expect(events.map((event) => event.key)).toEqual([
      'created',
      'dispute-dp_early-0',
      'captured',
      'refund-re_late-0',
      'refund-re_undated-1',
    ]);
    expect(events[2]).toMatchObject({ label: 'Captured', amount: usd(25_000) });
  });
});
