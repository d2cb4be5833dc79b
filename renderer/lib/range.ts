import { fromDateTimeLocal, toDateTimeLocal } from './format.ts';

export const RANGES = ['24h', '7d', '30d', '90d', 'custom'] as const;
export type RangeId = (typeof RANGES)[number];

export const RANGE_LABELS: Record<RangeId, string> = { '24h': '24 h', '7d': '7 days', '30d': '30 days', '90d': '90 days', custom: 'Custom' };

const HOUR = 3_600_000;
const RANGE_MS: Record<Exclude<RangeId, 'custom'>, number> = { '24h': 24 * HOUR, '7d': 168 * HOUR, '30d': 720 * HOUR, '90d': 2160 * HOUR };

export interface RangeState {
  range: RangeId;
  /** datetime-local values used when range is 'custom'. */
  customFrom: string;
  customTo: string;
}

/** [from, to) in epoch ms, or null when a custom range is incomplete or backwards. */
export function resolveRange(r: RangeState, now: number): { from: number; to: number } | null {
  if (r.range !== 'custom') return { from: Math.max(0, now - RANGE_MS[r.range]), to: now };
  const from = fromDateTimeLocal(r.customFrom);
  const to = fromDateTimeLocal(r.customTo);
  if (from === null || to === null || to <= from) return null;
  return { from, to: to + 60_000 };
}

export function withRangeId(r: RangeState, range: RangeId, now: number): RangeState {
  if (range !== 'custom' || r.customFrom) return { ...r, range };
  return { range, customFrom: toDateTimeLocal(now - RANGE_MS['7d']), customTo: toDateTimeLocal(now) };
}

export interface DrillDown {
  status?: string;
  workflow?: number;
  connector?: string;
  from?: number;
  to?: number;
  q?: string;
}

/** The Runs page address for a drill-down: `#/runs?status=failed&from=…&to=…&workflow=…`. */
export function runsHref(d: DrillDown): string {
  const p = new URLSearchParams();
  if (d.status) p.set('status', d.status);
  if (d.workflow !== undefined) p.set('workflow', String(d.workflow));
  if (d.connector) p.set('connector', d.connector);
  if (d.from !== undefined) p.set('from', String(d.from));
  if (d.to !== undefined) p.set('to', String(d.to));
  if (d.q) p.set('q', d.q);
  const query = p.toString();
  return query ? `#/runs?${query}` : '#/runs';
}
