import type { ConnectorFact, LedgerSnapshot, RunFact, WorkflowFact } from './ledger-facts.ts';
import type { ExpectedSchedule } from '../contract/alerts.ts';
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';
import { decodeHistogram, quantile, type Histogram } from './histogram.ts';

const DAY = 86_400_000;
const P95_TTL_MS = 10 * 60_000;

export interface SnapshotNeeds {
  /** Load every run started after this. */
  from: number;
  /** …and at least this many of each workflow's newest runs, however old. */
  lastRuns: number;
  /** Read p95 durations from the rollups (only duration rules need them). */
  p95: boolean;
  now: number;
}

const RUN = `SELECT id, workflow_id AS workflowId, external_id AS externalId, status, started_at AS startedAt, finished_at AS finishedAt,
  duration_ms AS durationMs, item_count AS itemCount, retry_success_id AS retrySuccessId FROM runs`;

/** Read side for alert evaluation: one snapshot of the facts the rules need. */
export class AlertFactsRepo {
  private readonly db: Db;
  private columns: Set<string> | null = null;
  private registry: boolean | null = null;
  private p95Cache: { at: number; values: Map<number, number> } | null = null;
  private readonly definitions = new Map<number, { hash: string; value: unknown }>();
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.db = db;
    this.statements = new StatementCache(db);
  }

  private workflowColumns(): Set<string> {
    this.columns ??= new Set((this.db.prepare('PRAGMA table_info(workflows)').all() as { name: string }[]).map((c) => c.name));
    return this.columns;
  }

  private hasRegistry(): boolean {
    this.registry ??= this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workflow_registry'`).get() !== undefined;
    return this.registry;
  }

  /** Ledger workflows with the registry's metadata: tags (vendor + registry), environment, owner, expected schedule. */
  workflows(): WorkflowFact[] {
    const cols = this.workflowColumns();
    const reg = this.hasRegistry();
    const extra = [
      // The definition's change key: its content hash, as every writer stores it; a row written without one (by hand,
      // an older writer) falls back to its length and update time.
      cols.has('definition_hash')
        ? `coalesce(w.definition_hash, 'len:' || length(w.definition_json) || ':' || w.updated_at) AS definitionHash` : 'NULL AS definitionHash',
      cols.has('tags_json') ? 'w.tags_json AS tagsJson' : `'[]' AS tagsJson`,
      reg ? 'r.environment, r.owner, r.tags_json AS regTagsJson, r.expected_schedule_json AS scheduleJson'
        : 'NULL AS environment, NULL AS owner, NULL AS regTagsJson, NULL AS scheduleJson',
    ].join(', ');
    const rows = this.statements.get(`SELECT w.id, w.connector_id AS connectorId, w.external_id AS externalId, w.name, w.active, w.archived, w.created_at AS createdAt, ${extra}
      FROM workflows w ${reg ? 'LEFT JOIN workflow_registry r ON r.workflow_id = w.id' : ''} ORDER BY w.id`).all() as { id: number; connectorId: string; externalId: string;
        name: string; active: number; archived: number; createdAt: number; definitionHash: string | null; tagsJson: string; environment: string | null;
        owner: string | null; regTagsJson: string | null; scheduleJson: string | null }[];
    const last = this.statements.get('SELECT started_at AS t FROM runs WHERE workflow_id = ? ORDER BY started_at DESC LIMIT 1').pluck();
    return rows.map((r) => ({
      id: r.id, connectorId: r.connectorId, externalId: r.externalId, name: r.name, active: r.active === 1, archived: r.archived === 1,
      createdAt: r.createdAt, tags: [...new Set([...JSON.parse(r.tagsJson) as string[], ...(r.regTagsJson ? JSON.parse(r.regTagsJson) as string[] : [])])],
      environment: r.environment, owner: r.owner, expectedSchedule: r.scheduleJson ? JSON.parse(r.scheduleJson) as ExpectedSchedule : null,
      definition: this.definition(r.id, r.definitionHash), lastStartedAt: (last.get(r.id) as number | undefined) ?? null, p95Ms: null,
    }));
  }

  /**
   * A workflow's parsed definition, read and parsed again only when its hash changed: every alert tick and the SLA page
   * read all workflows, and definitions run to tens of kilobytes each.
   */
  private definition(id: number, hash: string | null): unknown {
    if (hash === null) return null;
    const hit = this.definitions.get(id);
    if (hit?.hash === hash) return hit.value;
    const json = this.statements.get<string | null>('SELECT definition_json FROM workflows WHERE id = ?').pluck().get(id) ?? null;
    const value = json ? JSON.parse(json) as unknown : null;
    this.definitions.set(id, { hash, value });
    return value;
  }

  /** The registry owner of one workflow (owner routing), or null. */
  ownerOf(workflowId: number): string | null {
    if (!this.hasRegistry()) return null;
    return (this.statements.get('SELECT owner FROM workflow_registry WHERE workflow_id = ?').pluck().get(workflowId) as string | null | undefined) ?? null;
  }

  connectors(): ConnectorFact[] {
    return this.db.prepare('SELECT id, name, health, health_message AS healthMessage FROM connectors ORDER BY id').all() as ConnectorFact[];
  }

  /** 7-day p95 per workflow from the rollup histograms; it moves slowly, so it is recomputed at most every 10 minutes. */
  private p95s(now: number): Map<number, number> {
    if (this.p95Cache && now >= this.p95Cache.at && now - this.p95Cache.at < P95_TTL_MS) return this.p95Cache.values;
    const hists = new Map<number, Histogram>();
    for (const r of this.statements.get('SELECT workflow_id AS w, hist FROM rollups_hourly WHERE hour >= ? AND hist IS NOT NULL').iterate(now - 7 * DAY) as Iterable<{ w: number; hist: Buffer }>) {
      let h = hists.get(r.w);
      if (!h) hists.set(r.w, (h = new Map()));
      decodeHistogram(r.hist, h);
    }
    const values = new Map<number, number>();
    for (const [w, h] of hists) {
      const q = quantile(h, 0.95);
      if (q !== null) values.set(w, q);
    }
    this.p95Cache = { at: now, values };
    return values;
  }

  snapshot(needs: SnapshotNeeds): LedgerSnapshot {
    const workflows = this.workflows();
    // One scan of the window (runs_by_time), then the newest runs of workflows that ran less than `lastRuns` times in it.
    const runsByWorkflow = new Map<number, RunFact[]>(workflows.map((w) => [w.id, []]));
    for (const r of this.statements.get(`${RUN} WHERE started_at >= ? ORDER BY started_at, id`).iterate(needs.from) as Iterable<RunFact>) runsByWorkflow.get(r.workflowId)?.push(r);
    const newest = this.statements.get(`${RUN} WHERE workflow_id = ? ORDER BY started_at DESC, id DESC LIMIT ?`);
    for (const [id, rows] of runsByWorkflow) {
      if (rows.length < needs.lastRuns) runsByWorkflow.set(id, (newest.all(id, needs.lastRuns) as RunFact[]).reverse());
    }
    if (needs.p95) {
      const p95 = this.p95s(needs.now);
      for (const wf of workflows) wf.p95Ms = p95.get(wf.id) ?? null;
    }
    return { workflows, connectors: this.connectors(), runsByWorkflow };
  }
}
