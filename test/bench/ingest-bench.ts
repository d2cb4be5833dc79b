import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Core } from '../../core/app.ts';
import type { IngestRecord } from '../../core/sync/ingest/record.ts';
import { normalise } from '../../core/sync/ingest/normalize.ts';

export interface BenchPage {
  connectorId: string;
  records: IngestRecord[];
  cursor: string;
}

/** Rows per second through the full ingest path: validation, normalisation, indexes, rollups, search index, cursor. */
export function benchIngest(core: Core, pages: BenchPage[]): { rows: number; seconds: number } {
  let rows = 0;
  const t = performance.now();
  for (const page of pages) {
    core.ingest(page);
    rows += page.records.length;
  }
  return { rows, seconds: (performance.now() - t) / 1000 };
}

/**
 * The floor to compare against: the same rows, already normalised, in the same transactions, upserted with a plain
 * better-sqlite3 INSERT … ON CONFLICT into a table whose only key is (connector, external id).
 */
export function benchRawUpsert(dir: string, pages: BenchPage[]): { rows: number; seconds: number } {
  const db = new Database(join(dir, 'raw-baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE runs (id INTEGER PRIMARY KEY, connector_id TEXT NOT NULL, external_id TEXT NOT NULL,
    workflow_external_id TEXT NOT NULL, status TEXT NOT NULL, raw_status TEXT NOT NULL, started_at INTEGER NOT NULL,
    finished_at INTEGER, duration_ms INTEGER, error_message TEXT, error_fingerprint TEXT, failing_step TEXT, mode TEXT,
    deep_link TEXT, retry_of TEXT, retry_success_id TEXT, item_count INTEGER, ingested_at INTEGER NOT NULL,
    UNIQUE (connector_id, external_id)) STRICT`);
  const insert = db.prepare(`INSERT INTO runs (connector_id, external_id, workflow_external_id, status, raw_status,
    started_at, finished_at, duration_ms, error_message, error_fingerprint, failing_step, mode, deep_link, retry_of,
    retry_success_id, item_count, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (connector_id, external_id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at`);
  const prepared = pages.map((p) => ({ connectorId: p.connectorId, rows: p.records.map((r) => normalise(r)) }));
  const now = Date.now();
  const apply = db.transaction((connectorId: string, rows: ReturnType<typeof normalise>[]) => {
    for (const r of rows) {
      insert.run(connectorId, r.externalId, r.workflowExternalId, r.status, r.rawStatus, r.startedAt ?? now, r.finishedAt,
        r.durationMs, r.errorMessage, r.errorFingerprint, r.failingStep, r.mode, r.deepLink, r.retryOf, r.retrySuccessId,
        r.itemCount, now);
    }
  });
  let rows = 0;
  const t = performance.now();
  for (const p of prepared) {
    apply.immediate(p.connectorId, p.rows);
    rows += p.rows.length;
  }
  const seconds = (performance.now() - t) / 1000;
  db.close();
  return { rows, seconds };
}
