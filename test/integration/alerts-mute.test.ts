import { describe, expect, it } from 'vitest';
import type { AlertSettings } from '../../core/contract/alerts.ts';
import { CoreError } from '../../core/contract/errors.ts';
import { alertCore, MIN, T0 } from './alerts-helpers.ts';

/** The refusal a call ends in: its field and plain message. */
async function refusal(p: Promise<unknown>): Promise<{ field: string | undefined; message: string }> {
  try {
    await p;
  } catch (error) {
    if (error instanceof CoreError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('the call was not refused');
}

const anyFailure = { kind: 'any_failure' as const, graceMinutes: 10 };

describe('alert rules: no empty rule, no exact duplicate', () => {
  it('refuses a rule without a name', async () => {
    const c = alertCore();
    const before = (await c.call('alerts/list-rules', {})).items;
    const r = await refusal(c.call('alerts/save-rule', { rule: { name: '   ', scope: { kind: 'all' }, condition: anyFailure } }));
    expect(r.field).toBe('rule.name');
    expect(r.message).toMatch(/name/);
    expect((await c.call('alerts/list-rules', {})).items).toEqual(before);
  });

  it('refuses a second rule with the same condition, workflows and severity, naming the first', async () => {
    const c = alertCore();
    const count = (await c.call('alerts/list-rules', {})).items.length;
    const first = await c.call('alerts/save-rule', { rule: { name: 'Any failure', scope: { kind: 'all' }, condition: anyFailure } });
    const channel = await c.channel('Ops');
    // Another name and other channels do not make it another rule: it would open the same incidents again.
    const r = await refusal(c.call('alerts/save-rule', { rule: { name: 'Untitled rule', scope: { kind: 'all' }, condition: anyFailure, routing: { channelIds: [channel] } } }));
    expect(r).toEqual({ field: 'rule', message: expect.stringContaining('“Any failure” already watches the same workflows for the same condition') });
    expect(r.message).toMatch(/^rule: /);
    expect((await c.call('alerts/list-rules', {})).items).toHaveLength(count + 1);

    // Different severity, grace or scope: a different rule.
    await c.call('alerts/save-rule', { rule: { name: 'Critical', severity: 'critical', scope: { kind: 'all' }, condition: anyFailure } });
    await c.call('alerts/save-rule', { rule: { name: 'Later', scope: { kind: 'all' }, condition: { ...anyFailure, graceMinutes: 30 } } });
    c.run('w1', 'success');
    await c.call('alerts/save-rule', { rule: { name: 'One', scope: { kind: 'workflow', workflowId: c.workflowId('w1') }, condition: anyFailure } });
    // Saving a rule again under its own id is not a duplicate of itself; editing another into its twin is.
    await c.call('alerts/save-rule', { id: first.rule.id, rule: { name: 'Any failure (renamed)', scope: { kind: 'all' }, condition: anyFailure } });
    const later = (await c.call('alerts/list-rules', {})).items.find((x) => x.name === 'Later')!;
    const edit = await refusal(c.call('alerts/save-rule', { id: later.id, rule: { name: 'Later', scope: { kind: 'all' }, condition: anyFailure } }));
    expect(edit.message).toContain('“Any failure (renamed)”');
  });
});

describe('maintenance windows and the mute status', () => {
  const windows = (c: ReturnType<typeof alertCore>, w: AlertSettings['maintenanceWindows']) =>
    c.call('alerts/get-settings', {}).then((s) => c.call('alerts/save-settings', { ...s, maintenanceWindows: w }));

  it('refuses a window that is over, that ends before it starts, or that starts in the past; an old saved one never blocks', async () => {
    const c = alertCore();
    expect(await refusal(windows(c, [{ id: 'a', label: 'x', from: T0 - 60 * MIN, to: T0 - MIN, workflowIds: [] }])))
      .toEqual({ field: 'maintenanceWindows.0.to', message: expect.stringContaining('would already be over') });
    expect(await refusal(windows(c, [{ id: 'a', label: 'x', from: T0 + 60 * MIN, to: T0 + 60 * MIN, workflowIds: [] }])))
      .toEqual({ field: 'maintenanceWindows.0.to', message: expect.stringContaining('must end after it starts') });
    expect(await refusal(windows(c, [{ id: 'a', label: 'x', from: T0 - 60 * MIN, to: T0 + 60 * MIN, workflowIds: [] }])))
      .toEqual({ field: 'maintenanceWindows.0.from', message: expect.stringContaining('would start in the past') });
    // "Start now" from a clock a little behind the core's is fine.
    await windows(c, [{ id: 'now', label: 'Upgrade', from: T0 - MIN, to: T0 + 60 * MIN, workflowIds: [] }]);
    // Two hours on, the window is over but still listed: saving quiet hours does not trip on it.
    c.clock.set(T0 + 120 * MIN);
    const s = await c.call('alerts/get-settings', {});
    await c.call('alerts/save-settings', { ...s, quietHours: { ...s.quietHours, enabled: true } });
    expect((await c.call('alerts/get-settings', {})).maintenanceWindows.map((w) => w.id)).toEqual(['now']);
  });

  it('reports a window in force with what it mutes and until when, and clears when it is removed', async () => {
    const c = alertCore();
    c.run('w1', 'success');
    const announced: string[][] = [];
    c.events.subscribe('ledger/changed', ({ tables }) => announced.push(tables));
    expect(await c.call('alerts/get-mute-status', {})).toEqual({ muted: false, reasons: [] });
    await windows(c, [{ id: 'm', label: 'Supplier upgrade', from: T0, to: T0 + 60 * MIN, workflowIds: [c.workflowId('w1')] }]);
    expect(announced.at(-1)).toContain('alert_settings');
    expect(await c.call('alerts/get-mute-status', {})).toEqual({
      muted: true, reasons: [{ kind: 'maintenance', label: 'Maintenance “Supplier upgrade” mutes “Workflow w1”', until: T0 + 60 * MIN }],
    });
    await windows(c, []);
    expect(await c.call('alerts/get-mute-status', {})).toEqual({ muted: false, reasons: [] });
  });

  it('keeps the display time zone, and refuses one that does not exist', async () => {
    const c = alertCore();
    const s = await c.call('alerts/get-settings', {});
    expect(s.displayTimeZone).toBeNull();
    await c.call('alerts/save-settings', { ...s, displayTimeZone: 'Asia/Kolkata' });
    expect((await c.call('alerts/get-settings', {})).displayTimeZone).toBe('Asia/Kolkata');
    expect(await refusal(c.call('alerts/save-settings', { ...s, displayTimeZone: 'Mars/Olympus' }))).toMatchObject({ field: 'displayTimeZone' });
  });
});

describe('alerts/check-rule', () => {
  it('says what saving would refuse, and saves nothing', async () => {
    const c = alertCore();
    await c.call('alerts/save-rule', { rule: { name: 'Any failure', scope: { kind: 'all' }, condition: anyFailure } });
    const count = (await c.call('alerts/list-rules', {})).items.length;
    expect(await refusal(c.call('alerts/check-rule', { rule: { name: 'Twin', scope: { kind: 'all' }, condition: anyFailure } })))
      .toMatchObject({ field: 'rule', message: expect.stringContaining('“Any failure”') });
    expect(await refusal(c.call('alerts/check-rule', { rule: { name: 'Cron', scope: { kind: 'all' }, condition: { kind: 'missed_run', schedule: { kind: 'cron', cron: 'every day', timezone: 'UTC' }, graceMinutes: 5 } } })))
      .toMatchObject({ field: 'rule.condition.schedule.cron' });
    expect(await c.call('alerts/check-rule', { rule: { name: 'Three', scope: { kind: 'all' }, condition: { kind: 'consecutive_failures', count: 3 } } })).toEqual({ ok: true });
    expect((await c.call('alerts/list-rules', {})).items).toHaveLength(count);
  });
});
