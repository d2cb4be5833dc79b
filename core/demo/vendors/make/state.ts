import type { Clock } from '../../../platform/clock.ts';

/**
 * The truth behind the fake Make zone (docs/vendors.md M17, R2): organisations, scenarios with blueprints, execution logs
 * and their error details, API tokens, and a per-organisation sliding-minute request limit on an injectable clock.
 */
export interface FakeMakeOrg {
  id: number; name: string; zone: string; apiLimit: number; teamId: number;
  /** Numeric id resolved through `/enums/timezones`; default the fake's UTC entry. docs/vendors.md M11 */
  timezoneId: number;
}

export interface FakeScenario {
  id: number; name: string; teamId: number; organizationId: number; description: string; folderId: number | null;
  isActive: boolean; isPaused: boolean; isinvalid: boolean; dlqCount: number; operations: number; transfer: number;
  lastEdit: string; created: string; scheduling: FakeScheduling; usedPackages: string[];
  blueprint: { name: string; flow: unknown[]; metadata: Record<string, unknown> };
  /** Make's proprietary list order (here: bumped by every run); the list is sorted by it, descending. docs/vendors.md M13 */
  rank: number;
}

/** A scenario's `scheduling` (the SDK's `Scheduling`, docs/vendors.md M18): interval in seconds, time "HH:MM", weekdays 0–6. */
export interface FakeScheduling {
  type: string; interval?: number; time?: string; days?: number[];
  restrict?: { days?: number[]; time?: [string, string] }[];
}

export interface FakeExecutionError { name: string; message: string; causeModule: { name: string; appName: string } }

export interface FakeLog {
  id: string; imtId: string; status: 0 | 1 | 2 | 3; duration: number; operations: number; centicredits: number;
  transfer: number; organizationId: number; teamId: number; type: string; authorId: number | null; instant: boolean;
  timestamp: string; scenarioId: number; error: FakeExecutionError | null;
  /** A trigger check that found nothing: listed only with `showCheckRuns=true`. docs/vendors.md M3 */
  check: boolean;
}

/** A change-log entry mixed into `/logs`: `type: "modify"`, no status, a `detail` block. docs/vendors.md M5 */
export interface FakeChange {
  id: string; imtId: string; type: 'modify'; organizationId: number; teamId: number; authorId: number | null;
  timestamp: string; detail: Record<string, unknown>; scenarioId: number;
}

export interface NewLog {
  status: 0 | 1 | 2 | 3;
  /** Start time (ms); default now. */
  at?: number;
  duration?: number;
  operations?: number;
  type?: string;
  error?: FakeExecutionError;
  /** A trigger check that found nothing (status 1, one operation, no transfer). docs/vendors.md M3, M15 */
  check?: boolean;
  /** A handled error stored as an incomplete execution (default: a warning with an error). docs/vendors.md M6 */
  stored?: boolean;
}

export const ALL_SCOPES = ['scenarios:read', 'scenarios:write', 'scenarios:run', 'organizations:read'];

export interface Arrival { at: number; method: string; path: string; status: number }

const hex = (n: number) => n.toString(16).padStart(32, '0');

/** The fake `/enums/timezones` entry the organisations default to. docs/vendors.md M11 */
export const FAKE_UTC_ID = 1;

export class FakeMakeState {
  readonly clock: Clock;
  readonly zone: string;
  readonly orgs = new Map<number, FakeMakeOrg>();
  readonly scenarios = new Map<number, FakeScenario>();
  readonly logs = new Map<number, FakeLog[]>();
  readonly tokens = new Map<string, { orgId: number; revoked: boolean; user: string; scopes: string[] }>();
  /** Change-log entries per scenario (edits, scheduling changes, activation). docs/vendors.md M5 */
  readonly changes = new Map<number, FakeChange[]>();
  /** Every request in fake time, with the status it got. */
  readonly arrivals: Arrival[] = [];
  /** How many requests the organisation limit turned away with 429. */
  limited = 0;
  /** Largest page the logs / scenario lists accept (`pg[limit]`); more is a 400. */
  readonly maxLimit = 100;
  private readonly sent = new Map<number, number[]>();
  private pendingRevoke: { token: string; at: number } | null = null;
  private seq = 0;
  private nextScenarioId = 4000;

  constructor(options: { clock: Clock; zone?: string }) {
    this.clock = options.clock;
    this.zone = options.zone ?? 'eu1.make.com';
  }

  addOrg(org: Partial<FakeMakeOrg> & { id: number }): FakeMakeOrg {
    const full: FakeMakeOrg = { name: `Org ${org.id}`, zone: this.zone, apiLimit: 60, teamId: org.id * 10, timezoneId: FAKE_UTC_ID, ...org };
    this.orgs.set(full.id, full);
    return full;
  }

  /** A token with the given API scopes (default all); `/run` needs `scenarios:run`. docs/vendors.md M9 */
  addToken(token: string, orgId: number, scopes: string[] = ALL_SCOPES): void {
    this.tokens.set(token, { orgId, revoked: false, user: 'owner@example.test', scopes });
  }

  revoke(token: string): void {
    const t = this.tokens.get(token);
    if (t) t.revoked = true;
  }

  /** Revokes the token once `requests` more requests have arrived (a key revoked in the middle of a sync). */
  revokeAfter(token: string, requests: number): void {
    this.pendingRevoke = { token, at: this.arrivals.length + requests };
  }

  /** Applies a pending revocation when its time has come (the handler calls this on every arrival). */
  checkRevoke(): void {
    if (this.pendingRevoke && this.arrivals.length > this.pendingRevoke.at) {
      this.revoke(this.pendingRevoke.token);
      this.pendingRevoke = null;
    }
  }

  restore(token: string): void {
    const t = this.tokens.get(token);
    if (t) t.revoked = false;
  }

  addScenario(orgId: number, fields: Partial<FakeScenario> = {}): FakeScenario {
    const org = this.orgs.get(orgId)!;
    const id = fields.id ?? this.nextScenarioId++;
    const iso = new Date(this.clock.now()).toISOString();
    const s: FakeScenario = {
      id, name: `Scenario ${id}`, teamId: org.teamId, organizationId: orgId, description: '', folderId: null,
      isActive: true, isPaused: false, isinvalid: false, dlqCount: 0, operations: 0, transfer: 0, lastEdit: iso, created: iso,
      scheduling: { type: 'indefinitely', interval: 900 }, usedPackages: ['http', 'google-sheets'],
      blueprint: {
        name: fields.name ?? `Scenario ${id}`,
        flow: [
          { id: 1, module: 'http:ActionSendData', version: 3, mapper: { url: 'https://example.test/hook' }, metadata: { designer: { x: 0, y: 0 } } },
          { id: 2, module: 'google-sheets:addRow', version: 2, mapper: { values: { 0: '{{1.data}}' } }, metadata: { designer: { x: 300, y: 0 } } },
        ],
        metadata: { instant: false, version: 1, scenario: { roundtrips: 1, maxErrors: 3 } },
      },
      rank: 0,
      ...fields,
    };
    this.scenarios.set(id, s);
    this.logs.set(id, []);
    this.changes.set(id, []);
    return s;
  }

  /** An execution log; status 0 is a run still in progress. Counters on the scenario move like Make's do. */
  addLog(scenarioId: number, log: NewLog): FakeLog {
    const s = this.scenarios.get(scenarioId)!;
    const at = log.at ?? this.clock.now();
    this.seq += 1;
    const entry: FakeLog = {
      id: hex(this.seq), imtId: `${String(at).padStart(15, '0')}-${String(this.seq).padStart(9, '0')}`, status: log.status,
      duration: log.status === 0 ? 0 : log.duration ?? 1200, operations: log.operations ?? (log.status === 0 ? 0 : 3),
      centicredits: 0, transfer: 2048, organizationId: s.organizationId, teamId: s.teamId, type: log.type ?? 'auto',
      authorId: null, instant: false, timestamp: new Date(at).toISOString(), scenarioId, error: log.error ?? null, check: log.check === true,
    };
    if (entry.check) Object.assign(entry, { status: 1, operations: 1, transfer: 0, error: null });
    entry.centicredits = entry.operations * 100;
    this.logs.get(scenarioId)!.push(entry);
    this.count(s, entry, log.stored);
    return entry;
  }

  /** A polling trigger's check that found nothing: a run of one operation. docs/vendors.md M3, M15 */
  addCheckRun(scenarioId: number, at?: number): FakeLog {
    return this.addLog(scenarioId, { status: 1, check: true, duration: 400, ...(at === undefined ? {} : { at }) });
  }

  /** A change-log entry (an edit, a scheduling change, an activation), listed among the logs. docs/vendors.md M5 */
  addChange(scenarioId: number, detail: Record<string, unknown>, at = this.clock.now()): FakeChange {
    const s = this.scenarios.get(scenarioId)!;
    this.seq += 1;
    const entry: FakeChange = {
      id: hex(this.seq), imtId: `${String(at).padStart(15, '0')}-${String(this.seq).padStart(9, '0')}`, type: 'modify',
      organizationId: s.organizationId, teamId: s.teamId, authorId: 7, timestamp: new Date(at).toISOString(), detail, scenarioId,
    };
    this.changes.get(scenarioId)!.push(entry);
    return entry;
  }

  /** Finishes a run that was in progress. */
  finish(executionId: string, status: 1 | 2 | 3, extra: { duration?: number; operations?: number; error?: FakeExecutionError; stored?: boolean } = {}): FakeLog {
    const log = this.findLog(executionId)!;
    log.status = status;
    log.duration = extra.duration ?? 45_000;
    log.operations = extra.operations ?? 4;
    log.centicredits = log.operations * 100;
    log.error = extra.error ?? null;
    this.count(this.scenarios.get(log.scenarioId)!, log, extra.stored);
    return log;
  }

  findLog(executionId: string): FakeLog | undefined {
    for (const list of this.logs.values()) {
      const hit = list.find((l) => l.id === executionId);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * Counters on the scenario move like Make's. An incomplete execution is stored for a HANDLED error, which ends the
   * run as a warning (status 2); a plain failure (status 3) stores none. docs/vendors.md M6
   */
  private count(s: FakeScenario, log: FakeLog, stored?: boolean): void {
    s.operations += log.operations;
    s.transfer += log.transfer;
    if (log.status === 2 && log.error && stored !== false) s.dlqCount += 1;
    if (log.status !== 0) s.rank = this.seq;
  }

  /** Logs of a scenario as Make lists them: newest first by imtId. */
  sortedLogs(scenarioId: number): FakeLog[] {
    return [...(this.logs.get(scenarioId) ?? [])].sort((a, b) => (a.imtId < b.imtId ? 1 : a.imtId > b.imtId ? -1 : 0));
  }

  /** Sliding-minute organisation limit: true when the request may be answered. */
  admit(orgId: number): boolean {
    const org = this.orgs.get(orgId);
    if (!org) return true;
    const now = this.clock.now();
    const times = (this.sent.get(orgId) ?? []).filter((t) => t > now - 60_000);
    if (times.length >= org.apiLimit) {
      this.sent.set(orgId, times);
      this.limited += 1;
      return false;
    }
    times.push(now);
    this.sent.set(orgId, times);
    return true;
  }

  /** The most requests that arrived within any `windowMs` interval (a sliding window over fake time). */
  maxInAnyWindow(windowMs = 60_000): number {
    const times = this.arrivals.map((a) => a.at).sort((a, b) => a - b);
    let best = 0;
    for (let i = 0, j = 0; i < times.length; i += 1) {
      while (times[i]! - times[j]! >= windowMs) j += 1;
      best = Math.max(best, i - j + 1);
    }
    return best;
  }

  /** Every run as the ledger should end up holding it (check runs included, change-log entries are not runs). */
  truth(): { externalId: string; status: 0 | 1 | 2 | 3; error: FakeExecutionError | null; scenarioId: number }[] {
    const out = [];
    for (const [sid, list] of this.logs) {
      if (!this.scenarios.has(sid)) continue;
      for (const l of list) out.push({ externalId: `${sid}:${l.id}`, status: l.status, error: l.error, scenarioId: sid });
    }
    return out;
  }
}
