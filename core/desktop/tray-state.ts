import type { Severity } from '../contract/alerts.ts';
import type { TrayState } from '../contract/desktop.ts';

export interface TrayFacts {
  /** Severities of the incidents not yet resolved. */
  activeSeverities: readonly Severity[];
  /** Connectors whose health is `needs_attention` or `degraded`. */
  connectorsNeedingAttention: number;
  pausedUntil: number | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Pure: the tray's state. A critical incident makes it `failing`; any other unresolved incident or a connector
 * needing attention makes it `warning`; otherwise `ok`. The summary is the tooltip (short: Windows cuts at 127).
 */
export function trayState(facts: TrayFacts): TrayState {
  const open = facts.activeSeverities.length;
  const critical = facts.activeSeverities.filter((s) => s === 'critical').length;
  const attention = facts.connectorsNeedingAttention;
  const health = critical > 0 ? 'failing' : open > 0 || attention > 0 ? 'warning' : 'ok';
  const parts: string[] = [];
  if (open > 0) parts.push(`${plural(open, 'open incident', 'open incidents')}${critical > 0 ? ` (${critical} critical)` : ''}`);
  if (attention > 0) parts.push(`${plural(attention, 'connector needs', 'connectors need')} attention`);
  const status = parts.length ? parts.join(', ') : 'all clear';
  const paused = facts.pausedUntil !== null ? ' · notifications paused' : '';
  return { health, openIncidents: open, summary: `Flowdeck: ${status}${paused}`, pausedUntil: facts.pausedUntil };
}

/** The console route a notification about an incident or a run opens. Ids are the ledger's integers. */
export function notificationRoute(target: { incidentId: number } | { runId: number } | null): string | null {
  if (!target) return null;
  if ('incidentId' in target) return Number.isSafeInteger(target.incidentId) && target.incidentId > 0 ? `#/incidents/${target.incidentId}` : null;
  return Number.isSafeInteger(target.runId) && target.runId > 0 ? `#/runs?run=${target.runId}` : null;
}
