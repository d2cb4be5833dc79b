import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertRule, RuleDraft, type RuleCondition, type RuleScope } from '../../../core/contract/alerts.ts';
import { setDisplayTimeZone } from '../../lib/format.ts';
import { draftOf, EMPTY_RULE, fromRule, newRuleForm, notifiesNoChannel, previewSentence, scopeFromValue, scopeValue, toDraft } from './rule-form.ts';

describe('rule form', () => {
  it('builds a draft the contract accepts for every condition kind', () => {
    for (const kind of ['any_failure', 'consecutive_failures', 'failure_rate', 'duration', 'missed_run', 'zero_items', 'connector_attention', 'breaker'] as const) {
      const draft = toDraft({ ...EMPTY_RULE, name: 'r', kind });
      expect(RuleDraft.safeParse(draft).success, kind).toBe(true);
      expect(draft.condition.kind).toBe(kind);
    }
  });

  it('scopes to one workflow and keeps a cron schedule with its zone', () => {
    const d = toDraft({ ...EMPTY_RULE, kind: 'missed_run', scheduleKind: 'cron', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', scope: 'workflow', workflowId: 7 });
    expect(d.scope).toEqual({ kind: 'workflow', workflowId: 7 });
    expect(d.condition).toEqual({ kind: 'missed_run', schedule: { kind: 'cron', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' }, graceMinutes: 5 });
  });

  it('gives an empty form no stand-in name, so the contract refuses it', () => {
    const draft = toDraft({ ...EMPTY_RULE, name: '   ' });
    expect(draft.name).toBe('');
    const parsed = RuleDraft.safeParse(draft);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['name']);
  });

  it('starts a new rule’s cron zone at the display time zone, and knows when it notifies no channel', () => {
    setDisplayTimeZone('Asia/Kolkata');
    expect(newRuleForm().timezone).toBe('Asia/Kolkata');
    setDisplayTimeZone(null);
    expect(notifiesNoChannel(EMPTY_RULE)).toBe(true);
    expect(notifiesNoChannel({ ...EMPTY_RULE, channelIds: [3] })).toBe(false);
    expect(notifiesNoChannel({ ...EMPTY_RULE, backupChannelIds: [3] })).toBe(false);
  });

  it('says how often the rule would have fired', () => {
    expect(previewSentence(3)).toBe('This rule would have fired 3 times in the last 7 days.');
    expect(previewSentence(1)).toBe('This rule would have fired 1 time in the last 7 days.');
    expect(previewSentence(0)).toBe('This rule would not have fired in the last 7 days.');
  });
});

describe('rule scope', () => {
  it('watches all, one workflow, an environment or a tag, and the select round-trips', () => {
    expect(toDraft(EMPTY_RULE).scope).toEqual({ kind: 'all' });
    for (const value of ['', 'w:7', 'env:production', 'env:test', 'tag']) {
      expect(scopeValue({ ...EMPTY_RULE, ...scopeFromValue(value) })).toBe(value);
    }
    expect(toDraft({ ...EMPTY_RULE, ...scopeFromValue('env:test') }).scope).toEqual({ kind: 'environment', environment: 'test' });
    expect(toDraft({ ...EMPTY_RULE, ...scopeFromValue('tag'), tag: 'billing' }).scope).toEqual({ kind: 'tag', tag: 'billing' });
    expect(toDraft({ ...EMPTY_RULE, ...scopeFromValue('w:3') }).scope).toEqual({ kind: 'workflow', workflowId: 3 });
  });
});

const routing = { channelIds: [2, 5], remindEveryMinutes: 30, escalateAfterMinutes: 90, backupChannelIds: [7, 8], recoveryMinutes: 10, flapMinutes: 0 };
const CONDITIONS: RuleCondition[] = [
  { kind: 'any_failure', graceMinutes: 12 },
  { kind: 'consecutive_failures', count: 4 },
  { kind: 'failure_rate', percent: 12.5, windowMinutes: 240, minRuns: 9 },
  { kind: 'duration', thresholdMs: 90_500, p95Factor: null },
  { kind: 'duration', thresholdMs: null, p95Factor: 2.5 },
  { kind: 'duration', thresholdMs: 1, p95Factor: 3 },
  { kind: 'missed_run', schedule: { kind: 'interval', everyMinutes: 15 }, graceMinutes: 0 },
  { kind: 'missed_run', schedule: { kind: 'cron', cron: '30 9 * * 1-5', timezone: 'America/New_York' }, graceMinutes: 20 },
  { kind: 'missed_run', schedule: { kind: 'auto' }, graceMinutes: 45 },
  { kind: 'zero_items' },
  { kind: 'connector_attention' },
  { kind: 'vendor_paused' },
  { kind: 'breaker', failures: 6, withinMinutes: 15 },
  { kind: 'usage_forecast', percent: 85 },
  { kind: 'usage_runaway', factor: 8, minUse: 120 },
];
const SCOPES: RuleScope[] = [
  { kind: 'all' }, { kind: 'workflow', workflowId: 42 }, { kind: 'tag', tag: 'billing' },
  { kind: 'environment', environment: 'production' }, { kind: 'environment', environment: 'test' }, { kind: 'environment', environment: 'staging' },
];

describe('rule round trip (saved rule → form → draft)', () => {
  it('keeps every condition kind, schedule kind and scope unchanged', () => {
    for (const condition of CONDITIONS) {
      for (const scope of SCOPES) {
        const rule = RuleDraft.parse({ name: 'Nightly sync', enabled: false, muted: true, severity: 'critical', scope, condition, routing });
        expect(toDraft(fromRule(rule)), `${condition.kind} / ${scope.kind}`).toEqual(rule);
      }
    }
    const kinds = new Set(CONDITIONS.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(RuleDraft.shape.condition.options.map((o) => o.shape.kind.value).sort());
  });

  it('holds for any valid rule', () => {
    const minutes = fc.integer({ min: 1, max: 24 * 60 });
    const condition = fc.oneof(
      fc.record({ kind: fc.constant('any_failure' as const), graceMinutes: fc.integer({ min: 0, max: 24 * 60 }) }),
      fc.record({ kind: fc.constant('consecutive_failures' as const), count: fc.integer({ min: 2, max: 1000 }) }),
      fc.record({ kind: fc.constant('failure_rate' as const), percent: fc.double({ min: 0.01, max: 100, noNaN: true }), windowMinutes: minutes, minRuns: fc.integer({ min: 1, max: 100_000 }) }),
      fc.record({ kind: fc.constant('duration' as const), thresholdMs: fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: null }), p95Factor: fc.option(fc.double({ min: 1.01, max: 1000, noNaN: true }), { nil: null }) }),
      fc.record({ kind: fc.constant('missed_run' as const), graceMinutes: fc.integer({ min: 0, max: 7 * 24 * 60 }), schedule: fc.oneof(
        fc.record({ kind: fc.constant('interval' as const), everyMinutes: minutes }),
        fc.record({ kind: fc.constant('cron' as const), cron: fc.constantFrom('*/15 * * * *', '0 2 * * *'), timezone: fc.constantFrom('UTC', 'Europe/Berlin') }),
        fc.constant({ kind: 'auto' as const })) }),
      fc.constantFrom({ kind: 'zero_items' as const }, { kind: 'connector_attention' as const }),
      fc.record({ kind: fc.constant('breaker' as const), failures: fc.integer({ min: 1, max: 10_000 }), withinMinutes: minutes }),
      fc.record({ kind: fc.constant('usage_forecast' as const), percent: fc.double({ min: 0.01, max: 1000, noNaN: true }) }),
      fc.record({ kind: fc.constant('usage_runaway' as const), factor: fc.double({ min: 1.01, max: 1000, noNaN: true }), minUse: fc.integer({ min: 1, max: 1_000_000 }) }),
    );
    const ids = fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 4 });
    const rule = fc.record({
      name: fc.string({ minLength: 1, maxLength: 30 }).filter((n) => n.trim() === n && n !== ''),
      enabled: fc.boolean(), muted: fc.boolean(), severity: fc.constantFrom('critical' as const, 'warning' as const, 'info' as const),
      scope: fc.constantFrom(...SCOPES), condition,
      routing: fc.record({ channelIds: ids, remindEveryMinutes: fc.option(minutes, { nil: null }), escalateAfterMinutes: fc.option(minutes, { nil: null }),
        backupChannelIds: ids, recoveryMinutes: fc.integer({ min: 0, max: 24 * 60 }), flapMinutes: fc.integer({ min: 0, max: 24 * 60 }) }),
    });
    fc.assert(fc.property(rule, (r) => {
      expect(RuleDraft.safeParse(r).success).toBe(true);
      expect(toDraft(fromRule(r))).toEqual(r);
    }));
  });

  it('takes a saved rule apart into the draft the core takes back', () => {
    const saved = AlertRule.parse({ id: 3, createdAt: 1, updatedAt: 2, name: 'R', scope: { kind: 'all' }, condition: { kind: 'zero_items' } });
    const draft = draftOf(saved);
    expect(draft).not.toHaveProperty('id');
    expect(RuleDraft.strict().safeParse(draft).success).toBe(true);
    expect(toDraft(fromRule(saved))).toEqual(draft);
  });
});
