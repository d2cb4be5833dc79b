import type { Core } from '../../../core/app.ts';
import type { ConnectorDriver } from '../../../core/sync/vendors/types.ts';
import { HttpFailure } from '../../../core/platform/http/types.ts';
import { ledgerDb } from '../../../core/store/ledger-db.ts';

/**
 * A stand-in for the scheduler, for connector tests: poll a driver page by page through the REAL ingest path,
 * storing each page's cursor with its runs, backing off on failures in fake time. No test-framework imports.
 */
export interface SyncLoopOptions {
  core: Core;
  connectorId: string;
  driver: () => ConnectorDriver;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** Called before every listRuns call (e.g. to let the fake's traffic catch up with fake time). */
  beforeCall?: () => void;
}

export interface PollResult {
  calls: number;
  pages: number;
  failures: HttpFailure[];
  /** Set when the poll stopped on a failure that retrying cannot fix (credentials). */
  stoppedOn: HttpFailure | null;
}

const STOP = new Set(['auth']);

export function createSyncLoop(o: SyncLoopOptions) {
  const cursor = () => o.core.ledger.connectors.get(o.connectorId)!.cursor;
  return {
    cursor,
    /** listRuns until the driver has nothing more right now; failures back off (Retry-After / 5 s). */
    async poll(maxCalls = 5000): Promise<PollResult> {
      const result: PollResult = { calls: 0, pages: 0, failures: [], stoppedOn: null };
      while (result.calls < maxCalls) {
        result.calls += 1;
        o.beforeCall?.();
        let page;
        try {
          page = await o.driver().listRuns(cursor());
        } catch (error) {
          if (!(error instanceof HttpFailure)) throw error;
          result.failures.push(error);
          if (STOP.has(error.kind)) {
            result.stoppedOn = error;
            return result;
          }
          await o.sleep(Math.max(5000, (error.retryAt ?? 0) - o.now()));
          continue;
        }
        o.core.ingest({ connectorId: o.connectorId, records: page.records, cursor: page.cursor });
        result.pages += 1;
        if (!page.hasMore) return result;
      }
      throw new Error(`the driver still had more after ${maxCalls} calls`);
    },
    /** Re-polls every run the ledger holds as not finished. */
    async refresh(): Promise<number> {
      const open = ledgerDb(o.core.ledger).prepare(
        `SELECT external_id AS id FROM runs WHERE connector_id = ? AND status IN ('queued','running','waiting') ORDER BY external_id`,
      ).all(o.connectorId) as { id: string }[];
      if (open.length === 0) return 0;
      const records = await o.driver().refreshRuns(open.map((r) => r.id));
      o.core.ingest({ connectorId: o.connectorId, records, cursor: cursor() });
      return records.length;
    },
    /** The ledger's runs for the connector, sorted by external id. */
    runs(): { id: string; status: string; raw: string; error: string | null; step: string | null }[] {
      return ledgerDb(o.core.ledger).prepare(
        `SELECT external_id AS id, status, raw_status AS raw, error_message AS error, failing_step AS step
           FROM runs WHERE connector_id = ? ORDER BY external_id`,
      ).all(o.connectorId) as { id: string; status: string; raw: string; error: string | null; step: string | null }[];
    },
  };
}
