import { lookup } from '../../core/lookup';
import type { ReactNode } from 'react';
import type { PaymentSession } from '../../core/types';
import type { Formatters } from '../format';
import type { Messages } from '../messages';
import { StatusBadge } from '../StatusBadge';
import { isoInstant } from '../shared/dates';

/** What a column's `header` and `cell` functions receive besides the session. */
export interface SessionListColumnContext {
  /** The list's merged messages (defaults, provider, `messages` prop). */
  messages: Messages;
  /** Money and date formatters in the list's locale and time zone. */
  formatters: Formatters;
}

/** Horizontal alignment of a column's header and cells (logical: `start` is the left in LTR, right in RTL). */
export type SessionListColumnAlign = 'start' | 'center' | 'end';

/**
 * One column of `SessionList`: a built-in one from {@link sessionListColumns}, or the host's own.
 *
 * @example
 * const emailColumn: SessionListColumn = {
 *   id: 'email',
 *   header: 'E-mail',
 *   cell: (session) => session.customer?.email ?? '—',
 * };
 * <SessionList columns={['id', emailColumn, 'amount']} />
 */
export interface SessionListColumn {
  /** Unique among the list's columns; written as `data-column` on the header and every cell. */
  id: string;
  /** The header cell's content, or a function of the messages (so it follows the locale). */
  header: ReactNode | ((context: SessionListColumnContext) => ReactNode);
  /** The content of this column's cell for one session. Render text, never HTML strings. */
  cell: (session: PaymentSession, context: SessionListColumnContext) => ReactNode;
  /** @defaultValue 'start' */
  align?: SessionListColumnAlign;
  /** A CSS width for the column (a number is pixels). */
  width?: string | number;
  /**
   * Render this column's cell as the row header (`<th scope="row">`) holding the row's "open" button.
   * The first column that sets it wins; when none does, the first column is used. Its cell content ends
   * up inside a `<button>`, so it must be text or other non-interactive content.
   * @defaultValue false (true for the built-in `id` column)
   */
  rowHeader?: boolean;
}

/** The ids of the built-in columns. */
export type SessionListColumnId = 'id' | 'status' | 'customer' | 'amount' | 'refunded' | 'created' | 'captured' | 'kind';

/** A `columns` entry: a built-in column's id or a column definition. */
export type SessionListColumnInput = SessionListColumnId | SessionListColumn;

function dateCell(iso: string | undefined, formatters: Formatters): ReactNode {
  const instant = isoInstant(iso);
  // `<time>` only for a readable date: an unreadable one shows the fallback as plain text.
  return instant ? <time dateTime={instant}>{formatters.dateTime(iso)}</time> : formatters.fallback;
}

/**
 * The built-in column definitions, by id. Use them to reorder, relabel or extend the defaults:
 *
 * @example
 * <SessionList
 *   columns={[
 *     { ...sessionListColumns.amount, header: 'Total' },
 *     'id',
 *     { id: 'order', header: 'Order', cell: (s) => s.orderId ?? '—' },
 *   ]}
 * />
 */
export const sessionListColumns: Readonly<Record<SessionListColumnId, SessionListColumn>> = Object.freeze({
  id: {
    id: 'id',
    header: ({ messages }) => messages.columnId,
    cell: (session) => <span className="rps-session-list__id">{session.id}</span>,
    rowHeader: true,
  },
  status: {
    id: 'status',
    header: ({ messages }) => messages.columnStatus,
    cell: (session) => <StatusBadge status={session.status} rawStatus={session.rawStatus} />,
  },
  customer: {
    id: 'customer',
    header: ({ messages }) => messages.columnCustomer,
    cell: (session, { formatters }) => {
      const { name, email } = session.customer ?? {};
      if (!name && !email) return formatters.fallback;
      return (
        <span className="rps-session-list__customer">
          {name ? <span className="rps-session-list__customer-name">{name}</span> : null}
          {email ? <span className="rps-session-list__secondary">{email}</span> : null}
        </span>
      );
    },
  },
  amount: {
    id: 'amount',
    header: ({ messages }) => messages.columnAmount,
    cell: (session, { formatters }) => formatters.money(session.amount),
    align: 'end',
  },
  refunded: {
    id: 'refunded',
    header: ({ messages }) => messages.columnRefunded,
    cell: (session, { formatters }) => formatters.money(session.refundedAmount),
    align: 'end',
  },
  created: {
    id: 'created',
    header: ({ messages }) => messages.columnCreated,
    cell: (session, { formatters }) => dateCell(session.createdAt, formatters),
  },
  captured: {
    id: 'captured',
    header: ({ messages }) => messages.columnCaptured,
    cell: (session, { formatters }) => dateCell(session.capturedAt, formatters),
  },
  kind: {
    id: 'kind',
    header: ({ messages }) => messages.columnKind,
    // A kind the messages do not know is shown as the backend wrote it.
    cell: (session, { messages, formatters }) =>
      session.kind ? (lookup(messages.kind, session.kind) ?? session.kind) : formatters.fallback,
  },
});

/** The columns `SessionList` shows when no `columns` prop is given. */
export const DEFAULT_SESSION_LIST_COLUMNS: readonly SessionListColumnId[] = Object.freeze([
  'id',
  'customer',
  'status',
  'amount',
  'refunded',
  'created',
]);

/**
 * Turns a `columns` prop into column definitions, in order. Unknown built-in ids and repeated ids are
 * skipped with a console warning (they are host mistakes that would otherwise break rendering or keys).
 */
export function resolveSessionListColumns(
  columns: readonly SessionListColumnInput[] = DEFAULT_SESSION_LIST_COLUMNS,
): SessionListColumn[] {
  const seen = new Set<string>();
  const resolved: SessionListColumn[] = [];
  for (const input of columns) {
    const column = typeof input === 'string' ? lookup(sessionListColumns as Record<string, SessionListColumn | undefined>, input) : input;
    if (!column) {
      console.warn(`SessionList: unknown column "${String(input)}"; built-in ids are ${Object.keys(sessionListColumns).join(', ')}.`);
      continue;
    }
    if (seen.has(column.id)) {
      console.warn(`SessionList: column "${column.id}" is listed twice; the second one is skipped.`);
      continue;
    }
    seen.add(column.id);
    resolved.push(column);
  }
  return resolved;
}

/** A column's header content for the given context. */
export function renderColumnHeader(column: SessionListColumn, context: SessionListColumnContext): ReactNode {
  return typeof column.header === 'function' ? column.header(context) : column.header;
}
