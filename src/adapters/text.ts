/**
 * Limits on the text an adapter keeps from a backend, and the trim-and-cap every display string goes through.
 */

/** Longest display text kept (names, emails, reasons); anything longer is cut, not dropped. */
export const MAX_TEXT_LENGTH = 500;
/** Longest identifier accepted. Ids are never cut (a cut id names another record): longer ones are invalid. */
export const MAX_ID_LENGTH = 200;
/** Longest JSON string we agree to parse inside a record (OneEntry's `intent`). */
export const MAX_EMBEDDED_JSON_LENGTH = 10_000;

/** Trims and caps display text; `undefined` for non-strings and strings that are blank. */
export function cleanText(value: unknown, max = MAX_TEXT_LENGTH): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
