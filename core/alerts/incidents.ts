import type { IncidentStatus, RuleRouting } from '../contract/alerts.ts';
import type { Finding } from './types.ts';

const MINUTE = 60_000;

/** The part of an incident the state machine decides on. */
export interface IncidentState {
  status: IncidentStatus;
  openedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  /** Who resolved it: the system (condition cleared) or a person. */
  resolvedBy?: string | null;
  /** What it was about when it was last updated (to tell a new cause from the same one). */
  summary?: string;
  runIds?: readonly number[];
  clearSince: number | null;
  snoozedUntil: number | null;
  lastNotifiedAt: number | null;
  reminders: number;
  escalatedAt: number | null;
  flaps: number;
}

export type Transition =
  /** A new incident: notify. */
  | { kind: 'open' }
  /** The condition came back soon after resolving: reopen the same incident without notifying again. */
  | { kind: 'reopen' }
  /** Still firing: refresh summary and runs; the condition is no longer clearing. */
  | { kind: 'update' }
  /** The condition cleared; it must stay clear for the recovery time first. */
  | { kind: 'clearing' }
  | { kind: 'resolve' }
  | { kind: 'none' };

/**
 * Pure: what happens to the incident for one rule and target, given whether the rule fires now.
 * `latest` is the newest incident for that rule and target (open or resolved), if any.
 */
export function decide(latest: IncidentState | null, finding: Finding | null, routing: RuleRouting, now: number): Transition {
  const active = latest && latest.status !== 'resolved' ? latest : null;
  if (finding) {
    if (active) return { kind: 'update' };
    if (latest?.resolvedBy && latest.resolvedBy !== SYSTEM) {
      // Resolved by a person: the same cause stays resolved; a new one is a new incident (and notifies).
      return sameCause(latest, finding) ? { kind: 'none' } : { kind: 'open' };
    }
    if (latest?.resolvedAt != null && now - latest.resolvedAt < routing.flapMinutes * MINUTE) return { kind: 'reopen' };
    return { kind: 'open' };
  }
  if (!active) return { kind: 'none' };
  const since = active.clearSince ?? now;
  if (now - since >= routing.recoveryMinutes * MINUTE) return { kind: 'resolve' };
  return active.clearSince === null ? { kind: 'clearing' } : { kind: 'none' };
}

/** The actor of automatic transitions. */
export const SYSTEM = 'flowdeck';

function sameCause(s: IncidentState, f: Finding): boolean {
  if (f.runIds.length) return f.runIds.every((id) => s.runIds?.includes(id));
  return f.summary === s.summary;
}

export type Reminder = { kind: 'reminder' } | { kind: 'escalate' } | null;

/**
 * Pure: does an unacknowledged incident owe a reminder or an escalation now? Acknowledged, resolved
 * and snoozed incidents owe nothing; escalation happens once, reminders repeat at the interval.
 */
export function dueReminder(s: IncidentState, routing: RuleRouting, now: number): Reminder {
  if (s.status !== 'open' || (s.snoozedUntil !== null && now < s.snoozedUntil)) return null;
  if (routing.escalateAfterMinutes !== null && s.escalatedAt === null && now - s.openedAt >= routing.escalateAfterMinutes * MINUTE) {
    return { kind: 'escalate' };
  }
  if (routing.remindEveryMinutes !== null) {
    const last = Math.max(s.lastNotifiedAt ?? s.openedAt, s.snoozedUntil ?? 0);
    if (now - last >= routing.remindEveryMinutes * MINUTE) return { kind: 'reminder' };
  }
  return null;
}
