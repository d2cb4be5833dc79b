import type { CoreApi } from './core-client.ts';

export interface LiveOptions {
  core: Pick<CoreApi, 'on' | 'onReconnected'>;
  /** Ledger tables whose change makes the data stale. */
  tables: readonly string[];
  /** Refetch what the store shows. */
  refresh: () => void;
}

/**
 * Ref-counted "keep this store fresh while something shows it": the first activation subscribes to
 * `ledger/changed` (and reconnects), the last deactivation unsubscribes. Every activation refreshes once.
 * The core announces changes, the store refetches; nothing polls.
 */
export function createLive(options: LiveOptions): () => () => void {
  const { core, tables, refresh } = options;
  let users = 0;
  let unsubscribe: (() => void) | null = null;
  return () => {
    users += 1;
    if (users === 1) {
      const offChanged = core.on('ledger/changed', (payload) => {
        if (payload.tables.some((t) => tables.includes(t))) refresh();
      });
      const offReconnected = core.onReconnected(refresh);
      unsubscribe = () => {
        offChanged();
        offReconnected();
      };
    }
    refresh();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      users -= 1;
      if (users === 0) {
        unsubscribe?.();
        unsubscribe = null;
      }
    };
  };
}

/** Plain words for a failed call: the core's own message (errors cross as data with a readable message). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong while talking to the Flowdeck core.';
}
