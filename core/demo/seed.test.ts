import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app.ts';
import { fixedClock } from '../platform/clock.ts';
import { createMemoryLogger } from '../platform/logger.ts';
import { recount, storedRollups } from '../../test/support/recount.ts';
import { seedDemo } from './seed.ts';
import { ledgerDb } from '../store/ledger-db.ts';

const NOW = Date.UTC(2026, 10, 25, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function freshCore(): Core {
  return createCore({ dataDir: ':memory:', clock: fixedClock(NOW), logger: createMemoryLogger() });
}

/** Everything a run says, in a fixed order, hashed: two ledgers with the same digest hold the same runs. */
function digest(core: Core): string {
  const rows = ledgerDb(core.ledger).prepare(`SELECT r.connector_id, r.external_id, w.external_id AS wf, w.name, r.status, r.raw_status,
      r.started_at, r.finished_at, r.duration_ms, r.error_message, r.error_fingerprint, r.failing_step, r.mode, r.deep_link,
      r.retry_of, r.retry_success_id, r.item_count
    FROM runs r JOIN workflows w ON w.id = r.workflow_id ORDER BY r.connector_id, r.external_id`).raw().all();
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

function all<T>(core: Core, sql: string, ...params: unknown[]): T[] {
  return ledgerDb(core.ledger).prepare(sql).all(...params) as T[];
}

function one<T>(core: Core, sql: string, ...params: unknown[]): T {
  return ledgerDb(core.ledger).prepare(sql).get(...params) as T;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function workflowRuns(core: Core, name: string): { startedAt: number; durationMs: number | null; status: string }[] {
  return all(core, `SELECT r.started_at AS startedAt, r.duration_ms AS durationMs, r.status FROM runs r
    JOIN workflows w ON w.id = r.workflow_id WHERE w.name = ? ORDER BY r.started_at`, name);
}

describe('seedDemo', () => {
  let core: Core;
  let seeded: { runs: number; workflows: number };

  beforeAll(() => {
    core = freshCore();
    seeded = seedDemo(core, { now: NOW });
  });

  it('seeds 40–80 thousand runs, every one accepted by validation', () => {
    expect(seeded.runs).toBeGreaterThanOrEqual(40_000);
    expect(seeded.runs).toBeLessThanOrEqual(80_000);
    expect(one<{ n: number }>(core, 'SELECT count(*) AS n FROM runs').n).toBe(seeded.runs);
    expect(one<{ n: number }>(core, 'SELECT count(*) AS n FROM ingest_quarantine').n).toBe(0);
  });

  it('is deterministic: the same seed gives the same ledger, another seed a different one', () => {
    const again = freshCore();
    expect(seedDemo(again, { now: NOW, seed: 42 })).toEqual(seeded);
    expect(digest(again)).toBe(digest(core));
    const other = freshCore();
    seedDemo(other, { now: NOW, seed: 7 });
    expect(digest(other)).not.toBe(digest(core));
  });

  it('has about 30 workflows across the four vendors, all reporting through their connectors', () => {
    const connectors = core.ledger.connectors.list();
    expect(connectors.map((c) => c.kind).sort()).toEqual(['github', 'make', 'n8n', 'zapier']);
    expect(seeded.workflows).toBeGreaterThanOrEqual(28);
    expect(seeded.workflows).toBeLessThanOrEqual(34);
    expect(core.ledger.workflows.count()).toBe(seeded.workflows);
    for (const c of connectors) {
      expect(core.ledger.workflows.list(c.id).length).toBeGreaterThanOrEqual(5);
      expect(c.runCount).toBeGreaterThan(500);
      expect(c.lastIngestAt).toBe(NOW);
      const row = core.ledger.connectors.get(c.id)!;
      expect(JSON.parse(row.cursor!)).toMatchObject({ lastId: expect.any(String), since: expect.any(String) });
      const links = all<{ link: string }>(core, 'SELECT deep_link AS link FROM runs WHERE connector_id = ? LIMIT 50', c.id);
      for (const { link } of links) expect(link.startsWith(`${row.baseUrl}/`)).toBe(true);
    }
    const badlyNamed = core.ledger.workflows.list().filter((w) => !w.name.includes(' – '));
    expect(badlyNamed.map((w) => w.name)).toContain('My workflow 3');
  });

  it('keeps rollups equal to a recount of the runs it ingested', () => {
    expect(storedRollups(ledgerDb(core.ledger))).toEqual(recount(ledgerDb(core.ledger)));
  });

  it('has failure bursts: one error across three workflows of one connector within five hours', () => {
    const burst = one<{ n: number; workflows: number; connectors: number; span: number }>(core, `SELECT count(*) AS n,
        count(DISTINCT workflow_id) AS workflows, count(DISTINCT connector_id) AS connectors, max(started_at) - min(started_at) AS span
      FROM runs WHERE error_message = 'invalid_grant: Token has been expired or revoked.'`);
    expect(burst.n).toBeGreaterThanOrEqual(30);
    expect(burst.workflows).toBe(3);
    expect(burst.connectors).toBe(1);
    expect(burst.span).toBeLessThanOrEqual(5 * HOUR);
    // Errors with ids in them still group: the HubSpot 429s carry a different correlation id each time.
    const rate = one<{ messages: number; fingerprints: number }>(core, `SELECT count(DISTINCT error_message) AS messages,
      count(DISTINCT error_fingerprint) AS fingerprints FROM runs WHERE error_message LIKE '%ten_secondly_rolling%' AND connector_id = 'demo-n8n'`);
    expect(rate.messages).toBeGreaterThan(5);
    expect(rate.fingerprints).toBe(1);
    const groups = all<{ occurrences: number }>(core, 'SELECT occurrences FROM error_groups WHERE last_seen - first_seen <= ? AND occurrences >= 15', 30 * HOUR);
    expect(groups.length).toBeGreaterThanOrEqual(4);
  });

  it('has a workflow whose schedule stopped three days ago', () => {
    const runs = workflowRuns(core, 'Inventory – Sync stock levels from supplier');
    expect(runs.length).toBeGreaterThan(500);
    expect(runs.at(-1)!.startedAt).toBeLessThan(NOW - 3 * DAY);
    expect(runs.at(-1)!.startedAt).toBeGreaterThan(NOW - 4 * DAY);
  });

  it('has a slow workflow whose durations creep up over the month', () => {
    const runs = workflowRuns(core, 'Data – Orders export to BigQuery').filter((r) => r.status === 'success');
    const first = runs.filter((r) => r.startedAt < NOW - 23 * DAY).map((r) => r.durationMs!);
    const last = runs.filter((r) => r.startedAt >= NOW - 7 * DAY).map((r) => r.durationMs!);
    expect(first.length).toBeGreaterThan(100);
    expect(last.length).toBeGreaterThan(100);
    expect(median(last)).toBeGreaterThan(2.5 * median(first));
  });

  it('has runs still queued, running or waiting near now, without an end', () => {
    const live = all<{ status: string; startedAt: number; finishedAt: number | null; errorMessage: string | null }>(core,
      `SELECT status, started_at AS startedAt, finished_at AS finishedAt, error_message AS errorMessage FROM runs
       WHERE status IN ('queued', 'running', 'waiting')`);
    expect(new Set(live.map((r) => r.status))).toEqual(new Set(['queued', 'running', 'waiting']));
    for (const r of live) {
      expect(r.startedAt).toBeGreaterThan(NOW - 2 * DAY);
      expect(r.finishedAt).toBeNull();
      expect(r.errorMessage).toBeNull();
    }
  });

  it('puts statuses in each vendor’s own words and covers every kind of ending', () => {
    const pairs = all<{ kind: string; raw: string; status: string }>(core, `SELECT DISTINCT c.kind, r.raw_status AS raw, r.status
      FROM runs r JOIN connectors c ON c.id = r.connector_id`).map((p) => `${p.kind}:${p.raw}->${p.status}`);
    expect(pairs).toEqual(expect.arrayContaining([
      'n8n:success->success', 'n8n:error->failed', 'n8n:crashed->failed', 'n8n:waiting->waiting', 'n8n:canceled->canceled',
      'make:warning->warning', 'make:error->failed', 'zapier:filtered->skipped',
      'github:completed/failure->failed', 'github:completed/cancelled->canceled', 'github:queued->queued',
    ]));
    expect(pairs.filter((p) => p.endsWith('->unknown'))).toEqual([]);
    const steps = all<{ step: string }>(core, 'SELECT DISTINCT failing_step AS step FROM runs WHERE failing_step IS NOT NULL').map((r) => r.step);
    expect(steps).toEqual(expect.arrayContaining(['HTTP Request', 'Google Sheets', 'Set email']));
  });

  it('retries failed n8n executions and links the original to its successful retry', () => {
    const retries = all<{ retryOf: string; status: string; id: string }>(core,
      `SELECT retry_of AS retryOf, status, external_id AS id FROM runs WHERE mode = 'retry' AND connector_id = 'demo-n8n'`);
    expect(retries.length).toBeGreaterThan(10);
    for (const r of retries) {
      const original = one<{ status: string; retrySuccessId: string | null } | undefined>(core,
        `SELECT status, retry_success_id AS retrySuccessId FROM runs WHERE connector_id = 'demo-n8n' AND external_id = ?`, r.retryOf);
      expect(original?.status).toBe('failed');
      if (r.status === 'success') expect(original?.retrySuccessId).toBe(r.id);
    }
  });

  it('refuses to seed a ledger that already holds the demo estate', () => {
    expect(() => seedDemo(core, { now: NOW })).toThrow(/already in this ledger/);
  });
});
