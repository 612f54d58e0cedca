import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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
  it('closes again (aria-expanded false), says so, and opens on the next try once the chunk loads', async () => {
    chunk.failures = 2; // on mount and on the first opening
    const user = userEvent.setup();
    const { SessionDetail } = await freshLibrary();
    render(<SessionDetail session={sessions[0]} trigger={<button type="button">Details</button>} />);
    const trigger = screen.getByRole('button', { name: 'Details' });
    await user.click(trigger);
    expect(await screen.findByRole('alert')).toHaveTextContent('The session details could not be loaded. Try again.');
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.click(trigger);
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(chunk.attempts).toBeGreaterThanOrEqual(3);
  });
});
