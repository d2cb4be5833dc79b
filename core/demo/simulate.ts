import type { Incident, WorkflowSpec } from './catalog.ts';
import { ERRORS, type ErrorKind } from './errors.ts';
import type { Rng } from './prng.ts';
import { dayStart, HOUR, MINUTE, triggerTimes } from './schedules.ts';
import type { Cause, Outcome } from './vendors.ts';

/** One simulated execution, before it gets a vendor id and words. */
export interface SimRun {
  wf: WorkflowSpec;
  startedAt: number;
  /** Null while unfinished. */
  durationMs: number | null;
  outcome: Outcome;
  errorMessage?: string;
  failingStep?: string;
  cause: Cause;
  itemCount?: number;
  /** The execution this one retries, and the retry that finally succeeded (n8n). */
  retryOf?: SimRun;
  retrySuccess?: SimRun;
  /** Assigned once the connector's runs are in time order. */
  runId?: string;
}

/** An incident resolved to absolute times for one workflow (an ongoing one never ends). */
export interface IncidentWindow {
  from: number;
  to: number;
  rate: number;
  error: ErrorKind;
  step: string;
}

export function incidentWindows(incidents: readonly Incident[], wf: WorkflowSpec, now: number): IncidentWindow[] {
  const out: IncidentWindow[] = [];
  for (const inc of incidents) {
    if (!inc.workflows.includes(wf.key)) continue;
    const from = 'hoursAgo' in inc.at ? now - inc.at.hoursAgo * HOUR : dayStart(now) - inc.at.daysAgo * 86_400_000 + inc.at.hour * HOUR;
    const error: ErrorKind = ERRORS[inc.error];
    out.push({ from, to: inc.hours === 'ongoing' ? Infinity : from + inc.hours * HOUR, rate: inc.rate, error, step: inc.steps?.[wf.key] ?? error.step });
  }
  return out;
}

function causeOf(wf: WorkflowSpec): Cause {
  const k = wf.trigger.kind;
  return k === 'events' ? 'event' : k === 'manual' ? 'manual' : 'schedule';
}

export interface SimulationWindow {
  from: number;
  now: number;
}

/**
 * Every run of one workflow between `from` and `now`: when it started, how long it took, how it ended,
 * with the incidents that hit it, its slow creep, a schedule that stops, retries and live runs near now.
 */
export function simulateWorkflow(wf: WorkflowSpec, incidents: readonly Incident[], window: SimulationWindow, rng: Rng): SimRun[] {
  const { from, now } = window;
  const stop = wf.stopsDaysAgo ? now - wf.stopsDaysAgo * 86_400_000 - 37 * MINUTE : now;
  const windows = incidentWindows(incidents, wf, now);
  const times = triggerTimes(wf.trigger, from, stop, rng);
  for (const minutesAgo of wf.tail ?? []) times.push(now - minutesAgo * MINUTE - rng.int(0, 20_000));
  times.sort((a, b) => a - b);
  const runs: SimRun[] = [];
  for (const t of times) {
    const run = simulateRun(wf, t, causeOf(wf), windows, window, rng);
    runs.push(run);
    const retryAt = (run.startedAt + (run.durationMs ?? 0)) + rng.int(2, 15) * MINUTE;
    if (run.outcome === 'failed' && wf.retryRate && retryAt < now - MINUTE && rng.chance(wf.retryRate)) {
      const retry = simulateRun(wf, retryAt, 'retry', windows, window, rng, run);
      retry.retryOf = run;
      if (retry.outcome === 'success') run.retrySuccess = retry;
      runs.push(retry);
    }
  }
  if (wf.stopsDaysAgo) endQuietly(runs);
  return runs;
}

/**
 * A schedule that silently stops ends on a run that went fine: its story is the silence after it, whatever instant the
 * demo is generated at (a last run that happened to fail would tell another story).
 */
function endQuietly(runs: readonly SimRun[]): void {
  const last = runs.reduce<SimRun | null>((a, r) => (a && a.startedAt >= r.startedAt ? a : r), null);
  if (!last || last.outcome === 'success' || last.durationMs === null) return;
  last.outcome = 'success';
  delete last.errorMessage;
  delete last.failingStep;
  if (last.retryOf) last.retryOf.retrySuccess = last;
}

function simulateRun(
  wf: WorkflowSpec, t: number, cause: Cause, windows: readonly IncidentWindow[], { from, now }: SimulationWindow, rng: Rng, original?: SimRun,
): SimRun {
  const progress = Math.min(1, Math.max(0, (t - from) / (now - from)));
  const creep = wf.creep ? Math.pow(wf.creep, progress) : 1;
  let duration = Math.max(40, Math.round(rng.logNormal(wf.duration.median * creep, wf.duration.sigma)));
  const run: SimRun = { wf, startedAt: t, durationMs: duration, outcome: 'success', cause };
  if (wf.items) run.itemCount = rng.int(wf.items[0], wf.items[1]);
  const incident = windows.find((w) => t >= w.from && t < w.to);
  const roll = rng.next();
  let error: ErrorKind | undefined;
  let step: string | undefined;
  if (incident && rng.chance(incident.rate)) {
    error = incident.error;
    step = incident.step;
  } else if (original && rng.chance(0.15)) {
    // A retry of a flaky call that fails again the same way.
    run.outcome = 'failed';
    if (original.errorMessage) run.errorMessage = original.errorMessage;
    if (original.failingStep) run.failingStep = original.failingStep;
    duration = Math.round(duration * 0.5);
  } else if (!original && roll < wf.failRate && wf.errors.length) {
    error = ERRORS[rng.pick(wf.errors)];
  } else if (!original && roll < wf.failRate + (wf.cancelRate ?? 0)) {
    run.outcome = 'canceled';
    duration = Math.round(duration * rng.next());
  } else if (!original && roll < wf.failRate + (wf.cancelRate ?? 0) + (wf.skipRate ?? 0)) {
    run.outcome = 'skipped';
    duration = Math.round(duration * 0.15);
  }
  if (error) {
    run.outcome = error.outcome ?? 'failed';
    run.errorMessage = error.message(rng);
    run.failingStep = step ?? error.step;
    // A failed run usually stops part-way; a crash or warning runs about as long as a normal one.
    if (!error.outcome) duration = Math.round(duration * (0.2 + 0.7 * rng.next()));
  }
  run.durationMs = duration;
  liveState(run, now);
  return run;
}

/** Runs that have not finished by `now` are still queued, running or waiting, without end time or error. */
function liveState(run: SimRun, now: number): void {
  const { wf } = run;
  const age = now - run.startedAt;
  let live: Outcome | null = null;
  if (wf.vendor === 'github' && age < 90_000) live = 'queued';
  else if (wf.waitHours && age < wf.waitHours * HOUR && run.outcome === 'success') live = 'waiting';
  else if (run.durationMs != null && run.startedAt + run.durationMs > now) live = 'running';
  if (!live) return;
  run.outcome = live;
  run.durationMs = null;
  delete run.errorMessage;
  delete run.failingStep;
}
