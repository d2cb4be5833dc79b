import { createHash } from 'node:crypto';
import type { AuditActor } from '../contract/actor.ts';
import type { RegistryOutcome } from '../contract/registry.ts';
import { HttpFailure } from '../platform/http/types.ts';
import type { RegistryRepo } from '../store/registry-repo.ts';
import type { VersionsRepo } from '../store/versions-repo.ts';
import type { RegistryDeps } from './deps.ts';
import { recordIfChanged } from './versions.ts';

export interface RestoreDeps extends RegistryDeps {
  repo: RegistryRepo;
  versions: VersionsRepo;
  audit(by: AuditActor, action: string, target: string | null, detail: unknown): void;
}

const POLL_AFTER_RESTORE_MS = 2_000;

function words(error: unknown): string {
  if (error instanceof HttpFailure) {
    const said = (error.body as { message?: unknown } | null)?.message;
    return `${error.message}${typeof said === 'string' && !error.message.includes(said) ? ` (${said})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Puts a version back in the vendor, stores what the vendor saved as a new version, and audits it with the actor. */
export async function restoreVersion(d: RestoreDeps, workflowId: number, versionId: number, by: AuditActor): Promise<RegistryOutcome> {
  const w = d.repo.get(workflowId);
  const v = d.versions.get(versionId);
  if (!w || !v || v.workflowId !== workflowId) return { ok: false, reason: 'not_found', message: 'This workflow or version is no longer in the registry.' };
  const number = d.versions.list(workflowId).findIndex((r) => r.id === versionId) + 1;
  const label = `version ${number} of “${w.name}”`;
  const state = d.connectors?.repo.get(w.connectorId);
  const runtime = state && state.removedAt === null ? d.connectors?.runtimes.get(state) : null;
  const fn = runtime?.driver.actions.restoreWorkflow;
  let outcome: RegistryOutcome;
  if (!runtime || !fn) {
    outcome = { ok: false, reason: 'unsupported', message: `Flowdeck cannot restore ${label}: ${w.vendor} does not allow it through its API (or the connector was removed).` };
  } else {
    try {
      const result = await fn.call(runtime.driver.actions, w.externalId, JSON.parse(v.definitionJson) as unknown);
      const now = d.clock.now();
      const savedJson = result.workflow ? JSON.stringify(result.workflow.definition ?? null) : v.definitionJson;
      const savedHash = createHash('sha256').update(savedJson).digest('hex');
      d.ledger.write(() => {
        if (result.workflow) d.repo.storeDefinition(workflowId, { name: result.workflow.name, definitionJson: savedJson, hash: savedHash, vendorVersionId: result.workflow.vendorVersionId }, now);
        recordIfChanged(d.versions, { workflowId, definitionJson: savedJson, vendorVersionId: result.workflow?.vendorVersionId ?? v.vendorVersionId }, { source: 'restore', author: by.actor, at: now });
        d.repo.markSeen(workflowId, result.workflow ? savedHash : w.definitionHash, null, now);
      });
      outcome = { ok: true, message: runtime.redact(`${result.message} Restored ${label}.`) };
    } catch (error) {
      outcome = { ok: false, reason: 'failed', message: runtime.redact(`Could not restore ${label}: ${words(error)}`) };
    }
  }
  d.audit(by, 'registry/restore-version', `workflow:${workflowId}`, {
    versionId, versionNumber: number, contentHash: v.contentHash, result: outcome.ok ? 'ok' : outcome.reason, message: outcome.message,
  });
  d.events.emit('ledger/changed', { tables: ['workflows', 'workflow_versions'], connectorId: w.connectorId });
  if (outcome.ok) d.connectors?.scheduler.pollSoon(w.connectorId, POLL_AFTER_RESTORE_MS);
  return outcome;
}
