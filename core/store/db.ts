import Database from 'better-sqlite3';
import { mergeEncoded } from './histogram.ts';
import { loadMigrations, migrate, MigrationError, type Migration } from './migrate.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  now?: () => number;
  migrations?: Migration[];
  readonly?: boolean;
}

export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/** Opens the ledger: WAL, foreign keys, busy timeout, then applies migrations. */
export function openDatabase(options: OpenOptions): Db {
  let db: Db;
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
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') throw new DatabaseOpenError(`The Flowdeck database at ${options.path} is damaged (${String(quick)}). Restore a backup or move the file aside.`);
    if (!options.readonly) migrate(db, options.migrations ?? loadMigrations(), options.now ?? Date.now);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof MigrationError || error instanceof DatabaseOpenError) throw error;
    const message = (error as Error).message;
    if (/file is not a database|malformed/i.test(message)) {
      throw new DatabaseOpenError(`The file at ${options.path} is not a readable Flowdeck database (${message}). Restore a backup or move the file aside.`);
    }
    throw error;
  }
}
