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
  // Everyone may see who is on the team (names and roles, never a password); changing people is an admin's.
  'users/list-users': { input: ListUsersInput, output: ListUsersOutput, write: false, permission: 'read' },
  'users/add-user': { input: AddUserInput, output: UserOutput, write: true, permission: 'admin' },
  'users/set-role': { input: SetRoleInput, output: UserOutput, write: true, permission: 'admin' },
  'users/disable-user': { input: ByLoginInput, output: UserEndedOutput, write: true, permission: 'admin' },
  'users/enable-user': { input: ByLoginInput, output: UserOutput, write: true, permission: 'admin' },
  'users/reset-password': { input: ResetPasswordInput, output: UserEndedOutput, write: true, permission: 'admin' },
  // Where someone is signed in from (addresses, browsers): an admin's.
  'users/list-sessions': { input: ByLoginInput, output: ListSessionsOutput, write: false, permission: 'admin' },
  'users/revoke-session': { input: RevokeSessionInput, output: RevokeSessionOutput, write: true, permission: 'admin' },
} as const;
