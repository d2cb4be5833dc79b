import { useEffect } from 'react';
import { incidentHref } from '../../app/routes.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';

/**
 * Serve mode: the core's `notifications/raised` events become browser notifications when permitted.
 * Clicking one focuses the console on the incident.
 */
export function subscribeBrowserNotifications(api: Pick<CoreApi, 'on'>, show: (title: string, body: string, incidentId: number | null) => void): () => void {
  return api.on('notifications/raised', (p) => show(p.title, p.body, p.incidentId));
}

export function useBrowserNotifications(): void {
  useEffect(() => {
    if (typeof Notification === 'undefined') return undefined;
    return subscribeBrowserNotifications(core, (title, body, incidentId) => {
      if (Notification.permission !== 'granted') return;
      const n = new Notification(title, { body, tag: incidentId === null ? undefined : `incident-${incidentId}` });
      n.onclick = () => {
        window.focus();
        window.location.hash = incidentId === null ? '#/incidents' : incidentHref(incidentId);
      };
    });
  }, []);
}
