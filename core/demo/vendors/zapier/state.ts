/**
 * The truth of a simulated Zapier account (the demo's Zapier and the tests' fake): Zaps, Zap runs, access tokens and
 * their scopes. Shapes follow the Workflow API (docs/vendors.md Z11). Times are epoch ms here and ISO text on the wire.
 */
export interface FakeZap {
  /** The Zap's integer id as text: what its runs carry as `zap_id` (a number on the wire). */
  id: string;
  /** What `GET /v2/zaps` lists as its id: UUID-shaped, the integer in the last group. docs/vendors.md Z4 */
  uuid: string;
  title: string;
  /** The Zap uses the partner's own Zapier app (the only Zaps the `zap` scope lists). docs/vendors.md Z1 */
  partnerApp: boolean;
  /** Someone else's Zap shared with this user (listed only with `zap:account:all` and `include_shared=true`). docs/vendors.md Z2 */
  shared: boolean;
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

/** Every scope a Flowdeck key could hold. docs/vendors.md Z1, Z2, Z3, Z8 */
export const ALL_SCOPES = ['zap', 'zap:all', 'zap:account:all', 'zap:runs', 'zap:write'] as const;

/** `00000000-0000-c000-8000-000000012345` for Zap 12345, the shape of the docs' examples. docs/vendors.md Z4 */
export function zapUuid(id: number): string {
  return `00000000-0000-c000-8000-${String(id).padStart(12, '0')}`;
}

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

/** `held` stays unsettled here: the run waits for its owner to act and replay it. docs/vendors.md Z6 */
const UNSETTLED: ReadonlySet<string> = new Set(['scheduled', 'pending', 'delayed', 'held', 'throttled', 'playing']);
const isFailure = (status: string) => status === 'error';
/** A run that stops at a step: an error, or `halted` (a filter or search found nothing: on purpose, no error). docs/vendors.md Z7 */
const stopsEarly = (status: string) => isFailure(status) || status === 'halted';

/**
 * Each step of a run: the trigger ran when the run started; the others ran up to the failed step (the last one when
 * none failed), which carries the run's status once it settles; steps after a failure never ran.
 */
function runSteps(count: number, status: string, startAt: number | null, failedStep: number): FakeZapRun['steps'] {
  const settled = !UNSETTLED.has(status);
  const last = stopsEarly(status) ? failedStep : count - 1;
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
  private readonly partners = new Map<string, string>();
  readonly paging: PagingFaults = { duplicatePage: 0, swapPages: 0 };
  /** Whether this partner may switch Zaps on and off (`POST /v2/zaps/{id}/enable|disable`). docs/vendors.md Z8 */
  onOff = true;
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

  /** The OAuth client (partner) a token was issued to; every install of one partner shares its limit (docs/vendors.md R4). */
  partnerOf(token: string): string {
    return this.partners.get(token) ?? 'flowdeck';
  }

  issuedBy(token: string, partner: string): void {
    this.partners.set(token, partner);
  }

  /**
   * A Zap: by default the user's own webhook into Gmail with the next free id; `options` give its integer id (as
   * text), its steps, whether it uses the partner's app and whether it is shared with the user.
   */
  addZap(title: string, at: number, enabled = true,
    options: { id?: string; steps?: FakeZap['steps']; partnerApp?: boolean; shared?: boolean } = {}): FakeZap {
    const id = options.id ?? String(100_000 + this.zaps.length + 1);
    if (!/^\d{1,12}$/.test(id)) throw new Error(`a fake Zap id is an integer of up to 12 digits, not ${id}`);
    const zap: FakeZap = {
      id, uuid: zapUuid(Number(id)), title, is_enabled: enabled, updated_at: at,
      partnerApp: options.partnerApp ?? false, shared: options.shared ?? false,
      steps: options.steps ?? [{ title: 'Trigger', action: 'webhook' }, { title: 'Action', action: 'gmail' }],
    };
    this.zaps.push(zap);
    return zap;
  }

  /** The Zap by its integer id (as text) or its UUID-shaped id. */
  zap(id: string): FakeZap | undefined {
    return this.zaps.find((z) => z.id === id || z.uuid === id);
  }

  /** Adds a run; unsettled statuses (scheduled, delayed, held …) keep end_time null. */
  addRun(zap: FakeZap, status: string, startAt: number | null, durationMs = 1500, queuedAt = startAt ?? 0, detail: RunDetail = {}): FakeZapRun {
    this.seq += 1;
    const settled = !UNSETTLED.has(status);
    const failed = isFailure(status);
    const run: FakeZapRun = {
      // The integer id, whatever shape /v2/zaps lists. docs/vendors.md Z4
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
    if (stopsEarly(status)) {
      const failed = Math.min(detail.failedStep ?? 1, run.steps.length - 1);
      run.steps = run.steps.map((s, i) => (i < failed ? s : i === failed ? { status, start_time: run.start_time } : { status: null, start_time: null }));
    }
    if (isFailure(status)) run.data_out = { error: detail.error ?? `Step failed while finishing run ${id}` };
  }

  /** The time Zapier filters a run by. */
  static timeOf(run: FakeZapRun): number {
    return run.start_time ?? run.queued_at;
  }
}
