import { describe, expect, it } from 'vitest';
import { cycleAt } from './cycle.ts';
import { forecastAtCycleEnd } from './forecast.ts';

const at = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h);

describe('billing cycles (midnight UTC on the billing day)', () => {
  it.each([
    ['mid-month', 15, at(2026, 11, 20), at(2026, 11, 15), at(2026, 12, 15)],
    ['before the day: the cycle began last month', 15, at(2026, 11, 10), at(2026, 10, 15), at(2026, 11, 15)],
    ['exactly at the start', 1, at(2026, 11, 1), at(2026, 11, 1), at(2026, 12, 1)],
    ['over the new year', 20, at(2027, 1, 5), at(2026, 12, 20), at(2027, 1, 20)],
    ['day 31 in February begins on the 28th', 31, at(2027, 3, 1, 12), at(2027, 2, 28), at(2027, 3, 31)],
    ['day 30 in a leap February begins on the 29th', 30, at(2028, 3, 10), at(2028, 2, 29), at(2028, 3, 30)],
  ])('%s', (_name, day, now, start, end) => {
    expect(cycleAt(day, now)).toEqual({ start, end });
  });
});

describe('the forecast', () => {
  it('extends the recent rate over the time left, and says nothing with less than an hour of history', () => {
    const cycle = { start: at(2026, 11, 1), end: at(2026, 12, 1) };
    const now = at(2026, 11, 21);
    // 70 in the last 7 days = 10 a day; 10 days left.
    expect(forecastAtCycleEnd({ cycle, now, used: 300, recent: 70, rateFrom: now - 7 * 86_400_000 })).toBeCloseTo(400, 9);
    expect(forecastAtCycleEnd({ cycle, now, used: 3, recent: 3, rateFrom: now - 59 * 60_000 })).toBeNull();
    // At the very end nothing is left to extend.
    expect(forecastAtCycleEnd({ cycle, now: cycle.end, used: 500, recent: 70, rateFrom: cycle.end - 7 * 86_400_000 })).toBe(500);
  });
});
