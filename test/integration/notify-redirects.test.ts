// A webhook address is often the secret itself (Slack, Teams): an alert is never carried to where a redirect
// points.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { slackNotifier, teamsNotifier } from '../../core/platform/notify/chat.ts';
import { webhookNotifier } from '../../core/platform/notify/webhook.ts';
import { alertCore } from './alerts-helpers.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handler!(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

function channels() {
  return alertCore({ notifiers: { slack: slackNotifier(), teams: teamsNotifier(), webhook: webhookNotifier() } });
}

describe('notification webhooks and redirects', () => {
  it.each([301, 302, 307, 308])('a %i to another server is not followed: the other server sees nothing, the owner is told why', async (status) => {
    const other = await listen((_req, res) => res.writeHead(200).end('ok'));
    const first = await listen((_req, res) => res.writeHead(status, { location: `${other.url}/stolen` }).end());
    const c = channels();
    const id = (await c.call('alerts/save-channel', { kind: 'webhook', name: 'hook', secret: `${first.url}/hook`, signingSecret: 'k3y' })).channel.id;
    const r = await c.call('alerts/test-channel', { id });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('redirect') });
    expect(r.message).toContain(new URL(other.url).host);
    expect(first.hits).toEqual(['/hook']);
    expect(other.hits).toEqual([]);
  });
});
