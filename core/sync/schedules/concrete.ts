import { Cron } from 'croner';

/** A weekly window a schedule only runs inside: local weekdays (0 = Sunday; null = every day) and [from, to) minutes of the day. */
export interface ActiveWindow {
  days: readonly number[] | null;
  fromMinute: number;
  toMinute: number;
  timezone: string;
}

/**
 * A concrete expectation of when runs are due:
 * - `interval`: every `everyMs` after the previous run (no phase);
 * - `cron`: a cron expression read in a time zone;
 * - `crons`: several crons in one zone (a GitHub file can list several): a run is due at the earliest of them;
 * - `windowed`: an interval that only runs inside a weekly window (Make's "restrict").
 * A cron kind may carry `minGapMs`: the vendor never starts runs closer together than that (GitHub: 5 minutes), so a
 * run is due at the first fire at least that long after the previous one.
 * Every kind goes through `nextExpected`; code that needs no kind-specific detail should use only that.
 */
export type ConcreteSchedule =
  | { kind: 'interval'; everyMs: number }
  | { kind: 'cron'; cron: string; timezone: string; minGapMs?: number }
  | { kind: 'crons'; crons: string[]; timezone: string; minGapMs?: number }
  | { kind: 'windowed'; everyMs: number; window: ActiveWindow };

const crons = new Map<string, Cron>();

function cronOf(expr: string, timezone: string): Cron {
  const key = `${timezone} ${expr}`;
  let c = crons.get(key);
  if (!c) {
    c = new Cron(expr, { timezone, paused: true });
    if (crons.size > 1000) crons.clear();
    crons.set(key, c);
  }
  return c;
}

/** Null when the zone is an IANA name this runtime knows, else a sentence for the field. */
export function timezoneProblem(timezone: string): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return null;
  } catch {
    return `"${timezone}" is not a known time zone (use an IANA name such as Europe/Berlin).`;
  }
}

/** Null when the cron expression and time zone are usable, else a sentence for the field. */
export function cronProblem(expr: string, timezone: string): string | null {
  const zone = timezoneProblem(timezone);
  if (zone) return zone;
  try {
    if (!new Cron(expr, { timezone, paused: true }).nextRun(new Date(0))) return 'This cron expression never fires.';
    return null;
  } catch (error) {
    return `Not a valid cron expression: ${(error as Error).message.replace(/^CronPattern: /, '')}`;
  }
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

/** Local weekday and minute of the day of `t` in a zone. */
function localTime(t: number, timezone: string): { weekday: number; minute: number } {
  let f = formats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timezone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  return { weekday: WEEKDAYS[parts['weekday'] ?? ''] ?? 0, minute: Number(parts['hour']) * 60 + Number(parts['minute']) };
}

export function inWindow(w: ActiveWindow, t: number): boolean {
  const { weekday, minute } = localTime(t, w.timezone);
  return (w.days === null || w.days.includes(weekday)) && minute >= w.fromMinute && minute < w.toMinute;
}

/** When the window next opens after `t` (its first minute on an allowed day). */
function nextOpening(w: ActiveWindow, t: number): number | null {
  const days = w.days === null ? '*' : w.days.join(',');
  return cronOf(`${w.fromMinute % 60} ${Math.floor(w.fromMinute / 60)} * * ${days}`, w.timezone).nextRun(new Date(t))?.getTime() ?? null;
}

/** The earliest fire of several crons strictly after `after`. */
function firstFire(exprs: readonly string[], timezone: string, after: number): number | null {
  let first: number | null = null;
  for (const expr of exprs) {
    const t = cronOf(expr, timezone).nextRun(new Date(after))?.getTime() ?? null;
    if (t !== null && (first === null || t < first)) first = t;
  }
  return first;
}

/** The first fire after `after`, or, when that is closer than `minGapMs`, the first at least `minGapMs` after it. */
function spaced(exprs: readonly string[], timezone: string, after: number, minGapMs: number | undefined): number | null {
  const t = firstFire(exprs, timezone, after);
  return !minGapMs || t === null || t >= after + minGapMs ? t : firstFire(exprs, timezone, after + minGapMs - 1);
}

/** The first time a run is due strictly after `after`. */
export function nextExpected(s: ConcreteSchedule, after: number): number | null {
  switch (s.kind) {
    case 'interval': return after + s.everyMs;
    case 'cron': return spaced([s.cron], s.timezone, after, s.minGapMs);
    case 'crons': return spaced(s.crons, s.timezone, after, s.minGapMs);
    case 'windowed': {
      const due = after + s.everyMs;
      if (inWindow(s.window, due)) return due;
      // Outside the window the vendor waits for it to open; allow one interval after the opening for the first run.
      const opens = nextOpening(s.window, due);
      return opens === null ? null : opens + s.everyMs;
    }
  }
}
