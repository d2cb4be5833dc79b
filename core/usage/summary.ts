import { VENDOR_LABELS } from '../contract/catalog.ts';
import type { ConnectorUsage, UsageMeasure } from '../contract/usage.ts';
import type { UsageRepo, UsagePlanRow } from '../store/usage-repo.ts';
import { cycleAt } from './cycle.ts';
import { forecastAtCycleEnd, rateWindowStart } from './forecast.ts';
import { valueIn, vendorUsage } from './measures.ts';

const TOP = 5;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** One connector's use this cycle, its forecast and its top workflows, at `now`. */
export function connectorUsage(repo: UsageRepo, c: { id: string; kind: string; name: string }, plan: UsagePlanRow | undefined, now: number): ConnectorUsage {
  const vendor = vendorUsage(c.kind);
  const measure: UsageMeasure = plan && vendor.measures.includes(plan.measure as UsageMeasure) ? plan.measure as UsageMeasure : vendor.measures[0]!;
  const billingDay = plan?.billingDay ?? 1;
  const cycle = cycleAt(billingDay, now);
  const over = (from: number) => repo.byWorkflow(c.id, from, now + 1, vendor.leaveOutManual);
  const inCycle = over(cycle.start);
  // A figure typed in this cycle replaces Flowdeck's estimate up to the moment it was typed.
  const typed = plan?.typedUsed != null && plan.typedAt != null && plan.typedAt >= cycle.start && plan.typedAt <= now;
  const used = typed ? plan!.typedUsed! + sum(over(plan!.typedAt!).map((r) => valueIn(measure, r))) : sum(inCycle.map((r) => valueIn(measure, r)));
  const rateFrom = rateWindowStart(now, repo.firstRunAt(c.id));
  const recent = sum(over(rateFrom).map((r) => valueIn(measure, r)));
  const forecast = forecastAtCycleEnd({ cycle, now, used, recent, rateFrom });
  const quota = plan?.quota ?? null;
  const top = inCycle.map((r) => ({ workflowId: r.workflowId, name: r.name, used: valueIn(measure, r), runs: r.runs }))
    .filter((r) => r.used > 0).sort((a, b) => b.used - a.used || a.name.localeCompare(b.name)).slice(0, TOP);
  return {
    connectorId: c.id, connectorName: c.name, vendor: c.kind, measure, measures: vendor.measures,
    basis: typed ? 'typed' : vendor.basis,
    basisNote: typed ? `Your figure from the vendor's usage page, plus Flowdeck's estimate since you typed it. ${vendor.note}` : vendor.note,
    quota, billingDay, typedUsed: plan?.typedUsed ?? null, typedAt: plan?.typedAt ?? null,
    cycleStart: cycle.start, cycleEnd: cycle.end, used, forecast,
    forecastPercent: forecast !== null && quota ? (100 * forecast) / quota : null, top,
  };
}

/** Every vendor connector's use (heartbeats cost nothing at a vendor). */
export function usageSummary(repo: UsageRepo, now: number): ConnectorUsage[] {
  const plans = new Map(repo.plans().map((p) => [p.connectorId, p]));
  return repo.connectors().filter((c) => Object.hasOwn(VENDOR_LABELS, c.kind)).map((c) => connectorUsage(repo, c, plans.get(c.id), now));
}
