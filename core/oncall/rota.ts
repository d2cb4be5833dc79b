import type { Shift } from '../contract/oncall.ts';

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const formats = new Map<string, Intl.DateTimeFormat>();

/** Minutes since Monday 00:00 local time in `timezone` (0 … 10079). */
export function weekMinute(at: number, timezone: string): number {
  let f = formats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timezone, f);
  }
  const parts = f.formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return ((WEEKDAYS[get('weekday')] ?? 1) - 1) * DAY_MINUTES + Number(get('hour')) * 60 + Number(get('minute'));
}

/** How long a shift lasts in minutes: an end at or before the start ends the next day. */
export function shiftMinutes(s: Pick<Shift, 'startMinute' | 'endMinute'>): number {
  return s.endMinute > s.startMinute ? s.endMinute - s.startMinute : s.endMinute + DAY_MINUTES - s.startMinute;
}

const startOf = (s: Pick<Shift, 'weekday' | 'startMinute'>) => (s.weekday - 1) * DAY_MINUTES + s.startMinute;

/**
 * The instant near `approx` whose local week minute in `timezone` is `target`: the plain count is an hour off across
 * a clock change, so the neighbours are tried too (as quiet hours do).
 */
function localInstant(approx: number, timezone: string, target: number): number {
  for (const shift of [0, -60, 60]) {
    const at = approx + shift * MINUTE;
    if (weekMinute(at, timezone) === target % WEEK_MINUTES) return at;
  }
  return approx;
}

/** One turn of a shift: the shift and when this week's (or next week's) occurrence starts and ends. */
export interface Turn {
  shift: Shift;
  startsAt: number;
  endsAt: number;
}

/** The turn of `shift` in force at `now`, or null when it is not. */
export function currentTurn(shift: Shift, now: number): Turn | null {
  const m = weekMinute(now, shift.timezone);
  const since = (m - startOf(shift) + WEEK_MINUTES) % WEEK_MINUTES;
  const length = shiftMinutes(shift);
  if (since >= length) return null;
  const floor = now - (now % MINUTE);
  const startsAt = localInstant(floor - since * MINUTE, shift.timezone, startOf(shift));
  return { shift, startsAt, endsAt: localInstant(startsAt + length * MINUTE, shift.timezone, startOf(shift) + length) };
}

/** The next turn of `shift` that starts after `now` (within a week). */
export function nextTurn(shift: Shift, now: number): Turn {
  const m = weekMinute(now, shift.timezone);
  const until = (startOf(shift) - m + WEEK_MINUTES) % WEEK_MINUTES || WEEK_MINUTES;
  const floor = now - (now % MINUTE);
  const startsAt = localInstant(floor + until * MINUTE, shift.timezone, startOf(shift));
  const length = shiftMinutes(shift);
  return { shift, startsAt, endsAt: localInstant(startsAt + length * MINUTE, shift.timezone, startOf(shift) + length) };
}

/** Rota order: position first, then who started first, then the older shift. */
const byOrder = (a: Turn, b: Turn) => a.shift.position - b.shift.position || a.startsAt - b.startsAt || a.shift.id - b.shift.id;

/** The turns in force at `now`, in rota order. */
export function onDuty(shifts: readonly Shift[], now: number): Turn[] {
  return shifts.map((s) => currentTurn(s, now)).filter((t): t is Turn => t !== null).sort(byOrder);
}

/** The turns that start after `now`, soonest first (ties in rota order): who comes next. */
export function upcoming(shifts: readonly Shift[], now: number): Turn[] {
  return shifts.map((s) => nextTurn(s, now)).sort((a, b) => a.startsAt - b.startsAt || byOrder(a, b));
}
