import { describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../../core/contract/alerts.ts';
import { CoreError } from '../../../core/contract/errors.ts';
import type { Input, Method, Output } from '../../../core/contract/handlers.ts';
import type { CoreApi } from '../../lib/core-client.ts';
import { setDisplayTimeZone } from '../../lib/format.ts';
import { createIncidentsStore } from './store.ts';

const incident: Incident = {
  id: 4, ruleId: 1, ruleName: 'Any failure', conditionKind: 'any_failure', target: 'workflow:2', targetName: 'Sync', workflowId: 2, connectorId: 'c1',
  severity: 'warning', status: 'open', summary: '1 failed run', runIds: [9], openedAt: 0, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null,
  resolvedBy: null, snoozedUntil: null, lastNotifiedAt: 0, reminders: 0, escalatedAt: null, flaps: 0, deepLink: null,
};

/** A CoreApi answering from a table; every call is recorded. */
function fakeCore(answers: Partial<Record<Method, (input: unknown) => unknown>>) {
  const calls: { method: Method; input: unknown }[] = [];
  const api: CoreApi = {
    async call<M extends Method>(method: M, input: Input<M>) {
      calls.push({ method, input });
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected ${method}`);
      return answer(input) as Output<M>;
    },
    on: () => () => {},
    onReconnected: () => () => {},
  };
  return { api, calls };
}

const base = {
  'incidents/list-incidents': () => ({ items: [incident], openCount: 1 }),
  'alerts/list-rules': () => ({ items: [] }),
  'incidents/get-incident': () => ({ ok: true, incident, events: [], deliveries: [] }),
};

const draft = { name: 'x', enabled: true, muted: false, severity: 'warning' as const, scope: { kind: 'all' as const }, condition: { kind: 'zero_items' as const },
  routing: { channelIds: [], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 } };

describe('incidents store', () => {
  it('acknowledges through the core, shows the answer and refetches', async () => {
    const { api, calls } = fakeCore({ ...base, 'incidents/acknowledge-incident': () => ({ ok: true, message: 'Acknowledged.' }) });
    const store = createIncidentsStore(api);
    store.getState().select(4);
    await store.getState().act(4, 'acknowledge');
    expect(calls.map((c) => c.method)).toContain('incidents/acknowledge-incident');
    expect(store.getState().notice).toEqual({ ok: true, message: 'Acknowledged.' });
    expect(store.getState().items).toEqual([incident]);
  });

  it('keeps the registry correlation of the selected incident (absent means none)', async () => {
    const correlation = { workflowId: 3, versionId: 12, versionNumber: 2, minutes: 20, message: 'Failures began 20 minutes after version 2.' };
    const withIt = fakeCore({ ...base, 'incidents/get-incident': () => ({ ok: true, incident, events: [], deliveries: [], correlation }) });
    const store = createIncidentsStore(withIt.api);
    store.getState().select(4);
    await vi.waitFor(() => expect(store.getState().detail?.correlation).toEqual(correlation));
    const without = createIncidentsStore(fakeCore(base).api);
    without.getState().select(4);
    await vi.waitFor(() => expect(without.getState().detail).toMatchObject({ incident, correlation: null }));
  });

  it('snoozes for the chosen minutes and retries the chosen run', async () => {
    const { api, calls } = fakeCore({ ...base,
      'incidents/snooze-incident': () => ({ ok: true, message: 'Snoozed.' }),
      'incidents/retry-incident-run': () => ({ ok: false, reason: 'failed', message: 'n8n refused it.' }) });
    const store = createIncidentsStore(api);
    await store.getState().act(4, 'snooze', 240);
    expect(calls.find((c) => c.method === 'incidents/snooze-incident')?.input).toEqual({ id: 4, minutes: 240 });
    await store.getState().act(4, 'retry', 9);
    expect(calls.find((c) => c.method === 'incidents/retry-incident-run')?.input).toEqual({ id: 4, runId: 9 });
    expect(store.getState().notice).toEqual({ ok: false, message: 'n8n refused it.' });
  });

  it('says until when a snooze holds, in the display time zone, from the incident the core sends back', async () => {
    const at = Date.UTC(2026, 0, 15, 10);
    vi.useFakeTimers({ now: at, toFake: ['Date'] });
    setDisplayTimeZone('Asia/Kolkata');
    try {
      const snoozed = { ...incident, snoozedUntil: at + 4 * 3_600_000 };
      const { api } = fakeCore({ ...base, 'incidents/get-incident': () => ({ ok: true, incident: snoozed, events: [], deliveries: [] }),
        'incidents/snooze-incident': () => ({ ok: true, message: 'Snoozed for 240 min.' }) });
      const store = createIncidentsStore(api);
      store.getState().select(4);
      await store.getState().act(4, 'snooze', 240);
      // 14:00 UTC is 19:30 in Kolkata.
      expect(store.getState().notice).toEqual({ ok: true, message: 'Snoozed until 19:30, today.' });
    } finally {
      setDisplayTimeZone(null);
      vi.useRealTimers();
    }
  });

  it('returns the field of a rejected rule so the editor can show it beside the input', async () => {
    const { api } = fakeCore({ ...base, 'alerts/save-rule': () => { throw new CoreError({ kind: 'validation', code: 'invalid_input', message: 'rule.condition.schedule.cron: bad', field: 'rule.condition.schedule.cron' }); } });
    const store = createIncidentsStore(api);
    const r = await store.getState().saveRule(undefined, draft);
    expect(r).toEqual({ ok: false, field: 'rule.condition.schedule.cron', message: 'rule.condition.schedule.cron: bad' });
  });

  it('saves an edit under the rule id (an update), and a new rule without one', async () => {
    const saved = { id: 5, createdAt: 1, updatedAt: 2, ...draft };
    const { api, calls } = fakeCore({ ...base, 'alerts/save-rule': () => ({ rule: saved }), 'alerts/list-rules': () => ({ items: [saved] }) });
    const store = createIncidentsStore(api);
    expect(await store.getState().saveRule(5, { ...draft, name: 'renamed' })).toEqual({ ok: true });
    expect(calls.find((c) => c.method === 'alerts/save-rule')?.input).toEqual({ id: 5, rule: { ...draft, name: 'renamed' } });
    expect(store.getState().rules).toEqual([saved]);
    await store.getState().saveRule(undefined, draft);
    expect(calls.filter((c) => c.method === 'alerts/save-rule')[1]?.input).toEqual({ rule: draft });
  });
});
