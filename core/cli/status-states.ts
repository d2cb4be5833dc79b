import type { ListStatesOutput, WorkflowState, WorkflowStateKind } from '../contract/states.ts';

/** One workflow as `status --json` prints it: its live state, in the words the console shows. */
export interface StatusWorkflow {
  id: number;
  name: string;
  vendor: string;
  externalId: string;
  connector: string;
  state: WorkflowStateKind;
  /** ISO 8601, or null. */
  since: string | null;
  reason: string;
  lastError: string | null;
  /** Counts toward needsAttention. */
  attention: boolean;
  pausedBy: 'flowdeck' | 'vendor' | null;
}

export function statusWorkflows(s: ListStatesOutput): StatusWorkflow[] {
  return s.workflows.map((w) => ({
    id: w.workflowId, name: w.name, vendor: w.vendor, externalId: w.externalId, connector: w.connectorName, state: w.state,
    since: w.since === null ? null : new Date(w.since).toISOString(), reason: w.reason, lastError: w.lastError, attention: w.attention,
    pausedBy: w.pausedBy,
  }));
}

/** The Nagios/Icinga plugin codes `status --check` exits with. */
export const CHECK_OK = 0;
export const CHECK_WARNING = 1;
export const CHECK_CRITICAL = 2;
export const CHECK_UNKNOWN = 3;
const WORDS = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;

/**
 * One workflow's verdict: missed, or switched off by its vendor, is CRITICAL (it will not run until someone acts);
 * late or failing is WARNING; unknown (Flowdeck cannot see it) is UNKNOWN. Everything else — ok, never run, paused
 * from Flowdeck — is OK.
 */
export function checkLevel(w: Pick<WorkflowState, 'state' | 'pausedBy' | 'attention'>): number {
  switch (w.state) {
    case 'missed': return CHECK_CRITICAL;
    // Switched off by its vendor while Flowdeck watched; off from Flowdeck, or since before Flowdeck saw it, is fine.
    case 'paused': return w.attention ? CHECK_CRITICAL : CHECK_OK;
    case 'late':
    case 'failing': return CHECK_WARNING;
    case 'unknown': return CHECK_UNKNOWN;
    default: return CHECK_OK;
  }
}

/** Worst first: a known problem (critical, then warning) outranks what Flowdeck cannot see. */
const RANK = [0, 2, 3, 1];

export function checkCode(workflows: readonly Pick<WorkflowState, 'state' | 'pausedBy' | 'attention'>[]): number {
  return workflows.map(checkLevel).reduce((worst, c) => (RANK[c]! > RANK[worst]! ? c : worst), CHECK_OK);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The plugin's first line: "FLOWDECK CRITICAL - 2 of 14 workflows need attention: 1 missed, 1 failing". */
export function checkSummary(code: number, s: ListStatesOutput): string {
  const total = s.workflows.length;
  if (!s.needsAttention) return `FLOWDECK ${WORDS[code]} - ${total ? `all ${plural(total, 'workflow')} are fine` : 'no workflows yet'}`;
  const byState = new Map<string, number>();
  for (const w of s.workflows) {
    if (!w.attention) continue;
    const key = w.state === 'paused' ? 'switched off by its vendor' : w.state;
    byState.set(key, (byState.get(key) ?? 0) + 1);
  }
  const parts = [...byState].map(([state, n]) => `${n} ${state}`).join(', ');
  return `FLOWDECK ${WORDS[code]} - ${s.needsAttention} of ${plural(total, 'workflow')} need${s.needsAttention === 1 ? 's' : ''} attention: ${parts}`;
}

/** The workflows that need attention, worst first, one line each: state, name, reason. */
export function attentionLines(s: ListStatesOutput): string[] {
  const list = s.workflows.filter((w) => w.attention);
  const width = Math.max(0, ...list.map((w) => w.state.length));
  return list.map((w) => `  ${w.state.padEnd(width)}  ${w.name} (${w.connectorName}): ${w.reason.replace(/\s+/g, ' ')}`);
}

/** The plain `status` block: "Needs attention: N" and its list, or that all is fine. */
export function attentionBlock(s: ListStatesOutput): string {
  if (!s.workflows.length) return 'Needs attention: 0 (no workflows yet)\n';
  if (!s.needsAttention) return `Needs attention: 0 (all ${plural(s.workflows.length, 'workflow')} are fine)\n`;
  return `Needs attention: ${s.needsAttention} of ${plural(s.workflows.length, 'workflow')}\n${attentionLines(s).join('\n')}\n`;
}
