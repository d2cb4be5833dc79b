import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCore } from '../app.ts';
import { fixedClock } from '../platform/clock.ts';
import { createMemoryLogger } from '../platform/logger.ts';
import { testCore, T0 } from '../../test/support/core.ts';
import { MonitoringRepo } from './monitoring-repo.ts';
import { periodCache } from './period-cache.ts';
import { ledgerDb } from './ledger-db.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Runs and failures per workflow, and terminal runs with a duration, straight from the runs table. */
function recount(db: Database.Database, from: number, to: number): Map<number, { total: number; failed: number; timed: number }> {
  const rows = db.prepare(`SELECT workflow_id AS w, count(*) AS total, sum(status = 'failed') AS failed,
    sum(duration_ms IS NOT NULL AND status IN ('success','warning','failed','canceled','skipped','missed')) AS timed
    FROM runs WHERE started_at >= ? AND started_at < ? GROUP BY workflow_id`).all(from, to) as { w: number; total: number; failed: number; timed: number }[];
  return new Map(rows.map((r) => [r.w, { total: r.total, failed: r.failed, timed: r.timed }]));
}

describe('period cache', () => {
  it('queries interleaved with ingests always equal a recount: an ingest drops exactly the periods it wrote', () => {
    const batch = fc.array(fc.record({
      workflow: fc.integer({ min: 1, max: 4 }),
      minutesAgo: fc.integer({ min: 0, max: 100 * 24 * 60 }),
      raw: fc.constantFrom('success', 'error', 'running'),
      message: fc.constantFrom('timeout of 30000ms exceeded', 'invalid_grant: Token has been expired or revoked.'),
    }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(fc.array(batch, { minLength: 1, maxLength: 8 }), (batches) => {
      const core = testCore();
      const repo = new MonitoringRepo(ledgerDb(core.ledger));
      let n = 0;
      for (const runs of batches) {
        core.ingest({ connectorId: 'c1', cursor: String(n), records: runs.map((r) => {
          const startedAt = T0 - r.minutesAgo * 60_000;
          // Re-sending an id moves a run forward (running → success): rollup rows change in place, not only grow.
          const id = `r${(n++) % 9}`;
          return { externalId: id, workflow: { externalId: `wf-${r.workflow}`, name: `W${r.workflow}` }, rawStatus: r.raw, startedAt,
            ...(r.raw === 'running' ? {} : { finishedAt: startedAt + 1000 }), ...(r.raw === 'error' ? { errorMessage: r.message } : {}) };
        }) });
        for (const [from, to] of [[T0 - 90 * DAY, T0], [T0 - 24 * HOUR, T0], [T0 - 7 * DAY, T0]] as const) {
          const got = repo.perWorkflow(from, to);
          const want = recount(ledgerDb(core.ledger), got.from, got.to);
          expect(new Map([...got.per].filter(([, r]) => r.total > 0).map(([w, r]) => [w, { total: r.total, failed: r.failed, timed: r.timed }]))).toEqual(want);
        }
        // The Errors page's day counts: runs carrying each fingerprint.
        const errFrom = Math.floor((T0 - 100 * DAY) / DAY) * DAY;
        const errTo = Math.ceil(T0 / DAY) * DAY + DAY;
        const byFp = new Map<string, number>();
        repo.forEachErrorDay(errFrom, errTo, (_d, fp, _w, k) => byFp.set(fp, (byFp.get(fp) ?? 0) + k));
        const errRaw = ledgerDb(core.ledger).prepare(`SELECT error_fingerprint AS fp, count(*) AS n FROM runs WHERE error_fingerprint IS NOT NULL
          AND started_at >= ? AND started_at < ? GROUP BY 1`).all(errFrom, errTo) as { fp: string; n: number }[];
        expect(byFp).toEqual(new Map(errRaw.map((r) => [r.fp, r.n])));
        // The SLA's day series: each day's runs per workflow.
        const from = Math.floor((T0 - 100 * DAY) / DAY) * DAY;
        const to = Math.ceil(T0 / DAY) * DAY + DAY;
        const series = repo.dailySeries(from, to);
        const perDay = ledgerDb(core.ledger).prepare('SELECT workflow_id AS w, (started_at / 86400000) * 86400000 AS d, count(*) AS n FROM runs GROUP BY 1, 2').all() as { w: number; d: number; n: number }[];
        expect(perDay.every((r) => series.get(r.w)!.totals[(r.d - from) / DAY] === r.n)).toBe(true);
        expect([...series.values()].reduce((a, x) => a + x.totals.reduce((p, q) => p + q, 0), 0)).toBe(perDay.reduce((a, r) => a + r.n, 0));
      }
      core.close();
    }), { numRuns: 40 });
  });

  it('a commit by another process clears it (PRAGMA data_version)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdeck-period-'));
    const core = createCore({ dataDir: dir, clock: fixedClock(T0), logger: createMemoryLogger(), backups: { autoStart: false }, retention: { autoStart: false } });
    core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'c1' }, T0);
    core.ingest({ connectorId: 'c1', cursor: '1', records: [{ externalId: 'a', workflow: { externalId: 'w', name: 'W' }, rawStatus: 'success',
      startedAt: T0 - 20 * DAY, finishedAt: T0 - 20 * DAY + 5 }] });
    const repo = new MonitoringRepo(ledgerDb(core.ledger));
    const before = [...repo.perWorkflow(T0 - 30 * DAY, T0).per.values()][0]!.total;
    repo.perWorkflow(T0 - 30 * DAY, T0);
    expect(periodCache(ledgerDb(core.ledger)).hits).toBeGreaterThan(0);
    const other = new Database(join(dir, 'flowdeck.db'));
    other.prepare('UPDATE rollups_daily SET n_total = n_total + 5').run();
    other.prepare('UPDATE rollups_weekly SET n_total = n_total + 5').run();
    other.close();
    expect([...repo.perWorkflow(T0 - 30 * DAY, T0).per.values()][0]!.total).toBe(before + 5);
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
