import { describe, expect, it } from 'vitest';
import { nextExpected, scheduleFromDefinition } from '../../core/sync/schedules/index.ts';
import { CoreError } from '../../core/contract/errors.ts';
import { alertCore, incidents, MIN, T0 } from './alerts-helpers.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const NO_ESCALATION = { remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 };

describe('missed runs', () => {
  it('every 15 minutes + 5 minutes grace: the incident opens at 20 minutes, not before', async () => {
    const c = alertCore();
    const ch = await c.channel('desk');
    for (let i = 0; i <= 4; i++) c.run('w1', 'success', { at: T0 - 60 * MIN + i * 15 * MIN, durationMs: 0 });
    await c.rule({ condition: { kind: 'missed_run', schedule: { kind: 'interval', everyMinutes: 15 }, graceMinutes: 5 }, routing: { channelIds: [ch], ...NO_ESCALATION } });
    for (const m of [0, 5, 15, 19]) {
      await c.step(T0 + m * MIN);
      expect(incidents(c), `at ${m} min`).toHaveLength(0);
    }
    await c.step(T0 + 20 * MIN - 1);
    expect(incidents(c)).toHaveLength(0);
    await c.step(T0 + 20 * MIN);
    expect(incidents(c)[0]?.status).toBe('open');
    expect(c.sent.map((s) => s.kind)).toEqual(['opened']);
    // It runs again: resolved.
    c.run('w1', 'success', { at: T0 + 21 * MIN });
    await c.step(T0 + 21 * MIN);
    expect(incidents(c)[0]?.status).toBe('resolved');
    c.close();
  });

  it('cron expectations are read in the rule time zone, across the DST change', () => {
    const s = { kind: 'cron' as const, cron: '0 9 * * *', timezone: 'Europe/Berlin' };
    // 09:00 CET = 08:00Z on Saturday 28 March 2026; clocks go forward that night, so Sunday's 09:00 CEST = 07:00Z.
    expect(new Date(nextExpected(s, Date.UTC(2026, 2, 28, 8, 0, 30))!).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(new Date(nextExpected(s, Date.UTC(2026, 2, 29, 7, 0, 30))!).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    const ny = { kind: 'cron' as const, cron: '30 6 * * 1-5', timezone: 'America/New_York' };
    expect(new Date(nextExpected(ny, Date.UTC(2026, 10, 27, 12))!).toISOString()).toBe('2026-11-30T11:30:00.000Z');
  });

  it('a daily cron workflow in Berlin: no incident before the grace after 09:00 local, one after', async () => {
    const c = alertCore();
    c.clock.set(Date.UTC(2026, 2, 28, 8, 0, 20));
    c.run('w1', 'success', { durationMs: 0 });
    await c.rule({ condition: { kind: 'missed_run', schedule: { kind: 'cron', cron: '0 9 * * *', timezone: 'Europe/Berlin' }, graceMinutes: 10 } });
    await c.step(Date.UTC(2026, 2, 29, 7, 9, 59));
    expect(incidents(c)).toHaveLength(0);
    await c.step(Date.UTC(2026, 2, 29, 7, 10));
    expect(incidents(c)).toHaveLength(1);
    c.close();
  });

  it('derives the expectation from an n8n Schedule Trigger when the rule says auto', async () => {
    const def = { nodes: [{ type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } } }], settings: { timezone: 'Europe/Berlin' } };
    expect(scheduleFromDefinition(def)).toEqual({ kind: 'interval', everyMs: 15 * MIN });
    expect(scheduleFromDefinition({ nodes: [{ type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: 'cronExpression', expression: '0 6 * * 1-5' }] } } }] }))
      .toEqual({ kind: 'cron', cron: '0 6 * * 1-5', timezone: 'UTC' });
    const c = alertCore();
    c.run('w1', 'success');
    c.run('w2', 'success');
    ledgerDb(c.ledger).prepare(`UPDATE workflows SET definition_json = ? WHERE external_id = 'w1'`).run(JSON.stringify(def));
    await c.rule({ condition: { kind: 'missed_run', schedule: { kind: 'auto' }, graceMinutes: 5 } });
    await c.step(T0 + 20 * MIN);
    expect(incidents(c).map((i) => i.targetName)).toEqual(['Workflow w1']);
    c.close();
  });
});

describe('retry-aware', () => {
  it('a failure whose retry succeeds within the grace does not notify', async () => {
    const c = alertCore();
    const ch = await c.channel('desk');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 10 }, routing: { channelIds: [ch], ...NO_ESCALATION } });
    c.run('w1', 'failed');
    await c.step(T0 + 5 * MIN);
    c.run('w1', 'success', { at: T0 + 6 * MIN });
    for (const m of [6, 10, 11, 30]) await c.step(T0 + m * MIN);
    expect(incidents(c)).toHaveLength(0);
    expect(c.sent).toEqual([]);
  });

  it('a failure nobody fixes notifies once the grace is over', async () => {
    const c = alertCore();
    const ch = await c.channel('desk');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 10 }, routing: { channelIds: [ch], ...NO_ESCALATION } });
    c.run('w1', 'failed');
    await c.step(T0 + 9 * MIN);
    expect(c.sent).toEqual([]);
    await c.step(T0 + 10 * MIN);
    expect(c.sent.map((s) => s.kind)).toEqual(['opened']);
  });
});

describe('escalation', () => {
  it('unacknowledged: reminders at the interval, then the backup channel after M minutes; acknowledged: reminders stop', async () => {
    const c = alertCore();
    const main = await c.channel('main');
    const backup = await c.channel('backup');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 },
      routing: { channelIds: [main], backupChannelIds: [backup], remindEveryMinutes: 10, escalateAfterMinutes: 30, recoveryMinutes: 0, flapMinutes: 30 } });
    c.run('w1', 'failed');
    for (let m = 0; m <= 34; m++) await c.step(T0 + m * MIN);
    expect(c.sent.map((s) => `${s.channel}:${s.kind}`)).toEqual(['main:opened', 'main:reminder', 'main:reminder', 'backup:escalated']);
    const id = incidents(c)[0]!.id;
    await c.call('incidents/acknowledge-incident', { id }, 'alice');
    for (let m = 35; m <= 120; m += 5) await c.step(T0 + m * MIN);
    expect(c.sent).toHaveLength(4);
    expect(incidents(c)[0]).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'alice' });
  });

  it('snooze holds reminders until it ends', async () => {
    const c = alertCore();
    const main = await c.channel('main');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { ...NO_ESCALATION, channelIds: [main], remindEveryMinutes: 10 } });
    c.run('w1', 'failed');
    await c.step();
    await c.call('incidents/snooze-incident', { id: incidents(c)[0]!.id, minutes: 60 });
    for (let m = 5; m < 70; m += 5) await c.step(T0 + m * MIN);
    expect(c.sent.map((s) => s.kind)).toEqual(['opened']);
    await c.step(T0 + 70 * MIN);
    expect(c.sent.map((s) => s.kind)).toEqual(['opened', 'reminder']);
  });
});

describe('policies', () => {
  it('quiet hours hold warnings but not critical incidents; maintenance windows and mutes hold everything', async () => {
    const c = alertCore();
    const ch = await c.channel('desk');
    await c.call('alerts/save-settings', { quietHours: { enabled: true, startMinute: 11 * 60, endMinute: 13 * 60, timezone: 'UTC' }, maintenanceWindows: [], mutedWorkflowIds: [] });
    await c.rule({ name: 'warn', severity: 'warning', condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { ...NO_ESCALATION, channelIds: [ch] } });
    await c.rule({ name: 'crit', severity: 'critical', condition: { kind: 'consecutive_failures', count: 2 }, routing: { ...NO_ESCALATION, channelIds: [ch] } });
    c.run('w1', 'failed');
    c.run('w1', 'failed', { at: T0 + 1 });
    await c.step(T0 + MIN);
    expect(incidents(c)).toHaveLength(2);
    expect(c.sent.map((s) => s.title)).toEqual([expect.stringContaining('crit')]);
    // When quiet hours end (13:00 UTC) the held warning goes out, once.
    await c.step(T0 + 59 * MIN);
    expect(c.sent).toHaveLength(1);
    await c.step(T0 + 60 * MIN);
    await c.step(T0 + 61 * MIN);
    expect(c.sent.map((s) => s.title)).toEqual([expect.stringContaining('crit'), expect.stringContaining('warn')]);

    const d = alertCore();
    const dch = await d.channel('desk');
    d.run('w1', 'failed');
    await d.call('alerts/save-settings', { maintenanceWindows: [{ id: 'm1', label: 'upgrade', from: T0 - MIN, to: T0 + 60 * MIN, workflowIds: [d.workflowId('w1')] }] });
    await d.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { ...NO_ESCALATION, channelIds: [dch] } });
    await d.step();
    expect(incidents(d)).toHaveLength(1);
    expect(d.sent).toEqual([]);
    const events = await d.call('incidents/get-incident', { id: incidents(d)[0]!.id });
    expect(events.ok && events.events.map((e) => e.detail)).toContain('Notification held: maintenance window');
  });

  it('a muted rule records incidents without notifying', async () => {
    const c = alertCore();
    const ch = await c.channel('desk');
    await c.rule({ muted: true, condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { ...NO_ESCALATION, channelIds: [ch] } });
    c.run('w1', 'failed');
    await c.step();
    expect(incidents(c)).toHaveLength(1);
    expect(c.sent).toEqual([]);
  });
});

describe('breaker', () => {
  it('N failures in M minutes deactivates the workflow on the vendor, audits it and tells the owner', async () => {
    const c = alertCore();
    const ch = await c.channel('owner');
    await c.rule({ name: 'breaker', severity: 'critical', condition: { kind: 'breaker', failures: 3, withinMinutes: 10 }, routing: { ...NO_ESCALATION, channelIds: [ch] } });
    c.run('w1', 'failed', { at: T0 });
    c.run('w1', 'failed', { at: T0 + 4 * MIN });
    await c.step(T0 + 4 * MIN);
    expect(c.remediations).toEqual([]);
    c.run('w1', 'failed', { at: T0 + 8 * MIN });
    await c.step(T0 + 8 * MIN);
    await c.step(T0 + 9 * MIN);
    expect(c.remediations).toEqual([`deactivate workflow ${c.workflowId('w1')} by flowdeck (breaker)`]);
    expect(c.sent.map((s) => s.kind)).toEqual(['opened', 'paused']);
    const audit = await c.call('audit/search-entries', { action: 'incident.breaker' });
    expect(audit.items[0]).toMatchObject({ actor: 'flowdeck (breaker)', action: 'incident.breaker-tripped', detail: expect.objectContaining({ workflowId: c.workflowId('w1') }) });
  });

  it('a vendor that refuses is recorded, not thrown', async () => {
    const c = alertCore({ remediator: { retryRun: () => Promise.reject(new Error('nope')), deactivateWorkflow: async () => ({ ok: false, message: '401 from n8n' }) } });
    await c.rule({ condition: { kind: 'breaker', failures: 1, withinMinutes: 10 } });
    c.run('w1', 'failed');
    await c.step();
    const audit = await c.call('audit/search-entries', { action: 'incident.breaker' });
    expect(audit.items[0]).toMatchObject({ action: 'incident.breaker-failed', detail: expect.objectContaining({ message: '401 from n8n' }) });
  });
});

describe('bad input and preview', () => {
  it('an invalid cron, an unknown zone and a negative window are field-level errors', async () => {
    const c = alertCore();
    const bad = (condition: unknown) => c.call('alerts/save-rule', { rule: { name: 'x', scope: { kind: 'all' }, condition: condition as never } });
    await expect(bad({ kind: 'missed_run', schedule: { kind: 'cron', cron: 'every day', timezone: 'UTC' }, graceMinutes: 5 }))
      .rejects.toMatchObject({ kind: 'validation', field: 'rule.condition.schedule.cron' });
    await expect(bad({ kind: 'missed_run', schedule: { kind: 'cron', cron: '0 9 * * *', timezone: 'Mars/Olympus' }, graceMinutes: 5 }))
      .rejects.toMatchObject({ field: 'rule.condition.schedule.timezone' });
    await expect(bad({ kind: 'failure_rate', percent: 10, windowMinutes: -5, minRuns: 3 })).rejects.toMatchObject({ field: 'rule.condition.windowMinutes' });
    await expect(bad({ kind: 'missed_run', schedule: { kind: 'interval', everyMinutes: 15 }, graceMinutes: -1 })).rejects.toBeInstanceOf(CoreError);
    // Nothing was saved: only Flowdeck's own two watch rules (connectors it cannot see, vendor switch-offs) are there.
    expect(c.alerting.store.rules.listRules().map((r) => r.condition.kind)).toEqual(['connector_attention', 'vendor_paused']);
  });

  it('preview replays the rule over history: "would have fired N times"', async () => {
    const c = alertCore();
    // Three separate failure episodes over the past week, each followed by a success.
    for (const day of [1, 3, 5]) {
      c.run('w1', 'failed', { at: T0 - day * 86_400_000 });
      c.run('w1', 'success', { at: T0 - day * 86_400_000 + 60 * MIN });
    }
    const p = await c.call('alerts/preview-rule', { rule: { name: 'p', scope: { kind: 'all' }, condition: { kind: 'any_failure', graceMinutes: 0 } }, days: 7 });
    expect(p.fired).toBe(3);
    expect(p.targets).toEqual([{ target: `workflow:${c.workflowId('w1')}`, name: 'Workflow w1', firings: 3 }]);
    expect(incidents(c)).toEqual([]);
  });
});
