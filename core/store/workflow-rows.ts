import { createHash } from 'node:crypto';
import type { Db } from './db.ts';
import { WorkflowStateRepo } from './workflow-state-repo.ts';

/** A workflow as listed by its vendor, ready to store (the connectors' WorkflowDefinition is this type). */
export interface WorkflowUpsert {
  externalId: string;
  name: string;
  active: boolean;
  archived: boolean;
  /** The vendor's full definition (n8n workflow JSON, Make blueprint, GitHub workflow YAML as text …). */
  definition: unknown;
  vendorVersionId: string | null;
  updatedAt: number | null;
  tags: string[];
  deepLink: string | null;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null) ?? 'null';
}

/**
 * The one writer of the `workflows` table: a run naming a workflow first (ingest), the vendor's list (polls), on/off
 * from Flowdeck, a restored definition and an imported file's placeholder (registry). Every other repository that
 * changes a workflow row calls this.
 */
export class WorkflowRows {
  private readonly db: Db;
  private readonly state: WorkflowStateRepo;
  private readonly s;

  constructor(db: Db) {
    this.db = db;
    this.state = new WorkflowStateRepo(db);
    this.s = {
      find: db.prepare<[string, string], { id: number; name: string }>(
        'SELECT id, name FROM workflows WHERE connector_id = ? AND external_id = ?'),
      insertSeen: db.prepare<[string, string, string, number, number]>(
        'INSERT INTO workflows (connector_id, external_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
      rename: db.prepare<[string, number, number]>('UPDATE workflows SET name = ?, updated_at = ? WHERE id = ?'),
    };
  }

  find(connectorId: string, externalId: string): { id: number; name: string } | undefined {
    return this.s.find.get(connectorId, externalId);
  }

  /** A workflow first named by a run (ingest): only its name until its vendor lists it. Returns its id. */
  insertSeen(connectorId: string, externalId: string, name: string, now: number): number {
    return Number(this.s.insertSeen.run(connectorId, externalId, name, now, now).lastInsertRowid);
  }

  rename(id: number, name: string, now: number): void {
    this.s.rename.run(name, now, id);
  }

  /** Stores each listed workflow's latest definition; returns how many were new or changed. */
  upsertListed(connectorId: string, workflows: readonly WorkflowUpsert[], now: number): { added: number; changed: number } {
    const find = this.db.prepare<[string, string], { id: number; hash: string | null; name: string; active: number; archived: number }>(
      'SELECT id, definition_hash AS hash, name, active, archived FROM workflows WHERE connector_id = ? AND external_id = ?');
    const insert = this.db.prepare(
      `INSERT INTO workflows (connector_id, external_id, name, active, archived, created_at, updated_at, definition_json,
         definition_hash, vendor_version_id, vendor_updated_at, deep_link, tags_json, listed_at)
       VALUES (@connectorId, @externalId, @name, @active, @archived, @now, @now, @definitionJson, @hash, @vendorVersionId,
         @updatedAt, @deepLink, @tagsJson, @now)`);
    const update = this.db.prepare(
      `UPDATE workflows SET name = @name, active = @active, archived = @archived, updated_at = @now,
         definition_json = @definitionJson, definition_hash = @hash, vendor_version_id = @vendorVersionId,
         vendor_updated_at = @updatedAt, deep_link = @deepLink, tags_json = @tagsJson, listed_at = @now
       WHERE id = @id`);
    const touch = this.db.prepare('UPDATE workflows SET listed_at = ? WHERE id = ?');
    return this.db.transaction(() => {
      let added = 0;
      let changed = 0;
      for (const w of workflows) {
        const definitionJson = stableJson(w.definition);
        const params = {
          connectorId, externalId: w.externalId, name: w.name, active: w.active ? 1 : 0, archived: w.archived ? 1 : 0, now,
          definitionJson, hash: createHash('sha256').update(definitionJson).digest('hex'), vendorVersionId: w.vendorVersionId,
          updatedAt: w.updatedAt, deepLink: w.deepLink, tagsJson: JSON.stringify(w.tags),
        };
        const stored = find.get(connectorId, w.externalId);
        if (!stored) {
          const id = Number(insert.run(params).lastInsertRowid);
          // Listed already switched off: by its vendor (or whoever uses it there), not by Flowdeck.
          if (!w.active) this.state.markPaused(id, 'vendor', null, null, now);
          added++;
        } else if (stored.hash !== params.hash || stored.name !== w.name || stored.active !== params.active || stored.archived !== params.archived) {
          update.run({ ...params, id: stored.id });
          this.attributeSwitch(stored.id, stored.active === 1, w.active, now);
          changed++;
        } else {
          touch.run(now, stored.id);
        }
      }
            return { added, changed };
    })();
  }

  /** Flowdeck switched the workflow on or off on its vendor (a control action or the breaker, by `actor`). */
  setActive(id: number, active: boolean, now: number, actor: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE workflows SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, now, id);
      if (active) this.state.markResumed(id, now);
      else this.state.markPaused(id, 'flowdeck', actor, now, now);
    })();
  }

  /** The vendor's answer to a restore, stored like a listing of this one workflow. */
  storeDefinition(workflowId: number, d: { name: string; definitionJson: string; hash: string; vendorVersionId: string | null }, now: number): void {
    this.db.prepare(
      'UPDATE workflows SET name = ?, definition_json = ?, definition_hash = ?, vendor_version_id = ?, updated_at = ? WHERE id = ?',
    ).run(d.name, d.definitionJson, d.hash, d.vendorVersionId, now, workflowId);
  }

  /** A workflow row for an imported file whose connector exists but never listed it here. */
  createPlaceholder(connectorId: string, externalId: string, name: string, now: number): number {
    return Number(this.db.prepare(
      `INSERT INTO workflows (connector_id, external_id, name, active, archived, created_at, updated_at) VALUES (?, ?, ?, 0, 0, ?, ?)`,
    ).run(connectorId, externalId, name, now, now).lastInsertRowid);
  }

  /** A poll saw the vendor's on/off flag change: off is the vendor's doing unless Flowdeck already switched it off. */
  private attributeSwitch(id: number, wasActive: boolean, isActive: boolean, now: number): void {
    if (wasActive === isActive) return;
    if (isActive) this.state.markResumed(id, now);
    else if (this.state.pausedBy(id) !== 'flowdeck') this.state.markPaused(id, 'vendor', null, now, now);
  }
}
