/** Calendar maths in a named time zone (IANA), DST-correct: local dates and hours to epoch ms and back. */

const DAY = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    formats.set(zone, f);
  }
  return f;
}

export interface LocalParts { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number }

/** The wall-clock reading at `t` in `zone`; weekday 1 Monday … 7 Sunday. */
export function localParts(t: number, zone: string): LocalParts {
  const parts = format(zone).formatToParts(t);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const p = { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
  const weekday = ((new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7) + 1;
  return { ...p, weekday };
}

/** How far `zone` is ahead of UTC at `t` (ms). */
function offsetAt(t: number, zone: string): number {
  const p = localParts(t, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant the local clock in `zone` first reads year-month-day hour:00 (month 1-12; out-of-range days and months
 * roll over as in Date.UTC). An hour skipped by a DST change starts when the clock jumps past it.
 */
export function zonedTime(zone: string, year: number, month: number, day: number, hour = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour);
  // The zone's offsets half a day either side (at most one change between them): a wall time that happens once, twice
  // (the repeated hour: the earlier wins) or never (the skipped hour: the moment the clock jumps past it).
  const before = offsetAt(wall - DAY / 2, zone);
  const after = offsetAt(wall + DAY / 2, zone);
  const valid = [wall - before, wall - after].filter((t) => offsetAt(t, zone) === wall - t);
  return valid.length ? Math.min(...valid) : wall - Math.min(before, after);
}

export type PeriodKind = 'week' | 'month' | 'day';

export interface Period { from: number; to: number; label: string }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "30 November 2026" from a local date. */
export function dateWords(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * The day, week (Monday to Sunday) or calendar month containing `now` in `zone`, moved by `offset` periods (-1: the
 * one before). Boundaries are local midnights, so a week across a DST change is 167 or 169 hours long.
 */
export function periodOf(kind: PeriodKind, offset: number, now: number, zone: string): Period {
  const p = localParts(now, zone);
  if (kind === 'month') {
    const from = zonedTime(zone, p.year, p.month + offset, 1);
    const to = zonedTime(zone, p.year, p.month + offset + 1, 1);
    const d = new Date(Date.UTC(p.year, p.month - 1 + offset, 1));
    return { from, to, label: `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` };
  }
  const span = kind === 'week' ? 7 : 1;
  const first = p.day - (kind === 'week' ? p.weekday - 1 : 0) + offset * span;
  const from = zonedTime(zone, p.year, p.month, first);
  const to = zonedTime(zone, p.year, p.month, first + span);
  const start = new Date(Date.UTC(p.year, p.month - 1, first));
  const words = dateWords(start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate());
  return { from, to, label: kind === 'week' ? `Week of ${words}` : words };
}

/** Whether `zone` names a time zone this runtime knows. */
export function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export { DAY };
