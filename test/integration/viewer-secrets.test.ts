// A viewer can never see a secret (issue #15): canary secrets are planted in a push monitor (its ping key, its own
// ping id and the connector's signing secret), in notification channels (a webhook address, an ntfy topic, an SMTP
// user) and in a connector (its address, its options and its credential reference), and every read method of the
// contract is called, over a real `serve` socket, as each role that does not see secrets, with inputs generated from
// the method's own input schema. No frame that reaches those roles may hold a canary. The method list comes from the
// contract, so a new read method that leaks fails here until core/contract/redaction.ts hides its secret.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { CoreClient } from '../../core/contract/client.ts';
import { CoreError } from '../../core/contract/errors.ts';
import { handlerSchemas, type Method } from '../../core/contract/handlers.ts';
import { METHOD_PERMISSIONS, ROLES, type Role } from '../../core/contract/permissions.ts';
import { HIDDEN, seesSecrets } from '../../core/contract/redaction.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { startPushReceiver, type PushReceiver } from '../../core/push/receiver.ts';
import { startServer, type RunningServer } from '../../core/server/server.ts';
import { generateNamedToken, hashToken } from '../../core/server/tokens.ts';
import { arbitraryInput, type Seeds } from './helpers/arbitrary-input.ts';
import { TEST_HASHING } from './helpers/users.ts';
import { makeRendererFixture, openSocket, socketDuplex } from './helpers/ws.ts';

const T0 = Date.UTC(2026, 2, 11, 11);
const CANARY = 'kq7canary3x';
const READ_METHODS = (Object.keys(handlerSchemas) as Method[]).filter((m) => METHOD_PERMISSIONS[m] === 'read');
const BLIND_ROLES = ROLES.filter((r) => !seesSecrets(r));

/**
 * Inputs too rich, or too particular, to generate at random (a whole rule draft, two versions of one workflow): valid
 * examples beside the generated ones. Those naming planted objects are added once they exist.
 */
const EXAMPLES: { [M in Method]?: unknown[] } = {
  'alerts/check-rule': [{ rule: { name: 'Any failure', scope: { kind: 'all' }, condition: { kind: 'run_failed' } } }],
  'alerts/preview-rule': [{ rule: { name: 'Any failure', scope: { kind: 'all' }, condition: { kind: 'run_failed' } }, days: 7 }],
};

let root: string;
let dataDir: string;
let core: Core;
let server: RunningServer;
let receiver: PushReceiver;
/** The secrets a blind role must never receive: the canary, and the push secrets Flowdeck made itself. */
const secretsToFind: string[] = [CANARY, '$argon2'];
/** The push monitor's ping key and its own ping id (secrets in its addresses). */
const ping = { key: '', id: '' };
const seeds: Seeds = { numbers: [1, 2, 3], strings: [] };
const clients = new Map<Role, { client: CoreClient; frames: string[] }>();

async function own<T = Record<string, unknown>>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatcher.dispatch(method, input, { actor: 'owner' });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.output as T;
}

async function plant(): Promise<void> {
  const secrets = createMemorySecretStore();
  core = createCore({ dataDir, clock: fixedClock(T0), logger: createMemoryLogger(), connectors: { secrets }, users: { hashing: TEST_HASHING } });
  // A person, whose password (and its hash) is a secret too.
  await own('users/add-user', { login: 'alice', displayName: 'Alice', role: 'operator', password: `pw-${CANARY}-long-enough` });
  const channels = [
    { kind: 'webhook', name: 'Ops hook', secret: `https://hooks.example.com/${CANARY}/in`, signingSecret: `sign-${CANARY}` },
    { kind: 'ntfy', name: 'Phones', config: { ntfyServer: 'https://ntfy.example.com', ntfyTopic: `alerts_${CANARY}` }, secret: `tk_${CANARY}` },
    {
      kind: 'email', name: 'Mail', secret: `pw-${CANARY}`,
      config: { smtpHost: 'smtp.example.com', smtpPort: 587, smtpUser: `mailer-${CANARY}`, from: 'flowdeck@example.com', to: ['ops@example.com'] },
    },
  ];
  for (const c of channels) seeds.numbers = [...seeds.numbers, (await own<{ channel: { id: number } }>('alerts/save-channel', c)).channel.id];

  const n8n = await own<{ ok: true; connector: { id: string } }>('connectors/add-connector', {
    kind: 'n8n', name: 'n8n prod', baseUrl: `https://admin:${CANARY}@n8n.example.com`,
    options: { failoverUrl: `https://n8n-b.example.com/api?token=${CANARY}` }, credential: `key-${CANARY}`,
  });
  // The credential reference itself is a canary: it moves to a name only the keychain and the database know.
  const ref = `ref-${CANARY}`;
  await secrets.set(ref, `key-${CANARY}`);
  core.ledger.connectors.setSecretRef(n8n.connector.id, ref);

  const push = await own<{ ok: true; connector: { id: string } }>('connectors/add-push-connector', { name: 'Heartbeats' });
  const connectorId = push.connector.id;
  await own('push/create-monitor', { connectorId, slug: 'nightly-backup', name: 'Nightly backup' });
  const snippets = await own<{ secret: string }>('push/get-snippets', { connectorId, revealSecret: true });
  const listed = await own<{ items: { urls: { success: string; uuid: string } }[] }>('push/list-monitors', { connectorId });
  const { success, uuid } = listed.items[0]!.urls;
  const pingKey = /\/ping\/([^/]+)\/nightly-backup$/.exec(success)![1]!;
  ping.key = pingKey;
  const pingId = uuid.slice(uuid.lastIndexOf('/') + 1);
  ping.id = pingId;
  secretsToFind.push(snippets.secret, pingKey, pingId);

  // Real pings through the receiver, so runs, workflows and the audit log hold what a pinged monitor leaves behind.
  receiver = await startPushReceiver({ core, secrets, port: 0 });
  const base = `${receiver.url}/ping/${pingKey}/nightly-backup`;
  expect((await fetch(`${base}/start`)).status).toBe(200);
  expect((await fetch(`${base}/fail`, { method: 'POST', body: 'disk full' })).status).toBe(200);
  expect((await fetch(`${receiver.url}/ping/${pingId}/log`, { method: 'POST', body: 'step 2 done' })).status).toBe(200);

  // A workflow whose definition has secrets typed into it (the registry's lint flags them), in two versions.
  const workflowId = core.ledger.registry.createWorkflow(n8n.connector.id, 'wf-1', 'Billing – Sync invoices', T0);
  const definition = (step: string) => JSON.stringify({
    name: 'Billing – Sync invoices', nodes: [{
      name: step, type: 'n8n-nodes-base.httpRequest', parameters: {
        url: `https://api.example.com/v1/invoices?api_key=${CANARY}`, password: `pw-${CANARY}`,
        headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${CANARY}0123456789abcdef` }, { name: 'X-Api-Key', value: `${CANARY}-k` }] },
        note: `call https://billing:${CANARY}@erp.example.com/export then ghp_${CANARY}0123456789abcdefghij`,
      },
    }], connections: {},
  });
  const versionIds = ['Call API', 'Call the API'].map((step, i) => core.ledger.versions.insert({
    workflowId, contentHash: `h${i}`, definitionJson: definition(step), vendorVersionId: null, author: 'owner', source: 'poll', createdAt: T0 + i,
  }));
  EXAMPLES['registry/get-diff'] = [{ workflowId, fromVersionId: versionIds[0], toVersionId: versionIds[1] }];
  EXAMPLES['registry/preview-restore'] = [{ workflowId, versionId: versionIds[0] }];
  EXAMPLES['registry/get-workflow'] = [{ workflowId }];

  seeds.strings = [n8n.connector.id, connectorId, 'nightly-backup', 'Nightly backup', 'owner', 'Ops hook', 'alice'];
  seeds.numbers = [...seeds.numbers, ...versionIds, ...core.ledger.workflows.list().map((w) => w.id)];
}

beforeAll(async () => {
  const fixture = makeRendererFixture();
  root = fixture.root;
  dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-secrets-'));
  await plant();
  server = await startServer({ core, rendererDir: fixture.rendererDir, port: 0, launchActor: 'owner' });
  for (const role of ROLES) {
    let token = server.launchToken;
    if (role !== 'owner') {
      token = generateNamedToken();
      core.ledger.tokens.add(`${role}-token`, hashToken(token), T0, role);
    }
    const socket = await openSocket(server.origin, { bearer: token });
    // Every frame the role receives: answers, errors and the events broadcast to it.
    const frames: string[] = [];
    socket.on('message', (data) => frames.push(String(data)));
    const client = new CoreClient({ timeoutMs: 10_000 });
    client.attach(socketDuplex(socket));
    clients.set(role, { client, frames });
  }
}, 30_000);

afterAll(async () => {
  for (const { client } of clients.values()) client.close();
  await server?.close();
  await receiver?.close();
  core?.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const leaked = (text: string) => secretsToFind.filter((s) => text.toLowerCase().includes(s.toLowerCase()));
/** Where the first secret shows, for the failure message. */
const around = (text: string) => {
  const i = Math.max(0, ...secretsToFind.map((s) => text.toLowerCase().indexOf(s.toLowerCase())));
  return text.slice(Math.max(0, i - 200), i + 40);
};

/** Calls a method as `role`; true when it answered with an output (false: refused, e.g. an invalid generated input). */
async function callAs(role: Role, method: Method, input: unknown): Promise<{ answered: boolean; text: string }> {
  try {
    const output = await clients.get(role)!.client.call(method, input as never);
    return { answered: true, text: JSON.stringify(output) };
  } catch (error) {
    if (!(error instanceof CoreError)) throw error;
    return { answered: false, text: JSON.stringify({ kind: error.kind, message: error.message }) };
  }
}

describe('secrets never reach a viewer', () => {
  it('planted secrets an admin does see (so their absence below means something)', async () => {
    const seen = [
      await callAs('admin', 'alerts/list-channels', {}),
      await callAs('admin', 'connectors/list-connectors', {}),
      await callAs('admin', 'push/list-monitors', { connectorId: seeds.strings[1] }),
      await callAs('admin', 'registry/get-diff', EXAMPLES['registry/get-diff']![0]),
    ].map((r) => r.text).join('\n');
    expect(leaked(seen)).toEqual([CANARY, ping.key, ping.id]);
  });

  it.each(BLIND_ROLES)('no read method shows the %s a secret, for any input', async (role) => {
    const answered = new Set<Method>();
    for (const method of READ_METHODS) {
      const schema = handlerSchemas[method].input;
      const examples = [{}, ...(EXAMPLES[method] ?? [])];
      for (const input of examples) {
        const r = await callAs(role, method, input);
        expect(leaked(r.text), `${method} ${JSON.stringify(input)}: ${around(r.text)}`).toEqual([]);
        if (r.answered) answered.add(method);
      }
      await fc.assert(fc.asyncProperty(arbitraryInput(schema, seeds), async (input) => {
        const r = await callAs(role, method, input);
        if (r.answered) answered.add(method);
        expect(leaked(r.text), `${method} ${JSON.stringify(input)}: ${around(r.text)}`).toEqual([]);
      }), { numRuns: 25, seed: 15, endOnFailure: true });
    }
    // Every read method answered at least once, so none passed only by refusing its input.
    expect(READ_METHODS.filter((m) => !answered.has(m))).toEqual([]);
    // Nor in any frame at all: answers, errors and the events sent to this role (one carrying an address with a key).
    core.events.emit('notifications/raised', { incidentId: null, title: 'Export failed', body: `POST https://erp.example.com/in?token=${CANARY} answered 500`, severity: 'warning' });
    await clients.get(role)!.client.call('system/get-status', {});
    const frames = clients.get(role)!.frames.join('\n');
    expect(frames).toContain(`POST ${HIDDEN} answered 500`);
    expect(leaked(frames)).toEqual([]);
  }, 120_000);

  it('shows a plain marker where a secret was', async () => {
    const { client } = clients.get('viewer')!;
    const monitors = await client.call('push/list-monitors', { connectorId: seeds.strings[1]! });
    expect(monitors.ok && monitors.items[0]!.urls.success).toBe(HIDDEN);
    const { items } = await client.call('alerts/list-channels', {});
    expect(items.find((c) => c.kind === 'ntfy')!.config.ntfyTopic).toBe(HIDDEN);
    expect(items.find((c) => c.kind === 'email')!.config).toMatchObject({ smtpUser: HIDDEN, smtpHost: 'smtp.example.com' });
    const connectors = await client.call('connectors/list-connectors', {});
    expect(connectors.items.find((c) => c.kind === 'n8n')).toMatchObject({ baseUrl: HIDDEN, options: { failoverUrl: HIDDEN } });
    // A definition keeps its shape, with each secret typed into it replaced.
    const diff = await client.call('registry/get-diff', EXAMPLES['registry/get-diff']![0] as never);
    const after = JSON.parse(diff.ok ? diff.diff.afterText : '{}') as { nodes: { parameters: Record<string, unknown> }[] };
    expect(after.nodes[0]!.parameters).toMatchObject({
      url: HIDDEN, password: HIDDEN,
      headerParameters: { parameters: [{ name: 'Authorization', value: HIDDEN }, { name: 'X-Api-Key', value: HIDDEN }] },
      note: `call https://${HIDDEN}@erp.example.com/export then ${HIDDEN}`,
    });
  });
});
