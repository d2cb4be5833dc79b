import { useConnectionStore } from '../lib/connection-store.ts';
import { useDesktopModeStore } from '../lib/desktop-mode-store.ts';

/**
 * Shown while the core is unreachable; disappears by itself when the connection is back. A desktop attached to a
 * team server says what its attach status says (the server, by name); signed out, the sign-in form says it instead.
 */
export function ConnectionBanner() {
  const state = useConnectionStore((s) => s.state);
  const retryNow = useConnectionStore((s) => s.retryNow);
  const attach = useDesktopModeStore((s) => (s.teamServerUrl !== null ? s.status : null));
  if (state.status !== 'lost' || attach?.state === 'signed-out') return null;
  const message = attach && attach.state !== 'connected' ? attach.message : state.message;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <span className="connection-dot" aria-hidden="true" />
      <span>{message}</span>
      <button type="button" className="button button-small" onClick={retryNow}>Retry now</button>
    </div>
  );
}
