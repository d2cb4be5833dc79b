import type { BlastRadius, MapEdge } from '../contract/map.ts';
import type { WorkflowState } from '../contract/states.ts';

/**
 * The blast radius of a workflow (issue 19), pure: every automation downstream of it along directed edges (its
 * sub-workflows, the webhooks it sends to, the workflows it dispatches, the links added by hand), and the workflows its
 * input comes from, nearest first, with the live state. The likely cause is the nearest upstream workflow in trouble
 * (failing, missed or unseen); failing with the same sign-in comes next.
 */
const TROUBLE = new Set(['failing', 'missed', 'unknown']);

const clock = (at: number, now: number): string => {
  const d = new Date(at);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
  return now - at < 86_400_000 && new Date(now).getUTCDate() === d.getUTCDate() ? hm : `${d.toISOString().slice(0, 10)} ${hm}`;
};

const listOf = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

function walk(start: number, next: Map<number, number[]>): number[] {
  const seen = new Set([start]);
  const order: number[] = [];
  let frontier = [start];
  while (frontier.length) {
    const step: number[] = [];
    for (const id of frontier) {
      for (const n of next.get(id) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        order.push(n);
        step.push(n);
      }
    }
    frontier = step;
  }
  return order;
}

export function blastRadius(workflowId: number, edges: readonly MapEdge[], states: ReadonlyMap<number, WorkflowState>, names: ReadonlyMap<number, string>, now: number): BlastRadius {
  const down = new Map<number, number[]>();
  const up = new Map<number, number[]>();
  for (const e of edges) {
    if (!e.directed) continue;
    down.set(e.from, [...(down.get(e.from) ?? []), e.to]);
    up.set(e.to, [...(up.get(e.to) ?? []), e.from]);
  }
  const name = (id: number) => states.get(id)?.name ?? names.get(id) ?? `workflow ${id}`;
  const state = (id: number) => states.get(id)?.state ?? 'unknown';
  const downstream = walk(workflowId, down).map((id) => ({ workflowId: id, name: name(id), state: state(id) }));
  const upstream = walk(workflowId, up).map((id) => ({ workflowId: id, name: name(id), state: state(id), since: states.get(id)?.since ?? null }));
  const n = downstream.length;
  const dependents = n === 0 ? null
    : `${n} automation${n === 1 ? ' depends' : 's depend'} on this: ${listOf(downstream.slice(0, 5).map((d) => d.name))}${n > 5 ? ` and ${n - 5} more` : ''}.`;
  const cause = upstream.find((u) => TROUBLE.has(u.state));
  const direct = new Set(up.get(workflowId) ?? []);
  let likelyCause: string | null = null;
  if (cause) {
    const at = cause.since !== null ? clock(cause.since, now) : null;
    const what = cause.state === 'missed' ? `missed its run${at ? ` due ${at}` : ''}`
      : `is ${cause.state === 'unknown' ? 'out of sight' : 'failing'}${at ? ` since ${at}` : ''}`;
    likelyCause = `Its input comes${direct.has(cause.workflowId) ? '' : ', through other automations,'} from ${cause.name}, which ${what}.`;
  } else {
    const sharing = edges.filter((e) => e.kind === 'shared-credential' && (e.from === workflowId || e.to === workflowId))
      .map((e) => (e.from === workflowId ? e.to : e.from)).find((id) => state(id) === 'failing');
    if (sharing !== undefined) {
      const since = states.get(sharing)?.since;
      likelyCause = `It signs in like ${name(sharing)}, which is failing too${since ? ` since ${clock(since, now)}` : ''}: the shared sign-in may be the cause.`;
    }
  }
  return { downstream, upstream, dependents, likelyCause };
}
