// Issue 4 acceptance, end to end: "N failures in M minutes → the workflow is deactivated on the fake vendor, audited,
// notified." The real n8n connector (credential in the system keychain under a test service name, real HTTP client)
// polls the HTTP fake n8n on 127.0.0.1; the opt-in breaker rule trips through the real control actions, which POST
// /workflows/{id}/deactivate to the fake; the owner hears it on a signed webhook channel served by a local sink.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { BREAKER_ACTOR } from '../../core/alerts/engine.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { fakeTime } from '../support/fake-time.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../core/platform/notify/webhook.ts';
import { createSecretStore, type SecretStore } from '../../core/platform/secrets/index.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { N8nState } from '../fakes/n8n/state.ts';

const keychain = createSecretStore({ kind: 'keychain', service: `flowdeck-test-breaker-${process.pid}` });
const reachable = await keychain.probe().then(() => true, () => false);
const useKeychain = reachable || Boolean(process.env['CI']);
if (!useKeychain) console.warn('\n!!!! alerts-breaker-n8n: no Secret Service reachable, using the memory store (CI uses the real keychain).\n');

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const MIN = 60_000;
const SIGNING = 'owner-signing-key';

interface Hit { headers: IncomingMessage['headers']; body: string }

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A local HTTP sink on port 0 standing in for the owner's webhook receiver. */
async function sink(): Promise<{ url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/owner`, hits };
}

interface Estate {
  fake: FakeN8n;
  core: Core;
  api: CoreClient;
  clock: ReturnType<typeof fakeTime>['clock'];
  hits: Hit[];
  orders: string;
  healthy: string;
  /** One complete poll through the scheduler, then the alert evaluation and the deliveries it makes due. */
  pollAndEvaluate(at: number): Promise<void>;
  deactivations(): string[];
}

async function estate(rule: { failures: number; withinMinutes: number }): Promise<Estate> {
  const { clock, sleep } = fakeTime(T0);
  const fake = await startFakeN8n({ state: new N8nState({ now: () => clock.now() }) });
  closers.push(() => fake.close());
  const orders = fake.state.addWorkflow({ name: 'Orders import', active: true }).id;
  const healthy = fake.state.addWorkflow({ name: 'Newsletter', active: true }).id;
  const key = fake.state.keys.issue({ expiresAt: T0 + 30 * 86_400_000 });
  const secrets: SecretStore = useKeychain ? keychain : createSecretStore({ kind: 'memory' });
  const core = createCore({
    dataDir: ':memory:', clock, logger: createMemoryLogger(),
    connectors: { secrets, createHttp: (o) => createHttpClient({ ...o, sleep, random: () => 0.5, retries: 2 }) },
  });
  const api = contractClient(core, { actor: 'carol' });
  closers.push(async () => {
    // Leave nothing in the keychain: removing the connector and the channel deletes their items.
    for (const c of (await api.call('connectors/list-connectors', {})).items) await api.call('connectors/remove-connector', { id: c.id });
    for (const ch of (await api.call('alerts/list-channels', {})).items) await api.call('alerts/delete-channel', { id: ch.id });
    api.close();
    core.close();
  });
  const added = await api.call('connectors/add-connector', { kind: 'n8n', name: 'prod', baseUrl: fake.url, options: {}, credential: key });
  if (!added.ok) throw new Error(added.message);
  const connectorId = added.connector.id;
  // The credential lives in the keychain (the database never holds it).
  expect(await secrets.get(`connector:${connectorId}`)).toBe(key);
  const { url, hits } = await sink();
  const hook = (await api.call('alerts/save-channel', { kind: 'webhook', name: 'owner', secret: url, signingSecret: SIGNING })).channel.id;
  await api.call('alerts/save-rule', { rule: { name: 'Breaker', severity: 'critical', scope: { kind: 'all' },
    condition: { kind: 'breaker', ...rule }, routing: { channelIds: [hook], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 } } });
  return {
    fake, core, api, clock, hits, orders, healthy,
    async pollAndEvaluate(at) {
      clock.set(at);
      const outcome = await core.connectors.scheduler.pollOnce(connectorId);
      expect(outcome).toMatchObject({ ok: true });
      core.alerting.engine.evaluate();
      await core.alerting.engine.settle();
      await core.alerting.outbox.deliverDue();
    },
    deactivations: () => fake.requests.filter((r) => r.method === 'POST' && /\/deactivate$/.test(r.url)).map((r) => r.url),
  };
}

const fail = (e: Estate, at: number) => e.fake.state.addExecution({ workflowId: e.orders, status: 'error', startedAt: at, error: { message: 'Duplicate key in orders table', node: 'Postgres', style: 'node' } });
const succeed = (e: Estate, at: number) => e.fake.state.addExecution({ workflowId: e.healthy, status: 'success', startedAt: at });

describe('breaker against the fake n8n (real connector, keychain, HTTP, control actions, webhook channel)', () => {
  it('below N failures in M minutes nothing happens; the Nth deactivates the workflow on n8n, audits it and tells the owner once', async () => {
    const e = await estate({ failures: 3, withinMinutes: 10 });
    const ledgerId = (externalId: string) => e.core.ledger.workflows.list().find((w) => w.externalId === externalId)!.id;
    // An old failure (outside the window) and two recent ones: three failures, but only two within 10 minutes.
    fail(e, T0 - 30 * MIN);
    fail(e, T0 - 8 * MIN);
    fail(e, T0 - 5 * MIN);
    succeed(e, T0 - 4 * MIN);
    await e.pollAndEvaluate(T0);
    expect(e.core.ledger.runs.count()).toBe(4);
    expect(e.fake.state.workflows.get(e.orders)!['active']).toBe(true);
    expect(e.deactivations()).toEqual([]);
    expect(e.core.ledger.audit.list(undefined, 50).filter((a) => a.actor === BREAKER_ACTOR)).toEqual([]);
    expect(e.hits).toEqual([]);

    // The third failure within 10 minutes (T0-8, T0-5, T0+1) trips the breaker at the next poll.
    fail(e, T0 + MIN);
    await e.pollAndEvaluate(T0 + 2 * MIN);
    const id = ledgerId(e.orders);
    expect(e.deactivations()).toEqual([`/api/v1/workflows/${e.orders}/deactivate`]);
    expect(e.fake.state.workflows.get(e.orders)!['active']).toBe(false);
    expect(e.fake.state.workflows.get(e.healthy)!['active']).toBe(true);
    expect(e.core.ledger.workflows.list().find((w) => w.id === id)!.active).toBe(false);

    const audit = e.core.ledger.audit.list(undefined, 50);
    expect(audit).toContainEqual(expect.objectContaining({ actor: BREAKER_ACTOR, action: 'workflows/deactivate-workflow', target: `workflow:${id}` }));
    expect(audit).toContainEqual(expect.objectContaining({ actor: BREAKER_ACTOR, action: 'incident.breaker-tripped', detail: expect.objectContaining({ rule: 'Breaker', workflowId: id }) }));

    const events = e.hits.map((h) => JSON.parse(h.body) as { event: string; title: string; workflowId?: number });
    expect(events.map((m) => m.event)).toEqual(['incident.opened', 'incident.paused']);
    expect(events.every((m) => m.title.includes('Orders import'))).toBe(true);
    for (const h of e.hits) {
      expect(verifySignature(SIGNING, h.headers[TIMESTAMP_HEADER] as string, h.body, h.headers[SIGNATURE_HEADER] as string)).toBe(true);
    }
    // The incident shows who paused it.
    const incident = (await e.api.call('incidents/list-incidents', {})).items[0]!;
    const detail = await e.api.call('incidents/get-incident', { id: incident.id });
    expect(detail.ok && detail.events.map((ev) => `${ev.kind}:${ev.actor ?? ''}`)).toContain(`paused:${BREAKER_ACTOR}`);

    // Once: more failures and polls do not pause again or notify again.
    fail(e, T0 + 3 * MIN);
    await e.pollAndEvaluate(T0 + 4 * MIN);
    expect(e.deactivations()).toHaveLength(1);
    expect(e.hits).toHaveLength(2);
  });

  it('N failures spread over more than M minutes never trip it', async () => {
    const e = await estate({ failures: 3, withinMinutes: 10 });
    for (const [i, at] of [T0 - 12 * MIN, T0 - 6 * MIN, T0].entries()) {
      fail(e, at);
      await e.pollAndEvaluate(at + (i + 1) * 1000);
    }
    await e.pollAndEvaluate(T0 + 15 * MIN);
    expect(e.core.ledger.runs.count()).toBe(3);
    expect(e.deactivations()).toEqual([]);
    expect(e.fake.state.workflows.get(e.orders)!['active']).toBe(true);
    expect(e.hits).toEqual([]);
    expect(await e.api.call('incidents/list-incidents', {})).toMatchObject({ items: [] });
  });
});
