import { render, screen, within } from '@testing-library/react';
import type { SessionFetcher, SessionPage } from 'react-payment-sessions';
import { SessionList } from 'react-payment-sessions';
import { makeSessions } from 'react-payment-sessions/testing';
import { providerWrapper } from '../hooks/render';

// The virtualizer's chunk cannot be loaded (offline, or a deployment removed it).
vi.mock('../../src/components/list/VirtualRows', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

describe('given a long page and a virtualizer chunk that cannot load', () => {
  it('renders every row plainly instead of crashing the host', async () => {
    const sessions = makeSessions({ count: 150, seed: 3 });
    const page: SessionPage = { sessions, total: 150, page: 1, pageSize: 150, pageCount: 1 };
    const fetcher = Object.assign(async () => page, { source: 'memory', capabilities: { search: false, filters: [] } }) satisfies SessionFetcher;
    const { wrapper } = providerWrapper(fetcher, { locale: 'en-US', timeZone: 'UTC' });
    render(<SessionList query={{ pageSize: 150 }} virtualizeAbove={100} />, { wrapper });
    const table = await screen.findByRole('table', { name: 'Payment sessions' });
    // Until the failed import settles, the Suspense fallback shows the first rows; then all of them.
    expect(await within(table).findByRole('button', { name: `Open session ${sessions[149]!.id}` })).toBeInTheDocument();
    expect(within(table).getAllByRole('button', { name: /^Open session / })).toHaveLength(150);
  });
});
