import { describe, expect, it } from 'vitest';
import { endMinuteOf, hm, minuteOf, quietSummary, shiftHours, shiftsByDay } from './oncall-form.ts';

const shift = (id: number, weekday: number, startMinute: number, endMinute: number) =>
  ({ id, login: 'bo', weekday, startMinute, endMinute, timezone: 'UTC', position: 0 });

describe('on duty form helpers', () => {
  it('reads and writes times of day', () => {
    expect(hm(540)).toBe('09:00');
    expect(minuteOf('09:30')).toBe(570);
    expect(minuteOf('')).toBeNull();
    expect(minuteOf('25:00')).toBeNull();
    // An end at midnight is the end of the day.
    expect(endMinuteOf('00:00')).toBe(1440);
    expect(endMinuteOf('17:00')).toBe(1020);
  });

  it('says a shift\'s hours plainly, night shifts and whole days included', () => {
    expect(shiftHours({ startMinute: 540, endMinute: 1020 })).toBe('09:00–17:00');
    expect(shiftHours({ startMinute: 1320, endMinute: 360 })).toBe('22:00–06:00 (next day)');
    expect(shiftHours({ startMinute: 1080, endMinute: 1440 })).toBe('18:00–00:00');
    expect(shiftHours({ startMinute: 0, endMinute: 1440 })).toBe('all day');
  });

  it('summarises quiet hours', () => {
    expect(quietSummary({ enabled: false, startMinute: 1320, endMinute: 420, timezone: 'UTC' })).toBe('Off');
    expect(quietSummary({ enabled: true, startMinute: 1320, endMinute: 420, timezone: 'Europe/Berlin' })).toBe('22:00–07:00 (Europe/Berlin)');
  });

  it('groups shifts by weekday, Monday first, each day by start', () => {
    const days = shiftsByDay([shift(1, 3, 600, 700), shift(2, 3, 500, 600), shift(3, 1, 0, 1440)]);
    expect([...days.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(days.get(3)!.map((s) => s.id)).toEqual([2, 1]);
    expect(days.get(2)).toEqual([]);
  });
});
