import type { AuditActor } from '../contract/actor.ts';
import type {
  Correlation, DiffOutput, HealthCap, LintFinding, RegistryMetadata, RegistryOutcome, RegistryRow, RegistrySettings, WorkflowDetail,
} from '../contract/registry.ts';
import type { RegistryRepo, RegistryWorkflow, RunStats } from '../store/registry-repo.ts';
import type { VersionsRepo } from '../store/versions-repo.ts';
import { canonicalDefinition, stableStringify } from './canonical.ts';
import { correlate, DEFAULT_CORRELATION } from './correlation.ts';
import { rawDiff, structuredDiff } from './diff.ts';
import { exportFolder, importFolder, writeMapFiles, type ImportResult } from './folder.ts';
import type { WorkflowState } from '../contract/states.ts';
import { cappedHealth, DEFAULT_NAMING_EXAMPLE, DEFAULT_NAMING_PATTERN, healthScore, lintEstate, overallHealth, type LintEntry } from './lint.ts';
import { compileNaming } from './naming.ts';
import type { RegistryDeps } from './deps.ts';
import { SystemMap } from './map-service.ts';
import { restoreVersion } from './restore.ts';
import { reconcileConnector, versionViews } from './versions.ts';

const DAY = 86_400_000;

/** The health of the workflows that are scored (not those Flowdeck cannot see now). */
const scored = (rows: readonly RegistryRow[]) => rows.filter((r) => r.healthCap?.max !== null).map((r) => r.health);
const SETTINGS_KEY = 'registry.settings';
const CHART_DAYS = 14;
const CHART_BUCKET = 6 * 3_600_000;

interface Estate { workflows: RegistryWorkflow[]; stats: Map<number, RunStats>; findings: LintFinding[]; live: Map<number, WorkflowState> }

/** The workflow registry: metadata, versions, diffs, restore, lint and health, export/import. */
export class Registry {
  readonly repo: RegistryRepo;
  readonly versions: VersionsRepo;
  /** The system map: edges between workflows and the blast radius of a failure. */
  readonly map: SystemMap;
  private readonly d: RegistryDeps;

  constructor(deps: RegistryDeps) {
    this.d = deps;
    this.repo = deps.ledger.registry;
    this.versions = deps.ledger.versions;
    this.map = new SystemMap(deps);
  }

  /** Called after a connector listed its workflows (the scheduler's `connectors/polled`). */
  reconcile(connectorId: string): { versions: number; gone: number } {
    const r = this.d.ledger.write(() => reconcileConnector(this.repo, this.versions, connectorId, this.d.clock.now()));
    if (r.versions + r.gone > 0) this.d.events.emit('ledger/changed', { tables: ['workflow_versions', 'workflow_registry'], connectorId });
    return r;
  }

  settings(): RegistrySettings {
    return this.d.ledger.settings.get<RegistrySettings>(SETTINGS_KEY) ?? { namingPattern: DEFAULT_NAMING_PATTERN, namingExample: DEFAULT_NAMING_EXAMPLE };
  }

  saveSettings(s: RegistrySettings, by: AuditActor): RegistryOutcome {
    const compiled = compileNaming(s.namingPattern);
    if (!compiled.ok) return { ok: false, reason: 'invalid', message: compiled.message };
    this.d.ledger.settings.set(SETTINGS_KEY, s, this.d.clock.now());
    this.audit(by, 'registry/save-settings', null, s);
    return { ok: true, message: 'Saved the registry settings.' };
  }

  private estate(): Estate {
    const now = this.d.clock.now();
    const workflows = this.repo.list();
    const stats = this.repo.runStats(now - 7 * DAY);
    const s = this.settings();
    const entries: LintEntry[] = workflows.map((w) => ({
      workflowId: w.workflowId, name: w.name, vendor: w.vendor, active: w.active, archived: w.archived, createdAt: w.createdAt,
      definition: w.definitionJson === null ? null : JSON.parse(w.definitionJson) as unknown, metadata: w.metadata,
      tags: [...w.vendorTags, ...w.metadata.tags], lastRunAt: stats.get(w.workflowId)?.lastRunAt ?? null,
    }));
    const live = new Map((this.d.states?.list(now).workflows ?? []).map((w) => [w.workflowId, w]));
    return { workflows, stats, live, findings: lintEstate(entries, { now, namingPattern: s.namingPattern, namingExample: s.namingExample }) };
  }

  private row(w: RegistryWorkflow, e: Estate, counts: Map<number, number>): RegistryRow {
    const st = e.stats.get(w.workflowId);
    const findings = e.findings.filter((f) => f.workflowId === w.workflowId);
    const failureRate = st && st.runs ? st.failed / st.runs : 0;
    const { health, cap } = cappedHealth(healthScore(findings, failureRate), e.live.get(w.workflowId) ?? null);
    return {
      workflowId: w.workflowId, connectorId: w.connectorId, vendor: w.vendor, externalId: w.externalId, name: w.name, active: w.active,
      archived: w.archived, environment: w.metadata.environment, owner: w.metadata.owner, criticality: w.metadata.criticality,
      tags: [...new Set([...w.vendorTags, ...w.metadata.tags])].sort(), health, healthCap: cap,
      lastRunAt: st?.lastRunAt ?? null, runs7d: st?.runs ?? 0, failureRate7d: failureRate, findings: findings.length, versions: counts.get(w.workflowId) ?? 0,
    };
  }

  list(includeArchived: boolean): { items: RegistryRow[]; overallHealth: number; findings: number } {
    const e = this.estate();
    const counts = this.versions.counts();
    const items = e.workflows.filter((w) => includeArchived || !w.archived).map((w) => this.row(w, e, counts));
    return { items, overallHealth: overallHealth(scored(items.filter((r) => !r.archived))), findings: e.findings.length };
  }

  lint(): { findings: LintFinding[]; overallHealth: number; workflows: number; capped: (HealthCap & { workflowId: number; workflowName: string })[] } {
    const e = this.estate();
    const counts = this.versions.counts();
    const live = e.workflows.filter((w) => !w.archived).map((w) => this.row(w, e, counts));
    const capped = live.flatMap((r) => (r.healthCap ? [{ workflowId: r.workflowId, workflowName: r.name, ...r.healthCap }] : []));
    return { findings: e.findings, overallHealth: overallHealth(scored(live)), workflows: live.length, capped };
  }

  /** True when the workflow's connector can put a definition back (n8n today). */
  private restorable(w: RegistryWorkflow): boolean {
    const connector = this.d.connectors?.repo.get(w.connectorId);
    const runtime = connector && connector.removedAt === null ? this.d.connectors?.runtimes.get(connector) : null;
    return Boolean(runtime?.driver.actions.restoreWorkflow);
  }

  detail(workflowId: number): WorkflowDetail | null {
    const w = this.repo.get(workflowId);
    if (!w) return null;
    const e = this.estate();
    const now = this.d.clock.now();
    const versions = versionViews(this.versions, w);
    const from = now - CHART_DAYS * DAY;
    const runs = this.repo.runsBetween(workflowId, Math.min(from, (versions[0]?.createdAt ?? now) - DAY), now + 1);
    const chart = new Map<number, { t: number; success: number; failed: number }>();
    for (let t = Math.floor(from / CHART_BUCKET) * CHART_BUCKET; t <= now; t += CHART_BUCKET) chart.set(t, { t, success: 0, failed: 0 });
    for (const r of runs) {
      const b = chart.get(Math.floor(r.at / CHART_BUCKET) * CHART_BUCKET);
      if (b) b[r.failed ? 'failed' : 'success']++;
    }
    return {
      row: this.row(w, e, this.versions.counts()), metadata: w.metadata, deepLink: w.deepLink,
      restorable: this.restorable(w), versions,
      findings: e.findings.filter((f) => f.workflowId === workflowId),
      correlations: correlate(versions.map((v) => ({ id: v.id, number: v.number, createdAt: v.createdAt })), runs),
      chart: [...chart.values()],
    };
  }

  /** "Failures began N minutes after version V" for a failure at `at` (for incidents), or null. */
  correlationFor(workflowId: number, at: number): string | null {
    return this.correlationAt(workflowId, at)?.message ?? null;
  }

  /**
   * The newest correlation whose version came at or before `at` (an incident's opening), with the version for a
   * diff link. Reads only the versions of the week before `at` and the runs around them, not the whole detail.
   */
  correlationAt(workflowId: number, at: number): Correlation | null {
    const all = this.versions.list(workflowId).map((r, i) => ({ id: r.id, number: i + 1, createdAt: r.createdAt }));
    const first = all.findIndex((v) => v.createdAt >= at - 7 * DAY);
    const last = all.findLastIndex((v) => v.createdAt <= at);
    if (first < 0 || last < first) return null;
    const marks = all.slice(first, last + 2);
    const now = this.d.clock.now();
    const runs = this.repo.runsBetween(workflowId, marks[0]!.createdAt - DEFAULT_CORRELATION.baselineMs, Math.max(at, now) + 1);
    return correlate(marks, runs).filter((c) => c.versionAt <= at).pop() ?? null;
  }

  saveMetadata(workflowId: number, m: RegistryMetadata, by: AuditActor): RegistryOutcome {
    if (!this.repo.get(workflowId)) return { ok: false, reason: 'not_found', message: 'This workflow is no longer in the ledger.' };
    const clean = { ...m, tags: [...new Set(m.tags)].sort() };
    this.repo.saveMetadata(workflowId, clean, by.actor, this.d.clock.now());
    this.audit(by, 'registry/save-metadata', `workflow:${workflowId}`, clean);
    this.d.events.emit('ledger/changed', { tables: ['workflow_registry'], connectorId: null });
    return { ok: true, message: 'Saved.' };
  }

  diff(workflowId: number, fromId: number, toId: number): DiffOutput | null {
    const a = this.versions.get(fromId);
    const b = this.versions.get(toId);
    if (!a || !b || a.workflowId !== workflowId || b.workflowId !== workflowId) return null;
    return diffOf(JSON.parse(a.definitionJson), JSON.parse(b.definitionJson));
  }

  addNote(versionId: number, text: string, actor: string): RegistryOutcome {
    const v = this.versions.get(versionId);
    if (!v) return { ok: false, reason: 'not_found', message: 'This version does not exist.' };
    this.versions.addNote(versionId, this.d.clock.now(), actor, text);
    this.d.events.emit('ledger/changed', { tables: ['workflow_versions'], connectorId: null });
    return { ok: true, message: 'Note added.' };
  }

  previewRestore(workflowId: number, versionId: number): { diff: DiffOutput; supported: boolean; message: string } | null {
    const w = this.repo.get(workflowId);
    const v = this.versions.get(versionId);
    if (!w || !v || v.workflowId !== workflowId) return null;
    const current = w.definitionJson === null ? null : JSON.parse(w.definitionJson) as unknown;
    const supported = this.restorable(w);
    return {
      diff: diffOf(current, JSON.parse(v.definitionJson)), supported,
      message: supported ? `Restoring puts this version back in ${w.vendor}; the change shown is what the vendor will receive.` : `Flowdeck cannot restore ${w.vendor} workflows through its API.`,
    };
  }

  restore(workflowId: number, versionId: number, by: AuditActor): Promise<RegistryOutcome> {
    return restoreVersion({ ...this.d, repo: this.repo, versions: this.versions, audit: (a, act, t, d) => this.audit(a, act, t, d) }, workflowId, versionId, by);
  }

  exportTo(dir: string, by: AuditActor): number {
    const files = exportFolder(dir, this.repo, this.versions, this.settings()) + writeMapFiles(dir, this.repo.list().filter((w) => !w.archived), this.map.list().edges);
    this.audit(by, 'registry/export', null, { dir, files });
    return files;
  }

  importFrom(dir: string, by: AuditActor): ImportResult {
    const r = this.d.ledger.write(() => importFolder(dir, this.repo, this.versions, by.actor, this.d.clock.now()));
    if (r.settings) this.d.ledger.settings.set(SETTINGS_KEY, r.settings, this.d.clock.now());
    this.audit(by, 'registry/import', null, { dir, workflows: r.workflows, versionsAdded: r.versionsAdded, skipped: r.skipped.length });
    this.d.events.emit('ledger/changed', { tables: ['workflows', 'workflow_registry', 'workflow_versions'], connectorId: null });
    return r;
  }

  private audit(by: AuditActor, action: string, target: string | null, detail: unknown): void {
    this.d.ledger.audit.append({ ...by, action, target, detail }, this.d.clock.now());
    this.d.events.emit('ledger/changed', { tables: ['audit_log'], connectorId: null });
  }
}

export function diffOf(before: unknown, after: unknown): DiffOutput {
  return {
    structured: structuredDiff(before, after), raw: rawDiff(before, after),
    beforeText: stableStringify(canonicalDefinition(before), 2), afterText: stableStringify(canonicalDefinition(after), 2),
  };
}
