import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import { NotifyError, type NotificationMessage, type NotifierRegistry } from '../platform/notify/types.ts';
import type { AlertsRepo } from '../store/alerts-repo.ts';
import type { DeliveriesRepo } from '../store/deliveries-repo.ts';
import type { ChannelSecrets } from './secrets.ts';

const MINUTE = 60_000;
/** Wait before attempt 2, 3, …; after the last one the delivery is marked failed. */
export const BACKOFF_MS = [MINUTE / 2, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, 120 * MINUTE] as const;

/**
 * When to try again after `attemptsSoFar` attempts: the backoff, or later when the vendor asked for a longer wait
 * (Retry-After, `retry_after`); null after the last attempt, whatever the vendor asked.
 */
export function retryAt(attemptsSoFar: number, now: number, retryAfterMs: number | null = null): number | null {
  const wait = BACKOFF_MS[attemptsSoFar];
  return wait === undefined ? null : now + Math.max(wait, retryAfterMs ?? 0);
}

export interface OutboxDeps {
  alerts: AlertsRepo;
  deliveries: DeliveriesRepo;
  notifiers: NotifierRegistry;
  secrets: ChannelSecrets;
  clock: Clock;
  logger: Logger;
  /** Called after deliveries or channel states changed (the core announces it). */
  changed: () => void;
}

export type SendOutcome = { ok: true } | { ok: false; message: string; retryable: boolean; retryAfterMs?: number | null };

/** Persisted notification outbox: enqueue now, deliver when due, retry with backoff, record failures on the channel. */
export class Outbox {
  private readonly deps: OutboxDeps;
  private running: Promise<number> | null = null;

  constructor(deps: OutboxDeps) {
    this.deps = deps;
  }

  enqueue(channelIds: readonly number[], incidentId: number | null, message: NotificationMessage): number {
    const { alerts, deliveries, clock } = this.deps;
    let n = 0;
    for (const channelId of new Set(channelIds)) {
      const channel = alerts.getChannel(channelId);
      if (!channel?.enabled) continue;
      deliveries.enqueue({ channelId, incidentId, kind: message.kind, message }, clock.now());
      n++;
    }
    return n;
  }

  /** Sends one message on one channel right away (the "Send test" button), without the outbox. */
  async sendNow(channelId: number, message: NotificationMessage): Promise<SendOutcome> {
    const outcome = await this.attempt(channelId, message);
    this.deps.changed();
    return outcome;
  }

  /** Delivers everything due; concurrent calls share one pass. Returns how many were attempted. */
  deliverDue(): Promise<number> {
    this.running ??= this.pass().finally(() => { this.running = null; });
    return this.running;
  }

  private async pass(): Promise<number> {
    const { deliveries, clock, logger } = this.deps;
    const due = deliveries.due(clock.now());
    for (const d of due) {
      const outcome = await this.attempt(d.channelId, JSON.parse(d.message) as NotificationMessage);
      const now = clock.now();
      if (outcome.ok) deliveries.markSent(d.id, now);
      else {
        const next = outcome.retryable ? retryAt(d.attempts, now, outcome.retryAfterMs ?? null) : null;
        deliveries.markFailed(d.id, outcome.message, next);
        logger.warn('notification delivery failed', { delivery: d.id, channel: d.channelId, retryAt: next, reason: outcome.message });
      }
    }
    if (due.length) this.deps.changed();
    return due.length;
  }

  private async attempt(channelId: number, message: NotificationMessage): Promise<SendOutcome> {
    const { alerts, notifiers, secrets, clock } = this.deps;
    const channel = alerts.getChannel(channelId);
    if (!channel) return { ok: false, message: 'The channel was deleted.', retryable: false };
    const notifier = notifiers[channel.kind];
    let outcome: SendOutcome;
    if (!notifier) outcome = { ok: false, message: `No ${channel.kind} notifier is available in this mode.`, retryable: false };
    else {
      try {
        const s = await secrets.read(channel.secretRef);
        await notifier.send(message, { id: channel.id, kind: channel.kind, name: channel.name, config: channel.config, ...s });
        outcome = { ok: true };
      } catch (error) {
        outcome = error instanceof NotifyError
          ? { ok: false, message: error.message, retryable: error.retryable, ...(error.retryAfterMs !== null ? { retryAfterMs: error.retryAfterMs } : {}) }
          : { ok: false, message: (error as Error).message || 'The channel failed.', retryable: true };
      }
    }
    alerts.markChannel(channelId, outcome.ok, outcome.ok ? null : outcome.message, clock.now());
    return outcome;
  }
}
