import type { ConnectorKind } from '../contract/catalog.ts';
import { VENDOR_LABELS } from '../contract/catalog.ts';
import type { BlindCause, WorkflowState, WorkflowStateKind } from '../contract/states.ts';
import { nextExpected, type ConcreteSchedule } from '../sync/schedules/index.ts';
import type { WorkflowRunFacts } from '../store/workflow-state-repo.ts';
import { durationInWords } from './words.ts';

/** What a poll must have confirmed after a due time before silence counts (runs show up at the next poll). */
export const CONFIRM_SLACK_MS = 60_000;

/** Everything one workflow's state is derived from. */
export interface StateInput {
  workflow: {
    id: number; name: string; externalId: string; active: boolean; createdAt: number;
    criticality: WorkflowState['criticality'];
  };
  connector: { id: string; name: string; kind: ConnectorKind };
  facts: WorkflowRunFacts | null;
  expectation: { source: 'registry' | 'rule' | 'vendor' | 'none'; label: string | null; schedule: ConcreteSchedule | null; graceMs: number };
  /** Set when Flowdeck cannot see this workflow now. */
  blind: BlindCause | null;
  /**
   * The latest moment up to which Flowdeck has seen everything of this workflow: its connector's last successful poll,
   * or now for a push receiver that was running. Silence after it is not yet known.
   */
  seenUntil: number | null;
  /** A fresh expectation starts no earlier than this (Flowdeck came back after being off: pings sent meanwhile were lost). */
  watchingSince: number | null;
}

const vendorName = (kind: ConnectorKind) => (kind in VENDOR_LABELS ? VENDOR_LABELS[kind as keyof typeof VENDOR_LABELS] : 'its source');

function errorWords(f: WorkflowRunFacts): string {
  const step = f.failingStep ? ` (step “${f.failingStep}”)` : '';
  return f.lastError ? `: ${f.lastError.replace(/\s+/g, ' ').slice(0, 240)}${step}` : step;
}

/** The newest expected run that has not happened, or null when none is due or the workflow has no schedule. */
export function overdueSince(input: StateInput): number | null {
  const { schedule } = input.expectation;
  if (!schedule) return null;
  // From its newest run (first sight of it when it never ran), or later when it was switched back on or Flowdeck came back.
  const anchor = Math.max(input.facts?.lastStartedAt ?? input.workflow.createdAt, input.facts?.resumedAt ?? -Infinity, input.watchingSince ?? -Infinity);
  return nextExpected(schedule, anchor);
}

type Core = Pick<WorkflowState, 'state' | 'since' | 'reason' | 'action'>;

/**
 * Pure: one workflow's live state at `now`. Unknown first (what Flowdeck cannot see it does not judge), then switched
 * off, failing, overdue (late within grace, missed beyond it once a poll confirmed the silence), never run, ok.
 */
export function deriveState(input: StateInput, now: number): WorkflowState {
  const { workflow: wf, connector: c, facts, expectation: e } = input;
  const due = overdueSince(input);
  const lastRunAt = facts?.lastStartedAt ?? null;
  const ago = (t: number) => `${durationInWords(now - t)} ago`;
  const wfHref = `#/workflows/${wf.id}`;
  // Overdue once a poll after the due time confirmed no run came; missed once that holds past the grace too.
  const seen = input.seenUntil ?? -Infinity;
  const overdue = due !== null && now >= due && seen >= due + CONFIRM_SLACK_MS ? { missed: now >= due + e.graceMs && seen >= due + e.graceMs } : null;
  const vendor = vendorName(c.kind);
  let core: Core;
  if (input.blind) {
    const last = lastRunAt === null ? 'It has never run.' : `Its last run started ${ago(lastRunAt)}.`;
    const href = input.blind.kind === 'connector' ? `#/connectors?connector=${encodeURIComponent(c.id)}` : '#/connectors';
    core = { state: 'unknown', since: input.blind.kind === 'offline' ? input.blind.from : null, reason: `Flowdeck cannot see it: ${input.blind.message} ${last}`,
      action: { label: input.blind.kind === 'connector' ? `Fix the ${c.name} connector` : 'See the connectors catching up', href } };
  } else if (!wf.active) {
    const byFlowdeck = facts?.pausedBy === 'flowdeck';
    const when = facts?.pausedAt ? ` ${ago(facts.pausedAt)}` : '';
    // Off already when Flowdeck first listed it: a choice made before, not news (no attention, no incident).
    const before = facts?.pausedAt ? '' : ' before Flowdeck first saw it';
    core = {
      state: 'paused', since: facts?.pausedAt ?? null,
      reason: byFlowdeck ? `Paused from Flowdeck${facts?.pausedActor ? ` by ${facts.pausedActor}` : ''}${when}.`
        : `Switched off in ${vendor}${when}${before}, not by Flowdeck. It will not run until someone switches it back on.`,
      action: { label: 'Switch it back on', href: wfHref },
    };
  } else if (overdue?.missed) {
    // Missed outranks failing: a workflow that stopped running needs the owner more than one whose runs fail.
    const last = lastRunAt === null ? 'It has not run yet.' : facts && facts.streak > 0
      ? `Its last ${facts.streak === 1 ? 'run' : `${facts.streak} runs`} failed${errorWords(facts)}.` : `Its last run started ${ago(lastRunAt)}.`;
    core = { state: 'missed', since: due, reason: `No run for ${durationInWords(now - due!)} past its schedule (${e.label ?? 'expected'}). ${last}`,
      action: { label: `Check it in ${vendor}`, href: wfHref } };
  } else if (facts && facts.streak > 0) {
    const lastFailed = facts.streakRunIds.at(-1);
    core = {
      state: 'failing', since: facts.streakSince,
      reason: facts.streak === 1
        ? `The last run failed ${ago(facts.streakSince ?? now)}${errorWords(facts)}`
        : `${facts.streak >= 1000 ? 'At least 1000' : facts.streak} runs in a row failed, for ${durationInWords(now - (facts.streakSince ?? now))}${errorWords(facts)}`,
      action: { label: 'Open the failed run', href: lastFailed ? `#/runs?run=${lastFailed}` : wfHref },
    };
  } else if (overdue) {
    core = { state: 'late', since: due, reason: `A run was due ${ago(due!)} (${e.label ?? 'expected'}) and has not arrived yet; missed after ${durationInWords(e.graceMs)} of grace.`,
      action: { label: 'Open the workflow', href: wfHref } };
  } else if (lastRunAt === null) {
    core = { state: 'never-run', since: null, reason: e.source === 'none' ? 'It has not run yet. It runs on events; set an expected schedule to watch for silence.'
      : `It has not run yet; the first run is expected ${e.label ?? ''}`.trim(), action: { label: 'Open the workflow', href: wfHref } };
  } else {
    const silence = e.source === 'none' ? ' It runs on events; set an expected schedule to watch for silence.' : '';
    core = { state: 'ok', since: null, reason: `Its last run started ${ago(lastRunAt)} and went fine.${silence}`, action: { label: 'Open the workflow', href: wfHref } };
  }
  return {
    workflowId: wf.id, name: wf.name, vendor: c.kind, connectorId: c.id, connectorName: c.name, externalId: wf.externalId,
    ...core, attention: needsAttention(core.state, core.state === 'paused' ? facts?.pausedBy ?? 'vendor' : null, facts?.pausedAt ?? null),
    // A missed workflow whose last runs failed keeps telling that streak.
    lastError: core.state === 'failing' || core.state === 'missed' ? facts?.lastError ?? null : null,
    failingStep: core.state === 'failing' || core.state === 'missed' ? facts?.failingStep ?? null : null,
    streak: core.state === 'failing' || core.state === 'missed' ? facts?.streak ?? 0 : 0,
    streakRunIds: core.state === 'failing' || core.state === 'missed' ? facts?.streakRunIds ?? [] : [],
    lastRunId: facts?.lastRunId ?? null, lastRunAt,
    pausedBy: core.state === 'paused' ? facts?.pausedBy ?? 'vendor' : null,
    pausedActor: core.state === 'paused' ? facts?.pausedActor ?? null : null,
    expectation: { source: e.source, label: e.label, dueAt: due, graceMs: e.graceMs },
    criticality: wf.criticality, cause: core.state === 'unknown' ? input.blind : null,
  };
}

/** Every state but ok and never-run needs the owner; a switch-off only when the vendor's was seen happening (not Flowdeck's). */
export function needsAttention(state: WorkflowStateKind, pausedBy: 'flowdeck' | 'vendor' | null, pausedAt: number | null): boolean {
  if (state === 'ok' || state === 'never-run') return false;
  if (state === 'paused') return pausedBy === 'vendor' && pausedAt !== null;
  return true;
}

const CRITICALITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** Worst first: state order, then criticality, then the longest-standing. */
export function compareStates(a: WorkflowState, b: WorkflowState): number {
  const order = (s: WorkflowState) => (s.state === 'paused' && s.pausedBy === 'flowdeck' ? 4.5 : WORKFLOW_ORDER[s.state]);
  return order(a) - order(b)
    || CRITICALITY_RANK[a.criticality ?? 'medium'] - CRITICALITY_RANK[b.criticality ?? 'medium']
    || (a.since ?? Infinity) - (b.since ?? Infinity)
    || a.name.localeCompare(b.name);
}

const WORKFLOW_ORDER: Record<WorkflowStateKind, number> = { missed: 0, failing: 1, paused: 2, unknown: 3, late: 4, 'never-run': 5, ok: 6 };
