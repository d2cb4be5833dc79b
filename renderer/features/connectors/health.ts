import type { ConnectorListItem } from '../../../core/contract/connectors.ts';
import { formatAgo } from '../../lib/format.ts';

export type Health = ConnectorListItem['health'];
export type HealthTone = 'success' | 'warning' | 'danger' | 'neutral' | 'info';

export const HEALTH_META: Record<Health, { label: string; tone: HealthTone; meaning: string }> = {
  ok: { label: 'Healthy', tone: 'success', meaning: 'Polling normally.' },
  degraded: { label: 'Partly working', tone: 'warning', meaning: 'The last polls failed; Flowdeck keeps retrying on its own.' },
  needs_attention: { label: 'Needs attention', tone: 'danger', meaning: 'Flowdeck cannot collect runs until you fix this.' },
  paused: { label: 'Paused', tone: 'neutral', meaning: 'Not polled until you resume it.' },
  new: { label: 'Starting', tone: 'info', meaning: 'Waiting for the first poll.' },
};

/**
 * The badge a connector shows: its health, except that a connector Flowdeck cannot see through (never polled, silent
 * for too long, not caught up after Flowdeck was off) is never "Healthy" — the same rule that makes its workflows unknown.
 */
export function displayHealth(c: Pick<ConnectorListItem, 'health' | 'blind' | 'lastSuccessAt' | 'polled'>): { label: string; tone: HealthTone; meaning: string } {
  const meta = HEALTH_META[c.health];
  if (!c.blind || c.health === 'needs_attention' || c.health === 'paused') return meta;
  return { label: c.lastSuccessAt === null ? 'Not polled yet' : 'Out of sight', tone: 'warning', meaning: c.blind };
}

/** The plain message under a connector: its own when it has one, else what its health means. */
export function healthMessage(c: Pick<ConnectorListItem, 'health' | 'healthMessage' | 'polled' | 'blind'>): string {
  if (c.blind && c.health !== 'needs_attention') return c.blind;
  if (c.healthMessage) return c.healthMessage;
  if (!c.polled && c.health !== 'paused') return 'Runs arrive when your tools send them; nothing is polled.';
  return HEALTH_META[c.health].meaning;
}

/** "in 45 s", "in 2 min", "now" for the next poll. */
export function formatIn(ts: number | null, now: number): string {
  if (ts === null) return '—';
  const s = Math.round((ts - now) / 1000);
  if (s <= 1) return 'now';
  if (s < 90) return `in ${s} s`;
  const min = Math.round(s / 60);
  return min < 90 ? `in ${min} min` : `in ${Math.round(min / 60)} h`;
}

export function pollFacts(c: ConnectorListItem, now: number): { last: string; next: string } {
  return {
    last: c.lastPollAt === null ? 'never' : formatAgo(c.lastPollAt, now),
    next: c.paused ? 'paused' : !c.polled ? 'not polled' : formatIn(c.nextPollAt, now),
  };
}

/** "12 of 60 requests per minute", or null when the vendor has no budget. */
export function budgetText(budget: ConnectorListItem['budget']): string | null {
  if (!budget) return null;
  const per = budget.windowMs === 60_000 ? 'minute' : budget.windowMs === 3_600_000 ? 'hour' : `${Math.round(budget.windowMs / 1000)} s`;
  return `${budget.used.toLocaleString()} of ${budget.limit.toLocaleString()} requests per ${per}`;
}
