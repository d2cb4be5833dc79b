import { nextExpected, type ConcreteSchedule } from '../sync/schedules/index.ts';
import { DAY } from './buckets.ts';

/** A stretch of whole days and how many runs a schedule expected in it. */
export interface ExpectedWindow {
  from: number;
  to: number;
  expected: number;
}

/** Runs a day cannot sensibly hold; a schedule beyond it counts this many (an every-second cron would otherwise loop 86 400 times). */
const MAX_PER_DAY = 2880;
const cronDays = new Map<string, number>();

/** Scheduled fire times in [from, to), counted by stepping the schedule (capped). Past whole days are cached per schedule. */
export function firesBetween(s: ConcreteSchedule, from: number, to: number, now: number): number {
  const cacheable = to - from === DAY && to <= now && s.kind !== 'interval';
  const key = cacheable ? `${JSON.stringify(s)}@${from}` : '';
  const hit = cacheable ? cronDays.get(key) : undefined;
  if (hit !== undefined) return hit;
  let n = 0;
  for (let t = nextExpected(s, from - 1); t !== null && t < to && n < MAX_PER_DAY; t = nextExpected(s, t)) n += 1;
  if (cacheable) {
    if (cronDays.size > 200_000) cronDays.clear();
    cronDays.set(key, n);
  }
  return n;
}

/**
 * The windows an SLA counts missed runs in over the days [from, to) (day-aligned), from `since` (the workflow's first
 * run) up to `cutoff` (now less the grace): one window a day, or one per interval for schedules longer than a day.
 * Interval schedules have no phase, so a window expects its length divided by the interval, rounded down. Calls
 * `visit` per window rather than building them: a 90-day SLA of 500 workflows would make 45 000 objects per refresh.
 */
export function forEachWindow(s: ConcreteSchedule, from: number, to: number, since: number, cutoff: number,
  visit: (from: number, to: number, expected: number) => void): void {
  const start = Math.max(from, Math.floor(since / DAY) * DAY);
  const end = Math.min(to, cutoff);
  if (start >= end) return;
  const span = s.kind === 'interval' ? Math.max(1, Math.ceil(s.everyMs / DAY)) * DAY : DAY;
  for (let a = start; a < end; a += span) {
    const b = Math.min(a + span, to);
    const until = Math.min(b, cutoff);
    const expected = s.kind === 'interval'
      ? Math.floor(Math.max(0, until - Math.max(a, since)) / s.everyMs)
      : firesBetween(s, Math.max(a, since), until, cutoff);
    visit(a, b, expected);
  }
}

/** The windows of `forEachWindow` as a list. */
export function expectedWindows(s: ConcreteSchedule, from: number, to: number, since: number, cutoff: number): ExpectedWindow[] {
  const out: ExpectedWindow[] = [];
  forEachWindow(s, from, to, since, cutoff, (a, b, expected) => out.push({ from: a, to: b, expected }));
  return out;
}
