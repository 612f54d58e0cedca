/**
 * Calendar days in a time zone ↔ UTC instants, for date filters. A merchant in New York who picks
 * "2026-03-08" means midnight to midnight in New York — a 23-hour day that spring — not a UTC day.
 * Date math is date-fns on `TZDate`, so DST transitions and odd offsets (+5:45, +14) come out right.
 */
// TZDateMini: the same zoned date math without TZDate's string methods (display goes through Intl). Imported
// from its own path: the @date-fns/tz barrel declares no sideEffects, so bundlers keep all of it (+0.3 kB gz).
import type { TZDate } from '@date-fns/tz';
import { TZDateMini } from '@date-fns/tz/date/mini';
import { addDays, startOfDay, startOfMonth, subDays } from 'date-fns';

/** A range of calendar days, `YYYY-MM-DD`, both ends inclusive; an absent end is open. */
export interface DayRange {
  from?: string;
  to?: string;
}

/** A range of instants as UTC ISO 8601 strings (`2026-03-08T05:00:00.000Z`); an absent end is open. */
export interface InstantRange {
  /** The first millisecond of the first day. */
  from?: string;
  /** The last millisecond of the last day. */
  to?: string;
}

/** The quick ranges a date filter offers. Each ends today, in the filter's time zone. */
export type DatePreset = 'today' | 'last7Days' | 'last30Days' | 'thisMonth';

/** Every {@link DatePreset}, in the order a menu shows them. */
export const DATE_PRESETS: readonly DatePreset[] = ['today', 'last7Days', 'last30Days', 'thisMonth'];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const knownTimeZones = new Set<string>();

/**
 * Checks that the runtime knows `timeZone` as an IANA zone (`"America/New_York"`, `"UTC"`).
 *
 * @throws RangeError naming the zone when it is not one.
 */
export function assertTimeZone(timeZone: string): void {
  if (knownTimeZones.has(timeZone)) return;
  let valid = typeof timeZone === 'string' && timeZone !== '';
  if (valid) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      valid = false;
    }
  }
  if (!valid) {
    throw new RangeError(`timeZone must be an IANA time zone such as "America/New_York", got ${JSON.stringify(timeZone)}.`);
  }
  knownTimeZones.add(timeZone);
}

/** Noon of a calendar day in `timeZone`: an hour every day has, whatever DST does around midnight. */
function noonOf(day: string, name: string, timeZone: string): TZDate {
  const match = DAY.exec(day);
  const invalid = () => new RangeError(`${name} must be a real calendar day as YYYY-MM-DD, got ${JSON.stringify(day)}.`);
  if (!match) throw invalid();
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setFullYear, unlike the constructor, does not read years 0–99 as 1900–1999.
  const noon = new TZDateMini(2000, 0, 1, 12, timeZone);
  noon.setFullYear(year, month - 1, date);
  // Date rolls 2026-02-30 over to March 2: a day that changed is a day that does not exist.
  if (noon.getFullYear() !== year || noon.getMonth() !== month - 1 || noon.getDate() !== date) throw invalid();
  return noon;
}

function toIsoInstant(date: Date): string {
  // new Date(…) so the result is printed in UTC (`…Z`), not in the TZDate's zone.
  return new Date(date.getTime()).toISOString();
}

function formatDay(date: TZDate): string {
  const year = String(date.getFullYear()).padStart(4, '0');
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/**
 * The instants that bound a range of calendar days in `timeZone`: `from` becomes the first millisecond
 * of that day there (usually 00:00:00.000; 01:00 where DST skips midnight), `to` the last millisecond of
 * the `to` day (the next day's start minus 1 ms, so 23- and 25-hour days are whole). Empty strings count
 * as absent ends, as an `<input type="date">` that was cleared gives.
 *
 * @throws RangeError for an unknown time zone, a malformed or impossible day (`2026-02-30`), or
 *   `from` after `to`.
 *
 * @example
 * dayRangeToInstants({ from: '2026-03-08', to: '2026-03-08' }, 'America/New_York')
 * // { from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T03:59:59.999Z' }
 */
export function dayRangeToInstants(range: DayRange, timeZone: string): InstantRange {
  assertTimeZone(timeZone);
  const result: InstantRange = {};
  const fromNoon = range.from ? noonOf(range.from, 'from', timeZone) : undefined;
  const toNoon = range.to ? noonOf(range.to, 'to', timeZone) : undefined;
  if (fromNoon && toNoon && fromNoon.getTime() > toNoon.getTime()) {
    throw new RangeError(`from (${range.from}) must not be after to (${range.to}).`);
  }
  if (fromNoon) result.from = toIsoInstant(startOfDay(fromNoon));
  if (toNoon) result.to = toIsoInstant(new Date(startOfDay(addDays(toNoon, 1)).getTime() - 1));
  return result;
}

/**
 * The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone` — the inverse of
 * {@link dayRangeToInstants} for either end, to restore a date picker from a URL or a query.
 *
 * @throws RangeError for an unparsable date-time or an unknown time zone.
 *
 * @example
 * instantToDay('2026-03-09T03:59:59.999Z', 'America/New_York') // '2026-03-08'
 */
export function instantToDay(iso: string, timeZone: string): string {
  assertTimeZone(timeZone);
  const time = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) throw new RangeError(`iso must be an ISO 8601 date-time, got ${JSON.stringify(iso)}.`);
  return formatDay(new TZDateMini(time, timeZone));
}

/**
 * The calendar days a preset covers, ending today as it is in `timeZone` at `now`:
 * `today`; `last7Days` and `last30Days` count today as one of the days; `thisMonth` runs from the 1st.
 *
 * @throws RangeError for an unknown preset or time zone, or an invalid `now`.
 *
 * @example
 * // 2026-03-10T02:00Z is still March 9 in New York
 * datePresetRange('last7Days', new Date('2026-03-10T02:00:00Z'), 'America/New_York')
 * // { from: '2026-03-03', to: '2026-03-09' }
 */
export function datePresetRange(preset: DatePreset, now: Date, timeZone: string): Required<DayRange> {
  assertTimeZone(timeZone);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError(`now must be a valid Date, got ${String(now)}.`);
  }
  const today = new TZDateMini(now.getTime(), timeZone);
  let first: TZDate;
  switch (preset) {
    case 'today':
      first = today;
      break;
    case 'last7Days':
      first = subDays(today, 6);
      break;
    case 'last30Days':
      first = subDays(today, 29);
      break;
    case 'thisMonth':
      first = startOfMonth(today);
      break;
    default:
      throw new RangeError(`preset must be one of ${DATE_PRESETS.join(', ')}, got ${JSON.stringify(preset)}.`);
  }
  return { from: formatDay(first), to: formatDay(today) };
}
