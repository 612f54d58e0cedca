import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { SWRConfig } from 'swr';
import type { SessionFetcher, SessionPage } from 'react-payment-sessions';
import { makeSessions } from 'react-payment-sessions/testing';

// The dialog's chunk fails to load (offline, or a deployment removed it) as often as `chunkFailures` says.
const chunk = vi.hoisted(() => ({ failures: 0, attempts: 0 }));
vi.mock('../../src/components/detail/SessionDetailDialog', async (importOriginal) => {
  chunk.attempts += 1;
  if (chunk.failures > 0) {
    chunk.failures -= 1;
    throw new Error('Failed to fetch dynamically imported module');
  }
  return importOriginal();
});

const sessions = makeSessions({ count: 3, seed: 12 });

// Each file has its own module registry, so the chunk starts unloaded here (one test per file for that).
const freshLibrary = () => import('react-payment-sessions');

describe('given the detail dialog chunk cannot be loaded', () => {
  it('in a SessionList, a failed opening frees the row so a later click retries', async () => {
    chunk.failures = 5;
    const user = userEvent.setup();
    const page: SessionPage = { sessions, total: 3, page: 1, pageSize: 30, pageCount: 1 };
    const fetcher = Object.assign(async () => page, { source: 'memory', capabilities: { search: false, filters: [] } }) satisfies SessionFetcher;
    const { PaymentSessionsProvider, SessionList } = await freshLibrary();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <SWRConfig value={{ provider: () => new Map() }}>
        <PaymentSessionsProvider fetcher={fetcher} locale="en-US" timeZone="UTC">
          {children}
        </PaymentSessionsProvider>
      </SWRConfig>
    );
    render(<SessionList />, { wrapper });
    const row = await screen.findByRole('button', { name: `Open session ${sessions[0]!.id}` });
    await user.click(row);
    expect(await screen.findByText('The session details could not be loaded. Try again.')).toBeInTheDocument();

    chunk.failures = 0;
    await user.click(row);
    expect(await screen.findByRole('dialog', { name: `Payment session ${sessions[0]!.id}` })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('The session details could not be loaded. Try again.')).not.toBeInTheDocument());
  });
});
