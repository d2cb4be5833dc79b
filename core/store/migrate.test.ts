import { mkdtempSync, writeFileSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db.ts';
import { loadMigrations, MigrationError } from './migrate.ts';

const REAL = fileURLToPath(new URL('./migrations/', import.meta.url));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'flowdeck-migrate-'));
}

describe('migrations', () => {
  it('are numbered 1..n without gaps, each recorded with its content hash', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const db = openDatabase({ path: ':memory:' });
    const rows = db.prepare('SELECT version, hash FROM schema_migrations').all();
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, hash: m.hash })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('memory');
  });

  it('creates STRICT tables and uses WAL on disk', () => {
    const dir = tempDir();
    const db = openDatabase({ path: join(dir, 'f.db') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
      AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'`).all() as { name: string; strict: number }[];
    expect(tables.length).toBeGreaterThanOrEqual(9);
    for (const t of tables) expect(t, t.name).toMatchObject({ strict: 1 });
    db.close();
  });

  it('is idempotent: reopening applies nothing new', () => {
    const path = join(tempDir(), 'f.db');
    openDatabase({ path }).close();
    const db = openDatabase({ path });
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(loadMigrations().length);
    db.close();
  });

  it('refuses to start when an applied migration was edited', () => {
    const dir = tempDir();
    const migDir = join(dir, 'migrations');
    cpSync(REAL, migDir, { recursive: true });
    const path = join(dir, 'f.db');
    openDatabase({ path, migrations: loadMigrations(migDir) }).close();
    const first = join(migDir, '0001_ledger.sql');
    writeFileSync(first, `${readFileSync(first, 'utf8')}\n-- edited\n`);
    expect(() => openDatabase({ path, migrations: loadMigrations(migDir) })).toThrow(MigrationError);
    expect(() => openDatabase({ path, migrations: loadMigrations(migDir) })).toThrow(/was changed after it was applied/);
  });

  it('refuses to start on a database from a newer Flowdeck', () => {
    const path = join(tempDir(), 'f.db');
    const db = openDatabase({ path });
    db.prepare('INSERT INTO schema_migrations VALUES (999, ?, ?, ?)').run('future_feature', 'x', 0);
    db.close();
    expect(() => openDatabase({ path })).toThrow(/written by a newer Flowdeck/);
  });

  it('rejects out-of-order or badly named migration files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0001_a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '0003_c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(/out of order/);
    const dir2 = tempDir();
    writeFileSync(join(dir2, '1_a.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir2)).toThrow(/NNNN_name/);
  });

  it('says plainly when the file is not a database', () => {
    const path = join(tempDir(), 'f.db');
    writeFileSync(path, 'this is not sqlite at all, just some text that is long enough to look like a header....');
    expect(() => openDatabase({ path })).toThrow(/not a readable Flowdeck database/);
  });

  it('keeps the audit log append-only', () => {
    const db = openDatabase({ path: ':memory:' });
    db.prepare(`INSERT INTO audit_log (at, actor, action) VALUES (1, 'ann', 'x')`).run();
    expect(() => db.prepare('UPDATE audit_log SET actor = ?').run('eve')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
