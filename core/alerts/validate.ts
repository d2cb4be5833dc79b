import { CoreError } from '../contract/errors.ts';
import type { AlertSettings, ChannelDraft, RuleDraft } from '../contract/alerts.ts';
import { emailProblem } from '../platform/notify/email.ts';
import { webhookUrlProblem } from '../platform/notify/http-post.ts';
import { ntfyProblem } from '../platform/notify/ntfy.ts';
import { pushoverKeyProblem } from '../platform/notify/pushover.ts';
import { telegramChatProblem, telegramTokenProblem } from '../platform/notify/telegram.ts';
import { discordWebhook } from '../platform/notify/discord.ts';
import { cronProblem } from '../sync/schedules/index.ts';

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

/** JSON with sorted keys, so two equal values read the same whatever order their keys came in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** What a rule watches and how loudly: two rules alike in this open the same incidents twice. Name and routing differ freely. */
const ruleTarget = (r: Pick<RuleDraft, 'severity' | 'scope' | 'condition'>) => canonical({ severity: r.severity, scope: r.scope, condition: r.condition });

/**
 * An exact duplicate: another rule with the same condition and settings (kind, counts, windows, grace, schedule), the
 * same workflows watched (scope) and the same severity. It would open every incident a second time, so it is refused.
 */
export function checkNotDuplicate(rule: RuleDraft, others: readonly (Pick<RuleDraft, 'name' | 'severity' | 'scope' | 'condition'> & { id: number })[], id?: number): void {
  const key = ruleTarget(rule);
  const twin = others.find((o) => o.id !== id && ruleTarget(o) === key);
  if (twin) {
    throw invalid('rule', `The rule “${twin.name}” already watches the same workflows for the same condition, with the same settings and severity. `
      + `Change the condition, the workflows or the severity, or edit “${twin.name}” instead.`);
  }
}

function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Windows may start at most this long before the core receives them (a "Start now" on a slightly slow clock). */
const START_SLACK_MS = 5 * 60_000;

/**
 * Alert settings the schema cannot check: time zones, and maintenance windows. A new or changed window must end after it
 * starts, must not be over already, and must not start in the past (windows already saved and unchanged pass, so an old
 * one never blocks saving something else).
 */
export function checkSettings(settings: AlertSettings, before: AlertSettings, now: number): void {
  if (!knownZone(settings.quietHours.timezone)) throw invalid('quietHours.timezone', 'Not a known time zone (use a name like Europe/Berlin).');
  if (settings.displayTimeZone !== null && !knownZone(settings.displayTimeZone)) throw invalid('displayTimeZone', 'Not a known time zone (use a name like Europe/Berlin).');
  for (const [i, w] of settings.maintenanceWindows.entries()) {
    if (w.to <= w.from) throw invalid(`maintenanceWindows.${i}.to`, 'A maintenance window must end after it starts.');
    const old = before.maintenanceWindows.find((o) => o.id === w.id);
    if (old && old.from === w.from && old.to === w.to) continue;
    if (w.to <= now) throw invalid(`maintenanceWindows.${i}.to`, 'This maintenance window would already be over. Choose an end in the future.');
    if (w.from < now - START_SLACK_MS && (!old || old.from !== w.from)) {
      throw invalid(`maintenanceWindows.${i}.from`, 'This maintenance window would start in the past. Choose a later start, or use “Start now”.');
    }
  }
}

/** What a phone channel needs before it is saved; secrets are checked when typed (omitted keeps the stored ones). */
function checkPhoneChannel(d: ChannelDraft, hadSecret: boolean): void {
  if (d.kind === 'ntfy') {
    const problem = ntfyProblem(d.config);
    if (problem) throw invalid(problem.field, problem.message);
    if (d.secret !== undefined && d.secret !== '' && !/^[\x21-\x7e]{1,200}$/.test(d.secret)) throw invalid('secret', 'An access token has no spaces; ntfy shows it as tk_… when you create it.');
  }
  if (d.kind === 'pushover') {
    if (d.secret === undefined && !hadSecret) throw invalid('secret', 'Paste the application API token.');
    if (d.signingSecret === undefined && !hadSecret) throw invalid('signingSecret', 'Paste your user key.');
    const token = d.secret === undefined ? null : pushoverKeyProblem(d.secret, 'token');
    if (token) throw invalid('secret', token);
    const user = d.signingSecret === undefined ? null : pushoverKeyProblem(d.signingSecret, 'user');
    if (user) throw invalid('signingSecret', user);
  }
  if (d.kind === 'telegram') {
    if (d.secret === undefined && !hadSecret) throw invalid('secret', 'Paste the bot token @BotFather gave you.');
    const token = d.secret === undefined ? null : telegramTokenProblem(d.secret);
    if (token) throw invalid('secret', token);
    const chat = telegramChatProblem(d.config.telegramChatId);
    if (chat) throw invalid('config.telegramChatId', chat);
  }
  if (d.kind === 'discord') {
    if (d.secret === undefined && !hadSecret) throw invalid('secret', 'Paste the Discord webhook address.');
    const hook = d.secret === undefined ? null : discordWebhook(d.secret);
    if (hook && !hook.ok) throw invalid('secret', hook.message);
  }
}

export function checkChannel(d: ChannelDraft, hadSecret: boolean): void {
  checkPhoneChannel(d, hadSecret);
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
