import { describe, expect, it } from 'vitest';
import { notificationRoute, trayState } from './tray-state.ts';

describe('trayState (pure)', () => {
  it.each([
    ['ok with nothing open', [], 0, 'ok', 'Flowdeck: all clear'],
    ['warning for a warning incident', ['warning'], 0, 'warning', 'Flowdeck: 1 open incident'],
    ['warning for an info incident', ['info'], 0, 'warning', 'Flowdeck: 1 open incident'],
    ['warning for a connector needing attention alone', [], 2, 'warning', 'Flowdeck: 2 connectors need attention'],
    ['failing for any critical incident', ['warning', 'critical', 'info'], 1, 'failing', 'Flowdeck: 3 open incidents (1 critical), 1 connector needs attention'],
  ] as const)('%s', (_name, severities, attention, health, summary) => {
    const s = trayState({ activeSeverities: severities, connectorsNeedingAttention: attention, pausedUntil: null });
    expect(s).toEqual({ health, openIncidents: severities.length, summary, pausedUntil: null });
  });

  it('says when notifications are paused', () => {
    expect(trayState({ activeSeverities: [], connectorsNeedingAttention: 0, pausedUntil: 5 }).summary).toBe('Flowdeck: all clear · notifications paused');
  });
});

describe('notificationRoute', () => {
  it('routes to the incident or the run, and nowhere for anything else', () => {
    expect(notificationRoute({ incidentId: 12 })).toBe('#/incidents/12');
    expect(notificationRoute({ runId: 7 })).toBe('#/runs?run=7');
    expect(notificationRoute(null)).toBeNull();
    expect(notificationRoute({ incidentId: 0 })).toBeNull();
    expect(notificationRoute({ runId: 1.5 })).toBeNull();
  });
});
