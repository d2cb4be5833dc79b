// Who is on duty (issue #15): an incident pages the workflow's owner first, then everyone on duty, each on their own
// channels and within their own quiet hours; while nobody acknowledges, the next person on the rota and then the owner.
// Real SQLite, the real outbox and dispatcher, a pinned clock (Wednesday 25 November 2026, 12:00 UTC).
import { describe, expect, it } from 'vitest';
import type { RegistryMetadata } from '../../core/contract/registry.ts';
import type { EventPayload } from '../../core/contract/events.ts';
import type { PersonSettings } from '../../core/contract/oncall.ts';
import type { Input, Output } from '../../core/contract/handlers.ts';
import type { Role } from '../../core/contract/roles.ts';
import { alertCore, MIN, T0, type AlertCore } from './alerts-helpers.ts';

const BLANK: RegistryMetadata = { owner: null, purpose: null, runbook: null, environment: null, criticality: null, tags: [], expectedSchedule: null };
const HOUR = 60 * MIN;
const WED = 3;

interface Team {
  c: AlertCore;
  paged: EventPayload<'oncall/paged'>[];
  incidentId(): number;
  timeline(kind?: string): string[];
}

/**
 * Olga owns this Flowdeck; Ana (shown as "Ana Lima") owns workflow w1; Bo is on duty on Wednesdays 09:00–17:00 UTC, Cy
 * from 17:00; Dee would be on duty all day but is disabled. Everyone has an email channel of their own.
 */
async function team(o: { severity?: 'critical' | 'warning'; escalateAfterMinutes?: number | null; shifts?: Input<'oncall/set-rota'>['shifts']; at?: number; prepare?: (c: AlertCore) => Promise<void> } = {}): Promise<Team> {
  const c = alertCore();
  const people: [string, string, Role][] = [['olga', 'Olga', 'owner'], ['ana', 'Ana Lima', 'operator'], ['bo', 'Bo', 'operator'], ['cy', 'Cy', 'viewer'], ['dee', 'Dee', 'operator']];
  for (const [login, displayName, role] of people) {
    const id = c.ledger.users.add({ login, displayName, role, passwordHash: 'not-used', createdAt: T0 - HOUR });
    if (login === 'dee') c.ledger.users.disable(id, T0 - HOUR);
    const mail = await c.call('alerts/save-channel', { kind: 'email', name: `${displayName} mail`, config: { smtpHost: '127.0.0.1', to: [`${login}@example.com`] } });
    await c.call('oncall/set-person-settings', { login, channelIds: [mail.channel.id] });
  }
  await c.call('oncall/set-rota', { shifts: o.shifts ?? [
    { login: 'bo', weekday: WED, startMinute: 9 * 60, endMinute: 17 * 60 },
    { login: 'cy', weekday: WED, startMinute: 17 * 60, endMinute: 23 * 60 },
    { login: 'dee', weekday: WED, startMinute: 0, endMinute: 1440 },
  ] });
  c.run('w1', 'failed');
  expect((await c.call('registry/save-metadata', { workflowId: c.workflowId('w1'), metadata: { ...BLANK, owner: 'ana lima' } })).ok).toBe(true);
  const paged: EventPayload<'oncall/paged'>[] = [];
  // Only pages about w1's incident (a clock moved ahead of the last poll also opens one about the connector).
  c.events.subscribe('oncall/paged', (p) => { if (p.title.includes('Workflow w1')) paged.push(p); });
  await o.prepare?.(c);
  // Saving the rule evaluates it: the incident opens (and pages) at once, at the clock's time.
  if (o.at !== undefined) c.clock.set(o.at);
  await c.rule({ severity: o.severity ?? 'warning', condition: { kind: 'any_failure', graceMinutes: 0 },
    routing: { channelIds: [], remindEveryMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30, escalateAfterMinutes: o.escalateAfterMinutes === undefined ? 10 : o.escalateAfterMinutes } });
  const incidentId = () => c.alerting.store.incidents.list('all', 10).find((i) => i.targetName === 'Workflow w1')!.id;
  return {
    c, paged, incidentId,
    timeline: (kind) => c.alerting.store.incidents.events(incidentId()).filter((e) => kind === undefined || e.kind === kind).map((e) => e.detail ?? ''),
  };
}

const QUIET_11_13 = { enabled: true, startMinute: 11 * 60, endMinute: 13 * 60, timezone: 'UTC' };

async function setBo(c: AlertCore, change: Partial<PersonSettings>): Promise<void> {
  const bo = (await c.call('oncall/get-person-settings', { login: 'BO' })).settings;
  await c.call('oncall/set-person-settings', { ...bo, ...change });
}

const who = (paged: EventPayload<'oncall/paged'>[]) => paged.map((p) => `${p.login}:${p.reason}`);
const mails = (c: AlertCore) => c.sent.map((s) => `${s.kind}:${s.channel}`);

describe('paging people when an incident opens', () => {
  it('pages the workflow owner first, then whoever is on duty, each on their own channels; never a disabled person', async () => {
    const { c, paged, incidentId, timeline } = await team();
    await c.step();
    expect(who(paged)).toEqual(['ana:workflow-owner', 'bo:on-duty']);
    expect(paged[0]).toMatchObject({ incidentId: incidentId(), route: `#/incidents/${incidentId()}`, title: expect.stringContaining('Workflow w1') });
    expect(mails(c)).toEqual(['opened:Ana Lima mail', 'opened:Bo mail']);
    expect(timeline('paged')).toEqual([
      'Paged Ana Lima (owns the workflow) on their desktop and 1 channel of theirs',
      'Paged Bo (on duty) on their desktop and 1 channel of theirs',
    ]);
    const audit = c.ledger.audit.list(undefined, 50).filter((e) => e.action === 'incident.paged');
    expect(audit.map((e) => (e.detail as { login: string }).login).sort()).toEqual(['ana', 'bo']);
    // One page per person: later evaluations page nobody again.
    await c.step(T0 + 5 * MIN);
    expect(paged).toHaveLength(2);
    c.close();
  });

  it('a person without desktop is paged on their channels only, with no oncall/paged event', async () => {
    const { c, paged } = await team({ prepare: (c) => setBo(c, { desktop: false }) });
    await c.step();
    expect(who(paged)).toEqual(['ana:workflow-owner']);
    expect(mails(c)).toContain('opened:Bo mail');
    c.close();
  });

  it('holds a page during the person\'s own quiet hours and sends it when they end, if still unacknowledged', async () => {
    // Bo's quiet hours: 12:30–14:00 in Berlin, which is 11:30–13:00 UTC.
    const { c, paged, timeline } = await team({ escalateAfterMinutes: null,
      prepare: (c) => setBo(c, { quietHours: { enabled: true, startMinute: 12 * 60 + 30, endMinute: 14 * 60, timezone: 'Europe/Berlin' } }) });
    await c.step();
    expect(who(paged)).toEqual(['ana:workflow-owner']);
    expect(mails(c)).toEqual(['opened:Ana Lima mail']);
    expect(timeline('page-held')).toEqual(['Bo (on duty) is in their quiet hours: paged at 14:00 (Europe/Berlin) if nobody has acknowledged by then']);
    await c.step(T0 + 59 * MIN);
    expect(paged).toHaveLength(1);
    await c.step(T0 + 60 * MIN);
    expect(who(paged)).toEqual(['ana:workflow-owner', 'bo:on-duty']);
    expect(mails(c)).toEqual(['opened:Ana Lima mail', 'opened:Bo mail']);
    c.close();
  });

  it('a held page is dropped once someone acknowledges', async () => {
    const { c, paged, incidentId } = await team({ escalateAfterMinutes: null, prepare: (c) => setBo(c, { quietHours: QUIET_11_13 }) });
    await c.step();
    await c.call('incidents/acknowledge-incident', { id: incidentId() }, 'Ana Lima');
    await c.step(T0 + 2 * HOUR);
    expect(who(paged)).toEqual(['ana:workflow-owner']);
    c.close();
  });

  it('critical incidents page a person in their quiet hours anyway', async () => {
    const { c, paged } = await team({ severity: 'critical', escalateAfterMinutes: null, prepare: (c) => setBo(c, { quietHours: QUIET_11_13 }) });
    await c.step();
    expect(who(paged)).toEqual(['ana:workflow-owner', 'bo:on-duty']);
    c.close();
  });

  it('follows the shift\'s own time zone at its boundary (a Tokyo morning shift is the UTC evening before)', async () => {
    // Thursday 00:00–08:00 in Tokyo is Wednesday 15:00–23:00 UTC.
    const shifts = [{ login: 'cy', weekday: WED + 1, startMinute: 0, endMinute: 8 * 60, timezone: 'Asia/Tokyo' }];
    const early = await team({ shifts, escalateAfterMinutes: null, at: T0 + 3 * HOUR - MIN });
    await early.c.step();
    expect(who(early.paged)).toEqual(['ana:workflow-owner']);
    early.c.close();
    const onTime = await team({ shifts, escalateAfterMinutes: null, at: T0 + 3 * HOUR });
    await onTime.c.step();
    expect(who(onTime.paged)).toEqual(['ana:workflow-owner', 'cy:on-duty']);
    onTime.c.close();
  });
});

describe('escalation while nobody acknowledges', () => {
  it('pages the next person on the rota after N minutes, then the owner after N more', async () => {
    const { c, paged, timeline } = await team();
    await c.step();
    await c.step(T0 + 9 * MIN);
    expect(paged).toHaveLength(2);
    await c.step(T0 + 10 * MIN);
    expect(who(paged)).toEqual(['ana:workflow-owner', 'bo:on-duty', 'cy:escalation']);
    expect(paged[2]!.body).toContain('Nobody acknowledged it within 10 min: you are next on the rota');
    expect(mails(c).at(-1)).toBe('escalated:Cy mail');
    await c.step(T0 + 19 * MIN);
    expect(paged).toHaveLength(3);
    await c.step(T0 + 20 * MIN);
    expect(who(paged).at(-1)).toBe('olga:owner');
    expect(timeline('paged').at(-1)).toBe('Paged Olga (owner of this Flowdeck) on their desktop and 1 channel of theirs');
    // The owner is the last step.
    await c.step(T0 + 3 * HOUR);
    expect(paged).toHaveLength(4);
    c.close();
  });

  it('acknowledging stops the escalation', async () => {
    const { c, paged, incidentId, timeline } = await team();
    await c.step();
    await c.step(T0 + 10 * MIN);
    expect(paged).toHaveLength(3);
    await c.call('incidents/acknowledge-incident', { id: incidentId() }, 'Cy');
    await c.step(T0 + 20 * MIN);
    await c.step(T0 + 2 * HOUR);
    expect(who(paged)).toEqual(['ana:workflow-owner', 'bo:on-duty', 'cy:escalation']);
    expect(timeline('acknowledged')).toHaveLength(1);
    c.close();
  });

  it('with nobody else on the rota, goes straight to the owner after N minutes', async () => {
    const { c, paged, timeline } = await team({ shifts: [{ login: 'bo', weekday: WED, startMinute: 9 * 60, endMinute: 17 * 60 }] });
    await c.step();
    await c.step(T0 + 10 * MIN);
    expect(who(paged)).toEqual(['ana:workflow-owner', 'bo:on-duty', 'olga:owner']);
    expect(timeline('escalation')).toEqual(['Nobody else is on the rota: escalating to the owner']);
    c.close();
  });

  it('a Flowdeck without people pages nobody and adds nothing to the timeline', async () => {
    const c = alertCore();
    const paged: unknown[] = [];
    c.events.subscribe('oncall/paged', (p) => paged.push(p));
    c.run('w1', 'failed');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 },
      routing: { channelIds: [], remindEveryMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30, escalateAfterMinutes: 10 } });
    await c.step(T0 + 30 * MIN);
    const kinds = c.alerting.store.incidents.events(c.alerting.store.incidents.list('all', 1)[0]!.id).map((e) => e.kind);
    expect(kinds.filter((k) => ['paged', 'page-held', 'escalation'].includes(k))).toEqual([]);
    expect(paged).toEqual([]);
    c.close();
  });

  it('a rule without an escalation time never escalates', async () => {
    const { c, paged } = await team({ escalateAfterMinutes: null });
    await c.step();
    await c.step(T0 + 5 * HOUR);
    expect(paged).toHaveLength(2);
    c.close();
  });
});

describe('the oncall/* methods', () => {
  it('says who is on duty now and next, in the rota\'s order', async () => {
    const { c } = await team();
    const duty = await c.call('oncall/list-on-duty', {});
    expect(duty.at).toBe(T0);
    // Dee is disabled: never listed.
    expect(duty.now.map((t) => [t.login, t.startsAt, t.endsAt])).toEqual([['bo', T0 - 3 * HOUR, T0 + 5 * HOUR]]);
    expect(duty.next.map((t) => t.login)).toEqual(['cy', 'bo']);
    c.close();
  });

  it('refuses a rota naming someone who does not sign in, or an unknown time zone, and audits a change', async () => {
    const { c } = await team();
    await expect(c.call('oncall/set-rota', { shifts: [{ login: 'zed', weekday: 1, startMinute: 0, endMinute: 60 }] })).rejects.toThrow(/nobody signs in as "zed"/);
    await expect(c.call('oncall/set-rota', { shifts: [{ login: 'bo', weekday: 1, startMinute: 0, endMinute: 60, timezone: 'Mars/Olympus' }] })).rejects.toThrow(/time zone/);
    const saved = await c.call('oncall/set-rota', { shifts: [{ login: 'BO', weekday: 1, startMinute: 0, endMinute: 60 }] }, 'Olga');
    expect(saved.shifts.map((s) => s.login)).toEqual(['bo']);
    const entry = c.ledger.audit.list(undefined, 5).find((e) => e.action === 'oncall.rota-updated');
    expect(entry?.actor).toBe('Olga');
    const rota = await c.call('oncall/get-rota', {});
    expect(rota.people.find((p) => p.login === 'dee')).toMatchObject({ disabled: true });
    c.close();
  });

  it('changing the rota or anyone\'s settings needs an Admin; reading needs only a Viewer', async () => {
    const { c } = await team();
    const as = (role: Role) => ({ actor: role, role });
    const set = await c.dispatcher.dispatch('oncall/set-rota', { shifts: [] }, as('operator'));
    expect(set.ok ? null : set.error.code).toBe('forbidden');
    const person = await c.dispatcher.dispatch('oncall/set-person-settings', { login: 'bo' }, as('operator'));
    expect(person.ok ? null : person.error.code).toBe('forbidden');
    expect((await c.dispatcher.dispatch('oncall/list-on-duty', {}, as('viewer'))).ok).toBe(true);
    expect((await c.dispatcher.dispatch('oncall/get-rota', {}, as('viewer'))).ok).toBe(true);
    c.close();
  });

  it('an Operator signed in as a person sets their own settings; a Viewer or a token cannot', async () => {
    const { c } = await team();
    const user = (login: string, role: Role) => ({ actor: login, role, actorId: `user:${c.ledger.users.byLogin(login)!.id}`, actorKind: 'user' as const });
    const asCy = user('cy', 'operator');
    const quiet = { enabled: true, startMinute: 20 * 60, endMinute: 8 * 60, timezone: 'Asia/Tokyo' };
    const mine = await c.dispatcher.dispatch('oncall/set-my-settings', { desktop: false, channelIds: [], quietHours: quiet }, asCy);
    expect(mine.ok ? (mine.output as Output<'oncall/set-my-settings'>).settings : mine.error).toEqual({ login: 'cy', desktop: false, channelIds: [], quietHours: quiet });
    const rota = await c.dispatcher.dispatch('oncall/get-rota', {}, asCy);
    expect(rota.ok && (rota.output as Output<'oncall/get-rota'>).me).toBe('cy');
    expect(c.ledger.audit.list(undefined, 5).find((e) => e.action === 'oncall.own-settings-updated')?.actor).toBe('cy');
    const viewer = await c.dispatcher.dispatch('oncall/set-my-settings', { desktop: true }, user('cy', 'viewer'));
    expect(viewer.ok ? null : viewer.error.code).toBe('forbidden');
    const token = await c.dispatcher.dispatch('oncall/set-my-settings', { desktop: true }, { actor: 'wall', role: 'operator', actorId: 'token:wall', actorKind: 'token' });
    expect(token.ok ? null : token.error.message).toMatch(/Only a person signed in with their own login/);
    c.close();
  });
});
