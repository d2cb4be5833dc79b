import type { Role } from '../contract/roles.ts';
import type { Db } from './db.ts';

/** A person as the Users page and the CLI show them: never the password hash. */
export interface UserRow {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  createdAt: number;
  disabledAt: number | null;
  /** Open sessions, and when any was last used. */
  sessions: number;
  lastSeenAt: number | null;
}

export interface NewUser {
  login: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  createdAt: number;
}

const SUMMARY = `SELECT u.id, u.login, u.display_name AS displayName, u.role, u.created_at AS createdAt, u.disabled_at AS disabledAt,
  (SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id) AS sessions,
  (SELECT MAX(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS lastSeenAt
  FROM users u`;

/** People who sign in to serve mode (logins compare without case); only an argon2id hash of a password is kept. */
export class UsersRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  list(): UserRow[] {
    return this.db.prepare(`${SUMMARY} ORDER BY u.login`).all() as UserRow[];
  }

  byLogin(login: string): UserRow | undefined {
    return this.db.prepare(`${SUMMARY} WHERE u.login = ?`).get(login) as UserRow | undefined;
  }

  byId(id: number): UserRow | undefined {
    return this.db.prepare(`${SUMMARY} WHERE u.id = ?`).get(id) as UserRow | undefined;
  }

  /** What signing in checks: the stored hash, and whether the person may sign in at all. */
  credentials(login: string): { id: number; passwordHash: string; disabledAt: number | null } | undefined {
    return this.db.prepare('SELECT id, password_hash AS passwordHash, disabled_at AS disabledAt FROM users WHERE login = ?').get(login) as
      { id: number; passwordHash: string; disabledAt: number | null } | undefined;
  }

  /** Who an open session acts as, read on every check so a role change or a disable is seen at once. */
  current(id: number): { id: number; login: string; displayName: string; role: Role; disabledAt: number | null } | undefined {
    return this.db.prepare('SELECT id, login, display_name AS displayName, role, disabled_at AS disabledAt FROM users WHERE id = ?').get(id) as
      { id: number; login: string; displayName: string; role: Role; disabledAt: number | null } | undefined;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  activeOwners(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'owner' AND disabled_at IS NULL").get() as { n: number }).n;
  }

  /** Adds a person; returns their id. A login already taken (in any case) throws SQLITE_CONSTRAINT_UNIQUE. */
  add(u: NewUser): number {
    return Number(this.db.prepare(
      `INSERT INTO users (login, display_name, role, password_hash, created_at)
       VALUES (@login, @displayName, @role, @passwordHash, @createdAt)`,
    ).run(u).lastInsertRowid);
  }

  setRole(id: number, role: Role): void {
    this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id);
  }

  setPasswordHash(id: number, passwordHash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }

  /** True when the person was active and is now disabled. */
  disable(id: number, now: number): boolean {
    return this.db.prepare('UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL').run(now, id).changes === 1;
  }

  enable(id: number): boolean {
    return this.db.prepare('UPDATE users SET disabled_at = NULL WHERE id = ? AND disabled_at IS NOT NULL').run(id).changes === 1;
  }
}
