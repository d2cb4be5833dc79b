/**
 * The truth of a simulated Zapier account (the demo's Zapier and the tests' fake): Zaps, Zap runs, access tokens and
 * their scopes. Shapes follow the Workflow API (CONTRACTS.md §3.1). Times are epoch ms here and ISO text on the wire.
 */
export interface FakeZap {
  id: string;
  title: string;
  is_enabled: boolean;
  updated_at: number;
  steps: { title: string; action: string }[];
}

export interface FakeZapRun {
  id: string;
  zap_id: number;
  zap_title: string;
  status: string;
  /** When Zapier recorded the run (used for date filtering when it has not started). */
  queued_at: number;
  start_time: number | null;
  end_time: number | null;
  steps: { status: string | null; start_time: number | null }[];
  data_out: unknown;
}

export const ALL_SCOPES = ['zap', 'zap:runs'] as const;

/** One-shot paging faults at the vendor level (transport faults live in FaultPlan). */
export interface PagingFaults {
  /** The next N zap-runs pages at offset > 0 repeat the previous page's runs (with the asked-for meta.offset). */
  duplicatePage: number;
  /** The next N pairs of consecutive zap-runs pages come back swapped (offset k gets page k+1 and vice versa). */
  swapPages: number;
}

export interface ZapierStateOptions {
  /** Run ids as this account hands them out (default: UUID-shaped, counting up). */
  runIds?: () => string;
}

/** What a run says beyond its status: its own id, the error Zapier shows, and the step that failed (0 is the trigger). */
export interface RunDetail {
  id?: string;
  error?: string;
  failedStep?: number;
}

const UNSETTLED: ReadonlySet<string> = new Set(['scheduled', 'pending', 'delayed', 'held', 'throttled', 'playing']);
const isFailure = (status: string) => status === 'error' || status === 'halted';

/**
 * Each step of a run: the trigger ran when the run started; the others ran up to the failed step (the last one when
 * none failed), which carries the run's status once it settles; steps after a failure never ran.
 */
function runSteps(count: number, status: string, startAt: number | null, failedStep: number): FakeZapRun['steps'] {
  const settled = !UNSETTLED.has(status);
  const last = isFailure(status) ? failedStep : count - 1;
  return Array.from({ length: count }, (_, i) => {
    const start = startAt === null || i > last ? null : startAt + i * 500;
    if (i === 0) return { status: startAt === null ? null : 'success', start_time: startAt };
    if (i < last) return { status: start === null ? null : 'success', start_time: start };
    return { status: i === last && settled ? status : null, start_time: start };
  });
}

export class ZapierState {
  readonly zaps: FakeZap[] = [];
  readonly runs: FakeZapRun[] = [];
  private readonly tokens = new Map<string, Set<string>>();
  readonly paging: PagingFaults = { duplicatePage: 0, swapPages: 0 };
  /** Wrap list bodies in a one-element array, like the docs' example. */
  wrapInArray = false;
  /** The largest `limit` the fake honours (Zapier's maximum is undocumented). */
  maxLimit = 100;
  private seq = 0;
  private readonly runIds: () => string;

  constructor(options: ZapierStateOptions = {}) {
    this.runIds = options.runIds ?? (() => `5e1f0000-0000-4000-8000-${this.seq.toString(16).padStart(12, '0')}`);
  }

  grant(token: string, scopes: readonly string[] = ALL_SCOPES): void {
    this.tokens.set(token, new Set(scopes));
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  scopesOf(token: string): Set<string> | null {
    return this.tokens.get(token) ?? null;
  }

  /** A Zap: by default a webhook into Gmail with the next free id; `options` give its own id and steps. */
  addZap(title: string, at: number, enabled = true, options: { id?: string; steps?: FakeZap['steps'] } = {}): FakeZap {
    const zap: FakeZap = {
      id: options.id ?? String(100_000 + this.zaps.length + 1), title, is_enabled: enabled, updated_at: at,
      steps: options.steps ?? [{ title: 'Trigger', action: 'webhook' }, { title: 'Action', action: 'gmail' }],
    };
    this.zaps.push(zap);
    return zap;
  }

  zap(id: string): FakeZap | undefined {
    return this.zaps.find((z) => z.id === id);
  }

  /** Adds a run; unsettled statuses (scheduled, delayed, held …) keep end_time null. */
  addRun(zap: FakeZap, status: string, startAt: number | null, durationMs = 1500, queuedAt = startAt ?? 0, detail: RunDetail = {}): FakeZapRun {
    this.seq += 1;
    const settled = !UNSETTLED.has(status);
    const failed = isFailure(status);
    const run: FakeZapRun = {
      id: detail.id ?? this.runIds(),
      zap_id: Number(zap.id),
      zap_title: zap.title,
      status,
      queued_at: queuedAt,
      start_time: startAt,
      end_time: settled && startAt !== null ? startAt + durationMs : null,
      steps: runSteps(Math.max(2, zap.steps.length), status, startAt, detail.failedStep ?? zap.steps.length - 1),
      data_out: failed ? { error: detail.error ?? `Gmail said: mailbox for run ${this.seq} is full` } : '',
    };
    this.runs.push(run);
    return run;
  }

  /** The run finishes (or changes state) in Zapier; a failure carries `detail.error` at `detail.failedStep`. */
  update(id: string, status: string, at: number, detail: Omit<RunDetail, 'id'> = {}): void {
    const run = this.runs.find((r) => r.id === id);
    if (!run) throw new Error(`no fake run ${id}`);
    run.status = status;
    run.start_time ??= at - 1000;
    if (!UNSETTLED.has(status)) run.end_time = at;
    run.steps = run.steps.map((s) => ({ status: s.status ?? 'success', start_time: s.start_time ?? run.start_time }));
    if (isFailure(status)) {
      const failed = Math.min(detail.failedStep ?? 1, run.steps.length - 1);
      run.steps = run.steps.map((s, i) => (i < failed ? s : i === failed ? { status, start_time: run.start_time } : { status: null, start_time: null }));
      run.data_out = { error: detail.error ?? `Step failed while finishing run ${id}` };
    }
  }

  /** The time Zapier filters a run by. */
  static timeOf(run: FakeZapRun): number {
    return run.start_time ?? run.queued_at;
  }
}
