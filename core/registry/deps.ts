import type { ConnectorsModule } from '../connectors/index.ts';
import type { ListStatesOutput } from '../contract/states.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { EventBus } from '../rpc/event-bus.ts';
import type { Ledger } from '../store/ledger.ts';

/** What the registry and its restore need from the core. */
export interface RegistryDeps {
  ledger: Ledger;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  /** For restore (vendor actions) and to store the vendor's answer; absent in tools that only read. */
  connectors?: Pick<ConnectorsModule, 'repo' | 'runtimes' | 'scheduler'>;
  /** The live state per workflow, which caps health scores (absent: scores from lint and failure rate only). */
  states?: { list(now: number): ListStatesOutput };
}
