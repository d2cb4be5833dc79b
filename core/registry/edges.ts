import type { EdgeKind, MapEdge } from '../contract/map.ts';
import { addressKey, addressOf, definitionRefs, type DefinitionRefs, type Evidence } from './edge-refs.ts';
import { overlapGroups } from './lint.ts';

/**
 * Edges between workflows, inferred from the stored definitions (issue 19). Pure. An edge is made only from a
 * reference that names the other workflow exactly: a sub-workflow id in the same n8n instance, an address equal (host
 * and path) to another workflow's webhook, a dispatch to a repository's workflow, one credential id in one account,
 * or the same trigger key the overlapping-trigger lint reports. Nothing is guessed from names or look-alike hosts.
 */
export interface EdgeEntry {
  workflowId: number;
  name: string;
  vendor: string;
  connectorId: string;
  /** The connector's address (n8n serves webhooks under it; GitHub's API host). */
  baseUrl: string | null;
  externalId: string;
  active: boolean;
  archived: boolean;
  definition: unknown;
}

const edgeKey = (kind: EdgeKind, from: number, to: number) => `${kind}:${from}->${to}`;

/** The GitHub API host a GitHub connector talks to. */
const githubHost = (e: EdgeEntry) => (e.baseUrl ? addressOf(e.baseUrl)?.host : null) ?? 'api.github.com';

const fileOf = (path: string) => path.split('/').pop() ?? path;

export function inferEdges(entries: readonly EdgeEntry[]): MapEdge[] {
  const live = entries.filter((e) => !e.archived);
  const refs = new Map<number, DefinitionRefs>(live.map((e) => [e.workflowId, definitionRefs(e.definition, { vendor: e.vendor, baseUrl: e.baseUrl })]));
  const out = new Map<string, MapEdge>();
  const add = (kind: EdgeKind, from: number, to: number, evidence: Evidence | null, directed = true) => {
    if (from === to) return;
    const [a, b] = directed || from < to ? [from, to] : [to, from];
    const key = edgeKey(kind, a, b);
    if (!out.has(key)) out.set(key, { key, from: a, to: b, kind, directed, evidence, manual: null });
  };

  // Sub-workflows: the id names a workflow of the same n8n instance (connector).
  const byExternal = new Map(live.map((e) => [`${e.connectorId}\u0000${e.externalId}`, e]));
  // Webhooks: every known address that starts a workflow.
  const byAddress = new Map<string, EdgeEntry[]>();
  for (const e of live) {
    for (const a of refs.get(e.workflowId)!.endpoints) byAddress.set(addressKey(a), [...(byAddress.get(addressKey(a)) ?? []), e]);
  }
  // GitHub workflows by repository (its API host too: an Enterprise Server repository is not github.com's).
  const githubByRepo = new Map<string, EdgeEntry[]>();
  for (const e of live.filter((x) => x.vendor === 'github')) {
    const d = e.definition as { repository?: unknown } | null;
    const repo = typeof d?.repository === 'string' ? `${githubHost(e)}/${d.repository.toLowerCase()}` : null;
    if (repo) githubByRepo.set(repo, [...(githubByRepo.get(repo) ?? []), e]);
  }
  const githubHosts = new Set(live.filter((e) => e.vendor === 'github').map(githubHost));

  const dispatchTargets = (host: string, repository: string, file: string | null, eventType: string | null): EdgeEntry[] =>
    (githubByRepo.get(`${host}/${repository}`) ?? []).filter((t) => {
      const r = refs.get(t.workflowId)!;
      const d = t.definition as { path?: unknown; id?: unknown };
      if (file !== null) return r.workflowDispatch && (fileOf(String(d.path ?? '')) === fileOf(file) || String(d.id ?? '') === file);
      return r.repositoryDispatch !== null && (eventType === null || r.repositoryDispatch.types.length === 0 || r.repositoryDispatch.types.includes(eventType));
    });

  for (const e of live) {
    const r = refs.get(e.workflowId)!;
    for (const sub of r.subWorkflows) {
      const t = byExternal.get(`${e.connectorId}\u0000${sub.workflowExternalId}`);
      if (t) add('sub-workflow', e.workflowId, t.workflowId, sub.evidence);
    }
    for (const call of r.calls) {
      for (const t of byAddress.get(addressKey(call.address)) ?? []) add('webhook-call', e.workflowId, t.workflowId, call.evidence);
      // An HTTP step calling GitHub's dispatch address.
      if (githubHosts.has(call.address.host)) {
        const path = call.address.path.replace(/^\/api\/v3/, '');
        const wf = /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/dispatches$/i.exec(path);
        const repo = /^\/repos\/([^/]+)\/([^/]+)\/dispatches$/i.exec(path);
        const m = wf ?? repo;
        if (m) {
          for (const t of dispatchTargets(call.address.host, `${m[1]}/${m[2]}`.toLowerCase(), wf ? decodeURIComponent(wf[3]!) : null, null)) {
            add('dispatch', e.workflowId, t.workflowId, call.evidence);
          }
        }
      }
    }
    for (const d of r.dispatches) {
      for (const t of dispatchTargets(e.vendor === 'github' ? githubHost(e) : 'api.github.com', d.repository, d.workflowFile, d.eventType)) {
        add('dispatch', e.workflowId, t.workflowId, d.evidence);
      }
    }
  }

  // Shared sign-ins: one credential (n8n) or connection (Make) of one account, used by several workflows.
  const byCredential = new Map<string, { e: EdgeEntry; evidence: Evidence }[]>();
  for (const e of live) {
    for (const c of refs.get(e.workflowId)!.credentials) {
      const k = `${e.connectorId}\u0000${c.key}`;
      const list = byCredential.get(k) ?? [];
      if (!list.some((x) => x.e === e)) byCredential.set(k, [...list, { e, evidence: c.evidence }]);
    }
  }
  for (const group of byCredential.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) add('shared-credential', group[i]!.e.workflowId, group[j]!.e.workflowId, group[i]!.evidence, false);
    }
  }

  // Duplicate triggers: the overlapping-trigger lint's groups.
  for (const [key, group] of overlapGroups(live)) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) add('duplicate-trigger', group[i]!.workflowId, group[j]!.workflowId, { step: 'trigger', field: 'trigger', value: key.length > 120 ? `${key.slice(0, 117)}…` : key }, false);
    }
  }
  return [...out.values()].sort((a, b) => a.from - b.from || a.to - b.to || (a.kind < b.kind ? -1 : 1));
}
