import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Duplex as NetDuplex } from 'node:stream';
import type { Core } from '../app.ts';
import { auditActorOf } from '../contract/actor.ts';
import { Authenticator, type Principal } from './auth.ts';
import { callContextOf, sessionVia, type ConnectionOrigin } from './call-context.ts';
import { allowedHosts, hostAllowed, hostPort, isLoopbackHost, originAllowed, publicHost } from '../platform/net/host-check.ts';
import {
  bearerToken, clearedCookie, HSTS, NEEDS_TOKEN_MESSAGE, readCookie, SECURITY_HEADERS, sendText, sessionCookie, sessionCookieName,
} from './http-basics.ts';
import { listen } from '../platform/net/listen.ts';
import { serveStatic } from './static-files.ts';
import { SignInLimiter } from './sign-in-limiter.ts';
import { signInRoutes } from './sign-in-routes.ts';
import { generateLaunchToken } from './tokens.ts';
import { WsClients } from './ws-clients.ts';

export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
/** How often the server looks for commits by other processes (a token revoked from the CLI). */
const REVOCATION_CHECK_MS = 250;

export interface ServeOptions {
  core: Pick<Core, 'connect' | 'ledger' | 'clock' | 'logger' | 'storage' | 'events' | 'users' | 'demo'>;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Defaults to 127.0.0.1; anything that is not loopback needs `allowRemote`. */
  host?: string;
  /** 0 picks any free port. */
  port: number;
  allowRemote?: boolean;
  /** Actor for the launch token: the OS user. */
  launchActor: string;
  launchToken?: string;
  maxFrameBytes?: number;
  /** How often revoked tokens' sockets are closed and dead sockets dropped. */
  sweepIntervalMs?: number;
  /** Serve HTTPS and WSS with this certificate and key (PEM, see tls-files.ts): cookies are then Secure and HSTS is sent. */
  tls?: { cert: string; key: string };
}

export interface RunningServer {
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:7070, or https://… with TLS */
  origin: string;
  /** The link to open: origin + `/?token=<launch token>`. */
  url: string;
  launchToken: string;
  /** Closes connections whose token was revoked (also runs on a timer). */
  closeRevoked(): void;
  /** Closes every socket, then stops listening. The core stays open: its owner closes it. */
  close(): Promise<void>;
}

export class ServeRefusedError extends Error {
  override name = 'ServeRefusedError';
}

interface RequestParts {
  rawPath: string;
  params: URLSearchParams;
}

function splitUrl(raw: string | undefined): RequestParts {
  const url = raw ?? '/';
  const q = url.indexOf('?');
  return { rawPath: q < 0 ? url : url.slice(0, q), params: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)) };
}

/** A presented token that was not accepted: wrong (401) or from an address that failed too often (429). */
interface Refusal { status: 401 | 429; retryAfterS: number }
const isRefusal = <T extends object>(x: T | Refusal): x is Refusal => 'status' in x;
/** A principal and how it was presented: a session cookie (a browser) or a token (a program). */
interface Found { principal: Principal; via: ConnectionOrigin['via'] }
const tooManyMessage = (r: Refusal) => `Too many failed sign-ins from this address. Try again in ${r.retryAfterS} s.\n`;

function refuseUpgrade(socket: NetDuplex, status: 401 | 403 | 404 | 429, body: string, retryAfterS?: number): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' }[status];
  const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('') +
    (retryAfterS === undefined ? '' : `Retry-After: ${retryAfterS}\r\n`);
  const bytes = Buffer.byteLength(body);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}Content-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${bytes}\r\nConnection: close\r\n\r\n${body}`);
}

/** Starts serve mode: the built renderer over HTTP and the contract over a WebSocket at /ws, behind tokens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw new ServeRefusedError(`Refusing to listen on ${host}: it is reachable from other machines. Add --allow-remote if you mean it.`);
  }
  const { core } = options;
  const launchToken = options.launchToken ?? generateLaunchToken();
  const auth = new Authenticator({
    launchToken, launchActor: options.launchActor, tokens: core.ledger.tokens, users: core.ledger.users, sessions: core.ledger.sessions, now: () => core.clock.now(),
  });
  const clients = new WsClients(auth, core, options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
  // Until the port is known nothing is allowed (a request racing the listen callback gets 403).
  let allowed: Set<string> | null = new Set();
  let cookieName = '';
  const secure = options.tls !== undefined;
  const scheme = secure ? 'https' : 'http';

  const limiter = new SignInLimiter(() => core.clock.now());
  // Sign-in by password, signing out, and the first-run page (sign-in-routes.ts).
  const signIn = signInRoutes({
    core, auth, limiter, secure, cookieName: () => cookieName, sessionsChanged: () => clients.closeRevoked(),
    sameOrigin: (req) => originAllowed(req.headers.origin, req.headers.host, scheme),
  });
  const auditSignIn = (action: string, address: string, via: string) => {
    try {
      // The address and the way in only: never the token that was tried.
      core.ledger.audit.append({
        actor: 'unknown', actorId: null, actorKind: null, via: via === 'bearer' ? 'api' : 'browser', address,
        action, target: `address:${address}`, detail: { via },
      }, core.clock.now());
    } catch (error) {
      if (!core.storage.failed(error)) throw error;
    }
  };
  /** Checks a presented token; failures count per address and are audited, and a blocked address waits. */
  const verify = (req: IncomingMessage, token: string, via: string): Principal | Refusal => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = limiter.waitMs(address);
    if (wait > 0) return { status: 429, retryAfterS: Math.ceil(wait / 1000) };
    const principal = auth.verifyToken(token);
    if (principal) return principal;
    const { blockedNow } = limiter.failed(address);
    auditSignIn('serve/sign-in-failed', address, via);
    if (blockedNow) {
      auditSignIn('serve/sign-in-blocked', address, via);
      core.logger.warn('sign-ins refused for a while: too many failed attempts', { address });
    }
    return { status: 401, retryAfterS: 0 };
  };

  const principalOf = (req: IncomingMessage, params: URLSearchParams, viaCookie: boolean): Found | Refusal | null => {
    const secret = viaCookie ? readCookie(req, cookieName) : null;
    const fromSession = secret ? auth.session(secret) : null;
    if (fromSession) return { principal: fromSession, via: sessionVia(req.headers) };
    const bearer = bearerToken(req);
    const token = bearer ?? params.get('token');
    const verified = token ? verify(req, token, bearer ? 'bearer' : 'link') : null;
    return verified && !isRefusal(verified) ? { principal: verified, via: 'api' } : verified;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (secure) for (const [k, v] of Object.entries(HSTS)) res.setHeader(k, v);
    if (!hostAllowed(req.headers.host, allowed)) return sendText(res, 403, 'This Flowdeck server only answers to 127.0.0.1 and localhost.\n');
    const { rawPath, params } = splitUrl(req.url);
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    if (await signIn.open(req, res, rawPath)) return;
    const loginToken = params.get('token');
    if (rawPath === '/' && readOnly && loginToken !== null) {
      const principal = verify(req, loginToken, 'link');
      if (isRefusal(principal)) {
        return principal.status === 429
          ? sendText(res, 429, tooManyMessage(principal), { 'Retry-After': String(principal.retryAfterS) })
          : sendText(res, 401, NEEDS_TOKEN_MESSAGE);
      }
      params.delete('token');
      try {
        core.ledger.audit.append({
          ...auditActorOf(callContextOf(principal, { via: 'browser', address: req.socket.remoteAddress ?? null })), action: 'serve/signed-in',
          target: principal.tokenName ? `token:${principal.tokenName}` : 'launch link',
        }, core.clock.now());
      } catch (error) {
        // A read-only, full or damaged store: signing in still works (the console says why nothing can be saved).
        if (!core.storage.failed(error)) throw error;
        core.logger.error('sign-in not audited: the ledger cannot take writes', { actor: principal.actor });
      }
      const rest = params.toString();
      res.writeHead(303, {
        ...SECURITY_HEADERS, Location: signIn.landing(principal) ?? (rest ? `/?${rest}` : '/'), 'Set-Cookie': sessionCookie(cookieName, auth.openSession(principal, { address: req.socket.remoteAddress ?? null, userAgent: req.headers['user-agent'] ?? null }), secure),
        'Cache-Control': 'no-store', 'Content-Length': 0,
      });
      res.end();
      return;
    }
    const who = principalOf(req, params, true);
    if (who && isRefusal(who) && who.status === 429) return sendText(res, 429, tooManyMessage(who), { 'Retry-After': String(who.retryAfterS) });
    if (!who || isRefusal(who)) {
      const cleared = readCookie(req, cookieName) !== null ? { 'Set-Cookie': clearedCookie(cookieName, secure) } : {};
      if (signIn.toSignIn(req, res, rawPath, cleared)) return;
      return sendText(res, 401, NEEDS_TOKEN_MESSAGE, cleared);
    }
    if (await signIn.signedIn(req, res, rawPath, who.principal)) return;
    if (!readOnly) return sendText(res, 405, 'Method not allowed.\n', { Allow: 'GET, HEAD' });
    if (rawPath === '/ws') return sendText(res, 426, 'This endpoint speaks WebSocket only.\n', { Upgrade: 'websocket' });
    await serveStatic(res, options.rendererDir, rawPath);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      // The path only: the query may carry the launch token (`/?token=…`), and logs never hold a credential.
      core.logger.error('request failed', { method: req.method, path: splitUrl(req.url).rawPath, error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendText(res, 500, 'Flowdeck hit an internal error; it was logged.\n');
      else res.destroy();
    });
  };
  let server: Server;
  try {
    server = secure ? createTlsServer({ cert: options.tls!.cert, key: options.tls!.key }, onRequest) : createServer(onRequest);
  } catch (error) {
    throw new ServeRefusedError(`The TLS certificate and key cannot be used together (${error instanceof Error ? error.message : String(error)}).`);
  }
  server.on('upgrade', (req: IncomingMessage, socket: NetDuplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const { rawPath, params } = splitUrl(req.url);
    if (!hostAllowed(req.headers.host, allowed)) return refuseUpgrade(socket, 403, 'Host not allowed.\n');
    if (rawPath !== '/ws') return refuseUpgrade(socket, 404, 'Not found.\n');
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin, req.headers.host, scheme)) {
      return refuseUpgrade(socket, 403, 'Cross-origin WebSocket connections are refused.\n');
    }
    // Browsers always send Origin; the session cookie only counts when they did (and it matched).
    const found = principalOf(req, params, origin !== undefined);
    if (found && isRefusal(found) && found.status === 429) return refuseUpgrade(socket, 429, tooManyMessage(found), found.retryAfterS);
    if (!found || isRefusal(found)) return refuseUpgrade(socket, 401, NEEDS_TOKEN_MESSAGE);
    clients.accept(req, socket, head, found.principal, { via: found.via, address: req.socket.remoteAddress ?? null });
  });

  const port = await listen(server, options.port, host, (code) => new ServeRefusedError(code === 'EADDRINUSE'
    ? `Port ${options.port} on ${host} is already in use: pick another with --port (0 = any free port).`
    : `${host} is not an address of this machine (--host).`));
  cookieName = sessionCookieName(port);
  allowed = allowedHosts(host, port);
  const sweep = setInterval(() => clients.sweep(), options.sweepIntervalMs ?? 10_000);
  sweep.unref();
  // `flowdeck tokens revoke` commits from another process: PRAGMA data_version moves, and that token's sockets
  // close at once (the sweep above stays as the backstop).
  let seenVersion = core.ledger.tokens.dataVersion();
  const watch = setInterval(() => {
    const v = core.ledger.tokens.dataVersion();
    if (v === seenVersion) return;
    seenVersion = v;
    clients.closeRevoked();
  }, REVOCATION_CHECK_MS);
  watch.unref();
  // A person disabled, their password reset, a session ended or a role changed in this process (the data_version
  // above only moves for other processes' commits): their sockets close now.
  const stopWatchingPeople = core.events.subscribe('ledger/changed', ({ tables }) => {
    if (tables.includes('users') || tables.includes('sessions')) clients.closeRevoked();
  });
  const origin = `${scheme}://${hostPort(publicHost(host), port)}`;
  let closing: Promise<void> | null = null;
  return {
    host, port, origin, url: `${origin}/?token=${launchToken}`, launchToken,
    closeRevoked: () => clients.closeRevoked(),
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        clearInterval(watch);
        stopWatchingPeople();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await clients.closeAll();
        await stopped;
      })();
      return closing;
    },
  };
}
