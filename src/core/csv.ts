/**
 * CSV writing (RFC 4180) that is safe to open in a spreadsheet: cells that a spreadsheet would run as a
 * formula are defused, and no column may name a secret.
 */
import { minorToDecimalString } from './money';
import { resolveColumns, separatorOf } from './csv-options';
import { isSecretKey, redactSecretText, stripSecrets } from './sanitize';
import { sessionAmounts } from './summary';
import type { Money, PaymentSession } from './types';

/**
 * The field separator: `,` (RFC 4180), `;` (what Excel expects where the decimal separator is a comma —
 * de, fr, es, it, nl, pt, ru …) or a tab.
 */
export type CsvSeparator = ',' | ';' | '\t';
/** @deprecated The former name of {@link CsvSeparator}. */
export type CsvDelimiter = CsvSeparator;

/** Options for a single cell or row. */
export interface CsvCellOptions {
  /**
   * The field separator. Whichever is chosen, a cell holding any of `,` `;` or a tab is quoted: the file
   * may be opened where another one is the separator (Excel picks it from the region).
   * @defaultValue ","
   */
  separator?: CsvSeparator;
  /** @deprecated The former name of `separator` (used when `separator` is not given). */
  delimiter?: CsvSeparator;
}

/** One column of a CSV export. */
export interface CsvColumn<Row> {
  /**
   * Identifies the column. Without `value`, an object row's own property of this name is written
   * (an array row's cell at the column's position). Must not name a secret (see {@link toCsv}).
   */
  key: string;
  /**
   * The header cell.
   * @defaultValue `key`
   */
  header?: string;
  /** Computes the cell from the row; return anything {@link escapeCsvCell} accepts. */
  value?: (row: Row, rowIndex: number) => unknown;
}

/** Options of {@link toCsv}. */
export interface CsvOptions<Row> extends CsvCellOptions {
  /**
   * What to write, in order. A string is shorthand for `{ key, header: key }`. Required for object rows
   * (nothing is exported that was not named); optional for array rows, which are then written as they are.
   */
  columns?: ReadonlyArray<CsvColumn<Row> | string>;
  /**
   * Whether to start with a header row (only when there are `columns`).
   * @defaultValue true
   */
  header?: boolean;
  /**
   * The record separator; every record, the last included, ends with it, so exports of several pages
   * can be concatenated (pass `header: false` after the first).
   * @defaultValue "\r\n" (RFC 4180)
   */
  newline?: '\r\n' | '\n';
  /**
   * Start with a UTF-8 byte order mark, which makes Excel read non-ASCII text (names, `€`) correctly
   * (without it, Excel on Windows reads the file in the region's legacy code page).
   * @defaultValue false
   */
  bom?: boolean;
}

/**
 * Starts that make a spreadsheet treat a cell as a formula (OWASP "CSV Injection"): `=`, `+`, `-`, `@`
 * and their full-width forms (`＝＋－＠`, which some spreadsheets normalize), also behind leading blanks
 * that an import may trim; and a leading tab, carriage return or line feed, which an import may drop too
 * (`"\n=1+1"`).
 */
const FORMULA_TRIGGER = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
/**
 * A formula start right after a separator (`Bob;=1+1`): a reader that splits on that separator without
 * honouring quotes — or a region whose separator differs from ours — sees a cell that starts there.
 */
const FORMULA_AFTER_SEPARATOR = /([,;\t\r\n][ \u00a0]*)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;
/** Any of these in a cell means quoting, whichever separator is in use. */
const NEEDS_QUOTES = /[",;\t\r\n]/;
/** A plain decimal such as `-12.34` is read as a number by every spreadsheet and cannot run anything. */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** Drops secret keys at any depth while `JSON.stringify` walks an object (after `toJSON`, so dates stay). */
function jsonWithoutSecrets(value: unknown): string {
  const replacer = (key: string, child: unknown): unknown => {
    if (key !== '' && isSecretKey(key)) return undefined;
    if (typeof child === 'string') return redactSecretText(child);
    return typeof child === 'bigint' ? child.toString() : child;
  };
  try {
    return JSON.stringify(value, replacer) ?? '';
  } catch {
    // A cycle: stripSecrets cuts it, at the cost of turning nested class instances into plain objects.
    return JSON.stringify(stripSecrets(value), replacer) ?? '';
  }
}

/** The text of a cell before quoting, and whether it came from a number (which is never defused). */
function cellText(value: unknown): { text: string; isNumber: boolean } {
  switch (typeof value) {
    case 'number':
      // NaN and ±Infinity are not amounts or counts anyone can use; an empty cell says "no value".
      return Number.isFinite(value) ? { text: String(value), isNumber: true } : { text: '', isNumber: false };
    case 'bigint':
      return { text: value.toString(), isNumber: true };
    case 'string':
      // A secret-shaped value (`pi_…_secret_…`, `sk_live_…`) never reaches a file, whatever column it is in.
      return { text: redactSecretText(value), isNumber: false };
    case 'boolean':
      return { text: value ? 'true' : 'false', isNumber: false };
    case 'object':
      if (value === null) return { text: '', isNumber: false };
      if (value instanceof Date) {
        return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString(), isNumber: false };
      }
      return { text: jsonWithoutSecrets(value), isNumber: false };
    default:
      // undefined, functions and symbols have no cell value.
      return { text: '', isNumber: false };
  }
}

/**
 * One CSV field: `null`/`undefined` → empty, finite numbers as written (`-12.5`), booleans `true`/`false`,
 * dates as ISO 8601, other objects as JSON (secret keys dropped); secret-shaped values in text
 * (`pi_…_secret_…`, `sk_live_…`, `whsec_…`) become `[redacted]`. Text a spreadsheet would run as a
 * formula gets a leading `'`, and so does a formula start right after any separator or line break inside
 * the text (`Bob;=1+1` → `Bob;'=1+1`); then the field is quoted, with quotes doubled, if it holds `,`,
 * `;`, a tab, a quote, CR or LF — whatever the separator, since the reader's may differ.
 *
 * Plain decimals given as text (`"-12.34"`) are not prefixed: they cannot be formulas, and amounts from
 * {@link sessionCsvColumns} must stay numbers in the spreadsheet.
 *
 * @example
 * escapeCsvCell('=HYPERLINK("http://x")') // '"\'=HYPERLINK(""http://x"")"'
 * escapeCsvCell(-12.5)                   // '-12.5'
 * escapeCsvCell('Smith, Jane')           // '"Smith, Jane"'
 */
export function escapeCsvCell(value: unknown, options: CsvCellOptions = {}): string {
  separatorOf(options);
  const { text, isNumber } = cellText(value);
  if (isNumber) return text;
  const leading = FORMULA_TRIGGER.test(text) && !PLAIN_DECIMAL.test(text) ? `'${text}` : text;
  const safe = leading.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record (without its line break): each cell through {@link escapeCsvCell}, joined by the separator. */
export function csvRow(cells: readonly unknown[], options: CsvCellOptions = {}): string {
  const separator = separatorOf(options);
  return cells.map((cell) => escapeCsvCell(cell, { separator })).join(separator);
}

function readCell<Row>(row: Row, rowIndex: number, column: CsvColumn<Row>, columnIndex: number): unknown {
  if (column.value) return column.value(row, rowIndex);
  if (Array.isArray(row)) return row[columnIndex];
  // Own properties only: a column named `constructor` must not reach into the prototype.
  return row !== null && typeof row === 'object' && Object.hasOwn(row, column.key)
    ? (row as Record<string, unknown>)[column.key]
    : undefined;
}

/**
 * Writes rows as CSV text (RFC 4180, formula-safe cells; see {@link escapeCsvCell}).
 *
 * Rows are objects (give `columns`: nothing unnamed is exported) or arrays of cells (columns optional).
 * A column whose key or header names a secret (`clientSecret`, `client_secret`, `secret`, API keys …) is
 * refused with an `Error`, and secret keys are dropped from any object written as JSON. Beyond that, what a
 * custom column's `value` returns is the host's responsibility.
 *
 * @throws Error for a column that names a secret; TypeError for object rows without `columns`.
 *
 * @example
 * toCsv(sessions, { columns: sessionCsvColumns, bom: true, separator: ';' }) // Excel in de/fr regions
 * toCsv(users, { columns: ['id', { key: 'email', header: 'E-mail' }] })
 * toCsv([['a', 1], ['b', 2]]) // "a,1\r\nb,2\r\n"
 */
export function toCsv<Row extends object>(rows: readonly Row[], options: CsvOptions<Row> = {}): string {
  const { newline = '\r\n', bom = false, header = true } = options;
  const cellOptions: CsvCellOptions = { separator: separatorOf(options) };
  const columns = options.columns ? resolveColumns(options.columns) : undefined;

  const records: string[] = [];
  if (columns && header) records.push(csvRow(columns.map((column) => column.header ?? column.key), cellOptions));
  rows.forEach((row, rowIndex) => {
    if (columns) {
      records.push(csvRow(columns.map((column, index) => readCell(row, rowIndex, column, index)), cellOptions));
    } else if (Array.isArray(row)) {
      records.push(csvRow(row, cellOptions));
    } else {
      throw new TypeError(
        'toCsv needs `columns` for object rows, so that only what is named is exported (row ' + rowIndex + ').',
      );
    }
  });

  return (bom ? '\uFEFF' : '') + records.map((record) => record + newline).join('');
}

/** The currency a session's amounts are in: that of `amount`, else of the first amount it has. */
function sessionCurrency(session: PaymentSession): string | undefined {
  return (
    session.amount ??
    session.capturedAmount ??
    session.refundedAmount ??
    session.refundableAmount ??
    session.fee
  )?.currency;
}

/**
 * Amounts as major-unit decimals (`1234` USD → `12.34`, `1234` JPY → `1234`), computed from integer minor
 * units without float division. An amount in another currency than the row's says which (`5.00 EUR`), so
 * it is never read as the row's currency.
 */
function moneyCell(amounts: readonly Money[], session: PaymentSession): string {
  const rowCurrency = sessionCurrency(session);
  return amounts
    .map(({ amountMinor, currency }) => {
      const decimal = minorToDecimalString(amountMinor, currency);
      return currency === rowCurrency ? decimal : `${decimal} ${currency}`;
    })
    .join(' + ');
}

const SESSION_COLUMNS: Array<CsvColumn<PaymentSession>> = [
  { key: 'id', header: 'ID', value: (s) => s.id },
  { key: 'status', header: 'Status', value: (s) => s.status },
  { key: 'rawStatus', header: 'Raw status', value: (s) => s.rawStatus },
  { key: 'kind', header: 'Kind', value: (s) => s.kind },
  { key: 'createdAt', header: 'Created at', value: (s) => s.createdAt },
  { key: 'capturedAt', header: 'Captured at', value: (s) => s.capturedAt },
  { key: 'customerName', header: 'Customer name', value: (s) => s.customer?.name },
  { key: 'customerEmail', header: 'Customer email', value: (s) => s.customer?.email },
  { key: 'amount', header: 'Amount', value: (s) => moneyCell(sessionAmounts(s).gross, s) },
  { key: 'currency', header: 'Currency', value: (s) => sessionCurrency(s) },
  { key: 'captured', header: 'Captured', value: (s) => moneyCell(sessionAmounts(s).captured, s) },
  { key: 'refunded', header: 'Refunded', value: (s) => moneyCell(sessionAmounts(s).refunded, s) },
  { key: 'refundable', header: 'Refundable', value: (s) => moneyCell(sessionAmounts(s).refundable, s) },
  { key: 'fee', header: 'Fee', value: (s) => moneyCell(sessionAmounts(s).fees, s) },
  { key: 'orderId', header: 'Order ID', value: (s) => s.orderId },
  { key: 'paymentToken', header: 'Payment token', value: (s) => s.paymentToken },
];

/**
 * The default columns for exporting {@link PaymentSession}s: identity, status, dates, customer, amounts
 * (major units, see below), order and payment token. It deliberately leaves out `raw`, `metadata` and
 * anything else that could carry a secret or bulk data; add such columns yourself if you need them
 * (`[...sessionCsvColumns, { key: 'note', value: (s) => … }]`) — what they contain is then yours to vet.
 *
 * Amount cells are decimals in major units of the session's currency (`12.34`). `captured` and
 * `refunded` use the same fallbacks as `summarizeSessions` (both go through `sessionAmounts`): a captured
 * session without `capturedAmount` counts its `amount`, and refunds are summed when there is no
 * `refundedAmount`.
 */
export const sessionCsvColumns: ReadonlyArray<Readonly<CsvColumn<PaymentSession>>> = Object.freeze(
  SESSION_COLUMNS.map((column) => Object.freeze(column)),
);
