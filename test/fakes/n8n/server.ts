import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan } from '../faults.ts';
import { createN8nHandler, VendorFaults, type RequestLogEntry } from './handler.ts';
import { N8nState } from './state.ts';

/** A running fake n8n on 127.0.0.1 (random port) with its state, fault controls and request log. */
export interface FakeN8n {
  /** The instance address (what a user types), e.g. `http://127.0.0.1:43121`; the API is under `/api/v1`. */
  url: string;
  state: N8nState;
  faults: FaultPlan;
  vendor: VendorFaults;
  requests: RequestLogEntry[];
  /** With a `rateLimit`: what the fake counted (n8n ≥ 2.47's optional per-key limit, answered 429 + Retry-After). */
  rate: { limit: number; windowMs: number; maxInWindow: number; refused: number } | null;
  close(): Promise<void>;
}

/** Counts API requests by the fake's clock in a sliding window; over the limit → 429 as n8n's rate limiting answers. */
function limiter(state: N8nState, limit: { limit: number; windowMs: number }, inner: ReturnType<typeof createN8nHandler>) {
  const rate = { ...limit, maxInWindow: 0, refused: 0 };
  const seen: number[] = [];
  const handle: ReturnType<typeof createN8nHandler> = (req, res) => {
    if (!(req.url ?? '').startsWith('/api/')) return inner(req, res);
    const now = state.now();
    while (seen.length && seen[0]! <= now - limit.windowMs) seen.shift();
    if (seen.length >= limit.limit) {
      rate.refused++;
      const reset = Math.ceil((seen[0]! + limit.windowMs - now) / 1000);
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(reset), 'x-ratelimit-limit': String(limit.limit), 'x-ratelimit-remaining': '0' });
      res.end(JSON.stringify({ message: 'Too many requests' }));
      return;
    }
    seen.push(now);
    rate.maxInWindow = Math.max(rate.maxInWindow, seen.length);
    inner(req, res);
  };
  return { rate, handle };
}

export async function startFakeN8n(options: { state?: N8nState; rateLimit?: { limit: number; windowMs: number } } = {}): Promise<FakeN8n> {
  const state = options.state ?? new N8nState();
  const faults = new FaultPlan();
  const vendor = new VendorFaults();
  const requests: RequestLogEntry[] = [];
  const handler = createN8nHandler({ state, faults, vendor, log: requests });
  const limited = options.rateLimit ? limiter(state, options.rateLimit, handler) : null;
  const server = createServer(limited ? limited.handle : handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state, faults, vendor, requests, rate: limited?.rate ?? null,
    close: () => new Promise<void>((resolve) => {
      faults.releaseHanging();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
