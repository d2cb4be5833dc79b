import type { CallContext } from '../contract/handlers.ts';

/**
 * The desktop app's own caller: the OS user at this computer, acting through its local core (the owner of its own
 * ledger). Its changes are audited as kind 'desktop', id 'desktop:<os user>', via the desktop.
 */
export function desktopCaller(osUser: string): CallContext {
  return { actor: osUser, actorId: `desktop:${osUser}`, actorKind: 'desktop', via: 'desktop', address: null };
}
