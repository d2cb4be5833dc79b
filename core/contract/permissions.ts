import type { Method } from './handlers.ts';
import { ROLES, Role } from './roles.ts';

export { ROLES, Role };

/**
 * Who may call what. Every method declares the permission it needs; the dispatcher refuses a caller whose role lacks
 * it before the handler runs (`forbidden`). The desktop app and the command line act as the owner of their own
 * ledger; a serve-mode token carries the role it was given.
 */
/** The roles a serve-mode token can carry: the owner is the person who started serve, never a token. */
export type TokenRole = Exclude<Role, 'owner'>;

/** read: look at anything but secrets · operate: act on runs, incidents, workflows · admin: change the setup. */
export type Permission = 'read' | 'operate' | 'admin';

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
 * Every method's permission. The type lists every method of the contract, so a new method without a permission does
 * not compile (and test/integration/permissions.test.ts checks each role against this table over real sockets).
 */
export const METHOD_PERMISSIONS: { readonly [M in Method]: Permission } = {
  'system/get-status': 'read',
  'audit/list-entries': 'read',
  'audit/search-entries': 'read',
  // Who appears in the audit (names and kinds): as readable as the audit itself.
  'audit/list-actors': 'read',
  'runs/list-runs': 'read',
  'runs/get-run': 'read',
  // Fetches the vendor's own step data (it can hold personal data) and spends the connector's rate budget.
  'runs/get-step-data': 'operate',
  'runs/retry-run': 'operate',
  'runs/rerun-run': 'operate',
  'workflows/list-workflows': 'read',
  'workflows/list-states': 'read',
  'workflows/set-active': 'operate',
  'workflows/run-workflow': 'operate',
  'connectors/list-connectors': 'read',
  // Testing a connector makes the core call the connector's address: an operator's step, not a viewer's.
  'connectors/test-connector': 'operate',
  'connectors/poll-now': 'operate',
  'connectors/set-paused': 'operate',
  'connectors/add-connector': 'admin',
  'connectors/add-push-connector': 'admin',
  'connectors/set-credential': 'admin',
  'connectors/remove-connector': 'admin',
  'monitoring/get-overview': 'read',
  'monitoring/list-error-groups': 'read',
  'monitoring/get-sla': 'read',
  'monitoring/search-errors': 'read',
  'monitoring/get-retention': 'read',
  'monitoring/set-retention': 'admin',
  'monitoring/prune-runs': 'admin',
  'testing/ingest-page': 'admin',
  'alerts/list-rules': 'read',
  'alerts/check-rule': 'read',
  'alerts/preview-rule': 'read',
  'alerts/get-mute-status': 'read',
  'alerts/get-settings': 'read',
  'alerts/list-channels': 'read',
  'alerts/save-rule': 'admin',
  'alerts/delete-rule': 'admin',
  'alerts/save-channel': 'admin',
  'alerts/delete-channel': 'admin',
  // A test message goes out through the channel's secret address: setup, so an admin's.
  'alerts/test-channel': 'admin',
  'alerts/save-settings': 'admin',
  'oncall/get-rota': 'read',
  'oncall/list-on-duty': 'read',
  // A person's channels are ids and their quiet hours: no secret.
  'oncall/get-person-settings': 'read',
  'oncall/set-rota': 'admin',
  // Changing anyone's channels or quiet hours is setup: an admin's (a person asks an admin to change their own).
  'oncall/set-person-settings': 'admin',
  // Only the caller's own channels and quiet hours (the handler takes the login from the signed-in person). A change,
  // so never a Viewer's: an Admin sets a Viewer's for them.
  'oncall/set-my-settings': 'operate',
  'incidents/list-incidents': 'read',
  'incidents/get-incident': 'read',
  'incidents/acknowledge-incident': 'operate',
  'incidents/resolve-incident': 'operate',
  'incidents/snooze-incident': 'operate',
  'incidents/retry-incident-run': 'operate',
  'incidents/pause-workflow': 'operate',
  'push/list-monitors': 'read',
  // Snippets can carry (and create) the signing secret.
  'push/get-snippets': 'admin',
  'push/create-monitor': 'admin',
  'push/rotate-secret': 'admin',
  'registry/list-entries': 'read',
  'registry/get-workflow': 'read',
  'registry/get-diff': 'read',
  'registry/lint': 'read',
  'registry/get-settings': 'read',
  'registry/preview-restore': 'read',
  'registry/add-note': 'operate',
  'registry/save-metadata': 'admin',
  'registry/save-settings': 'admin',
  'registry/export': 'admin',
  'registry/import': 'admin',
  'registry/restore-version': 'admin',
  // Everyone may see who is on the team (names and roles, never a password); changing people is an admin's.
  'users/list-users': 'read',
  'users/add-user': 'admin',
  'users/set-role': 'admin',
  'users/disable-user': 'admin',
  'users/enable-user': 'admin',
  'users/reset-password': 'admin',
  // Where someone is signed in from (addresses, browsers): an admin's.
  'users/list-sessions': 'admin',
  'users/revoke-session': 'admin',
};
