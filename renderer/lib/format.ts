const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "350 ms", "4.2 s", "2 min 3 s", "1 h 5 min", "2 d 3 h"; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < 10 * SECOND) {
    const tenths = Math.floor(ms / 100) / 10;
    return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)} s`;
  }
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s`;
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small > 0 ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
  if (ms < HOUR) return pair(Math.floor(ms / MINUTE), 'min', Math.floor((ms % MINUTE) / SECOND), 's');
  if (ms < DAY) return pair(Math.floor(ms / HOUR), 'h', Math.floor((ms % HOUR) / MINUTE), 'min');
  return pair(Math.floor(ms / DAY), 'd', Math.floor((ms % DAY) / HOUR), 'h');
}

function startOfDay(ts: number): number {
  const d = new Date(ts);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Whole local calendar days between two instants (DST-safe: counts dates, not 24 h blocks). */
function calendarDaysBetween(earlier: number, later: number): number {
  return Math.round((startOfDay(later) - startOfDay(earlier)) / DAY);
}

function clock(ts: number, locale: string | undefined): string {
  return new Date(ts).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/** Local time in plain words: "14:02, today", "09:15, yesterday", "Mon 3 Jun, 14:02", "3 Jun 2023, 14:02". */
export function formatWhen(ts: number | null | undefined, now: number, locale?: string): string {
  if (ts === null || ts === undefined) return '—';
  const days = calendarDaysBetween(ts, now);
  if (days === 0) return `${clock(ts, locale)}, today`;
  if (days === 1) return `${clock(ts, locale)}, yesterday`;
  const sameYear = new Date(ts).getFullYear() === new Date(now).getFullYear();
  const date = new Date(ts).toLocaleDateString(locale, sameYear
    ? { weekday: 'short', day: 'numeric', month: 'short' }
    : { day: 'numeric', month: 'short', year: 'numeric' });
  return `${date}, ${clock(ts, locale)}`;
}

/** Full local timestamp for the detail panel, with seconds. */
export function formatFullDateTime(ts: number | null | undefined, locale?: string): string {
  if (ts === null || ts === undefined) return '—';
  return new Date(ts).toLocaleString(locale, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

/** "just now", "5 min ago", "3 h ago", "2 days ago"; a future instant reads "just now". */
export function formatAgo(ts: number | null | undefined, now: number): string {
  if (ts === null || ts === undefined) return 'never';
  const diff = now - ts;
  if (diff < MINUTE) return 'just now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)} h ago`;
  const days = Math.floor(diff / DAY);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** Value for an <input type="datetime-local"> in local time, minute precision ("2024-06-03T14:02"). */
export function toDateTimeLocal(ts: number): string {
  const d = new Date(ts);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Parses a datetime-local value as local time; null when empty or invalid. */
export function fromDateTimeLocal(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
  if (hour! > 23 || minute! > 59 || second! > 59) return null;
  const date = new Date(year!, month! - 1, day!, hour!, minute!, second!);
  if (date.getMonth() !== month! - 1 || date.getDate() !== day!) return null;
  return date.getTime();
}

/** Thousands separators in the user's locale. */
export function formatCount(n: number, locale?: string): string {
  return n.toLocaleString(locale);
}
