import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from './client.ts';
import { HTML_MESSAGE } from './classify.ts';
import { fakeTime } from '../../../test/support/fake-time.ts';
import { closedPortUrl, json, startLocalServer, type Handler, type LocalServer } from '../../../test/support/local-server.ts';
import { HttpFailure } from './types.ts';

let servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function setup(handler: Handler, extra: Partial<HttpClientOptions> = {}) {
  const time = fakeTime();
  const server = await startLocalServer(time.clock, handler);
  servers.push(server);
  const client = createHttpClient({ baseUrl: server.url, clock: time.clock, sleep: time.sleep, random: () => 0.5, ...extra });
  return { time, server, client };
}

async function failureOf(p: Promise<unknown>): Promise<HttpFailure> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpFailure);
    return error as HttpFailure;
  }
  throw new Error('expected the request to fail');
}

describe('createHttpClient: answers and retries', () => {
  it('sends JSON and parses JSON, with lower-cased headers', async () => {
    const { client, server } = await setup((_req, res, a) => json(res, 201, { echo: JSON.parse(a.body) as unknown }, { 'X-Thing': 'yes' }));
    const res = await client.request<{ echo: unknown }>({ method: 'POST', path: '/api/v1/things?x=1', body: { a: 1 } });
    expect(res).toMatchObject({ status: 201, body: { echo: { a: 1 } }, fromCache: false });
    expect(res.headers['x-thing']).toBe('yes');
    expect(server.arrivals[0]).toMatchObject({ method: 'POST', url: '/api/v1/things?x=1' });
    expect(server.arrivals[0]?.headers['content-type']).toBe('application/json');
  });

  it('waits for Retry-After (seconds) after a 429, then succeeds', async () => {
    const { client, server, time } = await setup((_req, res, _a, i) => (i === 0 ? json(res, 429, { message: 'slow down' }, { 'retry-after': '7' }) : json(res, 200, { ok: true })));
    const res = await client.request({ method: 'GET', path: '/x' });
    expect(res.body).toEqual({ ok: true });
    expect(time.sleeps).toEqual([7000]);
    expect(server.arrivals[1]!.at - server.arrivals[0]!.at).toBe(7000);
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1, failures: 0 });
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const { client, server, time } = await setup((_req, res, _a, i) => (i === 0
      ? json(res, 503, {}, { 'retry-after': new Date(time.clock.now() + 12_000).toUTCString() })
      : json(res, 200, {})));
    await client.request({ method: 'GET', path: '/x' });
    expect(server.arrivals[1]!.at - server.arrivals[0]!.at).toBe(12_000);
  });

  it('retries 500, 502 and 503 with exponential full-jitter backoff', async () => {
    const statuses = [500, 502, 503, 200];
    const { client, time, server } = await setup((_req, res, _a, i) => json(res, statuses[i] ?? 200, { i }));
    const res = await client.request({ method: 'GET', path: '/x' });
    expect(res.body).toEqual({ i: 3 });
    // random() = 0.5, base 500 ms: half of 500, 1000, 2000.
    expect(time.sleeps).toEqual([250, 500, 1000]);
    expect(server.arrivals).toHaveLength(4);
  });

  it('caps backoff and uses the injected random for the jitter', async () => {
    const { client, time } = await setup((_req, res, _a, i) => json(res, i < 3 ? 500 : 200, {}), { random: () => 0.999, backoff: { baseMs: 1000, capMs: 1500 } });
    await client.request({ method: 'GET', path: '/x' });
    expect(time.sleeps).toEqual([999, 1498, 1498]);
  });

  it('gives up after the retries with kind server and the vendor message', async () => {
    const { client, server } = await setup((_req, res) => json(res, 503, { message: 'database is down' }), { retries: 2 });
    const failure = await failureOf(client.request({ method: 'GET', path: '/x' }));
    expect(failure.kind).toBe('server');
    expect(failure.status).toBe(503);
    expect(failure.message).toContain('database is down');
    expect(server.arrivals).toHaveLength(3);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2, failures: 1 });
  });

  it('does not retry a POST unless it is marked idempotent', async () => {
    const { client, server } = await setup((_req, res, _a, i) => json(res, i === 0 ? 503 : 200, {}));
    const failure = await failureOf(client.request({ method: 'POST', path: '/run' }));
    expect(failure.kind).toBe('server');
    expect(server.arrivals).toHaveLength(1);
    const res = await client.request({ method: 'POST', path: '/list', idempotent: true });
    expect(res.status).toBe(200);
  });

  it('does not retry a POST on 429 either, but reports when to try again and holds the next request', async () => {
    const { client, server, time } = await setup((_req, res, _a, i) => (i === 0 ? json(res, 429, {}, { 'retry-after': '5' }) : json(res, 200, {})));
    const failure = await failureOf(client.request({ method: 'POST', path: '/run' }));
    expect(failure.kind).toBe('rate_limited');
    expect(failure.retryAt).toBe(server.arrivals[0]!.at + 5000);
    await client.request({ method: 'GET', path: '/x' });
    expect(server.arrivals[1]!.at).toBe(server.arrivals[0]!.at + 5000);
    expect(time.sleeps).toEqual([5000]);
  });

  it('times out a hanging request (real timer) and retries a GET', async () => {
    const { client, server } = await setup((_req, res, _a, i) => { if (i > 0) json(res, 200, { late: false }); }, { timeoutMs: 80 });
    const res = await client.request({ method: 'GET', path: '/slow' });
    expect(res.body).toEqual({ late: false });
    expect(server.arrivals).toHaveLength(2);
  });

  it('reports a timeout in plain words when every attempt hangs', async () => {
    const { client } = await setup(() => undefined, { retries: 0 });
    const failure = await failureOf(client.request({ method: 'GET', path: '/slow', timeoutMs: 60 }));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toMatch(/did not answer within 60 ms/);
  });

  it('401 is auth and is not retried; 403 auth; 404 not_found; 400 client with the vendor message', async () => {
    const byPath: Record<string, number> = { '/a': 401, '/b': 403, '/c': 404, '/d': 400 };
    const { client, server } = await setup((req, res) => json(res, byPath[req.url ?? ''] ?? 200, { message: 'cursor is invalid' }));
    const a = await failureOf(client.request({ method: 'GET', path: '/a' }));
    expect(a).toMatchObject({ kind: 'auth', status: 401, message: 'Credentials were rejected (401).' });
    expect((await failureOf(client.request({ method: 'GET', path: '/b' }))).kind).toBe('auth');
    expect((await failureOf(client.request({ method: 'GET', path: '/c' }))).kind).toBe('not_found');
    const d = await failureOf(client.request({ method: 'GET', path: '/d' }));
    expect(d).toMatchObject({ kind: 'client', status: 400, body: { message: 'cursor is invalid' } });
    expect(d.message).toContain('cursor is invalid');
    expect(server.arrivals).toHaveLength(4);
  });

  it('retries 408', async () => {
    const { client, server } = await setup((_req, res, _a, i) => json(res, i === 0 ? 408 : 200, {}));
    await client.request({ method: 'GET', path: '/x' });
    expect(server.arrivals).toHaveLength(2);
  });

  it('a truncated body is bad_response', async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"data":[{"id":"1","status":"succ');
      setImmediate(() => res.destroy());
    }, { retries: 1 });
    const failure = await failureOf(client.request({ method: 'GET', path: '/x' }));
    expect(failure.kind).toBe('bad_response');
    expect(failure.message).toMatch(/cut off/);
  });

  it('malformed JSON is bad_response and not retried', async () => {
    const { client, server } = await setup((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"data": [ {"id": 1,, } '); });
    const failure = await failureOf(client.request({ method: 'GET', path: '/x' }));
    expect(failure.kind).toBe('bad_response');
    expect(failure.message).toMatch(/not valid JSON/);
    expect(server.arrivals).toHaveLength(1);
  });

  it('an HTML page instead of data is bad_response with a plain message', async () => {
    const { client } = await setup((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!DOCTYPE html><html><body>Sign in</body></html>'); });
    const failure = await failureOf(client.request({ method: 'GET', path: '/x' }));
    expect(failure).toMatchObject({ kind: 'bad_response', message: HTML_MESSAGE });
  });

  it('an HTML page even without a content type is recognised', async () => {
    const { client } = await setup((_req, res) => { res.writeHead(200); res.end('<html><body>Proxy login</body></html>'); });
    expect((await failureOf(client.request({ method: 'GET', path: '/x' }))).message).toBe(HTML_MESSAGE);
  });

  it('an empty 204 answer has a null body', async () => {
    const { client } = await setup((_req, res) => { res.writeHead(204); res.end(); });
    expect(await client.request({ method: 'DELETE', path: '/x' })).toMatchObject({ status: 204, body: null });
  });

  it('a refused connection is unreachable, in plain words', async () => {
    const time = fakeTime();
    const client = createHttpClient({ baseUrl: await closedPortUrl(), clock: time.clock, sleep: time.sleep, random: () => 0, retries: 1 });
    const failure = await failureOf(client.request({ method: 'GET', path: '/x' }));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toMatch(/connection refused/);
  });

  it('calls defaultHeaders for every request and lets request headers override', async () => {
    let calls = 0;
    const { client, server } = await setup((_req, res) => json(res, 200, {}), {
      defaultHeaders: async () => { calls += 1; return { 'x-n8n-api-key': `key-${calls}`, 'x-extra': 'd' }; },
    });
    await client.request({ method: 'GET', path: '/1' });
    await client.request({ method: 'GET', path: '/2', headers: { 'x-extra': 'r' } });
    expect(calls).toBe(2);
    expect(server.arrivals.map((a) => a.headers['x-n8n-api-key'])).toEqual(['key-1', 'key-2']);
    expect(server.arrivals[1]?.headers['x-extra']).toBe('r');
  });
});
