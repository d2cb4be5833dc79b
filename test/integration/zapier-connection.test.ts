import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createZapierDriver, ZAPIER_RATE_BUDGET } from '../../core/sync/vendors/zapier/driver.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { fakeTime } from '../support/fake-time.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { startFakeZapier, type FakeZapier } from '../fakes/zapier/server.ts';

// "Test connection" against the fake: a specific verdict for each way it can go wrong.

let fake: FakeZapier | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function driverFor(baseUrl: string, token: string | null, time = fakeTime()) {
  const http = createHttpClient({ baseUrl, clock: time.clock, sleep: time.sleep, random: () => 0.5, timeoutMs: 200, retries: 1, budget: ZAPIER_RATE_BUDGET });
  return createZapierDriver({
    config: { id: 'z', kind: 'zapier', name: 'Zapier', baseUrl, options: {} }, http, credential: async () => token, clock: time.clock, logger: createMemoryLogger(),
  });
}

async function withFake(setup: (f: FakeZapier) => void = () => {}) {
  const time = fakeTime();
  fake = await startFakeZapier({ clock: time.clock });
  fake.state.grant('good');
  for (const t of ['Leads', 'Invoices', 'Digest']) fake.state.addZap(t, time.clock.now());
  setup(fake);
  return { url: fake.url, time };
}

describe('Zapier test connection', () => {
  it('ok: counts the Zaps and checks run history is readable', async () => {
    const { url, time } = await withFake();
    expect(await driverFor(url, 'good', time).testConnection())
      .toEqual({ ok: true, workflows: 3, message: 'Connected to Zapier: 3 Zaps (yours and those shared with you), run history readable.' });
  });

  it('no credential, revoked token, missing scope', async () => {
    const { url, time } = await withFake((f) => f.state.grant('no-runs-scope', ['zap']));
    expect(await driverFor(url, null, time).testConnection()).toMatchObject({ ok: false, reason: 'no_credential' });
    expect(await driverFor(url, 'revoked', time).testConnection()).toMatchObject({ ok: false, reason: 'credentials_rejected', message: expect.stringContaining('rejected the access token') });
    expect(await driverFor(url, 'no-runs-scope', time).testConnection()).toMatchObject({ ok: false, reason: 'credentials_rejected', message: expect.stringContaining('zap:runs') });
  });

  it('wrong kind of server: a proxy login page or another API', async () => {
    const { url, time } = await withFake((f) => f.plan.add({ kind: 'html' }));
    expect(await driverFor(url, 'good', time).testConnection()).toMatchObject({ ok: false, reason: 'wrong_server' });
    const other = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"version":"1.2.3"}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const port = (other.address() as { port: number }).port;
    try {
      expect(await driverFor(`http://127.0.0.1:${port}`, 'good').testConnection())
        .toMatchObject({ ok: false, reason: 'wrong_server', message: expect.stringContaining('expected { links, meta, data }') });
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('unreachable, timeout, rate limited', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await driverFor(`http://127.0.0.1:${port}`, 'good').testConnection()).toMatchObject({ ok: false, reason: 'unreachable' });

    const { url, time } = await withFake((f) => f.plan.add({ kind: 'hang', times: 2 }));
    expect(await driverFor(url, 'good', time).testConnection()).toMatchObject({ ok: false, reason: 'timeout' });
    await fake!.close();
    const limited = await withFake((f) => f.plan.add({ kind: 'status-429', retryAfterS: 120, times: 3 }));
    expect(await driverFor(limited.url, 'good', limited.time).testConnection()).toMatchObject({ ok: false, reason: 'rate_limited', message: expect.stringContaining('60 requests a minute') });
  });
});
