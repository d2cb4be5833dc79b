import type { BlindCause } from '../contract/states.ts';
import type { ConnectorSight } from '../store/workflow-state-repo.ts';
import { durationInWords } from './words.ts';

/** A connector unheard from for longer than this cannot vouch for its workflows (polls run every 10 min at the idlest). */
export const STALE_AFTER_MS = 45 * 60_000;
/** A gap this long between the core's last sign of life and its start means Flowdeck was not running. */
export const OFFLINE_GAP_MS = 10 * 60_000;

/** When Flowdeck itself was not running before this start (from its last sign of life to the start), if it was off. */
export interface CoreLife {
  offline: { from: number; to: number } | null;
}

export interface ConnectorView {
  blind: BlindCause | null;
  /** Everything of this connector's workflows is known up to here. */
  seenUntil: number | null;
  /** Expectations start afresh here (pushed pings sent while Flowdeck was off were lost). */
  watchingSince: number | null;
}

/** Messages are stable while the cause lasts (no "ago"): incidents quote them and are not rewritten at every tick. */
export function offlineCause(offline: { from: number; to: number }): BlindCause {
  return { kind: 'offline', from: offline.from, to: offline.to,
    message: `Flowdeck was not running for ${durationInWords(offline.to - offline.from)} and is catching up with what happened meanwhile.` };
}

/**
 * Pure: what Flowdeck can see of one connector's workflows now. A push receiver sees what arrives while Flowdeck runs;
 * a polled connector sees up to its last successful poll, and nothing at all while it is paused, needs attention,
 * has never been polled, has not caught up since Flowdeck was off, or has been silent too long.
 */
export function connectorView(c: ConnectorSight, life: CoreLife, now: number): ConnectorView {
  if (c.kind === 'push') return { blind: null, seenUntil: now, watchingSince: life.offline?.to ?? null };
  const blind = (message: string): ConnectorView => ({ blind: { kind: 'connector', connectorId: c.id, connectorName: c.name, message }, seenUntil: c.lastSuccessAt, watchingSince: null });
  if (c.paused) return blind(`Polling of ${c.name} is paused in Flowdeck.`);
  if (c.health === 'needs_attention') return blind(c.healthMessage ?? `${c.name} needs attention.`);
  if (c.lastSuccessAt === null) return blind(`${c.name} has not been polled successfully yet.`);
  if (life.offline && c.lastSuccessAt < life.offline.to) return { blind: offlineCause(life.offline), seenUntil: c.lastSuccessAt, watchingSince: null };
  if (now - c.lastSuccessAt > STALE_AFTER_MS) {
    return blind(`Flowdeck has not heard from ${c.name} for over ${durationInWords(STALE_AFTER_MS)}${c.healthMessage ? ` (${c.healthMessage.replace(/\.$/, '')})` : ''}.`);
  }
  return { blind: null, seenUntil: c.lastSuccessAt, watchingSince: null };
}
