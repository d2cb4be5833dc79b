import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from './client.ts';
import { fakeTime } from '../../../test/support/fake-time.ts';
import { json, startLocalServer, zeroLatency, type Handler, type LocalServer } from '../../../test/support/local-server.ts';
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

const failureOf = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => {
  expect(e).toBeInstanceOf(HttpFailure);
  return e as HttpFailure;
});

/** The most requests seen in any window of `windowMs` (arrival times sorted ascending). */
function maxInAnyWindow(times: number[], windowMs: number): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('createHttpClient: rate budget and server hints', () => {
  it('never sends more than 60 requests in any minute over 1000 requests, 8 at a time, and still converges', async () => {
    const minuteStart = { at: 0, count: 0 };
    let rejected = 0;
    // A fake Make organisation limited to 60 requests per (fixed) minute.
    const { server, time } = await setup((_req, res, a) => {
      const minute = Math.floor(a.at / 60_000);
      if (minute !== minuteStart.at) Object.assign(minuteStart, { at: minute, count: 0 });
      minuteStart.count += 1;
      if (minuteStart.count > 60) {
        rejected += 1;
        json(res, 429, { message: 'Requests limit for organization exceeded, please try again later.' });
      } else json(res, 200, { n: a.url });
    }, { budget: { limit: 60, windowMs: 60_000 } });
    const net = zeroLatency(server, time.clock);
    const client = createHttpClient({ baseUrl: server.url, clock: time.clock, ...net, random: () => 0.5, budget: { limit: 60, windowMs: 60_000 } });
    const start = time.clock.now();
    let next = 0;
    const worker = async () => {
      while (next < 1000) {
        next += 1;
        await client.request({ method: 'GET', path: `/scenarios/${next}/logs` });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const times = server.arrivals.map((a) => a.at).sort((x, y) => x - y);
    expect(times).toHaveLength(1000);
    expect(rejected).toBe(0);
    expect(maxInAnyWindow(times, 60_000)).toBe(60);
    // 1000 requests at 60/min need 16 full windows after the first burst, and no more.
    expect((times[999] as number) - start).toBe(16 * 60_000);
    // The last window holds the final 40 requests, plus those of the burst before whose answers (on fake time) came in
    // after another worker's wait had moved the clock: a slot counts from its answer, never from before it.
    const budget = client.stats().budget!;
    expect(budget).toMatchObject({ limit: 60, windowMs: 60_000 });
    expect(budget.used).toBeGreaterThanOrEqual(40);
    expect(budget.used).toBeLessThanOrEqual(60);
  });

  it('GitHub: 403 with x-ratelimit-remaining 0 waits until x-ratelimit-reset, then succeeds', async () => {
    const { client, server, time } = await setup((_req, res, _a, i) => {
      const resetS = Math.floor(time.clock.now() / 1000) + 42;
      if (i === 0) json(res, 403, { message: 'API rate limit exceeded for user ID 1.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetS) });
      else json(res, 200, { total_count: 0 }, { 'x-ratelimit-remaining': '4999' });
    });
    const resetAt = (Math.floor(time.clock.now() / 1000) + 42) * 1000;
    const res = await client.request({ method: 'GET', path: '/repos/o/r/actions/runs' });
    expect(res.status).toBe(200);
    expect(server.arrivals[1]!.at).toBe(resetAt);
  });

  it('GitHub: a 429 with a reset far away fails at once with rate_limited and retryAt (no long wait inside a request)', async () => {
    const { client, time } = await setup((_req, res) => json(res, 429, { message: 'API rate limit exceeded' }, {
      'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(time.clock.now() / 1000) + 3000),
    }));
    const failure = await failureOf(client.request({ method: 'GET', path: '/x' }));
    expect(failure).toMatchObject({ kind: 'rate_limited', status: 429 });
    expect(failure.retryAt).toBe((Math.floor(time.clock.now() / 1000) + 3000) * 1000);
    expect(time.sleeps).toEqual([]);
    // The next request is refused before it is sent, with the same retryAt.
    const again = await failureOf(client.request({ method: 'GET', path: '/y' }));
    expect(again).toMatchObject({ kind: 'rate_limited', retryAt: failure.retryAt });
  });

  it('a successful answer with x-ratelimit-remaining 0 holds the next request until the reset', async () => {
    const { client, server, time } = await setup((_req, res, _a, i) => json(res, 200, {}, i === 0
      ? { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(time.clock.now() / 1000) + 30) }
      : {}));
    const resetAt = (Math.floor(time.clock.now() / 1000) + 30) * 1000;
    await client.request({ method: 'GET', path: '/a' });
    await client.request({ method: 'GET', path: '/b' });
    expect(server.arrivals[1]!.at).toBe(resetAt);
  });

  it('n8n/Zapier: X-RateLimit-Reset as seconds from now is honoured when there is no Retry-After', async () => {
    const { client, server } = await setup((_req, res, _a, i) => (i === 0
      ? json(res, 429, { message: 'Too many requests' }, { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '9' })
      : json(res, 200, {})));
    await client.request({ method: 'GET', path: '/api/v1/executions' });
    expect(server.arrivals[1]!.at - server.arrivals[0]!.at).toBe(9000);
  });

  it('Make: a 429 "Requests limit for organization exceeded" without headers waits a minute', async () => {
    const { client, server } = await setup((_req, res, _a, i) => (i === 0
      ? json(res, 429, { message: 'Requests limit for organization exceeded, please try again later.' })
      : json(res, 200, { scenarios: [] })));
    await client.request({ method: 'GET', path: '/api/v2/scenarios?teamId=1' });
    expect(server.arrivals[1]!.at - server.arrivals[0]!.at).toBe(60_000);
  });

  it('a plain 429 with no hint backs off and finally reports rate_limited', async () => {
    const { client, server, time } = await setup((_req, res) => json(res, 429, {}), { retries: 2 });
    const failure = await failureOf(client.request({ method: 'GET', path: '/x' }));
    expect(failure).toMatchObject({ kind: 'rate_limited', status: 429, retryAt: null });
    expect(server.arrivals).toHaveLength(3);
    expect(time.sleeps).toEqual([250, 500]);
  });

  it('a 403 without rate-limit signs is an auth failure, not a rate limit', async () => {
    const { client } = await setup((_req, res) => json(res, 403, { message: 'Resource not accessible by integration' }, { 'x-ratelimit-remaining': '4000' }));
    const failure = await failureOf(client.request({ method: 'GET', path: '/x' }));
    expect(failure).toMatchObject({ kind: 'auth', status: 403 });
    expect(failure.message).toContain('Resource not accessible by integration');
  });

  it('stats report budget use within the current window', async () => {
    const { client, time } = await setup((_req, res) => json(res, 200, {}), { budget: { limit: 5, windowMs: 10_000 } });
    for (let i = 0; i < 3; i += 1) await client.request({ method: 'GET', path: '/x' });
    expect(client.stats().budget).toEqual({ limit: 5, used: 3, windowMs: 10_000 });
    time.clock.advance(10_000);
    expect(client.stats().budget).toEqual({ limit: 5, used: 0, windowMs: 10_000 });
  });

  it.each([[true, 1], [false, 4]] as const)('a 304 costs no budget slot only where the vendor does not count it (free: %s → %i used)', async (free, used) => {
    const { client } = await setup((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' }).end();
      } else json(res, 200, { n: 1 }, { etag: '"v1"' });
    }, { budget: { limit: 10, windowMs: 60_000 }, notModifiedIsFree: free });
    for (let i = 0; i < 4; i++) expect((await client.request({ method: 'GET', path: '/runs/1', etag: true })).body).toEqual({ n: 1 });
    expect(client.stats().budget).toEqual({ limit: 10, used, windowMs: 60_000 });
  });
});
