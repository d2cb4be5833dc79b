import { systemActor } from '../contract/actor.ts';
import type { AlertRule } from '../contract/alerts.ts';
import type { EventPayload } from '../contract/events.ts';
import type { PageReason, PersonSettings } from '../contract/oncall.ts';
import type { NotificationMessage } from '../platform/notify/types.ts';
import type { IncidentRecord } from '../store/incidents-repo.ts';
import type { Ledger } from '../store/ledger.ts';
import { mayNotify, quietWindowUntil, SYSTEM_ACTOR, type IncidentPaging, type PagingContext } from '../alerts/index.ts';
import type { Outbox } from '../notify/index.ts';
import { personByLogin, personNamed, type PeopleSource, type Person } from './people.ts';
import { onDuty, upcoming } from './rota.ts';

const MINUTE = 60_000;

export interface PagerDeps {
  ledger: Pick<Ledger, 'oncall' | 'oncallPages' | 'incidents' | 'alertFacts' | 'audit'>;
  outbox: Pick<Outbox, 'enqueue'>;
  people: PeopleSource;
  /** Announces one page (the `oncall/paged` event): attached desktops signed in as `login` raise a notification. */
  paged: (payload: EventPayload<'oncall/paged'>) => void;
}

const WHY: Record<PageReason, string> = {
  'workflow-owner': 'owns the workflow',
  'on-duty': 'on duty',
  escalation: 'next on the rota',
  owner: 'owner of this Flowdeck',
};

function clockTime(at: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** The incident's console page (what a desktop notification opens). */
export const incidentRoute = (incidentId: number) => `#/incidents/${incidentId}`;

/**
 * Pages people about incidents. When an incident's first notification goes out: the workflow's owner (its registry owner,
 * matched to a person by login or display name), then everyone on duty now. While nobody acknowledges: after the rule's
 * escalation time the next person on the rota, and after as long again the owners. Each person is paged on their own
 * channels through the outbox and on attached desktops, within their own quiet hours (critical incidents page anyway; a
 * held page goes out when the quiet hours end, if the incident is still unacknowledged). Every page is on the incident's
 * timeline and in the audit log.
 */
export function createPager(deps: PagerDeps): IncidentPaging {
  const { ledger, outbox, people } = deps;
  const { incidents, oncallPages: pages } = ledger;
  let pending: EventPayload<'oncall/paged'>[] = [];

  const settingsOf = (login: string): PersonSettings => ledger.oncall.getPerson(login);
  const active = () => people.list().filter((p) => !p.disabled);

  /** Sends one page now: the person's channels (not those already queued), their desktops, the timeline and the audit. */
  const deliver = (i: IncidentRecord, person: Person, s: PersonSettings, reason: PageReason, message: NotificationMessage, skip: ReadonlySet<number>, now: number) => {
    const channels = s.channelIds.filter((id) => !skip.has(id));
    const n = outbox.enqueue(channels, i.id, message);
    if (s.desktop) pending.push({ incidentId: i.id, login: person.login, reason, title: message.title, body: message.text, route: incidentRoute(i.id) });
    const routes = [...(s.desktop ? ['their desktop'] : []), ...(n ? [`${n} channel${n > 1 ? 's' : ''} of theirs`] : [])];
    const also = skip.size && s.channelIds.some((id) => skip.has(id)) ? ' (their channel was already notified for this rule)' : '';
    incidents.addEvent(i.id, 'paged', null, routes.length
      ? `Paged ${person.displayName} (${WHY[reason]}) on ${routes.join(' and ')}${also}`
      : `${person.displayName} (${WHY[reason]}) has no way to be paged${also}: set their channels in Settings, On duty`, now);
    ledger.audit.append({ ...systemActor(SYSTEM_ACTOR), action: 'incident.paged', target: `incident:${i.id}`,
      detail: { login: person.login, reason, channels: n, desktop: s.desktop } }, now);
  };

  /** Pages one person, or holds the page until their quiet hours end. Returns whether they were paged now. */
  const page = (i: IncidentRecord, person: Person, reason: PageReason, step: number, message: NotificationMessage, skip: ReadonlySet<number>, now: number) => {
    const s = settingsOf(person.login);
    const quietUntil = i.severity === 'critical' ? null : quietWindowUntil(s.quietHours, now);
    if (quietUntil !== null) {
      pages.add({ incidentId: i.id, login: person.login, reason, step, status: 'held', heldUntil: quietUntil, at: now });
      incidents.addEvent(i.id, 'page-held', null, `${person.displayName} (${WHY[reason]}) is in their quiet hours: paged at ` +
        `${clockTime(quietUntil, s.quietHours.timezone)} (${s.quietHours.timezone}) if nobody has acknowledged by then`, now);
      return false;
    }
    deliver(i, person, s, reason, message, skip, now);
    pages.add({ incidentId: i.id, login: person.login, reason, step, status: 'paged', heldUntil: null, at: now });
    return true;
  };

  const mayPage = (i: IncidentRecord, rule: AlertRule, ctx: PagingContext) =>
    mayNotify({ settings: ctx.settings, ruleMuted: rule.muted, workflowId: i.workflowId, severity: i.severity, snoozedUntil: i.snoozedUntil }, ctx.now).send;

  /** Step 1: the next person on the rota not paged yet: on duty now (a shift that began since), else whose turn comes soonest. */
  const escalateToNext = (i: IncidentRecord, rule: AlertRule, everyone: Person[], ctx: PagingContext, minutes: number): number | null => {
    const already = new Set(pages.forIncident(i.id).map((p) => p.login.toLowerCase()));
    const shifts = ledger.oncall.listShifts();
    for (const turn of [...onDuty(shifts, ctx.now), ...upcoming(shifts, ctx.now)]) {
      const person = personByLogin(turn.shift.login, everyone);
      if (!person || already.has(person.login.toLowerCase())) continue;
      const message = ctx.message('escalated', rule, i, `Nobody acknowledged it within ${minutes} min: you are next on the rota`);
      return page(i, person, 'escalation', 1, message, new Set(), ctx.now) ? 1 : 0;
    }
    return null;
  };

  /** Step 2: every owner of this Flowdeck. */
  const escalateToOwners = (i: IncidentRecord, rule: AlertRule, everyone: Person[], ctx: PagingContext, minutes: number): number => {
    const owners = everyone.filter((p) => p.role === 'owner');
    if (!owners.length) incidents.addEvent(i.id, 'escalation', null, 'Nobody acknowledged it, and there is no owner to escalate to', ctx.now);
    const message = ctx.message('escalated', rule, i, `Nobody acknowledged it within ${minutes} min: escalated to the owner`);
    return owners.filter((o) => page(i, o, 'owner', 2, message, new Set(), ctx.now)).length;
  };

  return {
    opened(i, rule, message, queuedChannels, now) {
      if (pages.steps(i.id).has(0)) return;
      const everyone = active();
      if (!everyone.length) return;
      pages.markStep(i.id, 0, now);
      const skip = new Set(queuedChannels);
      const chosen: { person: Person; reason: PageReason }[] = [];
      const add = (person: Person | null, reason: PageReason) => {
        if (person && !chosen.some((c) => c.person.login.toLowerCase() === person.login.toLowerCase())) chosen.push({ person, reason });
      };
      if (i.workflowId !== null) add(personNamed(ledger.alertFacts.ownerOf(i.workflowId), everyone), 'workflow-owner');
      for (const turn of onDuty(ledger.oncall.listShifts(), now)) add(personByLogin(turn.shift.login, everyone), 'on-duty');
      if (!chosen.length) {
        incidents.addEvent(i.id, 'paged', null, 'Nobody was paged: no one owns the workflow or is on duty now (Settings, On duty)', now);
        return;
      }
      for (const c of chosen) page(i, c.person, c.reason, 0, message, skip, now);
    },

    tick(ctx) {
      const { now } = ctx;
      let paged = 0;
      const everyone = active();
      // A Flowdeck without people (the desktop app on its own) pages nobody and says nothing about it.
      if (!everyone.length) return 0;
      for (const held of pages.heldDue(now)) {
        const i = incidents.get(held.incidentId);
        const rule = i && ctx.rules.get(i.ruleId);
        const person = personByLogin(held.login, everyone);
        if (!i || !rule || !person || !mayPage(i, rule, ctx)) continue;
        const message = ctx.message(held.step === 0 ? 'opened' : 'escalated', rule, i, held.step === 0 ? undefined : 'Nobody has acknowledged it yet');
        deliver(i, person, settingsOf(person.login), held.reason, message, new Set(), now);
        pages.markPaged(held.id, now);
        paged++;
      }
      for (const e of pages.escalating()) {
        const i = incidents.get(e.incidentId);
        const rule = i && ctx.rules.get(i.ruleId);
        const minutes = rule?.routing.escalateAfterMinutes ?? null;
        if (!i || !rule || minutes === null || now - e.lastAt < minutes * MINUTE || !mayPage(i, rule, ctx)) continue;
        if (e.lastStep === 0) {
          const next = escalateToNext(i, rule, everyone, ctx, minutes);
          pages.markStep(i.id, 1, now);
          if (next !== null) {
            paged += next;
            continue;
          }
          incidents.addEvent(i.id, 'escalation', null, 'Nobody else is on the rota: escalating to the owner', now);
        }
        paged += escalateToOwners(i, rule, everyone, ctx, e.lastStep === 0 ? minutes : 2 * minutes);
        pages.markStep(i.id, 2, now);
      }
      return paged;
    },

    flush() {
      const out = pending;
      pending = [];
      for (const p of out) deps.paged(p);
    },
  };
}
