import type { PersonSettings, Shift, ShiftDraft } from '../contract/oncall.ts';
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

/** A person's settings before they saved any: attached desktops only, no quiet hours. */
export const DEFAULT_PERSON_SETTINGS: Omit<PersonSettings, 'login'> = {
  desktop: true, channelIds: [], quietHours: { enabled: false, startMinute: 22 * 60, endMinute: 7 * 60, timezone: 'UTC' },
};

interface PersonRow {
  login: string; desktop: number; quietEnabled: number; quietStart: number; quietEnd: number; quietTimezone: string;
}

const SHIFT = `SELECT id, login, weekday, start_minute AS startMinute, end_minute AS endMinute, timezone, position FROM oncall_shifts`;

/** The weekly rota and each person's own channels and quiet hours (tables of migration 0014). */
export class OncallRepo {
  private readonly db: Db;
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.db = db;
    this.statements = new StatementCache(db);
  }

  /** The rota's shifts, in the order they are shown: day, start, position. */
  listShifts(): Shift[] {
    return this.statements.get(`${SHIFT} ORDER BY weekday, start_minute, position, id`).all() as Shift[];
  }

  /** Replaces the whole rota (one transaction) and returns it. */
  replaceShifts(shifts: readonly ShiftDraft[], now: number): Shift[] {
    this.db.transaction(() => {
      this.statements.get('DELETE FROM oncall_shifts').run();
      const insert = this.statements.get(`INSERT INTO oncall_shifts (login, weekday, start_minute, end_minute, timezone, position, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`);
      for (const s of shifts) insert.run(s.login, s.weekday, s.startMinute, s.endMinute, s.timezone, s.position, now);
    })();
    return this.listShifts();
  }

  /** Every person who saved settings (others have the defaults). */
  listPeople(): PersonSettings[] {
    const rows = this.statements.get(`SELECT login, desktop, quiet_enabled AS quietEnabled, quiet_start_minute AS quietStart,
      quiet_end_minute AS quietEnd, quiet_timezone AS quietTimezone FROM oncall_people ORDER BY login`).all() as PersonRow[];
    const channels = new Map<string, number[]>();
    for (const c of this.statements.get('SELECT login, channel_id AS channelId FROM oncall_person_channels ORDER BY channel_id').all() as { login: string; channelId: number }[]) {
      const key = c.login.toLowerCase();
      channels.set(key, [...(channels.get(key) ?? []), c.channelId]);
    }
    return rows.map((r) => ({
      login: r.login, desktop: r.desktop === 1, channelIds: channels.get(r.login.toLowerCase()) ?? [],
      quietHours: { enabled: r.quietEnabled === 1, startMinute: r.quietStart, endMinute: r.quietEnd, timezone: r.quietTimezone },
    }));
  }

  /** A person's settings, or the defaults when they saved none. */
  getPerson(login: string): PersonSettings {
    return this.listPeople().find((p) => p.login.toLowerCase() === login.toLowerCase()) ?? { login, ...DEFAULT_PERSON_SETTINGS };
  }

  savePerson(p: PersonSettings, now: number): PersonSettings {
    this.db.transaction(() => {
      this.statements.get(`INSERT INTO oncall_people (login, desktop, quiet_enabled, quiet_start_minute, quiet_end_minute, quiet_timezone, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (login) DO UPDATE SET desktop = excluded.desktop, quiet_enabled = excluded.quiet_enabled,
        quiet_start_minute = excluded.quiet_start_minute, quiet_end_minute = excluded.quiet_end_minute, quiet_timezone = excluded.quiet_timezone,
        updated_at = excluded.updated_at`)
        .run(p.login, p.desktop ? 1 : 0, p.quietHours.enabled ? 1 : 0, p.quietHours.startMinute, p.quietHours.endMinute, p.quietHours.timezone, now);
      this.statements.get('DELETE FROM oncall_person_channels WHERE login = ?').run(p.login);
      const insert = this.statements.get('INSERT INTO oncall_person_channels (login, channel_id) VALUES (?, ?)');
      for (const id of new Set(p.channelIds)) insert.run(p.login, id);
    })();
    return this.getPerson(p.login);
  }
}
