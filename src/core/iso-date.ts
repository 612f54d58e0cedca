/**
 * Strict ISO 8601 reading for dates from backends, URLs and queries. Framework- and valibot-free, so the
 * server proxy's parameter check, the query model and the adapters' schemas all read dates the same way.
 */

// Date, optional time with optional seconds/fraction, optional offset. `T` or a space (Python's str()).
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date or date-time → the UTC instant as `toISOString()`, or `undefined` when it is not one.
 * Stricter than `Date.parse`: `"1"`, `"June 5"` and impossible days (`2024-02-30`, which `Date.parse` rolls
 * over to March 1) are rejected. A date-time without an offset is read as UTC, so the result never depends
 * on the machine's time zone.
 */
export function toIsoInstant(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const text = value.trim();
  const match = ISO_8601.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, , , offset] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  const withOffset = hour !== undefined && offset === undefined ? `${text}Z` : text;
  const time = Date.parse(withOffset.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
