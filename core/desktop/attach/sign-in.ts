import { VERSION } from '../../version.ts';
import type { ServerAddress } from './server-address.ts';

/** What an attached desktop keeps in the OS keychain: the session from sign-in (never the password). */
export interface ServerSession {
  login: string;
  displayName: string;
  role: string;
  /** The session cookie's name and secret, sent as `Cookie: <name>=<secret>` on the WebSocket. */
  cookieName: string;
  secret: string;
}

export type SignInResult = { ok: true; session: ServerSession } | { ok: false; reason: 'refused' | 'limited' | 'unreachable' | 'error'; message: string };

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; redirect: 'manual'; signal: AbortSignal }) => Promise<Response>;

const SIGN_IN_TIMEOUT_MS = 15_000;
/** How the server's list of sessions names this one ("Flowdeck desktop"), instead of Node's bare "node". */
const DESKTOP_USER_AGENT = `Flowdeck/${VERSION} (desktop)`;

/** The session cookie among the response's Set-Cookie headers (`flowdeck_session_<port>=<secret>; …`). */
export function sessionFromSetCookie(headers: readonly string[]): { cookieName: string; secret: string } | null {
  for (const header of headers) {
    const match = /^\s*(flowdeck_session_[A-Za-z0-9_]+)=([^;\s]+)/.exec(header);
    if (match) return { cookieName: match[1]!, secret: match[2]! };
  }
  return null;
}

async function errorOf(res: Response): Promise<string | null> {
  try {
    const body = (await res.json()) as { error?: unknown };
    return typeof body.error === 'string' && body.error.length <= 500 ? body.error : null;
  } catch {
    return null;
  }
}

/** Signs in to a team server (`POST /api/sign-in`) and returns the session to keep; plain words when it does not work. */
export async function signIn(address: ServerAddress, login: string, password: string, fetchFn: FetchLike = fetch): Promise<SignInResult> {
  let res: Response;
  try {
    res = await fetchFn(`${address.origin}/api/sign-in`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': DESKTOP_USER_AGENT }, body: JSON.stringify({ login, password }),
      redirect: 'manual', signal: AbortSignal.timeout(SIGN_IN_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, reason: 'unreachable', message: `Can't reach the team server at ${address.label}. Check the address and that the server is running.` };
  }
  if (res.status === 401) return { ok: false, reason: 'refused', message: (await errorOf(res)) ?? 'That login and password were not accepted.' };
  if (res.status === 429) {
    const wait = Number(res.headers.get('retry-after'));
    return { ok: false, reason: 'limited', message: (await errorOf(res)) ?? `Too many failed sign-ins. Try again in ${Number.isFinite(wait) && wait > 0 ? wait : 60} s.` };
  }
  if (res.status !== 200) {
    return { ok: false, reason: 'error', message: `The team server at ${address.label} did not sign this desktop in (HTTP ${res.status}). Is this the address of a Flowdeck server?` };
  }
  const cookie = sessionFromSetCookie(res.headers.getSetCookie());
  let body: { login?: unknown; displayName?: unknown; role?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch { /* checked below */ }
  if (!cookie || typeof body.login !== 'string') {
    return { ok: false, reason: 'error', message: `The team server at ${address.label} answered, but not as a Flowdeck server does.` };
  }
  return {
    ok: true,
    session: {
      login: body.login,
      displayName: typeof body.displayName === 'string' && body.displayName ? body.displayName : body.login,
      role: typeof body.role === 'string' ? body.role : 'viewer',
      ...cookie,
    },
  };
}

/** Ends the session on the server (`POST /api/sign-out`); best effort, false when the server could not be told. */
export async function signOut(address: ServerAddress, session: ServerSession, fetchFn: FetchLike = fetch): Promise<boolean> {
  try {
    const res = await fetchFn(`${address.origin}/api/sign-out`, {
      method: 'POST', headers: { Cookie: `${session.cookieName}=${session.secret}` }, redirect: 'manual', signal: AbortSignal.timeout(SIGN_IN_TIMEOUT_MS),
    });
    return res.status === 204 || res.status === 200;
  } catch {
    return false;
  }
}
