/**
 * Walks every page of one filter through a fetcher, a few pages at a time, and turns the result into CSV.
 * React-free: `useSessionExport` only subscribes to it.
 */
import type { CsvOptions } from '../core/csv';
import { checkCsvOptions } from '../core/csv-options';
import type { PaymentSessionsError } from '../core/errors';
import type { PaymentSession, SessionFetcher, SessionQuery } from '../core/types';
import { toPaymentSessionsError } from './in-flight-requests';

/** Where an export is, as one string (booleans such as "is running" derive from it). */
export type ExportStatus = 'idle' | 'running' | 'done' | 'error' | 'canceled';

/** A snapshot of an export. */
export interface ExportState {
  status: ExportStatus;
  /** Pages fetched so far and pages in all (`undefined` until the first page tells). */
  progress: { done: number; total: number | undefined };
  /** The CSV, once `status` is `done`. */
  csv?: string;
  /** How many sessions (data rows) the CSV holds, once `status` is `done`. */
  rows?: number;
  /** Why the export stopped, when `status` is `error`. */
  error?: PaymentSessionsError;
  /** The first page that failed, when `status` is `error`; `resume()` starts there. */
  failedPage?: number;
}

/** What {@link createExportRun} walks and how. */
export interface ExportRunOptions {
  fetcher: SessionFetcher;
  /** The filter to export (its `page` is ignored) with the page size to walk it by. */
  query: Omit<SessionQuery, 'page'>;
  /** How many pages may be in flight at once (at least 1). */
  concurrency: number;
  /** How to write the CSV (`columns` default to core's `sessionCsvColumns`); read when the run starts. */
  csvOptions: () => CsvOptions<PaymentSession>;
}

/** One export: a small store (`getState`/`subscribe`, for `useSyncExternalStore`) with its controls. */
export interface ExportRun {
  getState: () => ExportState;
  subscribe: (listener: () => void) => () => void;
  /** Starts over from page 1 (aborting a run in progress). Throws at once for a column naming a secret. */
  start: () => void;
  /** After an error or a cancel: fetches only the pages still missing, starting with the failed one. */
  resume: () => void;
  /** Aborts the pages in flight; what was fetched stays for `resume()`. */
  cancel: () => void;
  /** Aborts, for when the export's component goes away; a running export ends as `canceled`, so it can be resumed. */
  dispose: () => void;
}

/** The state before `start()` (also the server snapshot). */
export const IDLE_EXPORT_STATE: ExportState = Object.freeze({ status: 'idle', progress: Object.freeze({ done: 0, total: undefined }) });

/**
 * An export of every page of `query`: page 1 first (it tells how many pages there are), then the rest by
 * `concurrency` workers in page order. A page that reports more pages than known (a backend whose total is
 * only a lower bound) adds them. A failure stops new pages from starting and is reported with the lowest
 * failed page; pages already fetched are kept for `resume()`.
 *
 * Where the fetcher filters by creation date and the query sets no end, the walk is pinned to sessions
 * created up to its start: a payment arriving meanwhile would otherwise push every later page down by one
 * row, and a row would fall between two pages.
 */
/**
 * The CSV writer and its default columns, loaded when a walk has its rows: a page that never exports never
 * downloads them (the options were checked when the walk started).
 */
const loadCsvWriter = () => import('../core/csv');

export function createExportRun({ fetcher, query, concurrency, csvOptions }: ExportRunOptions): ExportRun {
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new RangeError(`The export's concurrency must be a whole number of at least 1, got ${JSON.stringify(concurrency)}.`);
  }
  const listeners = new Set<() => void>();
  const pages = new Map<number, PaymentSession[]>();
  const inFlight = new Set<number>();
  const controllers = new Set<AbortController>();
  let pageCount: number | undefined;
  // Set when a run starts (see above); kept by resume(), so resumed pages line up with the fetched ones.
  let walkedQuery: Omit<SessionQuery, 'page'> = query;
  let state = IDLE_EXPORT_STATE;
  // Each start/resume/cancel opens a new run; anything finishing for an older run is ignored.
  let run = 0;

  const update = (next: Partial<ExportState>) => {
    state = { ...state, ...next, progress: { done: pages.size, total: pageCount } };
    for (const listener of listeners) listener();
  };
  const abortAll = () => {
    for (const controller of controllers) controller.abort();
    controllers.clear();
  };

  const fetchPage = async (page: number): Promise<void> => {
    const controller = new AbortController();
    controllers.add(controller);
    try {
      const result = await fetcher({ ...walkedQuery, page }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      // Every filter has a page 1, even an empty one; a later page may know of more pages.
      pageCount = Math.max(pageCount ?? 1, result.pageCount);
      pages.set(page, result.sessions);
    } catch (error) {
      if (controller.signal.aborted) return;
      throw toPaymentSessionsError(error, controller.signal);
    } finally {
      controllers.delete(controller);
    }
  };

  /** The CSV options, checked now: a column that names a secret or an unknown separator throws at once. */
  const checkedCsvOptions = (): CsvOptions<PaymentSession> => {
    const options = csvOptions();
    checkCsvOptions(options);
    return options;
  };

  const walk = async (options: CsvOptions<PaymentSession>): Promise<void> => {
    const thisRun = ++run;
    const current = () => run === thisRun;
    let failure: { page: number; error: PaymentSessionsError } | undefined;
    const fail = (page: number, error: unknown) => {
      if (!current()) return;
      const reason = toPaymentSessionsError(error);
      if (!failure || page < failure.page) failure = { page, error: reason };
    };
    update({ status: 'running', error: undefined, failedPage: undefined, csv: undefined, rows: undefined });

    // Page 1 alone first: it says how many pages there are.
    if (pageCount === undefined) {
      await fetchPage(1).catch((error: unknown) => fail(1, error));
      if (!current()) return;
      update({});
    }
    if (!failure) {
      // The lowest page neither fetched nor in flight, read afresh each time: the page count may grow.
      const nextPage = (): number | undefined => {
        for (let page = 1; page <= (pageCount ?? 0); page += 1) if (!pages.has(page) && !inFlight.has(page)) return page;
        return undefined;
      };
      const worker = async () => {
        for (let page = nextPage(); page !== undefined && !failure && current(); page = nextPage()) {
          inFlight.add(page);
          await fetchPage(page).catch((error: unknown) => fail(page, error));
          inFlight.delete(page);
          if (current()) update({});
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    }
    if (!current()) return;
    if (failure) {
      update({ status: 'error', error: failure.error, failedPage: failure.page });
      return;
    }
    const sessions = collect();
    let writer: Awaited<ReturnType<typeof loadCsvWriter>>;
    try {
      writer = await loadCsvWriter();
    } catch (error) {
      if (current()) update({ status: 'error', error: toPaymentSessionsError(error) });
      return;
    }
    if (!current()) return;
    const csv = writer.toCsv(sessions, { columns: writer.sessionCsvColumns, ...options });
    update({ status: 'done', csv, rows: sessions.length });
  };

  /** Every session in page order; one that moved across a page boundary while we walked appears once. */
  const collect = (): PaymentSession[] => {
    const seen = new Set<string>();
    const sessions: PaymentSession[] = [];
    for (let page = 1; page <= (pageCount ?? 0); page += 1) {
      for (const session of pages.get(page) ?? []) {
        const id = `${session.source}\u0000${session.id}`;
        if (seen.has(id)) continue;
        seen.add(id);
        sessions.push(session);
      }
    }
    return sessions;
  };

  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => {
      const options = checkedCsvOptions();
      abortAll();
      pages.clear();
      inFlight.clear();
      pageCount = undefined;
      walkedQuery = pinnedToNow(query, fetcher);
      void walk(options);
    },
    resume: () => {
      if (state.status === 'error' || state.status === 'canceled') void walk(checkedCsvOptions());
    },
    cancel: () => {
      if (state.status !== 'running') return;
      run += 1;
      abortAll();
      inFlight.clear();
      update({ status: 'canceled' });
    },
    dispose: () => {
      run += 1;
      abortAll();
      inFlight.clear();
      // A run whose component is only hidden (React's <Activity>) may be shown again: offer Resume then,
      // rather than a progress bar that never moves.
      if (state.status === 'running') update({ status: 'canceled' });
    },
  };
}

/** `query` limited to sessions created up to now, where the fetcher filters by creation date and nothing ends sooner. */
function pinnedToNow(query: Omit<SessionQuery, 'page'>, fetcher: SessionFetcher): Omit<SessionQuery, 'page'> {
  if (!fetcher.capabilities.filters.includes('createdAt')) return query;
  const now = new Date().toISOString();
  if (query.createdTo !== undefined && Date.parse(query.createdTo) <= Date.parse(now)) return query;
  return { ...query, createdTo: now };
}
