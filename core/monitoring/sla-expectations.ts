import type { AlertRule } from '../contract/alerts.ts';
import type { SlaBasis } from '../contract/monitoring.ts';
import { inScope } from '../alerts/index.ts';
import { concreteSchedule, type ConcreteSchedule } from '../sync/schedules/index.ts';
import type { WorkflowFact } from '../store/ledger-facts.ts';
import { cronInWords, daysInWords, intervalInWords } from './schedule-label.ts';

const MINUTE = 60_000;
/** Grace before a due run counts as missed when no missed-run rule sets one (the rule editor's default). */
export const DEFAULT_GRACE_MS = 5 * MINUTE;

/** What a workflow is expected to do, and where that expectation comes from ('observed': no schedule known). */
export interface SlaExpectation {
  basis: SlaBasis;
  schedule: ConcreteSchedule | null;
  graceMs: number;
  /** A duration rule's fixed threshold that watches this workflow, if any. */
  thresholdMs: number | null;
}

const everyWords = (ms: number) => `every ${intervalInWords(ms)}`;

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * A cron the vendor never runs more often than `minGapMs` (GitHub: every 5 minutes) says so, so the label matches
 * the runs Flowdeck expects: a cron firing each minute reads "every 5 min, the fastest its vendor runs it".
 */
function floored(words: string, minGapMs: number | undefined): string {
  if (!minGapMs) return words;
  const often = /^every (minute|(\d+) min)$/.exec(words);
  if (often && (often[2] ? Number(often[2]) * 60_000 : 60_000) < minGapMs) return `${everyWords(minGapMs)}, the fastest its vendor runs it`;
  return `${words}; at most ${everyWords(minGapMs)}`;
}

/** A schedule in words: "every 15 min", "weekdays at 06:00 (Europe/Berlin)", "every hour, 08:00–18:00, weekdays (UTC)". */
export function scheduleLabel(s: ConcreteSchedule): string {
  switch (s.kind) {
    case 'interval': return everyWords(s.everyMs);
    case 'cron': return floored(cronInWords(s.cron, s.timezone), s.minGapMs);
    case 'crons': return floored(s.crons.map((c) => cronInWords(c, s.timezone)).join('; '), s.minGapMs);
    case 'windowed': {
      const w = s.window;
      const hours = w.fromMinute === 0 && w.toMinute >= 1440 ? '' : `, ${hhmm(w.fromMinute)}–${hhmm(w.toMinute)}`;
      const days = w.days === null ? '' : `, ${daysInWords(w.days)}`;
      return `${everyWords(s.everyMs)}${hours}${days} (${w.timezone})`;
    }
  }
}

/**
 * Per workflow, the schedule its SLA is measured against: the registry's expected schedule first, then an enabled
 * missed-run rule that watches it (its grace too), then the vendor's own schedule in the definition. Paused and archived
 * workflows expect no runs. Duration thresholds come from enabled duration rules with a fixed limit (the lowest wins).
 */
export function resolveExpectations(workflows: readonly WorkflowFact[], rules: readonly AlertRule[]): Map<number, SlaExpectation> {
  const missed = rules.filter((r) => r.enabled && r.condition.kind === 'missed_run');
  const durations = rules.filter((r) => r.enabled && r.condition.kind === 'duration' && r.condition.thresholdMs !== null);
  const out = new Map<number, SlaExpectation>();
  for (const wf of workflows) {
    const rule = missed.find((r) => inScope(r.scope, wf));
    const c = rule?.condition.kind === 'missed_run' ? rule.condition : null;
    const limits = durations.filter((r) => inScope(r.scope, wf))
      .map((r) => (r.condition.kind === 'duration' ? r.condition.thresholdMs : null)).filter((x): x is number => x !== null);
    const base = { graceMs: c ? c.graceMinutes * MINUTE : DEFAULT_GRACE_MS, thresholdMs: limits.length ? Math.min(...limits) : null };
    let found: Pick<SlaExpectation, 'basis' | 'schedule'> = { basis: 'observed', schedule: null };
    if (!wf.active || wf.archived) found = { basis: 'observed', schedule: null };
    else if (wf.expectedSchedule && wf.expectedSchedule.kind !== 'auto') {
      found = { basis: 'registry', schedule: concreteSchedule(wf.expectedSchedule, null) };
      // A heartbeat's or the registry's own grace, unless a missed-run rule that watches it sets one.
      if (!c && wf.expectedSchedule.graceMinutes !== undefined) base.graceMs = wf.expectedSchedule.graceMinutes * MINUTE;
    }
    else if (c && c.schedule.kind !== 'auto') found = { basis: 'rule', schedule: concreteSchedule(c.schedule, null) };
    else {
      const vendor = concreteSchedule({ kind: 'auto' }, wf.definition);
      if (vendor) found = { basis: 'vendor', schedule: vendor };
    }
    out.set(wf.id, { ...found, ...base });
  }
  return out;
}
