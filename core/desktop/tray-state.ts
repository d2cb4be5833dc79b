import type { Severity } from '../contract/alerts.ts';
import type { TrayState } from '../contract/desktop.ts';
import type { ListStatesOutput } from '../contract/states.ts';

export interface TrayFacts {
  /** The live state per workflow (workflows/list-states): what the Overview's tiles and "Needs you" show. */
  states: Pick<ListStatesOutput, 'counts' | 'workflows' | 'needsAttention'>;
  /** Severities of the incidents not yet resolved. */
  activeSeverities: readonly Severity[];
  /** Connectors whose health is `needs_attention` or `degraded`. */
  connectorsNeedingAttention: number;
  pausedUntil: number | null;
}

/**
 * Tables whose changes can move the tray: incidents, connector health, and what a workflow's live state is derived
 * from (runs, workflows switched on or off, schedules from the registry or rules, heartbeats).
 */
export const TRAY_TABLES: ReadonlySet<string> = new Set(['incidents', 'connectors', 'runs', 'workflows', 'workflow_registry', 'alert_rules', 'push_monitors', 'push_pings']);
/** Windows cuts a tray tooltip at 127 characters. */
export const MAX_SUMMARY = 127;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Pure: the tray's state, from the same live states as every other surface. A workflow failing, missed or switched
 * off by its vendor makes it `failing`; one late or unknown (Flowdeck cannot see it), an unresolved incident or a
 * connector needing attention makes it `warning`; otherwise `ok`. Paused from Flowdeck and never-run are not alarms.
 * The summary is the tooltip, worst first, and short: parts that would pass 127 characters are left off.
 */
export function trayState(facts: TrayFacts): TrayState {
  const { counts, workflows } = facts.states;
  const byVendor = workflows.filter((w) => w.state === 'paused' && w.attention).length;
  const failing = counts.failing + counts.missed + byVendor;
  const warning = counts.late + counts.unknown;
  const open = facts.activeSeverities.length;
  const attention = facts.connectorsNeedingAttention;
  const health = failing > 0 ? 'failing' : warning > 0 || open > 0 || attention > 0 ? 'warning' : 'ok';
  const parts: string[] = [];
  if (counts.failing) parts.push(`${counts.failing} failing`);
  if (counts.missed) parts.push(`${counts.missed} missed`);
  if (byVendor) parts.push(`${byVendor} switched off`);
  if (counts.unknown) parts.push(`${counts.unknown} unknown`);
  if (counts.late) parts.push(`${counts.late} late`);
  if (open > 0) parts.push(plural(open, 'open incident', 'open incidents'));
  if (attention > 0) parts.push(`${plural(attention, 'connector needs', 'connectors need')} attention`);
  const paused = facts.pausedUntil !== null ? ' · notifications paused' : '';
  let summary = `Flowdeck: ${parts.length ? parts[0] : 'all clear'}`;
  for (const part of parts.slice(1)) {
    if (`${summary}, ${part}${paused}`.length > MAX_SUMMARY) break;
    summary += `, ${part}`;
  }
  return { health, openIncidents: open, needsAttention: facts.states.needsAttention, summary: `${summary}${paused}`, pausedUntil: facts.pausedUntil };
}

/** The console route a notification about an incident or a run opens. Ids are the ledger's integers. */
export function notificationRoute(target: { incidentId: number } | { runId: number } | null): string | null {
  if (!target) return null;
  if ('incidentId' in target) return Number.isSafeInteger(target.incidentId) && target.incidentId > 0 ? `#/incidents/${target.incidentId}` : null;
  return Number.isSafeInteger(target.runId) && target.runId > 0 ? `#/runs?run=${target.runId}` : null;
}
