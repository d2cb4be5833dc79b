import type { RunStatus } from '../../../contract/runs.ts';
import type { IngestRecord, RunUsage } from '../../ingest/record.ts';
import type { WorkflowDefinition } from '../types.ts';

/**
 * Make API v2 payloads to our records. Facts: docs/vendors.md M16–M18. Pure: no IO, no clock.
 * A run's external id is `<scenarioId>:<executionId>`, because re-reading one log needs both.
 */
export interface MakeScenario {
  id: number;
  name: string;
  teamId: number;
  description?: string | null;
  folderId?: number | null;
  isActive?: boolean;
  isPaused?: boolean;
  isinvalid?: boolean;
  islinked?: boolean;
  dlqCount?: number;
  operations?: number;
  transfer?: number;
  lastEdit?: string | null;
  created?: string | null;
  scheduling?: Record<string, unknown> | null;
  usedPackages?: string[];
}

/**
 * One execution log (`GET /scenarios/{id}/logs`). Status 0 = pending / in progress (per the SDK). Change-log entries
 * (`type: "modify"`) come in the same list without a status: see log-kinds.ts (docs/vendors.md M5).
 */
export interface MakeLog {
  id: string;
  imtId?: string;
  status: number;
  detail?: unknown;
  duration?: number | null;
  operations?: number | null;
  centicredits?: number | null;
  transfer?: number | null;
  organizationId?: number;
  teamId?: number;
  type?: string | null;
  authorId?: number | null;
  instant?: boolean | null;
  timestamp: string;
}

/** `GET /scenarios/{id}/executions/{executionId}`: the only place Make gives the error and failing module. */
export interface MakeExecutionDetail {
  status?: 'RUNNING' | 'SUCCESS' | 'WARNING' | 'ERROR' | string;
  error?: { name?: string | null; message?: string | null; causeModule?: { name?: string | null; appName?: string | null } | null } | null;
}

/** `GET /scenarios/{id}/blueprint` → `{ code, response: { blueprint, scheduling, metadata? } }`. */
export interface MakeBlueprintAnswer {
  code?: string;
  response?: { blueprint?: unknown; scheduling?: unknown; metadata?: unknown } | null;
}

export const MAKE_LOG_STATUSES: Record<number, RunStatus> = { 0: 'running', 1: 'success', 2: 'warning', 3: 'failed' };

export function makeLogStatus(status: number): RunStatus {
  return MAKE_LOG_STATUSES[status] ?? 'unknown';
}

export function makeRunId(scenarioId: number | string, executionId: string): string {
  return `${scenarioId}:${executionId}`;
}

export function parseMakeRunId(externalId: string): { scenarioId: number; executionId: string } | null {
  const m = /^(\d+):(.+)$/.exec(externalId);
  return m ? { scenarioId: Number(m[1]), executionId: m[2]! } : null;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '').replace(/\/api\/v2$/, '');

/** The Make web app's page for a scenario (zone host, team in the path). */
export function makeScenarioLink(zoneUrl: string, teamId: number, scenarioId: number): string {
  return `${trimSlash(zoneUrl)}/${teamId}/scenarios/${scenarioId}/edit`;
}

export function makeExecutionLink(zoneUrl: string, teamId: number, scenarioId: number, executionId: string): string {
  return `${trimSlash(zoneUrl)}/${teamId}/scenarios/${scenarioId}/logs/${encodeURIComponent(executionId)}`;
}

/** `name: message` as Make words it, e.g. "DataError: Validation failed for 1 parameter(s)." */
export function makeErrorMessage(detail: MakeExecutionDetail | null | undefined): string | null {
  const e = detail?.error;
  if (!e) return null;
  const message = e.message?.trim() ?? '';
  const name = e.name?.trim() ?? '';
  if (!message && !name) return null;
  return (name && message && !message.startsWith(name) ? `${name}: ${message}` : message || name).slice(0, 20_000);
}

export function makeFailingStep(detail: MakeExecutionDetail | null | undefined): string | null {
  const m = detail?.error?.causeModule;
  const name = m?.name?.trim();
  const app = m?.appName?.trim();
  if (!name && !app) return null;
  return (name && app && name !== app ? `${name} (${app})` : (name || app)!).slice(0, 500);
}

export interface MakeLogContext {
  zoneUrl: string;
  scenarioId: number;
  scenarioName: string;
  /** Team of the scenario, for the deep link when the log does not carry one. */
  teamId: number;
}

/** Statuses whose error text is worth a request: failures, and warnings from handled errors (docs/vendors.md M6). */
export function makeHasErrorDetail(status: number): boolean {
  return status === 3 || status === 2;
}

/**
 * The item count from a log's usage (docs/vendors.md M15). Make gives `operations`, `centicredits` and `transfer`, no
 * item count. A trigger check costs one operation even when it found nothing, and every bundle it finds costs at
 * least one more operation in the next module; so one operation or less means nothing came through: 0 items.
 * More than one is kept as it is: a rough "work done" count, enough to tell "did something" from "did nothing".
 */
export function makeItemCount(log: Pick<MakeLog, 'operations'>): number | null {
  const ops = log.operations;
  if (typeof ops !== 'number' || !Number.isFinite(ops) || ops < 0) return null;
  return ops <= 1 ? 0 : Math.round(ops);
}

/**
 * A log (plus, for failures and warnings, its execution detail) to an ingest record. The raw status is Make's number
 * as text ("3"); the normalised status is set explicitly since "0"–"3" mean nothing to the generic status words.
 * `timestamp` is read as the start; the finish is start + duration once the run is over. A trigger check that found
 * nothing is a run (status 1) with 0 items (docs/vendors.md M3, M15).
 */
export function mapMakeLog(log: MakeLog, ctx: MakeLogContext, detail?: MakeExecutionDetail | null): IngestRecord {
  const status = makeLogStatus(log.status);
  const done = status !== 'running' && status !== 'unknown';
  const duration = typeof log.duration === 'number' && log.duration >= 0 ? log.duration : null;
  const started = Date.parse(log.timestamp);
  const teamId = log.teamId ?? ctx.teamId;
  return {
    externalId: makeRunId(ctx.scenarioId, log.id),
    workflow: { externalId: String(ctx.scenarioId), name: ctx.scenarioName || `Scenario ${ctx.scenarioId}` },
    rawStatus: String(log.status),
    status,
    startedAt: log.timestamp,
    finishedAt: done && duration !== null && Number.isFinite(started) ? started + duration : null,
    durationMs: done ? duration : null,
    errorMessage: makeErrorMessage(detail) ?? (status === 'failed' && detail ? 'Make reported the execution as failed.' : null),
    failingStep: makeFailingStep(detail),
    mode: log.type ?? (log.instant ? 'instant' : null),
    deepLink: makeExecutionLink(ctx.zoneUrl, teamId, ctx.scenarioId, log.id),
    itemCount: makeItemCount(log),
    usage: done ? makeUsage(log) : null,
  };
}

/**
 * What a finished execution cost, as Make reports it on its log: `operations` and `centicredits` (1/100 credit), both
 * exact (docs/vendors.md M15, M20). Null when the log carries no operation count.
 */
export function makeUsage(log: Pick<MakeLog, 'operations' | 'centicredits'>): RunUsage | null {
  const ops = log.operations;
  if (typeof ops !== 'number' || !Number.isFinite(ops) || ops < 0) return null;
  const cc = log.centicredits;
  return { units: ops, centicredits: typeof cc === 'number' && Number.isInteger(cc) && cc >= 0 ? cc : null, exact: true };
}

/**
 * The scenario list's cheap change signal: these counters move when the scenario runs or fails
 * (operations consumed, incomplete executions stored, the scenario turned invalid). Null when the list
 * did not carry them, which means "always read the logs".
 */
export function scenarioSignature(s: MakeScenario): string | null {
  if (typeof s.operations !== 'number' && typeof s.dlqCount !== 'number') return null;
  return `${s.operations ?? '-'}|${s.dlqCount ?? '-'}|${s.isinvalid ? 1 : 0}`;
}

/** Signals that make a scenario worth reading first: it turned invalid or has new incomplete executions. */
export function scenarioLooksFailing(s: MakeScenario, previousSignature: string | null | undefined): boolean {
  if (s.isinvalid) return true;
  const before = previousSignature?.split('|')[1];
  return typeof s.dlqCount === 'number' && s.dlqCount > 0 && before !== String(s.dlqCount);
}

/**
 * A scenario and its blueprint to a versioned workflow definition. `timezone` is the organisation's zone (IANA name,
 * resolved from its numeric `timezoneId`, docs/vendors.md M11): Make reads schedule times there.
 */
export function mapMakeScenario(s: MakeScenario, blueprint: MakeBlueprintAnswer | null, zoneUrl: string, timezone?: string | null): WorkflowDefinition {
  const lastEdit = s.lastEdit ? Date.parse(s.lastEdit) : NaN;
  return {
    externalId: String(s.id),
    name: s.name || `Scenario ${s.id}`,
    active: s.isActive === true && s.isPaused !== true,
    archived: false,
    definition: {
      scenario: {
        id: s.id, name: s.name, description: s.description ?? null, teamId: s.teamId, folderId: s.folderId ?? null,
        scheduling: s.scheduling ?? null, isActive: s.isActive ?? null, isPaused: s.isPaused ?? null,
        isinvalid: s.isinvalid ?? null, usedPackages: s.usedPackages ?? [],
      },
      blueprint: blueprint?.response?.blueprint ?? null,
      blueprintScheduling: blueprint?.response?.scheduling ?? null,
      ...(timezone ? { timezone } : {}),
    },
    vendorVersionId: s.lastEdit ?? null,
    updatedAt: Number.isFinite(lastEdit) ? lastEdit : null,
    tags: [],
    deepLink: makeScenarioLink(zoneUrl, s.teamId, s.id),
  };
}
