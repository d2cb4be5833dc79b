import type { HealthCap, LintFinding, RegistryMetadata } from '../contract/registry.ts';
import type { WorkflowStateKind } from '../contract/states.ts';
import { compileNaming, type NamingMatcher } from './naming.ts';
import { credentialNames, hasErrorPath, secretHits, triggerKeys } from './scan.ts';

/**
 * Architecture lint over the whole estate: each finding says what is wrong and how to fix it. Pure: the caller
 * passes every workflow with its definition, metadata and run facts, and "now".
 */
export interface LintEntry {
  workflowId: number;
  name: string;
  vendor: string;
  active: boolean;
  archived: boolean;
  createdAt: number;
  definition: unknown;
  metadata: RegistryMetadata;
  /** Vendor tags plus registry tags. */
  tags: string[];
  lastRunAt: number | null;
}

export interface LintOptions {
  now: number;
  namingPattern: string;
  namingExample: string;
}

export const DEFAULT_NAMING_PATTERN = '^\\S.*\\S \u2013 \\S.*$';
export const DEFAULT_NAMING_EXAMPLE = 'Billing \u2013 Stripe invoices to Xero';
const DAY = 86_400_000;
/** A workflow younger than this has not had the chance to run yet. */
export const NEVER_RUN_AFTER_DAYS = 7;
/** An active workflow silent this long is dead (unless its expected schedule is rarer). */
export const DEAD_AFTER_DAYS = 30;

const isTest = (e: LintEntry) => e.metadata.environment === 'test' || e.tags.some((t) => /^(test|testing|staging|dev)$/i.test(t));
const isProd = (e: LintEntry) => e.metadata.environment === 'production';

function namingMatcher(pattern: string): NamingMatcher | null {
  const compiled = compileNaming(pattern);
  return compiled.ok ? compiled.matcher : null;
}

/** Active workflows that start on the same trigger, by trigger key (the overlapping-trigger rule, and the map's edges). */
export function overlapGroups<E extends Pick<LintEntry, 'active' | 'archived' | 'definition'>>(entries: readonly E[]): [string, E[]][] {
  const byKey = new Map<string, E[]>();
  for (const e of entries) {
    if (!e.active || e.archived) continue;
    for (const k of new Set(triggerKeys(e.definition))) byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  return [...byKey].filter(([, g]) => g.length > 1).sort(([a], [b]) => (a < b ? -1 : 1));
}

function overlapping(entries: LintEntry[]): LintFinding[] {
  const out: LintFinding[] = [];
  for (const [key, group] of overlapGroups(entries)) {
    const kind = key.startsWith('webhook:') ? `the same webhook (${key.slice(8)})` : key.startsWith('event:') ? 'the same app event' : 'the same schedule and target';
    for (const e of group) {
      const others = group.filter((o) => o !== e).map((o) => `“${o.name}”`).join(', ');
      out.push({
        rule: 'overlapping-triggers', severity: 'error', workflowId: e.workflowId, workflowName: e.name,
        message: `Starts on ${kind} as ${others}: both run for every event, so work is done twice.`,
        fix: 'Keep one workflow for this trigger (merge the steps, or call the second as a sub-workflow) and deactivate the duplicate.',
      });
    }
  }
  return out;
}

function perWorkflow(e: LintEntry, o: LintOptions, naming: NamingMatcher | null): LintFinding[] {
  const out: LintFinding[] = [];
  const f = (rule: LintFinding['rule'], severity: LintFinding['severity'], message: string, fix: string) =>
    out.push({ rule, severity, workflowId: e.workflowId, workflowName: e.name, message, fix });
  // GitHub workflow names follow the repository's own conventions ("CI", "build"); the rule is for automation tools.
  if (naming && e.vendor !== 'github' && !naming.test(e.name)) {
    f('naming', 'info', `“${e.name}” does not follow the naming convention (${o.namingExample}).`,
      `Rename it in the vendor as “<Area> – <Purpose>”, e.g. “${o.namingExample}”, so people can find and group it.`);
  }
  if (isProd(e)) {
    const missing = [
      !e.metadata.owner && 'an owner', !e.metadata.purpose && 'a description', !e.metadata.expectedSchedule && 'an expected schedule',
    ].filter((x): x is string => typeof x === 'string');
    if (missing.length) {
      f('production-undocumented', 'warning', `Production workflow without ${missing.join(', ')}.`,
        'Open the workflow in Flowdeck and fill in owner, purpose and expected schedule, so someone is called and missed runs are noticed.');
    }
  }
  const errorPath = hasErrorPath(e.definition);
  if (errorPath === false && e.active) {
    f('missing-error-path', 'warning', e.vendor === 'make'
      ? 'No module has an error handler: a failing run stops silently.'
      : 'No error workflow is set and no step has an error output or “continue on fail”: failures are only seen if someone looks.',
    e.vendor === 'make'
      ? 'Add an error handler route (Resume, Ignore, Break or Rollback) to the modules that call other services.'
      : 'In the workflow settings choose an Error workflow (e.g. one that alerts Flowdeck), or give risky steps an error output.');
  }
  const creds = credentialNames(e.definition);
  if (isTest(e)) {
    const prodCreds = creds.filter((c) => /\bprod(uction)?\b/i.test(c));
    if (prodCreds.length) {
      f('environment-mix', 'error', `A test workflow uses the production connection ${prodCreds.map((c) => `“${c}”`).join(', ')}.`,
        'Point the test workflow at a test or sandbox connection, or mark the workflow as production if it is one.');
    }
  } else if (isProd(e)) {
    const testCreds = creds.filter((c) => /\b(test|staging|sandbox)\b/i.test(c));
    if (testCreds.length) {
      f('environment-mix', 'warning', `A production workflow uses the test connection ${testCreds.map((c) => `“${c}”`).join(', ')}.`,
        'Use the production connection, or set the environment to test if this workflow is not live.');
    }
  }
  for (const hit of secretHits(e.definition)) {
    f('hard-coded-secret', 'error', `Step “${hit.step}” has ${hit.what} typed into ${hit.path || 'its parameters'}.`,
      'Move it into a stored credential of the vendor and reference that; then rotate the exposed secret.');
  }
  if (e.active && !e.archived) {
    if (e.lastRunAt === null && o.now - e.createdAt > NEVER_RUN_AFTER_DAYS * DAY) {
      f('never-run', 'info', `Active for more than ${NEVER_RUN_AFTER_DAYS} days and never ran.`,
        'Check its trigger, or deactivate and archive it if nobody needs it.');
    } else if (e.lastRunAt !== null && o.now - e.lastRunAt > DEAD_AFTER_DAYS * DAY) {
      f('dead-workflow', 'warning', `Active, but its last run was ${Math.floor((o.now - e.lastRunAt) / DAY)} days ago.`,
        'Find out why it stopped (trigger, upstream app), or deactivate it so the estate shows what really runs.');
    }
  }
  return out;
}

const ORDER: Record<LintFinding['severity'], number> = { error: 0, warning: 1, info: 2 };

export function lintEstate(entries: readonly LintEntry[], o: LintOptions): LintFinding[] {
  const naming = namingMatcher(o.namingPattern);
  const live = entries.filter((e) => !e.archived);
  const out = [...live.flatMap((e) => perWorkflow(e, o, naming)), ...overlapping(live)];
  return out.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.workflowName.localeCompare(b.workflowName, 'en') || a.rule.localeCompare(b.rule, 'en') || a.message.localeCompare(b.message, 'en'));
}

const PENALTY: Record<LintFinding['severity'], number> = { error: 25, warning: 10, info: 4 };

/** 100 = healthy. Lint findings cost points by severity; a failure rate costs up to 50. */
export function healthScore(findings: readonly LintFinding[], failureRate: number): number {
  const lint = findings.reduce((s, f) => s + PENALTY[f.severity], 0);
  return Math.max(0, Math.min(100, Math.round(100 - lint - Math.min(50, failureRate * 100))));
}

/** The most a workflow's health can be while its live state says it is broken now (issue 12). */
export const HEALTH_CAP = { failing: 40, missed: 40, pausedByVendor: 50 } as const;

/** What `cappedHealth` needs of a workflow's live state (core/contract/states.ts). */
export interface LiveHealth {
  state: WorkflowStateKind;
  pausedBy: 'flowdeck' | 'vendor' | null;
  /** False for a workflow switched off before Flowdeck first saw it (no alarm, no cap). */
  attention?: boolean;
  reason: string;
}

/**
 * A health score can never say "fine" about what is broken now: failing or missed caps it at 40, switched off by its
 * vendor at 50. A workflow Flowdeck cannot see (unknown) is not scored — left out of the overall health — and says
 * why. Ok, late, never run and paused from Flowdeck keep their score.
 */
export function cappedHealth(score: number, live: LiveHealth | null): { health: number; cap: HealthCap | null } {
  if (!live) return { health: score, cap: null };
  const max = live.state === 'failing' ? HEALTH_CAP.failing : live.state === 'missed' ? HEALTH_CAP.missed
    : live.state === 'paused' && live.pausedBy === 'vendor' && live.attention !== false ? HEALTH_CAP.pausedByVendor : null;
  if (live.state === 'unknown') {
    return { health: score, cap: { state: live.state, max: null, reason: `Not scored: Flowdeck cannot see it now. ${live.reason.replace(/^Flowdeck cannot see it: /, '')}` } };
  }
  if (max === null || score <= max) return { health: score, cap: null };
  const what = live.state === 'paused' ? 'switched off by its vendor' : live.state === 'failing' ? 'failing now' : 'it missed its schedule';
  return { health: max, cap: { state: live.state, max, reason: `Health capped at ${max} (was ${score}): ${what}. ${live.reason}` } };
}

/** The estate's health: the mean of the scored workflows' (capped) health. */
export function overallHealth(scores: readonly number[]): number {
  return scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : 100;
}
