import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Core } from '../app.ts';
import type { AuditActor } from '../contract/actor.ts';
import { DisplayName, Login, Password } from '../contract/users.ts';
import type { Authenticator, Principal } from './auth.ts';
import { callContextOf } from './call-context.ts';
import { clearedCookie, CONTENT_SECURITY_POLICY, readCookie, SECURITY_HEADERS, sessionCookie } from './http-basics.ts';
import { fieldsOf, readSmallBody } from './request-body.ts';
import { firstRunPage, SIGN_IN_CSS, SIGN_IN_CSS_PATH, signInPage, tooManyPage } from './sign-in-pages.ts';
import type { SignInLimiter } from './sign-in-limiter.ts';

export interface SignInRoutesOptions {
  core: Pick<Core, 'users' | 'ledger' | 'clock' | 'logger' | 'storage' | 'demo' | 'events'>;
  auth: Authenticator;
  limiter: SignInLimiter;
  cookieName: () => string;
  /** Served over TLS: cookies are Secure. */
  secure: boolean;
  /** Whether a request's Origin header is this server's own origin. */
  sameOrigin: (req: IncomingMessage) => boolean;
  /** Sessions ended here (sign-out): their sockets close at once. */
  sessionsChanged: () => void;
}

/** The pages before the console may post their forms to this server (the console's own policy allows no form at all). */
const PAGE_HEADERS: OutgoingHttpHeaders = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY.replace("form-action 'none'", "form-action 'self'"),
  // Same-origin form posts then carry their Origin (no-referrer would send "Origin: null").
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const WRONG = 'That login and password do not match an active account here.';
const BUSY = 'Flowdeck is busy checking other sign-ins. Try again in a moment.';
/** Password checks at once (each holds 19 MiB for a few tens of milliseconds): a flood waits instead of eating memory. */
const MAX_CHECKING = 8;

function send(res: ServerResponse, status: number, type: string, body: string, headers: OutgoingHttpHeaders = {}): void {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...PAGE_HEADERS, 'Content-Type': type, 'Content-Length': buf.length, ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}
const html = (res: ServerResponse, status: number, body: string, headers?: OutgoingHttpHeaders) => send(res, status, 'text/html; charset=utf-8', body, headers);
const json = (res: ServerResponse, status: number, body: unknown, headers?: OutgoingHttpHeaders) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
const redirect = (res: ServerResponse, to: string, headers: OutgoingHttpHeaders = {}) => {
  res.writeHead(303, { ...PAGE_HEADERS, Location: to, 'Content-Length': 0, ...headers });
  res.end();
};

type Outcome =
  | { ok: true; cookie: string; user: { login: string; displayName: string; role: string } }
  | { ok: false; status: 401 | 429 | 503; retryAfterS: number };

/**
 * Sign-in by login and password (the JSON API and the HTML form), signing out, and the first-run page that creates
 * the owner. Failures count per address in the server's limiter (shared with token guesses) and are audited.
 */
export function signInRoutes(o: SignInRoutesOptions) {
  const { core, auth, limiter } = o;
  const addressOf = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';
  let checking = 0;

  const audit = (who: AuditActor, action: string, target: string, detail?: unknown) => {
    try {
      core.ledger.audit.append({ ...who, action, target, ...(detail === undefined ? {} : { detail }) }, core.clock.now());
    } catch (error) {
      if (!core.storage.failed(error)) throw error;
      core.logger.error('sign-in not audited: the ledger cannot take writes', { action });
    }
  };

  const signIn = async (req: IncomingMessage, login: string, password: string, via: 'browser' | 'api'): Promise<Outcome> => {
    const address = addressOf(req);
    const wait = limiter.waitMs(address);
    if (wait > 0) return { ok: false, status: 429, retryAfterS: Math.ceil(wait / 1000) };
    if (checking >= MAX_CHECKING) return { ok: false, status: 503, retryAfterS: 1 };
    checking += 1;
    const user = await core.users.authenticate(login, password).finally(() => { checking -= 1; });
    const anonymous: AuditActor = { actor: 'unknown', actorId: null, actorKind: null, via, address };
    if (!user) {
      const { blockedNow } = limiter.failed(address);
      // The login tried (never the password), the address and the way in.
      audit(anonymous, 'serve/sign-in-failed', `address:${address}`, { via: 'password', login: login.slice(0, 64) });
      if (blockedNow) {
        audit(anonymous, 'serve/sign-in-blocked', `address:${address}`, { via: 'password' });
        core.logger.warn('sign-ins refused for a while: too many failed attempts', { address });
      }
      return { ok: false, status: 401, retryAfterS: 0 };
    }
    const secret = auth.openUserSession(user.id, { address, userAgent: req.headers['user-agent'] ?? null });
    // The People list shows who is signed in where: it refreshes now, not at the next change.
    core.events.emit('ledger/changed', { tables: ['sessions'], connectorId: null });
    audit({ actor: user.displayName, actorId: `user:${user.id}`, actorKind: 'user', via, address }, 'serve/signed-in', `user:${user.login}`);
    return { ok: true, cookie: sessionCookie(o.cookieName(), secret, o.secure), user: { login: user.login, displayName: user.displayName, role: user.role } };
  };

  const readFields = async (req: IncomingMessage) => {
    const body = await readSmallBody(req);
    return body === null ? null : fieldsOf(body, req.headers['content-type']);
  };

  const apiSignIn = async (req: IncomingMessage, res: ServerResponse) => {
    const fields = await readFields(req);
    if (!fields || typeof fields.login !== 'string' || typeof fields.password !== 'string') {
      return json(res, 400, { error: 'Send JSON with "login" and "password".' });
    }
    const outcome = await signIn(req, fields.login.trim(), fields.password, 'api');
    if (outcome.ok) return json(res, 200, outcome.user, { 'Set-Cookie': outcome.cookie });
    if (outcome.status !== 401) {
      const error = outcome.status === 503 ? BUSY : `Too many failed sign-ins from this address. Try again in ${outcome.retryAfterS} s.`;
      return json(res, outcome.status, { error }, { 'Retry-After': String(outcome.retryAfterS) });
    }
    return json(res, 401, { error: WRONG });
  };

  const formSignIn = async (req: IncomingMessage, res: ServerResponse) => {
    const fields = await readFields(req);
    const login = (fields?.login ?? '').trim();
    const outcome = fields?.password ? await signIn(req, login, fields.password, 'browser') : null;
    if (outcome?.ok) return redirect(res, '/', { 'Set-Cookie': outcome.cookie });
    if (outcome?.status === 429) return html(res, 429, tooManyPage(outcome.retryAfterS), { 'Retry-After': String(outcome.retryAfterS) });
    const message = !outcome ? 'Give your login and password.' : outcome.status === 503 ? BUSY : WRONG;
    return html(res, outcome ? outcome.status : 400, signInPage({ login, message, anyone: true }), outcome?.status === 503 ? { 'Retry-After': '1' } : {});
  };

  const signOut = (req: IncomingMessage, res: ServerResponse) => {
    const secret = readCookie(req, o.cookieName());
    const who = secret ? auth.session(secret) : null;
    if (secret) auth.endSession(secret);
    if (who?.kind === 'user') {
      audit({ actor: who.actor, actorId: `user:${who.userId}`, actorKind: 'user', via: 'browser', address: addressOf(req) },
        'serve/signed-out', `user:${who.login}`);
    }
    o.sessionsChanged();
    core.events.emit('ledger/changed', { tables: ['sessions'], connectorId: null });
    res.writeHead(204, { ...PAGE_HEADERS, 'Set-Cookie': clearedCookie(o.cookieName(), o.secure) });
    res.end();
  };

  const createOwner = async (req: IncomingMessage, res: ServerResponse, launch: Principal) => {
    const fields = await readFields(req) ?? {};
    const secret = readCookie(req, o.cookieName());
    const login = Login.safeParse(fields.login ?? '');
    const rawName = (fields.name ?? '').trim();
    const name = rawName ? DisplayName.safeParse(rawName) : null;
    const password = Password.safeParse(fields.password ?? '');
    const again = () => firstRunPage({ login: fields.login ?? '', name: rawName, message: problem });
    let problem: string | null = null;
    if (!login.success) problem = `Login: ${login.error.issues[0]!.message}.`;
    else if (name && !name.success) problem = `Name: ${name.error.issues[0]!.message}.`;
    else if (!password.success) problem = `Password: ${password.error.issues[0]!.message}.`;
    else if (fields.password !== fields.again) problem = 'The two passwords are not the same.';
    if (problem !== null || !login.success || !password.success) return html(res, 400, again());
    const address = addressOf(req);
    const user = await core.users.addFirstOwner({ login: login.data, displayName: name?.data ?? login.data, password: password.data },
      callContextOf(launch, { via: 'browser', address }));
    if (!user) return redirect(res, '/');
    if (secret) auth.endSession(secret);
    const session = auth.openUserSession(user.id, { address, userAgent: req.headers['user-agent'] ?? null });
    return redirect(res, '/', { 'Set-Cookie': sessionCookie(o.cookieName(), session, o.secure) });
  };

  /** The first-run page applies to the launch link's browser while nobody can sign in (never in the demo). */
  const firstRunApplies = (who: Principal) => who.kind === 'launch' && !core.demo && !core.users.hasUsers();

  return {
    /** Routes anyone may reach: the sign-in page and API, its stylesheet, signing out. True when answered. */
    async open(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
      const get = req.method === 'GET' || req.method === 'HEAD';
      if (path === SIGN_IN_CSS_PATH && get) {
        send(res, 200, 'text/css; charset=utf-8', SIGN_IN_CSS, { 'Cache-Control': 'no-cache' });
        return true;
      }
      if (path !== '/sign-in' && path !== '/api/sign-in' && path !== '/api/sign-out') return false;
      if (path === '/sign-in' && get) {
        html(res, 200, signInPage({ anyone: core.users.hasUsers() }));
        return true;
      }
      if (req.method !== 'POST') {
        send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.\n', { Allow: path === '/sign-in' ? 'GET, HEAD, POST' : 'POST' });
        return true;
      }
      if (req.headers.origin !== undefined && !o.sameOrigin(req)) {
        json(res, 403, { error: 'Sign-in requests from another site are refused.' });
        return true;
      }
      if (path === '/api/sign-in') await apiSignIn(req, res);
      else if (path === '/sign-in') await formSignIn(req, res);
      else signOut(req, res);
      return true;
    },

    /** Without access once people can sign in, `/` sends the browser to the sign-in page. True when answered. */
    toSignIn(req: IncomingMessage, res: ServerResponse, path: string, headers: OutgoingHttpHeaders): boolean {
      if (path !== '/' || req.method !== 'GET' || !core.users.hasUsers()) return false;
      redirect(res, '/sign-in', headers);
      return true;
    },

    /** Where the launch link lands: the first-run page while nobody can sign in (never in the demo), else null. */
    landing(who: Principal): string | null {
      return firstRunApplies(who) ? '/first-run' : null;
    },

    /** The first-run page, for the launch link's browser while nobody can sign in. True when answered. */
    async signedIn(req: IncomingMessage, res: ServerResponse, path: string, who: Principal): Promise<boolean> {
      if (path !== '/first-run') return false;
      if (!firstRunApplies(who)) {
        redirect(res, '/');
        return true;
      }
      if (req.method === 'GET' || req.method === 'HEAD') html(res, 200, firstRunPage({}));
      else if (req.method !== 'POST') send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.\n', { Allow: 'GET, HEAD, POST' });
      else if (req.headers.origin !== undefined && !o.sameOrigin(req)) html(res, 403, firstRunPage({ message: 'Requests from another site are refused.' }));
      else await createOwner(req, res, who);
      return true;
    },
  };
}
