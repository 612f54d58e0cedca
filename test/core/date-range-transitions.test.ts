// The rarer clock changes a zone's day math must get right: a midnight the clocks show twice, a day a zone
// skipped altogether, and instants long before the epoch.
import { describe, expect, it } from 'vitest';
import { datePresetRange, dayRangeToInstants, instantToDay } from '../../src/core/date-range';

describe('given a midnight the clocks show twice (Cuba falls back from 01:00 to 00:00, on 2026-11-01)', () => {
  it('starts the day at the first midnight, so the day is 25 hours long and the day before ends where it starts', () => {
    const day = dayRangeToInstants({ from: '2026-11-01', to: '2026-11-01' }, 'America/Havana');
    expect(day).toEqual({ from: '2026-11-01T04:00:00.000Z', to: '2026-11-02T04:59:59.999Z' });
    const before = dayRangeToInstants({ to: '2026-10-31' }, 'America/Havana');
    expect(Date.parse(day.from!) - Date.parse(before.to!)).toBe(1);
  });
});

describe('given a day the zone skipped (Samoa went from 2011-12-29 straight to 2011-12-31)', () => {
  it('refuses the skipped day as a day that does not exist there, and joins the days around it', () => {
    expect(() => dayRangeToInstants({ from: '2011-12-30' }, 'Pacific/Apia')).toThrow(/real calendar day/);
    const { to } = dayRangeToInstants({ to: '2011-12-29' }, 'Pacific/Apia');
    const { from } = dayRangeToInstants({ from: '2011-12-31' }, 'Pacific/Apia');
    expect(Date.parse(from!) - Date.parse(to!)).toBe(1);
  });

  it('starts a preset that would begin on the skipped day on the day after', () => {
    expect(datePresetRange('last7Days', new Date('2012-01-05T01:04:35.182Z'), 'Pacific/Apia')).toEqual({ from: '2011-12-31', to: '2012-01-05' });
  });
});

describe('given years far from now', () => {
  it('reads years before 1 as Date does (year 0 is 1 BC)', () => {
    expect(instantToDay('0000-06-15T12:00:00Z', 'UTC')).toBe('0000-06-15');
    expect(dayRangeToInstants({ from: '0000-06-15' }, 'UTC')).toEqual({ from: '0000-06-15T00:00:00.000Z' });
  });
});
