import { useEffect, useId, useRef, useState } from 'react';
import { instantToDay } from '../core/date-range';
import type { SessionQuery } from '../core/types';
import { usePaymentSessionsConfig } from '../hooks/context';
import { useSessionExport, type UseSessionExportOptions } from '../hooks/use-session-export';
import type { UseSessionFiltersResult } from '../hooks/use-session-filters';
import { isValidTimeZone, useFormatters } from './format';
import { cx, ThemeScope, useThemeRoot, type ClassNames, type ThemeProps } from './theme';
import { useResolvedQuery } from './workspace';

/** The parts of `ExportButton` that take a class name. */
export type ExportButtonPart =
  | 'root'
  | 'button'
  | 'progress'
  | 'progressText'
  | 'cancel'
  | 'download'
  | 'status'
  | 'error'
  | 'resume';

/** What `onExport` receives beside the CSV. */
export interface ExportInfo {
  /** Data rows in the CSV (the header not counted). */
  rows: number;
  /** The file name the download uses. */
  fileName: string;
}

/** Props of {@link ExportButton}. */
export interface ExportButtonProps extends ThemeProps, Pick<UseSessionExportOptions, 'columns' | 'separator' | 'bom' | 'csv' | 'concurrency' | 'pageSize'> {
  /**
   * The filter to export — every page of it (its page and page size are ignored).
   * @defaultValue `filters.query`, else the surrounding `SessionWorkspace`'s query
   */
  query?: Partial<SessionQuery>;
  /** The filter state whose filter to export (instead of the workspace's). */
  filters?: UseSessionFiltersResult;
  /**
   * The download's file name. @defaultValue `payment-sessions-YYYY-MM-DD.csv`, today in the provider's time zone
   */
  fileName?: string;
  /**
   * Start the download by itself when the export finishes (a "Download CSV" link stays either way).
   * Needs `URL.createObjectURL`; where it is missing (jsdom, some webviews) only the link is offered.
   * @defaultValue true
   */
  autoDownload?: boolean;
  /** Called once per finished export with the CSV, e.g. to upload it or to assert on it in tests. */
  onExport?: (csv: string, info: ExportInfo) => void;
  className?: string;
  /** A class per part, after its stable `rps-export-button__*` class. */
  classNames?: ClassNames<ExportButtonPart>;
}

/** What the component shows: the export's status, with an error the user dismissed shown as canceled. */
type View = 'idle' | 'running' | 'done' | 'error' | 'canceled';

/** How long the auto-download's object URL lives: long enough for any browser to have read the file. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

/**
 * Exports every session of the current filter as a CSV (formula-safe, no secrets): a button, then a
 * progress bar with the percentage and pages done and a Cancel button, then an automatic download plus a
 * "Download CSV" link. A failed page stops the export with Resume (which fetches only the missing pages)
 * and Cancel. Exports the filter of the surrounding `SessionWorkspace`, or of a `query`/`filters` prop.
 * Must be inside a `PaymentSessionsProvider` (it fetches through the provider's fetcher).
 *
 * @example
 * <SessionWorkspace>
 *   <SessionFilters />
 *   <ExportButton columns={['id', 'status', 'createdAt']} onExport={(csv, { rows }) => audit(rows)} />
 *   <ExportButton separator=";" bom /> // for Excel in regions that use a decimal comma
 * </SessionWorkspace>
 */
export function ExportButton(props: ExportButtonProps) {
  const { className, classNames, columns, separator, bom, csv: csvOptions, concurrency, pageSize, autoDownload = true } = props;
  const root = useThemeRoot(props);
  const messages = root.messages;
  const formatters = useFormatters();
  const config = usePaymentSessionsConfig();
  // The export walks the whole filter: the list's page and page size are not part of it.
  const { page: _page, pageSize: _listPageSize, ...filter } = useResolvedQuery(props);
  const exporter = useSessionExport(filter, { columns, separator, bom, csv: csvOptions, concurrency, pageSize });

  const [dismissedError, setDismissedError] = useState<unknown>(undefined);
  const view: View = exporter.status === 'error' && exporter.error === dismissedError ? 'canceled' : exporter.status;
  const { done, total } = exporter.progress;
  const finishedCsv = exporter.status === 'done' ? exporter.csv : undefined;
  const rows = exporter.status === 'done' ? (exporter.rows ?? 0) : 0;
  const fileName = props.fileName ?? defaultFileName(config?.timeZone);

  // The download link of the finished export; the object URL is revoked when the export is left behind.
  const [link, setLink] = useState<{ csv: string; href: string } | null>(null);
  const latest = useRef({ onExport: props.onExport, autoDownload, fileName, rows });
  useEffect(() => {
    latest.current = { onExport: props.onExport, autoDownload, fileName, rows };
  });
  // Each start/resume is one run; a finished run is handed to `onExport` and downloaded once, even when
  // two runs produce the same CSV, and not again when the effect re-runs (Strict Mode).
  const run = useRef(0);
  const handledRun = useRef(0);
  useEffect(() => {
    if (finishedCsv === undefined) return;
    const objectUrl = createObjectUrl(finishedCsv);
    const href = objectUrl ?? `data:text/csv;charset=utf-8,${encodeURIComponent(finishedCsv)}`;
    setLink({ csv: finishedCsv, href });
    if (handledRun.current !== run.current) {
      handledRun.current = run.current;
      const { onExport, autoDownload: download, fileName: name, rows: count } = latest.current;
      onExport?.(finishedCsv, { rows: count, fileName: name });
      if (download && objectUrl) {
        // Its own URL, revoked well after the browser has taken the file: the link's URL may be revoked at
        // once (Strict Mode runs this effect twice), which some browsers do not survive mid-download.
        const downloadUrl = createObjectUrl(finishedCsv) ?? objectUrl;
        clickDownload(downloadUrl, name);
        if (downloadUrl !== objectUrl) setTimeout(() => URL.revokeObjectURL(downloadUrl), DOWNLOAD_URL_LIFETIME_MS);
      }
    }
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [finishedCsv]);

  // When the control that had focus goes away (Export → Cancel → Download), focus the new state's main
  // control, unless the user has moved on to something else on the page.
  // The main control may appear a render later (the download link waits for its URL), so the move is
  // remembered until there is something to focus.
  const rootRef = useRef<HTMLDivElement>(null);
  const previousView = useRef(view);
  const focusPending = useRef(false);
  useEffect(() => {
    const element = rootRef.current;
    if (!element) return;
    if (previousView.current !== view) {
      previousView.current = view;
      const active = element.ownerDocument.activeElement;
      focusPending.current = !active || active === element.ownerDocument.body || element.contains(active);
    }
    if (!focusPending.current) return;
    const target = element.querySelector<HTMLElement>('[data-primary]');
    if (target) {
      target.focus();
      focusPending.current = false;
    }
  });

  const start = () => {
    run.current += 1;
    setDismissedError(undefined);
    exporter.start();
  };
  const resume = () => {
    run.current += 1;
    setDismissedError(undefined);
    exporter.resume();
  };
  const slot = (part: ExportButtonPart) => classNames?.[part];
  const progressId = useId();
  const percent = formatters.percent(total ? done / total : 0);
  const exportButton = (primary: boolean) => (
    <button
      type="button"
      className={cx('rps-button', 'rps-export-button__button', slot('button'))}
      data-variant={primary ? 'primary' : undefined}
      data-primary={primary || undefined}
      onClick={start}
    >
      {messages.exportCsv}
    </button>
  );
  const resumeButton = (primary: boolean) => (
    <button type="button" className={cx('rps-button', 'rps-export-button__resume', slot('resume'))} data-primary={primary || undefined} onClick={resume}>
      {messages.exportResume}
    </button>
  );

  return (
    <ThemeScope value={root.context}>
      <div
        ref={rootRef}
        className={cx('rps-export-button', root.className, className, slot('root'))}
        style={root.style}
        {...root.dataAttributes}
        data-state={view}
      >
        {view === 'idle' && exportButton(true)}
        {view === 'running' && (
          <>
            <div className="rps-export-button__progress-box">
              <progress
                className={cx('rps-export-button__progress', slot('progress'))}
                aria-labelledby={progressId}
                {...(total ? { value: done, max: total } : {})}
              />
              <p id={progressId} className={cx('rps-export-button__progress-text', slot('progressText'))}>
                <span>{messages.exporting(percent)}</span>{' '}
                {total !== undefined && (
                  <span className="rps-export-button__pages">{messages.exportProgress(formatters.number(done), formatters.number(total))}</span>
                )}
              </p>
            </div>
            <button type="button" className={cx('rps-button', 'rps-export-button__cancel', slot('cancel'))} data-primary onClick={exporter.cancel}>
              {messages.cancelExport}
            </button>
          </>
        )}
        {view === 'done' && (
          <>
            {link && link.csv === finishedCsv && (
              <a className={cx('rps-button', 'rps-export-button__download', slot('download'))} href={link.href} download={fileName} data-variant="primary" data-primary>
                {messages.download}
              </a>
            )}
            {exportButton(false)}
          </>
        )}
        {view === 'error' && (
          <div role="alert" className={cx('rps-export-button__error', slot('error'))}>
            <p className="rps-export-button__error-text">{messages.exportFailed(exporter.failedPage ?? 1)}</p>
            {resumeButton(true)}
            <button type="button" className={cx('rps-button', 'rps-export-button__cancel', slot('cancel'))} onClick={() => setDismissedError(exporter.error)}>
              {messages.cancel}
            </button>
          </div>
        )}
        {view === 'canceled' && (
          <>
            {exportButton(false)}
            {resumeButton(true)}
          </>
        )}
        <p role="status" className={cx('rps-export-button__status', slot('status'))}>
          {view === 'done'
            ? messages.exportDone(formatters.number(rows))
            : view === 'running'
              ? messages.exportStarted
              : view === 'canceled'
                ? messages.exportCanceled
                : ''}
        </p>
      </div>
    </ThemeScope>
  );
}

/**
 * A `blob:` URL of the CSV, or `undefined` where object URLs are missing or refuse this `Blob` (jsdom, some
 * webviews, a polyfilled `Blob`): the link then carries a `data:` URL and nothing downloads by itself.
 */
function createObjectUrl(csv: string): string | undefined {
  if (typeof URL === 'undefined' || typeof URL.createObjectURL !== 'function' || typeof Blob === 'undefined') return undefined;
  try {
    return URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  } catch {
    return undefined;
  }
}

/** Starts a download through a temporary `<a download>`, the one way that works without a user gesture. */
function clickDownload(href: string, fileName: string): void {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** `payment-sessions-2026-03-08.csv`, the day being today in `timeZone` (UTC when none is valid). */
export function defaultFileName(timeZone: string | undefined, now: Date = new Date()): string {
  return `payment-sessions-${instantToDay(now.toISOString(), isValidTimeZone(timeZone) ? timeZone : 'UTC')}.csv`;
}

