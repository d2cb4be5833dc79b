import { z } from 'zod';
import { Role } from './roles.ts';

/** A login: what a person types to sign in (letters, digits, '.', '_', '@', '-'; compared without case). */
export const Login = z.string().trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'use 1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit');

/** Passwords: at least 10 characters (a passphrase is best), at most 256. */
export const MIN_PASSWORD_LENGTH = 10;
export const Password = z.string()
  .min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters (a few words together are easy to remember)`)
  .max(256, 'use at most 256 characters');

export const DisplayName = z.string().trim().min(1, 'give a name people will recognise').max(80, 'use at most 80 characters');

/** A person who can sign in. Never carries the password or its hash. */
export const UserSummary = z.object({
  id: z.number().int(),
  login: z.string(),
  displayName: z.string(),
  role: Role,
  createdAt: z.number().int(),
  /** When the person was disabled (they cannot sign in); null while active. */
  disabledAt: z.number().int().nullable(),
  /** Sessions still open (signed in somewhere). */
  sessions: z.number().int().nonnegative(),
  /** The last time any of their sessions was used; null when never or none is open. */
  lastSeenAt: z.number().int().nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** One signed-in session of a person (browser or attached desktop). */
export const UserSession = z.object({
  /** Short id of the session (not the secret, not enough to use it): what users/revoke-session takes. */
  id: z.string(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int(),
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type UserSession = z.infer<typeof UserSession>;

export const ByLoginInput = z.object({ login: Login }).strict();
export const UserOutput = z.object({ user: UserSummary });
/** The user after the change, and how many of their sessions it ended. */
export const UserEndedOutput = z.object({ user: UserSummary, sessionsEnded: z.number().int().nonnegative() });

export const ListUsersInput = z.object({}).strict();
export const ListUsersOutput = z.object({ users: z.array(UserSummary) });
export const AddUserInput = z.object({
  login: Login,
  /** Shown in the audit, on timelines and at the top of the page; defaults to the login. */
  displayName: DisplayName.optional(),
  role: Role,
  password: Password,
}).strict();
export const SetRoleInput = z.object({ login: Login, role: Role }).strict();
export const ResetPasswordInput = z.object({ login: Login, password: Password }).strict();
export const ListSessionsOutput = z.object({ sessions: z.array(UserSession) });
export const RevokeSessionInput = z.object({ login: Login, id: z.string().min(1).max(64) }).strict();
export const RevokeSessionOutput = z.object({ ended: z.boolean() });
