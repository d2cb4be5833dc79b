/**
 * The truth of a simulated Activepieces platform (the tests' fake): projects, platform API keys, flows and flow runs.
 * Shapes follow the API as docs/vendors.md A1–A11 records it. Times are epoch ms here and ISO text on the wire. Ids
 * are handed out from a counter, so a seeded state is the same on every run.
 */
export interface FakeFlow {
  id: string;
  projectId: string;
  displayName: string;
  /** docs/vendors.md A7 */
  status: 'ENABLED' | 'DISABLED';
  versionId: string;
  created: number;
  updated: number;
}

export interface FakeRun {
  id: string;
  projectId: string;
  flowId: string;
  flowVersionId: string;
  flowDisplayName: string;
  /** A FlowRunStatus word (docs/vendors.md A5). */
  status: string;
  /** Only PRODUCTION runs are listed; TESTING runs come from the flow builder (A4). */
  environment: 'PRODUCTION' | 'TESTING';
  created: number;
  updated: number;
  startTime: number | null;
  finishTime: number | null;
  /** The step that failed, with the message its output carries (A6). */
  failure: { step: string; displayName: string; message: string } | null;
}

/** A run in one of these words is not finished (A5). */
export const UNFINISHED: ReadonlySet<string> = new Set(['QUEUED', 'RUNNING', 'PAUSED']);

export class ActivepiecesState {
  /** projectId → platformId (A2). */
  readonly projects = new Map<string, string>();
  /** Platform API key → platformId (A1). */
  private readonly keys = new Map<string, string>();
  readonly flows: FakeFlow[] = [];
  readonly runs: FakeRun[] = [];
  /**
   * The field names of a run: `current` (`flowVersion.displayName`, `failedStep`, no `startTime` while queued) or
   * `legacy` (`flowDisplayName`, `failedStepName`, `startTime` always), as the API changed between versions (A6).
   */
  shape: 'current' | 'legacy' = 'current';
  /** Requests a key may make per window before 429 with Retry-After (A10: assumption; null = unlimited). */
  rateLimit: { limit: number; windowMs: number } | null = null;
  private seq = 0;

  /** A 21-character id like Activepieces' (`[0-9a-zA-Z]{21}`), counting up: deterministic. */
  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(21 - prefix.length, '0')}`;
  }

  addProject(platformId = 'platform00000000000001'): string {
    const id = this.nextId('proj');
    this.projects.set(id, platformId);
    return id;
  }

  /** A1: platform API keys start with `sk-`. */
  grant(key: string, platformId = 'platform00000000000001'): void {
    this.keys.set(key, platformId);
  }

  revoke(key: string): void {
    this.keys.delete(key);
  }

  platformOf(key: string): string | null {
    return this.keys.get(key) ?? null;
  }

  addFlow(projectId: string, displayName: string, at: number, status: FakeFlow['status'] = 'ENABLED'): FakeFlow {
    const flow: FakeFlow = { id: this.nextId('flow'), projectId, displayName, status, versionId: this.nextId('fver'), created: at, updated: at };
    this.flows.push(flow);
    return flow;
  }

  flow(id: string): FakeFlow | undefined {
    return this.flows.find((f) => f.id === id);
  }

  run(id: string): FakeRun | undefined {
    return this.runs.find((r) => r.id === id);
  }

  /** A run created at `at`: queued ones have not started; running and paused ones started then; others finished 1.5 s later. */
  addRun(flow: FakeFlow, status: string, at: number, options: { failure?: FakeRun['failure']; environment?: FakeRun['environment'] } = {}): FakeRun {
    const started = status === 'QUEUED' ? null : at;
    const run: FakeRun = {
      id: this.nextId('run'), projectId: flow.projectId, flowId: flow.id, flowVersionId: flow.versionId, flowDisplayName: flow.displayName,
      status, environment: options.environment ?? 'PRODUCTION', created: at, updated: at, startTime: started,
      finishTime: UNFINISHED.has(status) ? null : at + 1500, failure: options.failure ?? null,
    };
    this.runs.push(run);
    return run;
  }

  /** The run ends (or moves on) at `at`, keeping its id: Activepieces updates a run in place (A4). */
  finish(run: FakeRun, status: string, at: number, failure: FakeRun['failure'] = null): void {
    run.status = status;
    run.updated = at;
    run.startTime ??= at;
    run.finishTime = UNFINISHED.has(status) ? null : at;
    run.failure = failure;
  }
}
