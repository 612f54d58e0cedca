import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertTimeZone,
  DATE_PRESETS,
  datePresetRange,
  dayRangeToInstants,
  instantToDay,
  type DatePreset,
} from '../../src/core/date-range';

const HOUR = 3_600_000;

/** Hours from the first to the last millisecond of a one-day range, inclusive. */
function hoursIn(range: { from?: string; to?: string }): number {
  return (Date.parse(range.to!) + 1 - Date.parse(range.from!)) / HOUR;
}

describe('dayRangeToInstants', () => {
  describe('given America/New_York', () => {
    const zone = 'America/New_York';

    it('spans the 23-hour day clocks spring forward (2026-03-08)', () => {
      const range = dayRangeToInstants({ from: '2026-03-08', to: '2026-03-08' }, zone);
      // Starts at midnight EST (UTC−5), ends just before midnight EDT (UTC−4).
      expect(range).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T03:59:59.999Z' });
      expect(hoursIn(range)).toBe(23);
    });

    it('spans the 25-hour day clocks fall back (2026-11-01)', () => {
      const range = dayRangeToInstants({ from: '2026-11-01', to: '2026-11-01' }, zone);
      // Starts at midnight EDT (UTC−4), ends just before midnight EST (UTC−5).
      expect(range).toEqual({ from: '2026-11-01T04:00:00.000Z', to: '2026-11-02T04:59:59.999Z' });
      expect(hoursIn(range)).toBe(25);
    });

    it('spans an ordinary summer week', () => {
      const range = dayRangeToInstants({ from: '2026-07-01', to: '2026-07-07' }, zone);
      expect(range).toEqual({ from: '2026-07-01T04:00:00.000Z', to: '2026-07-08T03:59:59.999Z' });
      expect(hoursIn(range)).toBe(7 * 24);
    });

    it('spans a range across the spring change: one hour short of whole days', () => {
      const range = dayRangeToInstants({ from: '2026-03-07', to: '2026-03-09' }, zone);
      expect(range).toEqual({ from: '2026-03-07T05:00:00.000Z', to: '2026-03-10T03:59:59.999Z' });
      expect(hoursIn(range)).toBe(3 * 24 - 1);
    });
  });

  describe('given Europe/Berlin', () => {
    const zone = 'Europe/Berlin';

    it('spans the 23-hour day of 2026-03-29 (CET → CEST)', () => {
      const range = dayRangeToInstants({ from: '2026-03-29', to: '2026-03-29' }, zone);
      expect(range).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T21:59:59.999Z' });
      expect(hoursIn(range)).toBe(23);
    });

    it('spans the 25-hour day of 2026-10-25 (CEST → CET)', () => {
      const range = dayRangeToInstants({ from: '2026-10-25', to: '2026-10-25' }, zone);
      expect(range).toEqual({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T22:59:59.999Z' });
      expect(hoursIn(range)).toBe(25);
    });

    it('starts a winter day the evening before in UTC', () => {
      expect(dayRangeToInstants({ from: '2026-01-15' }, zone)).toEqual({ from: '2026-01-14T23:00:00.000Z' });
    });
  });

  describe('given zones far from UTC', () => {
    it('Pacific/Kiritimati (UTC+14) starts the day at 10:00 UTC the day before', () => {
      expect(dayRangeToInstants({ from: '2026-01-01', to: '2026-01-01' }, 'Pacific/Kiritimati')).toEqual({
        from: '2025-12-31T10:00:00.000Z',
        to: '2026-01-01T09:59:59.999Z',
      });
    });

    it('Pacific/Pago_Pago (UTC−11) starts the day at 11:00 UTC the same day', () => {
      expect(dayRangeToInstants({ from: '2026-01-01', to: '2026-01-01' }, 'Pacific/Pago_Pago')).toEqual({
        from: '2026-01-01T11:00:00.000Z',
        to: '2026-01-02T10:59:59.999Z',
      });
    });

    it('Asia/Kathmandu (UTC+5:45) keeps the quarter hour', () => {
      expect(dayRangeToInstants({ from: '2026-01-01', to: '2026-01-01' }, 'Asia/Kathmandu')).toEqual({
        from: '2025-12-31T18:15:00.000Z',
        to: '2026-01-01T18:14:59.999Z',
      });
    });
  });

  describe('given days whose midnight does not exist', () => {
    it('America/Santiago 2024-09-08 begins at 01:00 local, when clocks jumped from 00:00', () => {
      const range = dayRangeToInstants({ from: '2024-09-08', to: '2024-09-08' }, 'America/Santiago');
      // 01:00 at UTC−3 = 04:00Z; the next midnight (UTC−3) is 03:00Z on the 9th.
      expect(range).toEqual({ from: '2024-09-08T04:00:00.000Z', to: '2024-09-09T02:59:59.999Z' });
      expect(hoursIn(range)).toBe(23);
    });

    it('Asia/Beirut 2024-03-31 begins at 01:00 local (UTC+3)', () => {
      expect(dayRangeToInstants({ from: '2024-03-31', to: '2024-03-31' }, 'Asia/Beirut')).toEqual({
        from: '2024-03-30T22:00:00.000Z',
        to: '2024-03-31T20:59:59.999Z',
      });
    });

    it('Australia/Lord_Howe 2024-10-06 is 23½ hours long (a half-hour DST shift)', () => {
      const range = dayRangeToInstants({ from: '2024-10-06', to: '2024-10-06' }, 'Australia/Lord_Howe');
      expect(range).toEqual({ from: '2024-10-05T13:30:00.000Z', to: '2024-10-06T12:59:59.999Z' });
      expect(hoursIn(range)).toBe(23.5);
    });
  });

  describe('given UTC', () => {
    it('is the plain calendar day, leap day included', () => {
      expect(dayRangeToInstants({ from: '2026-02-28', to: '2026-02-28' }, 'UTC')).toEqual({
        from: '2026-02-28T00:00:00.000Z',
        to: '2026-02-28T23:59:59.999Z',
      });
      expect(dayRangeToInstants({ from: '2028-02-29', to: '2028-02-29' }, 'UTC')).toEqual({
        from: '2028-02-29T00:00:00.000Z',
        to: '2028-02-29T23:59:59.999Z',
      });
    });

    it('handles years before 100 as written, not as 19xx', () => {
      expect(dayRangeToInstants({ from: '0050-06-01' }, 'UTC')).toEqual({ from: '0050-06-01T00:00:00.000Z' });
    });
  });

  it('leaves an open end open, and treats an empty string as open', () => {
    const onlyFrom = dayRangeToInstants({ from: '2026-03-08' }, 'UTC');
    expect(onlyFrom).toEqual({ from: '2026-03-08T00:00:00.000Z' });
    expect(Object.keys(onlyFrom)).toEqual(['from']);
    const onlyTo = dayRangeToInstants({ to: '2026-03-08' }, 'UTC');
    expect(onlyTo).toEqual({ to: '2026-03-08T23:59:59.999Z' });
    expect(Object.keys(onlyTo)).toEqual(['to']);
    expect(dayRangeToInstants({}, 'UTC')).toEqual({});
    expect(Object.keys(dayRangeToInstants({ from: '', to: '' }, 'UTC'))).toEqual([]);
  });

  it.each(['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00'])(
    'rejects the impossible day %s with a RangeError',
    (day) => {
      expect(() => dayRangeToInstants({ from: day }, 'UTC')).toThrow(RangeError);
      expect(() => dayRangeToInstants({ to: day }, 'UTC')).toThrow(
        `to must be a real calendar day as YYYY-MM-DD, got "${day}".`,
      );
    },
  );

  it.each(['2026-3-8', '08/03/2026', '2026-03-08T00:00', ' 2026-03-08', '20260308', 'yesterday'])(
    'rejects the malformed day %j',
    (day) => {
      expect(() => dayRangeToInstants({ from: day }, 'UTC')).toThrow(/from must be a real calendar day as YYYY-MM-DD/);
    },
  );

  it('rejects from after to, and accepts them equal', () => {
    expect(() => dayRangeToInstants({ from: '2026-03-09', to: '2026-03-08' }, 'UTC')).toThrow(
      'from (2026-03-09) must not be after to (2026-03-08).',
    );
    expect(() => dayRangeToInstants({ from: '2026-03-08', to: '2026-03-08' }, 'UTC')).not.toThrow();
  });

  it.each(['Mars/Olympus', 'America/New York', '', 'EST+5'])('rejects the time zone %j', (zone) => {
    expect(() => dayRangeToInstants({ from: '2026-03-08' }, zone)).toThrow(RangeError);
    expect(() => dayRangeToInstants({}, zone)).toThrow(
      `timeZone must be an IANA time zone such as "America/New_York", got ${JSON.stringify(zone)}.`,
    );
  });
});

describe('instantToDay', () => {
  it('gives the day an instant falls on in the zone', () => {
    expect(instantToDay('2026-03-09T03:59:59.999Z', 'America/New_York')).toBe('2026-03-08');
    expect(instantToDay('2026-03-09T04:00:00.000Z', 'America/New_York')).toBe('2026-03-09');
    expect(instantToDay('2025-12-31T10:00:00.000Z', 'Pacific/Kiritimati')).toBe('2026-01-01');
    expect(instantToDay('2025-12-31T09:59:59.999Z', 'Pacific/Kiritimati')).toBe('2025-12-31');
    expect(instantToDay('2026-01-01T10:59:59.999Z', 'Pacific/Pago_Pago')).toBe('2025-12-31');
    expect(instantToDay('2026-01-01T23:59:59.999Z', 'UTC')).toBe('2026-01-01');
  });

  it('reads instants written with an offset', () => {
    // 00:30 at +05:45 is 18:45Z the day before.
    expect(instantToDay('2026-03-08T00:30:00+05:45', 'Asia/Kathmandu')).toBe('2026-03-08');
    expect(instantToDay('2026-03-08T00:30:00+05:45', 'UTC')).toBe('2026-03-07');
  });

  it('rejects what is not a date-time, and unknown zones', () => {
    expect(() => instantToDay('not a date', 'UTC')).toThrow(/iso must be an ISO 8601 date-time, got "not a date"/);
    expect(() => instantToDay('', 'UTC')).toThrow(RangeError);
    expect(() => instantToDay('2026-03-08T00:00:00Z', 'Nowhere/Special')).toThrow(/timeZone must be an IANA/);
  });

  it('undoes dayRangeToInstants on both ends, and the millisecond before "from" is the day before', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'Europe/Berlin',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Asia/Kathmandu',
      'America/Santiago',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1980-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (date, zone) => {
          const day = date.toISOString().slice(0, 10);
          const range = dayRangeToInstants({ from: day, to: day }, zone);
          expect(instantToDay(range.from!, zone)).toBe(day);
          expect(instantToDay(range.to!, zone)).toBe(day);
          expect(instantToDay(new Date(Date.parse(range.from!) - 1).toISOString(), zone)).not.toBe(day);
          expect(instantToDay(new Date(Date.parse(range.to!) + 1).toISOString(), zone)).not.toBe(day);
          expect([23, 23.5, 24, 24.5, 25]).toContain(hoursIn(range));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('datePresetRange', () => {
  // 02:00 UTC on March 10 is still the evening of March 9 in New York (EDT, UTC−4).
  const now = new Date('2026-03-10T02:00:00.000Z');

  it.each<[DatePreset, string, string]>([
    ['today', '2026-03-09', '2026-03-09'],
    ['last7Days', '2026-03-03', '2026-03-09'],
    ['last30Days', '2026-02-08', '2026-03-09'],
    ['thisMonth', '2026-03-01', '2026-03-09'],
  ])('%s in America/New_York ends on the local today', (preset, from, to) => {
    expect(datePresetRange(preset, now, 'America/New_York')).toEqual({ from, to });
  });

  it('depends on the zone: the same instant is a different today far east and far west', () => {
    expect(datePresetRange('today', now, 'UTC')).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    expect(datePresetRange('today', now, 'Pacific/Kiritimati')).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    expect(datePresetRange('today', now, 'Pacific/Pago_Pago')).toEqual({ from: '2026-03-09', to: '2026-03-09' });
  });

  it('crosses month and year boundaries', () => {
    // Midnight on New Year's Day in Kiritimati is 10:00 UTC on Dec 31.
    const newYear = new Date('2025-12-31T10:00:00.000Z');
    expect(datePresetRange('last7Days', newYear, 'Pacific/Kiritimati')).toEqual({ from: '2025-12-26', to: '2026-01-01' });
    expect(datePresetRange('thisMonth', newYear, 'Pacific/Kiritimati')).toEqual({ from: '2026-01-01', to: '2026-01-01' });
    expect(datePresetRange('thisMonth', newYear, 'UTC')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    // 03:00 UTC on March 1 is still February 28 in Pago Pago.
    expect(datePresetRange('thisMonth', new Date('2026-03-01T03:00:00Z'), 'Pacific/Pago_Pago')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('counts 30 days across February in leap and common years', () => {
    expect(datePresetRange('last30Days', new Date('2028-03-01T12:00:00Z'), 'UTC')).toEqual({ from: '2028-02-01', to: '2028-03-01' });
    expect(datePresetRange('last30Days', new Date('2026-03-01T12:00:00Z'), 'UTC')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('switches at local midnight in Kathmandu (+5:45)', () => {
    expect(datePresetRange('thisMonth', new Date('2026-01-31T18:14:59.999Z'), 'Asia/Kathmandu')).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(datePresetRange('thisMonth', new Date('2026-01-31T18:15:00.000Z'), 'Asia/Kathmandu')).toEqual({
      from: '2026-02-01',
      to: '2026-02-01',
    });
  });

  it('gives calendar days (not 24-hour steps) across a DST change', () => {
    // Seven calendar days ending on 2026-03-10 in New York include the 23-hour March 8.
    const range = datePresetRange('last7Days', new Date('2026-03-10T16:00:00Z'), 'America/New_York');
    expect(range).toEqual({ from: '2026-03-04', to: '2026-03-10' });
    expect(hoursIn(dayRangeToInstants(range, 'America/New_York'))).toBe(7 * 24 - 1);
  });

  it('lists every preset and rejects others, bad dates and bad zones', () => {
    expect(DATE_PRESETS).toEqual(['today', 'last7Days', 'last30Days', 'thisMonth']);
    expect(() => datePresetRange('yesterday' as DatePreset, now, 'UTC')).toThrow(
      'preset must be one of today, last7Days, last30Days, thisMonth, got "yesterday".',
    );
    expect(() => datePresetRange('today', new Date(Number.NaN), 'UTC')).toThrow(/now must be a valid Date/);
    expect(() => datePresetRange('today', now, 'Mars/Olympus')).toThrow(/timeZone must be an IANA/);
  });
});

describe('assertTimeZone', () => {
  it('accepts IANA zones and UTC, and throws a RangeError otherwise', () => {
    expect(() => assertTimeZone('Asia/Kathmandu')).not.toThrow();
    expect(() => assertTimeZone('UTC')).not.toThrow();
    expect(() => assertTimeZone('Not/AZone')).toThrow(RangeError);
    expect(() => assertTimeZone(undefined as unknown as string)).toThrow(/got undefined/);
  });
});
