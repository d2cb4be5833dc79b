import { cronProblem, timezoneProblem, type ActiveWindow, type ConcreteSchedule } from '../../schedules/concrete.ts';

/**
 * Make scenario scheduling (docs/vendors.md M18; the official SDK's `Scheduling` type):
 * `{ type: immediately|indefinitely|once|daily|weekly|monthly|yearly|on-demand, interval? (s), time? "HH:MM",
 * days? (weekly: 0-6, 0 = Sunday; monthly/yearly: 1-31), months? (1-12), between?, restrict? }`.
 * The definition as the connector stores it is `{ scenario: { scheduling, … }, blueprint, blueprintScheduling }`.
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for a Make scenario definition as core/sync/vendors/make/mapper.ts stores it. */
export function isMakeDefinition(def: Json): boolean {
  return (isObject(def.scenario) && 'scheduling' in def.scenario) || 'blueprintScheduling' in def;
}

/** The scenario's scheduling, else the blueprint's; the API may also hand it over as JSON text. */
function schedulingOf(def: Json): Json | null {
  for (const raw of [isObject(def.scenario) ? def.scenario.scheduling : undefined, def.blueprintScheduling]) {
    let v: unknown = raw;
    if (typeof raw === 'string') {
      try {
        v = JSON.parse(raw);
      } catch {
        v = null;
      }
    }
    if (isObject(v)) return v;
  }
  return null;
}

/**
 * Make keeps schedule times in the organisation's time zone. The connector resolves the organisation's numeric
 * `timezoneId` through `/enums/timezones` and stores the IANA name as `timezone` on the definition
 * (core/sync/vendors/make/timezone.ts, docs/vendors.md M11). A `timezone` on the definition or its scenario is used when
 * present and valid; otherwise UTC (the zone could not be resolved, which the connector logs).
 */
function timezoneOf(def: Json): string {
  for (const tz of [def.timezone, isObject(def.scenario) ? def.scenario.timezone : undefined]) {
    if (typeof tz === 'string' && tz && timezoneProblem(tz) === null) return tz;
  }
  return 'UTC';
}

/** "08:30" → minutes of the day ("24:00" allowed for a window's end). */
function minuteOf(v: unknown, allowEndOfDay = false): number | null {
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(v.trim()) : null;
  if (!m) return null;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && (minute < 1440 || (allowEndOfDay && minute === 1440)) ? minute : null;
}

/** A non-empty list of integers in [min, max] (7 → 0 for weekdays), sorted and deduplicated; else null. */
function intsOf(v: unknown, min: number, max: number, weekdays = false): number[] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  const out = new Set<number>();
  for (const x of v) {
    const n = typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x;
    if (typeof n !== 'number' || !Number.isInteger(n)) return null;
    const d = weekdays && n === 7 ? 0 : n;
    if (d < min || d > max) return null;
    out.add(d);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * "Advanced scheduling" (`restrict`), honoured only when simple: one entry with weekdays and/or one same-day time range
 * ("09:00"-"17:00"). Several entries, months or an overnight range are ignored (the plain schedule is used), so such a
 * scenario may be expected outside its hours; set an expected schedule in the registry for those.
 */
function simpleWindow(restrict: unknown, timezone: string): ActiveWindow | null {
  if (!Array.isArray(restrict) || restrict.length !== 1 || !isObject(restrict[0])) return null;
  const r = restrict[0];
  if (Object.keys(r).some((k) => k !== 'days' && k !== 'time')) return null;
  const days = r.days === undefined ? null : intsOf(r.days, 0, 6, true);
  if (r.days !== undefined && days === null) return null;
  let fromMinute = 0;
  let toMinute = 1440;
  if (r.time !== undefined) {
    const [from, to] = Array.isArray(r.time) && r.time.length === 2 ? [minuteOf(r.time[0]), minuteOf(r.time[1], true)] : [null, null];
    if (from === null || to === null || to <= from) return null;
    fromMinute = from;
    toMinute = to;
  }
  if (days === null && fromMinute === 0 && toMinute === 1440) return null;
  return { days, fromMinute, toMinute, timezone };
}

function cronFor(s: Json, window: ActiveWindow | null): string | null {
  const minute = minuteOf(s.time);
  if (minute === null) return null;
  const at = `${minute % 60} ${Math.floor(minute / 60)}`;
  switch (s.type) {
    case 'daily': {
      // A daily run restricted to some weekdays; a time range on a daily run is ignored (see simpleWindow).
      return `${at} * * ${window?.days ? window.days.join(',') : '*'}`;
    }
    case 'weekly': {
      const days = intsOf(s.days, 0, 6, true);
      return days ? `${at} * * ${days.join(',')}` : null;
    }
    case 'monthly': {
      const days = intsOf(s.days, 1, 31);
      return days ? `${at} ${days.join(',')} * *` : null;
    }
    case 'yearly': {
      const days = intsOf(s.days, 1, 31);
      const months = intsOf(s.months, 1, 12);
      return days && months ? `${at} ${days.join(',')} ${months.join(',')} *` : null;
    }
    default:
      return null;
  }
}

/**
 * The schedule a Make scenario declares: `indefinitely` → every `interval` seconds (inside the restrict window when
 * simple); daily/weekly/monthly/yearly → a cron at `time` in the organisation's zone (UTC unless known). `immediately`
 * (instant triggers), `on-demand` and `once` set no expectation: null. `between` (a date range) is ignored.
 */
export function makeSchedule(def: Json): ConcreteSchedule | null {
  const s = schedulingOf(def);
  if (!s) return null;
  const timezone = timezoneOf(def);
  const window = simpleWindow(s.restrict, timezone);
  if (s.type === 'indefinitely') {
    if (typeof s.interval !== 'number' || !Number.isFinite(s.interval) || s.interval <= 0) return null;
    const everyMs = Math.round(s.interval * 1000);
    return window ? { kind: 'windowed', everyMs, window } : { kind: 'interval', everyMs };
  }
  const cron = cronFor(s, window);
  return cron && cronProblem(cron, timezone) === null ? { kind: 'cron', cron, timezone } : null;
}
