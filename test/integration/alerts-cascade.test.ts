import { afterEach, describe, expect, it } from 'vitest';
import { alertCore, MIN, type AlertCore } from './alerts-helpers.ts';

/** Cascade grouping (issue 19): a failure downstream of an open incident joins it instead of paging again. */
const cores: AlertCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

describe('alert cascades', () => {
  it('groups a downstream failure within 15 min with the upstream incident; an unrelated one pages as usual', async () => {
    const c = alertCore();
    cores.push(c);
    const ch = await c.channel('desk');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { channelIds: [ch], remindEveryMinutes: 30, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 } });
    for (const wf of ['up', 'down', 'other']) c.run(wf, 'success');
    await c.step();
    await c.call('registry/add-edge', { from: c.workflowId('up'), to: c.workflowId('down'), note: 'up posts to down' });

    c.run('up', 'failed');
    await c.step();
    c.clock.set(c.clock.now() + 5 * MIN);
    c.run('down', 'failed');
    c.run('other', 'failed');
    await c.step();

    const { items } = await c.call('incidents/list-incidents', { status: 'all' });
    const of = (wf: string) => items.find((i) => i.workflowId === c.workflowId(wf))!;
    expect(c.sent.filter((s) => s.kind === 'opened').map((s) => s.incidentId).sort()).toEqual([of('up').id, of('other').id].sort());
    expect(of('down')).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'flowdeck (cascade)' });
    const up = await c.call('incidents/get-incident', { id: of('up').id });
    const down = await c.call('incidents/get-incident', { id: of('down').id });
    if (!up.ok || !down.ok) throw new Error('incident missing');
    expect(up.events.map((e) => e.kind)).toContain('cascade');
    expect(down.events.find((e) => e.kind === 'grouped')?.detail).toMatch(/^Part of a cascade: its input comes from Workflow up, whose incident #\d+ opened 5 min earlier\. Not paged again\.$/);

    // No reminder pages about the grouped one later.
    c.clock.set(c.clock.now() + 40 * MIN);
    await c.step();
    expect(c.sent.filter((s) => s.incidentId === of('down').id)).toEqual([]);
  });

  it('a downstream failure long after the upstream incident opened pages on its own', async () => {
    const c = alertCore();
    cores.push(c);
    const ch = await c.channel('desk');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { channelIds: [ch], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 } });
    for (const wf of ['up', 'down']) c.run(wf, 'success');
    await c.step();
    await c.call('registry/add-edge', { from: c.workflowId('up'), to: c.workflowId('down'), note: null });
    c.run('up', 'failed');
    await c.step();
    c.clock.set(c.clock.now() + 20 * MIN);
    c.run('down', 'failed');
    await c.step();
    expect(c.sent.filter((s) => s.kind === 'opened')).toHaveLength(2);
  });
});
