import type { IncomingMessage } from 'node:http';
import type { Duplex as NetDuplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../app.ts';
import type { Authenticator, Principal } from './auth.ts';
import { callContextOf, type ConnectionOrigin } from './call-context.ts';
import { CLOSE_GOING_AWAY, CLOSE_REVOKED, CLOSE_ROLE_CHANGED, wsDuplex } from './ws-duplex.ts';

interface Client {
  socket: WebSocket;
  principal: Principal;
  alive: boolean;
}

/** How long closing sockets get to finish the close handshake before they are cut. */
const CLOSE_GRACE_MS = 2_000;

/** The open WebSocket connections: each one carries the contract for one principal. */
export class WsClients {
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<Client>();
  private readonly auth: Authenticator;
  private readonly core: Pick<Core, 'connect' | 'ledger' | 'logger'>;

  constructor(auth: Authenticator, core: Pick<Core, 'connect' | 'ledger' | 'logger'>, maxFrameBytes: number) {
    this.auth = auth;
    this.core = core;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes, perMessageDeflate: false });
  }

  /** `origin`: how the principal was presented (cookie or token) and the peer's address, recorded on every audited call. */
  accept(req: IncomingMessage, socket: NetDuplex, head: Buffer, principal: Principal, origin: ConnectionOrigin): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const client: Client = { socket: ws, principal, alive: true };
      this.clients.add(client);
      ws.on('pong', () => { client.alive = true; });
      ws.on('error', (error) => this.core.logger.warn('websocket error', { actor: principal.actor, error: error.message }));
      ws.on('close', () => this.clients.delete(client));
      this.core.connect(wsDuplex(ws, { stillAllowed: () => this.auth.isValid(principal) }), callContextOf(principal, origin));
    });
  }

  get size(): number {
    return this.clients.size;
  }

  /**
   * Ends the connections of revoked tokens (their sessions go with them) and of people signed out, disabled or given a
   * new password; a person whose role changed is closed with CLOSE_ROLE_CHANGED, and reconnects with the new role.
   */
  closeRevoked(): void {
    this.auth.dropInvalidSessions();
    const active = this.core.ledger.tokens.active();
    for (const c of this.clients) {
      if (this.auth.isValid(c.principal, active)) continue;
      if (this.auth.roleChanged(c.principal)) c.socket.close(CLOSE_ROLE_CHANGED, 'role changed: reconnect');
      else c.socket.close(CLOSE_REVOKED, c.principal.kind === 'user' ? 'signed out' : 'access token revoked');
    }
  }

  /** Revocation check plus heartbeat: a socket that did not answer the last ping is dropped. */
  sweep(): void {
    this.closeRevoked();
    for (const c of this.clients) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }

  async closeAll(): Promise<void> {
    const closed = [...this.clients].map((c) => new Promise<void>((resolve) => {
      if (c.socket.readyState === c.socket.CLOSED) return resolve();
      c.socket.once('close', () => resolve());
      c.socket.close(CLOSE_GOING_AWAY, 'server shutting down');
    }));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, CLOSE_GRACE_MS); });
    await Promise.race([Promise.all(closed), grace]);
    clearTimeout(timer);
    for (const c of this.clients) c.socket.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
