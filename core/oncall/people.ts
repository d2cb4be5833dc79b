import type { Role } from '../contract/roles.ts';

/** A person who can be paged. Disabled people are never paged. */
export interface Person {
  login: string;
  displayName: string;
  role: Role;
  disabled: boolean;
}

/** Where the people come from (the users table in a served Flowdeck; tests pass their own). */
export interface PeopleSource {
  list(): Person[];
}

/** The people of the users table (`ledger.users`). */
export function peopleFromUsers(users: { list(): { login: string; displayName: string; role: Role; disabledAt: number | null }[] }): PeopleSource {
  return { list: () => users.list().map((u) => ({ login: u.login, displayName: u.displayName, role: u.role, disabled: u.disabledAt !== null })) };
}

/** Nobody (a Flowdeck without users: nobody is paged, the rule's channels still are). */
export const NO_PEOPLE: PeopleSource = { list: () => [] };

const norm = (s: string) => s.trim().toLowerCase();

/**
 * The person a workflow's registry owner names: by login or display name, without case or surrounding spaces (the
 * login first, so a display name shared by two people cannot hide a login). Null when nobody matches.
 */
export function personNamed(owner: string | null, people: readonly Person[]): Person | null {
  if (!owner || !norm(owner)) return null;
  const o = norm(owner);
  return people.find((p) => norm(p.login) === o) ?? people.find((p) => norm(p.displayName) === o) ?? null;
}

/** The person with this login (compared without case). */
export function personByLogin(login: string, people: readonly Person[]): Person | null {
  const l = norm(login);
  return people.find((p) => norm(p.login) === l) ?? null;
}
