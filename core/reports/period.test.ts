import { describe, expect, it } from 'vitest';
import { lastSlot, nextSlot } from './digest.ts';
import { periodOf, zonedTime } from './period.ts';

describe('periods in a time zone', () => {
  it('finds local midnights and hours across DST changes', () => {
    // Berlin springs forward at 02:00 on 29 March 2026: 02:00 never happens, the clock reads 03:00 at 01:00 UTC.
    expect(zonedTime('Europe/Berlin', 2026, 3, 29, 2)).toBe(Date.UTC(2026, 2, 29, 1));
    // Falls back on 25 October: 02:00 happens twice; the first one counts.
    expect(zonedTime('Europe/Berlin', 2026, 10, 25, 2)).toBe(Date.UTC(2026, 9, 25, 0));
    expect(zonedTime('Asia/Kolkata', 2026, 12, 1)).toBe(Date.UTC(2026, 10, 30, 18, 30));
  });

  it('makes weeks Monday to Sunday and months calendar months, one shorter or longer across a change', () => {
    const week = periodOf('week', -1, Date.UTC(2026, 2, 31, 12), 'Europe/Berlin');
    expect(week).toEqual({ from: Date.UTC(2026, 2, 22, 23), to: Date.UTC(2026, 2, 29, 22), label: 'Week of 23 March 2026' });
    expect((week.to - week.from) / 3_600_000).toBe(167);
    expect(periodOf('month', -1, Date.UTC(2026, 0, 2, 3), 'America/New_York'))
      .toEqual({ from: Date.UTC(2025, 11, 1, 5), to: Date.UTC(2026, 0, 1, 5), label: 'December 2025' });
    expect(periodOf('day', 0, Date.UTC(2026, 5, 1, 23), 'Asia/Tokyo').label).toBe('2 June 2026');
  });

  it('schedules a weekly digest on its weekday at its local hour', () => {
    const s = { cadence: 'weekly' as const, hour: 9, weekday: 5, timezone: 'Europe/London' };
    const wed = Date.UTC(2026, 2, 25, 12);
    expect(nextSlot(s, wed)).toBe(Date.UTC(2026, 2, 27, 9));
    expect(lastSlot(s, wed)).toBe(Date.UTC(2026, 2, 20, 9));
    // After London moves to summer time (29 March), 09:00 is 08:00 UTC.
    expect(nextSlot(s, Date.UTC(2026, 2, 28))).toBe(Date.UTC(2026, 3, 3, 8));
    expect(nextSlot({ ...s, cadence: 'off' }, wed)).toBeNull();
  });
});
