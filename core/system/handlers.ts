import type { Handlers } from '../contract/handlers.ts';
import type { Ledger } from '../store/ledger.ts';
import type { StorageStatus } from '../store/storage.ts';

export interface SystemInfo {
  version: string;
  demo: boolean;
  /** The core's clock. */
  now: () => number;
  /** Whether the ledger can take writes (core/store/storage.ts); always ok when not given. */
  storage?: () => StorageStatus;
}

/** `system/get-status`: the core's version, clock, counts and storage health. */
export function systemHandlers(ledger: Ledger, info: SystemInfo): Pick<Handlers, 'system/get-status'> {
  return {
    'system/get-status': async (_input, ctx) => ({
      version: info.version,
      demo: info.demo,
      actor: ctx.actor,
      role: ctx.role ?? 'owner',
      counts: {
        runs: ledger.runs.count(),
        workflows: ledger.workflows.count(),
        connectors: ledger.connectors.count(),
        quarantined: ledger.quarantine.count(),
      },
      lastIngestAt: ledger.connectors.lastIngestAt(),
      now: info.now(),
      storage: info.storage?.() ?? { state: 'ok', message: null },
    }),
  };
}
