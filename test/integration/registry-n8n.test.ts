import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';

/** Version history and restore over the real n8n driver, HTTP client and scheduler against the fake n8n. */
const T0 = Date.UTC(2026, 10, 25, 12);
type Node = { name: string; position: number[]; parameters: Record<string, unknown> };

let fake: FakeN8n | null = null;
let core: Core | null = null;
let client: CoreClient | null = null;
afterEach(async () => {
  client?.close();
  await core?.connectors.scheduler.stop();
  core?.close();
  await fake?.close();
  fake = core = client = null;
});

async function setup() {
  fake = await startFakeN8n();
  const wf = fake.state.addWorkflow({ id: 'wfOrders0000001', name: 'Shop – Orders to Sheets', active: true });
  const clock = fixedClock(T0);
  core = createCore({
    dataDir: ':memory:', clock, logger: createMemoryLogger(),
    connectors: { secrets: createSecretStore({ kind: 'memory' }), timers: new ManualTimers(clock), cadence: { workflowsMs: 0 } },
  });
  client = contractClient(core, { actor: 'carol' });
  const key = fake.state.keys.issue();
  const added = await client.call('connectors/add-connector', { kind: 'n8n', name: 'prod', baseUrl: fake.url, options: {}, credential: key });
  if (!added.ok) throw new Error(added.message);
  const api = client;
  const poll = async () => {
    clock.set(clock.now() + 60_000);
    const r = await api.call('connectors/poll-now', { id: added.connector.id });
    if (!r.ok) throw new Error(r.message);
  };
  await poll();
  const workflowId = core.ledger.workflows.list()[0]!.id;
  const detail = async () => {
    const d = await api.call('registry/get-workflow', { workflowId });
    if (!d.ok) throw new Error(d.message);
    return d.workflow;
  };
  return { wf, api, poll, workflowId, detail, clock, key };
}

describe('registry over n8n', () => {
  it('makes no version for cosmetic changes and exactly one for a parameter change; the diff names node and parameter', async () => {
    const { wf, api, poll, workflowId, detail } = await setup();
    expect((await detail()).versions.map((v) => v.number)).toEqual([1]);

    // Cosmetic: node positions and updatedAt move (n8n also saves a new versionId).
    for (const n of wf.nodes as Node[]) n.position = [n.position[0]! + 120, n.position[1]! + 80];
    wf['updatedAt'] = new Date(T0 + 3_600_000).toISOString();
    wf.versionId = '00000000-0000-4000-8000-0000000000aa';
    await poll();
    expect((await detail()).versions).toHaveLength(1);

    (wf.nodes as Node[]).find((n) => n.name === 'Webhook')!.parameters['path'] = 'orders-v2';
    wf.versionId = '00000000-0000-4000-8000-0000000000bb';
    await poll();
    await poll();
    const versions = (await detail()).versions;
    expect(versions.map((v) => [v.number, v.source, v.vendorVersionId])).toEqual([
      [1, 'poll', expect.any(String)], [2, 'poll', '00000000-0000-4000-8000-0000000000bb'],
    ]);
    expect(versions[1]!.summary).toEqual(['Step changed: Webhook (path)']);
    const diff = await api.call('registry/get-diff', { workflowId, fromVersionId: versions[0]!.id, toVersionId: versions[1]!.id });
    if (!diff.ok) throw new Error(diff.message);
    expect(diff.diff.structured.stepsChanged).toEqual([{ step: 'Webhook', fields: [], parameters: [{ path: 'path', kind: 'changed', before: expect.any(String), after: 'orders-v2' }] }]);
    expect(diff.diff.raw).not.toBeNull();
  });

  it('restores an old version: the vendor receives it, a new version is recorded, the audit names the actor', async () => {
    const { wf, api, poll, workflowId, detail } = await setup();
    const oldPath = (wf.nodes as Node[]).find((n) => n.name === 'Webhook')!.parameters['path'];
    (wf.nodes as Node[]).find((n) => n.name === 'Webhook')!.parameters['path'] = 'changed-path';
    (wf['settings'] as Record<string, unknown>)['errorWorkflow'] = 'err-wf';
    await poll();
    const [v1, v2] = (await detail()).versions;
    expect(v2).toBeDefined();

    const preview = await api.call('registry/preview-restore', { workflowId, versionId: v1!.id });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.supported).toBe(true);
    expect(preview.diff.structured.settingsChanged).toEqual([{ path: 'errorWorkflow', kind: 'removed', before: 'err-wf', after: null }]);

    const outcome = await api.call('registry/restore-version', { workflowId, versionId: v1!.id, confirm: true });
    expect(outcome).toMatchObject({ ok: true });
    expect(fake!.requests.some((e) => e.method === 'PUT' && e.url.endsWith(`/workflows/${wf.id}`) && e.status === 200)).toBe(true);
    const now = fake!.state.workflows.get(wf.id)!;
    expect((now.nodes as Node[]).find((n) => n.name === 'Webhook')!.parameters['path']).toBe(oldPath);
    expect((now['settings'] as Record<string, unknown>)['errorWorkflow']).toBeUndefined();

    const versions = (await detail()).versions;
    expect(versions.map((v) => [v.number, v.source, v.author === 'carol'])).toEqual([[1, 'poll', false], [2, 'poll', false], [3, 'restore', true]]);
    expect(versions[2]!.contentHash).toBe(v1!.contentHash);
    const audit = core!.ledger.audit.list(undefined, 5).find((a) => a.action === 'registry/restore-version');
    expect(audit).toMatchObject({ actor: 'carol', target: `workflow:${workflowId}`, detail: { versionNumber: 1, result: 'ok' } });

    await poll(); // the vendor's listing of the restored workflow is the same version
    expect((await detail()).versions).toHaveLength(3);
  });

  it('keeps a workflow the vendor no longer lists, as archived, with its history', async () => {
    const { wf, api, poll, workflowId } = await setup();
    fake!.state.workflows.delete(wf.id);
    await poll();
    const list = await api.call('registry/list-entries', {});
    expect(list.items.find((r) => r.workflowId === workflowId)).toMatchObject({ archived: true, versions: 1 });
  });

  it('a refused restore changes nothing, says why in plain words and is audited', async () => {
    const { wf, api, poll, workflowId, detail, key } = await setup();
    (wf.nodes as Node[]).find((n) => n.name === 'Webhook')!.parameters['path'] = 'changed-path';
    await poll();
    const [v1] = (await detail()).versions;
    fake!.state.keys.revoke(key);
    const outcome = await api.call('registry/restore-version', { workflowId, versionId: v1!.id, confirm: true });
    expect(outcome).toMatchObject({ ok: false, reason: 'failed', message: expect.stringMatching(/^Could not restore version 1 of “Shop – Orders to Sheets”: n8n rejected the API key \(401\)/) });
    expect(JSON.stringify(outcome)).not.toContain(key);
    expect((await detail()).versions).toHaveLength(2);
    expect((fake!.state.workflows.get(wf.id)!.nodes as Node[]).find((n) => n.name === 'Webhook')!.parameters['path']).toBe('changed-path');
    expect(core!.ledger.audit.list(undefined, 5).find((a) => a.action === 'registry/restore-version')).toMatchObject({ actor: 'carol', detail: { result: 'failed' } });
  });
});
