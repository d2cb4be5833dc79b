import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../../../core/contract/alerts.ts';
import type { Role } from '../../../../core/contract/permissions.ts';
import { useSystemStore } from '../../../lib/system-store.ts';
import { useIncidentsStore, type IncidentsState } from '../store.ts';
import { IncidentDetail } from './IncidentDetail.tsx';

vi.mock('../../../lib/useNow.ts', () => ({ useNow: () => 1_000 }));

// Server rendering shows a zustand store's initial state: the test writes the incident and the caller's role there.
const system = useSystemStore.getInitialState();
const incidents = useIncidentsStore.getInitialState();
const originals = [{ ...system }, { ...incidents }] as const;
afterEach(() => { Object.assign(system, originals[0]); Object.assign(incidents, originals[1]); });
const as = (role: Role) => Object.assign(system, {
  status: { version: '1', demo: true, actor: 'sam', role, counts: { runs: 0, workflows: 0, connectors: 0, quarantined: 0 }, lastIngestAt: null, now: 0, storage: { state: 'ok', message: null } },
});

const incident: Incident = {
  id: 4, ruleId: 1, ruleName: 'Any failure', conditionKind: 'any_failure', target: 'workflow:2', targetName: 'Sync', workflowId: 2, connectorId: 'c1',
  severity: 'warning', status: 'open', summary: '1 failed run', runIds: [9], openedAt: 0, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null,
  resolvedBy: null, snoozedUntil: null, lastNotifiedAt: 0, reminders: 0, escalatedAt: null, flaps: 0, deepLink: null,
};
const show = () => Object.assign(incidents, { detail: { incident, events: [], deliveries: [], correlation: null, context: null } } satisfies Partial<IncidentsState>);

/** Each action button's test id → whether it is locked. */
function buttons(html: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const m of html.matchAll(/<button[^>]*data-testid="(action-[^"]+)"[^>]*>/g)) out[m[1]!] = m[0].includes('aria-disabled="true"');
  return out;
}

describe('IncidentDetail by role', () => {
  it('the owner sees every action open and no note', () => {
    as('owner');
    show();
    const html = renderToStaticMarkup(<IncidentDetail />);
    expect(Object.values(buttons(html)).every((locked) => !locked)).toBe(true);
    expect(html).not.toContain('incident-actions-locked');
  });

  it('a viewer sees every action, each locked with its reason, and one calm note', () => {
    as('viewer');
    show();
    const html = renderToStaticMarkup(<IncidentDetail />);
    const b = buttons(html);
    expect(Object.keys(b)).toEqual(['action-acknowledge', 'action-snooze-60', 'action-snooze-240', 'action-snooze-1440', 'action-resolve', 'action-retry', 'action-mute', 'action-pause']);
    expect(Object.values(b).every((locked) => locked)).toBe(true);
    expect(html).toContain('title="Needs an Operator — you have view-only access. Ask the owner of this Flowdeck."');
    expect(html.match(/data-testid="incident-actions-locked"/g)).toHaveLength(1);
  });

  it('an operator acts on the incident but cannot mute the workflow (a setting)', () => {
    as('operator');
    show();
    const b = buttons(renderToStaticMarkup(<IncidentDetail />));
    expect(b).toMatchObject({ 'action-acknowledge': false, 'action-resolve': false, 'action-retry': false, 'action-pause': false, 'action-mute': true });
  });
});
