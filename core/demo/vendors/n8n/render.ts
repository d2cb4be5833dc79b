import { CODE_ERROR, EXECUTION_DATA, NODE_ERROR, WEBHOOK_ITEM, WORKFLOW } from './recorded.ts';

/**
 * JSON shapes of the n8n simulator, built from the real n8n 2.41.1 recordings (embedded in recorded.ts): field sets
 * and order of list items, `GET /executions/{id}` bodies, `data.resultData` with its error objects (a node error with
 * `node`, a Code node error without), workflow objects with `activeVersion`.
 */
type Json = Record<string, unknown>;

const clone = <T>(v: T): T => structuredClone(v);

export type FakeExecutionStatus = 'new' | 'running' | 'waiting' | 'success' | 'error' | 'crashed' | 'canceled' | 'unknown';

export interface FakeError {
  message: string;
  /** The failing node's name. */
  node: string;
  /** `node`: a node error (has `error.node`, like Stop and Error); `code`: a Code node throw (no `error.node`). */
  style: 'node' | 'code';
}

export interface FakeExecution {
  id: number;
  workflowId: string;
  status: FakeExecutionStatus;
  mode: string;
  createdAt: number;
  startedAt: number;
  stoppedAt: number | null;
  waitTill: number | null;
  retryOf: string | null;
  retrySuccessId: string | null;
  error: FakeError | null;
  /** What the trigger received (the webhook's JSON body); default `{ seq: id }`. The nodes after it pass it on. */
  payload?: Json;
}

export type FakeWorkflow = Json & { id: string; name: string; nodes: Json[]; versionId: string };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The ten fields of a list item without includeData, in n8n's order. */
export function listItem(e: FakeExecution): Json {
  return {
    id: String(e.id), finished: e.status === 'success', mode: e.mode, retryOf: e.retryOf, retrySuccessId: e.retrySuccessId,
    status: e.status, startedAt: iso(e.startedAt), stoppedAt: iso(e.stoppedAt), workflowId: e.workflowId, waitTill: iso(e.waitTill),
  };
}

function workflowData(w: FakeWorkflow): Json {
  return { id: w.id, name: w.name, nodes: clone(w.nodes), connections: clone(w['connections']), settings: clone(w['settings']), nodeGroups: [] };
}

function errorObject(e: FakeExecution, w: FakeWorkflow): Json {
  const err = e.error!;
  if (err.style === 'code') {
    return { ...clone(CODE_ERROR), message: err.message, stack: `WrappedExecutionError: ${err.message}\n    at ... (trimmed)` };
  }
  const node = w.nodes.find((n) => n['name'] === err.node) ?? { ...clone(NODE_ERROR['node'] as Json), name: err.node };
  return {
    ...clone(NODE_ERROR), timestamp: e.stoppedAt ?? e.startedAt, node: clone(node), message: err.message,
    stack: `NodeOperationError: ${err.message}\n    at ... (trimmed)`,
  };
}

/** The trigger's output item, shaped like the recorded Webhook node's (headers, params, query, body, webhookUrl). */
function triggerItem(e: FakeExecution, w: FakeWorkflow): Json {
  const item = clone(WEBHOOK_ITEM);
  const json = item['json'] as Json;
  json['body'] = clone(e.payload ?? { seq: e.id });
  json['webhookUrl'] = `http://127.0.0.1:5679/webhook/${w.id}`;
  (json['headers'] as Json)['content-length'] = String(JSON.stringify(json['body']).length);
  return item;
}

/**
 * `data` of an execution, as recorded: one runData entry per node up to the failing one (the trigger outputs the
 * webhook item, each later node passes the body on); the failing node's entry has `error` and no `data`, and
 * `executionData.nodeExecutionStack` still holds it with its input.
 */
export function executionData(e: FakeExecution, w: FakeWorkflow): Json {
  const names = w.nodes.map((n) => String(n['name']));
  const lastIndex = e.error ? Math.max(0, names.indexOf(e.error.node)) : names.length - 1;
  const runData: Json = {};
  const outputs: Json[][] = [];
  names.slice(0, lastIndex + 1).forEach((name, i) => {
    const failed = e.error !== null && i === lastIndex;
    const output = i === 0 ? [triggerItem(e, w)] : [{ json: { ...clone(e.payload ?? { seq: e.id }), step: name }, pairedItem: { item: 0 } }];
    outputs.push(output);
    runData[name] = [{
      startTime: e.startedAt + i, executionIndex: i,
      source: i === 0 ? [] : [{ previousNode: names[i - 1], previousNodeOutput: 0, previousNodeRun: 0 }],
      hints: [], executionTime: 1, executionStatus: failed ? 'error' : 'success',
      ...(failed ? { error: errorObject(e, w) } : { data: { main: [output] } }),
    }];
  });
  const resultData: Json = e.error ? { error: errorObject(e, w), runData } : { runData };
  resultData['lastNodeExecuted'] = e.error?.node ?? names.at(-1) ?? null;
  const executionData = clone(EXECUTION_DATA);
  if (e.error && lastIndex > 0) {
    const node = w.nodes[lastIndex]!;
    executionData['nodeExecutionStack'] = [{
      node: clone(node), data: { main: [clone(outputs[lastIndex - 1]!)] },
      source: { main: [{ previousNode: names[lastIndex - 1], previousNodeOutput: 0, previousNodeRun: 0 }] },
    }];
  }
  return {
    version: 1, startData: {}, resultData, executionData,
    resumeToken: Buffer.from(`resume-${e.id}`).toString('hex').padEnd(64, '0'),
  };
}

/** A list item with includeData=true: the ten fields, then storage facts, data, workflowData, customData. */
export function listItemWithData(e: FakeExecution, w: FakeWorkflow): Json {
  const data = executionData(e, w);
  return {
    ...listItem(e), storedAt: 'db', jsonSizeBytes: JSON.stringify(data).length, workflowVersionId: w.versionId,
    data, workflowData: workflowData(w), customData: {},
  };
}

/** `GET /executions/{id}` (and the retry answer): base fields, plus data/workflowData/customData with includeData. */
export function executionBody(e: FakeExecution, w: FakeWorkflow, includeData: boolean): Json {
  const data = includeData ? executionData(e, w) : null;
  const base: Json = {
    id: String(e.id), finished: e.status === 'success', mode: e.mode, retryOf: e.retryOf, retrySuccessId: e.retrySuccessId,
    status: e.status, createdAt: iso(e.createdAt), startedAt: iso(e.startedAt), stoppedAt: iso(e.stoppedAt), deletedAt: null,
    workflowId: e.workflowId, waitTill: iso(e.waitTill), storedAt: 'db', tracingContext: null, deduplicationKey: null,
    jsonSizeBytes: data ? JSON.stringify(data).length : 2639, binaryDataSizeBytes: 0, workflowVersionId: w.versionId,
    usedPrivateCredentials: false,
  };
  return data ? { ...base, data, customData: {}, workflowData: workflowData(w) } : base;
}

/** Two-node workflow shaped like the recorded one: a Webhook trigger, then one working node. */
export function newWorkflow(id: string, name: string, now: number, versionId: string, nodes?: Json[]): FakeWorkflow {
  const w = clone(WORKFLOW) as FakeWorkflow;
  const t = new Date(now).toISOString();
  const ownNodes = nodes ?? [
    { ...clone((WORKFLOW['nodes'] as Json[])[0]!), id: `${id}-n1`, name: 'Webhook' },
    { id: `${id}-n2`, name: 'Do Work', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [220, 0], parameters: { options: {} } },
  ];
  const names = ownNodes.map((n) => String(n['name']));
  const connections: Json = {};
  names.slice(0, -1).forEach((n, i) => { connections[n] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }; });
  Object.assign(w, {
    id, name, active: false, activeVersionId: null, createdAt: t, updatedAt: t, isArchived: false, versionId,
    triggerCount: 1, nodes: ownNodes, connections, tags: [],
  });
  w['shared'] = [{ ...(w['shared'] as Json[])[0]!, workflowId: id, createdAt: t, updatedAt: t }];
  w['activeVersion'] = null;
  return w;
}

/** The published version object n8n attaches to an active workflow. */
export function activeVersionOf(w: FakeWorkflow): Json {
  return {
    versionId: w.versionId, workflowId: w.id, nodes: clone(w.nodes), connections: clone(w['connections']), nodeGroups: [],
    authors: 'Peer Owner', name: null, description: null, autosaved: false, createdAt: w['updatedAt'], updatedAt: w['updatedAt'],
  };
}
