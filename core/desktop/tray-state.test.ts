import { describe, expect, it } from 'vitest';
import { WORKFLOW_STATES, type WorkflowState, type WorkflowStateKind } from '../contract/states.ts';
import { MAX_SUMMARY, notificationRoute, trayState, type TrayFacts } from './tray-state.ts';

type Row = Pick<WorkflowState, 'state' | 'pausedBy' | 'attention'>;

/** The list-states answer for these workflows (only the fields the tray reads are set). */
function states(rows: Row[]): TrayFacts['states'] {
  const counts = Object.fromEntries(WORKFLOW_STATES.map((s) => [s, rows.filter((r) => r.state === s).length])) as Record<WorkflowStateKind, number>;
  const needsAttention = rows.filter((r) => r.attention).length;
  return { counts, workflows: rows as WorkflowState[], needsAttention };
}
/** `attention` as the live state sets it: every state but ok and never-run; a switch-off only when the vendor did it. */
const n = (count: number, state: WorkflowStateKind, pausedBy: Row['pausedBy'] = null): Row[] =>
  Array.from({ length: count }, () => ({ state, pausedBy, attention: state !== 'ok' && state !== 'never-run' && !(state === 'paused' && pausedBy !== 'vendor') }));
const facts = (rows: Row[], more: Partial<Omit<TrayFacts, 'states'>> = {}): TrayFacts =>
  ({ states: states(rows), activeSeverities: [], connectorsNeedingAttention: 0, pausedUntil: null, ...more });

describe('trayState (pure)', () => {
  it.each([
    ['ok when every workflow is ok, never run or paused from Flowdeck', [...n(3, 'ok'), ...n(1, 'never-run'), ...n(1, 'paused', 'flowdeck')], 'ok', 'Flowdeck: all clear'],
    ['failing for a failing streak', [...n(2, 'failing'), ...n(4, 'ok')], 'failing', 'Flowdeck: 2 failing'],
    ['failing for a missed run', n(1, 'missed'), 'failing', 'Flowdeck: 1 missed'],
    ['failing for a workflow switched off by its vendor', n(1, 'paused', 'vendor'), 'failing', 'Flowdeck: 1 switched off'],
    ['warning for a late run', n(1, 'late'), 'warning', 'Flowdeck: 1 late'],
    ['warning for workflows Flowdeck cannot see', n(3, 'unknown'), 'warning', 'Flowdeck: 3 unknown'],
    ['worst first, in one short line', [...n(1, 'late'), ...n(3, 'unknown'), ...n(1, 'missed'), ...n(2, 'failing')], 'failing', 'Flowdeck: 2 failing, 1 missed, 3 unknown, 1 late'],
  ] as const)('%s', (_name, rows, health, summary) => {
    const t = trayState(facts([...rows]));
    expect(t).toEqual({ health, openIncidents: 0, needsAttention: t.needsAttention, summary, pausedUntil: null });
    // The app badge counts what "Needs you" lists.
    expect(t.needsAttention).toBe(health === 'ok' ? 0 : rows.length - rows.filter((r) => r.state === 'ok').length);
  });

  it('an open incident or a connector needing attention alone is a warning, never failing', () => {
    expect(trayState(facts(n(2, 'ok'), { activeSeverities: ['critical', 'info'] }))).toEqual(
      { health: 'warning', openIncidents: 2, needsAttention: 0, summary: 'Flowdeck: 2 open incidents', pausedUntil: null });
    expect(trayState(facts([], { connectorsNeedingAttention: 2 }))).toMatchObject({ health: 'warning', summary: 'Flowdeck: 2 connectors need attention' });
    expect(trayState(facts(n(1, 'failing'), { activeSeverities: ['warning'], connectorsNeedingAttention: 1 })).summary)
      .toBe('Flowdeck: 1 failing, 1 open incident, 1 connector needs attention');
  });

  it('says when notifications are paused', () => {
    expect(trayState(facts([], { pausedUntil: 5 })).summary).toBe('Flowdeck: all clear · notifications paused');
    expect(trayState(facts(n(1, 'late'), { pausedUntil: 5 })).summary).toBe('Flowdeck: 1 late · notifications paused');
  });

  it('keeps the summary within the 127 characters Windows shows, dropping the least urgent parts', () => {
    const rows = [...n(1234, 'failing'), ...n(2345, 'missed'), ...n(3456, 'paused', 'vendor'), ...n(4567, 'unknown'), ...n(5678, 'late')];
    const s = trayState(facts(rows, { activeSeverities: Array<'warning'>(99_999).fill('warning'), connectorsNeedingAttention: 12_345, pausedUntil: 5 }));
    expect(s.summary.length).toBeLessThanOrEqual(MAX_SUMMARY);
    expect(s.summary).toMatch(/^Flowdeck: 1234 failing, 2345 missed, 3456 switched off, 4567 unknown, 5678 late, .* · notifications paused$/);
    expect(s.summary).not.toContain('connectors need');
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
