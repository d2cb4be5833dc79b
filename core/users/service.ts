import { auditActorOf, type CallerFields } from '../contract/actor.ts';
import { CoreError } from '../contract/errors.ts';
import type { CallContext } from '../contract/handlers.ts';
import type { Role } from '../contract/roles.ts';
import type { UserSession, UserSummary } from '../contract/users.ts';
import type { Clock } from '../platform/clock.ts';
import type { EventBus } from '../rpc/event-bus.ts';
import type { Ledger } from '../store/ledger.ts';
import { hashPassword, PRODUCTION_HASHING, verifyPassword, type PasswordHashing } from './password.ts';
import { checkOwnerRules, notFound, type Change } from './rules.ts';

export interface UsersServiceOptions {
  ledger: Ledger;
  events: EventBus;
  clock: Clock;
  /** argon2id costs; OWASP's baseline unless a test passes cheaper ones (core option `users.hashing`). */
  hashing?: PasswordHashing;
}

const taken = (login: string) =>
  new CoreError({ kind: 'validation', code: 'login_taken', message: `login: "${login}" is already taken.`, field: 'login' });

/** A person who just signed in. */
export interface SignedInUser {
  id: number;
  login: string;
  displayName: string;
  role: Role;
}

export interface NewUserInput {
  login: string;
  displayName?: string | undefined;
  role: Role;
  password: string;
}

/** The people who sign in to serve mode: adding them, their roles, passwords and sessions, and signing in. */
export class UsersService {
  private readonly o: UsersServiceOptions;
  private readonly costs: PasswordHashing;
  /** Checked against when the login is unknown, so an unknown login costs as much time as a wrong password. */
  private decoy: Promise<string> | null = null;

  constructor(options: UsersServiceOptions) {
    this.o = options;
    this.costs = options.hashing ?? PRODUCTION_HASHING;
  }

  list(): UserSummary[] {
    return this.o.ledger.users.list();
  }

  hasUsers(): boolean {
    return this.o.ledger.users.count() > 0;
  }

  get(login: string): UserSummary {
    const user = this.o.ledger.users.byLogin(login);
    if (!user) throw notFound(login);
    return user;
  }

  async add(input: NewUserInput, ctx: CallContext): Promise<UserSummary> {
    if (input.role === 'owner') this.check(ctx, null, 'grant-owner');
    return (await this.insert(input, ctx, false))!;
  }

  /** The first run's owner: added only while nobody exists yet (null when someone got there first). */
  addFirstOwner(input: Omit<NewUserInput, 'role'>, ctx: CallContext): Promise<UserSummary | null> {
    return this.insert({ ...input, role: 'owner' }, ctx, true);
  }

  private async insert(input: NewUserInput, ctx: CallContext, onlyFirst: boolean): Promise<UserSummary | null> {
    if (this.o.ledger.users.byLogin(input.login)) throw taken(input.login);
    const passwordHash = await hashPassword(input.password, this.costs);
    const displayName = input.displayName ?? input.login;
    const now = this.o.clock.now();
    let id: number | null;
    try {
      id = this.write(['users'], () => {
        if (onlyFirst && this.o.ledger.users.count() > 0) return null;
        const newId = this.o.ledger.users.add({ login: input.login, displayName, role: input.role, passwordHash, createdAt: now });
        this.audit(ctx, 'users/add-user', input.login, { role: input.role, displayName, ...(onlyFirst ? { firstRun: true } : {}) });
        return newId;
      });
    } catch (error) {
      // Someone took the login while the password was being hashed.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw taken(input.login);
      throw error;
    }
    return id === null ? null : this.o.ledger.users.byId(id)!;
  }

  /** A role change closes the person's open connections; the console reconnects with the new role. */
  setRole(login: string, role: Role, ctx: CallContext): UserSummary {
    const user = this.get(login);
    if (user.role === role) return user;
    if (role === 'owner') this.check(ctx, user, 'grant-owner');
    else this.check(ctx, user, 'demote');
    this.write(['users'], () => {
      this.o.ledger.users.setRole(user.id, role);
      this.audit(ctx, 'users/set-role', user.login, { before: user.role, after: role });
    });
    return this.get(login);
  }

  disable(login: string, ctx: CallContext): { user: UserSummary; sessionsEnded: number } {
    const user = this.get(login);
    this.check(ctx, user, 'disable');
    const sessionsEnded = this.write(['users', 'sessions'], () => {
      if (!this.o.ledger.users.disable(user.id, this.o.clock.now())) return 0;
      const ended = this.o.ledger.sessions.removeAllForUser(user.id);
      this.audit(ctx, 'users/disable-user', user.login, { sessionsEnded: ended });
      return ended;
    });
    return { user: this.get(login), sessionsEnded };
  }

  enable(login: string, ctx: CallContext): UserSummary {
    const user = this.get(login);
    this.write(['users'], () => {
      if (this.o.ledger.users.enable(user.id)) this.audit(ctx, 'users/enable-user', user.login);
    });
    return this.get(login);
  }

  /** Sets a new password and ends every session of the person (they sign in again with it). */
  async resetPassword(login: string, password: string, ctx: CallContext): Promise<{ user: UserSummary; sessionsEnded: number }> {
    const user = this.get(login);
    this.check(ctx, user, 'reset-password');
    const passwordHash = await hashPassword(password, this.costs);
    const sessionsEnded = this.write(['users', 'sessions'], () => {
      this.o.ledger.users.setPasswordHash(user.id, passwordHash);
      const ended = this.o.ledger.sessions.removeAllForUser(user.id);
      this.audit(ctx, 'users/reset-password', user.login, { sessionsEnded: ended });
      return ended;
    });
    return { user: this.get(login), sessionsEnded };
  }

  listSessions(login: string): UserSession[] {
    return this.o.ledger.sessions.listForUser(this.get(login).id);
  }

  revokeSession(login: string, id: string, ctx: CallContext): boolean {
    const user = this.get(login);
    return this.write(['sessions'], () => {
      const ended = this.o.ledger.sessions.removeForUser(user.id, id);
      if (ended) this.audit(ctx, 'users/revoke-session', user.login, { session: id });
      return ended;
    });
  }

  /** The person a login and password stand for, or null (unknown login, wrong password, or disabled). */
  async authenticate(login: string, password: string): Promise<SignedInUser | null> {
    const found = login.length <= 64 && password.length <= 256 ? this.o.ledger.users.credentials(login) : undefined;
    if (!found) {
      this.decoy ??= hashPassword('flowdeck decoy password', this.costs);
      await verifyPassword(await this.decoy, password);
      return null;
    }
    if (!(await verifyPassword(found.passwordHash, password)) || found.disabledAt !== null) return null;
    const user = this.o.ledger.users.current(found.id);
    return user && user.disabledAt === null ? { id: user.id, login: user.login, displayName: user.displayName, role: user.role } : null;
  }

  private check(ctx: CallContext, target: UserSummary | null, change: Change): void {
    checkOwnerRules({ callerRole: ctx.role ?? 'owner', target, change, activeOwners: this.o.ledger.users.activeOwners() });
  }

  private audit(ctx: CallerFields, action: string, login: string, detail?: unknown): void {
    this.o.ledger.audit.append({ ...auditActorOf(ctx), action, target: `user:${login}`, ...(detail === undefined ? {} : { detail }) }, this.o.clock.now());
  }

  /** One transaction, then `ledger/changed` (the Users page refreshes, and serve closes connections that lost access). */
  private write<T>(tables: string[], fn: () => T): T {
    const result = this.o.ledger.write(fn);
    this.o.events.emit('ledger/changed', { tables, connectorId: null });
    return result;
  }
}
