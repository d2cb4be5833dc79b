import { describe, expect, it } from 'vitest';
import { RuleRouting } from '../contract/alerts.ts';
import { decide, dueReminder, type IncidentState } from './incidents.ts';
import type { Finding } from './types.ts';

const MIN = 60_000;
const routing = RuleRouting.parse({ recoveryMinutes: 5, flapMinutes: 30, remindEveryMinutes: 10, escalateAfterMinutes: 25 });
const finding: Finding = { ruleId: 1, target: 'workflow:1', targetName: 'w', workflowId: 1, connectorId: 'c', severity: 'warning', summary: 's', runIds: [] };
const open: IncidentState = { status: 'open', openedAt: 0, acknowledgedAt: null, resolvedAt: null, clearSince: null, snoozedUntil: null, lastNotifiedAt: 0, reminders: 0, escalatedAt: null, flaps: 0 };

describe('incident state machine (pure)', () => {
  it.each<[string, IncidentState | null, Finding | null, number, string]>([
    ['opens a new incident', null, finding, 0, 'open'],
    ['nothing without a condition or an incident', null, null, 0, 'none'],
    ['updates the open incident (dedupe)', open, finding, MIN, 'update'],
    ['starts clearing when the condition goes away', open, null, MIN, 'clearing'],
    ['waits out the recovery time', { ...open, clearSince: MIN }, null, 5 * MIN, 'none'],
    ['resolves after the recovery time', { ...open, clearSince: MIN }, null, 6 * MIN, 'resolve'],
    ['reopens silently inside the flap window', { ...open, status: 'resolved', resolvedAt: 10 * MIN }, finding, 39 * MIN, 'reopen'],
    ['opens anew after the flap window', { ...open, status: 'resolved', resolvedAt: 10 * MIN }, finding, 40 * MIN, 'open'],
  ])('%s', (_name, state, f, now, kind) => {
    expect(decide(state, f, routing, now).kind).toBe(kind);
  });

  it('reminders at the interval, escalation once after M minutes, nothing when acknowledged or snoozed', () => {
    expect(dueReminder(open, routing, 9 * MIN)).toBeNull();
    expect(dueReminder(open, routing, 10 * MIN)).toEqual({ kind: 'reminder' });
    expect(dueReminder({ ...open, lastNotifiedAt: 20 * MIN }, routing, 25 * MIN)).toEqual({ kind: 'escalate' });
    expect(dueReminder({ ...open, lastNotifiedAt: 25 * MIN, escalatedAt: 25 * MIN }, routing, 30 * MIN)).toBeNull();
    expect(dueReminder({ ...open, status: 'acknowledged' }, routing, 60 * MIN)).toBeNull();
    expect(dueReminder({ ...open, snoozedUntil: 60 * MIN }, routing, 59 * MIN)).toBeNull();
    expect(dueReminder({ ...open, snoozedUntil: 20 * MIN, escalatedAt: 1 }, routing, 30 * MIN)).toEqual({ kind: 'reminder' });
  });
});
