import type { IngestRecord } from '../../ingest/record.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import type { ConnectorActions, ConnectorDriver, ConnectorDeps, RunsPage, TestOutcome, WorkflowDefinition } from '../types.ts';
import { createN8nApi, NO_KEY, WRONG_SERVER, type N8nApi } from './api.ts';
import { initialCursor, parseCursor, serializeCursor } from './cursor.ts';
import { idText, listItems, mapExecution, mapWorkflow, type N8nMapContext } from './mapper.ts';
import { syncStep, type ListedPage, type SyncIo } from './sync.ts';
import { n8nStepData } from './step-data.ts';
import type { StepData } from '../../../contract/runs.ts';

/**
 * The n8n connector: workflows (offset-paged), runs (keyset-paged, see cursor.ts), refresh of unfinished runs,
 * retry / activate / deactivate. Talks only through the connector's HTTP client; throws HttpFailure upward.
 */
export const RUNS_PAGE = 250;
export const ERRORS_PAGE = 25;
const WORKFLOWS_PAGE = 250;
const MAX_WORKFLOW_PAGES = 400;
/** Unknown workflow ids looked up one by one per call (after the full list has been read once). */
const NAME_LOOKUPS = 10;

/**
 * n8n has no rate limit by default; from 2.47 an admin may turn on limits per API key (docs/vendors.md N-rate). The owner
 * enters that limit as the connector's `requestsPerMinute`, and every request (polls, retries, bulk jobs) keeps it.
 */
export function n8nBudgetFor(requestsPerMinute: unknown): { limit: number; windowMs: number } | null {
  const n = typeof requestsPerMinute === 'string' && requestsPerMinute.trim() !== '' ? Number(requestsPerMinute) : requestsPerMinute;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? { limit: n, windowMs: 60_000 } : null;
}

export interface N8nDriver extends ConnectorDriver {
  /** A warning when the API key (a JWT) expires within 14 days or has expired; null otherwise. */
  credentialWarning(): Promise<string | null>;
  stepData(externalRunId: string): Promise<StepData>;
}

const enc = encodeURIComponent;
const isFailure = (e: unknown, kind: HttpFailure['kind']) => e instanceof HttpFailure && e.kind === kind;

function page(body: unknown, what: string): ListedPage {
  const items = listItems(body);
  if (!items) throw new HttpFailure('bad_response', `${WRONG_SERVER} (${what} did not return an n8n list)`, { body: null });
  const next = (body as { nextCursor?: unknown }).nextCursor;
  return { items, next: typeof next === 'string' && next ? next : null };
}

function testOutcome(error: unknown): TestOutcome {
  if (!(error instanceof HttpFailure)) {
    return { ok: false, reason: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  switch (error.kind) {
    case 'auth':
      return { ok: false, reason: error.message === NO_KEY ? 'no_credential' : 'credentials_rejected', message: error.message };
    case 'unreachable': return { ok: false, reason: 'unreachable', message: error.message };
    case 'tls': return { ok: false, reason: 'tls_error', message: error.message };
    case 'timeout': return { ok: false, reason: 'timeout', message: error.message };
    case 'rate_limited': return { ok: false, reason: 'rate_limited', message: error.message };
    case 'bad_response':
    case 'not_found': return { ok: false, reason: 'wrong_server', message: WRONG_SERVER };
    default: return { ok: false, reason: 'error', message: error.message };
  }
}

class N8nConnector implements N8nDriver {
  readonly kind = 'n8n' as const;
  readonly actions: ConnectorActions;
  private readonly deps: ConnectorDeps;
  private readonly api: N8nApi;
  private readonly names = new Map<string, string>();
  private readonly unnamed = new Set<string>();
  private namesLoaded = false;

  constructor(deps: ConnectorDeps) {
    this.deps = deps;
    this.api = createN8nApi(deps);
    this.actions = {
      retryRun: (id: string, options?: { loadWorkflow?: boolean }) => this.retryRun(id, options?.loadWorkflow === true),
      activateWorkflow: (id: string) => this.setActive(id, true),
      deactivateWorkflow: (id: string) => this.setActive(id, false),
      restoreWorkflow: (id: string, definition: unknown) => this.restore(id, definition),
    };
  }

  private get ctx(): N8nMapContext {
    return { baseUrl: this.deps.config.baseUrl, workflowNames: this.names };
  }

  async testConnection(): Promise<TestOutcome> {
    try {
      if (!(await this.deps.credential())) return { ok: false, reason: 'no_credential', message: NO_KEY };
      const workflows = await this.listWorkflows();
      // Syncing needs executions too: a scoped key without execution:list fails here, not at the first poll.
      page(await this.api.call({ method: 'GET', path: '/executions?limit=1' }), 'GET /executions');
      const warning = await this.api.keyWarning();
      const n = workflows.length;
      return { ok: true, workflows: n, message: `Connected to n8n: ${n} workflow${n === 1 ? '' : 's'} visible to this API key.${warning ? ` ${warning}` : ''}` };
    } catch (error) {
      return testOutcome(error);
    }
  }

  async listWorkflows(): Promise<WorkflowDefinition[]> {
    const out: WorkflowDefinition[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < MAX_WORKFLOW_PAGES; i++) {
      const query = `limit=${WORKFLOWS_PAGE}&excludePinnedData=true${cursor ? `&cursor=${enc(cursor)}` : ''}`;
      const p = page(await this.api.call({ method: 'GET', path: `/workflows?${query}`, etag: true }), 'GET /workflows');
      for (const item of p.items) {
        const w = mapWorkflow(item, this.deps.config.baseUrl);
        if (w.externalId) out.push(w);
      }
      if (!p.next || p.next === cursor) break;
      cursor = p.next;
    }
    this.names.clear();
    for (const w of out) this.names.set(w.externalId, w.name);
    this.unnamed.clear();
    this.namesLoaded = true;
    return out;
  }

  /** Makes sure the names of the items' workflows are known: the full list once, then single lookups. */
  private async learnNames(items: unknown[]): Promise<void> {
    const missing = new Set<string>();
    for (const item of items) {
      const id = idText((item as { workflowId?: unknown } | null)?.workflowId);
      const hasData = typeof (item as { workflowData?: { name?: unknown } } | null)?.workflowData?.name === 'string';
      if (id && !hasData && !this.names.has(id) && !this.unnamed.has(id)) missing.add(id);
    }
    if (!missing.size) return;
    if (!this.namesLoaded) await this.listWorkflows();
    let lookups = 0;
    for (const id of missing) {
      if (this.names.has(id) || lookups >= NAME_LOOKUPS) continue;
      lookups++;
      try {
        const w = mapWorkflow(await this.api.call({ method: 'GET', path: `/workflows/${enc(id)}` }), this.deps.config.baseUrl);
        this.names.set(id, w.name);
      } catch (error) {
        if (!isFailure(error, 'not_found')) throw error;
        this.unnamed.add(id);
      }
    }
  }

  private async map(items: unknown[]): Promise<IngestRecord[]> {
    await this.learnNames(items);
    const ctx = this.ctx;
    return items.map((item) => mapExecution(item, ctx));
  }

  /** `GET /executions/{id}?includeData=true`; null when n8n no longer has it (or the key cannot see it). */
  private async fetchExecution(id: string): Promise<unknown | null> {
    try {
      return await this.api.call({ method: 'GET', path: `/executions/${enc(id)}?includeData=true` });
    } catch (error) {
      if (isFailure(error, 'not_found')) return null;
      throw error;
    }
  }

  async listRuns(cursorText: string | null): Promise<RunsPage> {
    let cursor = parseCursor(cursorText);
    if (!cursor) {
      this.deps.logger.warn('n8n sync: the stored cursor is not readable; starting over (runs are replayed, not doubled)');
      cursor = initialCursor();
    }
    const io: SyncIo = {
      list: async (stream, next) => {
        const query = stream === 'runs' ? `limit=${RUNS_PAGE}` : `status=error&includeData=true&limit=${ERRORS_PAGE}`;
        const path = `/executions?${query}${next ? `&cursor=${enc(next)}` : ''}`;
        return page(await this.api.call({ method: 'GET', path, etag: stream === 'runs' && !next }), 'GET /executions');
      },
      fetch: (id) => this.fetchExecution(id),
      logger: this.deps.logger,
    };
    const step = await syncStep(cursor, io);
    const lost = step.dropped ? { count: step.dropped, message: `n8n did not list ${step.dropped} execution id${step.dropped === 1 ? '' : 's'} and there were too many to look up one by one, so those runs (deleted, or not visible to this API key) are not in Flowdeck.` } : undefined;
    return { records: await this.map(step.items), cursor: serializeCursor(step.cursor), hasMore: step.hasMore, ...(lost ? { lost } : {}) };
  }

  async refreshRuns(externalRunIds: string[]): Promise<IngestRecord[]> {
    const found: unknown[] = [];
    for (const id of externalRunIds) {
      const execution = await this.fetchExecution(id);
      if (execution === null) this.deps.logger.warn('n8n no longer has an unfinished execution', { executionId: id });
      else found.push(execution);
    }
    return this.map(found);
  }

  /** `POST /executions/{id}/retry`; `loadWorkflow` runs the workflow as saved now (docs/vendors.md N-retry). */
  private async retryRun(id: string, loadWorkflow = false): Promise<string> {
    try {
      // Not idempotent: a retry starts a new execution, so the client never repeats it on its own.
      const body = await this.api.call<{ id?: unknown; status?: unknown }>({
        method: 'POST', path: `/executions/${enc(id)}/retry`, body: { loadWorkflow }, idempotent: false,
      });
      const newId = idText(body?.id) ?? '?';
      const version = loadWorkflow ? ' with the current workflow version' : '';
      return `Retried n8n execution ${id}${version}: new execution ${newId} (${typeof body?.status === 'string' ? body.status : 'started'}).`;
    } catch (error) {
      if (error instanceof HttpFailure && (error.status === 409 || error.status === 404)) {
        const said = (error.body as { message?: unknown } | null)?.message;
        throw new HttpFailure(error.kind, `n8n did not retry execution ${id} (${error.status}${typeof said === 'string' ? `: ${said}` : ''}).`, { status: error.status, body: error.body });
      }
      throw error;
    }
  }

  private async setActive(id: string, active: boolean): Promise<string> {
    const body = await this.api.call({ method: 'POST', path: `/workflows/${enc(id)}/${active ? 'activate' : 'deactivate'}`, idempotent: true });
    const w = mapWorkflow(body, this.deps.config.baseUrl);
    if (w.externalId) this.names.set(w.externalId, w.name);
    return `${active ? 'Activated' : 'Deactivated'} n8n workflow "${w.name}" (${id}).`;
  }

  /** `PUT /workflows/{id}` with the fields n8n accepts on write (name, nodes, connections, settings). */
  private async restore(id: string, definition: unknown): Promise<{ message: string; workflow: WorkflowDefinition | null }> {
    const d = (definition && typeof definition === 'object' ? definition : {}) as Record<string, unknown>;
    const body = { name: d['name'], nodes: d['nodes'] ?? [], connections: d['connections'] ?? {}, settings: d['settings'] ?? {} };
    const saved = await this.api.call({ method: 'PUT', path: `/workflows/${enc(id)}`, body, idempotent: true });
    const w = mapWorkflow(saved, this.deps.config.baseUrl);
    if (w.externalId) this.names.set(w.externalId, w.name);
    return { message: `Restored n8n workflow "${w.name}" (${id}).`, workflow: w.externalId ? w : null };
  }

  credentialWarning(): Promise<string | null> {
    return this.api.keyWarning();
  }

  /** `GET /executions/{id}?includeData=true`, read for the owner on demand (docs/vendors.md N5); nothing is kept. */
  async stepData(externalRunId: string): Promise<StepData> {
    const execution = await this.fetchExecution(externalRunId);
    if (execution === null) return { kind: 'unavailable', reason: `n8n no longer has execution ${externalRunId} (it may have been pruned or deleted).` };
    return n8nStepData(execution);
  }
}

/** A DriverFactory (ConnectorDeps → ConnectorDriver); the result also has `credentialWarning`. */
export function createN8nDriver(deps: ConnectorDeps): N8nDriver {
  return new N8nConnector(deps);
}
