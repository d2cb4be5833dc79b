import { githubRepo, WORKFLOWS, type WorkflowSpec } from './catalog.ts';
import { ERRORS, type ErrorKind } from './errors.ts';
import type { Rng } from './prng.ts';
import { cronOf, slotTimes } from './schedules.ts';
import type { VendorSimulators } from './vendors/servers.ts';

/**
 * Keeps the demo alive: every 20–60 s a few of the demo's n8n, Make and GitHub workflows start a run in their
 * simulator, now and then one fails with its usual error, and each run ends after its usual duration. The demo's
 * real connectors find them by polling. Deterministic for a given seed and sequence of `tick` times.
 */
export interface LiveFeedOptions {
  sims: VendorSimulators;
  rng: Rng;
  now(): number;
  /** Told which vendor changed, so its connector can poll soon. */
  changed(vendor: 'n8n' | 'make' | 'github'): void;
  /** Share of new runs that fail (default 0.12). */
  failureShare?: number;
}

interface Pending {
  at: number;
  finish(): void;
  vendor: 'n8n' | 'make' | 'github';
}

const LIVE: readonly WorkflowSpec[] = WORKFLOWS.filter((w) => w.vendor !== 'zapier' && !w.stopsDaysAgo);
/** GitHub workflows whose file declares a cron (live-estate.ts): they also start on their schedule, as GitHub would. */
const GITHUB_SCHEDULED = LIVE.flatMap((wf) => (wf.vendor === 'github' && (wf.trigger.kind === 'every' || wf.trigger.kind === 'daily') && cronOf(wf.trigger)
  ? [{ wf, trigger: wf.trigger }] : []));
const MAX_DURATION_MS = 5 * 60_000;

function perDay(wf: WorkflowSpec): number {
  const t = wf.trigger;
  return t.kind === 'events' ? t.perDay : t.kind === 'every' ? 1440 / t.minutes : t.kind === 'manual' ? t.perWeek / 7 : 1;
}

export class LiveFeed {
  private readonly o: LiveFeedOptions;
  private readonly pending: Pending[] = [];
  private nextArrival: number;
  /** Scheduled slots up to here have had their run. */
  private scheduledUntil: number;
  /** Runs started so far (for tests and the log). */
  started = 0;
  finished = 0;

  constructor(options: LiveFeedOptions) {
    this.o = options;
    this.nextArrival = options.now() + this.gap();
    this.scheduledUntil = options.now();
  }

  private gap(): number {
    return this.o.rng.int(20_000, 60_000);
  }

  /** Starts the runs that are due and ends the ones whose time has come; call every few seconds. */
  tick(): void {
    const now = this.o.now();
    const touched = new Set<Pending['vendor']>();
    for (const p of this.pending.filter((x) => x.at <= now)) {
      this.pending.splice(this.pending.indexOf(p), 1);
      p.finish();
      this.finished++;
      touched.add(p.vendor);
    }
    // A slot in (scheduledUntil, now] starts its run at this tick, seconds after the slot. Like GitHub, slots that
    // passed while nothing ticked (the machine slept) are not made up: one run at most.
    for (const { wf, trigger } of GITHUB_SCHEDULED) {
      if (slotTimes(trigger, this.scheduledUntil + 1, now + 1).length) touched.add(this.start(wf, now, 'schedule'));
    }
    this.scheduledUntil = Math.max(this.scheduledUntil, now);
    if (now >= this.nextArrival) {
      const count = this.o.rng.int(1, 3);
      for (let i = 0; i < count; i++) touched.add(this.start(this.pick(), now));
      this.nextArrival = now + this.gap();
    }
    for (const v of touched) this.o.changed(v);
  }

  /** Runs `finish` at the first tick at or after `at` (something else the demo ends later). */
  later(at: number, vendor: Pending['vendor'], finish: () => void): void {
    this.pending.push({ at, vendor, finish });
  }

  /** Makes the next arrival due now (tests, which do not wait). */
  arriveNow(): void {
    this.nextArrival = Math.min(this.nextArrival, this.o.now());
  }

  /** Makes every started run end at the next tick (tests). */
  endNow(): void {
    const now = this.o.now();
    for (const p of this.pending) p.at = Math.min(p.at, now);
  }

  get running(): number {
    return this.pending.length;
  }

  /** Busy workflows are picked more often than daily ones. */
  private pick(): WorkflowSpec {
    const weights = LIVE.map((w) => Math.sqrt(perDay(w)));
    let r = this.o.rng.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < LIVE.length; i++) {
      r -= weights[i]!;
      if (r <= 0) return LIVE[i]!;
    }
    return LIVE[LIVE.length - 1]!;
  }

  /** Starts a run of `wf` now: on its schedule, or (the default) an arrival — an event, or someone running it by hand. */
  private start(wf: WorkflowSpec, now: number, cause: 'schedule' | 'arrival' = 'arrival'): Pending['vendor'] {
    const { rng } = this.o;
    const duration = Math.min(MAX_DURATION_MS, Math.max(300, Math.round(rng.logNormal(wf.duration.median, wf.duration.sigma))));
    const error: ErrorKind | null = wf.errors.length && rng.chance(this.o.failureShare ?? 0.12) ? ERRORS[rng.pick(wf.errors)] : null;
    const message = error ? error.message(rng) : '';
    const vendor = wf.vendor as Pending['vendor'];
    this.started++;
    const at = now + duration;
    if (vendor === 'n8n') {
      const { state } = this.o.sims.n8n;
      const e = state.addExecution({ workflowId: wf.externalId, status: 'running', startedAt: now, mode: wf.trigger.kind === 'events' ? 'webhook' : 'trigger' });
      this.pending.push({ at, vendor, finish: () => {
        if (!error) state.finishExecution(e.id, 'success');
        else if (error.outcome === 'crashed') state.finishExecution(e.id, 'crashed');
        else state.finishExecution(e.id, error.outcome === 'warning' ? 'success' : 'error', { message, node: error.step, style: / \[line \d+\]$/.test(message) ? 'code' : 'node' });
      } });
    } else if (vendor === 'make') {
      const { state } = this.o.sims.make;
      const log = state.addLog(Number(wf.externalId), { status: 0, at: now, type: wf.trigger.kind === 'events' ? 'webhook' : 'auto' });
      this.pending.push({ at, vendor, finish: () => {
        const status = !error ? 1 : error.outcome === 'warning' ? 2 : 3;
        const detail = error ? { error: { name: 'RuntimeError', message, causeModule: { name: error.step, appName: 'http' } } } : {};
        state.finish(log.id, status, { duration, operations: rng.int(2, 12), ...detail });
      } });
    } else {
      const { state } = this.o.sims.github;
      const full = githubRepo(wf);
      // Outside its schedule, a scheduled workflow only runs when someone dispatches it.
      const event = cause === 'schedule' ? 'schedule' : cronOf(wf.trigger) ? 'workflow_dispatch' : 'push';
      const run = state.addRun(full, Number(wf.externalId), { at: now, status: 'in_progress', event });
      this.pending.push({ at, vendor, finish: () => {
        state.finish(run.id, error ? (error.outcome === 'warning' ? 'neutral' : 'failure') : 'success', error ? { job: 'build', step: error.step } : undefined);
      } });
    }
    return vendor;
  }
}
