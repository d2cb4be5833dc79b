import { handlerSchemas, type HandlerSchemas, type Method } from './handlers.ts';
import { ROLES, Role, type Permission } from './roles.ts';

export { ROLES, Role, type Permission };

/**
 * Who may call what. Every method declares the permission it needs; the dispatcher refuses a caller whose role lacks
 * it before the handler runs (`forbidden`). The desktop app and the command line act as the owner of their own
 * ledger; a serve-mode token carries the role it was given.
 */
/** The roles a serve-mode token can carry: the owner is the person who started serve, never a token. */
export type TokenRole = Exclude<Role, 'owner'>;

export const ROLE_LABELS: Record<Role, string> = { viewer: 'Viewer', operator: 'Operator', admin: 'Admin', owner: 'Owner' };

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  operator: ['read', 'operate'],
  admin: ['read', 'operate', 'admin'],
  owner: ['read', 'operate', 'admin'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** The least role that holds a permission (for "ask for …" in a refusal). */
export function leastRoleFor(permission: Permission): Role {
  return ROLES.find((r) => roleAllows(r, permission))!;
}

/**
 * Every method's permission, as each method declares it next to `write` in its domain's slice (handlers.ts refuses a
 * method without one; test/integration/permissions.test.ts checks each role against it over real sockets).
 */
export const METHOD_PERMISSIONS = Object.fromEntries(
  Object.entries(handlerSchemas).map(([method, schema]) => [method, schema.permission]),
) as { readonly [M in Method]: HandlerSchemas[M]['permission'] };
