/**
 * Calendar days in a time zone ↔ UTC instants, for date filters. A merchant in New York who picks
 * "2026-03-08" means midnight to midnight in New York — a 23-hour day that spring — not a UTC day.
 * The zone's offset at an instant is @date-fns/tz's `tzOffset` (the runtime's time zone data through
 * `Intl`), so DST transitions and odd offsets (+5:45, +14) come out right; day arithmetic is done on plain
 * calendar days, which have no zone. Only `tzOffset` is imported: the zoned `Date` class (`TZDate`) and
 * date-fns' helpers around it would cost about 1 kB gz in every bundle that filters by date, for arithmetic
 * a calendar day does not need.
 */
import { tzOffset } from '@date-fns/tz/tzOffset';

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

/** A calendar day, its month 1-based. */
interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;

/** `day` at `hours`:`minutes`:`seconds` read as if it were UTC, in ms (years 0–99 as written, not as 19xx). */
function asUtc(day: CalendarDay, hours = 0, minutes = 0, seconds = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(day.year, day.month - 1, day.day);
  return date.setUTCHours(hours, minutes, seconds);
}

/** The calendar day of a time read by {@link asUtc} (or any UTC time): the inverse of `asUtc`. */
function utcDay(time: number): CalendarDay {
  const date = new Date(time);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** How far the clocks in `timeZone` are ahead of UTC at `time`, in ms. */
function offsetAt(time: number, timeZone: string): number {
  // Rounded: an offset with seconds (local mean time before 1900) comes in fractional minutes.
  return Math.round(tzOffset(timeZone, new Date(time)) * 60_000);
}

/** What the clocks in `timeZone` show at `time`, read as if it were UTC (see {@link asUtc}). */
function wallClock(time: number, timeZone: string): number {
  return time + offsetAt(time, timeZone);
}

/**
 * The first instant at which the clocks in `timeZone` show `local` (a wall-clock time read by
 * {@link asUtc}): where the clocks go back over it (Cuba falls back from 01:00 to 00:00) the first time
 * they show it, where a DST change skips it the instant they jump past it. Tried with the offsets in force
 * a day before and a day after, since one of them applies at `local` whatever changes around it.
 */
function instantOf(local: number, timeZone: string): number {
  const before = local - offsetAt(local - MS_PER_DAY, timeZone);
  const after = local - offsetAt(local + MS_PER_DAY, timeZone);
  const shown = [before, after].filter((time) => wallClock(time, timeZone) === local);
  // None shows it: it falls in a gap, which begins at the instant read with the offset from before.
  return shown.length > 0 ? Math.min(...shown) : before;
}

function sameDay(a: CalendarDay, b: CalendarDay): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** The calendar day `time` falls on in `timeZone`. */
function dayIn(time: number, timeZone: string): CalendarDay {
  return utcDay(wallClock(time, timeZone));
}

/**
 * The calendar day `YYYY-MM-DD` and the instant of its noon in `timeZone` (an hour every day has, whatever
 * DST does around midnight). A day that does not exist throws: not in the calendar (`2026-02-30`), or not
 * in the zone (Samoa skipped 2011-12-30).
 */
function zonedDay(text: string, name: string, timeZone: string): { day: CalendarDay; noon: number } {
  const match = DAY.exec(text);
  const invalid = () => new RangeError(`${name} must be a real calendar day as YYYY-MM-DD, got ${JSON.stringify(text)}.`);
  if (!match) throw invalid();
  const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // Date rolls 2026-02-30 over to March 2: a day that changed is a day that does not exist.
  if (!sameDay(utcDay(asUtc(day)), day)) throw invalid();
  const noon = instantOf(asUtc(day, 12), timeZone);
  if (!sameDay(dayIn(noon, timeZone), day)) throw invalid();
  return { day, noon };
}

/** The first instant of `day` in `timeZone`: its midnight, or where DST skips midnight, the end of the gap. */
function startOfDayIn(day: CalendarDay, timeZone: string): number {
  return instantOf(asUtc(day), timeZone);
}

function formatDay({ year, month, day }: CalendarDay): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar day `days` after (or before, when negative) `day`. */
function addDays(day: CalendarDay, days: number): CalendarDay {
  return utcDay(asUtc(day) + days * MS_PER_DAY);
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
  const from = range.from ? zonedDay(range.from, 'from', timeZone) : undefined;
  const to = range.to ? zonedDay(range.to, 'to', timeZone) : undefined;
  if (from && to && from.noon > to.noon) {
    throw new RangeError(`from (${range.from}) must not be after to (${range.to}).`);
  }
  if (from) result.from = new Date(startOfDayIn(from.day, timeZone)).toISOString();
  if (to) result.to = new Date(startOfDayIn(addDays(to.day, 1), timeZone) - 1).toISOString();
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
  return formatDay(dayIn(time, timeZone));
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
  const today = dayIn(now.getTime(), timeZone);
  let first: CalendarDay;
  switch (preset) {
    case 'today':
      first = today;
      break;
    case 'last7Days':
      first = addDays(today, -6);
      break;
    case 'last30Days':
      first = addDays(today, -29);
      break;
    case 'thisMonth':
      first = { ...today, day: 1 };
      break;
    default:
      throw new RangeError(`preset must be one of ${DATE_PRESETS.join(', ')}, got ${JSON.stringify(preset)}.`);
  }
  // A day the zone skipped (Samoa's 2011-12-30) is no start: the range starts on the day after.
  return { from: formatDay(dayIn(instantOf(asUtc(first, 12), timeZone), timeZone)), to: formatDay(today) };
}
