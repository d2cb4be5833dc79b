import type { AuditActor } from '../contract/actor.ts';
import type { RunSummary } from '../contract/runs.ts';
import type {
  BulkPreview, BulkProgress, BulkReport, BulkRunResult, BulkSelection, StartBulkOutput,
} from '../contract/runs-bulk.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { EventBus } from '../rpc/event-bus.ts';
import type { Ledger } from '../store/ledger.ts';
import { planBulk, type SelectDeps } from './bulk-select.ts';
import type { ControlActions } from './control.ts';

export interface BulkDeps extends SelectDeps {
  ledger: Ledger;
  actions: ControlActions;
  events: EventBus;
  clock: Clock;
  logger: Logger;
}

interface Job {
  report: BulkReport;
  connectors: string[];
  cancelled: boolean;
  /** Resolves when every connector's worker has stopped. */
  done: Promise<void>;
}

/** A connector whose requests fail this many times in a row (down, or the credential rejected) gets no more of them. */
export const BULK_STOP_AFTER_FAILURES = 5;

/** Jobs kept for their report (in memory: a restart forgets them; the audit log keeps every run's entry). */
const KEPT_JOBS = 20;

/**
 * Bulk retry and re-run. A job acts on each connector's runs one after another, through the control actions and so
 * through the connector's own HTTP client and rate budget (shared with syncing; nothing here sends a request itself).
 * Connectors run side by side; one job at a time per connector. Cancel stops each worker before its next request.
 */
export class BulkActions {
  private readonly d: BulkDeps;
  private readonly jobs = new Map<string, Job>();
  private seq = 0;

  constructor(deps: BulkDeps) {
    this.d = deps;
  }

  preview(sel: BulkSelection): BulkPreview {
    return planBulk(this.d, sel).preview;
  }

  start(sel: BulkSelection, by: AuditActor): StartBulkOutput {
    const { preview, byConnector } = planBulk(this.d, sel);
    if (preview.eligible === 0) {
      return { ok: false, reason: 'nothing-to-do', message: 'None of these runs can be repaired in bulk; the preview says why.' };
    }
    const busy = [...byConnector.keys()].find((id) => this.runningOn(id));
    if (busy) {
      const name = preview.connectors.find((c) => c.connectorId === busy)?.name ?? busy;
      return { ok: false, reason: 'busy', message: `A bulk job is already running on “${name}”; wait for it to end or cancel it first.` };
    }
    const now = this.d.clock.now();
    const jobId = `bulk-${now.toString(36)}-${++this.seq}`;
    const loadWorkflow = sel.action === 'retry-run' && sel.loadWorkflow === true;
    const results: BulkRunResult[] = [...byConnector.values()].flat().map((r) => ({
      runId: r.id, externalId: r.externalId, workflowName: r.workflowName, connectorName: r.connectorName, status: r.status,
      outcome: 'not-started', message: 'Not started yet.', at: null,
    }));
    const report: BulkReport = {
      jobId, action: sel.action, state: 'running', total: results.length, done: 0, started: 0, refused: 0, failed: 0,
      by: by.actor, loadWorkflow, createdAt: now, finishedAt: null, skipped: preview.skipped, results,
    };
    const job: Job = { report, connectors: [...byConnector.keys()], cancelled: false, done: Promise.resolve() };
    const slots = new Map(results.map((r) => [r.runId, r]));
    job.done = Promise.all([...byConnector].map(([connectorId, runs]) => this.work(job, connectorId, runs, slots, by)))
      .then(() => this.finish(job), (error: unknown) => {
        this.d.logger.error('bulk job stopped on an unexpected error', { jobId, error: error instanceof Error ? error.message : String(error) });
        this.finish(job);
      });
    this.jobs.set(jobId, job);
    this.forgetOld();
    this.emit(job);
    return { ok: true, jobId, preview };
  }

  /** Stops the job: each connector's worker finishes the request it is in (at most one) and sends no other. */
  cancel(jobId: string, by: AuditActor): { ok: true; progress: BulkProgress } | { ok: false; reason: 'not_found' | 'not_running'; message: string } {
    const job = this.jobs.get(jobId);
    if (!job) return { ok: false, reason: 'not_found', message: 'This bulk job is not known (Flowdeck may have restarted since).' };
    if (job.report.state !== 'running') return { ok: false, reason: 'not_running', message: 'This bulk job has already ended.' };
    job.cancelled = true;
    this.d.ledger.audit.append({
      ...by, action: 'runs/cancel-bulk-action', target: `bulk:${jobId}`,
      detail: { action: job.report.action, total: job.report.total, done: job.report.done },
    }, this.d.clock.now());
    this.d.events.emit('ledger/changed', { tables: ['audit_log'], connectorId: null });
    return { ok: true, progress: progressOf(job.report) };
  }

  /** The report of a job, or of the newest one. */
  report(jobId?: string): BulkReport | null {
    const job = jobId ? this.jobs.get(jobId) : [...this.jobs.values()].at(-1);
    return job ? structuredClone(job.report) : null;
  }

  /** Resolves when the job has ended (tests, and a host shutting down). */
  settled(jobId: string): Promise<void> {
    return this.jobs.get(jobId)?.done ?? Promise.resolve();
  }

  private runningOn(connectorId: string): boolean {
    return [...this.jobs.values()].some((j) => j.report.state === 'running' && j.connectors.includes(connectorId));
  }

  private async work(job: Job, connectorId: string, runs: RunSummary[], slots: Map<number, BulkRunResult>, by: AuditActor): Promise<void> {
    const { report } = job;
    let startedAny = false;
    let failedInARow = 0;
    for (const [index, run] of runs.entries()) {
      if (job.cancelled) break;
      if (failedInARow >= BULK_STOP_AFTER_FAILURES) {
        const last = slots.get(runs[index - 1]!.id)!.message;
        for (const left of runs.slice(index)) {
          slots.get(left.id)!.message = `Not started: ${BULK_STOP_AFTER_FAILURES} requests in a row failed on this connector, so Flowdeck stopped asking (the last: ${last}). Try again once it works.`;
        }
        this.d.logger.warn('bulk job stopped on a connector that keeps failing', { jobId: report.jobId, connectorId, left: runs.length - index });
        break;
      }
      const { outcome, refused } = await this.d.actions.attemptRun(report.action, run.id, by, {
        bulkJob: report.jobId, pollAfter: false, ...(report.loadWorkflow ? { loadWorkflow: true } : {}),
      });
      const slot = slots.get(run.id)!;
      slot.outcome = outcome.ok ? 'started' : refused ? 'refused' : 'failed';
      slot.message = outcome.message;
      slot.at = this.d.clock.now();
      report.done++;
      if (outcome.ok) {
        report.started++;
        startedAny = true;
        failedInARow = 0;
      } else if (refused) {
        report.refused++;
        failedInARow = 0;
      } else {
        report.failed++;
        failedInARow++;
      }
      this.emit(job);
    }
    if (startedAny) this.d.actions.pollSoon(connectorId);
  }

  private finish(job: Job): void {
    const { report } = job;
    report.state = job.cancelled && report.done < report.total ? 'cancelled' : 'finished';
    report.finishedAt = this.d.clock.now();
    for (const r of report.results) {
      if (r.outcome === 'not-started' && r.message === 'Not started yet.') r.message = 'Not started: the job was cancelled first.';
    }
    this.d.logger.info('bulk job ended', { jobId: report.jobId, state: report.state, total: report.total, started: report.started, refused: report.refused, failed: report.failed });
    this.emit(job);
  }

  private emit(job: Job): void {
    this.d.events.emit('runs/bulk-progressed', progressOf(job.report));
  }

  private forgetOld(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) break;
      if (job.report.state !== 'running') this.jobs.delete(id);
    }
  }
}

function progressOf(r: BulkReport): BulkProgress {
  return { jobId: r.jobId, action: r.action, state: r.state, total: r.total, done: r.done, started: r.started, refused: r.refused, failed: r.failed };
}
