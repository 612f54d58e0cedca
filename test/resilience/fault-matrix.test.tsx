/**
 * A fault matrix over real HTTP on 127.0.0.1. The workspace a host builds (SessionFilters, SessionList and
 * Pagination in a SessionWorkspace) lists from the fake Truemed API — directly, or through
 * `createTruemedProxy` served with `toNodeHandler` (the production set-up, and the only place a timeout
 * exists: the browser fetcher has none). For every fault: load good data, filter by status, go to page 2,
 * inject the fault and refresh (as a host does after a refund); the list must say what went wrong in
 * words (kind-specific where the library has a message), keep the filter, the page and the last good rows,
 * and recover with Retry once the fault is gone — with fresh rows, not the cached ones.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { SWRConfig, useSWRConfig } from 'swr';
import {
  Pagination,
  PaymentSessionsProvider,
  SessionFilters,
  SessionList,
  SessionWorkspace,
  createTruemedFetcher,
  isPaymentSessionsCacheKey,
  type PaymentSessionsSWROptions,
  type SessionFetcher,
  type SessionWorkspaceProps,
  type TruemedPaymentSessionWire,
} from 'react-payment-sessions';
import { createTruemedProxy, toNodeHandler } from 'react-payment-sessions/server';
import {
  FAKE_TRUEMED_API_KEY,
  createFakeTruemedApi,
  type FakeTruemedApi,
  type FakeTruemedFailure,
  type FetchServer,
} from 'react-payment-sessions/testing';

const PAGE_SIZE = 30;
/**
 * The proxy's budget for Truemed's whole answer; the "timeout" fault makes the fake slower than this. Far
 * above a loaded CI machine's local round trip (at 250 ms a plain 500 sometimes became a 504 there).
 */
const PROXY_TIMEOUT_MS = 1_000;
const FILTER_STATUS = 'captured';
const FILTER_LABEL = 'Captured';

let api: FakeTruemedApi;
let truemed: FetchServer;
let truemedPort: number;
let proxyServer: Server;
let proxyUrl: string;
/** What the host's own access check says (the proxy's `authorize`). */
let signedIn = true;
/** Added to every answer of the fake (the timeout fault). */
let extraLatencyMs = 0;
/** Per-request delay of the fake, by URL (the out-of-order tests). */
let latencyFor: (url: URL, request: Request) => number = () => 0;

/**
 * The browser fetcher cannot hold the API key (it throws if given one), and the fake wants it: in the
 * direct set-up this wrapper adds it, standing in for the host's proxy. The HTTP itself is real.
 */
const withServerKey: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('x-truemed-api-key', FAKE_TRUEMED_API_KEY);
  return fetch(input, { ...init, headers });
};

beforeAll(async () => {
  api = createFakeTruemedApi({ sessions: 240, seed: 11, latencyMs: (request) => extraLatencyMs + latencyFor(new URL(request.url), request) });
  truemed = await api.listen();
  truemedPort = Number(new URL(truemed.url).port);
  const proxy = createTruemedProxy({
    apiKey: FAKE_TRUEMED_API_KEY,
    baseUrl: truemed.url,
    authorize: () => signedIn,
    timeoutMs: PROXY_TIMEOUT_MS,
  });
  proxyServer = createServer(toNodeHandler(proxy));
  await new Promise<void>((resolve) => proxyServer.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await truemed.close();
  await new Promise<void>((resolve) => {
    proxyServer.close(() => resolve());
    proxyServer.closeAllConnections();
  });
});

/** Undo the test's edits of the fake's records, even when it failed half-way. */
const restores: Array<() => void> = [];

afterEach(() => {
  api.setFailure(null);
  extraLatencyMs = 0;
  latencyFor = () => 0;
  signedIn = true;
  window.history.replaceState(null, '', '/');
  for (const restore of restores.splice(0)) restore();
});

/** The records of page `page` of the filtered list, as the fake serves them. */
function expectedRecords(page: number): TruemedPaymentSessionWire[] {
  return api.records.filter((record) => record.status === FILTER_STATUS).slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
}

/** What a host's own "Refresh" does after a refund: revalidate every payment-sessions list on the page. */
function RefreshButton() {
  const { mutate } = useSWRConfig();
  return (
    <button type="button" onClick={() => void mutate(isPaymentSessionsCacheKey)}>
      Refresh
    </button>
  );
}

/** By default without automatic error retries: each fault must stay until the test clears it. */
function renderWorkspace(
  fetcher: SessionFetcher,
  swr: PaymentSessionsSWROptions = { shouldRetryOnError: false },
  workspace: Omit<SessionWorkspaceProps, 'children'> = {},
) {
  const cache = new Map();
  render(
    <SWRConfig value={{ provider: () => cache, dedupingInterval: 0 }}>
      <PaymentSessionsProvider fetcher={fetcher} locale="en-US" timeZone="UTC" swr={swr}>
        <SessionWorkspace {...workspace}>
          <SessionFilters />
          <RefreshButton />
          <SessionList />
          <Pagination />
        </SessionWorkspace>
      </PaymentSessionsProvider>
    </SWRConfig>,
  );
}

const listRoot = () => document.querySelector<HTMLElement>('.rps-session-list') as HTMLElement;
const shownIds = () => [...listRoot().querySelectorAll('tbody .rps-session-list__id')].map((cell) => cell.textContent);
const statusBox = () => within(screen.getByRole('group', { name: 'Status' })).getByRole('checkbox', { name: FILTER_LABEL });
const nav = () => screen.getByRole('navigation', { name: 'Pagination' });
const currentPage = () => within(nav()).getByRole('button', { current: 'page' });
const pageTwoRequests = () => api.requests.filter((request) => /[?&]page=2(&|$)/.test(request.url) && request.url.includes(`status=${FILTER_STATUS}`));

async function waitForRows(ids: string[]) {
  await waitFor(
    () => {
      expect(listRoot()).toHaveAttribute('data-state', 'ready');
      expect(shownIds()).toEqual(ids);
    },
    { timeout: 3_000 },
  );
}

/** Good data, the status filter on, page 2 shown: the view a fault must not take away. */
async function openFilteredPageTwo(user: UserEvent) {
  await waitFor(() => expect(listRoot()).toHaveAttribute('data-state', 'ready'), { timeout: 3_000 });
  await user.click(statusBox());
  await waitForRows(expectedRecords(1).map((record) => record.id));
  await user.click(within(nav()).getByRole('button', { name: 'Page 2' }));
  await waitForRows(expectedRecords(2).map((record) => record.id));
}

interface Fault {
  name: string;
  via: 'direct' | 'proxy';
  inject: () => void | Promise<void>;
  clear?: () => void | Promise<void>;
  /** The list's alert must say this (after "Payment sessions could not be loaded"). */
  message: RegExp;
}

const failWith = (failure: FakeTruemedFailure) => () => api.setFailure(failure);
const json = (error: string, message: string) => ({ error, message });

const faults: Fault[] = [
  {
    name: '400 with Truemed’s { error, message }',
    via: 'direct',
    inject: failWith({ status: 400, body: json('MissingField', 'page_size must be a number.') }),
    message: /^Truemed could not list payment sessions \(HTTP 400\): page_size must be a number\. \(MissingField\)$/,
  },
  {
    name: '401 (auth: named as refused access)',
    via: 'direct',
    inject: failWith({ status: 401, body: json('Unauthorized', 'Invalid API key.') }),
    message: /^Access to payment sessions was refused \(HTTP 401\): Invalid API key\. \(Unauthorized\)$/,
  },
  {
    name: '403',
    via: 'direct',
    inject: failWith({ status: 403, body: json('Forbidden', 'This sales channel cannot list sessions.') }),
    message: /^Access to payment sessions was refused \(HTTP 403\): This sales channel cannot list sessions\. \(Forbidden\)$/,
  },
  {
    name: '404',
    via: 'direct',
    inject: failWith({ status: 404, body: json('NotFound', 'No route for /payments/v1/payment_sessions.') }),
    message: /^Truemed could not list payment sessions \(HTTP 404\): No route for \/payments\/v1\/payment_sessions\. \(NotFound\)$/,
  },
  {
    name: '429 with Retry-After (says how long to wait)',
    via: 'direct',
    inject: failWith({ status: 429, headers: { 'retry-after': '7' }, body: json('RateLimited', 'Slow down.') }),
    message: /^Truemed is rate limiting requests \(HTTP 429\): Slow down\. \(RateLimited\) Try again in 7 s\.$/,
  },
  {
    name: '500',
    via: 'direct',
    inject: failWith({ status: 500, body: json('InternalError', 'Something broke.') }),
    message: /^Truemed could not list payment sessions \(HTTP 500\): Something broke\. \(InternalError\)$/,
  },
  {
    name: '502 with a gateway’s HTML page (no HTML in the message)',
    via: 'direct',
    inject: failWith({ status: 502, rawBody: '<!doctype html><html><body><h1>502 Bad Gateway</h1><script>x()</script></body></html>' }),
    message: /^Truemed could not list payment sessions \(HTTP 502\)\.$/,
  },
  {
    name: '504 with an empty body',
    via: 'direct',
    inject: failWith({ status: 504, rawBody: '' }),
    message: /^Truemed could not list payment sessions \(HTTP 504\)\.$/,
  },
  {
    name: 'connection refused (the server is down)',
    via: 'direct',
    inject: () => truemed.close(),
    clear: async () => {
      truemed = await api.listen(truemedPort);
    },
    message: /^Could not reach http:\/\/127\.0\.0\.1:\d+\/payments\/v1\/payment_sessions\. Check the connection and try again\.$/,
  },
  {
    name: 'the connection drops without an answer',
    via: 'direct',
    inject: failWith({ kind: 'network' }),
    message: /^Could not reach http:\/\/127\.0\.0\.1:\d+\/payments\/v1\/payment_sessions\. Check the connection and try again\.$/,
  },
  {
    name: 'malformed JSON in a 200',
    via: 'direct',
    inject: failWith({ status: 200, rawBody: '{"payment_sessions": [{"id": "ps_1",' }),
    message: /^Truemed answered with a body that is not JSON, so no payment sessions could be read\.$/,
  },
  {
    name: 'an HTML page in a 200 (a login page in front of the API)',
    via: 'direct',
    inject: failWith({ status: 200, rawBody: '<html><body><form action="/login"><input name="password"></form></body></html>' }),
    message: /^Truemed answered with a body that is not JSON, so no payment sessions could be read\.$/,
  },
  {
    name: 'an empty 200',
    via: 'direct',
    inject: failWith({ status: 200, rawBody: '' }),
    message: /^Truemed answered with a body that is not JSON, so no payment sessions could be read\.$/,
  },
  {
    name: 'JSON of the wrong shape in a 200',
    via: 'direct',
    inject: failWith({ status: 200, body: { sessions: [], next: null } }),
    message: /^Truemed answered with an unexpected response \(payment_sessions: missing\)\.$/,
  },
  {
    name: 'timeout: Truemed slower than the proxy’s timeoutMs (504 from the proxy)',
    via: 'proxy',
    inject: () => {
      extraLatencyMs = PROXY_TIMEOUT_MS * 2;
    },
    message:
      /^Truemed could not list payment sessions \(HTTP 504\): The payment provider took too long to answer\. Try again shortly\. \(UpstreamTimeout\)$/,
  },
  {
    name: 'Truemed down behind the proxy (502 UpstreamUnavailable)',
    via: 'proxy',
    inject: () => truemed.close(),
    clear: async () => {
      truemed = await api.listen(truemedPort);
    },
    message:
      /^Truemed could not list payment sessions \(HTTP 502\): The payment provider could not be reached\. Try again shortly\. \(UpstreamUnavailable\)$/,
  },
  {
    name: 'the portal’s sign-in expired: the proxy’s authorize() says no (401, not blamed on Truemed)',
    via: 'proxy',
    inject: () => {
      signedIn = false;
    },
    clear: () => {
      signedIn = true;
    },
    message: /^Access to payment sessions was refused \(HTTP 401\): Sign in with an account allowed to view payment sessions\. \(Unauthorized\)$/,
  },
  {
    name: 'Truemed refuses the server’s key behind the proxy (502, not a sign-in problem)',
    via: 'proxy',
    inject: failWith({ status: 401, body: json('Unauthorized', 'Invalid API key.') }),
    message: /^Truemed could not list payment sessions \(HTTP 502\): The payment provider refused this server’s credentials\. \(UpstreamAuthFailed\)$/,
  },
  {
    name: 'Truemed 500 behind the proxy',
    via: 'proxy',
    inject: failWith({ status: 500, body: json('InternalError', 'stack trace at line 1') }),
    message: /^Truemed could not list payment sessions \(HTTP 502\): The payment provider failed to answer\. Try again shortly\. \(UpstreamError\)$/,
  },
  {
    name: 'Truemed 429 behind the proxy (Retry-After passed on)',
    via: 'proxy',
    inject: failWith({ status: 429, headers: { 'retry-after': '12' }, body: json('RateLimited', 'Slow down.') }),
    message: /^Truemed is rate limiting requests \(HTTP 429\): Slow down\. \(RateLimited\) Try again in 12 s\.$/,
  },
];

describe.each(faults)('fault: $name ($via)', ({ via, inject, clear, message }) => {
  it('shows a readable error with Retry, keeps the filter, the page and the last good rows, and recovers', async () => {
    const user = userEvent.setup({ delay: null });
    const fetcher =
      via === 'direct' ? createTruemedFetcher({ baseUrl: truemed.url, fetch: withServerKey }) : createTruemedFetcher({ baseUrl: proxyUrl });
    renderWorkspace(fetcher);
    await openFilteredPageTwo(user);
    const goodIds = expectedRecords(2).map((record) => record.id);
    const range = within(nav()).getByText(/^31–60 of \d+$/).textContent;

    // Changed upstream while the fault is on: only a real refetch after Retry can show it.
    const changed = expectedRecords(2)[0] as TruemedPaymentSessionWire;
    const oldName = changed.customer_name;
    const freshName = `Fresh Name ${via}`;
    restores.push(() => {
      changed.customer_name = oldName;
    });

    await inject();
    changed.customer_name = freshName;
    const requestsBefore = pageTwoRequests().length;
    await user.click(screen.getByRole('button', { name: 'Refresh' }));

    const alert = await within(listRoot()).findByRole('alert', {}, { timeout: 3_000 });
    expect(within(alert).getByText('Payment sessions could not be loaded')).toBeVisible();
    expect(alert.querySelector('.rps-session-list__error-message')?.textContent).toMatch(message);
    expect(listRoot()).toHaveAttribute('data-state', 'error');
    // Everything the user had is still there.
    expect(statusBox()).toBeChecked();
    expect(currentPage()).toHaveAccessibleName('Page 2');
    expect(within(nav()).getByText(/^31–60 of \d+$/).textContent).toBe(range);
    expect(shownIds()).toEqual(goodIds);
    expect(listRoot().textContent).toContain(oldName);
    expect(listRoot().textContent).not.toContain(freshName);
    if (via === 'direct' && !/Could not reach/.test(message.source)) expect(pageTwoRequests().length).toBeGreaterThan(requestsBefore);

    api.setFailure(null);
    extraLatencyMs = 0;
    await clear?.();
    const requestsBeforeRetry = pageTwoRequests().length;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));

    await waitFor(
      () => {
        expect(within(listRoot()).queryByRole('alert')).toBeNull();
        expect(listRoot()).toHaveAttribute('data-state', 'ready');
        expect(listRoot().textContent).toContain(freshName);
      },
      { timeout: 3_000 },
    );
    expect(pageTwoRequests().length).toBeGreaterThan(requestsBeforeRetry);
    expect(shownIds()).toEqual(goodIds);
    expect(statusBox()).toBeChecked();
    expect(currentPage()).toHaveAccessibleName('Page 2');
  });
});

describe.each(faults.filter((fault) => /^(401 |500|the connection drops|malformed JSON|timeout)/.test(fault.name)))(
  'fault on a page not loaded yet: $name ($via)',
  ({ via, inject, clear, message }) => {
    it('keeps the filter, asks for the new page, shows the last good rows as stale, and Retry loads the page', async () => {
      const user = userEvent.setup({ delay: null });
      const fetcher =
        via === 'direct' ? createTruemedFetcher({ baseUrl: truemed.url, fetch: withServerKey }) : createTruemedFetcher({ baseUrl: proxyUrl });
      renderWorkspace(fetcher);
      await openFilteredPageTwo(user);
      const pageTwo = expectedRecords(2).map((record) => record.id);

      // The last page: never prefetched from page 2, so opening it needs a request.
      await inject();
      await user.click(within(nav()).getByRole('button', { name: 'Last page' }));
      const alert = await within(listRoot()).findByRole('alert', {}, { timeout: 3_000 });
      expect(alert.querySelector('.rps-session-list__error-message')?.textContent).toMatch(message);
      expect(statusBox()).toBeChecked();
      expect(currentPage()).toHaveAccessibleName('Page 5');
      // The rows are page 2's, marked stale: what the user saw last, not an empty table.
      expect(shownIds()).toEqual(pageTwo);
      expect(listRoot()).toHaveAttribute('data-stale', 'true');

      api.setFailure(null);
      extraLatencyMs = 0;
      await clear?.();
      await user.click(within(alert).getByRole('button', { name: 'Retry' }));
      await waitForRows(expectedRecords(5).map((record) => record.id));
      expect(within(listRoot()).queryByRole('alert')).toBeNull();
      expect(listRoot()).not.toHaveAttribute('data-stale');
      expect(currentPage()).toHaveAccessibleName('Page 5');
      expect(statusBox()).toBeChecked();
    });
  },
);

/** Like {@link withServerKey}, but never passes the AbortSignal on (some fetch polyfills ignore it): a
 *  superseded request then really answers, late. Records when each answer arrived. */
function ignoringAbort(arrivals: Array<{ url: string; at: number }>): typeof fetch {
  return async (input, init) => {
    const { signal: _dropped, ...rest } = init ?? {};
    const response = await withServerKey(input, rest);
    arrivals.push({ url: String(input), at: performance.now() });
    return response;
  };
}

describe.each([
  ['a fetch that honours AbortSignal', false],
  ['a fetch that ignores AbortSignal (the old answer really arrives)', true],
])('slow-then-fast, out of order, with %s', (_label, ignoresAbort) => {
  it('never shows the older query’s answer that arrives after the newer one', async () => {
    const SLOW_MS = 600;
    const user = userEvent.setup({ delay: null });
    const arrivals: Array<{ url: string; at: number }> = [];
    const fetcher = createTruemedFetcher({ baseUrl: truemed.url, fetch: ignoresAbort ? ignoringAbort(arrivals) : withServerKey });
    renderWorkspace(fetcher);
    await waitFor(() => expect(listRoot()).toHaveAttribute('data-state', 'ready'), { timeout: 3_000 });

    // Query A (status=pending) is slow; query B (pending or captured) answers at once.
    const slowRequests: Request[] = [];
    latencyFor = (url, request) => {
      if (url.searchParams.get('status') !== 'pending') return 0;
      slowRequests.push(request);
      return SLOW_MS;
    };
    const pending = within(screen.getByRole('group', { name: 'Status' })).getByRole('checkbox', { name: 'Pending' });
    await user.click(pending);
    await waitFor(() => expect(api.requests.some((request) => new URL(request.url).searchParams.get('status') === 'pending')).toBe(true));
    await user.click(statusBox());

    const newer = api.records.filter((record) => record.status === 'pending' || record.status === 'captured').slice(0, PAGE_SIZE);
    const older = api.records.filter((record) => record.status === 'pending').slice(0, PAGE_SIZE);
    expect(newer.map((record) => record.id)).not.toEqual(older.map((record) => record.id));
    await waitForRows(newer.map((record) => record.id));
    const newerShownAt = performance.now();

    // Past A's latency: whatever A did, B's rows stay.
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS + 200));
    expect(shownIds()).toEqual(newer.map((record) => record.id));
    expect(listRoot()).toHaveAttribute('data-state', 'ready');
    expect(listRoot()).not.toHaveAttribute('data-stale');
    expect(within(listRoot()).queryByRole('alert')).toBeNull();
    expect(pending).toBeChecked();
    expect(statusBox()).toBeChecked();
    // Over the wire: a fetch that honours the signal hung up on the server, one that ignores it did not.
    expect(slowRequests).toHaveLength(1);
    expect(slowRequests[0]?.signal.aborted).toBe(!ignoresAbort);
    if (ignoresAbort) {
      // The race really happened: A's answer reached the fetcher after B's rows were on screen.
      const lateA = arrivals.find((arrival) => new URL(arrival.url).searchParams.get('status') === 'pending');
      expect(lateA?.at).toBeGreaterThan(newerShownAt);
    }
  });
});

describe('automatic retries (the library’s SWR defaults) against the real stack', () => {
  it('retries a 429 by itself, but not before its Retry-After, and then shows the rows', async () => {
    api.setFailure({ status: 429, headers: { 'retry-after': '1' }, body: json('RateLimited', 'Slow down.') });
    // A 20 ms back-off: without Retry-After the first automatic retry would come within 60 ms.
    renderWorkspace(createTruemedFetcher({ baseUrl: truemed.url, fetch: withServerKey }), { errorRetryInterval: 20 });
    const alert = await within(listRoot()).findByRole('alert', {}, { timeout: 3_000 });
    const failedAt = performance.now();
    expect(alert.querySelector('.rps-session-list__error-message')?.textContent).toMatch(/\(HTTP 429\).*Try again in 1 s\.$/);
    const requestsAtFailure = api.requests.length;
    api.setFailure(null);

    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(api.requests.length).toBe(requestsAtFailure);
    await waitFor(() => expect(listRoot()).toHaveAttribute('data-state', 'ready'), { timeout: 3_000 });
    expect(performance.now() - failedAt).toBeGreaterThanOrEqual(900);
    expect(api.requests.length).toBe(requestsAtFailure + 1);
    expect(shownIds()).toEqual(api.records.slice(0, PAGE_SIZE).map((record) => record.id));
  });
});

describe('slow-then-fast on the same query (a refresh superseded by a newer refresh)', () => {
  it('shows the answer of the refresh asked for last, even when the older answer arrives after it', async () => {
    const HOLD_MS = 600;
    let holdNext = 0;
    // Delivers the next answer late (it was read from the server at once, before the change below).
    const delaying: typeof fetch = async (input, init) => {
      const hold = holdNext;
      holdNext = 0;
      const response = await withServerKey(input, init);
      const body = await response.text();
      if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const user = userEvent.setup({ delay: null });
    renderWorkspace(createTruemedFetcher({ baseUrl: truemed.url, fetch: delaying }));
    await waitForRows(api.records.slice(0, PAGE_SIZE).map((record) => record.id));
    const changed = api.records[0] as TruemedPaymentSessionWire;
    const before = changed.customer_name;
    restores.push(() => {
      changed.customer_name = before;
    });

    holdNext = HOLD_MS;
    const requestsBefore = api.requests.length;
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(api.requests.length).toBe(requestsBefore + 1));
    // The older refresh has its (old) answer; now the data changes (a refund) and the host refreshes again.
    changed.customer_name = 'After the refund';
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(listRoot().textContent).toContain('After the refund'), { timeout: 3_000 });
    expect(api.requests.length).toBe(requestsBefore + 2);

    await new Promise((resolve) => setTimeout(resolve, HOLD_MS + 200));
    const firstRow = listRoot().querySelector('tbody tr') as HTMLElement;
    expect(within(firstRow).getByText('After the refund')).toBeVisible();
    expect(firstRow.textContent).not.toContain(before);
    expect(listRoot()).toHaveAttribute('data-state', 'ready');
  });
});

describe('a fault with the filters in the URL (syncWithUrl)', () => {
  it('leaves the query string alone while the error shows, and Retry keeps it', async () => {
    const user = userEvent.setup({ delay: null });
    renderWorkspace(createTruemedFetcher({ baseUrl: truemed.url, fetch: withServerKey }), undefined, { syncWithUrl: true });
    await openFilteredPageTwo(user);
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('page')).toBe('2'));
    const search = window.location.search;
    expect(new URLSearchParams(search).get('status')).toBe(FILTER_STATUS);
    const historyLength = window.history.length;

    api.setFailure({ status: 500, body: json('InternalError', 'Something broke.') });
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const alert = await within(listRoot()).findByRole('alert', {}, { timeout: 3_000 });
    expect(window.location.search).toBe(search);
    expect(window.history.length).toBe(historyLength);

    api.setFailure(null);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(listRoot()).queryByRole('alert')).toBeNull(), { timeout: 3_000 });
    expect(window.location.search).toBe(search);
    expect(shownIds()).toEqual(expectedRecords(2).map((record) => record.id));
  });
});
