import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SessionDetail, SessionList, type SessionFetcher, type SessionPage } from 'react-payment-sessions';
import { makeSessions } from 'react-payment-sessions/testing';
import { providerWrapper } from '../hooks/render';

// Radix and the dialog body are a separate chunk. In this file nothing has loaded it yet (each test file
// has its own module registry), so these tests open the dialog before its chunk has arrived.
const [session] = makeSessions({ count: 1, seed: 9 });

describe('SessionDetail before its dialog chunk has loaded', () => {
  it('renders the trigger at once; a click opens the dialog as soon as the chunk is there, and Escape returns focus', async () => {
    const user = userEvent.setup();
    render(<SessionDetail session={session} trigger={<button type="button">Details</button>} locale="en-US" timeZone="UTC" />);
    const trigger = screen.getByRole('button', { name: 'Details' });
    expect(trigger).toHaveAttribute('aria-haspopup', 'dialog');
    await user.click(trigger);

    const dialog = await screen.findByRole('dialog', { name: `Payment session ${session!.id}` });
    expect(within(dialog).getByRole('region', { name: 'Amounts' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Details' })).toHaveFocus();
  });

  it("keeps the trigger's own click handler", async () => {
    const user = userEvent.setup();
    const onClick = vi.fn();
    render(<SessionDetail session={session} trigger={<button type="button" onClick={onClick}>Details</button>} />);
    await user.click(screen.getByRole('button', { name: 'Details' }));
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
  });

  it('opens from a SessionList row', async () => {
    const user = userEvent.setup();
    const sessions = makeSessions({ count: 3, seed: 4 });
    const page: SessionPage = { sessions, total: 3, page: 1, pageSize: 30, pageCount: 1 };
    const fetcher = Object.assign(async () => page, { source: 'memory', capabilities: { search: false, filters: [] } }) satisfies SessionFetcher;
    const { wrapper } = providerWrapper(fetcher, { locale: 'en-US', timeZone: 'UTC' });
    render(<SessionList />, { wrapper });
    const row = await screen.findByRole('button', { name: `Open session ${sessions[1]!.id}` });
    await user.click(row);
    expect(await screen.findByRole('dialog', { name: `Payment session ${sessions[1]!.id}` })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(row).toHaveFocus());
  });
});

describe("SessionDetail's trigger", () => {
  it("is the same element before and after the dialog's chunk arrives, and keeps the host's ref", async () => {
    const user = userEvent.setup();
    const hostRef = { current: null as HTMLButtonElement | null };
    render(<SessionDetail session={session} trigger={<button type="button" ref={hostRef}>Show</button>} />);
    const before = screen.getByRole('button', { name: 'Show' });
    expect(hostRef.current).toBe(before);
    await user.click(before);
    await screen.findByRole('dialog');
    expect(screen.getByRole('button', { name: 'Show', hidden: true })).toBe(before);
    expect(before).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(before).toHaveFocus());
    expect(before).toHaveAttribute('aria-expanded', 'false');
    expect(hostRef.current).toBe(before);
  });
});
