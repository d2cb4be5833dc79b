import type { Via } from '../contract/actor.ts';
import type { CallContext } from '../contract/handlers.ts';
import type { Principal } from './auth.ts';

/** How a serve-mode connection came in: a browser with its session cookie, or a program with a bearer token. */
export interface ConnectionOrigin {
  via: Extract<Via, 'browser' | 'api'>;
  /** The peer's address (req.socket.remoteAddress); null when the socket no longer knows it. */
  address: string | null;
}

/** A principal as this mapping reads it: a person signed in (kind 'user'), a named token, or the launch token. */
type PrincipalFields = Pick<Principal, 'actor' | 'tokenName' | 'role'> & {
  kind?: 'launch' | 'token' | 'user';
  userId?: number | null;
};

/** The CallContext every call on a serve-mode connection runs with: who (display name and stable id), their role, the way in and the address. */
export function callContextOf(principal: PrincipalFields, origin: ConnectionOrigin): CallContext {
  const who = principal.kind === 'user' && principal.userId != null
    ? { actorId: `user:${principal.userId}`, actorKind: 'user' as const }
    : principal.tokenName !== null
      ? { actorId: `token:${principal.tokenName}`, actorKind: 'token' as const }
      // The launch token is the person who started `flowdeck serve` (the owner).
      : { actorId: 'launch', actorKind: 'user' as const };
  return { actor: principal.actor, role: principal.role, ...who, via: origin.via, address: origin.address };
}
