import type { IncomingHttpHeaders } from 'node:http';
import { CLIENT_HEADER, DESKTOP_CLIENT, type Via } from '../contract/actor.ts';
import type { CallContext } from '../contract/handlers.ts';
import type { Principal } from './auth.ts';

/** How a serve-mode connection came in: a browser (or an attached desktop app) with its session cookie, or a program with a bearer token. */
export interface ConnectionOrigin {
  via: Extract<Via, 'browser' | 'desktop' | 'api'>;
  /** The peer's address (req.socket.remoteAddress); null when the socket no longer knows it. */
  address: string | null;
}

/**
 * The CallContext every call on a serve-mode connection runs with: who (the name people read and a stable id), their
 * role, the way in and the address. A person signed in is 'user:<id>'; a named token 'token:<name>'; the launch token
 * is the person who started `flowdeck serve` (the owner), 'launch'.
 */
export function callContextOf(principal: Pick<Principal, 'kind' | 'actor' | 'tokenName' | 'role' | 'userId'>, origin: ConnectionOrigin): CallContext {
  const who = principal.kind === 'user' && principal.userId !== null
    ? { actorId: `user:${principal.userId}`, actorKind: 'user' as const }
    : principal.kind === 'token' && principal.tokenName !== null
      ? { actorId: `token:${principal.tokenName}`, actorKind: 'token' as const }
      : { actorId: 'launch', actorKind: 'user' as const };
  return { actor: principal.actor, role: principal.role, ...who, via: origin.via, address: origin.address };
}

/** The way in of a session cookie: the desktop app attached to this server says so (CLIENT_HEADER); anything else is a browser. */
export function sessionVia(headers: IncomingHttpHeaders): 'desktop' | 'browser' {
  return headers[CLIENT_HEADER.toLowerCase()] === DESKTOP_CLIENT ? 'desktop' : 'browser';
}
