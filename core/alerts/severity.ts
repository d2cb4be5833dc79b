import type { Severity } from '../contract/alerts.ts';
import type { WorkflowState } from '../contract/states.ts';
import type { Finding } from './types.ts';

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
/** Lower is more severe. */
export const rank = (s: Severity): number => RANK[s];

/** Failures in a row that make any workflow's incident critical, and a critical or high one's. */
export const CRITICAL_STREAK = 10;
export const CRITICAL_STREAK_IMPORTANT = 3;

/**
 * The severity a workflow's state calls for, beyond its rule's: a long failing streak, or a failing, missed or
 * switched-off workflow the registry marks critical or high, is critical; a streak of 3 is at least a warning.
 */
export function stateSeverity(state: WorkflowState): { severity: Severity; why: string } | null {
  const important = state.criticality === 'critical' || state.criticality === 'high';
  if (state.state === 'failing') {
    if (state.streak >= CRITICAL_STREAK) return { severity: 'critical', why: `${state.streak} runs in a row failed` };
    if (important && state.streak >= CRITICAL_STREAK_IMPORTANT) return { severity: 'critical', why: `${state.streak} runs in a row failed in a ${state.criticality} workflow` };
    if (state.streak >= CRITICAL_STREAK_IMPORTANT) return { severity: 'warning', why: `${state.streak} runs in a row failed` };
  }
  if (important && (state.state === 'missed' || (state.state === 'paused' && state.attention))) {
    return { severity: 'critical', why: `a ${state.criticality} workflow is ${state.state === 'missed' ? 'missing its runs' : 'switched off'}` };
  }
  return null;
}

/** The finding at the severer of its rule's severity and what its workflow's live state calls for. */
export function withSeverity(f: Finding, states: ReadonlyMap<number, WorkflowState> | undefined): Finding {
  const state = f.workflowId === null ? undefined : states?.get(f.workflowId);
  const raised = state ? stateSeverity(state) : null;
  return raised && rank(raised.severity) < rank(f.severity) ? { ...f, severity: raised.severity, severityReason: raised.why } : f;
}
