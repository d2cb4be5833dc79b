// A small stand-in for a Flowdeck team server, for the attach client's tests: `POST /api/sign-in` and
// `POST /api/sign-out` as shared decision 3 describes them, and a WebSocket at /ws that takes the session cookie
// (with a matching Origin) and answers the four reads the tray needs. Tests set what it answers and push events.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex as NetDuplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeUser { password: string; displayName: string; role: string }

export interface FakeFacts {
  failing: number;
  late: number;
  needsAttention: number;
  openIncidents: number;
  connectorsNeedingAttention: number;
}

export class FakeTeamServer {
  readonly users = new Map<string, FakeUser>();
  /** Session secret -> login. */
  readonly sessions = new Map<string, string>();
  readonly signIns: { login: string; password: string }[] = [];
  facts: FakeFacts = { failing: 0, late: 0, needsAttention: 0, openIncidents: 0, connectorsNeedingAttention: 0 };
  now = Date.UTC(2026, 11, 7, 12, 0, 0);
  port = 0;
  private server: Server | null = null;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private next = 1;

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get cookieName(): string {
    return `flowdeck_session_${this.port}`;
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Listens on loopback (on the same port as before after a stop, so a restart looks like one). */
  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: NetDuplex, head: Buffer) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops as a crashed or restarted server would: every socket cut, nothing listening. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Sends an event to every connected socket. */
  emit(name: string, payload: unknown): void {
    const frame = JSON.stringify({ t: 'event', name, payload });
    for (const s of this.sockets) s.send(frame);
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === 'POST' && req.url === '/api/sign-in') {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { login?: string; password?: string };
      this.signIns.push({ login: body.login ?? '', password: body.password ?? '' });
      const user = this.users.get((body.login ?? '').toLowerCase());
      if (!user || user.password !== body.password) {
        res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'Wrong login or password.' }));
        return;
      }
      const secret = `fake-session-${this.next++}-${Math.random().toString(36).slice(2)}`;
      this.sessions.set(secret, body.login!.toLowerCase());
      res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': `${this.cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/` })
        .end(JSON.stringify({ login: body.login!.toLowerCase(), displayName: user.displayName, role: user.role }));
      return;
    }
    if (req.method === 'POST' && req.url === '/api/sign-out') {
      const secret = this.cookieOf(req);
      if (secret) this.sessions.delete(secret);
      res.writeHead(204).end();
      return;
    }
    res.writeHead(404).end();
  }

  private cookieOf(req: IncomingMessage): string | null {
    const match = new RegExp(`(?:^|;\\s*)${this.cookieName}=([^;]+)`).exec(req.headers.cookie ?? '');
    return match?.[1] ?? null;
  }

  private upgrade(req: IncomingMessage, socket: NetDuplex, head: Buffer): void {
    const secret = this.cookieOf(req);
    if (req.url !== '/ws' || req.headers.origin !== this.origin || !secret || !this.sessions.has(secret)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => {
        const call = JSON.parse(String(data)) as { t: string; id: number; method: string };
        if (call.t !== 'call') return;
        ws.send(JSON.stringify({ t: 'result', id: call.id, ok: true, output: this.answer(call.method) }));
      });
    });
  }

  private answer(method: string): unknown {
    const f = this.facts;
    switch (method) {
      case 'workflows/list-states':
        return { now: this.now, needsAttention: f.needsAttention, counts: { failing: f.failing, missed: 0, late: f.late, unknown: 0 }, workflows: [] };
      case 'incidents/list-incidents':
        return { items: Array.from({ length: f.openIncidents }, () => ({ severity: 'warning' })), openCount: f.openIncidents };
      case 'connectors/list-connectors':
        return { items: Array.from({ length: f.connectorsNeedingAttention }, () => ({ health: 'needs_attention' })) };
      case 'alerts/get-settings':
        return { maintenanceWindows: [] };
      case 'system/get-status':
        return { ok: true };
      default:
        return null;
    }
  }
}
