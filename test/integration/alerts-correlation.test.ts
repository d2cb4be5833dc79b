import { describe, expect, it } from 'vitest';
import { alertCore, incidents, MIN, T0, type AlertCore } from './alerts-helpers.ts';

function version(c: AlertCore, wf: string, at: number, n: number): number {
  return c.registry.versions.insert({ workflowId: c.workflowId(wf), contentHash: `h${n}`, definitionJson: JSON.stringify({ nodes: [], n }),
    vendorVersionId: null, author: 'ana', source: 'poll', createdAt: at });
}

describe('incident ↔ version correlation', () => {
  it('the incident detail says failures began N minutes after version V, with the version to diff', async () => {
    const c = alertCore();
    for (let at = T0 - 10 * 60 * MIN; at < T0 - 60 * MIN; at += 10 * MIN) c.run('w1', 'success', { at, durationMs: 0 });
    for (let at = T0 - 40 * MIN; at <= T0; at += 10 * MIN) c.run('w1', 'failed', { at, durationMs: 0 });
    c.run('w2', 'failed', { durationMs: 0 });
    version(c, 'w1', T0 - 2 * 24 * 60 * MIN, 1);
    const v2 = version(c, 'w1', T0 - 60 * MIN, 2);
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 } });
    await c.step();
    const w1 = incidents(c).find((i) => i.targetName === 'Workflow w1')!;
    const w2 = incidents(c).find((i) => i.targetName === 'Workflow w2')!;
    const detail = await c.call('incidents/get-incident', { id: w1.id });
    expect(detail.ok && detail.correlation).toEqual({
      workflowId: c.workflowId('w1'), versionId: v2, versionNumber: 2, minutes: 20, message: expect.stringMatching(/^Failures began 20 minutes after version 2 /),
    });
    expect(c.registry.correlationFor(c.workflowId('w1'), w1.openedAt)).toMatch(/^Failures began 20 minutes after version 2/);
    // No version history (or no spike after one): nothing to say.
    const other = await c.call('incidents/get-incident', { id: w2.id });
    expect(other.ok && other.correlation).toBeNull();
    c.close();
  });

  it('a version after the incident opened is not blamed for it', async () => {
    const c = alertCore();
    for (let at = T0 - 10 * 60 * MIN; at < T0 - 60 * MIN; at += 10 * MIN) c.run('w1', 'success', { at, durationMs: 0 });
    for (let at = T0 - 40 * MIN; at <= T0; at += 10 * MIN) c.run('w1', 'failed', { at, durationMs: 0 });
    version(c, 'w1', T0 - 3 * 24 * 60 * MIN, 1);
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 } });
    await c.step();
    const v2 = version(c, 'w1', T0 + 5 * MIN, 2);
    c.clock.set(T0 + 40 * MIN);
    for (let at = T0 + 10 * MIN; at <= T0 + 40 * MIN; at += 10 * MIN) c.run('w1', 'failed', { at, durationMs: 0 });
    const detail = await c.call('incidents/get-incident', { id: incidents(c)[0]!.id });
    expect(detail.ok && detail.correlation).toBeNull();
    // The same spike seen from after version 2 is blamed on it.
    expect(c.registry.correlationAt(c.workflowId('w1'), T0 + 40 * MIN)?.versionId).toBe(v2);
    c.close();
  });
});
