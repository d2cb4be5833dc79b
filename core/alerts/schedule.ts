import { Cron } from 'croner';
import type { ExpectedSchedule } from '../contract/alerts.ts';

const MINUTE = 60_000;

/** A concrete expectation: an interval, or a cron expression in a time zone. */
export type ConcreteSchedule = { kind: 'interval'; everyMs: number } | { kind: 'cron'; cron: string; timezone: string };

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

/** Null when the cron expression and time zone are usable, else a sentence for the field. */
export function cronProblem(expr: string, timezone: string): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    return `"${timezone}" is not a known time zone (use an IANA name such as Europe/Berlin).`;
  }
  try {
    if (!new Cron(expr, { timezone, paused: true }).nextRun(new Date(0))) return 'This cron expression never fires.';
    return null;
  } catch (error) {
    return `Not a valid cron expression: ${(error as Error).message.replace(/^CronPattern: /, '')}`;
  }
}

/** The first time a run is due strictly after `after`. */
export function nextExpected(s: ConcreteSchedule, after: number): number | null {
  if (s.kind === 'interval') return after + s.everyMs;
  return cronOf(s.cron, s.timezone).nextRun(new Date(after))?.getTime() ?? null;
}

interface N8nNode { type?: unknown; disabled?: unknown; parameters?: Record<string, unknown> }

function fromN8nInterval(rule: Record<string, unknown>, timezone: string): ConcreteSchedule | null {
  const num = (v: unknown, d: number) => (typeof v === 'number' && v > 0 ? v : d);
  switch (rule.field) {
    case 'seconds': return { kind: 'interval', everyMs: num(rule.secondsInterval, 30) * 1000 };
    case 'minutes': return { kind: 'interval', everyMs: num(rule.minutesInterval, 5) * MINUTE };
    case 'hours': return { kind: 'interval', everyMs: num(rule.hoursInterval, 1) * 60 * MINUTE };
    case 'cronExpression': return typeof rule.expression === 'string' ? { kind: 'cron', cron: rule.expression, timezone } : null;
    case 'days': {
      const h = typeof rule.triggerAtHour === 'number' ? rule.triggerAtHour : 0;
      const m = typeof rule.triggerAtMinute === 'number' ? rule.triggerAtMinute : 0;
      return { kind: 'cron', cron: `${m} ${h} */${num(rule.daysInterval, 1)} * *`, timezone };
    }
    default: return null;
  }
}

/**
 * The schedule an n8n workflow declares in its Schedule Trigger (or legacy Cron node), read in the
 * workflow's time zone. Null when the definition has no enabled schedule trigger or is not n8n-shaped.
 */
export function scheduleFromDefinition(definition: unknown): ConcreteSchedule | null {
  if (!definition || typeof definition !== 'object') return null;
  const def = definition as { nodes?: unknown; settings?: { timezone?: unknown } };
  if (!Array.isArray(def.nodes)) return null;
  const tz = typeof def.settings?.timezone === 'string' && def.settings.timezone !== 'DEFAULT' ? def.settings.timezone : 'UTC';
  for (const node of def.nodes as N8nNode[]) {
    if (node.disabled === true || !node.parameters) continue;
    if (node.type === 'n8n-nodes-base.scheduleTrigger') {
      const intervals = (node.parameters.rule as { interval?: unknown } | undefined)?.interval;
      const first = Array.isArray(intervals) ? (intervals[0] as Record<string, unknown> | undefined) : undefined;
      const s = fromN8nInterval(first ?? { field: 'days' }, tz);
      if (s && (s.kind === 'interval' || cronProblem(s.cron, s.timezone) === null)) return s;
    }
    if (node.type === 'n8n-nodes-base.cron') {
      const item = ((node.parameters.triggerTimes as { item?: unknown[] } | undefined)?.item?.[0] ?? {}) as Record<string, unknown>;
      if (item.mode === 'everyMinute') return { kind: 'interval', everyMs: MINUTE };
      if (item.mode === 'everyHour') return { kind: 'interval', everyMs: 60 * MINUTE };
      if (item.mode === 'everyX') return { kind: 'interval', everyMs: Number(item.value ?? 1) * (item.unit === 'hours' ? 60 : 1) * MINUTE };
      if (item.mode === 'custom' && typeof item.cronExpression === 'string') return { kind: 'cron', cron: item.cronExpression, timezone: tz };
    }
  }
  return null;
}

export function concreteSchedule(s: ExpectedSchedule, definition: unknown): ConcreteSchedule | null {
  if (s.kind === 'interval') return { kind: 'interval', everyMs: s.everyMinutes * MINUTE };
  if (s.kind === 'cron') return { kind: 'cron', cron: s.cron, timezone: s.timezone };
  return scheduleFromDefinition(definition);
}
