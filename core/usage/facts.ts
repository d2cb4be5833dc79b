import type { UsageFacts } from '../store/ledger-facts.ts';
import type { UsageRepo } from '../store/usage-repo.ts';
import { hourlyUnit, hourlyValue } from './measures.ts';
import { usageSummary } from './summary.ts';

const HOUR = 3_600_000;
/** The runaway rule compares the last hour with the busiest hours of the week before it. */
export const HOURLY_HISTORY_MS = 8 * 24 * HOUR;

/** What the usage rules read (core/alerts evaluate.ts): each connector's forecast, and each workflow's use per hour. */
export function usageFacts(repo: UsageRepo, now: number): UsageFacts {
  const kinds = new Map(repo.connectors().map((c) => [c.id, c.kind]));
  const hourly = new Map<number, Map<number, number>>();
  for (const row of repo.hourly(now - HOURLY_HISTORY_MS, now + 1)) {
    let byHour = hourly.get(row.workflowId);
    if (!byHour) hourly.set(row.workflowId, (byHour = new Map()));
    byHour.set(row.hour, hourlyValue(kinds.get(row.connectorId) ?? '', row));
  }
  const connectors = usageSummary(repo, now).map((c) => ({
    connectorId: c.connectorId, connectorName: c.connectorName, measure: c.measure, basis: c.basis,
    used: c.used, quota: c.quota, forecast: c.forecast, cycleEnd: c.cycleEnd, hourlyUnit: hourlyUnit(c.vendor),
  }));
  return { connectors, hourly };
}
