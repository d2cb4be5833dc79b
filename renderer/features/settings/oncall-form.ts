import type { PersonQuietHours, Shift } from '../../../core/contract/oncall.ts';

/** Monday first, as the rota's weekdays run (1 Monday … 7 Sunday). */
export const WEEKDAYS = [
  { day: 1, name: 'Monday', short: 'Mon' }, { day: 2, name: 'Tuesday', short: 'Tue' }, { day: 3, name: 'Wednesday', short: 'Wed' },
  { day: 4, name: 'Thursday', short: 'Thu' }, { day: 5, name: 'Friday', short: 'Fri' }, { day: 6, name: 'Saturday', short: 'Sat' },
  { day: 7, name: 'Sunday', short: 'Sun' },
] as const;

/** 540 → "09:00"; 1440 (the end of a whole day) → "24:00". */
export function hm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** "09:30" → 570; an empty or broken value → null. */
export function minuteOf(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/** A shift's end as the time field takes it: midnight is "00:00" (the core reads an end at or before the start as the next day). */
export function endMinuteOf(value: string): number | null {
  const m = minuteOf(value);
  return m === 0 ? 1440 : m;
}

/** "09:00–17:00", "22:00–06:00 (next day)", "all day". */
export function shiftHours(s: Pick<Shift, 'startMinute' | 'endMinute'>): string {
  if (s.startMinute === 0 && s.endMinute === 1440) return 'all day';
  const next = s.endMinute <= s.startMinute && s.endMinute !== 1440;
  return `${hm(s.startMinute)}–${hm(s.endMinute === 1440 ? 0 : s.endMinute)}${next ? ' (next day)' : ''}`;
}

/** "Off", or "22:00–07:00 (Europe/Berlin)". */
export function quietSummary(q: PersonQuietHours): string {
  return q.enabled ? `${hm(q.startMinute)}–${hm(q.endMinute)} (${q.timezone})` : 'Off';
}

/** The rota's shifts by weekday, each day's in the order they start. */
export function shiftsByDay(shifts: readonly Shift[]): Map<number, Shift[]> {
  const days = new Map<number, Shift[]>(WEEKDAYS.map((w) => [w.day, []]));
  for (const s of [...shifts].sort((a, b) => a.startMinute - b.startMinute || a.position - b.position)) days.get(s.weekday)?.push(s);
  return days;
}
