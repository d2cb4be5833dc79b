import { describe, expect, it } from 'vitest';
import type { RuleCondition } from '../../core/contract/alerts.ts';
import { alertCore, incidents, MIN, T0, type AlertCore } from './alerts-helpers.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

type Step = (c: AlertCore) => void;
interface Scenario {
  name: string;
  condition: RuleCondition;
  /** Each step happens one minute after the previous; after each, the engine evaluates. */
  steps: Step[];
  /** Incident status after each step: '-' none, 'open', 'resolved'. */
  expect: ('-' | 'open' | 'resolved')[];
  /** Notifications (kind) expected in total. */
  notified: string[];
}

const ok = (c: AlertCore) => c.run('w1', 'success');
const fail = (c: AlertCore) => c.run('w1', 'failed');
const slow = (ms: number) => (c: AlertCore) => c.run('w1', 'success', { durationMs: ms });

const SCENARIOS: Scenario[] = [
  { name: 'any failure: fires on the first failure, once, resolves on success', condition: { kind: 'any_failure', graceMinutes: 0 },
    steps: [ok, fail, fail, ok], expect: ['-', 'open', 'open', 'resolved'], notified: ['opened', 'resolved'] },
  { name: 'consecutive failures: 3 in a row', condition: { kind: 'consecutive_failures', count: 3 },
    steps: [fail, fail, ok, fail, fail, fail, ok], expect: ['-', '-', '-', '-', '-', 'open', 'resolved'], notified: ['opened', 'resolved'] },
  { name: 'failure rate: above 50 % with at least 4 runs', condition: { kind: 'failure_rate', percent: 50, windowMinutes: 60, minRuns: 4 },
    steps: [fail, fail, ok, fail, ok, ok, ok], expect: ['-', '-', '-', 'open', 'open', 'resolved', 'resolved'], notified: ['opened', 'resolved'] },
  { name: 'duration above a threshold', condition: { kind: 'duration', thresholdMs: 10_000, p95Factor: null },
    steps: [slow(5_000), slow(20_000), slow(30_000), slow(5_000)], expect: ['-', 'open', 'open', 'resolved'], notified: ['opened', 'resolved'] },
  { name: 'ran but did nothing', condition: { kind: 'zero_items' },
    steps: [(c) => c.run('w1', 'success', { itemCount: 3 }), (c) => c.run('w1', 'success', { itemCount: 0 }), (c) => c.run('w1', 'success', { itemCount: 1 })],
    expect: ['-', 'open', 'resolved'], notified: ['opened', 'resolved'] },
  { name: 'flapping reopens the same incident without notifying again', condition: { kind: 'any_failure', graceMinutes: 0 },
    steps: [fail, ok, fail, ok, fail, ok], expect: ['open', 'resolved', 'open', 'resolved', 'open', 'resolved'], notified: ['opened', 'resolved'] },
  { name: 'a failure the vendor retried successfully never fires', condition: { kind: 'any_failure', graceMinutes: 0 },
    steps: [(c) => c.run('w1', 'failed', { retrySuccessId: 'r99' }), ok], expect: ['-', '-'], notified: [] },
];

describe('alert rules: scenario table', () => {
  for (const s of SCENARIOS) {
    it(s.name, async () => {
      const c = alertCore();
      const ch = await c.channel('desk');
      c.run('w1', 'success', { at: T0 - 60 * MIN });
      await c.rule({ condition: s.condition, routing: { channelIds: [ch], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 } });
      const seen: string[] = [];
      for (const [i, stepFn] of s.steps.entries()) {
        c.clock.set(T0 + i * MIN);
        stepFn(c);
        await c.step();
        const all = incidents(c);
        expect(all.length, `one incident per rule and target (step ${i})`).toBeLessThanOrEqual(1);
        seen.push(all[0]?.status ?? '-');
      }
      expect(seen).toEqual(s.expect);
      expect(c.sent.map((m) => m.kind)).toEqual(s.notified);
      c.close();
    });
  }

  it('duration above k × the workflow p95 (rollup histograms)', async () => {
    const c = alertCore();
    for (let i = 0; i < 40; i++) c.run('w1', 'success', { at: T0 - 3 * 3_600_000 + i * MIN, durationMs: 1000 });
    await c.rule({ condition: { kind: 'duration', thresholdMs: null, p95Factor: 3 } });
    c.run('w1', 'success', { durationMs: 2500 });
    await c.step();
    expect(incidents(c)).toHaveLength(0);
    c.run('w1', 'success', { at: T0 + MIN, durationMs: 5000 });
    await c.step(T0 + 2 * MIN);
    expect(incidents(c)[0]?.status).toBe('open');
    c.close();
  });

  it('connector needs attention opens an incident on the connector and resolves when healthy', async () => {
    const c = alertCore();
    // The built-in rule watches connectors (migration 0007); a second rule just like it would be refused as a duplicate.
    expect((await c.call('alerts/list-rules', {})).items.filter((r) => r.condition.kind === 'connector_attention')).toHaveLength(1);
    c.ledger.connectors.setHealth('c1', 'needs_attention', 'The API key was rejected');
    await c.step();
    expect(incidents(c)[0]).toMatchObject({ target: 'connector:c1', status: 'open', summary: 'The API key was rejected' });
    c.ledger.connectors.setHealth('c1', 'ok', null);
    await c.step(T0 + MIN);
    expect(incidents(c)[0]?.status).toBe('resolved');
    c.close();
  });

  it('recovery threshold: the condition must stay clear before resolving', async () => {
    const c = alertCore();
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { channelIds: [], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 10, flapMinutes: 30 } });
    fail(c);
    await c.step();
    ok(c);
    await c.step(T0 + MIN);
    expect(incidents(c)[0]?.status).toBe('open');
    await c.step(T0 + 10 * MIN);
    expect(incidents(c)[0]?.status).toBe('open');
    await c.step(T0 + 11 * MIN);
    expect(incidents(c)[0]?.status).toBe('resolved');
    c.close();
  });

  it('scopes: one workflow, a tag (workflows carry tags) and an environment (no column yet: matches nothing)', async () => {
    const c = alertCore();
    c.run('w1', 'failed');
    c.run('w2', 'failed');
    ledgerDb(c.ledger).prepare(`UPDATE workflows SET tags_json = '["billing"]' WHERE external_id = 'w2'`).run();
    await c.rule({ name: 'one', condition: { kind: 'any_failure', graceMinutes: 0 }, scope: { kind: 'workflow', workflowId: c.workflowId('w1') } });
    await c.rule({ name: 'tag', condition: { kind: 'any_failure', graceMinutes: 0 }, scope: { kind: 'tag', tag: 'billing' } });
    await c.rule({ name: 'env', condition: { kind: 'any_failure', graceMinutes: 0 }, scope: { kind: 'environment', environment: 'prod' } });
    const byRule = incidents(c).map((i) => `${i.ruleName}:${i.targetName}`).sort();
    expect(byRule).toEqual(['one:Workflow w1', 'tag:Workflow w2']);
    c.close();
  });
});

describe('resolving by hand', () => {
  it('the same failures stay resolved; a new failure opens a new incident and notifies', async () => {
    const c = alertCore();
    const ch = await c.channel('desk');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { channelIds: [ch], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 } });
    c.run('w1', 'failed', { deepLink: 'https://n8n.example.test/workflow/w1/executions/9' });
    await c.step();
    const first = incidents(c)[0]!;
    expect(first.deepLink).toBe('https://n8n.example.test/workflow/w1/executions/9');
    await c.call('incidents/resolve-incident', { id: first.id }, 'bob');
    await c.step(T0 + MIN);
    expect(incidents(c).map((i) => [i.id, i.status, i.resolvedBy])).toEqual([[first.id, 'resolved', 'bob']]);
    c.run('w1', 'failed', { at: T0 + 2 * MIN });
    await c.step(T0 + 2 * MIN);
    expect(incidents(c).filter((i) => i.status === 'open')).toHaveLength(1);
    expect(c.sent.map((s) => s.kind)).toEqual(['opened', 'opened']);
    c.close();
  });
});
