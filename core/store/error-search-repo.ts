import type { RunSummary } from '../contract/runs.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

const SUMMARY = `r.id, r.connector_id AS connectorId, c.name AS connectorName, c.kind AS connectorKind,
  r.workflow_id AS workflowId, w.name AS workflowName, r.external_id AS externalId, r.status,
  r.raw_status AS rawStatus, r.started_at AS startedAt, r.finished_at AS finishedAt, r.duration_ms AS durationMs,
  r.error_message AS errorMessage`;

export interface MatchedGroup {
  fingerprint: string;
  template: string;
  sampleMessage: string;
  firstSeen: number;
  lastSeen: number;
}

export interface SearchFilter {
  workflowIds?: number[] | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

const MAX_GROUPS = 200;

/** Turns what a person typed into an FTS5 query: every word must appear, each as a prefix. Null when nothing is searchable. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (!words?.length) return null;
  return words.slice(0, 12).map((w) => `"${w}"*`).join(' ');
}

/**
 * Full-text search of error messages: FTS5 finds the error groups, then each group's runs come from
 * runs_by_fingerprint (fingerprint, started_at) with the time bounds inside the index range, newest first,
 * merged and cut at `limit`. Groups are visited newest first and the walk stops once no older group can matter.
 */
export class ErrorSearchRepo {
  private readonly db: Db;
  private readonly groups: Statement<[string, number, number, number], MatchedGroup>;
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.db = db;
    this.statements = new StatementCache(db);
    this.groups = db.prepare(`SELECT g.fingerprint, g.template, g.sample_message AS sampleMessage, g.first_seen AS firstSeen,
      g.last_seen AS lastSeen FROM error_groups_fts f JOIN error_groups g ON g.id = f.rowid
      WHERE error_groups_fts MATCH ? AND g.last_seen >= ? AND g.first_seen < ? ORDER BY g.last_seen DESC LIMIT ?`);
  }

  matchGroups(text: string, from = 0, to = Number.MAX_SAFE_INTEGER): MatchedGroup[] {
    const q = ftsQuery(text);
    return q ? this.groups.all(q, from, to, MAX_GROUPS) : [];
  }

  search(text: string, filter: SearchFilter, limit: number): { groups: MatchedGroup[]; runs: RunSummary[] } {
    const from = filter.from ?? 0;
    const to = filter.to ?? Number.MAX_SAFE_INTEGER;
    const groups = this.matchGroups(text, from, to);
    const workflows = filter.workflowIds?.length ? [...new Set(filter.workflowIds)] : [];
    const sql = `SELECT ${SUMMARY} FROM runs r INDEXED BY runs_by_fingerprint
      JOIN workflows w ON w.id = r.workflow_id JOIN connectors c ON c.id = r.connector_id
      WHERE r.error_fingerprint = ? AND r.started_at >= ? AND r.started_at < ?
      ${workflows.length ? `AND r.workflow_id IN (${workflows.map(() => '?').join(',')})` : ''}
      ORDER BY r.started_at DESC LIMIT ?`;
    const stmt = this.statements.get<RunSummary>(sql);
    let runs: RunSummary[] = [];
    for (const g of groups) {
      // Groups come newest last-seen first: once `limit` runs are newer than this group's last run, stop.
      if (runs.length >= limit && runs[limit - 1]!.startedAt > g.lastSeen) break;
      runs = runs.concat(stmt.all(g.fingerprint, from, to, ...workflows, limit));
      runs.sort((a, b) => b.startedAt - a.startedAt || b.id - a.id);
      runs.length = Math.min(runs.length, limit);
    }
    return { groups, runs };
  }
}
