import { auditActorOf } from '../../core/contract/actor.ts';
import { describe, expect, it } from 'vitest';
import type { RegistryMetadata } from '../../core/contract/registry.ts';
import { alertCore, incidents, MIN, T0, type AlertCore } from './alerts-helpers.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const NO_ESCALATION = { remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 };
const BLANK: RegistryMetadata = { owner: null, purpose: null, runbook: null, environment: null, criticality: null, tags: [], expectedSchedule: null };

function meta(c: AlertCore, wf: string, m: Partial<RegistryMetadata>): void {
  expect(c.registry.saveMetadata(c.workflowId(wf), { ...BLANK, ...m }, auditActorOf({ actor: 'tester' })).ok).toBe(true);
}

const targets = (c: AlertCore) => incidents(c).map((i) => i.targetName).sort();

describe('alert rules read the workflow registry', () => {
  it('an environment scope matches the registry environment, and nothing else', async () => {
    const c = alertCore();
    for (const wf of ['w1', 'w2', 'w3']) c.run(wf, 'failed');
    meta(c, 'w1', { environment: 'production' });
    meta(c, 'w2', { environment: 'test' });
    await c.rule({ scope: { kind: 'environment', environment: 'production' }, condition: { kind: 'any_failure', graceMinutes: 0 } });
    await c.step();
    expect(targets(c)).toEqual(['Workflow w1']);
    c.close();
  });

  it('a tag scope matches registry tags as well as vendor tags', async () => {
    const c = alertCore();
    for (const wf of ['w1', 'w2', 'w3']) c.run(wf, 'failed');
    meta(c, 'w2', { tags: ['billing'] });
    ledgerDb(c.ledger).prepare(`UPDATE workflows SET tags_json = '["billing"]' WHERE external_id = 'w3'`).run();
    await c.rule({ scope: { kind: 'tag', tag: 'billing' }, condition: { kind: 'any_failure', graceMinutes: 0 } });
    await c.step();
    expect(targets(c)).toEqual(['Workflow w2', 'Workflow w3']);
    c.close();
  });

  it('missed runs ("auto") use the registry expected schedule, falling back to the n8n schedule trigger', async () => {
    const every15 = { nodes: [{ type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } } }] };
    const c = alertCore();
    for (const wf of ['w1', 'w2', 'w3', 'w4']) c.run(wf, 'success', { durationMs: 0 });
    // w1: registry every 15 min, no definition. w2: definition every 15 min, registry every 2 h (the registry wins).
    // w3: definition every 15 min, nothing in the registry (fallback). w4: neither (never expected).
    meta(c, 'w1', { expectedSchedule: { kind: 'interval', everyMinutes: 15 } });
    for (const wf of ['w2', 'w3']) ledgerDb(c.ledger).prepare('UPDATE workflows SET definition_json = ? WHERE external_id = ?').run(JSON.stringify(every15), wf);
    meta(c, 'w2', { expectedSchedule: { kind: 'interval', everyMinutes: 120 } });
    await c.rule({ condition: { kind: 'missed_run', schedule: { kind: 'auto' }, graceMinutes: 5 } });
    await c.step(T0 + 19 * MIN);
    expect(incidents(c)).toHaveLength(0);
    await c.step(T0 + 20 * MIN);
    expect(targets(c)).toEqual(['Workflow w1', 'Workflow w3']);
    await c.step(T0 + 125 * MIN);
    expect(targets(c)).toEqual(['Workflow w1', 'Workflow w2', 'Workflow w3']);
    c.close();
  });

  it('the registry schedule wins over a rule\'s own, as on the SLA page and in the live state (one expectation per workflow)', async () => {
    const c = alertCore();
    c.run('w1', 'success', { durationMs: 0 });
    meta(c, 'w1', { expectedSchedule: { kind: 'interval', everyMinutes: 60 } });
    await c.rule({ condition: { kind: 'missed_run', schedule: { kind: 'interval', everyMinutes: 15 }, graceMinutes: 5 } });
    await c.step(T0 + 30 * MIN);
    expect(incidents(c)).toHaveLength(0);
    expect(c.states.list(c.clock.now()).workflows[0]!.expectation).toMatchObject({ source: 'registry', label: 'every hour' });
    await c.step(T0 + 65 * MIN);
    expect(incidents(c)).toHaveLength(1);
    c.close();
  });

  it('owner routing: the owner channel hears about its workflows, other workflows only go to the rule channels', async () => {
    const c = alertCore();
    const desk = await c.channel('desk');
    await c.channel('ana@example.com');
    await c.channel('bob');
    c.run('w1', 'failed');
    c.run('w2', 'failed');
    meta(c, 'w1', { owner: 'Ana@example.com' });
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { channelIds: [desk], ...NO_ESCALATION } });
    await c.step();
    const w1 = incidents(c).find((i) => i.targetName === 'Workflow w1')!;
    const w2 = incidents(c).find((i) => i.targetName === 'Workflow w2')!;
    expect(c.sent.filter((s) => s.incidentId === w1.id).map((s) => s.channel).sort()).toEqual(['ana@example.com', 'desk']);
    expect(c.sent.filter((s) => s.incidentId === w2.id).map((s) => s.channel)).toEqual(['desk']);
    c.close();
  });

  it('owner routing reaches an email channel whose recipients include the owner, without escalations', async () => {
    const c = alertCore();
    const desk = await c.channel('desk');
    const backup = await c.channel('backup');
    await c.call('alerts/save-channel', { kind: 'email', name: 'Mail', config: { smtpHost: '127.0.0.1', to: ['ana@example.com'] } });
    c.run('w1', 'failed');
    meta(c, 'w1', { owner: 'ana@example.com' });
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 },
      routing: { ...NO_ESCALATION, channelIds: [desk], escalateAfterMinutes: 10, backupChannelIds: [backup] } });
    await c.step();
    await c.step(T0 + 11 * MIN);
    expect(c.sent.map((s) => `${s.kind}:${s.channel}`).sort()).toEqual(['escalated:backup', 'opened:Mail', 'opened:desk']);
    c.close();
  });
});
