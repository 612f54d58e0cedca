// In real Chromium with the default styles: a virtualized page keeps only the rows in view in the DOM,
// and once one row is measured the rows not rendered are estimated at that height, so the scroll height is
// that of the real table (not of the 44 px first guess) and rows re-sorted into view need no resize.
import '../../src/components/styles.css';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentSessionsProvider, SessionList, type SessionFetcher, type SessionPage } from '../../src/index';
import { makeSessions } from '../../src/testing';

afterEach(cleanup);

describe('a virtualized page of 1000 sessions', () => {
  it('renders a window of rows, and its scroll height follows the measured row height', async () => {
    const sessions = makeSessions({ count: 1000, seed: 21 });
    const page: SessionPage = { sessions, total: 1000, page: 1, pageSize: 1000, pageCount: 1 };
    const fetcher = Object.assign(async () => page, { source: 'memory', capabilities: { search: false, filters: [] } }) satisfies SessionFetcher;
    const { container } = render(
      <PaymentSessionsProvider fetcher={fetcher} locale="en-US" timeZone="UTC">
        <SessionList query={{ pageSize: 1000 }} maxHeight={600} estimatedRowHeight={44} />
      </PaymentSessionsProvider>,
    );
    await waitFor(() => expect(container.querySelector('[data-virtualized] tbody[data-virtualized]')).not.toBeNull());
    const rows = () => [...container.querySelectorAll<HTMLTableRowElement>('tbody tr:not(.rps-session-list__spacer)')];
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    expect(rows().length).toBeLessThan(60);

    const rowHeight = rows()[0]!.getBoundingClientRect().height;
    expect(rowHeight).toBeGreaterThan(44); // the default styles make a row taller than the first guess
    const scroller = container.querySelector<HTMLElement>('.rps-session-list__scroller')!;
    const headerHeight = container.querySelector('thead')!.getBoundingClientRect().height;
    await waitFor(() => {
      const bodyHeight = scroller.scrollHeight - headerHeight;
      expect(Math.abs(bodyHeight - 1000 * rowHeight) / (1000 * rowHeight)).toBeLessThan(0.03);
    });
  });
});
