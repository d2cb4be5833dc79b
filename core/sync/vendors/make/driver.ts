import type { IngestRecord } from '../../ingest/record.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import type { ConnectorDriver, DriverFactory, WorkflowDefinition } from '../types.ts';
import { createMakeActions } from './actions.ts';
import { createMakeApi, listIn, makeScope, objectIn, scopeQuery, type MakeApi, type Query } from './api.ts';
import { makeEntryKind, unknownTypeNotifier } from './log-kinds.ts';
import {
  makeHasErrorDetail, mapMakeLog, mapMakeScenario, parseMakeRunId,
  type MakeBlueprintAnswer, type MakeExecutionDetail, type MakeLog, type MakeScenario,
} from './mapper.ts';
import { DEFAULT_MAKE_SYNC, MAKE_SCENARIO_SORT, makeListRuns, type MakeSyncOptions } from './sync.ts';
import { testMakeConnection } from './test-connection.ts';
import { createMakeTimezone } from './timezone.ts';

/** Make's API limits per organisation plan (requests per minute), docs/vendors.md R2. */
export const MAKE_PLAN_LIMITS: Record<string, number> = { core: 60, pro: 120, teams: 240, enterprise: 1000 };

/**
 * The rate budget for a Make connector's HTTP client: the plan's requests per minute, or the organisation's
 * `license.apiLimit` when known. An unknown plan gets the smallest (Core) budget: too slow beats 429s.
 */
export function makeBudgetFor(plan: unknown, apiLimit?: unknown): { limit: number; windowMs: number } {
  if (typeof apiLimit === 'number' && Number.isInteger(apiLimit) && apiLimit > 0) return { limit: apiLimit, windowMs: 60_000 };
  const key = typeof plan === 'string' ? plan.trim().toLowerCase() : '';
  return { limit: MAKE_PLAN_LIMITS[key] ?? MAKE_PLAN_LIMITS['core']!, windowMs: 60_000 };
}

const MINUTE = 60_000;

function syncOptions(options: Record<string, unknown>): MakeSyncOptions {
  const minutes = (key: string, fallback: number) => {
    const v = options[key];
    return typeof v === 'number' && v >= 0 ? v * MINUTE : fallback;
  };
  const historyDays = options['historyDays'];
  return {
    ...DEFAULT_MAKE_SYNC,
    overlapMs: minutes('overlapMinutes', DEFAULT_MAKE_SYNC.overlapMs),
    maxQuietMs: minutes('maxQuietMinutes', DEFAULT_MAKE_SYNC.maxQuietMs),
    historyMs: typeof historyDays === 'number' && historyDays > 0 ? historyDays * 24 * 60 * MINUTE : null,
  };
}

async function allScenarios(api: MakeApi, query: Query): Promise<MakeScenario[]> {
  const out: MakeScenario[] = [];
  for (let offset = 0; ; ) {
    const page = listIn<MakeScenario>(await api.get<unknown>('/scenarios', { ...query, ...MAKE_SCENARIO_SORT, 'pg[offset]': offset, 'pg[limit]': 100 }), 'scenarios', '/scenarios');
    out.push(...page);
    offset += page.length;
    if (page.length < 100) return out;
  }
}

/** Make: zone URL (https://eu1.make.com), `Authorization: Token …`, options `{ organizationId, plan }`. */
export const createMakeDriver: DriverFactory = (deps): ConnectorDriver => {
  const api = createMakeApi(deps);
  const scope = makeScope(deps.config.options);
  const names = new Map<number, { name: string; team: number }>();
  const intervals = new Set<number>();
  const blueprints = new Map<number, { lastEdit: string; answer: MakeBlueprintAnswer | null }>();
  const remember = (id: number, name: string, team: number) => { names.set(id, { name, team }); };
  const noteType = unknownTypeNotifier(deps.logger);
  const timezone = createMakeTimezone(api, scope, () => deps.clock.now(), deps.logger);
  const ctx = { api, scope, options: syncOptions(deps.config.options), now: () => deps.clock.now(), logger: deps.logger, remember, noteType };

  async function scenarioName(id: number): Promise<{ name: string; team: number } | null> {
    const known = names.get(id);
    if (known) return known;
    try {
      const s = objectIn<MakeScenario>(await api.get<unknown>(`/scenarios/${id}`), 'scenario', '/scenarios/{id}');
      remember(s.id, s.name, s.teamId);
      return { name: s.name, team: s.teamId };
    } catch (error) {
      if (error instanceof HttpFailure && error.kind === 'not_found') return null;
      throw error;
    }
  }

  async function refreshOne(externalId: string): Promise<IngestRecord | null> {
    const ids = parseMakeRunId(externalId);
    if (!ids) return null;
    const scenario = await scenarioName(ids.scenarioId);
    if (!scenario) return null;
    let log: MakeLog;
    try {
      log = objectIn<MakeLog>(await api.get<unknown>(`/scenarios/${ids.scenarioId}/logs/${encodeURIComponent(ids.executionId)}`), 'scenarioLog', '/scenarios/{id}/logs/{executionId}');
    } catch (error) {
      if (error instanceof HttpFailure && error.kind === 'not_found') return null;
      throw error;
    }
    noteType(log, ids.scenarioId);
    if (makeEntryKind(log) !== 'run') return null;
    let detail: MakeExecutionDetail | null = null;
    if (makeHasErrorDetail(log.status)) {
      try {
        detail = await api.get<MakeExecutionDetail>(`/scenarios/${ids.scenarioId}/executions/${encodeURIComponent(ids.executionId)}`);
      } catch (error) {
        if (!(error instanceof HttpFailure) || !['not_found', 'client'].includes(error.kind)) throw error;
      }
    }
    return mapMakeLog(log, { zoneUrl: api.zoneUrl, scenarioId: ids.scenarioId, scenarioName: scenario.name, teamId: scenario.team }, detail);
  }

  return {
    kind: 'make',
    testConnection: () => testMakeConnection(api, scope, async () => (await deps.credential()) !== null),

    async listWorkflows(): Promise<WorkflowDefinition[]> {
      const scenarios = await allScenarios(api, scopeQuery(scope));
      const zone = await timezone.get();
      const out: WorkflowDefinition[] = [];
      for (const s of scenarios) {
        remember(s.id, s.name, s.teamId);
        if (s.scheduling?.['type'] === 'indefinitely') intervals.add(s.id);
        else intervals.delete(s.id);
        const cached = blueprints.get(s.id);
        let answer = cached && s.lastEdit && cached.lastEdit === s.lastEdit ? cached.answer : undefined;
        if (answer === undefined) {
          try {
            answer = await api.get<MakeBlueprintAnswer>(`/scenarios/${s.id}/blueprint`);
          } catch (error) {
            if (!(error instanceof HttpFailure) || error.kind !== 'not_found') throw error;
            answer = null;
          }
          if (s.lastEdit) blueprints.set(s.id, { lastEdit: s.lastEdit, answer });
        }
        out.push(mapMakeScenario(s, answer, api.zoneUrl, zone));
      }
      const alive = new Set(scenarios.map((s) => s.id));
      for (const id of blueprints.keys()) if (!alive.has(id)) blueprints.delete(id);
      return out;
    },

    listRuns: (cursor) => makeListRuns(ctx, cursor),

    async refreshRuns(externalRunIds) {
      const out: IngestRecord[] = [];
      for (const id of externalRunIds) {
        const record = await refreshOne(id);
        if (record) out.push(record);
      }
      return out;
    },

    actions: createMakeActions(api, (id) => {
      const known = names.get(id);
      return known ? { name: known.name, interval: intervals.has(id) } : undefined;
    }),
  };
};
