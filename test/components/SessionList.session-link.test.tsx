import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createOneEntryFetcher, SessionList, SessionWorkspace, type FetchContext, type SessionFetcher, type SessionQuery } from 'react-payment-sessions';
import { createFakeOneEntryPayments, createFakeTruemedFetcher } from 'react-payment-sessions/testing';
import { providerWrapper } from '../hooks/render';

function renderWithProvider(ui: ReactElement, fetcher: SessionFetcher) {
  const { wrapper } = providerWrapper(fetcher, { locale: 'en-US', timeZone: 'UTC', swr: { shouldRetryOnError: false } });
  return render(ui, { wrapper });
}

/** Requests the fake saw for one session by id. */
function sessionRequests(fetcher: ReturnType<typeof createFakeTruemedFetcher>) {
  return fetcher.api.requests.filter((r) => new URL(r.url).pathname.startsWith('/payments/v1/payment_session/'));
}

describe('SessionList given a selected id that is not on the current page', () => {
  it('fetches it by id and opens its detail, after a loading state in the dialog', async () => {
    // Only the lookup is slow, so the dialog's loading state is there to see. Slow enough that a loaded CI
    // machine still renders the lazy dialog before the answer lands.
    const fetcher = createFakeTruemedFetcher({
      sessions: 90,
      seed: 5,
      latencyMs: (request) => (new URL(request.url).pathname.includes('/payment_session/') ? 1500 : 0),
    });
    const target = fetcher.api.records[75]!;
    renderWithProvider(<SessionList selectedSessionId={target.id} />, fetcher);
    await waitFor(() => expect(document.querySelector('[data-lookup-state="loading"]')).not.toBeNull(), { timeout: 1400 });
    expect(screen.getByRole('dialog')).toHaveAccessibleName(`Loading payment session ${target.id}…`);
    // The session's own detail: it carries the session's status, and its title is no longer the loading one.
    await waitFor(() => expect(document.querySelector('.rps-session-detail[data-status]')).not.toBeNull(), { timeout: 5000 });
    expect(screen.getByRole('dialog')).toHaveAccessibleName(new RegExp(target.id));
    expect(screen.getByRole('dialog')).not.toHaveAccessibleName(/^Loading/);
    expect(sessionRequests(fetcher)).toHaveLength(1);
  });

  it('asks nothing by id for a session on the current page', async () => {
    const fetcher = createFakeTruemedFetcher({ sessions: 90, seed: 5 });
    const target = fetcher.api.records[3]!;
    renderWithProvider(<SessionList selectedSessionId={target.id} />, fetcher);
    await waitFor(() => expect(screen.getByRole('dialog')).toHaveAccessibleName(new RegExp(target.id)));
    expect(sessionRequests(fetcher)).toHaveLength(0);
  });

  it('says clearly when there is no such session', async () => {
    const fetcher = createFakeTruemedFetcher({ sessions: 30, seed: 5 });
    renderWithProvider(<SessionList selectedSessionId="ps_does_not_exist" />, fetcher);
    await waitFor(() => expect(screen.getByRole('dialog')).toHaveAccessibleName('Payment session not found'));
    expect(screen.getByRole('dialog')).toHaveAccessibleDescription(/no payment session with the id ps_does_not_exist/);
  });

  it('shows an error with Retry, and Retry opens the session', async () => {
    const fetcher = createFakeTruemedFetcher({ sessions: 60, seed: 5 });
    const target = fetcher.api.records[50]!;
    const user = userEvent.setup();
    const { rerender } = renderWithProvider(<SessionList selectedSessionId={null} />, fetcher);
    await waitFor(() => expect(document.querySelector('.rps-session-list')).toHaveAttribute('data-state', 'ready'));
    fetcher.api.setFailure({ status: 500, body: { error: 'ServerError', message: 'Boom' } });
    rerender(<SessionList selectedSessionId={target.id} />);
    const alert = await screen.findByRole('alert');
    expect(screen.getByRole('dialog')).toHaveAccessibleName('This payment session could not be loaded');
    fetcher.api.setFailure(null);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByRole('dialog')).toHaveAccessibleName(new RegExp(target.id)));
  });

  it('opens nothing with a fetcher that has no getSession', async () => {
    // A host's own fetcher: the list function and its capabilities only.
    const oneEntry = createOneEntryFetcher(createFakeOneEntryPayments({ sessions: 10 }));
    const fetcher: SessionFetcher = Object.assign((query: SessionQuery, ctx: FetchContext) => oneEntry(query, ctx), {
      source: oneEntry.source,
      capabilities: oneEntry.capabilities,
    });
    renderWithProvider(<SessionList selectedSessionId="999999" />, fetcher);
    await waitFor(() => expect(document.querySelector('.rps-session-list')).toHaveAttribute('data-state', 'ready'));
    await act(async () => undefined);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('through OneEntry, opens a session off the page by getSessionById and says when there is none', async () => {
    const payments = createFakeOneEntryPayments({ sessions: 45 });
    const fetcher = createOneEntryFetcher(payments);
    const offPage = payments.records[40] as { id: number };
    const { rerender } = renderWithProvider(<SessionList selectedSessionId={String(offPage.id)} />, fetcher);
    await waitFor(() => expect(screen.getByRole('dialog')).toHaveAccessibleName(new RegExp(String(offPage.id))));
    rerender(<SessionList selectedSessionId="999999" />);
    await waitFor(() => expect(screen.getByRole('dialog')).toHaveAccessibleName('Payment session not found'));
  });
});

describe('SessionWorkspace with syncWithUrl and ?session=', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('opens the session the URL names, removes the parameter on close, and Back/Forward restore it', async () => {
    const fetcher = createFakeTruemedFetcher({ sessions: 90, seed: 5 });
    const target = fetcher.api.records[70]!;
    window.history.replaceState(null, '', `/portal?tab=payments&session=${target.id}`);
    const user = userEvent.setup();
    renderWithProvider(
      <SessionWorkspace syncWithUrl>
        <SessionList />
      </SessionWorkspace>,
      fetcher,
    );
    await waitFor(() => expect(screen.getByRole('dialog')).toHaveAccessibleName(new RegExp(target.id)));

    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(window.location.search).toBe('?tab=payments');

    const first = fetcher.api.records[0]!;
    await user.click(screen.getByRole('button', { name: `Open session ${first.id}` }));
    expect(new URLSearchParams(window.location.search).get('session')).toBe(first.id);

    await act(async () => {
      window.history.back();
      await new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await act(async () => {
      window.history.back();
      await new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    });
    await waitFor(() => expect(screen.getByRole('dialog')).toHaveAccessibleName(new RegExp(target.id)));
  });
});
