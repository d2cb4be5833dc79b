import { afterEach, describe, expect, it } from 'vitest';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import { schedulerHarness, ScriptedVendor, T0, type SchedulerHarness } from './helpers/scripted-driver.ts';

const MIN = 60_000;
let h: SchedulerHarness | null = null;
let client: CoreClient | null = null;
afterEach(async () => {
  client?.close();
  await h?.core.connectors.scheduler.stop();
  h?.core.close();
  h = null;
  client = null;
});

/** A vendor whose workflow failed three times in the last ten minutes, connected and polled once. */
async function failingEstate() {
  const vendor = new ScriptedVendor();
  vendor.pageSize = 10;
  const calls: string[] = [];
  vendor.actions = {
    deactivateWorkflow: async (id) => { calls.push(`off:${id}`); return `Deactivated workflow ${id}.`; },
    retryRun: async (id) => { calls.push(`retry:${id}`); return `Retried execution ${id}.`; },
  };
  vendor.add(
    { id: 1, workflow: 'wf-1', status: 'failed', startedAt: T0 - 9 * MIN },
    { id: 2, workflow: 'wf-1', status: 'failed', startedAt: T0 - 6 * MIN },
    { id: 3, workflow: 'wf-1', status: 'failed', startedAt: T0 - 3 * MIN },
  );
  vendor.workflows = [{ externalId: 'wf-1', name: 'Workflow wf-1', active: true, archived: false, definition: {}, vendorVersionId: null, updatedAt: null, tags: [], deepLink: null }];
  h = schedulerHarness(vendor);
  h.core.connectors.scheduler.start();
  client = contractClient(h.core, { actor: 'carol' });
  const added = await client.call('connectors/add-connector', { kind: 'n8n', name: 'prod', baseUrl: 'https://vendor.example.test', options: {}, credential: 'key-0123456789' });
  if (!added.ok) throw new Error(added.message);
  await h.advance(0);
  return { hh: h, api: client, calls, workflowId: h.core.ledger.workflows.list()[0]!.id };
}

describe('breaker and remediation through the connector control actions', () => {
  it('3 failures in 10 minutes: the workflow is deactivated on the vendor, audited, and the owner is told', async () => {
    const { hh, api, calls, workflowId } = await failingEstate();
    expect(hh.core.ledger.runs.count()).toBe(3);
    const desk = (await api.call('alerts/save-channel', { kind: 'desktop', name: 'owner' })).channel.id;
    await api.call('alerts/save-rule', { rule: { name: 'Breaker', severity: 'critical', scope: { kind: 'all' },
      condition: { kind: 'breaker', failures: 3, withinMinutes: 10 }, routing: { channelIds: [desk] } } });
    await hh.core.alerting.engine.settle();
    await hh.core.alerting.outbox.deliverDue();

    expect(calls).toEqual(['off:wf-1']);
    expect(hh.core.ledger.workflows.list()[0]!.active).toBe(false);
    const audit = hh.core.ledger.audit.list(undefined, 20);
    expect(audit).toContainEqual(expect.objectContaining({ actor: 'flowdeck (breaker)', action: 'workflows/deactivate-workflow', target: `workflow:${workflowId}` }));
    expect(audit).toContainEqual(expect.objectContaining({ actor: 'flowdeck (breaker)', action: 'incident.breaker-tripped' }));
    const raised = hh.events.filter((e) => e.name === 'notifications/raised').map((e) => e.payload.title);
    expect(raised).toEqual([expect.stringMatching(/^Incident: Workflow wf-1/), expect.stringMatching(/^Workflow paused: Workflow wf-1/)]);
    // Once: a later evaluation does not pause again.
    hh.core.alerting.engine.evaluate();
    await hh.core.alerting.engine.settle();
    expect(calls).toEqual(['off:wf-1']);
  });

  it('retry and pause from an incident go through the vendor under the caller’s name', async () => {
    const { hh, api, calls } = await failingEstate();
    await api.call('alerts/save-rule', { rule: { name: 'Any failure', scope: { kind: 'all' }, condition: { kind: 'any_failure' } } });
    const incident = (await api.call('incidents/list-incidents', {})).items[0]!;
    const lastRun = incident.runIds.at(-1)!;
    expect(await api.call('incidents/retry-incident-run', { id: incident.id, runId: lastRun })).toEqual({ ok: true, message: 'Retried execution 3.' });
    expect(await api.call('incidents/pause-workflow', { id: incident.id })).toEqual({ ok: true, message: 'Deactivated workflow wf-1.' });
    expect(calls).toEqual(['retry:3', 'off:wf-1']);
    const audit = hh.core.ledger.audit.list(undefined, 20).filter((e) => e.actor === 'carol').map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['runs/retry-run', 'incident.retried-run', 'workflows/deactivate-workflow', 'incident.paused-workflow']));
    const detail = await api.call('incidents/get-incident', { id: incident.id });
    expect(detail.ok && detail.events.map((e) => `${e.kind}:${e.actor ?? ''}`)).toEqual(['opened:', 'notified:opened:', 'retried-run:carol', 'paused-workflow:carol']);
  });
});
