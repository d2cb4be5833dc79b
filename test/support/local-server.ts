import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../core/platform/clock.ts';

/** A real HTTP server on 127.0.0.1:0 for client tests; it records each arrival with the (fake) clock's time. */
export interface Arrival {
  method: string;
  url: string;
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, arrival: Arrival, index: number) => void;

export interface LocalServer {
  url: string;
  arrivals: Arrival[];
  /** Resolves once at least `n` requests have arrived. */
  arrived(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalServer(clock: Clock, handler: Handler): Promise<LocalServer> {
  const arrivals: Arrival[] = [];
  const open = new Set<ServerResponse>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const arrival: Arrival = { method: req.method ?? 'GET', url: req.url ?? '/', at: clock.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      arrivals.push(arrival);
      for (const w of waiters.filter((x) => x.n <= arrivals.length)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      open.add(res);
      res.on('close', () => open.delete(res));
      handler(req, res, arrival, arrivals.length - 1);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    arrived: (n) => (arrivals.length >= n ? Promise.resolve() : new Promise<void>((resolve) => { waiters.push({ n, resolve }); })),
    close: () => new Promise<void>((resolve) => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A port on 127.0.0.1 with nothing listening (connections are refused). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Zero network latency in fake time: a fetch that counts what it sends, and a sleep that first waits until the
 * server has recorded every request sent so far, then advances the fake clock. So a server's arrival times
 * equal the client's send times, however many requests are in flight.
 */
export function zeroLatency(server: LocalServer, clock: { advance(ms: number): void }, sleeps: number[] = []) {
  let sent = 0;
  const fetchCounted: typeof fetch = (input, init) => {
    sent += 1;
    return fetch(input, init);
  };
  const sleep = async (ms: number): Promise<void> => {
    await server.arrived(sent);
    sleeps.push(ms);
    clock.advance(Math.max(0, ms));
  };
  return { fetch: fetchCounted, sleep, sleeps };
}
