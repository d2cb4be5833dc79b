import type { Db } from './db.ts';

/** Small key/value settings, JSON-encoded. */
export class SettingsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  get<T>(key: string): T | undefined {
    const row = this.db.prepare('SELECT value_json AS v FROM settings WHERE key = ?').get(key) as { v: string } | undefined;
    return row ? JSON.parse(row.v) as T : undefined;
  }

  set(key: string, value: unknown, now: number): void {
    this.db.prepare(
      `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    ).run(key, JSON.stringify(value), now);
  }
}
