import { useConnectionStore } from '../lib/connection-store.ts';

/** Shown while the core is unreachable; disappears by itself when the connection is back. */
export function ConnectionBanner() {
  const state = useConnectionStore((s) => s.state);
  const retryNow = useConnectionStore((s) => s.retryNow);
  if (state.status !== 'lost') return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <span className="connection-dot" aria-hidden="true" />
      <span>{state.message}</span>
      <button type="button" className="button button-small" onClick={retryNow}>Retry now</button>
    </div>
  );
}
