import { createCore, type Core } from '../../../core/app.ts';
import { createZapierDriver, ZAPIER_RATE_BUDGET } from '../../../core/sync/vendors/zapier/driver.ts';
import { zapRunStatus } from '../../../core/sync/vendors/zapier/mapper.ts';
import type { ConnectorDriver } from '../../../core/sync/vendors/types.ts';
import { createHttpClient } from '../../../core/platform/http/client.ts';
import { fakeTime } from '../../support/fake-time.ts';
import { HttpFailure } from '../../../core/platform/http/types.ts';
import { createMemoryLogger } from '../../../core/platform/logger.ts';
import { startFakeZapier, type FakeZapier } from './server.ts';
import { ledgerDb } from '../../../core/store/ledger-db.ts';

export const CONNECTOR_ID = 'zapier-main';

export interface ZapierHarness {
  core: Core;
  fake: FakeZapier;
  time: ReturnType<typeof fakeTime>;
  /** What the drivers logged. */
  logger: ReturnType<typeof createMemoryLogger>;
  /** The token Flowdeck holds (what the keychain would return). */
  token: { value: string | null };
  newDriver(options?: Record<string, unknown>): ConnectorDriver;
  /** One listRuns + ingest step from the stored cursor, like the scheduler does. */
  step(driver: ConnectorDriver): Promise<{ ok: true; hasMore: boolean; records: number } | { ok: false; error: unknown }>;
  /**
   * Pages until the driver has nothing more. Failures are handed to `onFailure` (which may repair things, like an
   * owner reconnecting) and then waited out like the scheduler's backoff. Returns every failure seen.
   */
  syncUntilIdle(driver: ConnectorDriver, onFailure?: (error: unknown) => void): Promise<unknown[]>;
  diff(): { missing: string[]; extra: string[]; wrongStatus: string[]; rollupRuns: number; ledgerRuns: number };
  close(): Promise<void>;
}

export async function zapierHarness(start = Date.UTC(2026, 2, 2, 12, 0, 0)): Promise<ZapierHarness> {
  const time = fakeTime(start);
  const fake = await startFakeZapier({ clock: time.clock });
  const token = { value: 'zap-token-1' as string | null };
  fake.state.grant('zap-token-1');
  const core = createCore({ dataDir: ':memory:', clock: time.clock, logger: createMemoryLogger() });
  core.ledger.connectors.create({ id: CONNECTOR_ID, kind: 'zapier', name: 'Zapier', baseUrl: fake.url }, time.clock.now());
  const logger = createMemoryLogger();
  const http = createHttpClient({
    baseUrl: fake.url, clock: time.clock, sleep: time.sleep, random: () => 0.5, timeoutMs: 250, retries: 2,
    budget: ZAPIER_RATE_BUDGET, breaker: { failureThreshold: 5, halfOpenAfterMs: 30_000 }, logger,
  });

  const newDriver = (options: Record<string, unknown> = { pageSize: 20 }) => createZapierDriver({
    config: { id: CONNECTOR_ID, kind: 'zapier', name: 'Zapier', baseUrl: fake.url, options },
    http, credential: async () => token.value, clock: time.clock, logger,
  });

  const step: ZapierHarness['step'] = async (driver) => {
    const cursor = core.ledger.connectors.get(CONNECTOR_ID)!.cursor;
    try {
      const page = await driver.listRuns(cursor);
      core.ingest({ connectorId: CONNECTOR_ID, records: page.records, cursor: page.cursor });
      return { ok: true, hasMore: page.hasMore, records: page.records.length };
    } catch (error) {
      return { ok: false, error };
    }
  };

  const syncUntilIdle: ZapierHarness['syncUntilIdle'] = async (driver, onFailure) => {
    const failures: unknown[] = [];
    for (let i = 0; i < 500; i++) {
      const r = await step(driver);
      if (r.ok && !r.hasMore) return failures;
      if (r.ok) continue;
      failures.push(r.error);
      onFailure?.(r.error);
      const retryAt = r.error instanceof HttpFailure ? r.error.retryAt : null;
      await time.sleep(Math.max(5_000, retryAt === null ? 0 : retryAt - time.clock.now()));
    }
    throw new Error('sync did not settle in 500 steps');
  };

  const diff: ZapierHarness['diff'] = () => {
    const rows = ledgerDb(core.ledger).prepare('SELECT external_id AS id, status, raw_status AS raw FROM runs WHERE connector_id = ?')
      .all(CONNECTOR_ID) as { id: string; status: string; raw: string }[];
    const ledger = new Map(rows.map((r) => [r.id, r]));
    const truth = new Map(fake.state.runs.map((r) => [r.id, r]));
    const rollup = ledgerDb(core.ledger).prepare(
      `SELECT coalesce(sum(n_queued + n_running + n_waiting + n_success + n_warning + n_failed + n_canceled + n_skipped + n_missed + n_unknown), 0) AS n
       FROM rollups_hourly h JOIN workflows w ON w.id = h.workflow_id WHERE w.connector_id = ?`).get(CONNECTOR_ID) as { n: number };
    return {
      missing: [...truth.keys()].filter((id) => !ledger.has(id)),
      extra: [...ledger.keys()].filter((id) => !truth.has(id)),
      wrongStatus: [...truth.values()].filter((t) => {
        const l = ledger.get(t.id);
        return l && (l.raw !== t.status || l.status !== zapRunStatus(t.status));
      }).map((t) => `${t.id}: ledger ${ledger.get(t.id)!.raw}, Zapier ${t.status}`),
      rollupRuns: rollup.n,
      ledgerRuns: rows.length,
    };
  };

  return {
    core, fake, time, logger, token, newDriver, step, syncUntilIdle, diff,
    close: async () => {
      core.close();
      await fake.close();
    },
  };
}

/** The most requests the fake saw inside any window of `windowMs` (on the fake clock). */
export function peakRequests(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}
