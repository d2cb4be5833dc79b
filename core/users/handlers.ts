import type { Handlers } from '../contract/handlers.ts';
import type { UsersService } from './service.ts';

type UserMethods = Extract<keyof Handlers, `users/${string}`>;

/** The `users/*` methods: people, their roles and sessions (every change is audited by the service). */
export function usersHandlers(users: UsersService): Pick<Handlers, UserMethods> {
  return {
    'users/list-users': async () => ({ users: users.list() }),
    'users/add-user': async (input, ctx) => ({ user: await users.add(input, ctx) }),
    'users/set-role': async ({ login, role }, ctx) => ({ user: users.setRole(login, role, ctx) }),
    'users/disable-user': async ({ login }, ctx) => users.disable(login, ctx),
    'users/enable-user': async ({ login }, ctx) => ({ user: users.enable(login, ctx) }),
    'users/reset-password': async ({ login, password }, ctx) => users.resetPassword(login, password, ctx),
    'users/list-sessions': async ({ login }) => ({ sessions: users.listSessions(login) }),
    'users/revoke-session': async ({ login, id }, ctx) => ({ ended: users.revokeSession(login, id, ctx) }),
  };
}
