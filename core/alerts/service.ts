import type { EventBus } from '../rpc/event-bus.ts';
import type { ListStatesOutput } from '../contract/states.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import { emailNotifier } from '../platform/notify/email.ts';
import { desktopNotifier } from '../platform/notify/desktop.ts';
import { slackNotifier, teamsNotifier } from '../platform/notify/chat.ts';
import type { NotifierRegistry } from '../platform/notify/types.ts';
import { webhookNotifier } from '../platform/notify/webhook.ts';
import { ntfyNotifier } from '../platform/notify/ntfy.ts';
import { pushoverNotifier } from '../platform/notify/pushover.ts';
import { telegramNotifier } from '../platform/notify/telegram.ts';
import { discordNotifier } from '../platform/notify/discord.ts';
import type { SecretStore } from '../platform/secrets/types.ts';
import { channelSecrets, Outbox, type ChannelSecrets } from '../notify/index.ts';
import { SecretStoreUnavailable } from '../platform/secrets/types.ts';
import type { Ledger } from '../store/ledger.ts';
import { AlertEngine, type EngineDeps } from './engine.ts';
import { unavailableRemediator, type Remediator } from './remediation.ts';
import { createAlertStore, type AlertStore } from './store.ts';
import type { IncidentPaging, UsageFacts } from './types.ts';

export interface AlertingOptions {
  ledger: Ledger;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  /** Keychain for channel secrets (webhook URLs, signing keys, SMTP passwords, phone channel tokens). Without one, secrets are refused. */
  secrets?: SecretStore;
  remediator?: Remediator;
  /** Replace or add channel implementations (the desktop shell registers `desktop`). */
  notifiers?: NotifierRegistry;
  /** Clock tick for missed runs, reminders and delivery retries. */
  tickMs?: number;
  /** The live state per workflow (incidents follow it); its heartbeat is written at every tick. */
  states?: { list(now: number): ListStatesOutput; heartbeat(now: number): void };
  /** Groups a downstream failure with the open incident upstream (the system map; issue 19). */
  cascade?: EngineDeps['cascade'];
  /** Pages people about incidents through the same outbox (core/oncall/ builds it). */
  paging?: (outbox: Outbox) => IncidentPaging;
  /** Usage against the plan (core/usage/), read when a usage rule is enabled. */
  usage?: { facts(now: number): UsageFacts };
}

export interface Alerting {
  store: AlertStore;
  engine: AlertEngine;
  outbox: Outbox;
  remediator: Remediator;
  secrets: ChannelSecrets;
  clock: Clock;
  /** Announce that incidents, channels or deliveries changed. */
  changed(): void;
  /** Evaluate, then deliver what is due. */
  tick(): Promise<void>;
  /** Evaluate after each ingest (coalesced) and on a clock tick. */
  start(): void;
  stop(): void;
}

const refuse = () => Promise.reject(new SecretStoreUnavailable('This Flowdeck process has no keychain open, so channel secrets (webhook addresses, passwords) cannot be stored or read. Flowdeck never keeps them in its database.'));
const noKeychain: SecretStore = { set: refuse, get: refuse, delete: refuse };

export function createAlerting(o: AlertingOptions): Alerting {
  const store = createAlertStore(o.ledger);
  const changed = () => o.events.emit('ledger/changed', { tables: ['incidents', 'alert_rules', 'notify_channels', 'deliveries', 'alert_settings'], connectorId: null });
  const notifiers: NotifierRegistry = {
    slack: slackNotifier(), teams: teamsNotifier(), webhook: webhookNotifier(), email: emailNotifier(),
    // Phone channels reach their vendor's fixed address; tests replace them with notifiers pointed at loopback fakes.
    ntfy: ntfyNotifier(), pushover: pushoverNotifier(), telegram: telegramNotifier(), discord: discordNotifier(),
    desktop: desktopNotifier((m) => o.events.emit('notifications/raised', { incidentId: m.incidentId, title: m.title, body: m.text, severity: m.severity })),
    ...o.notifiers,
  };
  const secrets = channelSecrets(o.secrets ?? noKeychain);
  const outbox = new Outbox({ alerts: store.rules, deliveries: store.deliveries, notifiers, secrets, clock: o.clock, logger: o.logger, changed });
  const remediator = o.remediator ?? unavailableRemediator;
  const engine = new AlertEngine({ store, runs: o.ledger.runs, audit: o.ledger.audit, outbox, remediator, clock: o.clock, logger: o.logger, changed,
    ...(o.states ? { states: o.states } : {}), ...(o.paging ? { paging: o.paging(outbox) } : {}), ...(o.usage ? { usage: o.usage } : {}), ...(o.cascade ? { cascade: o.cascade } : {}) });

  let timer: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: (() => void) | null = null;
  let scheduled = false;
  const tick = async () => {
    try {
      o.states?.heartbeat(o.clock.now());
      engine.evaluate();
      await outbox.deliverDue();
    } catch (error) {
      o.logger.error('alert evaluation failed', { error: (error as Error).message });
    }
  };
  return {
    store, engine, outbox, remediator, secrets, clock: o.clock, changed, tick,
    start() {
      if (timer) return;
      unsubscribe = o.events.subscribe('runs/ingested', () => {
        if (scheduled) return;
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          // Stopped meanwhile (the core is closing): the database may already be gone.
          if (timer) void tick();
        });
      });
      // No tick right away: a one-shot CLI command that opens the core exits before the first one.
      timer = setInterval(() => void tick(), o.tickMs ?? 30_000);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
