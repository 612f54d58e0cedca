import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { CsvColumn, CsvOptions, CsvSeparator } from '../core/csv';
import { effectivePageSize } from '../core/pagination';
import { normalizeQuery, queryKey } from '../core/query';
import type { PaymentSession, SessionQuery } from '../core/types';
import { useRequiredPaymentSessionsConfig } from './context';
import { createExportRun, IDLE_EXPORT_STATE, type ExportState } from './export-run';

/** Options of {@link useSessionExport}. */
export interface UseSessionExportOptions {
  /**
   * The CSV columns, in order: core's `sessionCsvColumns` or your own (a string names a session field).
   * A column whose key or header names a secret (`clientSecret`, API keys…) is refused: `start()` throws.
   * @defaultValue `sessionCsvColumns` (no `raw`, no `metadata`)
   */
  columns?: ReadonlyArray<CsvColumn<PaymentSession> | string>;
  /**
   * The field separator. `;` is what Excel expects in regions whose decimal separator is a comma (de, fr,
   * es, it …); a cell holding any separator is quoted and defused whichever is chosen.
   * @defaultValue ","
   */
  separator?: CsvSeparator;
  /**
   * Start the file with a UTF-8 byte order mark, so Excel reads names and `€` as UTF-8 rather than in the
   * region's legacy code page.
   * @defaultValue false
   */
  bom?: boolean;
  /** Other CSV settings: `newline`, `header` (`separator` and `bom` above win over the same keys here). */
  csv?: Omit<CsvOptions<PaymentSession>, 'columns'>;
  /**
   * How many pages are fetched at once. Small on purpose: an export should not starve the list or hit
   * the backend's rate limit.
   * @defaultValue 2
   */
  concurrency?: number;
  /**
   * Sessions per request, capped by the fetcher's `capabilities.maxPageSize`.
   * @defaultValue 100
   */
  pageSize?: number;
}

/** What {@link useSessionExport} returns: the export's state and its controls. */
export interface UseSessionExportResult extends ExportState {
  /** Fetches every page from the first (starting over if one is running). */
  start: () => void;
  /** Aborts the requests in flight; `resume()` continues later without refetching finished pages. */
  cancel: () => void;
  /** After an error or a cancel: fetches only the missing pages, starting with `failedPage`. */
  resume: () => void;
}

/**
 * Exports every session of the current filter as CSV: walks all pages through the provider's fetcher
 * (directly, not through the SWR cache, so a big export does not flood it), a few at a time, with
 * progress in pages. Cancel aborts the requests in flight. When a page fails, `failedPage` says which and
 * `resume()` carries on from it, keeping the pages already fetched. The CSV comes from core's `toCsv`:
 * formula-safe cells and no secrets. Changing the filter discards the export.
 *
 * @example
 * function ExportLink({ query }: { query: SessionQuery }) {
 *   const exporter = useSessionExport(query, { columns: ['id', 'status', 'createdAt'], separator: ';', bom: true });
 *   const { done, total } = exporter.progress;
 *   if (exporter.status === 'running') return <button onClick={exporter.cancel}>Cancel ({done}/{total ?? '?'})</button>;
 *   if (exporter.status === 'error') return <button onClick={exporter.resume}>Page {exporter.failedPage} failed — resume</button>;
 *   if (exporter.status === 'done') return <a href={URL.createObjectURL(new Blob([exporter.csv!], { type: 'text/csv' }))} download="sessions.csv">Download</a>;
 *   return <button onClick={exporter.start}>Export CSV</button>;
 * }
 */
export function useSessionExport(filter: Partial<SessionQuery>, options: UseSessionExportOptions = {}): UseSessionExportResult {
  const { fetcher } = useRequiredPaymentSessionsConfig('useSessionExport');
  const { concurrency = 2 } = options;
  const pageSize = effectivePageSize(options.pageSize ?? 100, fetcher.capabilities);
  // `filter` may be a whole query: its page is ignored, since exporting "page 3 of refunds" means
  // exporting all refunds.
  const normalized = normalizeQuery({ ...filter, page: 1, pageSize });
  const { page: _page, ...exportQuery } = normalized;
  // Equal keys mean equal queries: a new `filter` object that asks for the same thing keeps the run.
  const exportKey = queryKey(normalized);

  // The CSV options are read when a run starts, so new column arrays each render cost nothing.
  const csvOptions = useRef<CsvOptions<PaymentSession>>({});
  useEffect(() => {
    csvOptions.current = {
      ...options.csv,
      ...(options.columns ? { columns: options.columns } : {}),
      ...(options.separator !== undefined ? { separator: options.separator } : {}),
      ...(options.bom !== undefined ? { bom: options.bom } : {}),
    };
  });

  const run = useMemo(
    () => createExportRun({ fetcher, query: exportQuery, concurrency, csvOptions: () => csvOptions.current }),
    // `exportKey` stands for `exportQuery` (see above).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fetcher, exportKey, concurrency],
  );
  useEffect(() => run.dispose, [run]);

  const state = useSyncExternalStore(run.subscribe, run.getState, () => IDLE_EXPORT_STATE);
  return { ...state, start: run.start, cancel: run.cancel, resume: run.resume };
}
