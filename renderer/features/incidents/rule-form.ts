import type { AlertRule, ConditionKind, RuleCondition, RuleDraft, Severity } from '../../../core/contract/alerts.ts';
import { displayTimeZone } from '../../lib/format.ts';

/** The editor's flat form state; `toDraft` turns it into the contract's rule. */
export interface RuleForm {
  name: string;
  enabled: boolean;
  /** Not edited in the form (the list's Mute button toggles it); kept so an edit does not unmute. */
  muted: boolean;
  severity: Severity;
  /** Which workflows it watches: all, one workflow, an environment from the registry, or a tag. */
  scope: 'all' | 'workflow' | 'environment' | 'tag';
  workflowId: number | null;
  /** The registry's environment; the select offers production and test, a saved rule may name another. */
  environment: string;
  tag: string;
  kind: ConditionKind;
  count: number;
  percent: number;
  windowMinutes: number;
  minRuns: number;
  thresholdSeconds: number | null;
  p95Factor: number | null;
  /** Runaway loop: the multiple of the usual busiest hour, and the least use in an hour worth an incident. */
  factor: number;
  minUse: number;
  scheduleKind: 'interval' | 'cron' | 'auto';
  everyMinutes: number;
  cron: string;
  timezone: string;
  graceMinutes: number;
  channelIds: number[];
  remindEveryMinutes: number | null;
  escalateAfterMinutes: number | null;
  backupChannelIds: number[];
  recoveryMinutes: number;
  flapMinutes: number;
}

export const CONDITION_LABELS: Record<ConditionKind, string> = {
  any_failure: 'Any failure',
  consecutive_failures: 'N failures in a row',
  failure_rate: 'Failure rate over a window',
  duration: 'Slow run',
  missed_run: 'Missed run (expected schedule)',
  zero_items: 'Ran but did nothing',
  connector_attention: 'Connector needs attention',
  vendor_paused: 'Switched off by its vendor',
  breaker: 'Breaker: pause after N failures',
  usage_forecast: 'Usage: forecast above N % of the plan',
  usage_runaway: 'Usage: runaway loop',
};

export const EMPTY_RULE: RuleForm = {
  name: '', enabled: true, muted: false, severity: 'warning', scope: 'all', workflowId: null, environment: 'production', tag: '', kind: 'any_failure', count: 3, percent: 20, windowMinutes: 60, minRuns: 5,
  thresholdSeconds: 300, p95Factor: null, factor: 5, minUse: 50, scheduleKind: 'interval', everyMinutes: 60, cron: '0 * * * *', timezone: 'UTC', graceMinutes: 5,
  channelIds: [], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30,
};

/** A new rule's form: a cron schedule is read in the display time zone unless changed. */
export function newRuleForm(): RuleForm {
  return { ...EMPTY_RULE, timezone: displayTimeZone() };
}

/** Whether saving this form makes a rule that tells no channel (the editor asks first). */
export function notifiesNoChannel(f: RuleForm): boolean {
  return f.channelIds.length === 0 && f.backupChannelIds.length === 0;
}

function condition(f: RuleForm): RuleCondition {
  switch (f.kind) {
    case 'any_failure': return { kind: 'any_failure', graceMinutes: f.graceMinutes };
    case 'consecutive_failures': return { kind: 'consecutive_failures', count: f.count };
    case 'failure_rate': return { kind: 'failure_rate', percent: f.percent, windowMinutes: f.windowMinutes, minRuns: f.minRuns };
    case 'duration': return { kind: 'duration', thresholdMs: f.thresholdSeconds === null ? null : Math.round(f.thresholdSeconds * 1000), p95Factor: f.p95Factor };
    case 'missed_run': {
      const schedule = f.scheduleKind === 'interval' ? { kind: 'interval' as const, everyMinutes: f.everyMinutes }
        : f.scheduleKind === 'cron' ? { kind: 'cron' as const, cron: f.cron, timezone: f.timezone } : { kind: 'auto' as const };
      return { kind: 'missed_run', schedule, graceMinutes: f.graceMinutes };
    }
    case 'zero_items': return { kind: 'zero_items' };
    case 'connector_attention': return { kind: 'connector_attention' };
    case 'vendor_paused': return { kind: 'vendor_paused' };
    case 'breaker': return { kind: 'breaker', failures: f.count, withinMinutes: f.windowMinutes };
    case 'usage_forecast': return { kind: 'usage_forecast', percent: f.percent };
    case 'usage_runaway': return { kind: 'usage_runaway', factor: f.factor, minUse: f.minUse };
  }
}

function scopeOf(f: RuleForm): RuleDraft['scope'] {
  if (f.scope === 'workflow' && f.workflowId !== null) return { kind: 'workflow', workflowId: f.workflowId };
  if (f.scope === 'environment') return { kind: 'environment', environment: f.environment };
  if (f.scope === 'tag') return { kind: 'tag', tag: f.tag };
  return { kind: 'all' };
}

/** The "Watch" select's value for a form, and the form change a chosen value means. */
export function scopeValue(f: RuleForm): string {
  if (f.scope === 'workflow' && f.workflowId !== null) return `w:${f.workflowId}`;
  if (f.scope === 'environment') return `env:${f.environment}`;
  return f.scope === 'tag' ? 'tag' : '';
}

export function scopeFromValue(value: string): Pick<RuleForm, 'scope'> & Partial<RuleForm> {
  if (value.startsWith('w:')) return { scope: 'workflow', workflowId: Number(value.slice(2)) };
  if (value.startsWith('env:') && value.length > 4) return { scope: 'environment', environment: value.slice(4) };
  if (value === 'tag') return { scope: 'tag' };
  return { scope: 'all', workflowId: null };
}

export function toDraft(f: RuleForm): RuleDraft {
  return {
    // No stand-in name: a nameless rule is refused by the core, and the editor says so beside the field.
    name: f.name.trim(), enabled: f.enabled, muted: f.muted, severity: f.severity,
    scope: scopeOf(f),
    condition: condition(f),
    routing: { channelIds: f.channelIds, remindEveryMinutes: f.remindEveryMinutes, escalateAfterMinutes: f.escalateAfterMinutes,
      backupChannelIds: f.backupChannelIds, recoveryMinutes: f.recoveryMinutes, flapMinutes: f.flapMinutes },
  };
}

/** The condition's numbers in the form's fields; fields the kind does not use keep the defaults (for switching kind). */
function conditionFields(c: RuleCondition): Partial<RuleForm> {
  switch (c.kind) {
    case 'any_failure': return { graceMinutes: c.graceMinutes };
    case 'consecutive_failures': return { count: c.count };
    case 'failure_rate': return { percent: c.percent, windowMinutes: c.windowMinutes, minRuns: c.minRuns };
    case 'duration': return { thresholdSeconds: c.thresholdMs === null ? null : c.thresholdMs / 1000, p95Factor: c.p95Factor };
    case 'missed_run': {
      const s = c.schedule;
      const schedule = s.kind === 'interval' ? { everyMinutes: s.everyMinutes } : s.kind === 'cron' ? { cron: s.cron, timezone: s.timezone } : {};
      return { scheduleKind: s.kind, graceMinutes: c.graceMinutes, ...schedule };
    }
    case 'breaker': return { count: c.failures, windowMinutes: c.withinMinutes };
    case 'usage_forecast': return { percent: c.percent };
    case 'usage_runaway': return { factor: c.factor, minUse: c.minUse };
    default: return {};
  }
}

function scopeFields(s: RuleDraft['scope']): Partial<RuleForm> {
  switch (s.kind) {
    case 'workflow': return { scope: 'workflow', workflowId: s.workflowId };
    case 'environment': return { scope: 'environment', environment: s.environment };
    case 'tag': return { scope: 'tag', tag: s.tag };
    default: return { scope: 'all' };
  }
}

/** A saved rule as the editor's form state: `toDraft(fromRule(r))` is `r` without its id and times. */
export function fromRule(r: RuleDraft): RuleForm {
  return {
    ...EMPTY_RULE, ...scopeFields(r.scope), ...conditionFields(r.condition),
    name: r.name, enabled: r.enabled, muted: r.muted, severity: r.severity, kind: r.condition.kind,
    channelIds: [...r.routing.channelIds], remindEveryMinutes: r.routing.remindEveryMinutes, escalateAfterMinutes: r.routing.escalateAfterMinutes,
    backupChannelIds: [...r.routing.backupChannelIds], recoveryMinutes: r.routing.recoveryMinutes, flapMinutes: r.routing.flapMinutes,
  };
}

/** The draft part of a saved rule (what `alerts/save-rule` takes back). */
export function draftOf({ id: _id, createdAt: _c, updatedAt: _u, ...draft }: AlertRule): RuleDraft {
  return draft;
}

/** "This rule would have fired 3 times in the last 7 days." */
export function previewSentence(fired: number, days = 7): string {
  if (fired === 0) return `This rule would not have fired in the last ${days} days.`;
  return `This rule would have fired ${fired} time${fired === 1 ? '' : 's'} in the last ${days} days.`;
}
