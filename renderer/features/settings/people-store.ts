import { create } from 'zustand';
import type { Role } from '../../../core/contract/roles.ts';
import type { UserSession, UserSummary } from '../../../core/contract/users.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { createLive, errorMessage } from '../../lib/live.ts';

/** The result of a change: done (with a plain sentence), or refused with the field the core named. */
export type UserOutcome = { ok: true; message: string } | { ok: false; field: string | null; message: string };

export interface NewPerson {
  login: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface UsersState {
  users: UserSummary[] | null;
  error: string | null;
  /** Open sessions per login, loaded when a person's sessions are shown. */
  sessions: Record<string, UserSession[] | 'loading' | { error: string }>;
  /** Keeps the list fresh while the section shows (a change made elsewhere, a sign-in): returns the release. */
  activate: () => () => void;
  load: () => Promise<void>;
  add: (p: NewPerson) => Promise<UserOutcome>;
  setRole: (login: string, role: Role) => Promise<UserOutcome>;
  setEnabled: (login: string, enabled: boolean) => Promise<UserOutcome>;
  resetPassword: (login: string, password: string) => Promise<UserOutcome>;
  loadSessions: (login: string) => Promise<void>;
  endSession: (login: string, id: string) => Promise<UserOutcome>;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const refused = (error: unknown): UserOutcome => ({ ok: false, field: (error as { field?: string }).field ?? null, message: errorMessage(error) });

/** The people who sign in to a served Flowdeck: who they are, what they may do, where they are signed in. */
export function createUsersStore(api: CoreApi) {
  return create<UsersState>()((set, get) => {
    /** Replaces one person in the list with the core's answer (the list keeps its order). */
    const put = (user: UserSummary) => {
      const users = get().users ?? [];
      set({ users: users.some((u) => u.id === user.id) ? users.map((u) => (u.id === user.id ? user : u)) : [...users, user] });
    };
    const ended = (n: number) => (n ? ` ${plural(n, 'session')} ended: they are signed out everywhere.` : '');
    return {
      users: null, error: null, sessions: {},
      activate: createLive({ core: api, tables: ['users', 'sessions'], refresh: () => void get().load() }),
      async load() {
        try {
          const { users } = await api.call('users/list-users', {});
          set({ users, error: null });
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      },
      async add(p) {
        try {
          const { user } = await api.call('users/add-user', {
            login: p.login, role: p.role, password: p.password, ...(p.displayName.trim() ? { displayName: p.displayName } : {}),
          });
          put(user);
          return { ok: true, message: `${user.displayName} can now sign in as “${user.login}”.` };
        } catch (error) {
          return refused(error);
        }
      },
      async setRole(login, role) {
        try {
          const { user } = await api.call('users/set-role', { login, role });
          put(user);
          return { ok: true, message: `${user.displayName} is now ${role === 'admin' ? 'an' : 'a'} ${role}.` };
        } catch (error) {
          return refused(error);
        }
      },
      async setEnabled(login, enabled) {
        try {
          if (enabled) {
            const { user } = await api.call('users/enable-user', { login });
            put(user);
            return { ok: true, message: `${user.displayName} can sign in again.` };
          }
          const { user, sessionsEnded } = await api.call('users/disable-user', { login });
          put(user);
          return { ok: true, message: `${user.displayName} can no longer sign in.${ended(sessionsEnded)}` };
        } catch (error) {
          return refused(error);
        }
      },
      async resetPassword(login, password) {
        try {
          const { user, sessionsEnded } = await api.call('users/reset-password', { login, password });
          put(user);
          return { ok: true, message: `New password set for ${user.displayName}.${ended(sessionsEnded)}` };
        } catch (error) {
          return refused(error);
        }
      },
      async loadSessions(login) {
        set({ sessions: { ...get().sessions, [login]: 'loading' } });
        try {
          const { sessions } = await api.call('users/list-sessions', { login });
          set({ sessions: { ...get().sessions, [login]: sessions } });
        } catch (error) {
          set({ sessions: { ...get().sessions, [login]: { error: errorMessage(error) } } });
        }
      },
      async endSession(login, id) {
        try {
          const { ended: done } = await api.call('users/revoke-session', { login, id });
          await get().loadSessions(login);
          await get().load();
          return done ? { ok: true, message: 'Signed out there.' } : { ok: false, field: null, message: 'That session had already ended.' };
        } catch (error) {
          return refused(error);
        }
      },
    };
  });
}

export const useUsersStore = createUsersStore(core);
