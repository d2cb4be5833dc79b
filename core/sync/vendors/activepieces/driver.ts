import type { IngestRecord } from '../../ingest/record.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import type { ConnectorActions, ConnectorDeps, ConnectorDriver, RunsPage, TestOutcome, WorkflowDefinition } from '../types.ts';
import { createActivepiecesApi, NO_KEY, NO_PROJECT, type ActivepiecesApi } from './api.ts';
import { initialCursor, parseCursor, serializeCursor } from './cursor.ts';
import { mapFlow, mapRun, type ApMapContext } from './mapper.ts';
import { syncStep, type SyncIo, type SyncPolicy } from './sync.ts';
import { describeConnected, describeTestFailure } from './test-connection.ts';

/**
 * The Activepieces connector: a project's flows, its runs (paged by time, see cursor.ts), a refresh of unfinished
 * runs, and switching a flow on and off. Talks only through the connector's HTTP client; throws HttpFailure upward.
 */

/** Activepieces documents no limit on these endpoints; Flowdeck keeps to 60 requests a minute (docs/vendors.md A10). */
export const ACTIVEPIECES_BUDGET = { limit: 60, windowMs: 60_000 } as const;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Flows per page: large, because the flow list pages by the vendor's whole-second cursor (A4). */
const FLOWS_PAGE = 500;
const MAX_FLOW_PAGES = 200;

export interface ActivepiecesOptions {
  /** Runs per page (the API's default is 10, A3). */
  pageSize: number;
  /** How far back the first sync reads: Activepieces keeps run data 30 days by default (A11). */
  historyDays: number;
  /** How far behind the newest run the next scan starts again (A4). */
  overlapMs: number;
}

export const ACTIVEPIECES_DEFAULTS: ActivepiecesOptions = { pageSize: 100, historyDays: 30, overlapMs: 2 * MINUTE };

function readOptions(raw: Record<string, unknown>): ActivepiecesOptions {
  const num = (key: keyof ActivepiecesOptions, min: number, max: number): number => {
    const v = raw[key];
    return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : ACTIVEPIECES_DEFAULTS[key];
  };
  return { pageSize: Math.floor(num('pageSize', 1, 1000)), historyDays: num('historyDays', 1, 3650), overlapMs: num('overlapMs', 0, 60 * MINUTE) };
}

const enc = encodeURIComponent;
const said = (e: HttpFailure) => {
  const b = e.body as { code?: unknown; params?: { message?: unknown } } | null;
  return typeof b?.params?.message === 'string' ? b.params.message : typeof b?.code === 'string' ? b.code : null;
};

class ActivepiecesConnector implements ConnectorDriver {
  readonly kind = 'activepieces' as const;
  readonly actions: ConnectorActions;
  private readonly deps: ConnectorDeps;
  private readonly api: ActivepiecesApi;
  private readonly options: ActivepiecesOptions;
  private readonly names = new Map<string, string>();

  constructor(deps: ConnectorDeps) {
    this.deps = deps;
    this.api = createActivepiecesApi(deps);
    this.options = readOptions(deps.config.options);
    // A8: a flow is switched on and off by a CHANGE_STATUS operation. Retrying a run is not offered (see A8).
    this.actions = {
      activateWorkflow: (id: string) => this.setStatus(id, true),
      deactivateWorkflow: (id: string) => this.setStatus(id, false),
    };
  }

  private get ctx(): ApMapContext {
    return { instanceUrl: this.api.instanceUrl, projectId: this.api.projectId, flowNames: this.names };
  }

  async testConnection(): Promise<TestOutcome> {
    try {
      if (!(await this.deps.credential())) return { ok: false, reason: 'no_credential', message: NO_KEY };
      if (!this.api.projectId) return { ok: false, reason: 'error', message: NO_PROJECT };
      const flows = await this.listWorkflows();
      await this.api.list('/flow-runs', { limit: 1 });
      return describeConnected(flows.length, this.api.projectId);
    } catch (error) {
      return describeTestFailure(error);
    }
  }

  /** A7: every flow of the project, page by page with the vendor's cursor (ids deduplicated). */
  async listWorkflows(): Promise<WorkflowDefinition[]> {
    const byId = new Map<string, WorkflowDefinition>();
    let cursor: string | undefined;
    for (let i = 0; i < MAX_FLOW_PAGES; i++) {
      const page = await this.api.list('/flows', { limit: FLOWS_PAGE, cursor });
      for (const item of page.data) {
        const flow = mapFlow(item, this.ctx);
        if (flow.externalId) byId.set(flow.externalId, flow);
      }
      if (!page.next || page.next === cursor) break;
      cursor = page.next;
    }
    const flows = [...byId.values()];
    this.names.clear();
    for (const f of flows) this.names.set(f.externalId, f.name);
    return flows;
  }

  /** `GET /v1/flow-runs/{id}`, steps included (A6); null when Activepieces no longer has it. */
  private async fetchRun(id: string): Promise<unknown | null> {
    try {
      return await this.api.get(`/flow-runs/${enc(id)}`);
    } catch (error) {
      if (error instanceof HttpFailure && error.kind === 'not_found') return null;
      throw error;
    }
  }

  async listRuns(cursorText: string | null): Promise<RunsPage> {
    const since = this.deps.clock.now() - this.options.historyDays * DAY;
    let cursor = cursorText === null ? initialCursor(since) : parseCursor(cursorText);
    if (!cursor) {
      this.deps.logger.warn('Activepieces sync: the stored cursor is not readable; starting over (runs are replayed, not doubled)');
      cursor = initialCursor(since);
    }
    const io: SyncIo = {
      list: (q) => this.api.list('/flow-runs', q),
      fetch: (id) => this.fetchRun(id),
      logger: this.deps.logger,
    };
    const policy: SyncPolicy = { pageSize: this.options.pageSize, overlapMs: this.options.overlapMs };
    const step = await syncStep(cursor, io, policy);
    const ctx = this.ctx;
    return { records: step.runs.map((run) => mapRun(run, ctx, step.detailed)), cursor: serializeCursor(step.cursor), hasMore: step.hasMore };
  }

  async refreshRuns(externalRunIds: string[]): Promise<IngestRecord[]> {
    const records: IngestRecord[] = [];
    for (const id of externalRunIds) {
      const run = await this.fetchRun(id);
      if (run === null) this.deps.logger.warn('Activepieces no longer has an unfinished run', { runId: id });
      else records.push(mapRun(run, this.ctx, true));
    }
    return records;
  }

  /** A8: `POST /v1/flows/{id}` with a CHANGE_STATUS operation; answers the flow as it now is. */
  private async setStatus(id: string, on: boolean): Promise<string> {
    const status = on ? 'ENABLED' : 'DISABLED';
    let body: unknown;
    try {
      body = await this.api.post(`/flows/${enc(id)}`, { type: 'CHANGE_STATUS', request: { status } });
    } catch (error) {
      if (error instanceof HttpFailure && (error.kind === 'client' || error.kind === 'not_found')) {
        const words = said(error);
        throw new Error(`Activepieces did not switch flow ${id} ${on ? 'on' : 'off'} (${error.status ?? '?'}${words ? `: ${words}` : ''}).`, { cause: error });
      }
      throw error;
    }
    const flow = mapFlow(body, this.ctx);
    if (flow.externalId) this.names.set(flow.externalId, flow.name);
    return `Switched ${on ? 'on' : 'off'} Activepieces flow "${flow.externalId ? flow.name : id}" (${id}).`;
  }
}

/** A DriverFactory (ConnectorDeps → ConnectorDriver). */
export function createActivepiecesDriver(deps: ConnectorDeps): ConnectorDriver {
  return new ActivepiecesConnector(deps);
}
