import WebSocket from 'ws';
import { CLIENT_HEADER, DESKTOP_CLIENT } from '../../contract/actor.ts';
import type { Duplex } from '../../contract/protocol.ts';
import { socketUrl, type ServerAddress } from './server-address.ts';
import type { ServerSession } from './sign-in.ts';

/** The server answered the WebSocket upgrade with an HTTP error (401: the session is no longer valid). */
export class SocketRefused extends Error {
  override name = 'SocketRefused';
  readonly status: number;
  constructor(status: number) {
    super(`The team server refused the connection (HTTP ${status}).`);
    this.status = status;
  }
}

const OPEN_TIMEOUT_MS = 15_000;
/** A server that does not answer a ping within this long is taken for gone (a cable pulled, a laptop asleep). */
const HEARTBEAT_MS = 20_000;

/**
 * Opens the contract's WebSocket on a team server with the kept session (sent as the cookie, with the server's own
 * Origin as a browser would, and CLIENT_HEADER so the server's audit says the desktop app). Resolves once frames can flow;
 * rejects with SocketRefused or a network error.
 */
export function openServerSocket(address: ServerAddress, session: ServerSession, heartbeatMs = HEARTBEAT_MS): Promise<Duplex> {
  const socket = new WebSocket(socketUrl(address), {
    origin: address.origin, headers: { Cookie: `${session.cookieName}=${session.secret}`, [CLIENT_HEADER]: DESKTOP_CLIENT }, handshakeTimeout: OPEN_TIMEOUT_MS, perMessageDeflate: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => {
      reject(new SocketRefused(res.statusCode ?? 0));
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
    socket.once('open', () => {
      socket.removeAllListeners('error');
      socket.on('error', () => socket.terminate());
      resolve(socketDuplex(socket, heartbeatMs));
    });
  });
}

function socketDuplex(socket: WebSocket, heartbeatMs: number): Duplex {
  const messages = new Set<(frame: string) => void>();
  const closes = new Set<() => void>();
  let answered = true;
  socket.on('pong', () => { answered = true; });
  const heartbeat = setInterval(() => {
    if (!answered) return void socket.terminate();
    answered = false;
    socket.ping();
  }, heartbeatMs);
  heartbeat.unref();
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const frame = String(data);
    for (const l of messages) l(frame);
  });
  socket.on('close', () => {
    clearInterval(heartbeat);
    for (const l of [...closes]) l();
    closes.clear();
    messages.clear();
  });
  return {
    send: (frame) => { if (socket.readyState === WebSocket.OPEN) socket.send(frame); },
    onMessage: (l) => { messages.add(l); },
    onClose: (l) => {
      if (socket.readyState === WebSocket.CLOSED) l();
      else closes.add(l);
    },
    close: () => {
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(1000, 'desktop closing');
    },
  };
}
