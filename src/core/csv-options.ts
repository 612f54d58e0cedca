/**
 * The checks on CSV options that must answer at once — a column that names a secret, an unknown separator —
 * apart from the writer in `csv.ts`, so that an export can refuse bad options when it starts and load the
 * writer only when it has rows to write.
 */
import type { CsvCellOptions, CsvColumn, CsvOptions, CsvSeparator } from './csv';
import { isSecretKey } from './sanitize';

const SEPARATORS: readonly string[] = [',', ';', '\t'];

/** The separator the options ask for; anything but `,` `;` or a tab is refused rather than written. */
export function separatorOf(options: CsvCellOptions): CsvSeparator {
  const separator = options.separator ?? options.delimiter ?? ',';
  if (!SEPARATORS.includes(separator)) {
    throw new TypeError(`CSV separator must be ",", ";" or a tab, got ${JSON.stringify(separator)}.`);
  }
  return separator;
}

/**
 * Whether a column name refers to a secret: `clientSecret`, `client_secret`, `Client secret`, `secret`,
 * `raw.client_secret`, API keys, passwords, tokens for access… (see `isSecretKey`).
 */
function namesSecret(name: string): boolean {
  const parts = [name, ...name.split(/[.[\]/]+/)];
  return parts.some((part) => isSecretKey(part.replace(/[^A-Za-z0-9]/g, '')));
}

/** The columns as objects; throws for one whose key or header names a secret. */
export function resolveColumns<Row>(columns: ReadonlyArray<CsvColumn<Row> | string>): CsvColumn<Row>[] {
  return columns.map((column) => {
    const resolved = typeof column === 'string' ? { key: column } : column;
    for (const name of [resolved.key, resolved.header ?? '']) {
      if (namesSecret(name)) {
        throw new Error(
          `CSV column ${JSON.stringify(name)} is refused: it names a secret, and secrets (client secrets, ` +
            'API keys) must never be exported.',
        );
      }
    }
    return resolved;
  });
}

/**
 * Throws what `toCsv` would throw for these options (a column that names a secret, an unknown
 * separator) without writing anything.
 */
export function checkCsvOptions<Row>(options: CsvOptions<Row>): void {
  separatorOf(options);
  if (options.columns) resolveColumns(options.columns);
}
