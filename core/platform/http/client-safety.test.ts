import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from './client.ts';
import { fakeTime } from '../../../test/support/fake-time.ts';
import { redirectDecision } from './redirects.ts';
import { json, startLocalServer, type Handler, type LocalServer } from '../../../test/support/local-server.ts';
import { HttpFailure } from './types.ts';

let servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const time = fakeTime();
async function server(handler: Handler): Promise<LocalServer> {
  const s = await startLocalServer(time.clock, handler);
  servers.push(s);
  return s;
}
function client(baseUrl: string, extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    baseUrl, clock: time.clock, sleep: time.sleep, random: () => 0.5, retries: 0,
    defaultHeaders: async () => ({ 'x-n8n-api-key': 'canary-key-5f2e' }), ...extra,
  });
}
const failureOf = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => {
  expect(e).toBeInstanceOf(HttpFailure);
  return e as HttpFailure;
});

describe('HTTP client: redirects', () => {
  it('does not follow a redirect to another origin, so the second server never sees the key (redirect canary)', async () => {
    const elsewhere = await server((_req, res) => json(res, 200, { stolen: true }));
    const configured = await server((_req, res) => { res.writeHead(302, { location: `${elsewhere.url}/api/v1/workflows` }); res.end(); });
    const failure = await failureOf(client(configured.url).request({ method: 'GET', path: '/api/v1/workflows' }));
    expect(elsewhere.arrivals).toHaveLength(0);
    expect(configured.arrivals[0]?.headers['x-n8n-api-key']).toBe('canary-key-5f2e');
    expect(failure.kind).toBe('bad_response');
    expect(failure.message).toContain(new URL(elsewhere.url).host);
    expect(failure.message).not.toContain('canary-key-5f2e');
  });

  it('follows a same-origin redirect with the credentials, and a 303 turns a POST into a GET', async () => {
    const s = await server((req, res) => {
      if (req.url === '/old') { res.writeHead(301, { location: '/new?x=1' }); res.end(); return; }
      if (req.url === '/post') { res.writeHead(303, { location: '/done' }); res.end(); return; }
      json(res, 200, { at: req.url, method: req.method });
    });
    const c = client(s.url);
    expect((await c.request({ method: 'GET', path: '/old' })).body).toEqual({ at: '/new?x=1', method: 'GET' });
    expect(s.arrivals[1]?.headers['x-n8n-api-key']).toBe('canary-key-5f2e');
    expect((await c.request({ method: 'POST', path: '/post', body: { a: 1 } })).body).toEqual({ at: '/done', method: 'GET' });
  });

  it('stops a redirect loop', async () => {
    const s = await server((_req, res) => { res.writeHead(302, { location: '/again' }); res.end(); });
    const failure = await failureOf(client(s.url).request({ method: 'GET', path: '/start' }));
    expect(failure.kind).toBe('bad_response');
    expect(failure.message).toMatch(/redirect/i);
    expect(s.arrivals.length).toBeLessThanOrEqual(6);
  });

  it('refuses https → http and any change of host or port', () => {
    const from = new URL('https://n8n.example.com/api/v1/x');
    expect(redirectDecision(from, 'http://n8n.example.com/api/v1/x')).toMatchObject({ ok: false });
    expect(redirectDecision(from, 'https://n8n.example.com:8443/api')).toMatchObject({ ok: false });
    expect(redirectDecision(from, 'https://evil.example.net/api')).toMatchObject({ ok: false });
    expect(redirectDecision(from, '/api/v2/x')).toEqual({ ok: true, url: 'https://n8n.example.com/api/v2/x' });
    expect(redirectDecision(from, '')).toMatchObject({ ok: false });
  });
});

describe('HTTP client: response size cap', () => {
  it('refuses a 300 MB streamed body after the cap, with bounded memory and a plain message', async () => {
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const total = 300 * 1024 * 1024;
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":"');
      const pump = () => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) { res.once('drain', pump); return; }
        }
        res.end('"}');
      };
      res.on('close', () => { written = Math.max(written, 0); });
      pump();
    });
    const before = process.memoryUsage().rss;
    const failure = await failureOf(client(s.url).request({ method: 'GET', path: '/huge', timeoutMs: 60_000 }));
    const grown = process.memoryUsage().rss - before;
    expect(failure.kind).toBe('bad_response');
    expect(failure.message).toContain(new URL(s.url).host);
    expect(failure.message).toMatch(/more than 5 MB/);
    expect(grown).toBeLessThan(120 * 1024 * 1024);
    expect(written).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses at once a declared Content-Length over the cap, and honours a per-client cap', async () => {
    const s = await server((_req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50_000_000) }); res.write('['); });
    const failure = await failureOf(client(s.url).request({ method: 'GET', path: '/x' }));
    expect(failure.message).toMatch(/more than 5 MB/);
    const small = await server((_req, res) => json(res, 200, { pad: 'x'.repeat(3000) }));
    expect((await failureOf(client(small.url, { maxBodyBytes: 1024 }).request({ method: 'GET', path: '/x' }))).message).toMatch(/more than 1 KB/);
    expect((await client(small.url).request({ method: 'GET', path: '/x' })).status).toBe(200);
  });
});
