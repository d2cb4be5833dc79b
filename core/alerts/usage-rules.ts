import type { RuleCondition } from '../contract/alerts.ts';
import type { UsageFacts, WorkflowFact } from './types.ts';

const HOUR = 3_600_000;
const DAY_HOURS = 24;
/** Days of history the runaway rule needs before it judges a workflow (a new one has no "usual" yet). */
export const RUNAWAY_MIN_DAYS = 3;

type Hit = { summary: string; runIds: number[] } | null;
type Forecast = Extract<RuleCondition, { kind: 'usage_forecast' }>;
type Runaway = Extract<RuleCondition, { kind: 'usage_runaway' }>;

const fmt = (n: number) => (n >= 100 ? Math.round(n) : Math.round(n * 10) / 10).toLocaleString('en-US');
const day = (t: number) => new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A connector whose forecast passes the rule's share of its quota. Stable while it lasts: whole percents only. */
export function forecastHit(c: Forecast, u: UsageFacts['connectors'][number]): Hit {
  if (u.quota === null || u.forecast === null) return null;
  const percent = (100 * u.forecast) / u.quota;
  if (percent <= c.percent) return null;
  const sure = u.basis === 'exact' ? '' : ', estimated';
  // Stable while it lasts (the threshold and the quota, not the moving figures, which the Usage page shows): a person
  // who resolves it is not asked again until the plan or the rule changes.
  return {
    summary: `On course to pass ${fmt(c.percent)} % of the plan (${fmt(u.quota)} ${u.measure}${sure}) before the cycle ends on ${day(u.cycleEnd)}`,
    runIds: [],
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * A runaway loop: the use of the current or the last clock hour against the workflow's usual busiest hour, which is
 * the median of each day's busiest hour over the seven days before. A busy day lifts a day's peak a little; a loop
 * multiplies it. Judged only once the workflow has used something on at least three of those days.
 */
export function runawayHit(c: Runaway, wf: WorkflowFact, hourly: ReadonlyMap<number, number> | undefined, unit: string, now: number): Hit {
  if (!hourly) return null;
  const h = Math.floor(now / HOUR);
  const recent = Math.max(hourly.get(h) ?? 0, hourly.get(h - 1) ?? 0);
  if (recent < c.minUse) return null;
  const peaks: number[] = [];
  for (let d = 0; d < 7; d++) {
    let peak = 0;
    for (let k = 0; k < DAY_HOURS; k++) peak = Math.max(peak, hourly.get(h - 2 - d * DAY_HOURS - k) ?? 0);
    peaks.push(peak);
  }
  if (peaks.filter((p) => p > 0).length < RUNAWAY_MIN_DAYS) return null;
  const usual = Math.max(1, median(peaks));
  if (recent < c.factor * usual) return null;
  // Stable while it lasts (the rule's factor and the usual hour, not the growing count): see forecastHit.
  return {
    summary: `${wf.name} is using over ${fmt(c.factor)}× its usual busiest hour (${fmt(usual)} ${unit}): it may be running in a loop`,
    runIds: [],
  };
}
