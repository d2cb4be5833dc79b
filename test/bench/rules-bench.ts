import type { Core } from '../../core/app.ts';
import type { RuleDraft } from '../../core/contract/alerts.ts';
import { percentile } from './stats.ts';

const MIN = 60_000;
const routing = { channelIds: [], remindEveryMinutes: 30, escalateAfterMinutes: 60, backupChannelIds: [], recoveryMinutes: 5, flapMinutes: 30 };

/** A realistic rule set: every rule type, scoped to all workflows. */
const RULES: RuleDraft[] = [
  { name: 'Any failure', enabled: true, muted: false, severity: 'warning', scope: { kind: 'all' }, condition: { kind: 'any_failure', graceMinutes: 10 }, routing },
  { name: '3 in a row', enabled: true, muted: false, severity: 'critical', scope: { kind: 'all' }, condition: { kind: 'consecutive_failures', count: 3 }, routing },
  { name: 'Rate', enabled: true, muted: false, severity: 'warning', scope: { kind: 'all' }, condition: { kind: 'failure_rate', percent: 20, windowMinutes: 60, minRuns: 5 }, routing },
  { name: 'Slow', enabled: true, muted: false, severity: 'info', scope: { kind: 'all' }, condition: { kind: 'duration', thresholdMs: null, p95Factor: 3 }, routing },
  { name: 'Missed', enabled: true, muted: false, severity: 'critical', scope: { kind: 'all' }, condition: { kind: 'missed_run', schedule: { kind: 'interval', everyMinutes: 60 }, graceMinutes: 15 }, routing },
  { name: 'Nothing done', enabled: true, muted: false, severity: 'info', scope: { kind: 'all' }, condition: { kind: 'zero_items' }, routing },
  { name: 'Connector', enabled: true, muted: false, severity: 'critical', scope: { kind: 'all' }, condition: { kind: 'connector_attention' }, routing },
];

export interface RuleFigures {
  /** Evaluation of every rule right after ingesting a batch of 1 000 runs (p50 of 5 batches). */
  evalMsPer1kRuns: number;
  /** The clock tick (evaluate + deliver due notifications) with nothing new ingested (p50 of 10). */
  tickMs: number;
  workflows: number;
  openIncidents: number;
}

/** Alert rule evaluation over the bench ledger: after an ingest batch, and the plain clock tick. */
export async function benchRules(core: Core, now: number): Promise<RuleFigures> {
  const { store, engine, outbox } = core.alerting;
  for (const r of RULES) store.rules.saveRule(undefined, r, now);
  const workflows = core.ledger.workflows.list();
  engine.evaluate(now);
  const evals: number[] = [];
  let t = now;
  for (let batch = 0; batch < 5; batch++) {
    t += 5 * MIN;
    const byConnector = new Map<string, unknown[]>();
    for (let i = 0; i < 1000; i++) {
      const wf = workflows[(batch * 1000 + i) % workflows.length]!;
      const failed = i % 7 === 0;
      const list = byConnector.get(wf.connectorId) ?? [];
      list.push({ externalId: `bench-rule-${batch}-${i}`, workflow: { externalId: wf.externalId, name: wf.name }, rawStatus: failed ? 'error' : 'success',
        status: failed ? 'failed' : 'success', startedAt: t - 60_000 + i, finishedAt: t - 30_000 + i, durationMs: 30_000, itemCount: i % 11 });
      byConnector.set(wf.connectorId, list);
    }
    for (const [connectorId, records] of byConnector) core.ingest({ connectorId, records, cursor: null });
    const start = performance.now();
    engine.evaluate(t);
    evals.push(performance.now() - start);
  }
  const ticks: number[] = [];
  for (let i = 0; i < 10; i++) {
    t += MIN;
    const start = performance.now();
    engine.evaluate(t);
    await outbox.deliverDue();
    ticks.push(performance.now() - start);
  }
  return { evalMsPer1kRuns: percentile(evals, 0.5), tickMs: percentile(ticks, 0.5), workflows: workflows.length, openIncidents: store.incidents.countOpen() };
}
