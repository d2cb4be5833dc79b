import { FakeKeys } from './keys.ts';
import { activeVersionOf, newWorkflow, type FakeError, type FakeExecution, type FakeExecutionStatus, type FakeWorkflow } from './render.ts';

/**
 * The fake n8n instance's truth: workflows, executions (numeric ids, sent as strings) and API keys, with the
 * query semantics of n8n 2.41's public API. Free of HTTP and test-framework code so the demo can reuse it.
 */
export interface NewExecution {
  /** An explicit id (e.g. one the demo already used); later ids continue above the highest one. */
  id?: number;
  workflowId: string;
  status?: FakeExecutionStatus;
  mode?: string;
  startedAt?: number;
  durationMs?: number;
  error?: FakeError | null;
  retryOf?: string | null;
  /** What the trigger received (see FakeExecution.payload). */
  payload?: Record<string, unknown>;
}

export interface ExecutionQuery {
  status?: string;
  workflowId?: string;
  lastId?: number;
  limit: number;
  startedAfter?: number;
  startedBefore?: number;
}

export type RetryResult = { ok: true; execution: FakeExecution } | { ok: false; status: 404 | 409; message: string };

const ACTIVE: ReadonlySet<FakeExecutionStatus> = new Set(['new', 'running']);
const TERMINAL: ReadonlySet<FakeExecutionStatus> = new Set(['success', 'error', 'crashed', 'canceled']);
/** n8n applies only these status conditions; other enum values are accepted and filter nothing. */
const STATUS_FILTER: Record<string, ReadonlySet<string>> = {
  error: new Set(['error', 'crashed', 'failed']),
  success: new Set(['success']),
  waiting: new Set(['waiting']),
};

export class N8nState {
  readonly workflows = new Map<string, FakeWorkflow>();
  readonly executions = new Map<number, FakeExecution>();
  readonly keys: FakeKeys;
  /**
   * Recorded `GET /executions/{id}?includeData=true` bodies (test/fakes/n8n/fixtures) to answer for an execution
   * instead of the rendered one; their `id`, `workflowId` and times are replaced by the execution's own.
   */
  readonly recorded = new Map<number, Record<string, unknown>>();
  readonly now: () => number;
  /** What a retry of `original` turns into (default: it succeeds). */
  retryOutcome: (original: FakeExecution) => { status: FakeExecutionStatus; error?: FakeError } = () => ({ status: 'success' });
  private lastExecutionId = 0;
  private workflowCounter = 0;
  private versionCounter = 0;

  constructor(options: { now?: () => number; firstExecutionId?: number } = {}) {
    let t = Date.UTC(2026, 10, 25, 18, 0, 0);
    this.now = options.now ?? (() => (t += 1000));
    this.lastExecutionId = (options.firstExecutionId ?? 1) - 1;
    this.keys = new FakeKeys(this.now);
  }

  private nextVersionId(): string {
    this.versionCounter += 1;
    const n = this.versionCounter.toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }

  addWorkflow(spec: { id?: string; name: string; active?: boolean; nodes?: Record<string, unknown>[]; tags?: string[] }): FakeWorkflow {
    this.workflowCounter += 1;
    const id = spec.id ?? `wf${String(this.workflowCounter).padStart(14, '0')}`;
    const w = newWorkflow(id, spec.name, this.now(), this.nextVersionId(), spec.nodes);
    w['tags'] = (spec.tags ?? []).map((name, i) => ({ id: `tag${i}`, name, createdAt: w['createdAt'], updatedAt: w['createdAt'] }));
    this.workflows.set(id, w);
    if (spec.active) this.setActive(id, true);
    return w;
  }

  addExecution(spec: NewExecution): FakeExecution {
    if (!this.workflows.has(spec.workflowId)) throw new Error(`fake n8n: no workflow ${spec.workflowId}`);
    const status = spec.status ?? 'success';
    const startedAt = spec.startedAt ?? this.now();
    const id = spec.id ?? this.lastExecutionId + 1;
    this.lastExecutionId = Math.max(this.lastExecutionId, id);
    const e: FakeExecution = {
      id, workflowId: spec.workflowId, status, mode: spec.mode ?? 'webhook', createdAt: startedAt - 10,
      startedAt, stoppedAt: TERMINAL.has(status) ? startedAt + (spec.durationMs ?? 50) : null,
      waitTill: status === 'waiting' ? startedAt + 3_600_000 : null, retryOf: spec.retryOf ?? null, retrySuccessId: null,
      error: spec.error ?? (status === 'error' ? { message: 'Fake failure', node: 'Do Work', style: 'node' } : null),
      ...(spec.payload ? { payload: spec.payload } : {}),
    };
    this.executions.set(e.id, e);
    return e;
  }

  /** A running (or waiting) execution ends. */
  finishExecution(id: number, status: FakeExecutionStatus, error?: FakeError): FakeExecution {
    const e = this.executions.get(id);
    if (!e) throw new Error(`fake n8n: no execution ${id}`);
    e.status = status;
    e.stoppedAt = Math.max(e.startedAt, this.now());
    e.waitTill = null;
    e.error = status === 'error' ? error ?? { message: 'Fake failure', node: 'Do Work', style: 'node' } : null;
    return e;
  }

  deleteExecution(id: number): boolean {
    return this.executions.delete(id);
  }

  isActive(e: FakeExecution): boolean {
    return ACTIVE.has(e.status);
  }

  /** Every stored execution: what a perfect sync must end up with. */
  truth(): Map<string, FakeExecutionStatus> {
    return new Map([...this.executions.values()].map((e) => [String(e.id), e.status]));
  }

  /** Newest first by id; running executions are left out, as n8n leaves out the ones it is executing. */
  listExecutions(q: ExecutionQuery): { items: FakeExecution[]; remaining: number } {
    const statuses = q.status ? STATUS_FILTER[q.status] : undefined;
    const matching = [...this.executions.values()].filter((e) =>
      !this.isActive(e)
      && (q.workflowId === undefined || e.workflowId === q.workflowId)
      && (statuses === undefined || statuses.has(e.status))
      && (q.lastId === undefined || e.id < q.lastId)
      && (q.startedAfter === undefined || e.startedAt >= q.startedAfter)
      && (q.startedBefore === undefined || e.startedAt <= q.startedBefore));
    matching.sort((a, b) => b.id - a.id);
    const items = matching.slice(0, q.limit);
    return { items, remaining: matching.length - items.length };
  }

  listWorkflows(q: { offset: number; limit: number; active?: boolean; tags?: string[]; name?: string }): { items: FakeWorkflow[]; total: number } {
    const all = [...this.workflows.values()]
      .filter((w) => (q.active === undefined || w['active'] === q.active)
        && (q.name === undefined || w.name === q.name)
        && (q.tags === undefined || q.tags.every((t) => (w['tags'] as { name: string }[]).some((x) => x.name === t))))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
  }

  /** PUT: a changed definition gets a new versionId; `updatedAt` moves either way. */
  updateWorkflow(id: string, body: { name: string; nodes: unknown[]; connections: unknown; settings: unknown }): FakeWorkflow | null {
    const w = this.workflows.get(id);
    if (!w) return null;
    const before = JSON.stringify([w.name, w.nodes, w['connections'], w['settings']]);
    const after = JSON.stringify([body.name, body.nodes, body.connections, body.settings]);
    Object.assign(w, { name: body.name, nodes: body.nodes, connections: body.connections, settings: body.settings });
    if (before !== after) w.versionId = this.nextVersionId();
    w['updatedAt'] = new Date(this.now()).toISOString();
    return w;
  }

  /** Activate/deactivate change `active` and the published version only. */
  setActive(id: string, active: boolean): FakeWorkflow | null {
    const w = this.workflows.get(id);
    if (!w) return null;
    w['active'] = active;
    w['activeVersionId'] = active ? w.versionId : null;
    w['activeVersion'] = active ? activeVersionOf(w) : null;
    return w;
  }

  /** Synchronous retry: a new execution (mode retry, retryOf); a success marks the original's retrySuccessId. */
  /** Every accepted retry: which execution, the new one, and whether the current workflow version was loaded. */
  readonly retries: { id: number; newId: number; loadWorkflow: boolean }[] = [];

  retry(id: number, loadWorkflow = false): RetryResult {
    const original = this.executions.get(id);
    if (!original) return { ok: false, status: 404, message: 'Not Found' };
    if (original.status === 'success') return { ok: false, status: 409, message: 'The execution succeeded, so it cannot be retried.' };
    if (!TERMINAL.has(original.status)) return { ok: false, status: 409, message: `The execution is ${original.status}, so it cannot be retried.` };
    const outcome = this.retryOutcome(original);
    const e = this.addExecution({ workflowId: original.workflowId, status: outcome.status, mode: 'retry', retryOf: String(id), error: outcome.error ?? null });
    if (e.status === 'success') original.retrySuccessId = String(e.id);
    this.retries.push({ id, newId: e.id, loadWorkflow });
    return { ok: true, execution: e };
  }
}
