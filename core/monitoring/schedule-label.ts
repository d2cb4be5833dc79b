const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : null);
const every = (s: string | undefined) => (s === '*' || s === '*/1' ? 1 : s?.startsWith('*/') ? num(s.slice(2)) : null);
const pad = (n: number) => String(n).padStart(2, '0');

/** Weekday numbers (0 or 7 = Sunday) in words: "every day", "weekdays", "weekends", "every Monday", "on Mon, Wed". */
export function daysInWords(list: readonly number[]): string {
  const set = [...new Set(list.map((d) => d % 7))].sort();
  const key = set.join(',');
  if (set.length === 7) return 'every day';
  if (key === '1,2,3,4,5') return 'weekdays';
  if (key === '0,6') return 'weekends';
  const names = set.map((d) => DAYS[d]!);
  return names.length === 1 ? `every ${names[0]}` : `on ${names.map((n) => n.slice(0, 3)).join(', ')}`;
}

function days(dow: string): string | null {
  if (dow === '*' || dow === '*/1') return 'every day';
  if (dow === 'MON-FRI') return 'weekdays';
  if (dow === 'SAT,SUN') return 'weekends';
  const range = /^(\d)-(\d)$/.exec(dow);
  const list = range ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i)
    : dow.split(',').map((d) => num(d));
  if (!list.length || list.some((d) => d === null || d > 7)) return null;
  return daysInWords(list as number[]);
}

/**
 * A five-field cron expression in words a non-engineer reads ("weekdays at 06:00 (Europe/Berlin)"), for the common
 * shapes; anything else stays as the expression itself.
 */
export function cronInWords(expr: string, timezone: string): string {
  const f = expr.trim().split(/\s+/);
  const tz = ` (${timezone})`;
  if (f.length === 5) {
    const [min, hour, dom, mon, dow] = f as [string, string, string, string, string];
    const plainDays = every(dom) === 1 && every(mon) === 1;
    const m = num(min);
    const h = num(hour);
    const n = every(min);
    if (plainDays && every(dow) === 1 && every(hour) === 1 && n !== null) return n === 1 ? 'every minute' : `every ${n} min`;
    if (plainDays && every(dow) === 1 && m !== null && every(hour) !== null) {
      const eh = every(hour)!;
      return `${eh === 1 ? 'every hour' : `every ${eh} h`} at :${pad(m)}`;
    }
    const when = days(dow);
    if (plainDays && m !== null && h !== null && when) return `${when} at ${pad(h)}:${pad(m)}${tz}`;
  }
  return `cron ${expr}${tz}`;
}

/** An interval in words: "5 min", "hour", "2 h", "1.5 h", "day", "3 days" (longer ones rounded to whole days). */
export function intervalInWords(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  if (m === 60) return 'hour';
  if (m === 1440) return 'day';
  if (m < 120) return `${m} min`;
  if (m < 48 * 60) return `${Number((m / 60).toFixed(1))} h`;
  return `${Math.round(m / 1440)} days`;
}
