import { cronProblem, type ConcreteSchedule } from '../../schedules/concrete.ts';

const MINUTE = 60_000;

interface N8nNode { type?: unknown; disabled?: unknown; parameters?: Record<string, unknown> }

/** True for an n8n workflow definition (a list of nodes). */
export function isN8nDefinition(def: Record<string, unknown>): boolean {
  return Array.isArray(def.nodes);
}

function fromInterval(rule: Record<string, unknown>, timezone: string): ConcreteSchedule | null {
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
 * The schedule an n8n workflow declares in its Schedule Trigger (or legacy Cron node), read in the workflow's time
 * zone (n8n's "DEFAULT" is the instance's zone, which the API does not tell us: UTC then). Only the trigger's first
 * rule counts. Null when there is no enabled schedule trigger.
 */
export function n8nSchedule(def: Record<string, unknown>): ConcreteSchedule | null {
  if (!isN8nDefinition(def)) return null;
  const settings = def.settings as { timezone?: unknown } | undefined;
  const tz = typeof settings?.timezone === 'string' && settings.timezone !== 'DEFAULT' ? settings.timezone : 'UTC';
  for (const node of def.nodes as N8nNode[]) {
    if (node.disabled === true || !node.parameters) continue;
    if (node.type === 'n8n-nodes-base.scheduleTrigger') {
      const intervals = (node.parameters.rule as { interval?: unknown } | undefined)?.interval;
      const first = Array.isArray(intervals) ? (intervals[0] as Record<string, unknown> | undefined) : undefined;
      const s = fromInterval(first ?? { field: 'days' }, tz);
      if (s && (s.kind !== 'cron' || cronProblem(s.cron, s.timezone) === null)) return s;
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
