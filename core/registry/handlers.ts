import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { auditActorOf } from '../contract/actor.ts';
import { CoreError } from '../contract/errors.ts';
import type { Handlers } from '../contract/handlers.ts';
import type { Registry } from './service.ts';

type RegistryMethod = Extract<keyof Handlers, `registry/${string}`>;

const notFound = (message: string) => ({ ok: false as const, reason: 'not_found' as const, message });

/** The registry slice of the contract; every method delegates to the Registry service. */
export function registryHandlers(registry: Registry, exportRoot: string | null): Pick<Handlers, RegistryMethod> {
  const folderFor = (name: string): string => {
    if (!exportRoot) {
      throw new CoreError({ kind: 'validation', code: 'invalid_folder', message: 'This Flowdeck keeps its ledger in memory, so it has no exports folder.' });
    }
    const dir = join(exportRoot, name);
    // exports/ and each export folder are private to the owner on POSIX (0700), like the data folder.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  };
  return {
    'registry/list-entries': async ({ includeArchived }) => registry.list(includeArchived),
    'registry/get-workflow': async ({ workflowId }) => {
      const workflow = registry.detail(workflowId);
      return workflow ? { ok: true, workflow } : notFound('This workflow is no longer in the ledger.');
    },
    'registry/save-metadata': async ({ workflowId, metadata }, ctx) => registry.saveMetadata(workflowId, metadata, auditActorOf(ctx)),
    'registry/get-diff': async ({ workflowId, fromVersionId, toVersionId }) => {
      const diff = registry.diff(workflowId, fromVersionId, toVersionId);
      return diff ? { ok: true, diff } : notFound('One of these versions is not in this workflow’s history.');
    },
    'registry/add-note': async ({ versionId, text }, ctx) => registry.addNote(versionId, text, ctx.actor),
    'registry/preview-restore': async ({ workflowId, versionId }) => {
      const p = registry.previewRestore(workflowId, versionId);
      return p ? { ok: true, ...p } : notFound('This workflow or version is no longer in the registry.');
    },
    'registry/restore-version': ({ workflowId, versionId }, ctx) => registry.restore(workflowId, versionId, auditActorOf(ctx)),
    'registry/lint': async () => registry.lint(),
    'registry/get-settings': async () => registry.settings(),
    'registry/save-settings': async (s, ctx) => registry.saveSettings(s, auditActorOf(ctx)),
    'registry/export': async ({ name }, ctx) => {
      const dir = folderFor(name);
      return { files: registry.exportTo(dir, auditActorOf(ctx)), dir };
    },
    'registry/list-edges': async () => registry.map.list(),
    'registry/get-map-text': async () => registry.map.text(),
    'registry/get-blast-radius': async ({ workflowId }) => registry.map.blastRadius(workflowId),
    'registry/add-edge': async ({ from, to, note }, ctx) => registry.map.add(from, to, note, auditActorOf(ctx)),
    'registry/remove-edge': async (target, ctx) => registry.map.remove(target, auditActorOf(ctx)),
    'registry/unhide-edge': async ({ id }, ctx) => registry.map.unhide(id, auditActorOf(ctx)),
    'registry/import': async ({ name }, ctx) => {
      const r = registry.importFrom(folderFor(name), auditActorOf(ctx));
      return { workflows: r.workflows, versionsAdded: r.versionsAdded, skipped: r.skipped };
    },
  };
}
