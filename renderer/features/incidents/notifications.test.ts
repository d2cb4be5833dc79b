import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../core/contract/events.ts';
import { subscribeBrowserNotifications } from './notifications.ts';

describe('browser notifications', () => {
  it('turns notifications/raised events into shown notifications until unsubscribed', () => {
    const listeners = new Map<string, (p: unknown) => void>();
    const api = {
      on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
        listeners.set(name, listener as (p: unknown) => void);
        return () => listeners.delete(name);
      },
    };
    const shown: string[] = [];
    const off = subscribeBrowserNotifications(api, (title, body, id) => shown.push(`${id}:${title}:${body}`));
    listeners.get('notifications/raised')!({ incidentId: 3, title: 'Incident: Sync', body: '1 failed run', severity: 'warning' });
    expect(shown).toEqual(['3:Incident: Sync:1 failed run']);
    off();
    expect(listeners.has('notifications/raised')).toBe(false);
  });
});
