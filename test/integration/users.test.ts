// The users/* methods through the dispatcher (issue #15): people are listed without their password hash, every change
// is audited, and the owner rules hold (only an owner touches an owner; the last owner stays an owner).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import type { CallContext } from '../../core/contract/handlers.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { TEST_HASHING } from './helpers/users.ts';

const T0 = Date.UTC(2026, 2, 11, 11);
const OWNER: CallContext = { actor: 'Olivia', role: 'owner', actorId: 'user:1', actorKind: 'user' };
const ADMIN: CallContext = { actor: 'Adam', role: 'admin', actorId: 'user:2', actorKind: 'user' };
const PASSWORD = 'correct horse battery';

let core: Core;

async function call(method: string, input: unknown, ctx: CallContext): Promise<{ ok: boolean; output?: unknown; kind?: string; message?: string }> {
  const r = await core.dispatcher.dispatch(method, input, ctx);
  return r.ok ? { ok: true, output: r.output } : { ok: false, kind: r.error.kind, message: r.error.message };
}

beforeEach(async () => {
  core = createCore({ dataDir: ':memory:', clock: fixedClock(T0), logger: createMemoryLogger(), users: { hashing: TEST_HASHING } });
  for (const [login, role, displayName] of [['olivia', 'owner', 'Olivia'], ['adam', 'admin', 'Adam'], ['vera', 'viewer', 'Vera']] as const) {
    expect((await call('users/add-user', { login, role, displayName, password: PASSWORD }, OWNER)).ok).toBe(true);
  }
});

afterEach(() => core.close());

describe('users/*', () => {
  it('lists people with their roles and never a password or its hash', async () => {
    const listed = await call('users/list-users', {}, { actor: 'Vera', role: 'viewer' });
    expect(listed.output).toEqual({
      users: [
        { id: 2, login: 'adam', displayName: 'Adam', role: 'admin', createdAt: T0, disabledAt: null, sessions: 0, lastSeenAt: null },
        { id: 1, login: 'olivia', displayName: 'Olivia', role: 'owner', createdAt: T0, disabledAt: null, sessions: 0, lastSeenAt: null },
        { id: 3, login: 'vera', displayName: 'Vera', role: 'viewer', createdAt: T0, disabledAt: null, sessions: 0, lastSeenAt: null },
      ],
    });
    expect(JSON.stringify(listed)).not.toMatch(/argon2|password/i);
  });

  it('refuses a login already taken (in any case) and a short password, in plain words', async () => {
    expect(await call('users/add-user', { login: 'VERA', role: 'viewer', password: PASSWORD }, ADMIN))
      .toMatchObject({ ok: false, kind: 'validation', message: 'login: "VERA" is already taken.' });
    expect(await call('users/add-user', { login: 'sam', role: 'viewer', password: 'short' }, ADMIN))
      .toMatchObject({ ok: false, kind: 'validation', message: expect.stringContaining('password: use at least 10 characters') });
  });

  it('audits every change under the caller, never the password', async () => {
    await call('users/set-role', { login: 'vera', role: 'operator' }, ADMIN);
    await call('users/reset-password', { login: 'vera', password: 'a brand new passphrase' }, ADMIN);
    await call('users/disable-user', { login: 'vera' }, ADMIN);
    await call('users/enable-user', { login: 'vera' }, ADMIN);
    const audit = core.ledger.audit.list(undefined, 20).filter((e) => e.target === 'user:vera').reverse();
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['users/add-user', 'Olivia'], ['users/set-role', 'Adam'], ['users/reset-password', 'Adam'], ['users/disable-user', 'Adam'], ['users/enable-user', 'Adam'],
    ]);
    expect(audit[1]!.detail).toEqual({ before: 'viewer', after: 'operator' });
    expect(JSON.stringify(audit)).not.toContain('passphrase');
  });

  it('lets only an owner make, demote, disable or reset an owner', async () => {
    expect(await call('users/add-user', { login: 'eve', role: 'owner', password: PASSWORD }, ADMIN))
      .toMatchObject({ ok: false, kind: 'forbidden', message: 'Only an owner can make someone an owner.' });
    expect(await call('users/set-role', { login: 'adam', role: 'owner' }, ADMIN)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await call('users/set-role', { login: 'olivia', role: 'viewer' }, ADMIN))
      .toMatchObject({ ok: false, kind: 'forbidden', message: 'Olivia is an owner: only an owner can change their role.' });
    expect(await call('users/disable-user', { login: 'olivia' }, ADMIN)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await call('users/reset-password', { login: 'olivia', password: 'taken over now' }, ADMIN)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(core.ledger.users.byLogin('olivia')).toMatchObject({ role: 'owner', disabledAt: null });
  });

  it('never demotes or disables the last owner, even at the owner’s own hand', async () => {
    expect(await call('users/set-role', { login: 'olivia', role: 'admin' }, OWNER))
      .toMatchObject({ ok: false, kind: 'validation', message: 'Olivia is the last owner of this Flowdeck, so they cannot be given another role. Make someone else an owner first.' });
    expect(await call('users/disable-user', { login: 'olivia' }, OWNER)).toMatchObject({ ok: false, message: expect.stringContaining('last owner') });
    expect((await call('users/set-role', { login: 'adam', role: 'owner' }, OWNER)).ok).toBe(true);
    expect((await call('users/set-role', { login: 'olivia', role: 'admin' }, OWNER)).ok).toBe(true);
    expect(core.ledger.users.activeOwners()).toBe(1);
  });

  it('says plainly when nobody has that login', async () => {
    expect(await call('users/disable-user', { login: 'nobody' }, ADMIN))
      .toMatchObject({ ok: false, kind: 'validation', message: 'login: nobody here signs in as "nobody".' });
  });
});
