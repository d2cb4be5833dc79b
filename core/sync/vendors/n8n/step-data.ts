import type { StepData, StepItems } from '../../../contract/runs.ts';

/**
 * What an n8n execution fetched with `includeData=true` says about its failing node (docs/vendors.md N5): the node is
 * the error's `node.name`, else `data.resultData.lastNodeExecuted`; its output is the last run of
 * `runData[node]` (`data.main`, one list of items per output); its input is the output of the node its `source`
 * names, else the node's entry in `executionData.nodeExecutionStack`. Items are returned whole: the core bounds and
 * redacts them.
 */
type Json = Record<string, unknown>;

const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? v as Json : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** Items of `main` outputs as their `json` (binary parts are named, not carried). */
function itemsOf(main: unknown, output: number | null): unknown[] | null {
  if (!Array.isArray(main)) return null;
  const lists = output === null ? main : [main[output]];
  const out: unknown[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const o = obj(item);
      if (!o) continue;
      const binary = obj(o['binary']);
      out.push(binary ? { ...(obj(o['json']) ?? {}), '(binary)': Object.keys(binary) } : o['json'] ?? null);
    }
  }
  return out;
}

const items = (list: unknown[] | null): StepItems | null => (list === null ? null : { items: list, total: list.length, truncated: false });

function lastRun(runData: Json | null, node: string, index?: number): Json | null {
  const runs = runData?.[node];
  if (!Array.isArray(runs) || runs.length === 0) return null;
  return obj(runs[index ?? runs.length - 1] ?? runs.at(-1));
}

export function n8nStepData(execution: unknown): StepData {
  const data = obj(obj(execution)?.['data']);
  const result = obj(data?.['resultData']);
  if (!result) {
    return { kind: 'unavailable', reason: 'n8n did not keep the data of this execution (the workflow\'s settings may say not to save execution data), so there is nothing to show.' };
  }
  const error = obj(result['error']);
  const runData = obj(result['runData']);
  const node = text(obj(error?.['node'])?.['name']) ?? text(result['lastNodeExecuted']);
  if (!node) return { kind: 'unavailable', reason: 'n8n did not say which node ran last in this execution.' };
  const run = lastRun(runData, node);
  const stack = Array.isArray(obj(data?.['executionData'])?.['nodeExecutionStack']) ? obj(data!['executionData'])!['nodeExecutionStack'] as unknown[] : [];
  const stacked = stack.map(obj).find((s) => text(obj(s?.['node'])?.['name']) === node) ?? null;
  const nodeType = text(obj(error?.['node'])?.['type']) ?? text(obj(stacked?.['node'])?.['type']);

  let input: unknown[] | null = null;
  const source = Array.isArray(run?.['source']) ? obj((run!['source'] as unknown[])[0]) : null;
  const previous = text(source?.['previousNode']);
  if (previous) {
    const prevRun = lastRun(runData, previous, typeof source?.['previousNodeRun'] === 'number' ? source['previousNodeRun'] as number : undefined);
    const outputIndex = typeof source?.['previousNodeOutput'] === 'number' ? source['previousNodeOutput'] as number : 0;
    input = itemsOf(obj(prevRun?.['data'])?.['main'], outputIndex);
  }
  if (input === null && stacked) input = itemsOf(obj(stacked['data'])?.['main'], 0);
  if (input === null && run && Array.isArray(run['source']) && (run['source'] as unknown[]).length === 0) input = [];

  const output = itemsOf(obj(run?.['data'])?.['main'], null);
  const err = error ?? obj(run?.['error']);
  return {
    kind: 'n8n',
    node: { name: node, type: nodeType },
    input: items(input),
    output: items(output),
    error: err ? {
      name: text(err['name']),
      message: text(err['message']) ?? 'n8n gave no error message.',
      description: text(err['description']),
    } : null,
  };
}
