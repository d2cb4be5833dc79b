import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { backupBeforeMigration } from './backup.ts';
import { mergeEncoded } from './histogram.ts';
import { loadMigrations, migrate, MigrationError, type Migration } from './migrate.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  now?: () => number;
  migrations?: Migration[];
  readonly?: boolean;
  /** Copy the database to <dir>/backups before applying migrations (default true for files). */
  backupBeforeMigration?: boolean;
}

export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

const POSIX = process.platform !== 'win32';

/**
 * On POSIX: the data folder 0700 and the database 0600 (created so, and tightened when an older version left it
 * 0644). SQLite gives its -wal and -shm files the database's mode; they are tightened too when they exist.
 */
export function makePrivate(path: string): void {
  if (!POSIX || path === ':memory:') return;
  try {
    chmodSync(dirname(path), 0o700);
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
  } catch {
    // Not ours to change (a shared folder owned by someone else): the database still opens.
  }
}

/** Opens the ledger: WAL, foreign keys, busy timeout, then applies migrations. */
export function openDatabase(options: OpenOptions): Db {
  let db: Db;
  if (!options.readonly) makePrivate(options.path);
  try {
    db = new Database(options.path, { readonly: options.readonly ?? false });
  } catch (error) {
    throw new DatabaseOpenError(`Cannot open the Flowdeck database at ${options.path}: ${(error as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.function('hist_merge', { deterministic: true }, (a: unknown, b: unknown) => mergeEncoded(a as Buffer | null, b as Buffer | null));
    // Reading the schema proves the file is a database without scanning it (a full quick_check takes seconds at
    // millions of runs); damage elsewhere surfaces as SQLITE_CORRUPT where it is read.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const now = options.now ?? Date.now;
    // A file database gets a consistent copy in <dataDir>/backups before any migration changes its schema.
    const before = options.path === ':memory:' || options.backupBeforeMigration === false
      ? undefined : (pending: Migration[]) => { backupBeforeMigration(db, options.path, pending, now()); };
    if (!options.readonly) migrate(db, options.migrations ?? loadMigrations(), now, before);
    if (!options.readonly) makePrivate(options.path);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof MigrationError || error instanceof DatabaseOpenError) throw error;
    const message = (error as Error).message;
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
      throw new DatabaseOpenError(`Flowdeck cannot write its database at ${options.path} (${message}): the file or its folder is read-only. ` +
        'Check the folder\'s permissions and the disk, or point Flowdeck at another data directory.');
    }
    if (/file is not a database|malformed/i.test(message)) {
      throw new DatabaseOpenError(`The file at ${options.path} is not a readable Flowdeck database (${message}). Restore a backup or move the file aside.`);
    }
    throw error;
  }
}
