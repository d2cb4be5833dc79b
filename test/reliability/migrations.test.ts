import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { validateBackup } from '../../core/store/backup-restore.ts';
import { listBackups } from '../../core/store/backup.ts';
import { addToHistogram, encodeHistogram, type Histogram } from '../../core/store/histogram.ts';
import { loadMigrations, migrate } from '../../core/store/migrate.ts';
import { recount, recountGlobalHourly, storedGlobalHourly, storedRollups } from '../support/recount.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const HOUR = 3_600_000;
const ALL = loadMigrations();
const STATUSES = ['queued', 'running', 'waiting', 'success', 'warning', 'failed', 'canceled', 'skipped', 'missed', 'unknown'];
const TERMINAL = new Set(['success', 'warning', 'failed', 'canceled', 'skipped', 'missed']);
const RUNS = 60;

/** Version 1: a connector, two workflows, runs over three days with their hourly rollups, audit, a token and a setting. */
function seedV1(db: Database.Database): void {
  db.prepare("INSERT INTO connectors (id, kind, name, base_url, secret_ref, cursor, created_at) VALUES ('c1', 'n8n', 'Old n8n', 'http://n8n.local', 'connector:c1', '{\"v\":1}', ?)").run(T0);
  const wf = db.prepare('INSERT INTO workflows (connector_id, external_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const w1 = Number(wf.run('c1', 'wf-a', 'Invoices', T0, T0).lastInsertRowid);
  const w2 = Number(wf.run('c1', 'wf-b', 'Leads', T0, T0).lastInsertRowid);
  const run = db.prepare(`INSERT INTO runs (connector_id, external_id, workflow_id, status, raw_status, started_at, finished_at, duration_ms,
    error_message, error_fingerprint, ingested_at, updated_at) VALUES ('c1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const rollups = new Map<string, { hour: number; w: number; n: number[]; dn: number; ds: number; dm: number; h: Histogram }>();
  for (let i = 0; i < RUNS; i++) {
    const status = STATUSES[[3, 3, 5, 3, 4, 1, 6, 3][i % 8]!]!;
    const w = i % 3 === 0 ? w2 : w1;
    const started = T0 + i * 71 * 60_000;
    const d = TERMINAL.has(status) ? 100 + i * 37 : null;
    const failed = status === 'failed';
    run.run(`e${i}`, w, status, status, started, d === null ? null : started + d, d, failed ? `Timeout after ${i} s` : null, failed ? 'fp-timeout' : null, started, started);
    const hour = Math.floor(started / HOUR) * HOUR;
    const key = `${hour}:${w}`;
    let r = rollups.get(key);
    if (!r) rollups.set(key, (r = { hour, w, n: STATUSES.map(() => 0), dn: 0, ds: 0, dm: 0, h: new Map() }));
    r.n[STATUSES.indexOf(status)]! += 1;
    if (d !== null) {
      r.dn++;
      r.ds += d;
      r.dm = Math.max(r.dm, d);
      addToHistogram(r.h, d);
    }
  }
  const roll = db.prepare(`INSERT INTO rollups_hourly (hour, workflow_id, ${STATUSES.map((s) => `n_${s}`).join(', ')}, duration_n, duration_sum, duration_max, hist)
    VALUES (${Array(STATUSES.length + 6).fill('?').join(', ')})`);
  for (const r of rollups.values()) roll.run(r.hour, r.w, ...r.n, r.dn, r.ds, r.dm, r.dn ? encodeHistogram(r.h) : null);
  db.prepare("INSERT INTO error_groups (fingerprint, template, sample_message, first_seen, last_seen, occurrences) VALUES ('fp-timeout', 'Timeout after <n> s', 'Timeout after 2 s', ?, ?, 7)").run(T0, T0);
  db.prepare("INSERT INTO audit_log (at, actor, action, target) VALUES (?, 'alice', 'connectors/add-connector', 'connector:c1')").run(T0);
  db.prepare("INSERT INTO access_tokens (name, token_hash, created_at) VALUES ('bob', 'deadbeef', ?)").run(T0);
  db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('retention', '{\"days\":90}', ?)").run(T0);
}

/** Version 3: a push connector with a heartbeat monitor. */
function seedV3(db: Database.Database): void {
  db.prepare("INSERT INTO connectors (id, kind, name, created_at) VALUES ('p1', 'push', 'Cron box', ?)").run(T0);
  db.prepare("INSERT INTO push_monitors (slug, connector_id, name, created_at, created_by, pings) VALUES ('nightly-backup', 'p1', 'Nightly backup', ?, 'alice', 3)").run(T0);
}

/** Version 5: an alert rule. */
function seedV5(db: Database.Database): void {
  db.prepare(`INSERT INTO alert_rules (name, severity, scope_json, condition_json, created_at, updated_at)
    VALUES ('Any failure', 'critical', '{"connectorIds":[]}', '{"kind":"run-failed"}', ?, ?)`).run(T0, T0);
}

const SEEDS: Record<number, (db: Database.Database) => void> = { 1: seedV1, 3: seedV3, 5: seedV5 };

function buildAt(version: number): string {
  const dir = mkdtempSync(join(tmpdir(), `flowdeck-v${version}-`));
  const db = new Database(join(dir, 'flowdeck.db'));
  db.pragma('journal_mode = WAL');
  // Data written at each version is carried through the later migrations, as on a real machine.
  for (let v = 1; v <= version; v++) {
    migrate(db, ALL.slice(0, v), () => T0);
    SEEDS[v]?.(db);
  }
  db.close();
  return dir;
}

let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

describe('migrations: a ledger at every earlier schema version upgrades with its data', () => {
  const versions = ALL.slice(0, -1).map((m) => m.version);
  it.each(versions)('from version %i to the latest', async (version) => {
    const dir = buildAt(version);
    core = createCore({ dataDir: dir, clock: fixedClock(T0 + 30 * 86_400_000), logger: createMemoryLogger(), alerting: { autoStart: false } });
    const db = ledgerDb(core.ledger);

    expect((db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(ALL.length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The copy taken before the upgrade is complete and restorable.
    const before = listBackups(dir).filter((b) => b.reason === `before-${String(version + 1).padStart(4, '0')}`);
    expect(before).toHaveLength(1);
    expect(validateBackup(before[0]!.path, ALL)).toEqual({ version, runs: RUNS });

    // Data survives, and the contract's queries answer over it.
    const status = await core.dispatcher.dispatch('system/get-status', {}, { actor: 'test' });
    expect(status).toMatchObject({ ok: true, output: { counts: { runs: RUNS, workflows: 2 } } });
    const page = await core.dispatcher.dispatch('runs/list-runs', { limit: 500 }, { actor: 'test' });
    expect(page.ok && (page.output as { items: unknown[] }).items).toHaveLength(RUNS);
    const failed = db.prepare("SELECT error_message FROM runs WHERE external_id = 'e2'").get() as { error_message: string };
    expect(failed.error_message).toBe('Timeout after 2 s');
    expect(db.prepare("SELECT cursor FROM connectors WHERE id = 'c1'").get()).toEqual({ cursor: '{"v":1}' });
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toMatchObject({ n: expect.any(Number) });
    expect(db.prepare("SELECT token_hash FROM access_tokens WHERE name = 'bob'").get()).toEqual({ token_hash: 'deadbeef' });
    if (version >= 3) expect(db.prepare("SELECT pings FROM push_monitors WHERE slug = 'nightly-backup'").get()).toEqual({ pings: 3 });
    if (version >= 5) expect(db.prepare("SELECT severity FROM alert_rules WHERE name = 'Any failure'").get()).toEqual({ severity: 'critical' });

    // Rollups stay equal to a recount, before and after a new page goes through the real ingest.
    expect(storedRollups(db)).toEqual(recount(db));
    expect(storedGlobalHourly(db)).toEqual(recountGlobalHourly(db));
    const result = core.ingest({ connectorId: 'c1', cursor: '{"v":2}', records: [
      { externalId: 'e5', workflow: { externalId: 'wf-a', name: 'Invoices' }, rawStatus: 'success', status: 'success', startedAt: T0 + 5 * 71 * 60_000, durationMs: 500 },
      { externalId: 'new-1', workflow: { externalId: 'wf-b', name: 'Leads' }, rawStatus: 'error', status: 'failed', startedAt: T0 + 5 * 86_400_000, durationMs: 80, errorMessage: 'boom' },
    ] });
    expect(result).toMatchObject({ inserted: 1, updated: 1, quarantined: 0 });
    expect(storedRollups(db)).toEqual(recount(db));
    expect(storedGlobalHourly(db)).toEqual(recountGlobalHourly(db));
  });
});
