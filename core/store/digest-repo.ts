import type { DigestSettings } from '../contract/reports.ts';
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

export interface DigestRow extends DigestSettings { lastSlot: number | null }

const SELECT = 'SELECT login, cadence, hour, weekday, timezone, last_slot AS lastSlot FROM digest_settings';

/** Each person's email digest (digest_settings, migration 0016): its one writer. */
export class DigestRepo {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
  }

  get(login: string): DigestRow | undefined {
    return this.statements.get<DigestRow>(`${SELECT} WHERE login = ?`).get(login);
  }

  /** Every digest that is on. */
  listOn(): DigestRow[] {
    return this.statements.get<DigestRow>(`${SELECT} WHERE cadence <> 'off' ORDER BY login`).all();
  }

  /** Saves a person's settings; `lastSlot` is the schedule's latest send time already past, so the first digest is the next one. */
  save(s: DigestSettings, lastSlot: number | null, now: number): void {
    this.statements.get(`INSERT INTO digest_settings (login, cadence, hour, weekday, timezone, last_slot, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (login) DO UPDATE SET cadence = excluded.cadence, hour = excluded.hour,
      weekday = excluded.weekday, timezone = excluded.timezone, last_slot = excluded.last_slot, updated_at = excluded.updated_at`)
      .run(s.login, s.cadence, s.hour, s.weekday, s.timezone, lastSlot, now);
  }

  /** Records that the digest for `slot` (its local send time) went into the outbox. */
  markSent(login: string, slot: number, now: number): void {
    this.statements.get('UPDATE digest_settings SET last_slot = ?, updated_at = ? WHERE login = ?').run(slot, now, login);
  }
}
