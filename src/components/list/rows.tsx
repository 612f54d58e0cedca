import { memo, useId, type KeyboardEvent, type MouseEvent, type ReactNode, type RefObject } from 'react';
import type { PaymentSession } from '../../core/types';
import type { SessionListColumn, SessionListColumnContext } from './columns';
import { cx, type ClassNames } from '../theme';

/** The parts of `SessionList` that take a class name from `classNames`. */
export type SessionListPart =
  | 'root'
  | 'scroller'
  | 'table'
  | 'headerRow'
  | 'headerCell'
  | 'body'
  | 'row'
  | 'cell'
  | 'trigger'
  | 'actions'
  | 'skeleton'
  | 'state'
  | 'error'
  | 'button'
  | 'note';

/** Everything a row needs that is the same for every row of one render. */
export interface RowContext {
  columns: SessionListColumn[];
  /** Index of the column rendered as the row header with the open button. */
  rowHeaderIndex: number;
  columnContext: SessionListColumnContext;
  /** Whether activating a row does anything (opens the detail or tells the host). */
  interactive: boolean;
  /** Whether activating a row opens a dialog (`aria-haspopup`). */
  opensDialog: boolean;
  /** Write `aria-rowindex` (only when rows are virtualized: then not every row is in the DOM). */
  indexRows: boolean;
  classNames: ClassNames<SessionListPart> | undefined;
  rowActions: ((session: PaymentSession) => ReactNode) | undefined;
  onActivate: (session: PaymentSession) => void;
  /** Arrow/Home/End navigation from a row's button. */
  onTriggerKeyDown: (event: KeyboardEvent<HTMLButtonElement>, index: number) => void;
  /** Called with each row's button element (and `null` when it goes). */
  registerTrigger: (sessionId: string, element: HTMLButtonElement | null) => void;
}

/** What both row bodies (plain and virtualized) receive. */
export interface RowsProps {
  sessions: PaymentSession[];
  context: RowContext;
  selectedId: string | null;
  bodyClassName: string;
  stale: boolean;
  /** The scrolling element around the table (virtualized rows measure and scroll it). */
  scrollElementRef: RefObject<HTMLDivElement | null>;
  /** Filled by the virtualized body so the list can bring an off-screen row into view. */
  scrollToIndexRef: RefObject<((index: number) => void) | null>;
  /** Row height to assume before rows are measured, in pixels. */
  estimatedRowHeight: number;
  /** Height of the scroll element to assume before it is measured (SSR, first render), in pixels. */
  initialHeight: number;
}

/** Interactive elements inside a cell that handle their own clicks (a row click is not theirs). */
const OWN_CLICK = 'a[href], button, input, select, textarea, summary, [role="button"], [role="link"]';

/**
 * One session row. A click anywhere in the row opens it, like its button; clicks on other interactive
 * content (a host's link in a custom column), on the actions cell, or that end a text selection do not.
 */
export const SessionListRow = memo(function SessionListRow({
  session,
  index,
  selected,
  context,
  measureRef,
}: {
  session: PaymentSession;
  index: number;
  selected: boolean;
  context: RowContext;
  /** The virtualizer's measuring ref (virtualized rows only). */
  measureRef?: (element: HTMLTableRowElement | null) => void;
}) {
  const { columns, rowHeaderIndex, columnContext, interactive, classNames } = context;
  const labelId = useId();
  const { messages } = columnContext;

  const onRowClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if (!interactive) return;
    const target = event.target as Element;
    const ownClick = target.closest(OWN_CLICK);
    const isTrigger = ownClick?.hasAttribute('data-rps-trigger') ?? false;
    if (ownClick && !isTrigger && event.currentTarget.contains(ownClick)) return;
    // A mouse drag that selected text in the row is reading, not opening (keyboard clicks have detail 0).
    const selection = event.detail > 0 ? window.getSelection() : null;
    if (selection && !selection.isCollapsed && event.currentTarget.contains(selection.anchorNode)) return;
    context.onActivate(session);
  };

  return (
    <tr
      ref={measureRef}
      data-index={measureRef ? index : undefined}
      aria-rowindex={context.indexRows ? index + 2 : undefined}
      className={cx('rps-session-list__row', classNames?.row)}
      data-status={session.status}
      data-selected={selected || undefined}
      data-interactive={interactive || undefined}
      onClick={onRowClick}
    >
      {columns.map((column, columnIndex) => {
        const content = column.cell(session, columnContext);
        const cellProps = {
          className: cx('rps-session-list__cell', classNames?.cell),
          'data-column': column.id,
          'data-align': column.align,
        };
        if (columnIndex !== rowHeaderIndex) return (
            <td key={column.id} {...cellProps}>
              {content}
            </td>
          );
        return (
          <th key={column.id} scope="row" {...cellProps}>
            {interactive ? (
              <button
                type="button"
                ref={(element) => context.registerTrigger(session.id, element)}
                className={cx('rps-session-list__trigger', classNames?.trigger)}
                data-rps-trigger=""
                // The id column's text is in "Open session {id}"; another row-header column keeps its visible
                // text first in the name (WCAG 2.5.3 label in name), then what the button does.
                aria-label={column.id === 'id' ? messages.openSession(session.id) : undefined}
                aria-labelledby={column.id === 'id' ? undefined : `${labelId}-text ${labelId}-action`}
                aria-haspopup={context.opensDialog ? 'dialog' : undefined}
                onKeyDown={(event) => context.onTriggerKeyDown(event, index)}
              >
                {column.id === 'id' ? (
                  content
                ) : (
                  <>
                    <span id={`${labelId}-text`}>{content}</span>
                    <span id={`${labelId}-action`} className="rps-visually-hidden">
                      {messages.openSession(session.id)}
                    </span>
                  </>
                )}
              </button>
            ) : (
              content
            )}
          </th>
        );
      })}
      {context.rowActions ? (
        <td
          className={cx('rps-session-list__cell', 'rps-session-list__actions', classNames?.cell, classNames?.actions)}
          data-column="actions"
          // The host's actions (refund, capture…) are not a row activation.
          onClick={(event) => event.stopPropagation()}
          onKeyDown={(event) => event.stopPropagation()}
        >
          {context.rowActions(session)}
        </td>
      ) : null}
    </tr>
  );
});

/**
 * Every row in the DOM: pages up to the virtualization threshold. While the virtualizer's chunk loads,
 * the first `limit` rows stand in (rendering a thousand rows only to replace them would block the page).
 */
export function PlainRows({ sessions, context, selectedId, bodyClassName, stale, limit }: RowsProps & { limit?: number }) {
  const shown = limit === undefined ? sessions : sessions.slice(0, limit);
  return (
    <tbody className={bodyClassName} data-stale={stale || undefined}>
      {shown.map((session, index) => (
        <SessionListRow key={session.id} session={session} index={index} selected={session.id === selectedId} context={context} />
      ))}
    </tbody>
  );
}

/** Placeholder rows while the first page loads: hidden from assistive technology (a live region speaks instead). */
export function SkeletonRows({
  count,
  columnCount,
  bodyClassName,
  classNames,
}: {
  count: number;
  columnCount: number;
  bodyClassName: string;
  classNames: ClassNames<SessionListPart> | undefined;
}) {
  return (
    <tbody className={bodyClassName} data-skeleton="">
      {Array.from({ length: count }, (_, row) => (
        <tr key={row} aria-hidden="true" className={cx('rps-session-list__row', 'rps-session-list__skeleton-row', classNames?.row)}>
          {Array.from({ length: columnCount }, (_, column) => (
            <td key={column} className={cx('rps-session-list__cell', classNames?.cell)}>
              <span className={cx('rps-skeleton', 'rps-session-list__skeleton', classNames?.skeleton)} />
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}
