import { githubRepo, WORKFLOWS, type WorkflowSpec } from './catalog.ts';
import type { VendorKind } from './errors.ts';
import { liveOutcomes, type DecideOutcome, type LiveOutcome } from './live-outcome.ts';
import type { Rng } from './prng.ts';
import { cronOf, nextSlot, type Scheduled } from './schedules.ts';
import { VENDOR_STATUS } from './vendors.ts';
import type { VendorSimulators } from './vendors/servers.ts';

/**
 * Keeps the demo alive: every scheduled n8n, Make, Zapier and GitHub workflow of the demo starts a run in its simulator
 * at each slot of the schedule it declares (the slots its seeded history ran on), and every 20–60 s a few of the
 * unscheduled ones (webhooks, app events, someone pressing "Execute") start one; runs fail or are skipped as the seeded
 * history's did (live-outcome.ts: the incident still going keeps failing its Zap), and each run ends after its usual
 * duration. The demo's real connectors find them by polling. `nextDue` says when the next tick has work, so one timer
 * suffices. Deterministic for a seed and sequence of `tick` times.
 */
export interface LiveFeedOptions {
  sims: VendorSimulators;
  rng: Rng;
  now(): number;
  /** Told which vendor changed, so its connector can poll soon. */
  changed(vendor: VendorKind): void;
  /** Share of new runs that fail outside incidents (default 0.12). */
  failureShare?: number;
  /**
   * The first schedule slot the feed starts a run for (default: now); the seeded history holds the slots before it
   * and ends there (where its incidents are placed from).
   */
  scheduledFrom?: number;
}

interface Pending {
  at: number;
  finish(): void;
  vendor: VendorKind;
}

/** The demo's workflows, less the one whose schedule stopped (the demo's story: it stays stopped). */
const LIVE: readonly WorkflowSpec[] = WORKFLOWS.filter((w) => !w.stopsDaysAgo);

/**
 * The schedule a workflow declares to its vendor (live-estate.ts): n8n and Make state any; GitHub only a cron.
 * Zapier's API says nothing of a Zap's schedule, but its scheduled and polling Zaps run on theirs all the same.
 */
function scheduleOf(wf: WorkflowSpec): Scheduled | null {
  const t = wf.trigger;
  if (t.kind !== 'every' && t.kind !== 'daily') return null;
  return wf.vendor !== 'github' || cronOf(t) ? t : null;
}

const SCHEDULED = LIVE.flatMap((wf) => {
  const trigger = scheduleOf(wf);
  return trigger ? [{ wf, trigger }] : [];
});
/** Runs at random times: webhooks, app events and manual runs. Scheduled workflows run on their slots only. */
const UNSCHEDULED = LIVE.filter((wf) => !scheduleOf(wf));
const MAX_DURATION_MS = 5 * 60_000;

function perDay(wf: WorkflowSpec): number {
  const t = wf.trigger;
  return t.kind === 'events' ? t.perDay : t.kind === 'every' ? 1440 / t.minutes : t.kind === 'manual' ? t.perWeek / 7 : 1;
}

export class LiveFeed {
  private readonly o: LiveFeedOptions;
  private readonly pending: Pending[] = [];
  private nextArrival: number;
  /** Per scheduled workflow (as SCHEDULED), its next slot without a run (null: none ahead). */
  private readonly nextSlots: (number | null)[];
  private readonly decide: DecideOutcome;
  /** Runs started so far (for tests and the log). */
  started = 0;
  finished = 0;

  constructor(options: LiveFeedOptions) {
    this.o = options;
    this.nextArrival = options.now() + this.gap();
    const from = options.scheduledFrom ?? options.now();
    this.nextSlots = SCHEDULED.map(({ trigger }) => nextSlot(trigger, from));
    this.decide = liveOutcomes(options.rng, from, options.failureShare ?? 0.12);
    // Zapier runs the seed left going are in the simulator with the ledger's ids: they end like live ones.
    for (const run of options.sims.zapier.state.runs) {
      const wf = LIVE.find((w) => w.vendor === 'zapier' && w.externalId === String(run.zap_id));
      if (!wf || run.end_time !== null || run.start_time === null) continue;
      const at = Math.max(options.now(), run.start_time + this.duration(wf));
      this.endZapierRun(wf, run.id, at, this.decide(wf, run.start_time));
    }
  }

  /** When the next tick has something to do: a slot, an arrival or a run to end; right after a tick, a time after it. */
  nextDue(): number {
    let due = this.nextArrival;
    for (const slot of this.nextSlots) if (slot !== null && slot < due) due = slot;
    for (const p of this.pending) if (p.at < due) due = p.at;
    return due;
  }

  private gap(): number {
    return this.o.rng.int(20_000, 60_000);
  }

  /** Starts the runs that are due and ends the ones whose time has come; call at `nextDue()` (or every few seconds). */
  tick(): void {
    const now = this.o.now();
    const touched = new Set<Pending['vendor']>();
    for (const p of this.pending.filter((x) => x.at <= now)) {
      this.pending.splice(this.pending.indexOf(p), 1);
      p.finish();
      this.finished++;
      touched.add(p.vendor);
    }
    // A due slot starts its run at this tick (at the slot itself when a timer waits for it, as live.ts does). Like
    // the vendors, slots that passed while nothing ticked (the machine slept) are not made up: one run at most.
    SCHEDULED.forEach(({ wf, trigger }, i) => {
      const slot = this.nextSlots[i];
      if (slot === null || slot === undefined || slot > now) return;
      touched.add(this.start(wf, now, 'schedule'));
      this.nextSlots[i] = nextSlot(trigger, now + 1);
    });
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

  /** Busy workflows are picked more often than rare ones. */
  private pick(): WorkflowSpec {
    const weights = UNSCHEDULED.map((w) => Math.sqrt(perDay(w)));
    let r = this.o.rng.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < UNSCHEDULED.length; i++) {
      r -= weights[i]!;
      if (r <= 0) return UNSCHEDULED[i]!;
    }
    return UNSCHEDULED[UNSCHEDULED.length - 1]!;
  }

  private duration(wf: WorkflowSpec): number {
    return Math.min(MAX_DURATION_MS, Math.max(300, Math.round(this.o.rng.logNormal(wf.duration.median, wf.duration.sigma))));
  }

  /** Starts a run of `wf` now: on its schedule, or (the default) an arrival — an event, or someone running it by hand. */
  private start(wf: WorkflowSpec, now: number, cause: 'schedule' | 'arrival' = 'arrival'): VendorKind {
    const { rng } = this.o;
    const duration = this.duration(wf);
    const outcome = this.decide(wf, now);
    const error = outcome.error?.kind ?? null;
    const message = outcome.error?.message ?? '';
    const step = outcome.error?.step ?? '';
    const vendor = wf.vendor;
    this.started++;
    const at = now + duration;
    if (vendor === 'n8n') {
      const { state } = this.o.sims.n8n;
      const e = state.addExecution({ workflowId: wf.externalId, status: 'running', startedAt: now, mode: wf.trigger.kind === 'events' ? 'webhook' : cause === 'schedule' ? 'trigger' : 'manual' });
      this.pending.push({ at, vendor, finish: () => {
        if (!error) state.finishExecution(e.id, 'success');
        else if (error.outcome === 'crashed') state.finishExecution(e.id, 'crashed');
        else state.finishExecution(e.id, error.outcome === 'warning' ? 'success' : 'error', { message, node: step, style: / \[line \d+\]$/.test(message) ? 'code' : 'node' });
      } });
    } else if (vendor === 'make') {
      const { state } = this.o.sims.make;
      const log = state.addLog(Number(wf.externalId), { status: 0, at: now, type: wf.trigger.kind === 'events' ? 'webhook' : 'auto' });
      this.pending.push({ at, vendor, finish: () => {
        const status = !error ? 1 : error.outcome === 'warning' ? 2 : 3;
        const detail = error ? { error: { name: 'RuntimeError', message, causeModule: { name: step, appName: 'http' } } } : {};
        state.finish(log.id, status, { duration, operations: rng.int(2, 12), ...detail });
      } });
    } else if (vendor === 'zapier') {
      const { state } = this.o.sims.zapier;
      const zap = state.zap(wf.externalId);
      if (!zap) throw new Error(`The Zapier simulator has no Zap ${wf.externalId} (${wf.name}).`);
      this.endZapierRun(wf, state.addRun(zap, 'playing', now, 0, now).id, at, outcome);
    } else {
      const { state } = this.o.sims.github;
      const full = githubRepo(wf);
      const event = cause === 'schedule' ? 'schedule' : wf.trigger.kind === 'manual' ? 'workflow_dispatch' : 'push';
      const run = state.addRun(full, Number(wf.externalId), { at: now, status: 'in_progress', event });
      const conclusion = error ? (error.outcome === 'warning' ? 'neutral' : 'failure') : outcome.skipped ? 'skipped' : 'success';
      this.pending.push({ at, vendor, finish: () => {
        state.finish(run.id, conclusion, error ? { job: 'build', step } : undefined);
      } });
    }
    return vendor;
  }

  /** A Zap run in the simulator ends at `at` as decided: in Zapier's words, failing at the step its error names. */
  private endZapierRun(wf: WorkflowSpec, runId: string, at: number, outcome: LiveOutcome): void {
    const { state } = this.o.sims.zapier;
    const { error } = outcome;
    const status = VENDOR_STATUS.zapier[error ? error.kind.outcome ?? 'failed' : outcome.skipped ? 'skipped' : 'success'].raw;
    const failedStep = error ? state.zap(wf.externalId)?.steps.findIndex((s) => s.title === error.step) ?? -1 : -1;
    this.pending.push({ at, vendor: 'zapier', finish: () => {
      state.update(runId, status, at, error ? { error: error.message, ...(failedStep > 0 ? { failedStep } : {}) } : {});
    } });
  }
}
