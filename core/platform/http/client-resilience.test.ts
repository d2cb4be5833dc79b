import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger.ts';
import { createHttpClient, type HttpClientOptions } from './client.ts';
import { fakeTime } from '../../../test/support/fake-time.ts';
import { closedPortUrl, json, startLocalServer, type Handler, type LocalServer } from '../../../test/support/local-server.ts';
import { HttpFailure } from './types.ts';

let servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(time: ReturnType<typeof fakeTime>, handler: Handler) {
  const server = await startLocalServer(time.clock, handler);
  servers.push(server);
  return server;
}

function client(time: ReturnType<typeof fakeTime>, baseUrl: string, extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ baseUrl, clock: time.clock, sleep: time.sleep, random: () => 0.5, ...extra });
}

const failureOf = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => {
  expect(e).toBeInstanceOf(HttpFailure);
  return e as HttpFailure;
});

describe('circuit breaker', () => {
  it('opens after N consecutive failures, fails fast, then lets one trial through after the interval', async () => {
    const time = fakeTime();
    let healthy = false;
    const server = await serve(time, (_req, res) => json(res, healthy ? 200 : 500, {}));
    const c = client(time, server.url, { retries: 0, breaker: { failureThreshold: 3, halfOpenAfterMs: 10_000 } });
    for (let i = 0; i < 3; i += 1) expect((await failureOf(c.request({ method: 'GET', path: '/x' }))).kind).toBe('server');
    expect(c.stats().breaker).toBe('open');
    const fast = await failureOf(c.request({ method: 'GET', path: '/x' }));
    expect(fast.kind).toBe('circuit_open');
    expect(fast.retryAt).toBe(time.clock.now() + 10_000);
    expect(fast.message).toMatch(/after 3 failures in a row.*in 10 s/);
    expect(server.arrivals).toHaveLength(3);

    time.clock.advance(10_000);
    expect(c.stats().breaker).toBe('half_open');
    // The trial fails: open again for another interval.
    expect((await failureOf(c.request({ method: 'GET', path: '/x' }))).kind).toBe('server');
    expect(c.stats().breaker).toBe('open');
    expect((await failureOf(c.request({ method: 'GET', path: '/x' }))).kind).toBe('circuit_open');
    expect(server.arrivals).toHaveLength(4);

    time.clock.advance(10_000);
    healthy = true;
    expect((await c.request({ method: 'GET', path: '/x' })).status).toBe(200);
    expect(c.stats()).toMatchObject({ breaker: 'closed', requests: 5 });
  });

  it('in half-open state only one trial is in flight; concurrent requests fail fast', async () => {
    const time = fakeTime();
    let healthy = false;
    const server = await serve(time, (_req, res) => json(res, healthy ? 200 : 503, {}));
    const c = client(time, server.url, { retries: 0, breaker: { failureThreshold: 1, halfOpenAfterMs: 1000 } });
    await failureOf(c.request({ method: 'GET', path: '/x' }));
    time.clock.advance(1000);
    healthy = true;
    const results = await Promise.allSettled([1, 2, 3].map(() => c.request({ method: 'GET', path: '/x' })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(results.slice(1).map((r) => (r as PromiseRejectedResult).reason.kind)).toEqual(['circuit_open', 'circuit_open']);
    expect(server.arrivals).toHaveLength(2);
  });

  it('4xx answers (the server is up) do not open the breaker', async () => {
    const time = fakeTime();
    const server = await serve(time, (_req, res) => json(res, 404, {}));
    const c = client(time, server.url, { breaker: { failureThreshold: 2, halfOpenAfterMs: 1000 } });
    for (let i = 0; i < 4; i += 1) expect((await failureOf(c.request({ method: 'GET', path: '/x' }))).kind).toBe('not_found');
    expect(c.stats().breaker).toBe('closed');
  });
});

describe('credential errors', () => {
  it('an error from defaultHeaders reaches the caller unchanged, sends nothing and does not wedge the breaker', async () => {
    const time = fakeTime();
    const server = await serve(time, (_req, res) => json(res, 200, {}));
    let broken = true;
    class SecretStoreUnavailable extends Error {}
    const c = client(time, server.url, {
      breaker: { failureThreshold: 1, halfOpenAfterMs: 1000 },
      defaultHeaders: async () => { if (broken) throw new SecretStoreUnavailable('keychain locked'); return {}; },
    });
    await expect(c.request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(SecretStoreUnavailable);
    await expect(c.request({ method: 'GET', path: '/x' })).rejects.toThrow('keychain locked');
    expect(server.arrivals).toHaveLength(0);
    expect(c.stats()).toMatchObject({ breaker: 'closed', requests: 0, failures: 2 });
    broken = false;
    expect((await c.request({ method: 'GET', path: '/x' })).status).toBe(200);
  });
});

describe('failover base URL', () => {
  it('uses the failover when the primary refuses, sticks to it, and switches back after the sticky period', async () => {
    const time = fakeTime();
    const primaryDown = await closedPortUrl();
    const backup = await serve(time, (_req, res) => json(res, 200, { from: 'backup' }));
    const urls: string[] = [];
    const recording: typeof fetch = (input, init) => { urls.push(String(input)); return fetch(input, init); };
    const c = client(time, primaryDown, { failoverBaseUrl: `${backup.url}/`, failoverStickyMs: 60_000, fetch: recording });
    expect((await c.request({ method: 'GET', path: '/api/v1/workflows' })).body).toEqual({ from: 'backup' });
    expect(urls).toEqual([`${primaryDown}/api/v1/workflows`, `${backup.url}/api/v1/workflows`]);
    expect(time.sleeps).toEqual([]);
    await c.request({ method: 'GET', path: '/again' });
    expect(urls[2]).toBe(`${backup.url}/again`);
    time.clock.advance(60_000);
    await c.request({ method: 'GET', path: '/later' });
    expect(urls.slice(3)).toEqual([`${primaryDown}/later`, `${backup.url}/later`]);
  });

  it('a POST goes to the failover only when the primary surely never received it', async () => {
    const time = fakeTime();
    const backup = await serve(time, (_req, res) => json(res, 200, { from: 'backup' }));
    const refused = client(time, await closedPortUrl(), { failoverBaseUrl: backup.url });
    expect((await refused.request({ method: 'POST', path: '/run' })).body).toEqual({ from: 'backup' });

    const failing = await serve(time, (_req, res) => json(res, 502, {}));
    const erroring = client(time, failing.url, { failoverBaseUrl: backup.url });
    expect((await failureOf(erroring.request({ method: 'POST', path: '/run' }))).kind).toBe('server');
    expect(failing.arrivals).toHaveLength(1);
    expect(backup.arrivals).toHaveLength(1);
  });

  it('moves a GET to the failover after the retries on a failing primary are used up', async () => {
    const time = fakeTime();
    const failing = await serve(time, (_req, res) => json(res, 503, {}));
    const backup = await serve(time, (_req, res) => json(res, 200, { ok: 1 }));
    const c = client(time, failing.url, { failoverBaseUrl: backup.url, retries: 2, breaker: { failureThreshold: 10, halfOpenAfterMs: 1000 } });
    expect((await c.request({ method: 'GET', path: '/x' })).body).toEqual({ ok: 1 });
    expect(failing.arrivals).toHaveLength(3);
    expect(backup.arrivals).toHaveLength(1);
  });
});

describe('ETag cache', () => {
  it('sends If-None-Match and turns a 304 into the cached body with fromCache', async () => {
    const time = fakeTime();
    let version = 1;
    const server = await serve(time, (req, res) => {
      const etag = `W/"v${version}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag, 'x-ratelimit-remaining': '4990' });
        res.end();
      } else json(res, 200, { version }, { etag });
    });
    const c = client(time, server.url);
    const first = await c.request({ method: 'GET', path: '/runs', etag: true });
    expect(first).toMatchObject({ status: 200, body: { version: 1 }, fromCache: false });
    const second = await c.request({ method: 'GET', path: '/runs', etag: true });
    expect(second).toMatchObject({ status: 200, body: { version: 1 }, fromCache: true });
    expect(second.headers['x-ratelimit-remaining']).toBe('4990');
    expect(server.arrivals[1]?.headers['if-none-match']).toBe('W/"v1"');
    version = 2;
    expect(await c.request({ method: 'GET', path: '/runs', etag: true })).toMatchObject({ body: { version: 2 }, fromCache: false });
    // Without `etag: true` no conditional header is sent.
    await c.request({ method: 'GET', path: '/runs' });
    expect(server.arrivals[3]?.headers['if-none-match']).toBeUndefined();
  });
});

describe('logging', () => {
  it('never logs credentials, auth headers or query strings', async () => {
    const time = fakeTime();
    const server = await serve(time, (_req, res) => json(res, 500, { message: 'boom for key n8n_api_SECRETVALUE123' }));
    const logger = createMemoryLogger();
    const c = client(time, server.url, {
      logger,
      retries: 1,
      defaultHeaders: async () => ({ authorization: 'Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'x-n8n-api-key': 'n8n_api_SECRETVALUE123', cookie: 'sid=COOKIESECRET' }),
    });
    const failure = await failureOf(c.request({ method: 'GET', path: '/x?token=QUERYSECRET99&page=2' }));
    expect(server.arrivals[0]?.headers['x-n8n-api-key']).toBe('n8n_api_SECRETVALUE123');
    const logged = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(0);
    // The path only: a query string may carry a token, so none is logged at all.
    expect(logged).toContain('/x');
    expect(logged).not.toContain('page=2');
    for (const secret of ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'QUERYSECRET99', 'COOKIESECRET', 'n8n_api_SECRETVALUE123']) {
      expect(logged).not.toContain(secret);
      expect(failure.message).not.toContain(secret);
      expect(JSON.stringify(failure.body)).not.toContain(secret);
    }
    expect(failure.message).toContain('boom for key [redacted]');
  });
});
