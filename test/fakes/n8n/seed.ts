import { listItem, listItemWithData, type FakeError, type FakeExecution, type FakeExecutionStatus } from './render.ts';
import type { N8nState } from './state.ts';

/**
 * A deterministic n8n estate like the recorded instance: a webhook workflow that always succeeds, one that always
 * fails in a Stop and Error node, one whose Code node throws every third run, and a schedule that sometimes
 * crashes or is canceled. Executions are spaced 20 s apart, oldest first.
 */
export interface Estate {
  ok: string;
  fail: string;
  flaky: string;
  schedule: string;
}

const node = (name: string, type: string, x: number) => ({ id: `${name}-${x}`, name, type, typeVersion: 1, position: [x, 0], parameters: {} });

export function seedWorkflows(state: N8nState): Estate {
  const webhook = node('Webhook', 'n8n-nodes-base.webhook', 0);
  return {
    ok: state.addWorkflow({ name: 'peer-ok (always succeeds)', active: true, nodes: [webhook, node('Set', 'n8n-nodes-base.set', 220)] }).id,
    fail: state.addWorkflow({ name: 'peer-fail (always fails)', active: true, nodes: [webhook, node('Stop and Error', 'n8n-nodes-base.stopAndError', 220)] }).id,
    flaky: state.addWorkflow({ name: 'peer-flaky (fails ~50%)', active: true, tags: ['flaky'], nodes: [webhook, node('Maybe Throw', 'n8n-nodes-base.code', 220)] }).id,
    schedule: state.addWorkflow({ name: 'every minute', active: true, nodes: [node('Schedule Trigger', 'n8n-nodes-base.scheduleTrigger', 0), node('Fetch', 'n8n-nodes-base.httpRequest', 220)] }).id,
  };
}

export const FAIL_ERROR: FakeError = { message: 'peer-fail: deliberate failure for acceptance tests', node: 'Stop and Error', style: 'node' };
export const flakyError = (i: number): FakeError => ({ message: `peer-flaky: random failure (r=0.${String(i).padStart(3, '0')}) [line 3]`, node: 'Maybe Throw', style: 'code' });

/** Adds `count` finished executions round-robin over the estate's workflows, starting at `startedAt`. */
export function seedExecutions(state: N8nState, estate: Estate, count: number, startedAt: number): FakeExecution[] {
  const out: FakeExecution[] = [];
  for (let i = 0; i < count; i++) {
    const at = startedAt + i * 20_000;
    const pick = i % 4;
    let status: FakeExecutionStatus = 'success';
    let error: FakeError | null = null;
    let workflowId = estate.ok;
    let mode = 'webhook';
    if (pick === 1) {
      workflowId = estate.fail;
      status = 'error';
      error = FAIL_ERROR;
    } else if (pick === 2) {
      workflowId = estate.flaky;
      if (i % 3 === 0) {
        status = 'error';
        error = flakyError(i);
      }
    } else if (pick === 3) {
      workflowId = estate.schedule;
      mode = 'trigger';
      status = i % 40 === 3 ? 'crashed' : i % 40 === 7 ? 'canceled' : 'success';
    }
    out.push(state.addExecution({ workflowId, status, error, mode, startedAt: at, durationMs: 30 + (i % 50) }));
  }
  return out;
}

/**
 * A `GET /executions` body of `count` executions from a fresh estate (the bench's 100-execution page). With
 * `includeData`, every item carries `data` and `workflowData` as n8n sends them with includeData=true.
 */
export function samplePage(state: N8nState, count = 100, includeData = false): { data: Record<string, unknown>[]; nextCursor: string | null } {
  const estate = seedWorkflows(state);
  const runs = seedExecutions(state, estate, count, Date.UTC(2026, 10, 25, 12)).reverse();
  const data = runs.map((e) => (includeData ? listItemWithData(e, state.workflows.get(e.workflowId)!) : listItem(e)));
  return { data, nextCursor: null };
}
