import { afterEach, describe, expect, it } from 'vitest';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import { HttpFailure } from '../../core/platform/http/types.ts';
import { schedulerHarness, ScriptedVendor, T0, type SchedulerHarness } from './helpers/scripted-driver.ts';

let h: SchedulerHarness | null = null;
let client: CoreClient | null = null;
afterEach(async () => {
  client?.close();
  client = null;
  await h?.core.connectors.scheduler.stop();
  h?.core.close();
  h = null;
});

/** An n8n-kind connector with one failed run and one workflow, polled once. */
async function setup(vendor: ScriptedVendor, kind: 'n8n' | 'github' = 'n8n') {
  vendor.add({ id: 7, workflow: 'wf-1', status: 'failed', startedAt: T0 - 60_000 });
  vendor.workflows = [{ externalId: 'wf-1', name: 'Workflow wf-1', active: true, archived: false, definition: {}, vendorVersionId: null, updatedAt: null, tags: [], deepLink: null }];
  h = schedulerHarness(vendor);
  h.core.connectors.scheduler.start();
  client = contractClient(h.core, { actor: 'carol' });
  const added = await client.call('connectors/add-connector', {
    kind, name: 'prod', baseUrl: 'https://vendor.example.test', options: kind === 'github' ? { repos: 'acme/app' } : {}, credential: 'key-0123456789',
  });
  if (!added.ok) throw new Error(added.message);
  await h.advance(0);
  const run = h.core.ledger.runs.list({}, null, 1).items[0]!;
  const workflowId = h.core.ledger.workflows.list()[0]!.id;
  return { hh: h, api: client, runId: run.id, workflowId, connectorId: added.connector.id };
}

const lastAudit = (hh: SchedulerHarness) => hh.core.ledger.audit.list(undefined, 1)[0];

describe('control actions', () => {
  it('retries an n8n run, audits the actor, target and result, then polls to pick up the new run', async () => {
    const vendor = new ScriptedVendor();
    const retried: string[] = [];
    vendor.actions = {
      retryRun: async (id) => {
        retried.push(id);
        vendor.add({ id: 8, workflow: 'wf-1', status: 'success', startedAt: T0 });
        return `Retried execution ${id} as 8.`;
      },
    };
    const { hh, api, runId } = await setup(vendor);
    expect(await api.call('runs/retry-run', { runId })).toEqual({ ok: true, message: 'Retried execution 7 as 8.' });
    expect(retried).toEqual(['7']);
    expect(lastAudit(hh)).toMatchObject({
      actor: 'carol', action: 'runs/retry-run', target: `run:${runId}`, detail: { externalId: '7', result: 'ok', message: 'Retried execution 7 as 8.' },
    });
    await hh.advance(2_000);
    expect(hh.core.ledger.runs.count()).toBe(2);
  });

  it('says "unsupported" (and audits the attempt) when the vendor cannot do it', async () => {
    const { hh, api, runId } = await setup(new ScriptedVendor());
    expect(await api.call('runs/rerun-run', { runId })).toEqual({
      ok: false, reason: 'unsupported', message: 'n8n does not let Flowdeck re-run run 7 of “Workflow wf-1”.',
    });
    expect(lastAudit(hh)).toMatchObject({ actor: 'carol', action: 'runs/rerun-run', detail: { result: 'unsupported' } });
  });

  it('reports a refused action in plain words without the credential', async () => {
    const vendor = new ScriptedVendor();
    vendor.actions = { rerunRun: () => Promise.reject(new HttpFailure('client', 'HTTP 403', { status: 409, body: { message: 'This run cannot be re-run with key-0123456789' } })) };
    const { hh, api, runId } = await setup(vendor, 'github');
    const outcome = await api.call('runs/rerun-run', { runId });
    expect(outcome).toEqual({
      ok: false, reason: 'failed', message: 'Could not re-run run 7 of “Workflow wf-1”: GitHub refused it (409): This run cannot be re-run with [redacted]',
    });
    expect(JSON.stringify(hh.core.ledger.audit.list(undefined, 5))).not.toContain('key-0123456789');
  });

  it('activates and deactivates a workflow and records the new state', async () => {
    const vendor = new ScriptedVendor();
    const calls: string[] = [];
    vendor.actions = {
      activateWorkflow: async (id) => { calls.push(`on:${id}`); return `Activated ${id}.`; },
      deactivateWorkflow: async (id) => { calls.push(`off:${id}`); return `Deactivated ${id}.`; },
    };
    const { hh, api, workflowId } = await setup(vendor);
    expect(await api.call('workflows/set-active', { workflowId, active: false })).toEqual({ ok: true, message: 'Deactivated wf-1.' });
    expect(hh.core.ledger.workflows.list()[0]!.active).toBe(false);
    expect(await api.call('workflows/set-active', { workflowId, active: true })).toEqual({ ok: true, message: 'Activated wf-1.' });
    expect(calls).toEqual(['off:wf-1', 'on:wf-1']);
    expect(lastAudit(hh)).toMatchObject({ actor: 'carol', action: 'workflows/activate-workflow', target: `workflow:${workflowId}` });
    expect(await api.call('workflows/run-workflow', { workflowId })).toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it('answers not_found for runs and workflows that are not in the ledger, and unsupported once the connector is removed', async () => {
    const vendor = new ScriptedVendor();
    vendor.actions = { retryRun: async () => 'ok' };
    const { api, runId, connectorId } = await setup(vendor);
    expect(await api.call('runs/retry-run', { runId: 9999 })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await api.call('workflows/run-workflow', { workflowId: 9999 })).toMatchObject({ ok: false, reason: 'not_found' });
    await api.call('connectors/remove-connector', { id: connectorId });
    expect(await api.call('runs/retry-run', { runId })).toMatchObject({ ok: false, reason: 'unsupported' });
  });
});
