import { INCIDENTS, WORKFLOWS, type WorkflowSpec } from './catalog.ts';
import { ERRORS, type ErrorKind } from './errors.ts';
import type { Rng } from './prng.ts';
import { incidentWindows, type IncidentWindow } from './simulate.ts';

/** How a live run ends: it fails (with a message, at a step), a filter skips it, or it succeeds. */
export interface LiveOutcome {
  error: { kind: ErrorKind; message: string; step: string } | null;
  skipped: boolean;
}

export type DecideOutcome = (wf: WorkflowSpec, startedAt: number) => LiveOutcome;

/**
 * Decides how the live demo's runs end, the way the seeded history's did (simulate.ts): a run that starts inside one
 * of its workflow's incidents fails at the incident's rate with its error and step — and an incident still going when
 * the history ends (the revoked Trello token) stays on, so that Zap keeps failing every run. Otherwise a run fails
 * now and then (`failureShare`) with one of its workflow's usual errors, or its workflow's filter skips it at its skip
 * rate (a Zap with nothing new, a GitHub job whose condition is false).
 */
export function liveOutcomes(rng: Rng, historyEnd: number, failureShare: number): DecideOutcome {
  const windows = new Map<string, IncidentWindow[]>(WORKFLOWS.map((wf) => [wf.key, incidentWindows(INCIDENTS, wf, historyEnd)]));
  return (wf, startedAt) => {
    const incident = windows.get(wf.key)?.find((w) => startedAt >= w.from && startedAt < w.to);
    if (incident && rng.chance(incident.rate)) {
      return { error: { kind: incident.error, message: incident.error.message(rng), step: incident.step }, skipped: false };
    }
    if (wf.errors.length && rng.chance(failureShare)) {
      const kind: ErrorKind = ERRORS[rng.pick(wf.errors)];
      return { error: { kind, message: kind.message(rng), step: kind.step }, skipped: false };
    }
    return { error: null, skipped: !!wf.skipRate && rng.chance(wf.skipRate) };
  };
}
