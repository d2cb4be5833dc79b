import type { MouseEvent } from 'react';
import type { Method } from '../../core/contract/handlers.ts';
import { leastRoleFor, METHOD_PERMISSIONS, ROLE_LABELS, roleAllows, type Role } from '../../core/contract/permissions.ts';
import { useSystemStore } from './system-store.ts';

/**
 * Role-aware actions (issue #15). Every button that changes something asks the same question, `useCan(method)`, and a
 * role that cannot take the action sees the button disabled with the reason (on hover, on focus and for screen
 * readers) instead of an error after the click. The core refuses the call anyway (`forbidden`); this only says so
 * before the click. test/lint/role-aware-buttons.test.ts fails when a component reaches a write action without it.
 */

/** Props for a button the caller may not press: focusable (so the reason can be read) but inert. */
export interface LockProps {
  'aria-disabled'?: true;
  'data-locked'?: string;
  title?: string;
  onClickCapture?: (event: MouseEvent) => void;
}

export interface Can {
  ok: boolean;
  /** Why the caller cannot, in plain words; null when they can. */
  reason: string | null;
  /** Spread onto the button: nothing when allowed; aria-disabled, the reason and a click guard when not. */
  lock: LockProps;
}

const WHAT_YOU_HAVE: Record<Role, string> = {
  viewer: 'you have view-only access',
  operator: 'your Operator access covers runs, incidents and workflows, not the setup',
  admin: 'your access does not cover this',
  owner: 'your access does not cover this',
};

/** The sentence a locked button shows, e.g. "Needs an Operator — you have view-only access. Ask the owner of this Flowdeck." */
export function lockReason(role: Role, method: Method): string | null {
  const needed = METHOD_PERMISSIONS[method];
  if (roleAllows(role, needed)) return null;
  const least = ROLE_LABELS[leastRoleFor(needed)];
  return `Needs an ${least} — ${WHAT_YOU_HAVE[role]}. Ask the owner of this Flowdeck.`;
}

/** The click on a locked button does nothing: no handler runs and no form is submitted. */
function block(event: MouseEvent): void {
  event.preventDefault();
  event.stopPropagation();
}

const OPEN: Can = { ok: true, reason: null, lock: {} };

export function accessFor(role: Role, method: Method): Can {
  const reason = lockReason(role, method);
  if (reason === null) return OPEN;
  return { ok: false, reason, lock: { 'aria-disabled': true, 'data-locked': reason, title: reason, onClickCapture: block } };
}

/**
 * The caller's role from system/get-status. Until the status arrives (and from an older core that does not say) the
 * caller counts as the owner: buttons never flash disabled for the owner, and the core still refuses what it must.
 */
export function useRole(): Role {
  return useSystemStore((s) => s.status?.role ?? 'owner');
}

/** May the caller call this method? The one question every action button asks. */
export function useCan(method: Method): Can {
  return accessFor(useRole(), method);
}

/** The access level shown to a non-owner ("View only (Viewer)"); null for the owner, who needs no reminder. */
export function accessLabel(role: Role): string | null {
  switch (role) {
    case 'viewer': return 'View only (Viewer)';
    case 'operator': return 'Can act, not change the setup (Operator)';
    case 'admin': return 'Full access (Admin)';
    case 'owner': return null;
  }
}
