/**
 * The machine-readable form of a date for `<time dateTime>`: the instant as UTC ISO 8601, or `undefined`
 * when the text is not a readable date (then no `<time>` element is rendered at all).
 */
export function isoInstant(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Epoch milliseconds of a date, or `NaN` when missing or unreadable (for sorting). */
export function timeOf(iso: string | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}
