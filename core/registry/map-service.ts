import type { AuditActor } from '../contract/actor.ts';
import type { BlastRadius, ListEdgesOutput, MapEdge } from '../contract/map.ts';
import type { WorkflowState } from '../contract/states.ts';
import type { RegistryDeps } from './deps.ts';
import { blastRadius } from './blast.ts';
import { inferEdges, type EdgeEntry } from './edges.ts';
import { mapDot, mapMermaid } from './map-export.ts';

type Outcome = { ok: boolean; message: string };

/**
 * The system map (issue 19): inferred edges (recomputed only when a definition, a workflow's state of being or a
 * connector's address changed), less the ones the owner hid, plus the ones they added by hand (map_edges).
 */
export class SystemMap {
  private readonly d: RegistryDeps;
  private cache: { signature: string; edges: MapEdge[] } | null = null;

  constructor(deps: RegistryDeps) {
    this.d = deps;
  }

  private inferred(): MapEdge[] {
    const workflows = this.d.ledger.registry.list();
    const baseUrls = new Map(this.d.ledger.connectors.list().map((c) => [c.id, c.baseUrl]));
    const signature = workflows.map((w) => `${w.workflowId}:${w.definitionHash ?? ''}:${w.active ? 1 : 0}${w.archived ? 1 : 0}:${baseUrls.get(w.connectorId) ?? ''}`).join('|');
    if (this.cache?.signature === signature) return this.cache.edges;
    const entries: EdgeEntry[] = workflows.map((w) => ({
      workflowId: w.workflowId, name: w.name, vendor: w.vendor, connectorId: w.connectorId, baseUrl: baseUrls.get(w.connectorId) ?? null,
      externalId: w.externalId, active: w.active, archived: w.archived,
      definition: w.definitionJson === null ? null : JSON.parse(w.definitionJson) as unknown,
    }));
    this.cache = { signature, edges: inferEdges(entries) };
    return this.cache.edges;
  }

  list(): ListEdgesOutput {
    const rows = this.d.ledger.mapEdges.list();
    const hidden = rows.filter((r) => r.action === 'hide' && r.edgeKey !== null);
    const hiddenKeys = new Set(hidden.map((r) => r.edgeKey));
    const manual: MapEdge[] = rows.filter((r) => r.action === 'add' && r.fromWorkflowId !== null && r.toWorkflowId !== null).map((r) => ({
      key: `manual:${r.fromWorkflowId}->${r.toWorkflowId}`, from: r.fromWorkflowId!, to: r.toWorkflowId!, kind: 'manual', directed: true, evidence: null,
      manual: { id: r.id, note: r.note, addedBy: r.createdBy, addedAt: r.createdAt },
    }));
    return {
      edges: [...this.inferred().filter((e) => !hiddenKeys.has(e.key)), ...manual],
      hidden: hidden.map((r) => ({ id: r.id, key: r.edgeKey!, hiddenBy: r.createdBy, hiddenAt: r.createdAt })),
    };
  }

  add(from: number, to: number, note: string | null, by: AuditActor): Outcome {
    const reg = this.d.ledger.registry;
    const a = reg.get(from);
    const b = reg.get(to);
    if (!a || !b) return { ok: false, message: 'One of these workflows is no longer in the ledger.' };
    if (from === to) return { ok: false, message: 'An edge joins two different workflows.' };
    const now = this.d.clock.now();
    const id = this.d.ledger.write(() => {
      const added = this.d.ledger.mapEdges.add(from, to, note, by.actor, now);
      if (added !== null) this.audit(by, 'registry/add-edge', `workflow:${from}`, { id: added, from, to, note, fromName: a.name, toName: b.name });
      return added;
    });
    if (id === null) return { ok: false, message: `“${a.name}” → “${b.name}” is already on the map.` };
    this.changed();
    return { ok: true, message: `Added “${a.name}” → “${b.name}” to the map.` };
  }

  remove(target: { id: number } | { key: string }, by: AuditActor): Outcome {
    const now = this.d.clock.now();
    if ('id' in target) {
      const row = this.d.ledger.mapEdges.get(target.id);
      if (!row || row.action !== 'add') return { ok: false, message: 'This edge was not added by hand (or is already gone).' };
      this.d.ledger.write(() => {
        this.d.ledger.mapEdges.remove(target.id);
        this.audit(by, 'registry/remove-edge', `workflow:${row.fromWorkflowId}`, { id: row.id, from: row.fromWorkflowId, to: row.toWorkflowId, note: row.note });
      });
      this.changed();
      return { ok: true, message: 'Removed the edge from the map.' };
    }
    const edge = this.inferred().find((e) => e.key === target.key);
    if (!edge) return { ok: false, message: 'Flowdeck does not infer this edge now, so there is nothing to hide.' };
    const id = this.d.ledger.write(() => {
      const hidden = this.d.ledger.mapEdges.hide(edge.key, by.actor, now);
      if (hidden !== null) this.audit(by, 'registry/hide-edge', `workflow:${edge.from}`, { id: hidden, key: edge.key, evidence: edge.evidence });
      return hidden;
    });
    if (id === null) return { ok: false, message: 'This edge is already hidden.' };
    this.changed();
    return { ok: true, message: 'Hid the edge: the map leaves it out until you put it back.' };
  }

  unhide(id: number, by: AuditActor): Outcome {
    const row = this.d.ledger.mapEdges.get(id);
    if (!row || row.action !== 'hide') return { ok: false, message: 'This edge is not hidden.' };
    this.d.ledger.write(() => {
      this.d.ledger.mapEdges.remove(id);
      this.audit(by, 'registry/unhide-edge', null, { id, key: row.edgeKey });
    });
    this.changed();
    return { ok: true, message: 'The edge is back on the map.' };
  }

  /** Who depends on a workflow and where its input comes from, with the live state now. */
  blastRadius(workflowId: number, now: number = this.d.clock.now(), states?: readonly WorkflowState[]): BlastRadius {
    const live = states ?? this.d.states?.list(now).workflows ?? [];
    const names = new Map(this.d.ledger.registry.list().map((w) => [w.workflowId, w.name]));
    return blastRadius(workflowId, this.list().edges, new Map(live.map((s) => [s.workflowId, s])), names, now);
  }

  /** The map as text: Mermaid and DOT over the workflows not archived. */
  text(): { mermaid: string; dot: string } {
    const nodes = this.d.ledger.registry.list().filter((w) => !w.archived).map((w) => ({ workflowId: w.workflowId, name: w.name, vendor: w.vendor }));
    const { edges } = this.list();
    return { mermaid: mapMermaid(nodes, edges), dot: mapDot(nodes, edges) };
  }

  /** The workflows a workflow's input comes from along links with a direction, nearest first (alert cascades). */
  upstreamOf(workflowId: number): number[] {
    return blastRadius(workflowId, this.list().edges, new Map(), new Map(), 0).upstream.map((u) => u.workflowId);
  }

  private audit(by: AuditActor, action: string, target: string | null, detail: unknown): void {
    this.d.ledger.audit.append({ ...by, action, target, detail }, this.d.clock.now());
  }

  private changed(): void {
    this.d.events.emit('ledger/changed', { tables: ['map_edges', 'audit_log'], connectorId: null });
  }
}
