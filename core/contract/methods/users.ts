import {
  AddUserInput, ByLoginInput, ListSessionsOutput, ListUsersInput, ListUsersOutput, ResetPasswordInput, RevokeSessionInput,
  RevokeSessionOutput, SetRoleInput, UserEndedOutput, UserOutput,
} from '../users.ts';

/**
 * `users/*`: the people who sign in to a served Flowdeck, their roles and their sessions. Disabling a person, resetting
 * their password or ending a session closes their open connections; a role change closes them too, and the console
 * reconnects with the new role.
 */
export const userSchemas = {
  'users/list-users': { input: ListUsersInput, output: ListUsersOutput, write: false },
  'users/add-user': { input: AddUserInput, output: UserOutput, write: true },
  'users/set-role': { input: SetRoleInput, output: UserOutput, write: true },
  'users/disable-user': { input: ByLoginInput, output: UserEndedOutput, write: true },
  'users/enable-user': { input: ByLoginInput, output: UserOutput, write: true },
  'users/reset-password': { input: ResetPasswordInput, output: UserEndedOutput, write: true },
  'users/list-sessions': { input: ByLoginInput, output: ListSessionsOutput, write: false },
  'users/revoke-session': { input: RevokeSessionInput, output: RevokeSessionOutput, write: true },
} as const;
