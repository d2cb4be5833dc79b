import { CoreError } from '../contract/errors.ts';
import type { ChannelDraft, RuleDraft } from '../contract/alerts.ts';
import { emailProblem } from '../platform/notify/email.ts';
import { webhookUrlProblem } from '../platform/notify/http-post.ts';
import { cronProblem } from './schedule.ts';

function invalid(field: string, message: string): CoreError {
  return new CoreError({ kind: 'validation', code: 'invalid_input', message: `${field}: ${message}`, field });
}

/** Checks the zod schema cannot express: the cron expression and zone, and that referenced things exist. */
export function checkRule(rule: RuleDraft, exists: { workflow(id: number): boolean; channel(id: number): boolean }, field = 'rule'): void {
  const c = rule.condition;
  if (c.kind === 'missed_run' && c.schedule.kind === 'cron') {
    const problem = cronProblem(c.schedule.cron, c.schedule.timezone);
    if (problem) throw invalid(`${field}.condition.schedule.${problem.includes('time zone') ? 'timezone' : 'cron'}`, problem);
  }
  if (c.kind === 'duration' && c.thresholdMs === null && c.p95Factor === null) {
    throw invalid(`${field}.condition.thresholdMs`, 'Set a duration limit, a multiple of the usual p95, or both.');
  }
  if (rule.scope.kind === 'workflow' && !exists.workflow(rule.scope.workflowId)) throw invalid(`${field}.scope.workflowId`, 'There is no such workflow.');
  for (const [key, ids] of [['channelIds', rule.routing.channelIds], ['backupChannelIds', rule.routing.backupChannelIds]] as const) {
    const missing = ids.find((id) => !exists.channel(id));
    if (missing !== undefined) throw invalid(`${field}.routing.${key}`, `Channel ${missing} does not exist.`);
  }
}

export function checkChannel(d: ChannelDraft, hadSecret: boolean): void {
  if (d.kind === 'slack' || d.kind === 'teams' || d.kind === 'webhook') {
    if (d.secret === undefined && !hadSecret) throw invalid('secret', 'Paste the webhook address.');
    if (d.secret !== undefined) {
      const problem = webhookUrlProblem(d.secret);
      if (problem) throw invalid('secret', problem);
    }
  }
  if (d.kind === 'email') {
    const problem = emailProblem({ config: d.config });
    if (problem) throw invalid(problem.field, problem.message);
  }
}
