/**
 * A controllable in-memory SessionFetcher for hook tests: it records every call (query and signal), answers
 * from a deterministic dataset after a delay driven by (fake) timers, and lets a test hold, resolve or
 * reject any single call by hand.
 */
import type { FetcherCapabilities, PaymentSession, SessionFetcher, SessionPage, SessionQuery, SessionStatus } from 'react-payment-sessions/headless';

/** One recorded call. */
export interface FakeCall {
  query: SessionQuery;
  signal: AbortSignal;
  /** Answers now with `page` (default: the dataset's page for the query), if not settled yet. */
  resolve: (page?: SessionPage) => void;
  /** Fails now with `error`, if not settled yet. */
  reject: (error: unknown) => void;
  /** Whether the call has answered (or was aborted) already. */
  readonly settled: boolean;
}

export interface FakeFetcherOptions {
  /** The dataset. @defaultValue `makeSessions(95)` */
  sessions?: PaymentSession[];
  /** Milliseconds before an automatic answer; a function gets the query and the call's index. @defaultValue 10 */
  delayMs?: number | ((query: SessionQuery, callIndex: number) => number);
  /** Never answer by itself: the test calls `calls[i].resolve()` / `.reject()`. @defaultValue false */
  manual?: boolean;
  /** Keep going after the signal aborts (a backend that ignores cancellation). @defaultValue false */
  ignoreAbort?: boolean;
  source?: string;
  capabilities?: Partial<FetcherCapabilities>;
}

export interface FakeFetcher extends SessionFetcher {
  readonly calls: FakeCall[];
  /** When set and returning something for a query, that call fails with it instead of answering. */
  failure: ((query: SessionQuery, callIndex: number) => unknown) | undefined;
  /** The page the dataset gives for a query (what an automatic answer contains). */
  pageFor: (query: SessionQuery) => SessionPage;
  /** Calls whose query has this page number. */
  callsForPage: (page: number) => FakeCall[];
}

const STATUSES: SessionStatus[] = ['captured', 'refunded', 'partially_refunded', 'authorized', 'pending', 'voided'];

/** `count` sessions, newest first, ids `ps_0001`…; mostly USD with every fifth in EUR. */
export function makeSessions(count: number, source = 'fake'): PaymentSession[] {
  const newest = Date.parse('2024-06-30T12:00:00Z');
  return Array.from({ length: count }, (_, index): PaymentSession => {
    const n = index + 1;
    const currency = n % 5 === 0 ? 'EUR' : 'USD';
    const status = STATUSES[index % STATUSES.length] ?? 'unknown';
    const amountMinor = 1000 + n * 100;
    return {
      id: `ps_${String(n).padStart(4, '0')}`,
      source,
      status,
      rawStatus: status,
      kind: n % 2 === 0 ? 'authorization' : 'one_time_payment',
      createdAt: new Date(newest - index * 6 * 3600_000).toISOString(),
      amount: { amountMinor, currency },
      customer: { name: `Customer ${n}`, email: `customer${n}@example.com` },
      items: [],
      refunds: [],
      disputes: [],
      raw: { id: `ps_${n}` },
    };
  });
}

function matches(session: PaymentSession, query: SessionQuery): boolean {
  if (query.search) {
    const needle = query.search.toLowerCase();
    const haystack = [session.id, session.customer?.name, session.customer?.email].join(' ').toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  if (query.status && !query.status.includes(session.status)) return false;
  if (query.kind && !query.kind.includes(session.kind ?? '')) return false;
  const created = session.createdAt ? Date.parse(session.createdAt) : NaN;
  if (query.createdFrom && !(created >= Date.parse(query.createdFrom))) return false;
  if (query.createdTo && !(created <= Date.parse(query.createdTo))) return false;
  return true;
}

function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

export function createFakeFetcher(options: FakeFetcherOptions = {}): FakeFetcher {
  const sessions = options.sessions ?? makeSessions(95);
  const calls: FakeCall[] = [];

  const pageFor = (query: SessionQuery): SessionPage => {
    const matching = sessions.filter((s) => matches(s, query));
    const start = (query.page - 1) * query.pageSize;
    return {
      sessions: matching.slice(start, start + query.pageSize),
      total: matching.length,
      page: query.page,
      pageSize: query.pageSize,
      pageCount: Math.ceil(matching.length / query.pageSize),
    };
  };

  const fetcher = ((query: SessionQuery, { signal }: { signal: AbortSignal }) => {
    const callIndex = calls.length;
    return new Promise<SessionPage>((resolvePromise, rejectPromise) => {
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        action();
      };
      const call: FakeCall = {
        query,
        signal,
        resolve: (page) => settle(() => resolvePromise(page ?? pageFor(query))),
        reject: (error) => settle(() => rejectPromise(error)),
        get settled() {
          return settled;
        },
      };
      calls.push(call);
      if (!options.ignoreAbort) signal.addEventListener('abort', () => call.reject(abortError()), { once: true });
      if (options.manual) return;
      const delay = typeof options.delayMs === 'function' ? options.delayMs(query, callIndex) : (options.delayMs ?? 10);
      setTimeout(() => {
        if (settled) return;
        const failure = fake.failure?.(query, callIndex);
        if (failure !== undefined) call.reject(failure);
        else call.resolve();
      }, delay);
    });
  }) as FakeFetcher;

  const fake = Object.assign(fetcher, {
    source: options.source ?? 'fake',
    capabilities: { search: true, filters: ['status', 'kind', 'createdAt'], maxPageSize: 100, ...options.capabilities },
    calls,
    failure: undefined,
    pageFor,
    callsForPage: (page: number) => calls.filter((call) => call.query.page === page),
  }) as FakeFetcher;
  return fake;
}
