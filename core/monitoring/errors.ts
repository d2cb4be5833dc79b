import type { ErrorGroupView, ErrorsOutput } from '../contract/monitoring.ts';
import type { MonitoringRepo, WorkflowInfo } from '../store/monitoring-repo.ts';
import { alignDays, DAY } from './buckets.ts';

const MAX_GROUPS = 100;

/** Errors that mean the connection's credentials stopped working, not the workflow's logic. */
const AUTH = /\b(401|403)\b|invalid_grant|unauthori[sz]ed|forbidden|token (has )?(expired|been expired|revoked)|expired token|invalid (api key|token|access token|credentials)|access token|revoked|authenticat/i;

export function isAuthError(text: string): boolean {
  return AUTH.test(text);
}

export function brokeHeadline(connectorName: string, workflows: number): string {
  return `Connection ${connectorName} broke ${workflows} automation${workflows === 1 ? '' : 's'}`;
}

/** Failures grouped by fingerprint over the days covering [from, to), busiest first. */
export function errorGroups(repo: MonitoringRepo, range: { from: number; to: number }): ErrorsOutput {
  const { from, to } = alignDays(range.from, range.to);
  const days = Math.round((to - from) / DAY);
  const byFp = new Map<string, { count: number; trend: number[]; workflows: Map<number, number> }>();
  repo.forEachErrorDay(from, to, (day, fingerprint, workflowId, n) => {
    let g = byFp.get(fingerprint);
    if (!g) byFp.set(fingerprint, (g = { count: 0, trend: new Array<number>(days).fill(0), workflows: new Map() }));
    g.count += n;
    g.trend[Math.round((day - from) / DAY)]! += n;
    g.workflows.set(workflowId, (g.workflows.get(workflowId) ?? 0) + n);
  });
  const info = new Map<number, WorkflowInfo>(repo.workflows().map((w) => [w.id, w]));
  const ranked = [...byFp.entries()].filter(([, g]) => g.count > 0)
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, MAX_GROUPS);

  const groups: ErrorGroupView[] = [];
  const authByConnector = new Map<string, { name: string; workflows: Set<number> }>();
  for (const [fingerprint, g] of ranked) {
    const row = repo.errorGroup(fingerprint);
    if (!row) continue;
    const workflows = [...g.workflows.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id, count]) => {
      const w = info.get(id);
      return { id, name: w?.name ?? `Workflow ${id}`, connectorId: w?.connectorId ?? '', count };
    });
    const connectors = [...new Map(workflows.map((w) => [w.connectorId, info.get(w.id)?.connectorName ?? w.connectorId])).entries()]
      .map(([id, name]) => ({ id, name }));
    const auth = isAuthError(`${row.template} ${row.sampleMessage}`);
    let headline: string | null = null;
    if (auth) {
      for (const c of connectors) {
        const ws = workflows.filter((w) => w.connectorId === c.id);
        let a = authByConnector.get(c.id);
        if (!a) authByConnector.set(c.id, (a = { name: c.name, workflows: new Set() }));
        for (const w of ws) a.workflows.add(w.id);
        if (ws.length > 1 && headline === null) headline = brokeHeadline(c.name, ws.length);
      }
    }
    groups.push({
      fingerprint, template: row.template, sampleMessage: row.sampleMessage, firstSeen: row.firstSeen, lastSeen: row.lastSeen,
      countInRange: g.count, trend: g.trend, failingStep: repo.failingStep(fingerprint), workflows, connectors, auth, headline,
    });
  }
  const brokenConnections = [...authByConnector.entries()].filter(([, a]) => a.workflows.size > 1)
    .map(([connectorId, a]) => ({ connectorId, connectorName: a.name, workflows: a.workflows.size, headline: brokeHeadline(a.name, a.workflows.size) }))
    .sort((a, b) => b.workflows - a.workflows || a.connectorId.localeCompare(b.connectorId));
  return { from, to, groups, brokenConnections };
}
