import { useSystemStore } from '../lib/system-store.ts';

/** Shown while the ledger cannot be written (disk full, read-only folder); the core clears it once writes work again. */
export function StorageBanner() {
  const storage = useSystemStore((s) => s.status?.storage ?? null);
  if (!storage || storage.state === 'ok') return null;
  return (
    <div className="connection-banner" role="alert" data-testid="storage-banner">
      <span className="connection-dot" aria-hidden="true" />
      <span>{storage.message ?? 'Flowdeck cannot save to its database right now; new runs wait until it can.'}</span>
    </div>
  );
}
