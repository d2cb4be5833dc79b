// Issue #15, the two-person scenario end to end: a real serve with real people (argon2), their desktops attached
// through the Node attach client, the real n8n connector polling the HTTP fake n8n on loopback, the real alert engine
// and pager, and a pinned clock (Wednesday 25 November 2026, 12:00 UTC) moved by hand.
// - Alice (operator) owns "Orders import" and is on duty; Bob (viewer) is not. A failure pages Alice, not Bob.
// - Bob cannot acknowledge; Alice does, and the incident's timeline and the audit say it was Alice.
// - A failure nobody acknowledges within the rule's 10 minutes escalates to the owner, Olga.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import { CoreClient } from '../../core/contract/client.ts';
import { CoreError } from '../../core/contract/errors.ts';
import type { DesktopCoreMessage } from '../../core/contract/desktop.ts';
import { parseServerAddress, startAttachedDesktop, type AttachedDesktop } from '../../core/desktop/attach/index.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { startServer, type RunningServer } from '../../core/server/server.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { N8nState } from '../fakes/n8n/state.ts';
import { fakeTime } from '../support/fake-time.ts';
import { duplexPair } from './helpers/duplex-pair.ts';
import { TEST_HASHING } from './helpers/users.ts';
import { makeRendererFixture } from './helpers/ws.ts';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const MIN = 60_000;
const WEDNESDAY = 3;
const PASSWORD = 'correct horse battery';
const OWNER = { actor: 'Olga' };

const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 10_000, interval: 10 });

let root: string;
let dataDir: string;
let fake: FakeN8n;
let core: Core;
let server: RunningServer;
const closers: (() => void | Promise<void>)[] = [];

beforeEach(() => {
  root = makeRendererFixture().root;
  dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-team-'));
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

interface Person {
  desktop: AttachedDesktop;
  notes: () => Extract<DesktopCoreMessage, { type: 'notify' }>[];
  /** The person's console: a window of their desktop, relayed to the server as them. */
  console: CoreClient;
}

async function person(login: string): Promise<Person> {
  const posted: DesktopCoreMessage[] = [];
  const desktop = startAttachedDesktop({
    address: parseServerAddress(server.origin)!, secrets: createSecretStore({ kind: 'memory' }), post: (m) => posted.push(m),
    backoff: { baseMs: 25, maxMs: 200 }, random: () => 0.5, every: () => () => undefined, now: () => core.clock.now(),
  });
  closers.push(() => desktop.stop());
  await vi.waitFor(() => expect(desktop.status.state).toBe('signed-out'), { timeout: 10_000, interval: 20 });
  expect(await desktop.signIn(login, PASSWORD)).toMatchObject({ state: 'connected', login });
  const console = new CoreClient({ timeoutMs: 10_000 });
  const [page, window] = duplexPair();
  desktop.connectWindow(window);
  console.attach(page);
  closers.push(() => console.close());
  return { desktop, console, notes: () => posted.filter((m): m is Extract<DesktopCoreMessage, { type: 'notify' }> => m.type === 'notify') };
}

/** The team's Flowdeck: Olga (owner), Alice (operator) and Bob (viewer); an n8n with two workflows; one rule. */
async function estate() {
  const { clock, sleep } = fakeTime(T0);
  fake = await startFakeN8n({ state: new N8nState({ now: () => clock.now() }) });
  closers.push(() => fake.close());
  const orders = fake.state.addWorkflow({ name: 'Orders import', active: true }).id;
  const invoices = fake.state.addWorkflow({ name: 'Invoices', active: true }).id;
  core = createCore({
    dataDir, clock, logger: createMemoryLogger(), users: { hashing: TEST_HASHING },
    connectors: { secrets: createSecretStore({ kind: 'memory' }), createHttp: (o) => createHttpClient({ ...o, sleep, random: () => 0.5, retries: 1 }) },
  });
  closers.push(() => core.close());
  server = await startServer({ core, rendererDir: path.join(root, 'renderer'), port: 0, launchActor: 'olga' });
  closers.push(() => server.close());
  const olga = contractClient(core, OWNER);
  closers.push(() => olga.close());
  for (const [login, displayName, role] of [['olga', 'Olga', 'owner'], ['alice', 'Alice', 'operator'], ['bob', 'Bob', 'viewer']] as const) {
    await olga.call('users/add-user', { login, displayName, role, password: PASSWORD });
  }
  const added = await olga.call('connectors/add-connector', { kind: 'n8n', name: 'prod', baseUrl: fake.url, options: {}, credential: fake.state.keys.issue({ expiresAt: T0 + 30 * 86_400_000 }) });
  if (!added.ok) throw new Error(added.message);
  const connectorId = added.connector.id;
  const poll = async (at: number) => {
    clock.set(at);
    expect(await core.connectors.scheduler.pollOnce(connectorId)).toMatchObject({ ok: true });
    core.alerting.engine.evaluate();
    await core.alerting.engine.settle();
    await core.alerting.outbox.deliverDue();
  };
  await poll(T0);
  const ordersId = core.ledger.workflows.list().find((w) => w.externalId === orders)!.id;
  expect((await olga.call('registry/save-metadata', { workflowId: ordersId, metadata: {
    owner: 'Alice', purpose: null, runbook: null, environment: null, criticality: null, tags: [], expectedSchedule: null,
  } })).ok).toBe(true);
  await olga.call('oncall/set-rota', { shifts: [{ login: 'alice', weekday: WEDNESDAY, startMinute: 0, endMinute: 1440 }] });
  await olga.call('alerts/save-rule', { rule: { name: 'Any failure', severity: 'warning', scope: { kind: 'all' },
    condition: { kind: 'any_failure', graceMinutes: 0 },
    routing: { channelIds: [], remindEveryMinutes: null, escalateAfterMinutes: 10, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 } } });
  const fail = (workflowId: string, at: number) =>
    fake.state.addExecution({ workflowId, status: 'error', startedAt: at, error: { message: 'Duplicate key in orders table', node: 'Postgres', style: 'node' } });
  return { olga, orders, invoices, fail, poll };
}

describe('two people on one team server', () => {
  it('pages Alice first, refuses Bob, records that Alice acknowledged, and escalates an unacknowledged failure to the owner', async () => {
    const e = await estate();
    const alice = await person('alice');
    const bob = await person('bob');
    const owner = await person('olga');

    // A failure of Alice's workflow pages Alice (its owner, on duty); Bob and the owner hear nothing.
    e.fail(e.orders, T0 + MIN);
    await e.poll(T0 + 2 * MIN);
    const incident = (await alice.console.call('incidents/list-incidents', {})).items.find((i) => i.targetName.includes('Orders import'))!;
    expect(incident).toMatchObject({ status: 'open' });
    await until(() => expect(alice.notes()).toEqual([expect.objectContaining({ route: `#/incidents/${incident.id}`, title: expect.stringContaining('Orders import') })]));
    await new Promise((r) => setTimeout(r, 100));
    expect(bob.notes()).toEqual([]);
    expect(owner.notes()).toEqual([]);

    // Bob, a viewer, cannot acknowledge: refused before anything runs, in plain words.
    const refused = await bob.console.call('incidents/acknowledge-incident', { id: incident.id }).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(CoreError);
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect((await bob.console.call('incidents/get-incident', { id: incident.id }))).toMatchObject({ ok: true, incident: { status: 'open' } });

    // Alice acknowledges from her desktop: the timeline and the audit name her.
    await alice.console.call('incidents/acknowledge-incident', { id: incident.id });
    const detail = await bob.console.call('incidents/get-incident', { id: incident.id });
    expect(detail.ok && detail.incident).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Alice' });
    expect(detail.ok && detail.events.filter((ev) => ev.kind === 'acknowledged').map((ev) => ev.actor)).toEqual(['Alice']);
    const audit = (await e.olga.call('audit/list-entries', {})).items.find((a) => a.action === 'incident.acknowledged')!;
    expect(audit).toMatchObject({ actor: 'Alice', actorKind: 'user', target: `incident:${incident.id}` });
    expect(audit.actorId).toMatch(/^user:\d+$/);
    const aliceOnly = await e.olga.call('audit/list-entries', { actorId: audit.actorId! });
    expect(aliceOnly.items.map((a) => a.action)).toContain('incident.acknowledged');
    expect(aliceOnly.items.every((a) => a.actor === 'Alice')).toBe(true);

    // Acknowledged: no escalation at 10 minutes. Then Invoices fails and nobody acknowledges.
    e.fail(e.invoices, T0 + 13 * MIN);
    await e.poll(T0 + 14 * MIN);
    const invoices = (await alice.console.call('incidents/list-incidents', {})).items.find((i) => i.targetName.includes('Invoices'))!;
    await until(() => expect(alice.notes().map((n) => n.route)).toEqual([`#/incidents/${incident.id}`, `#/incidents/${invoices.id}`]));
    await e.poll(T0 + 23 * MIN);
    expect(owner.notes()).toEqual([]);
    // 10 minutes after the page, nobody has acknowledged: the owner is paged (Alice is the only one on the rota).
    await e.poll(T0 + 24 * MIN);
    await until(() => expect(owner.notes()).toEqual([expect.objectContaining({ route: `#/incidents/${invoices.id}`, title: expect.stringContaining('Invoices') })]));
    expect(bob.notes()).toEqual([]);
    const timeline = await e.olga.call('incidents/get-incident', { id: invoices.id });
    expect(timeline.ok && timeline.events.filter((ev) => ev.kind === 'paged').map((ev) => ev.detail)).toEqual([
      'Paged Alice (on duty) on their desktop',
      'Paged Olga (owner of this Flowdeck) on their desktop',
    ]);
    // The acknowledged incident never escalated.
    expect(owner.notes().some((n) => n.route === `#/incidents/${incident.id}`)).toBe(false);
  });
});
