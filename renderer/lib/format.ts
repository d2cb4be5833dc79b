/**
 * The one place the console turns instants into words. Every time and date is shown in one display time zone (the
 * computer's unless Settings chose another: setDisplayTimeZone) and in one format: 24-hour times ("14:02"), dates as
 * "Mon 3 Jun 2026" (the weekday and year dropped where the context makes them plain). Files and exports use ISO 8601 (formatIso).
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The zone of the computer showing the console. */
export function computerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether `zone` is an IANA time zone this browser knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

let zone = computerTimeZone();

/** Sets the display time zone: an IANA name, or null for the computer's. An unknown name falls back to the computer's. */
export function setDisplayTimeZone(next: string | null): void {
  zone = next !== null && isTimeZone(next) ? next : computerTimeZone();
}

export function displayTimeZone(): string {
  return zone;
}

interface Parts { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: string }

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock at `ts` in the display zone (or `inZone`). */
function partsOf(ts: number, inZone = zone): Parts {
  let f = partFormats.get(inZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: inZone, weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    partFormats.set(inZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(ts)) out[p.type] = p.value;
  return {
    year: Number(out['year']), month: Number(out['month']), day: Number(out['day']),
    hour: Number(out['hour']) % 24, minute: Number(out['minute']), second: Number(out['second']), weekday: out['weekday'] ?? '',
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const hm = (p: Parts) => `${pad(p.hour)}:${pad(p.minute)}`;
const dayMonth = (p: Parts) => `${p.day} ${MONTHS[p.month - 1]}`;
/** Calendar-day number of a wall-clock date (days since 1970-01-01), for counting dates rather than 24 h blocks. */
const dayNumber = (p: Parts) => Math.floor(Date.UTC(p.year, p.month - 1, p.day) / DAY);

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

/** "14:02". */
export function formatTime(ts: number): string {
  return hm(partsOf(ts));
}

/** In plain words relative to now: "14:02, today", "09:15, yesterday", "Mon 3 Jun, 14:02", "3 Jun 2023, 14:02". */
export function formatWhen(ts: number | null | undefined, now: number): string {
  if (ts === null || ts === undefined) return '—';
  const p = partsOf(ts);
  const n = partsOf(now);
  const days = dayNumber(n) - dayNumber(p);
  if (days === 0) return `${hm(p)}, today`;
  if (days === 1) return `${hm(p)}, yesterday`;
  if (days === -1) return `${hm(p)}, tomorrow`;
  return p.year === n.year ? `${p.weekday} ${dayMonth(p)}, ${hm(p)}` : `${dayMonth(p)} ${p.year}, ${hm(p)}`;
}

/** The full date and time: "Mon 3 Jun 2026, 14:02" (with `seconds`: "14:02:05"). */
export function formatDateTime(ts: number | null | undefined, options: { seconds?: boolean } = {}): string {
  if (ts === null || ts === undefined) return '—';
  const p = partsOf(ts);
  return `${p.weekday} ${dayMonth(p)} ${p.year}, ${hm(p)}${options.seconds ? `:${pad(p.second)}` : ''}`;
}

/** Full timestamp with seconds, for detail panels and logs: "Mon 3 Jun 2026, 14:02:05". */
export function formatFullDateTime(ts: number | null | undefined): string {
  return formatDateTime(ts, { seconds: true });
}

/** A chart's axis and tooltip label: "3 Jun 14:00" for bars shorter than a day, else "3 Jun". */
export function formatChartTick(ts: number, bucketMs: number): string {
  const p = partsOf(ts);
  return bucketMs < DAY ? `${dayMonth(p)} ${hm(p)}` : dayMonth(p);
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

/** ISO 8601 in UTC, for files and exports that programs read ("2026-06-03T12:02:05.000Z"). */
export function formatIso(ts: number): string {
  return new Date(ts).toISOString();
}

/** "UTC+02:00" / "UTC−05:30": the zone's offset from UTC at `ts`. */
export function formatUtcOffset(ts: number, inZone = zone): string {
  const minutes = Math.round(offsetMs(ts, inZone) / MINUTE);
  const sign = minutes < 0 ? '−' : '+';
  const a = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** How far the zone's wall clock is ahead of UTC at `ts`. */
function offsetMs(ts: number, inZone: string): number {
  const s = Math.floor(ts / SECOND) * SECOND;
  const p = partsOf(s, inZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - s;
}

/** Value for an <input type="datetime-local"> in the display zone, minute precision ("2024-06-03T14:02"). */
export function toDateTimeLocal(ts: number): string {
  const p = partsOf(ts);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${hm(p)}`;
}

/** Parses a datetime-local value as a wall clock in the display zone; null when empty or invalid. */
export function fromDateTimeLocal(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // The wall clock less the zone's offset then; asked twice, since the offset may differ either side of a clock change.
  const first = wall - offsetMs(wall, zone);
  return wall - offsetMs(first, zone);
}

/** Thousands separators in the user's locale. */
export function formatCount(n: number, locale?: string): string {
  return n.toLocaleString(locale);
}
