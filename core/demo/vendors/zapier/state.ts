/**
 * The truth of a fake Zapier account: Zaps, Zap runs, access tokens and their scopes. Shapes follow the Workflow
 * API (CONTRACTS.md §3.1). Times are epoch ms here and ISO text on the wire.
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

  grant(token: string, scopes: readonly string[] = ALL_SCOPES): void {
    this.tokens.set(token, new Set(scopes));
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  scopesOf(token: string): Set<string> | null {
    return this.tokens.get(token) ?? null;
  }

  addZap(title: string, at: number, enabled = true): FakeZap {
    const zap: FakeZap = { id: String(100_000 + this.zaps.length + 1), title, is_enabled: enabled, updated_at: at, steps: [
      { title: 'Trigger', action: 'webhook' }, { title: 'Action', action: 'gmail' },
    ] };
    this.zaps.push(zap);
    return zap;
  }

  /** Adds a run; unsettled statuses (scheduled, delayed, held …) keep end_time null. */
  addRun(zap: FakeZap, status: string, startAt: number | null, durationMs = 1500, queuedAt = startAt ?? 0): FakeZapRun {
    this.seq += 1;
    const hex = this.seq.toString(16).padStart(12, '0');
    const settled = !['scheduled', 'pending', 'delayed', 'held', 'throttled', 'playing'].includes(status);
    const failed = status === 'error' || status === 'halted';
    const run: FakeZapRun = {
      id: `5e1f0000-0000-4000-8000-${hex}`,
      zap_id: Number(zap.id),
      zap_title: zap.title,
      status,
      queued_at: queuedAt,
      start_time: startAt,
      end_time: settled && startAt !== null ? startAt + durationMs : null,
      steps: [
        { status: startAt === null ? null : 'success', start_time: startAt },
        { status: failed ? status : settled ? status === 'success' ? 'success' : status : null, start_time: startAt === null ? null : startAt + 500 },
      ],
      data_out: failed ? { error: `Gmail said: mailbox for run ${this.seq} is full` } : '',
    };
    this.runs.push(run);
    return run;
  }

  /** The run finishes (or changes state) in Zapier. */
  update(id: string, status: string, at: number): void {
    const run = this.runs.find((r) => r.id === id);
    if (!run) throw new Error(`no fake run ${id}`);
    run.status = status;
    run.start_time ??= at - 1000;
    if (!['scheduled', 'pending', 'delayed', 'held', 'throttled', 'playing'].includes(status)) run.end_time = at;
    run.steps = run.steps.map((s) => ({ status: s.status ?? 'success', start_time: s.start_time ?? run.start_time }));
    if (status === 'error' || status === 'halted') {
      run.steps[1] = { status, start_time: run.start_time };
      run.data_out = { error: `Step failed while finishing run ${id}` };
    }
  }

  /** The time Zapier filters a run by. */
  static timeOf(run: FakeZapRun): number {
    return run.start_time ?? run.queued_at;
  }
}
