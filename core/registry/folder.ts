import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { CoreError } from '../contract/errors.ts';
import { join } from 'node:path';
import { RegistryMetadata, type RegistrySettings } from '../contract/registry.ts';
import type { RegistryRepo, RegistryWorkflow } from '../store/registry-repo.ts';
import type { VersionRow, VersionsRepo } from '../store/versions-repo.ts';
import { stableStringify } from './canonical.ts';
import type { MapEdge } from '../contract/map.ts';
import { mapDot, mapMermaid } from './map-export.ts';

/**
 * The registry as a git-friendly folder: `registry.json` (settings) and `workflows/<connector>--<id>.json`, one file
 * per workflow with its metadata, current definition and every version with notes. Sorted keys, 2-space indent,
 * LF endings, no timestamps of the export itself: exporting an unchanged registry twice gives the same bytes.
 */
export interface WorkflowFile {
  format: 'flowdeck.registry.workflow/1';
  connectorId: string;
  externalId: string;
  vendor: string;
  name: string;
  metadata: RegistryMetadata;
  definition: unknown;
  versions: { contentHash: string; createdAt: number; vendorVersionId: string | null; author: string | null; source: VersionRow['source']; definition: unknown; notes: { at: number; author: string; text: string }[] }[];
}

const fileName = (w: { connectorId: string; externalId: string }) =>
  `${w.connectorId}--${w.externalId}`.replace(/[^A-Za-z0-9._-]/g, '_') + '.json';
/** Exports are private to the owner (0600 files, 0700 folders on POSIX): they hold workflow definitions. */
const write = (path: string, value: unknown) => {
  writeFileSync(path, `${stableStringify(value, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  chmodSync(path, 0o600);
};

export function workflowFile(w: RegistryWorkflow, versions: VersionsRepo): WorkflowFile {
  const rows = versions.list(w.workflowId);
  const notes = versions.notes(rows.map((r) => r.id));
  return {
    format: 'flowdeck.registry.workflow/1', connectorId: w.connectorId, externalId: w.externalId, vendor: w.vendor, name: w.name,
    metadata: w.metadata, definition: w.definitionJson === null ? null : JSON.parse(w.definitionJson) as unknown,
    versions: rows.map((r) => ({
      contentHash: r.contentHash, createdAt: r.createdAt, vendorVersionId: r.vendorVersionId, author: r.author, source: r.source,
      definition: JSON.parse(r.definitionJson) as unknown,
      notes: notes.filter((n) => n.versionId === r.id).map((n) => ({ at: n.at, author: n.author, text: n.text })),
    })),
  };
}

const refuse = (message: string) => new CoreError({ kind: 'validation', code: 'invalid_folder', message, field: 'dir' });
const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** A registry folder, or an empty one to start in: export never writes into (or prunes) an unrelated folder. */
function checkExportTarget(dir: string): void {
  if (!isDir(dir)) throw refuse(`There is no folder ${dir}. Create it (e.g. a git checkout) and export again.`);
  const entries = readdirSync(dir).filter((f) => f !== '.git');
  if (entries.length && !existsSync(join(dir, 'registry.json'))) {
    throw refuse(`${dir} is not empty and is not a Flowdeck registry folder (no registry.json); choose an empty folder.`);
  }
}

/** The system map beside the definitions: map.mmd (Mermaid) and map.dot (Graphviz). Returns the files written. */
export function writeMapFiles(dir: string, workflows: readonly { workflowId: number; name: string; vendor: string }[], edges: readonly MapEdge[]): number {
  const nodes = workflows.map((w) => ({ workflowId: w.workflowId, name: w.name, vendor: w.vendor }));
  writeFileSync(join(dir, 'map.mmd'), mapMermaid(nodes, edges), { encoding: 'utf8', mode: 0o600 });
  writeFileSync(join(dir, 'map.dot'), mapDot(nodes, edges), { encoding: 'utf8', mode: 0o600 });
  return 2;
}

export function exportFolder(dir: string, repo: RegistryRepo, versions: VersionsRepo, settings: RegistrySettings): number {
  checkExportTarget(dir);
  const wfDir = join(dir, 'workflows');
  mkdirSync(wfDir, { recursive: true, mode: 0o700 });
  const written = new Set<string>();
  for (const w of repo.list()) {
    const name = fileName(w);
    written.add(name);
    write(join(wfDir, name), workflowFile(w, versions));
  }
  for (const f of readdirSync(wfDir)) if (f.endsWith('.json') && !written.has(f)) rmSync(join(wfDir, f));
  write(join(dir, 'registry.json'), { format: 'flowdeck.registry/1', settings });
  return written.size + 1;
}

export interface ImportResult { workflows: number; versionsAdded: number; skipped: string[]; settings: RegistrySettings | null }

/** Merges a folder in: metadata fields set in the file win, versions and notes are added when missing, nothing is removed. */
export function importFolder(dir: string, repo: RegistryRepo, versions: VersionsRepo, actor: string, now: number): ImportResult {
  const result: ImportResult = { workflows: 0, versionsAdded: 0, skipped: [], settings: null };
  if (!isDir(join(dir, 'workflows'))) throw refuse(`${dir} is not a Flowdeck registry folder (it has no workflows/ folder).`);
  try {
    const top = JSON.parse(readFileSync(join(dir, 'registry.json'), 'utf8')) as { settings?: RegistrySettings };
    result.settings = top.settings ?? null;
  } catch {
    result.settings = null;
  }
  const wfDir = join(dir, 'workflows');
  for (const f of readdirSync(wfDir).filter((x) => x.endsWith('.json')).sort()) {
    const file = JSON.parse(readFileSync(join(wfDir, f), 'utf8')) as WorkflowFile;
    if (file.format !== 'flowdeck.registry.workflow/1') {
      result.skipped.push(`${f}: not a Flowdeck registry file`);
      continue;
    }
    let w = repo.find(file.connectorId, file.externalId);
    if (!w) {
      if (!repo.connectorExists(file.connectorId)) {
        result.skipped.push(`${f}: connector ${file.connectorId} is not in this Flowdeck`);
        continue;
      }
      repo.createWorkflow(file.connectorId, file.externalId, file.name, now);
      w = repo.find(file.connectorId, file.externalId)!;
    }
    const incoming = RegistryMetadata.parse(file.metadata);
    const merged: RegistryMetadata = {
      owner: incoming.owner ?? w.metadata.owner, purpose: incoming.purpose ?? w.metadata.purpose, runbook: incoming.runbook ?? w.metadata.runbook,
      environment: incoming.environment ?? w.metadata.environment, criticality: incoming.criticality ?? w.metadata.criticality,
      tags: [...new Set([...w.metadata.tags, ...incoming.tags])].sort(), expectedSchedule: incoming.expectedSchedule ?? w.metadata.expectedSchedule,
    };
    repo.saveMetadata(w.workflowId, merged, actor, now);
    for (const v of file.versions) {
      let id = versions.list(w.workflowId).find((r) => r.contentHash === v.contentHash && r.createdAt === v.createdAt)?.id;
      if (id === undefined) {
        id = versions.insert({
          workflowId: w.workflowId, contentHash: v.contentHash, definitionJson: stableStringify(v.definition), vendorVersionId: v.vendorVersionId,
          author: v.author, source: v.source, createdAt: v.createdAt,
        });
        result.versionsAdded++;
      }
      for (const n of v.notes) if (!versions.hasNote(id, n.at, n.author, n.text)) versions.addNote(id, n.at, n.author, n.text);
    }
    result.workflows++;
  }
  return result;
}
