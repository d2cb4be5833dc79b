import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { testCore, T0 } from '../../test/support/core.ts';
import type { OverviewOutput } from '../contract/monitoring.ts';
import { HOUR } from './buckets.ts';
import { MAX_VERSION_MARKERS } from './overview.ts';
import { ledgerDb } from '../store/ledger-db.ts';

let core: ReturnType<typeof testCore>;
afterEach(() => core?.close());

async function call<T>(method: string, input: unknown): Promise<T> {
  const out = await core.dispatcher.dispatch(method as never, input, { actor: 'test' });
  if (!out.ok) throw new Error(out.error.message);
  return out.output as T;
}

function workflows(n: number): number[] {
  core.ingest({ connectorId: 'c1', cursor: null, records: Array.from({ length: n }, (_, i) => ({
    externalId: `r${i}`, workflow: { externalId: `wf-${i}`, name: `Workflow ${i}` }, rawStatus: 'success', startedAt: T0 - HOUR, finishedAt: T0 - HOUR + 1000,
  })) });
  return core.ledger.workflows.list().map((w) => w.id);
}

describe('Overview: incidents and version markers from the alerting and registry repositories', () => {
  it('counts open incidents and lists the newest ones, any status', async () => {
    core = testCore();
    const [w1, w2] = workflows(2);
    const rule = (await call<{ rule: { id: number } }>('alerts/save-rule', { rule: { name: 'r', scope: { kind: 'all' }, condition: { kind: 'any_failure' } } })).rule.id;
    const { incidents } = core.alerting.store;
    const open = (wf: number, at: number) => incidents.open({ ruleId: rule, target: `workflow:${wf}`, targetName: `Workflow ${wf}`, workflowId: wf, connectorId: 'c1',
      severity: 'warning', summary: `s${at}`, runIds: [] }, at);
    const a = open(w1!, T0 - 3 * HOUR);
    incidents.update(a, { status: 'resolved', resolvedAt: T0 - 150 * 60_000 }, T0 - 150 * 60_000);
    const b = open(w2!, T0 - 2 * HOUR);
    incidents.update(b, { status: 'acknowledged', acknowledgedAt: T0 }, T0);
    const c = open(w1!, T0 - HOUR);
    const out = await call<OverviewOutput>('monitoring/get-overview', { from: T0 - 24 * HOUR, to: T0 });
    expect(out.health.openIncidents).toBe(2);
    expect(out.recentIncidents?.map((i) => [i.id, i.status])).toEqual([[c, 'open'], [b, 'acknowledged'], [a, 'resolved']]);
  });

  it('version markers equal a recount: changes after the first version, in range, newest first, at most 20', async () => {
    core = testCore();
    const ids = workflows(4);
    const version = fc.record({ wf: fc.integer({ min: 0, max: 3 }), hoursAgo: fc.integer({ min: 0, max: 24 * 10 }) });
    let hash = 0;
    await fc.assert(fc.asyncProperty(fc.array(version, { maxLength: 40 }), fc.integer({ min: 1, max: 24 * 10 }), async (vs, rangeH) => {
      ledgerDb(core.ledger).prepare('DELETE FROM workflow_versions').run();
      const rows = vs.map((v) => {
        const createdAt = T0 - v.hoursAgo * HOUR;
        const id = core.registry.versions.insert({ workflowId: ids[v.wf]!, contentHash: `h${++hash}`, definitionJson: '{}', vendorVersionId: null, author: null, source: 'poll', createdAt });
        return { id, workflowId: ids[v.wf]!, createdAt };
      });
      const ordered = [...rows].sort((x, y) => x.createdAt - y.createdAt || x.id - y.id);
      const numbered = ordered.map((r) => ({ ...r, number: ordered.filter((o) => o.workflowId === r.workflowId && ordered.indexOf(o) <= ordered.indexOf(r)).length }));
      const from = T0 - rangeH * HOUR;
      const expected = numbered.filter((r) => r.number > 1 && r.createdAt >= from && r.createdAt < T0)
        .sort((x, y) => y.createdAt - x.createdAt || y.id - x.id).slice(0, MAX_VERSION_MARKERS).map((r) => [r.id, r.number]);
      const out = await call<OverviewOutput>('monitoring/get-overview', { from, to: T0 });
      expect(out.versionMarkers?.map((m) => [m.versionId, m.number])).toEqual(expected);
    }), { numRuns: 40 });
  });
});
