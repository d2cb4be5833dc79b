import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  hash: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads `NNNN_name.sql` files; numbers must run 1, 2, 3… with no gap or repeat. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file, index) => {
    const m = FILE.exec(file);
    if (!m) throw new MigrationError(`Migration file ${file} is not named NNNN_name.sql`);
    const version = Number(m[1]);
    if (version !== index + 1) throw new MigrationError(`Migration ${file} is out of order: expected number ${index + 1}`);
    const sql = readFileSync(`${dir}/${file}`, 'utf8');
    return { version, name: m[2]!, sql, hash: sha256(sql) };
  });
}

/**
 * Applies pending migrations, each in its own transaction, recording version, name and content hash.
 * Refuses to go on when the database knows a migration this build does not (it is newer) or when an
 * applied migration's file changed since.
 */
export function migrate(db: Database, migrations: Migration[], now: () => number, beforeApply?: (pending: Migration[]) => void): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const applied = db.prepare('SELECT version, name, hash FROM schema_migrations ORDER BY version').all() as
    { version: number; name: string; hash: string }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const mine = known.get(row.version);
    if (!mine) {
      throw new MigrationError(
        `This database was written by a newer Flowdeck (it has migration ${row.version} "${row.name}", this version knows up to ${migrations.length}). ` +
        'Update Flowdeck, or point it at another data directory.');
    }
    if (mine.hash !== row.hash) {
      throw new MigrationError(
        `Migration ${row.version} "${row.name}" was changed after it was applied to this database (hash mismatch). ` +
        'Migrations are append-only: restore the original file and add a new migration instead.');
    }
  }
  const pending = migrations.filter((m) => m.version > (applied.at(-1)?.version ?? 0));
  if (pending.length && beforeApply) beforeApply(pending);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, hash, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.hash, now());
    })();
  }
  return pending.length;
}
