import { describe, expect, it } from 'vitest';
import { AlertRule, type RuleCondition, type RuleScope } from '../contract/alerts.ts';
import type { WorkflowFact } from '../alerts/types.ts';
import { resolveExpectations, scheduleLabel } from './sla-expectations.ts';

const n8nEvery15 = { nodes: [{ type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } } }] };
const wf = (id: number, over: Partial<WorkflowFact> = {}): WorkflowFact => ({
  id, connectorId: 'c', externalId: String(id), name: `W${id}`, active: true, archived: false, createdAt: 0, tags: [], environment: null,
  owner: null, expectedSchedule: null, definition: n8nEvery15, lastStartedAt: null, p95Ms: null, ...over,
});
let nextId = 1;
const rule = (scope: RuleScope, condition: RuleCondition, enabled = true) =>
  AlertRule.parse({ id: nextId++, createdAt: 0, updatedAt: 0, name: 'r', enabled, scope, condition });

describe('SLA expectations', () => {
  it('prefer the registry, then a missed-run rule, then the vendor definition; paused workflows expect nothing', () => {
    const rules = [
      rule({ kind: 'workflow', workflowId: 2 }, { kind: 'missed_run', schedule: { kind: 'interval', everyMinutes: 60 }, graceMinutes: 20 }),
      rule({ kind: 'workflow', workflowId: 1 }, { kind: 'missed_run', schedule: { kind: 'interval', everyMinutes: 60 }, graceMinutes: 20 }),
      rule({ kind: 'all' }, { kind: 'duration', thresholdMs: 90_000, p95Factor: null }),
      rule({ kind: 'workflow', workflowId: 3 }, { kind: 'duration', thresholdMs: 30_000, p95Factor: null }),
      rule({ kind: 'workflow', workflowId: 3 }, { kind: 'missed_run', schedule: { kind: 'interval', everyMinutes: 5 }, graceMinutes: 0 }, false),
    ];
    const out = resolveExpectations([
      wf(1, { expectedSchedule: { kind: 'cron', cron: '0 2 * * *', timezone: 'Europe/Berlin' } }),
      wf(2),
      wf(3),
      wf(4, { active: false }),
      wf(5, { definition: { nodes: [] } }),
    ], rules);
    expect(out.get(1)).toMatchObject({ basis: 'registry', schedule: { kind: 'cron', cron: '0 2 * * *', timezone: 'Europe/Berlin' }, graceMs: 20 * 60_000 });
    expect(out.get(2)).toMatchObject({ basis: 'rule', schedule: { kind: 'interval', everyMs: 3_600_000 }, graceMs: 20 * 60_000, thresholdMs: 90_000 });
    expect(out.get(3)).toMatchObject({ basis: 'vendor', schedule: { kind: 'interval', everyMs: 15 * 60_000 }, graceMs: 5 * 60_000, thresholdMs: 30_000 });
    expect(out.get(4)).toMatchObject({ basis: 'observed', schedule: null });
    expect(out.get(5)).toMatchObject({ basis: 'observed', schedule: null, thresholdMs: 90_000 });
  });
});

describe('schedule labels', () => {
  it('say a weekly window in words, without hours when it spans the whole day', () => {
    const window = (fromMinute: number, toMinute: number) => ({ days: [1, 2, 3, 4, 5], fromMinute, toMinute, timezone: 'UTC' });
    expect(scheduleLabel({ kind: 'windowed', everyMs: 3_600_000, window: window(0, 1440) })).toBe('every hour, weekdays (UTC)');
    expect(scheduleLabel({ kind: 'windowed', everyMs: 900_000, window: window(540, 1020) })).toBe('every 15 min, 09:00–17:00, weekdays (UTC)');
    expect(scheduleLabel({ kind: 'crons', crons: ['0 6 * * *', '30 18 * * 5'], timezone: 'UTC' })).toBe('every day at 06:00 (UTC); every Friday at 18:30 (UTC)');
    // GitHub runs a schedule at most every 5 minutes: the label says what Flowdeck expects, not what the cron says.
    expect(scheduleLabel({ kind: 'cron', cron: '* * * * *', timezone: 'UTC', minGapMs: 300_000 })).toBe('every 5 min, the fastest its vendor runs it');
    expect(scheduleLabel({ kind: 'cron', cron: '*/2 * * * *', timezone: 'UTC', minGapMs: 300_000 })).toBe('every 5 min, the fastest its vendor runs it');
    expect(scheduleLabel({ kind: 'crons', crons: ['0 6 * * *', '2 6 * * *'], timezone: 'UTC', minGapMs: 300_000 }))
      .toBe('every day at 06:00 (UTC); every day at 06:02 (UTC); at most every 5 min');
    expect(scheduleLabel({ kind: 'cron', cron: '*/10 * * * *', timezone: 'UTC' })).toBe('every 10 min');
  });
});
