import type { ConnectorRuntime } from './runtime.ts';
import type { IngestPage, IngestResult } from './ingest/record.ts';
import type { ConnectorState, ConnectorSyncRepo } from '../store/connector-sync-repo.ts';
import { MissingCredential } from './health.ts';

export interface CycleDeps {
  repo: ConnectorSyncRepo;
  /** The core's ingest: one transaction per page, cursor included. */
  ingest(page: IngestPage): IngestResult;
  now(): number;
}

export interface CycleOptions {
  listWorkflows: boolean;
  maxPages: number;
  /** Called after every committed page. */
  onPage?(progress: { pages: number; inserted: number }): void;
  /** Checked between pages: stop early (the scheduler is shutting down). */
  cancelled?(): boolean;
}

export interface CycleResult {
  pages: number;
  inserted: number;
  updated: number;
  workflows: { listed: number; added: number; changed: number } | null;
  hasMore: boolean;
  /** Runs still queued, running or waiting after the refresh. */
  unfinished: number;
  /** What this poll could not take in: what the driver could not fetch, and records quarantined as unreadable. */
  lost: string[];
}

const REFRESH_LIMIT = 100;

/**
 * One poll of one connector: the workflow list (when due), new runs page by page from the stored cursor (each
 * page and its cursor in one ingest transaction), then a refresh of runs that were not finished yet.
 * Throws the driver's failure; pages committed before it stay committed.
 */
export async function runCycle(state: ConnectorState, runtime: ConnectorRuntime, deps: CycleDeps, options: CycleOptions): Promise<CycleResult> {
  const { driver } = runtime;
  if (!(await runtime.credential())) throw new MissingCredential('No credential stored for this connector.');
  const result: CycleResult = { pages: 0, inserted: 0, updated: 0, workflows: null, hasMore: false, unfinished: 0, lost: [] };
  let quarantined = 0;

  if (options.listWorkflows) {
    // The list enters through ingest like runs: validated, stored with the cursor as it stands (a failure of the
    // runs below leaves the list committed).
    const workflows = await driver.listWorkflows();
    const ingested = deps.ingest({ connectorId: state.id, records: [], cursor: state.cursor, workflows });
    result.workflows = ingested.workflows ?? { listed: 0, added: 0, changed: 0 };
    quarantined += ingested.quarantined;
  }

  let cursor = state.cursor;
  const seen = new Set<string>();
  for (;;) {
    if (options.cancelled?.()) {
      result.hasMore = true;
      break;
    }
    const page = await driver.listRuns(cursor);
    const ingested = deps.ingest({ connectorId: state.id, records: page.records, cursor: page.cursor });
    cursor = page.cursor;
    result.pages++;
    result.inserted += ingested.inserted;
    result.updated += ingested.updated;
    quarantined += ingested.quarantined;
    if (page.lost) result.lost.push(page.lost.message);
    for (const r of page.records) seen.add(r.externalId);
    options.onPage?.({ pages: result.pages, inserted: result.inserted });
    if (!page.hasMore) break;
    if (result.pages >= options.maxPages) {
      result.hasMore = true;
      break;
    }
  }

  const stale = deps.repo.unfinishedRunIds(state.id, REFRESH_LIMIT).filter((id) => !seen.has(id));
  if (stale.length && !options.cancelled?.()) {
    const records = await driver.refreshRuns(stale);
    if (records.length) {
      // The cursor is re-stored as it is: a refresh never moves the high-water mark.
      const ingested = deps.ingest({ connectorId: state.id, records, cursor });
      result.updated += ingested.updated;
      result.inserted += ingested.inserted;
    }
  }
  if (quarantined) result.lost.push(`${quarantined} record${quarantined === 1 ? ' was' : 's were'} unreadable and were set aside (see "Quarantined" in flowdeck status).`);
  result.unfinished = deps.repo.unfinishedRunIds(state.id, 1).length;
  return result;
}
