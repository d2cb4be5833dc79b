import type { RuleCondition, RuleScope } from '../contract/alerts.ts';
import { VENDOR_LABELS } from '../contract/catalog.ts';
import type { WorkflowState } from '../contract/states.ts';
import { concreteSchedule, nextExpected } from '../sync/schedules/index.ts';
import type { Finding, LedgerSnapshot, Rule, RunFact, WorkflowFact } from './types.ts';
import { forecastHit, runawayHit } from './usage-rules.ts';

const MINUTE = 60_000;
const TERMINAL = new Set(['success', 'warning', 'failed', 'canceled', 'skipped', 'missed']);
const isFailure = (r: RunFact) => r.status === 'failed' || r.status === 'missed';
/** A failure the vendor's own retry already fixed does not count. */
const countsAsFailure = (r: RunFact) => isFailure(r) && !r.retrySuccessId;
const isGood = (r: RunFact) => r.status === 'success' || r.status === 'warning';

export function inScope(scope: RuleScope, wf: WorkflowFact): boolean {
  switch (scope.kind) {
    case 'all': return true;
    case 'workflow': return wf.id === scope.workflowId;
    case 'tag': return wf.tags.includes(scope.tag);
    case 'environment': return wf.environment === scope.environment;
  }
}

type Hit = { summary: string; runIds: number[] } | null;

function fmtMinutes(ms: number): string {
  const m = Math.round(ms / MINUTE);
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
}

/** Terminal runs started at or before `now`, oldest first. */
function settled(runs: readonly RunFact[], now: number): RunFact[] {
  return runs.filter((r) => r.startedAt <= now && TERMINAL.has(r.status) && r.status !== 'canceled' && r.status !== 'skipped');
}

const utc = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The live state decides missed runs and switch-offs; a workflow Flowdeck cannot see is not judged for silence. */
function fromLiveState(c: RuleCondition, state: WorkflowState): Hit {
  if (c.kind === 'missed_run') {
    if (state.state !== 'missed') return null;
    // Stable while it lasts (no "ago") and free of clock times: the incident page shows when it began in the display
    // time zone, from the live state.
    const last = state.lastRunAt === null ? 'it has not run yet' : 'no run has come since';
    return { summary: `Missed its schedule (${state.expectation.label ?? 'expected'}): a run was due and ${last}`, runIds: [] };
  }
  if (c.kind === 'vendor_paused') {
    if (state.state !== 'paused' || state.pausedBy !== 'vendor' || !state.attention) return null;
    return { summary: `Switched off in ${VENDOR_LABELS[state.vendor as keyof typeof VENDOR_LABELS] ?? state.connectorName}, not by Flowdeck: it will not run until it is switched back on`, runIds: [] };
  }
  return null;
}

function streakSummary(s: WorkflowState): string {
  const step = s.failingStep ? ` in step “${s.failingStep}”` : '';
  const error = s.lastError ? `: ${s.lastError.replace(/\s+/g, ' ').slice(0, 200)}` : '';
  return s.streak === 1 ? `The last run failed${step}${error}` : `${s.streak} runs in a row failed${step}${error}`;
}

function evaluateWorkflow(c: RuleCondition, wf: WorkflowFact, all: readonly RunFact[], now: number): Hit {
  const runs = settled(all, now);
  const last = runs.at(-1);
  switch (c.kind) {
    case 'any_failure': {
      // Failures since the last good run; a failure inside its grace waits for a retry or a later success.
      const since: RunFact[] = [];
      for (let i = runs.length - 1; i >= 0 && !isGood(runs[i]!); i--) if (countsAsFailure(runs[i]!)) since.unshift(runs[i]!);
      const due = c.graceMinutes === 0 ? since : since.filter((r) => (r.finishedAt ?? r.startedAt) + c.graceMinutes * MINUTE <= now);
      if (!due.length) return null;
      return { summary: `${due.length} failed run${due.length > 1 ? 's' : ''} since the last success`, runIds: due.map((r) => r.id).slice(-50) };
    }
    case 'consecutive_failures': {
      const tail = runs.filter((r) => !(isFailure(r) && r.retrySuccessId)).slice(-c.count);
      if (tail.length < c.count || !tail.every(countsAsFailure)) return null;
      return { summary: `The last ${c.count} runs failed`, runIds: tail.map((r) => r.id) };
    }
    case 'failure_rate': {
      const from = now - c.windowMinutes * MINUTE;
      const window = runs.filter((r) => r.startedAt >= from);
      if (window.length < c.minRuns) return null;
      const failed = window.filter(countsAsFailure);
      const rate = (100 * failed.length) / window.length;
      if (rate <= c.percent) return null;
      return { summary: `${rate.toFixed(1)} % of ${window.length} runs failed in the last ${fmtMinutes(c.windowMinutes * MINUTE)}`, runIds: failed.map((r) => r.id).slice(-50) };
    }
    case 'duration': {
      const limits = [c.thresholdMs, c.p95Factor && wf.p95Ms ? c.p95Factor * wf.p95Ms : null].filter((x): x is number => x != null);
      if (!limits.length) return null;
      const limit = Math.min(...limits);
      const running = all.find((r) => r.status === 'running' && r.startedAt <= now && now - r.startedAt > limit);
      if (running) return { summary: `Still running after ${fmtMinutes(now - running.startedAt)} (limit ${Math.round(limit / 1000)} s)`, runIds: [running.id] };
      if (!last || last.durationMs == null || last.durationMs <= limit) return null;
      return { summary: `The latest run took ${Math.round(last.durationMs / 1000)} s (limit ${Math.round(limit / 1000)} s)`, runIds: [last.id] };
    }
    case 'missed_run': {
      if (!wf.active || wf.archived) return null;
      // "auto": the registry's expected schedule when the team set one, else the vendor definition's own.
      const schedule = concreteSchedule(c.schedule.kind === 'auto' && wf.expectedSchedule ? wf.expectedSchedule : c.schedule, wf.definition);
      if (!schedule) return null;
      const anchor = Math.max(...all.filter((r) => r.startedAt <= now).map((r) => r.startedAt), wf.lastStartedAt ?? wf.createdAt);
      const due = nextExpected(schedule, anchor);
      if (due === null || now < due + c.graceMinutes * MINUTE) return null;
      // Stable while it lasts (no "ago"): the incident is not rewritten at every tick.
      return { summary: `No run since ${utc(anchor)}; one was due by ${utc(due + c.graceMinutes * MINUTE)}`, runIds: [] };
    }
    case 'zero_items': {
      if (!last || last.status !== 'success' || last.itemCount !== 0) return null;
      return { summary: 'The latest run succeeded but handled no items', runIds: [last.id] };
    }
    case 'breaker': {
      const from = now - c.withinMinutes * MINUTE;
      const failed = runs.filter((r) => r.startedAt >= from && countsAsFailure(r));
      if (failed.length < c.failures) return null;
      return { summary: `${failed.length} failures within ${fmtMinutes(c.withinMinutes * MINUTE)}: pausing the workflow`, runIds: failed.map((r) => r.id).slice(-50) };
    }
    case 'connector_attention':
    case 'vendor_paused':
    case 'usage_forecast':
    case 'usage_runaway':
      return null;
  }
}

/**
 * Pure: which targets a rule fires for, given the ledger snapshot and "now". Runs later than `now` are
 * ignored, so the same function replays history (rule preview) and decides the present.
 */
export function evaluateRule(rule: Rule, snap: LedgerSnapshot, now: number): Finding[] {
  if (!rule.enabled) return [];
  const out: Finding[] = [];
  if (rule.condition.kind === 'connector_attention' && snap.live) return blindFindings(rule, snap, now);
  if (rule.condition.kind === 'connector_attention') {
    for (const c of snap.connectors) {
      if (c.health !== 'needs_attention') continue;
      out.push({ ruleId: rule.id, target: `connector:${c.id}`, targetName: c.name, workflowId: null, connectorId: c.id, severity: rule.severity,
        summary: c.healthMessage ?? 'The connector needs attention', runIds: [] });
    }
    return out;
  }
  if (rule.condition.kind === 'usage_forecast') return forecastFindings(rule, rule.condition, snap);
  for (const wf of snap.workflows) {
    if (!inScope(rule.scope, wf)) continue;
    if (rule.condition.kind === 'usage_runaway') {
      const unit = snap.usage?.connectors.find((c) => c.connectorId === wf.connectorId)?.hourlyUnit ?? 'runs';
      const hit = runawayHit(rule.condition, wf, snap.usage?.hourly.get(wf.id), unit, now);
      if (hit) out.push({ ruleId: rule.id, target: `workflow:${wf.id}`, targetName: wf.name, workflowId: wf.id, connectorId: wf.connectorId,
        severity: rule.severity, summary: hit.summary, runIds: hit.runIds });
      continue;
    }
    const state = snap.live?.states.get(wf.id);
    const stateDriven = rule.condition.kind === 'missed_run' || rule.condition.kind === 'vendor_paused';
    let hit = state && stateDriven ? fromLiveState(rule.condition, state) : evaluateWorkflow(rule.condition, wf, snap.runsByWorkflow.get(wf.id) ?? [], now);
    if (!hit) continue;
    // A failure incident tells the streak as the Overview does (the same count, error and step), not its own count.
    if (state?.state === 'failing' && (rule.condition.kind === 'any_failure' || rule.condition.kind === 'consecutive_failures')) hit = { summary: streakSummary(state), runIds: state.streakRunIds };
    out.push({ ruleId: rule.id, target: `workflow:${wf.id}`, targetName: wf.name, workflowId: wf.id, connectorId: wf.connectorId,
      severity: rule.severity, summary: hit.summary, runIds: hit.runIds });
  }
  return out;
}

/** One incident per connector whose forecast passes the share of its plan; a narrower scope keeps the connectors of its workflows. */
function forecastFindings(rule: Rule, c: Extract<RuleCondition, { kind: 'usage_forecast' }>, snap: LedgerSnapshot): Finding[] {
  const inRule = rule.scope.kind === 'all' ? null : new Set(snap.workflows.filter((wf) => inScope(rule.scope, wf)).map((wf) => wf.connectorId));
  const out: Finding[] = [];
  for (const u of snap.usage?.connectors ?? []) {
    if (inRule && !inRule.has(u.connectorId)) continue;
    const hit = forecastHit(c, u);
    if (hit) out.push({ ruleId: rule.id, target: `connector:${u.connectorId}`, targetName: u.connectorName, workflowId: null, connectorId: u.connectorId,
      severity: rule.severity, summary: hit.summary, runIds: [] });
  }
  return out;
}

/** How long Flowdeck may take to catch up after it was off before that is an incident. */
export const CATCH_UP_GRACE_MS = 5 * MINUTE;

/**
 * One incident per reason Flowdeck is blind: each connector it cannot poll, or Flowdeck itself having been off. A
 * connector that needs attention but watches no workflow yet still counts.
 */
function blindFindings(rule: Rule, snap: LedgerSnapshot, now: number): Finding[] {
  const out = new Map<string, Finding>();
  const base = { ruleId: rule.id, workflowId: null, severity: rule.severity, runIds: [] };
  for (const cause of snap.live!.causes) {
    // A restart catches up within seconds: only a catch-up that takes longer is worth an incident.
    if (cause.kind === 'offline' && now - cause.to < CATCH_UP_GRACE_MS) continue;
    if (cause.kind === 'offline') out.set('flowdeck:offline', { ...base, target: 'flowdeck:offline', targetName: 'Flowdeck', connectorId: null, summary: cause.message });
    else out.set(`connector:${cause.connectorId}`, { ...base, target: `connector:${cause.connectorId}`, targetName: cause.connectorName, connectorId: cause.connectorId, summary: cause.message });
  }
  for (const c of snap.connectors) {
    if (c.health !== 'needs_attention' || out.has(`connector:${c.id}`)) continue;
    out.set(`connector:${c.id}`, { ...base, target: `connector:${c.id}`, targetName: c.name, connectorId: c.id, summary: c.healthMessage ?? 'The connector needs attention' });
  }
  return [...out.values()];
}

/** How far back a rule needs runs (the snapshot loader reads at least this much). */
export function lookbackMs(c: RuleCondition): number {
  switch (c.kind) {
    case 'failure_rate': return c.windowMinutes * MINUTE;
    case 'breaker': return c.withinMinutes * MINUTE;
    default: return 0;
  }
}
