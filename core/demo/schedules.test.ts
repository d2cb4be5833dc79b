import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS } from './catalog.ts';
import { createRng, mulberry32 } from './prng.ts';
import { cronOf, DAY, HOUR, isWeekend, nextSlot, slotTimes, triggerTimes, type Trigger } from './schedules.ts';

// Monday 2026-11-23 00:00 UTC, and the week that follows.
const MONDAY = Date.UTC(2026, 10, 23);
const WEEK = 7 * DAY;

describe('prng', () => {
  it('repeats a sequence for a seed and differs across seeds', () => {
    const take = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    for (const u of take(9)) expect(u >= 0 && u < 1).toBe(true);
  });

  it('draws log-normal values around their median', () => {
    const rng = createRng(1);
    const xs = Array.from({ length: 4001 }, () => rng.logNormal(1000, 0.5)).sort((a, b) => a - b);
    expect(xs[2000]).toBeGreaterThan(900);
    expect(xs[2000]).toBeLessThan(1100);
    expect(xs[3900]! / xs[2000]!).toBeGreaterThan(2);
  });
});

describe('triggerTimes', () => {
  it('fires an interval schedule once per slot, in order', () => {
    const times = triggerTimes({ kind: 'every', minutes: 15 }, MONDAY, MONDAY + DAY, createRng(1));
    expect(times).toHaveLength(96);
    times.forEach((t, i) => expect(t - (MONDAY + i * 15 * 60_000)).toBeLessThan(1500));
  });

  it('skips weekends for weekday-only schedules and keeps the wall-clock time', () => {
    const times = triggerTimes({ kind: 'daily', hour: 6, weekdaysOnly: true }, MONDAY, MONDAY + WEEK, createRng(1));
    expect(times).toHaveLength(5);
    for (const t of times) {
      expect(isWeekend(t)).toBe(false);
      expect(new Date(t).getUTCHours()).toBe(6);
    }
  });

  it('shapes webhook events by office hours and weekdays', () => {
    const times = triggerTimes({ kind: 'events', perDay: 200, weekendFactor: 0.2 }, MONDAY, MONDAY + WEEK, createRng(3));
    const hourOf = (t: number) => new Date(t).getUTCHours();
    const weekday = times.filter((t) => !isWeekend(t));
    const office = weekday.filter((t) => hourOf(t) >= 9 && hourOf(t) < 17).length;
    const night = weekday.filter((t) => hourOf(t) < 6).length;
    expect(weekday.length).toBeGreaterThan(800);
    expect(office).toBeGreaterThan(10 * night);
    const weekendPerDay = (times.length - weekday.length) / 2;
    expect(weekendPerDay).toBeLessThan(0.4 * (weekday.length / 5));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    for (const t of times) expect(t >= MONDAY && t < MONDAY + WEEK).toBe(true);
  });

  it('gives a slot just before the end of the window its run, by the end at the latest', () => {
    const to = MONDAY + 15 * 60_000 + 1;
    const times = triggerTimes({ kind: 'every', minutes: 15, jitterMs: 20_000 }, MONDAY, to, createRng(4));
    expect(times).toHaveLength(2);
    expect(times[1]).toBeLessThan(to);
    expect(times[1]).toBeGreaterThanOrEqual(MONDAY + 15 * 60_000);
  });

  it('keeps every time inside the window', () => {
    const from = MONDAY + 7 * 60_000;
    const to = from + 3 * HOUR;
    for (const trigger of [{ kind: 'every', minutes: 5 }, { kind: 'manual', perWeek: 50 }, { kind: 'daily', hour: 1 }] as const) {
      for (const t of triggerTimes(trigger, from, to, createRng(5))) expect(t >= from && t < to).toBe(true);
    }
  });
});

describe('nextSlot', () => {
  it('is the first slot at or after a time, over weekends and for every catalog schedule', () => {
    const saturday = MONDAY - 2 * DAY;
    expect(nextSlot({ kind: 'every', minutes: 5 }, MONDAY + 1)).toBe(MONDAY + 5 * 60_000);
    expect(nextSlot({ kind: 'every', minutes: 5 }, MONDAY)).toBe(MONDAY);
    expect(nextSlot({ kind: 'every', minutes: 60, weekdaysOnly: true }, saturday + HOUR)).toBe(MONDAY);
    expect(nextSlot({ kind: 'daily', hour: 6, weekdaysOnly: true }, MONDAY - 3 * DAY + 7 * HOUR)).toBe(MONDAY + 6 * HOUR);
    expect(nextSlot({ kind: 'daily', hour: 7, minute: 30 }, MONDAY + 7 * HOUR + 30 * 60_000)).toBe(MONDAY + 7 * HOUR + 30 * 60_000);
    // A weekly interval keeps the epoch's weekday: Thursday.
    expect(nextSlot({ kind: 'every', minutes: 7 * 1440, weekdaysOnly: true }, MONDAY)).toBe(MONDAY + 3 * DAY);
    for (const wf of WORKFLOWS) {
      const t = wf.trigger;
      if (t.kind !== 'every' && t.kind !== 'daily') continue;
      for (const from of [saturday + 1, MONDAY + 13 * HOUR + 1]) expect([wf.key, nextSlot(t, from)]).toEqual([wf.key, slotTimes(t, from, from + 8 * DAY)[0]]);
    }
  });
});

describe('cronOf', () => {
  it('states daily and interval triggers as five-field crons, and nothing for events or manual runs', () => {
    const cases: [Trigger, string | null][] = [
      [{ kind: 'daily', hour: 3 }, '0 3 * * *'],
      [{ kind: 'daily', hour: 7, minute: 30, weekdaysOnly: true }, '30 7 * * 1-5'],
      [{ kind: 'every', minutes: 15 }, '*/15 * * * *'],
      [{ kind: 'every', minutes: 1 }, '* * * * *'],
      [{ kind: 'every', minutes: 60, weekdaysOnly: true }, '0 * * * 1-5'],
      [{ kind: 'every', minutes: 120 }, '0 */2 * * *'],
      [{ kind: 'every', minutes: 45 }, null],
      [{ kind: 'events', perDay: 10 }, null],
      [{ kind: 'manual', perWeek: 3 }, null],
    ];
    for (const [trigger, cron] of cases) expect([trigger, cronOf(trigger)]).toEqual([trigger, cron]);
  });

  it('fires exactly at the slots the demo starts each scheduled catalog workflow on, for a week', () => {
    const from = MONDAY - 2 * DAY;
    const to = from + WEEK;
    let checked = 0;
    for (const wf of WORKFLOWS) {
      const t = wf.trigger;
      const cron = cronOf(t);
      if (!cron || (t.kind !== 'every' && t.kind !== 'daily')) continue;
      const c = new Cron(cron, { timezone: 'UTC', paused: true });
      const fires: number[] = [];
      for (let next = c.nextRun(new Date(from - 1)); next && next.getTime() < to; next = c.nextRun(next)) fires.push(next.getTime());
      expect([wf.key, slotTimes(t, from, to)]).toEqual([wf.key, fires]);
      // Seeded runs start on those slots, a few seconds late at most (Zapier and Make poll more loosely).
      const runs = triggerTimes(t, from, to, createRng(2));
      expect(runs.length).toBe(fires.length);
      runs.forEach((r, i) => expect(r - fires[i]!).toBeLessThan(t.kind === 'every' ? (t.jitterMs ?? 1500) : 2000));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});
