// Ping URLs carry a secret, as in Healthchecks: /ping/<uuid> (random per monitor) and /ping/<ping-key>/<slug> (random
// key per push connector), each with /start, /fail, /log and /<exit-code>. The guessable /ping/<slug> works only on a
// loopback receiver with the explicit setting, never on one that listens beyond this machine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import type { PushMonitor } from '../../core/contract/push.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { SLUG_ONLY_SETTING } from '../../core/push/receiver-status.ts';
import { startPushReceiver, type PushReceiver } from '../../core/push/receiver.ts';

const T0 = Date.UTC(2026, 2, 2, 3, 0, 0);
let core: Core;
const receivers: PushReceiver[] = [];

beforeEach(async () => {
  core = createCore({ dataDir: ':memory:', clock: fixedClock(T0), logger: createMemoryLogger(), connectors: { secrets: createMemorySecretStore({}) } });
  core.ledger.connectors.create({ id: 'push-1', kind: 'push', name: 'Heartbeats' }, T0);
  core.ledger.connectors.create({ id: 'push-2', kind: 'push', name: 'Other team' }, T0);
  for (const [connectorId, slug] of [['push-1', 'nightly-backup'], ['push-2', 'other-job']] as const) {
    const r = await core.dispatcher.dispatch('push/create-monitor', { connectorId, slug, name: slug }, { actor: 'a' });
    expect(r.ok).toBe(true);
  }
});
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
  core.close();
});

async function monitor(connectorId: string): Promise<PushMonitor> {
  const r = await core.dispatcher.dispatch('push/list-monitors', { connectorId }, { actor: 'a' });
  return (r as { output: { items: PushMonitor[] } }).output.items[0]!;
}
const status = async (url: string) => (await fetch(url)).status;
/** The URL as a client on this machine reaches the receiver (a wildcard bind answers on 127.0.0.1). */
const local = (receiver: PushReceiver, url: string) => url.replace(/^http:\/\/[^/]+/, `http://127.0.0.1:${receiver.port}`);

describe('ping URL forms', () => {
  it('a receiver beyond loopback refuses the keyless slug form, even with the setting on; the uuid and keyed forms work', async () => {
    core.ledger.settings.set(SLUG_ONLY_SETTING, true, T0);
    const receiver = await startPushReceiver({ core, secrets: createMemorySecretStore({}), host: '0.0.0.0', allowRemote: true, port: 0 });
    receivers.push(receiver);
    const base = `http://127.0.0.1:${receiver.port}`;
    expect(await status(`${base}/ping/nightly-backup`)).toBe(403);
    expect(await status(`${base}/ping/nightly-backup/start`)).toBe(403);

    const m = await monitor('push-1');
    expect(m.urls.success).toMatch(/\/ping\/[A-Za-z0-9_-]{22}\/nightly-backup$/);
    for (const url of [m.urls.start, m.urls.log, m.urls.success, m.urls.fail, m.urls.exitCode.replace('<exit-code>', '3')]) {
      expect([url, await status(local(receiver, url))]).toEqual([url, 200]);
    }
    const uuid = local(receiver, m.urls.uuid!);
    for (const suffix of ['/start', '/log', '', '/fail', '/0']) expect([suffix, await status(`${uuid}${suffix}`)]).toEqual([suffix, 200]);
    expect((await monitor('push-1')).pings).toBe(10);

    // One connector's key does not reach another connector's monitor; an unknown key or uuid is a 404.
    const key = /\/ping\/([^/]+)\//.exec(m.urls.success)![1]!;
    expect(await status(`${base}/ping/${key}/other-job`)).toBe(404);
    expect(await status(`${base}/ping/${'k'.repeat(22)}/nightly-backup`)).toBe(404);
    expect(await status(`${base}/ping/0f1de0c0-0000-4000-8000-000000000000`)).toBe(404);
  });

  it('on loopback the slug form needs the explicit setting', async () => {
    const receiver = await startPushReceiver({ core, secrets: createMemorySecretStore({}), port: 0 });
    receivers.push(receiver);
    const refused = await fetch(`${receiver.url}/ping/nightly-backup`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/turned off/);
    core.ledger.settings.set(SLUG_ONLY_SETTING, true, T0);
    expect(await status(`${receiver.url}/ping/nightly-backup/start`)).toBe(200);
    expect(await status(`${receiver.url}/ping/nightly-backup/0`)).toBe(200);
  });
});
