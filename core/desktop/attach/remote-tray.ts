import type { CoreClient } from '../../contract/client.ts';
import type { TrayState } from '../../contract/desktop.ts';
import { pausedUntil } from '../pause.ts';
import { trayState } from '../tray-state.ts';

/**
 * The tray's state from a team server, through the contract's read methods (a Viewer may call them all): the same
 * facts the desktop's own core counts, so both trays say the same thing. A pause from this desktop's tray
 * (`localPauseUntil`) holds only this desktop's notifications; the server's own pause shows as well.
 */
export async function remoteTrayState(client: CoreClient, localPauseUntil: number | null): Promise<TrayState> {
  const [states, incidents, connectors, settings] = await Promise.all([
    client.call('workflows/list-states', {}),
    client.call('incidents/list-incidents', { status: 'active', limit: 500 }),
    client.call('connectors/list-connectors', {}),
    client.call('alerts/get-settings', {}),
  ]);
  const serverPause = pausedUntil(settings, states.now);
  const local = localPauseUntil !== null && localPauseUntil > states.now ? localPauseUntil : null;
  const paused = serverPause === null ? local : local === null ? serverPause : Math.max(serverPause, local);
  return trayState({
    states,
    activeSeverities: incidents.items.map((i) => i.severity),
    connectorsNeedingAttention: connectors.items.filter((c) => c.health === 'needs_attention' || c.health === 'degraded').length,
    pausedUntil: paused,
  });
}
