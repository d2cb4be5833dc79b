import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app.ts';
import { fixedClock } from '../platform/clock.ts';
import { createMemoryLogger } from '../platform/logger.ts';
import { restoreBackup, RestoreError, validateBackup } from './backup-restore.ts';
import { listBackups, pruneBackups, startBackupSchedule } from './backup.ts';
import { loadMigrations } from './migrate.ts';
import { ledgerDb } from './ledger-db.ts';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const MIGRATIONS = loadMigrations();
const cores: Core[] = [];

function openCore(dir: string, at = T0): Core {
  const core = createCore({ dataDir: dir, clock: fixedClock(at), logger: createMemoryLogger(), alerting: { autoStart: false } });
  cores.push(core);
  return core;
}

function addRuns(core: Core, from: number, n: number): void {
  if (!core.ledger.connectors.get('c1')) core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'c1' }, T0);
  core.ingest({ connectorId: 'c1', cursor: null, records: Array.from({ length: n }, (_, i) => ({
    externalId: `r${from + i}`, workflow: { externalId: 'w', name: 'W' }, rawStatus: 'success', status: 'success', startedAt: T0 + i, durationMs: 5,
  })) });
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'flowdeck-backup-'));

afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

describe('backups', () => {
  it('writes a consistent online backup and lists it', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    addRuns(core, 0, 25);
    const info = await core.backups.create('manual');
    expect(info).toMatchObject({ reason: 'manual', createdAt: T0 });
    expect(info.file).toBe('flowdeck-20261125T120000000Z-manual.db');
    expect(core.backups.list().map((b) => b.file)).toEqual([info.file]);
    expect(validateBackup(info.path, MIGRATIONS)).toEqual({ version: MIGRATIONS.length, runs: 25 });
    expect(existsSync(`${info.path}.partial`)).toBe(false);
  });

  it('keeps the newest N scheduled backups and leaves the others alone', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    let now = T0;
    const schedule = startBackupSchedule({ db: ledgerDb(core.ledger), dataDir: dir, now: () => now, logger: createMemoryLogger(), keep: 3, firstDelayMs: 3_600_000 });
    try {
      await core.backups.create('manual');
      for (let i = 0; i < 5; i++) {
        now += 86_400_000;
        await schedule.runNow();
      }
    } finally {
      schedule.stop();
    }
    const all = listBackups(dir);
    expect(all.filter((b) => b.reason === 'scheduled').map((b) => b.createdAt)).toEqual([5, 4, 3].map((d) => T0 + d * 86_400_000));
    expect(all.filter((b) => b.reason === 'manual')).toHaveLength(1);
    expect(pruneBackups(dir, 0, 'manual')).toHaveLength(1);
  });

  it('restores a backup atomically, keeping the replaced ledger aside', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    addRuns(core, 0, 10);
    const backup = await core.backups.create('manual');
    addRuns(core, 10, 5);
    core.close();
    cores.length = 0;
    // A stale write-ahead log of the old ledger must never be replayed onto the restored one.
    writeFileSync(join(dir, 'flowdeck.db-wal'), 'garbage');
    const result = restoreBackup(dir, backup.path, MIGRATIONS, T0 + 1000);
    expect(result).toMatchObject({ runs: 10, version: MIGRATIONS.length });
    expect(validateBackup(result.keptAside!, MIGRATIONS).runs).toBe(15);
    const reopened = openCore(dir);
    expect(reopened.ledger.runs.count()).toBe(10);
    expect(ledgerDb(reopened.ledger).pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses while the ledger is open elsewhere, and refuses files that are not usable backups', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    addRuns(core, 0, 3);
    const backup = await core.backups.create('manual');
    expect(() => restoreBackup(dir, backup.path, MIGRATIONS, T0)).toThrow(/Flowdeck is running/);
    expect(core.ledger.runs.count()).toBe(3);

    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, just text'.repeat(200));
    expect(() => validateBackup(junk, MIGRATIONS)).toThrow(RestoreError);
    expect(() => validateBackup(join(dir, 'missing.db'), MIGRATIONS)).toThrow(/no file/);
    // A backup from a newer Flowdeck (one migration more than this build knows).
    expect(() => validateBackup(backup.path, MIGRATIONS.slice(0, -1))).toThrow(/newer Flowdeck/);
    // A damaged copy: flip bytes in the middle of the file.
    const damaged = join(dir, 'damaged.db');
    const bytes = Buffer.from(readFileSync(backup.path));
    bytes.fill(0x5a, 4096 * 2, 4096 * 3);
    writeFileSync(damaged, bytes);
    expect(() => validateBackup(damaged, MIGRATIONS)).toThrow(RestoreError);
    const empty = join(dir, 'empty.db');
    new Database(empty).close();
    expect(() => validateBackup(empty, MIGRATIONS)).toThrow(/not a Flowdeck database/);
  });

  it('takes a backup before migrations that change an existing ledger, and none for a new one', () => {
    const dir = tempDir();
    const old = new Database(join(dir, 'flowdeck.db'));
    old.close();
    openCore(dir).close();
    cores.length = 0;
    expect(listBackups(dir)).toEqual([]);
  });
});
