import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex as NetDuplex } from 'node:stream';
import type { Core } from '../app.ts';
import { Authenticator, type Principal } from './auth.ts';
import { allowedHosts, hostAllowed, hostPort, isLoopbackHost, originAllowed, publicHost } from './host-check.ts';
import {
  bearerToken, clearedCookie, NEEDS_TOKEN_MESSAGE, readCookie, SECURITY_HEADERS, sendText, sessionCookie, sessionCookieName,
} from './http-basics.ts';
import { listen } from './listen.ts';
import { serveStatic } from './static-files.ts';
import { generateLaunchToken } from './tokens.ts';
import { WsClients } from './ws-clients.ts';

export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

export interface ServeOptions {
  core: Pick<Core, 'connect' | 'ledger' | 'clock' | 'logger' | 'storage'>;
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
}

export interface RunningServer {
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:7070 */
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

function refuseUpgrade(socket: NetDuplex, status: 401 | 403 | 404, body: string): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');
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
  const auth = new Authenticator({ launchToken, launchActor: options.launchActor, tokens: core.ledger.tokens, now: () => core.clock.now() });
  const clients = new WsClients(auth, core, options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
  // Until the port is known nothing is allowed (a request racing the listen callback gets 403).
  let allowed: Set<string> | null = new Set();
  let cookieName = '';

  const principalOf = (req: IncomingMessage, params: URLSearchParams, viaCookie: boolean): Principal | null => {
    const secret = viaCookie ? readCookie(req, cookieName) : null;
    const fromSession = secret ? auth.session(secret) : null;
    if (fromSession) return fromSession;
    const token = bearerToken(req) ?? params.get('token');
    return token ? auth.verifyToken(token) : null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host, allowed)) return sendText(res, 403, 'This Flowdeck server only answers to 127.0.0.1 and localhost.\n');
    const { rawPath, params } = splitUrl(req.url);
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    const loginToken = params.get('token');
    if (rawPath === '/' && readOnly && loginToken !== null) {
      const principal = auth.verifyToken(loginToken);
      if (!principal) return sendText(res, 401, NEEDS_TOKEN_MESSAGE);
      params.delete('token');
      try {
        core.ledger.audit.append({
          actor: principal.actor, action: 'serve/signed-in',
          target: principal.tokenName ? `token:${principal.tokenName}` : 'launch link',
        }, core.clock.now());
      } catch (error) {
        // A read-only, full or damaged store: signing in still works (the console says why nothing can be saved).
        if (!core.storage.failed(error)) throw error;
        core.logger.error('sign-in not audited: the ledger cannot take writes', { actor: principal.actor });
      }
      const rest = params.toString();
      res.writeHead(303, {
        ...SECURITY_HEADERS, Location: rest ? `/?${rest}` : '/', 'Set-Cookie': sessionCookie(cookieName, auth.openSession(principal)),
        'Cache-Control': 'no-store', 'Content-Length': 0,
      });
      res.end();
      return;
    }
    if (!principalOf(req, params, true)) {
      const stale = readCookie(req, cookieName) !== null;
      return sendText(res, 401, NEEDS_TOKEN_MESSAGE, stale ? { 'Set-Cookie': clearedCookie(cookieName) } : {});
    }
    if (!readOnly) return sendText(res, 405, 'Method not allowed.\n', { Allow: 'GET, HEAD' });
    if (rawPath === '/ws') return sendText(res, 426, 'This endpoint speaks WebSocket only.\n', { Upgrade: 'websocket' });
    await serveStatic(res, options.rendererDir, rawPath);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // The path only: the query may carry the launch token (`/?token=…`), and logs never hold a credential.
      core.logger.error('request failed', { method: req.method, path: splitUrl(req.url).rawPath, error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendText(res, 500, 'Flowdeck hit an internal error; it was logged.\n');
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: NetDuplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const { rawPath, params } = splitUrl(req.url);
    if (!hostAllowed(req.headers.host, allowed)) return refuseUpgrade(socket, 403, 'Host not allowed.\n');
    if (rawPath !== '/ws') return refuseUpgrade(socket, 404, 'Not found.\n');
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin, req.headers.host)) {
      return refuseUpgrade(socket, 403, 'Cross-origin WebSocket connections are refused.\n');
    }
    // Browsers always send Origin; the session cookie only counts when they did (and it matched).
    const principal = principalOf(req, params, origin !== undefined);
    if (!principal) return refuseUpgrade(socket, 401, NEEDS_TOKEN_MESSAGE);
    clients.accept(req, socket, head, principal);
  });

  const port = await listen(server, options.port, host, (code) => new ServeRefusedError(code === 'EADDRINUSE'
    ? `Port ${options.port} on ${host} is already in use: pick another with --port (0 = any free port).`
    : `${host} is not an address of this machine (--host).`));
  cookieName = sessionCookieName(port);
  allowed = allowedHosts(host, port);
  const sweep = setInterval(() => clients.sweep(), options.sweepIntervalMs ?? 10_000);
  sweep.unref();
  const origin = `http://${hostPort(publicHost(host), port)}`;
  let closing: Promise<void> | null = null;
  return {
    host, port, origin, url: `${origin}/?token=${launchToken}`, launchToken,
    closeRevoked: () => clients.closeRevoked(),
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await clients.closeAll();
        await stopped;
      })();
      return closing;
    },
  };
}
