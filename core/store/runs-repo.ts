import type { RunDetail, RunFilter, RunSummary } from '../contract/runs.ts';
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';
import { planRunsQuery } from './runs-query.ts';

const SUMMARY = `r.id, r.connector_id AS connectorId, c.name AS connectorName, c.kind AS connectorKind,
  r.workflow_id AS workflowId, w.name AS workflowName, r.external_id AS externalId, r.status,
  r.raw_status AS rawStatus, r.started_at AS startedAt, r.finished_at AS finishedAt, r.duration_ms AS durationMs,
  r.error_message AS errorMessage`;

const DETAIL = `${SUMMARY}, r.error_fingerprint AS errorFingerprint, r.failing_step AS failingStep, r.mode,
  r.deep_link AS deepLink, r.retry_of AS retryOf, r.retry_success_id AS retrySuccessId, r.item_count AS itemCount,
  r.ingested_at AS ingestedAt, r.updated_at AS updatedAt`;

const FROM = 'FROM runs r JOIN workflows w ON w.id = r.workflow_id JOIN connectors c ON c.id = r.connector_id';

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

/** Keyset position: the (started_at, id) of the last row shown. */
export function encodeCursor(startedAt: number, id: number): string {
  return `${startedAt.toString(36)}.${id.toString(36)}`;
}

export function decodeCursor(cursor: string): [number, number] {
  const m = /^([0-9a-z]{1,12})\.([0-9a-z]{1,12})$/.exec(cursor);
  if (!m) throw new InvalidCursorError('The page cursor is not valid; reload the list.');
  return [parseInt(m[1]!, 36), parseInt(m[2]!, 36)];
}

export interface RunPage {
  items: RunSummary[];
  nextCursor: string | null;
}

/** Read side of the run ledger: keyset-paged execution log and run detail. */
export class RunsRepo {
  private readonly db: Db;
  private readonly byId;
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.db = db;
    this.statements = new StatementCache(db);
    this.byId = db.prepare<[number], RunDetail>(`SELECT ${DETAIL} ${FROM} WHERE r.id = ?`);
  }

  list(filter: RunFilter, cursor: string | null | undefined, limit: number): RunPage {
    const after = cursor ? decodeCursor(cursor) : null;
    const plan = planRunsQuery(`SELECT ${SUMMARY} FROM runs r`, filter, after, limit + 1);
    let rows: RunSummary[] = [];
    for (const q of plan.queries) {
      const stmt = this.statements.get<RunSummary>(q.sql);
      rows = rows.concat(stmt.all(...q.params));
    }
    if (plan.queries.length > 1) rows.sort((a, b) => b.startedAt - a.startedAt || b.id - a.id);
    const more = rows.length > limit;
    rows = rows.slice(0, limit);
    const last = rows.at(-1);
    return { items: rows, nextCursor: more && last ? encodeCursor(last.startedAt, last.id) : null };
  }

  get(id: number): RunDetail | undefined {
    return this.byId.get(id);
  }

  /** The highest numeric external id a connector's runs use (0 when none): where a simulator's ids continue. */
  maxNumericExternalId(connectorId: string): number {
    const row = this.db.prepare('SELECT MAX(CAST(external_id AS INTEGER)) AS id FROM runs WHERE connector_id = ?').get(connectorId) as { id: number | null } | undefined;
    return row?.id ?? 0;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
  }
}
