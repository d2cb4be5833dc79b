import { describe, expect, it } from 'vitest';
import { RuleDraft } from '../../../core/contract/alerts.ts';
import { EMPTY_RULE, previewSentence, scopeFromValue, scopeValue, toDraft } from './rule-form.ts';

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
