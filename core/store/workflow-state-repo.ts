import type { ConnectorKind } from '../contract/catalog.ts';
import type { RunStatus } from '../contract/runs.ts';
import type { Db } from './db.ts';
import { SettingsRepo } from './settings-repo.ts';
import { StatementCache } from './statements.ts';

type Criticality = 'low' | 'medium' | 'high' | 'critical';
const ALIVE_KEY = 'core.aliveAt';

/** The facts a workflow's live state is derived from (table workflow_state), kept current by ingest. */
export interface WorkflowRunFacts {
  workflowId: number;
  lastRunId: number | null;
  lastStartedAt: number | null;
  lastStatus: RunStatus | null;
  lastGoodAt: number | null;
  /** Settled failures since the last good run; 0 when the newest settled run was good. */
  streak: number;
  /** Start of the streak's first failure. */
  streakSince: number | null;
  /** The streak's newest run ids (at most 50), newest last. */
  streakRunIds: number[];
  lastError: string | null;
  failingStep: string | null;
  pausedBy: 'flowdeck' | 'vendor' | null;
  pausedActor: string | null;
  pausedAt: number | null;
  resumedAt: number | null;
}

/** What the live state needs of a connector to tell whether Flowdeck can see its workflows. */
export interface ConnectorSight {
  id: string;
  kind: ConnectorKind;
  name: string;
  health: string;
  healthMessage: string | null;
  paused: boolean;
  lastSuccessAt: number | null;
}

/** How far back one refresh walks a failing streak (the count says "at least" beyond it). */
const STREAK_WALK = 1000;
const KEEP_RUN_IDS = 50;
const SETTLED_FAIL = new Set<string>(['failed', 'missed']);
const SETTLED_GOOD = new Set<string>(['success', 'warning']);

type Row = { id: number; status: RunStatus; startedAt: number; errorMessage: string | null; failingStep: string | null; retrySuccessId: string | null };

/**
 * Read and write side of workflow_state. `refresh` walks a workflow's newest runs down the (workflow_id, started_at)
 * index only as far as its last good run, so it costs the length of the current streak, never a scan of the history.
 */
export class WorkflowStateRepo {
  private readonly db: Db;
  private readonly s: StatementCache;

  private readonly settings: SettingsRepo;

  constructor(db: Db) {
    this.db = db;
    this.settings = new SettingsRepo(db);
    this.s = new StatementCache(db);
  }

  /** Recomputes the run facts of these workflows from their newest runs (inside the caller's transaction). */
  refresh(workflowIds: Iterable<number>, now: number): void {
    const newest = this.s.get<Row>(`SELECT id, status, started_at AS startedAt, error_message AS errorMessage, failing_step AS failingStep,
      retry_success_id AS retrySuccessId FROM runs WHERE workflow_id = ? ORDER BY started_at DESC, id DESC LIMIT ${STREAK_WALK}`);
    const upsert = this.s.get(`INSERT INTO workflow_state (workflow_id, last_run_id, last_started_at, last_status, last_good_at, streak,
        streak_since, streak_run_ids, last_error, failing_step, updated_at)
      VALUES (@workflowId, @lastRunId, @lastStartedAt, @lastStatus, @lastGoodAt, @streak, @streakSince, @streakRunIds, @lastError, @failingStep, @now)
      ON CONFLICT (workflow_id) DO UPDATE SET last_run_id = excluded.last_run_id, last_started_at = excluded.last_started_at,
        last_status = excluded.last_status, last_good_at = excluded.last_good_at, streak = excluded.streak, streak_since = excluded.streak_since,
        streak_run_ids = excluded.streak_run_ids, last_error = excluded.last_error, failing_step = excluded.failing_step, updated_at = excluded.updated_at`);
    const goodBefore = this.s.get<number>(`SELECT started_at FROM runs WHERE workflow_id = ? AND status IN ('success', 'warning') AND started_at < ?
      ORDER BY started_at DESC LIMIT 1`).pluck();
    for (const workflowId of new Set(workflowIds)) {
      const facts = walk(newest.iterate(workflowId) as Iterable<Row>);
      // A streak longer than the walk: its last good run lies further back, found through the index in one step.
      if (facts.walkedOut && facts.lastGoodAt === null && facts.streakSince !== null) facts.lastGoodAt = goodBefore.get(workflowId, facts.streakSince) ?? null;
      upsert.run({ workflowId, ...facts, streakRunIds: JSON.stringify(facts.streakRunIds), now });
    }
  }

  /** Workflows that have runs but no facts yet (a ledger from before workflow_state, or a restored backup). */
  missing(): number[] {
    return this.s.get<number>(`SELECT w.id FROM workflows w LEFT JOIN workflow_state s ON s.workflow_id = w.id
      WHERE s.workflow_id IS NULL AND EXISTS (SELECT 1 FROM runs r WHERE r.workflow_id = w.id)`).pluck().all();
  }

  all(): Map<number, WorkflowRunFacts> {
    const rows = this.s.get<Omit<WorkflowRunFacts, 'streakRunIds'> & { streakRunIds: string }>(`SELECT workflow_id AS workflowId, last_run_id AS lastRunId,
      last_started_at AS lastStartedAt, last_status AS lastStatus, last_good_at AS lastGoodAt, streak, streak_since AS streakSince,
      streak_run_ids AS streakRunIds, last_error AS lastError, failing_step AS failingStep, paused_by AS pausedBy, paused_actor AS pausedActor,
      paused_at AS pausedAt, resumed_at AS resumedAt FROM workflow_state`).all();
    return new Map(rows.map((r) => [r.workflowId, { ...r, streakRunIds: JSON.parse(r.streakRunIds) as number[] }]));
  }

  /** The workflow was switched off: by Flowdeck (actor as audited) or, seen at a poll, by its vendor. */
  markPaused(workflowId: number, by: 'flowdeck' | 'vendor', actor: string | null, at: number | null, now: number): void {
    this.s.get(`INSERT INTO workflow_state (workflow_id, paused_by, paused_actor, paused_at, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (workflow_id) DO UPDATE SET paused_by = excluded.paused_by, paused_actor = excluded.paused_actor,
        paused_at = excluded.paused_at, updated_at = excluded.updated_at`).run(workflowId, by, actor, at, now);
  }

  markResumed(workflowId: number, at: number): void {
    this.s.get(`INSERT INTO workflow_state (workflow_id, resumed_at, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (workflow_id) DO UPDATE SET paused_by = NULL, paused_actor = NULL, paused_at = NULL,
        resumed_at = excluded.resumed_at, updated_at = excluded.updated_at`).run(workflowId, at, at);
  }

  /** What the live state needs of each connector (no run counts: this is read at every refresh). */
  connectorSights(): ConnectorSight[] {
    return this.s.get<Omit<ConnectorSight, 'paused'> & { paused: number }>(`SELECT id, kind, name, health, health_message AS healthMessage, paused,
      last_success_at AS lastSuccessAt FROM connectors WHERE removed_at IS NULL`).all().map((c) => ({ ...c, paused: c.paused === 1 }));
  }

  /** The registry's criticality per workflow (only those that have one). */
  criticalities(): Map<number, Criticality> {
    const rows = this.s.get<{ id: number; c: Criticality }>('SELECT workflow_id AS id, criticality AS c FROM workflow_registry WHERE criticality IS NOT NULL').all();
    return new Map(rows.map((r) => [r.id, r.c]));
  }

  /** The registry's owner and runbook of a workflow (incidents say who owns it and what to do). */
  ownerAndRunbook(workflowId: number): { owner: string | null; runbook: string | null } {
    return this.s.get<{ owner: string | null; runbook: string | null }>('SELECT owner, runbook FROM workflow_registry WHERE workflow_id = ?').get(workflowId)
      ?? { owner: null, runbook: null };
  }

  /** The newest sign that a Flowdeck core was running on this ledger: its heartbeat, else its connectors' last polls. */
  lastAlive(): number | null {
    const beat = this.settings.get<number>(ALIVE_KEY);
    if (beat) return beat;
    return this.s.get<number | null>('SELECT max(last_poll_at) FROM connectors WHERE removed_at IS NULL').pluck().get() ?? null;
  }

  heartbeat(now: number): void {
    this.settings.set(ALIVE_KEY, now, now);
  }

  pausedBy(workflowId: number): 'flowdeck' | 'vendor' | null {
    return this.s.get<'flowdeck' | 'vendor' | null>('SELECT paused_by FROM workflow_state WHERE workflow_id = ?').pluck().get(workflowId) ?? null;
  }
}

interface Walked extends Omit<WorkflowRunFacts, 'workflowId' | 'pausedBy' | 'pausedActor' | 'pausedAt' | 'resumedAt'> {
  walkedOut: boolean;
}

/** Newest first: the newest run, then settled runs until the first good one. Unsettled and canceled/skipped runs are passed over. */
function walk(rows: Iterable<Row>): Walked {
  const f: Walked = { lastRunId: null, lastStartedAt: null, lastStatus: null, lastGoodAt: null, streak: 0, streakSince: null, streakRunIds: [],
    lastError: null, failingStep: null, walkedOut: false };
  let seen = 0;
  for (const r of rows) {
    seen++;
    if (f.lastRunId === null) {
      f.lastRunId = r.id;
      f.lastStartedAt = r.startedAt;
      f.lastStatus = r.status;
    }
    if (SETTLED_GOOD.has(r.status)) {
      f.lastGoodAt = r.startedAt;
      break;
    }
    // A failure the vendor's own retry fixed is not part of the streak.
    if (!SETTLED_FAIL.has(r.status) || r.retrySuccessId) continue;
    f.streak++;
    f.streakSince = r.startedAt;
    if (f.streakRunIds.length < KEEP_RUN_IDS) f.streakRunIds.unshift(r.id);
    if (f.lastError === null && r.errorMessage) f.lastError = r.errorMessage;
    if (f.failingStep === null && r.failingStep) f.failingStep = r.failingStep;
  }
  f.walkedOut = seen >= STREAK_WALK;
  return f;
}
