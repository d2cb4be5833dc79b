import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../core/contract/errors.ts';
import type { Input, Method, Output } from '../../../core/contract/handlers.ts';
import type { UserSummary } from '../../../core/contract/users.ts';
import type { CoreApi } from '../../lib/core-client.ts';
import { deviceName } from './components/SessionsList.tsx';
import { createUsersStore } from './people-store.ts';

const T0 = Date.UTC(2026, 2, 11, 11);

/** A CoreApi holding people as the core does (logins unique, hashes never listed); every call is recorded. */
function fakeCore() {
  const calls: { method: Method; input: unknown }[] = [];
  const users: UserSummary[] = [{ id: 1, login: 'ada', displayName: 'Ada', role: 'owner', createdAt: T0, disabledAt: null, sessions: 2, lastSeenAt: T0 }];
  const answers: Partial<Record<Method, (input: never) => unknown>> = {
    'users/list-users': () => ({ users: users.map((u) => ({ ...u })) }),
    'users/add-user': (input: Input<'users/add-user'>) => {
      if (users.some((u) => u.login === input.login)) {
        throw new CoreError({ kind: 'validation', code: 'invalid_input', message: `login: “${input.login}” is taken`, field: 'login' });
      }
      const user = { id: users.length + 1, login: input.login, displayName: input.displayName ?? input.login, role: input.role, createdAt: T0, disabledAt: null, sessions: 0, lastSeenAt: null };
      users.push(user);
      return { user };
    },
    'users/disable-user': (input: Input<'users/disable-user'>) => {
      const u = users.find((x) => x.login === input.login)!;
      const ended = u.sessions;
      Object.assign(u, { disabledAt: T0, sessions: 0 });
      return { user: { ...u }, sessionsEnded: ended };
    },
  };
  const api: CoreApi = {
    async call<M extends Method>(method: M, input: Input<M>) {
      calls.push({ method, input });
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected ${method}`);
      return answer(input as never) as Output<M>;
    },
    on: () => () => {},
    onReconnected: () => () => {},
  };
  return { api, calls };
}

describe('people store', () => {
  it('adds a person and keeps the list in order, leaving an empty name to the core (it defaults to the login)', async () => {
    const { api, calls } = fakeCore();
    const store = createUsersStore(api);
    await store.getState().load();
    const r = await store.getState().add({ login: 'bob', displayName: '  ', role: 'viewer', password: 'long enough pw' });
    expect(r).toEqual({ ok: true, message: 'bob can now sign in as “bob”.' });
    expect(calls.at(-1)).toEqual({ method: 'users/add-user', input: { login: 'bob', role: 'viewer', password: 'long enough pw' } });
    expect(store.getState().users?.map((u) => u.login)).toEqual(['ada', 'bob']);
  });

  it('says which field the core refused, in its words', async () => {
    const { api } = fakeCore();
    const store = createUsersStore(api);
    const r = await store.getState().add({ login: 'ada', displayName: 'Ada again', role: 'viewer', password: 'long enough pw' });
    expect(r).toEqual({ ok: false, field: 'login', message: 'login: “ada” is taken' });
  });

  it('disabling says how many sessions ended', async () => {
    const { api } = fakeCore();
    const store = createUsersStore(api);
    await store.getState().load();
    const r = await store.getState().setEnabled('ada', false);
    expect(r).toEqual({ ok: true, message: 'Ada can no longer sign in. 2 sessions ended: they are signed out everywhere.' });
    expect(store.getState().users?.[0]?.disabledAt).toBe(T0);
  });
});

describe('device names', () => {
  it('names the browser and system, the desktop app and programs in plain words', () => {
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36')).toBe('Chrome on Linux');
    expect(deviceName('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15')).toBe('Safari on macOS');
    expect(deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe('Firefox on Windows');
    expect(deviceName('Flowdeck/0.1.0 (attached desktop)')).toBe('Flowdeck desktop');
    expect(deviceName('node')).toBe('A program (API)');
    expect(deviceName(null)).toBe('Unknown device');
  });
});
