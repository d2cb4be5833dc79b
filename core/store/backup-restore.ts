import { copyFileSync, existsSync, openSync, fsyncSync, closeSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupPath } from './backup.ts';
import type { Migration } from './migrate.ts';

export class RestoreError extends Error {
  override name = 'RestoreError';
}

export interface BackupCheck {
  /** The newest migration the backup has (older ones are upgraded on the next start, after their own backup). */
  version: number;
  runs: number;
}

/** A backup is usable when SQLite finds it intact and every migration it records is one this build knows, unedited. */
export function validateBackup(file: string, migrations: Migration[]): BackupCheck {
  if (!existsSync(file)) throw new RestoreError(`There is no file at ${file}.`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new RestoreError(`${file} cannot be opened as a database: ${(error as Error).message}`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('integrity_check', { simple: true });
    } catch (error) {
      throw new RestoreError(`${file} is not a Flowdeck database: ${(error as Error).message}`);
    }
    if (check !== 'ok') throw new RestoreError(`${file} is damaged (integrity check: ${String(check)}).`);
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!hasTable) throw new RestoreError(`${file} is not a Flowdeck database (it has no schema_migrations table).`);
    const applied = db.prepare('SELECT version, name, hash FROM schema_migrations ORDER BY version').all() as { version: number; name: string; hash: string }[];
    if (applied.length === 0) throw new RestoreError(`${file} has no migrations applied: it is not a Flowdeck ledger.`);
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const [i, row] of applied.entries()) {
      const mine = known.get(row.version);
      if (row.version !== i + 1) throw new RestoreError(`${file} has a gap in its migrations at ${row.version}.`);
      if (!mine) throw new RestoreError(`${file} was written by a newer Flowdeck (migration ${row.version} "${row.name}"). Update Flowdeck first.`);
      if (mine.hash !== row.hash) throw new RestoreError(`${file} records migration ${row.version} "${row.name}" with different contents than this Flowdeck's.`);
    }
    const runs = (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
    return { version: applied.at(-1)!.version, runs };
  } finally {
    db.close();
  }
}

/** Refuses while another process (the app, `serve`) has the ledger open: an exclusive lock needs every connection gone. */
function settleCurrent(dbPath: string): void {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE; COMMIT;');
    } catch {
      throw new RestoreError('Flowdeck is running on this data directory (the database is in use). Quit the app and any `flowdeck serve`, then restore.');
    }
    // Fold the write-ahead log into the file, so the copy put aside is complete on its own.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface RestoreResult extends BackupCheck {
  /** Where the database that was replaced now is (null when there was none). */
  keptAside: string | null;
}

/**
 * Replaces `<dataDir>/flowdeck.db` with a validated backup: the current database is checkpointed and copied to
 * `backups/flowdeck-<stamp>-replaced.db`, the backup is copied next to it and renamed over it in one atomic step,
 * and stale `-wal`/`-shm` files of the old database are removed so they can never be replayed onto the new one.
 */
export function restoreBackup(dataDir: string, file: string, migrations: Migration[], now: number): RestoreResult {
  const check = validateBackup(file, migrations);
  const dbPath = join(dataDir, 'flowdeck.db');
  let keptAside: string | null = null;
  if (existsSync(dbPath)) {
    settleCurrent(dbPath);
    keptAside = backupPath(dataDir, 'replaced', now);
    copyFileSync(dbPath, keptAside);
    fsyncFile(keptAside);
  }
  const incoming = `${dbPath}.restoring`;
  copyFileSync(file, incoming);
  fsyncFile(incoming);
  rmSync(`${dbPath}-wal`, { force: true });
  rmSync(`${dbPath}-shm`, { force: true });
  renameSync(incoming, dbPath);
  return { ...check, keptAside };
}
