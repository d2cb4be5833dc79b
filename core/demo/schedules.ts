import type { Rng } from './prng.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** What starts a workflow. Times are UTC: the demo business keeps its clocks on UTC. */
export type Trigger =
  /** A fixed interval (cron `*\/N`); `jitterMs` is the vendor's scheduling slack (Zapier polls loosely). */
  | { kind: 'every'; minutes: number; jitterMs?: number; weekdaysOnly?: boolean }
  /** Once a day at a wall-clock time. */
  | { kind: 'daily'; hour: number; minute?: number; weekdaysOnly?: boolean }
  /** Webhooks / app events: a Poisson stream shaped by hour of day and weekday. */
  | { kind: 'events'; perDay: number; profile?: Profile; weekendFactor?: number }
  /** Someone presses "Execute" now and then during office hours. */
  | { kind: 'manual'; perWeek: number };

export type Profile = 'business' | 'flat' | 'evening';

const PROFILES: Record<Profile, readonly number[]> = {
  // 00 … 23 UTC
  business: [0.05, 0.03, 0.03, 0.03, 0.04, 0.06, 0.15, 0.4, 0.9, 1.1, 1.2, 1.1, 0.7, 0.9, 1, 1, 0.9, 0.6, 0.35, 0.25, 0.2, 0.15, 0.1, 0.07],
  flat: Array.from({ length: 24 }, () => 1),
  evening: [0.3, 0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.6, 0.6, 0.7, 0.8, 0.9, 1.1, 1.3, 1.4, 1.3, 1, 0.6],
};
const PROFILE_SUMS = Object.fromEntries(Object.entries(PROFILES).map(([k, v]) => [k, v.reduce((a, b) => a + b, 0)])) as Record<Profile, number>;

export function isWeekend(t: number): boolean {
  const d = new Date(t).getUTCDay();
  return d === 0 || d === 6;
}

/** Start of the UTC day containing t. */
export function dayStart(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

export type Scheduled = Extract<Trigger, { kind: 'every' | 'daily' }>;

/** The slots of a schedule in [from, to), in order: when it is due, before the vendor's scheduling slack. */
export function slotTimes(trigger: Scheduled, from: number, to: number): number[] {
  return [...slots(trigger, from, to)];
}

function* slots(trigger: Scheduled, from: number, to: number): Generator<number> {
  if (trigger.kind === 'every') {
    const step = trigger.minutes * MINUTE;
    for (let slot = Math.ceil(from / step) * step; slot < to; slot += step) {
      if (!(trigger.weekdaysOnly && isWeekend(slot))) yield slot;
    }
    return;
  }
  const offset = trigger.hour * HOUR + (trigger.minute ?? 0) * MINUTE;
  for (let day = dayStart(from); day < to; day += DAY) {
    const slot = day + offset;
    if (slot >= from && slot < to && !(trigger.weekdaysOnly && isWeekend(slot))) yield slot;
  }
}

/** The first slot of a schedule at or after `from`, looking eight days and an interval ahead (null: none there). */
export function nextSlot(trigger: Scheduled, from: number): number | null {
  const horizon = 8 * DAY + (trigger.kind === 'every' ? trigger.minutes * MINUTE : 0);
  for (const slot of slots(trigger, from, from + horizon)) return slot;
  return null;
}

/**
 * The trigger as a five-field cron in UTC, as a vendor schedule would declare it (`*\/15 * * * *`, `30 7 * * 1-5`), so
 * its slots are exactly `slotTimes`'. Null for webhooks and manual runs, and for an interval a cron cannot state.
 */
export function cronOf(trigger: Trigger): string | null {
  if (trigger.kind !== 'every' && trigger.kind !== 'daily') return null;
  const days = trigger.weekdaysOnly ? '1-5' : '*';
  if (trigger.kind === 'daily') return `${trigger.minute ?? 0} ${trigger.hour} * * ${days}`;
  const m = trigger.minutes;
  if (m < 60 && 60 % m === 0) return `${m === 1 ? '*' : `*/${m}`} * * * ${days}`;
  if (m % 60 === 0 && 1440 % m === 0) return `0 ${m === 60 ? '*' : `*/${m / 60}`} * * ${days}`;
  return null;
}

/** Every time the trigger fires in [from, to), in order. */
export function triggerTimes(trigger: Trigger, from: number, to: number, rng: Rng): number[] {
  const out: number[] = [];
  switch (trigger.kind) {
    case 'every':
    case 'daily': {
      // The vendor's scheduler starts a run a little after its slot. A slot just before `to` still has its run, by
      // `to` at the latest: the live demo (live-feed.ts) takes over from the slots at or after `to`, so none is lost.
      const slack = trigger.kind === 'every' ? trigger.jitterMs ?? 1500 : 2000;
      for (const slot of slotTimes(trigger, from, to)) out.push(Math.min(slot + Math.floor(rng.next() * slack), to - 1));
      break;
    }
    case 'events': {
      const weights = PROFILES[trigger.profile ?? 'business'];
      const total = PROFILE_SUMS[trigger.profile ?? 'business'];
      let dayFactor = 1;
      for (let hour = Math.floor(from / HOUR) * HOUR; hour < to; hour += HOUR) {
        if (hour % DAY === 0 || hour === Math.floor(from / HOUR) * HOUR) dayFactor = Math.exp(0.2 * rng.normal());
        const weekend = isWeekend(hour) ? (trigger.weekendFactor ?? 0.3) : 1;
        const h = new Date(hour).getUTCHours();
        const n = rng.poisson((trigger.perDay * weights[h]! / total) * weekend * dayFactor);
        const times: number[] = [];
        for (let i = 0; i < n; i++) times.push(hour + Math.floor(rng.next() * HOUR));
        times.sort((a, b) => a - b);
        for (const t of times) if (t >= from && t < to) out.push(t);
      }
      break;
    }
    case 'manual': {
      for (let day = dayStart(from); day < to; day += DAY) {
        if (isWeekend(day)) continue;
        const n = rng.poisson(trigger.perWeek / 5);
        const times: number[] = [];
        for (let i = 0; i < n; i++) times.push(day + 9 * HOUR + Math.floor(rng.next() * 8 * HOUR));
        times.sort((a, b) => a - b);
        for (const t of times) if (t >= from && t < to) out.push(t);
      }
      break;
    }
  }
  return out;
}
