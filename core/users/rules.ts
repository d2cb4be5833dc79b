import { CoreError } from '../contract/errors.ts';
import type { Role } from '../contract/roles.ts';

/** What a change does to a person, for the owner rules. */
export type Change = 'grant-owner' | 'demote' | 'disable' | 'reset-password';

export const notFound = (login: string) =>
  new CoreError({ kind: 'validation', code: 'not_found', message: `login: nobody here signs in as "${login}".`, field: 'login' });

const refuse = (message: string) => new CoreError({ kind: 'forbidden', code: 'forbidden', message });

/**
 * The owner rules: only an owner makes someone an owner, or demotes, disables or resets the password of an owner;
 * and the last active owner can never be demoted or disabled, by anyone.
 */
export function checkOwnerRules(p: { callerRole: Role; target: { role: Role; displayName: string; disabledAt: number | null } | null;
  change: Change; activeOwners: number }): void {
  const { callerRole, target, change } = p;
  if (change === 'grant-owner') {
    if (callerRole !== 'owner') throw refuse('Only an owner can make someone an owner.');
    return;
  }
  if (!target || target.role !== 'owner') return;
  if (callerRole !== 'owner') {
    const what = { demote: 'change their role', disable: 'disable them', 'reset-password': 'set their password' }[change];
    throw refuse(`${target.displayName} is an owner: only an owner can ${what}.`);
  }
  if ((change === 'demote' || change === 'disable') && target.disabledAt === null && p.activeOwners <= 1) {
    throw new CoreError({
      kind: 'validation', code: 'last_owner',
      message: `${target.displayName} is the last owner of this Flowdeck, so they cannot be ${change === 'demote' ? 'given another role' : 'disabled'}. Make someone else an owner first.`,
    });
  }
}
