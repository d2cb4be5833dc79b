import type { WorkflowVersion } from '../contract/registry.ts';
import type { RegistryRepo, RegistryWorkflow } from '../store/registry-repo.ts';
import type { VersionRow, VersionsRepo } from '../store/versions-repo.ts';
import { contentHash, vendorAuthor } from './canonical.ts';
import { structuredDiff, summarize } from './diff.ts';

/** Turning listed definitions into immutable versions, and versions into what the UI shows. */
export interface RecordOptions { source: VersionRow['source']; author?: string | null; at: number }

/** Records a new version when the canonical form differs from the latest one. Returns the new version id or null. */
export function recordIfChanged(versions: VersionsRepo, w: { workflowId: number; definitionJson: string | null; vendorVersionId: string | null }, o: RecordOptions): number | null {
  if (w.definitionJson === null) return null;
  const definition = JSON.parse(w.definitionJson) as unknown;
  const hash = contentHash(definition);
  const latest = versions.latest(w.workflowId);
  if (latest?.contentHash === hash) return null;
  return versions.insert({
    workflowId: w.workflowId, contentHash: hash, definitionJson: w.definitionJson, vendorVersionId: w.vendorVersionId,
    author: o.author ?? vendorAuthor(definition), source: o.source, createdAt: Math.max(o.at, (latest?.createdAt ?? -1) + 1),
  });
}

/**
 * After a connector listed its workflows: a version for each changed definition, and "gone" marks for workflows the
 * vendor no longer lists (kept, shown as archived). Only workflows that carry a vendor definition take part.
 */
export function reconcileConnector(repo: RegistryRepo, versions: VersionsRepo, connectorId: string, now: number): { versions: number; gone: number } {
  let added = 0;
  let gone = 0;
  for (const w of repo.list(connectorId)) {
    if (w.definitionJson === null) continue;
    const missing = w.connectorListedAt !== null && w.listedAt !== null && w.listedAt < w.connectorListedAt;
    const goneAt = missing ? w.goneAt ?? now : null;
    if (goneAt !== null && w.goneAt === null) gone++;
    if (w.seenDefinitionHash === w.definitionHash && goneAt === w.goneAt) continue;
    if (w.seenDefinitionHash !== w.definitionHash && recordIfChanged(versions, w, { source: 'poll', at: now }) !== null) added++;
    repo.markSeen(w.workflowId, w.definitionHash, goneAt, now);
  }
  return { versions: added, gone };
}

export function versionViews(versions: VersionsRepo, w: RegistryWorkflow): WorkflowVersion[] {
  const rows = versions.list(w.workflowId);
  const notes = versions.notes(rows.map((r) => r.id));
  let previous: unknown = null;
  return rows.map((r, i) => {
    const definition = JSON.parse(r.definitionJson) as unknown;
    const summary = i === 0 ? ['First version seen'] : summarize(structuredDiff(previous, definition));
    previous = definition;
    return {
      id: r.id, number: i + 1, contentHash: r.contentHash, vendorVersionId: r.vendorVersionId, author: r.author, source: r.source,
      createdAt: r.createdAt, summary, notes: notes.filter((n) => n.versionId === r.id).map(({ versionId: _v, ...n }) => n),
    };
  });
}
