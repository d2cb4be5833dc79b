import type { ExpectedSchedule } from '../contract/alerts.ts';
import type { RunStatus } from '../contract/runs.ts';
import type { BlindCause, WorkflowState } from '../contract/states.ts';

// The facts the alert rules read, in the shape core/store/alert-facts-repo.ts loads them (the store owns its row types).

/** One run as the rules see it. */
export interface RunFact {
  id: number;
  workflowId: number;
  externalId: string;
  status: RunStatus;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  itemCount: number | null;
  retrySuccessId: string | null;
}

export interface WorkflowFact {
  id: number;
  connectorId: string;
  externalId: string;
  name: string;
  active: boolean;
  archived: boolean;
  createdAt: number;
  /** The vendor's tags plus the registry's. */
  tags: readonly string[];
  /** The registry's environment (production / test), else null. */
  environment: string | null;
  /** The registry's owner (routes incidents to a channel of that name or address). */
  owner: string | null;
  /** The registry's expected schedule; the missed-run monitor prefers it to the one derived from the definition. */
  expectedSchedule: ExpectedSchedule | null;
  /** The vendor's definition when the ledger keeps one (schedule derivation). */
  definition: unknown;
  /** Start of the newest run, any status (missed-run anchor). */
  lastStartedAt: number | null;
  /** p95 duration over the last 7 days from the rollup histograms. */
  p95Ms: number | null;
}

export interface ConnectorFact {
  id: string;
  name: string;
  health: string;
  healthMessage: string | null;
}

/** Everything the rules read, loaded once per evaluation. Runs are oldest first, per workflow. */
export interface LedgerSnapshot {
  workflows: readonly WorkflowFact[];
  connectors: readonly ConnectorFact[];
  runsByWorkflow: ReadonlyMap<number, readonly RunFact[]>;
  /**
   * The live state per workflow and the reasons Flowdeck is blind (core/state), when deciding the present. Missed runs,
   * vendor switch-offs and blindness are read from it, so incidents never disagree with the Overview. A rule preview
   * replays history without it.
   */
  live?: { states: ReadonlyMap<number, WorkflowState>; causes: readonly BlindCause[] };
  /** Usage against the plan, loaded only when a usage rule is enabled. */
  usage?: UsageFacts;
}

/** What the usage rules read (core/usage/facts.ts builds it): each connector's forecast, each workflow's use per hour. */
export interface UsageFacts {
  connectors: readonly {
    connectorId: string; connectorName: string; measure: string; basis: string;
    used: number; quota: number | null; forecast: number | null; cycleEnd: number;
    /** What `hourly` counts for this connector's workflows (operations, tasks, minutes, executions, runs). */
    hourlyUnit: string;
  }[];
  /** workflow id → epoch hour (ms / 3 600 000) → use in its vendor's measure, over the last 8 days. */
  hourly: ReadonlyMap<number, ReadonlyMap<number, number>>;
}
