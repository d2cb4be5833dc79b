import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.ts';
import { fakeTime } from '../../../test/support/fake-time.ts';
import { signedDownloadDecision } from './redirects.ts';
import { startLocalServer, type Handler, type LocalServer } from '../../../test/support/local-server.ts';
import { HttpFailure } from './types.ts';

/** Signed downloads (GitHub job logs) and tail reads: the credential never leaves the vendor's origin; memory stays bounded. */
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
const client = (baseUrl: string) => createHttpClient({ baseUrl, clock: time.clock, sleep: time.sleep, random: () => 0.5, retries: 0, budget: { limit: 10, windowMs: 60_000 } });
const text = (body: string): Handler => (_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(body); };

describe('HTTP client: signed downloads and tails', () => {
  it('follows the vendor\'s redirect to another host once, sending no header there, and spends one budget slot', async () => {
    const storage = await server(text('line 1\nline 2\n'));
    const api = await server((_req, res) => { res.writeHead(302, { location: `${storage.url}/blob/logs.txt?sig=abc` }); res.end(); });
    const c = client(api.url);
    const res = await c.request<string>({ method: 'GET', path: '/logs', headers: { authorization: 'Bearer ghp_secretsecretsecretsecret0000' }, tail: { bytes: 1024 }, signedDownload: true });
    expect(res.body).toBe('line 1\nline 2\n');
    expect(res.tailCut).toBe(false);
    expect(api.arrivals[0]?.headers['authorization']).toBe('Bearer ghp_secretsecretsecretsecret0000');
    expect(storage.arrivals).toHaveLength(1);
    expect(storage.arrivals[0]?.headers['authorization']).toBeUndefined();
    expect(c.stats().budget?.used).toBe(1);
  });

  it('without signedDownload, a redirect to another host is still refused', async () => {
    const storage = await server(text('x'));
    const api = await server((_req, res) => { res.writeHead(302, { location: `${storage.url}/blob` }); res.end(); });
    await expect(client(api.url).request({ method: 'GET', path: '/logs', tail: { bytes: 10 } })).rejects.toBeInstanceOf(HttpFailure);
    expect(storage.arrivals).toHaveLength(0);
  });

  it('never follows a download from https to http', () => {
    expect(signedDownloadDecision(new URL('https://api.github.com/x'), 'http://storage.example/x')).toMatchObject({ ok: false });
    expect(signedDownloadDecision(new URL('https://api.github.com/x'), 'https://storage.example/x?sig=1')).toEqual({ ok: true, url: 'https://storage.example/x?sig=1' });
  });

  it('keeps only the tail of a large answer, whole lines only', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const s = await server(text(`${lines.join('\n')}\n`));
    const res = await client(s.url).request<string>({ method: 'GET', path: '/big', tail: { bytes: 1000 } });
    expect(res.tailCut).toBe(true);
    expect(res.body.length).toBeLessThanOrEqual(1000);
    expect(res.body.endsWith('line 19999\n')).toBe(true);
    expect(res.body.split('\n')[0]).toMatch(/^line \d+$/);
  });

  it('stops reading past the tail read limit', async () => {
    const s = await server(text('y'.repeat(300_000)));
    await expect(client(s.url).request({ method: 'GET', path: '/huge', tail: { bytes: 100, maxBytes: 100_000 } })).rejects.toMatchObject({ kind: 'bad_response' });
  });
});
