import type { Logger } from '../../../platform/logger.ts';
import type { MakeLog } from './mapper.ts';

/**
 * What an entry of `GET /scenarios/{id}/logs` is (docs/vendors.md M5). Make mixes change-log entries into the logs:
 * `type: "modify"`, no status, a `detail` block (edits, scheduling changes, activation). They are not runs. This rests
 * on one maintained SDK and Make's help on scenario history, so it is read defensively:
 * - an entry with a numeric status is a run, whatever its `type` (or without one);
 * - `type: "modify"`, or an entry with no numeric status, is not a run;
 * - a type not seen before is logged once per connector, so a new kind of entry is noticed.
 */
export const MAKE_RUN_TYPES = new Set(['auto', 'manual', 'scheduled', 'instant', 'webhook', 'retry']);
export const MAKE_CHANGE_TYPES = new Set(['modify']);

export type MakeEntryKind = 'run' | 'change';

export function makeEntryKind(log: Pick<MakeLog, 'type'> & { status?: unknown }): MakeEntryKind {
  if (typeof log.type === 'string' && MAKE_CHANGE_TYPES.has(log.type)) return 'change';
  return typeof log.status === 'number' && Number.isInteger(log.status) ? 'run' : 'change';
}

/** Logs an unknown log `type` once per connector (the set lives as long as the driver). */
export function unknownTypeNotifier(logger: Logger): (log: Pick<MakeLog, 'type'> & { status?: unknown }, scenarioId: number) => void {
  const seen = new Set<string>();
  return (log, scenarioId) => {
    const type = log.type;
    if (typeof type !== 'string' || MAKE_RUN_TYPES.has(type) || MAKE_CHANGE_TYPES.has(type) || seen.has(type)) return;
    seen.add(type);
    const as = makeEntryKind(log) === 'run' ? 'kept as a run (it has a status)' : 'skipped (no status: not a run)';
    logger.warn(`Make listed a log entry of an unknown type "${type}"; ${as}. Said once per connector.`, { scenarioId, type });
  };
}
