import { systemActor } from '../contract/actor.ts';
import type { DigestSettings } from '../contract/reports.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { NotificationMessage } from '../platform/notify/types.ts';
import type { Ledger } from '../store/ledger.ts';
import type { Timers, TimerHandle } from '../sync/timers.ts';
import type { SlaContext } from '../monitoring/index.ts';
import { localParts, zonedTime } from './period.ts';
import { buildReport } from './report.ts';
import { reportCsv, reportHtml, reportText } from './render.ts';

const HOUR = 3_600_000;
/** The scheduler looks again at least this often (settings may change; a sleeping laptop wakes late). */
export const DIGEST_RECHECK_MS = HOUR;
/** A digest more than this late (Flowdeck was off) is skipped; the next one comes at its own time. */
export const DIGEST_STALE_MS = 12 * HOUR;

type Schedule = Pick<DigestSettings, 'cadence' | 'hour' | 'weekday' | 'timezone'>;

/** The send times around `t`: each local day's `hour` o'clock (on `weekday` for weekly), DST-correct. */
function slots(s: Schedule, t: number, daysBack: number, daysAhead: number): number[] {
  const p = localParts(t, s.timezone);
  const out: number[] = [];
  for (let k = -daysBack; k <= daysAhead; k++) {
    const at = zonedTime(s.timezone, p.year, p.month, p.day + k, s.hour);
    if (s.cadence === 'weekly' && localParts(at, s.timezone).weekday !== s.weekday) continue;
    out.push(at);
  }
  return out;
}

/** The latest send time at or before `now`; null when off. */
export function lastSlot(s: Schedule, now: number): number | null {
  if (s.cadence === 'off') return null;
  const past = slots(s, now, 8, 0).filter((t) => t <= now);
  return past.length ? past[past.length - 1]! : null;
}

/** The first send time after `now`; null when off. */
export function nextSlot(s: Schedule, now: number): number | null {
  if (s.cadence === 'off') return null;
  return slots(s, now, 0, 8).find((t) => t > now) ?? null;
}

export interface DigestDeps {
  ledger: Ledger;
  clock: Clock;
  logger: Logger;
  /** The alerting outbox: the digest is delivered, retried and recorded like any notification. */
  enqueue: (channelIds: readonly number[], message: NotificationMessage) => number;
  /** The SLA expectations (null: the report leaves SLA out). */
  sla: (now: number) => SlaContext | null;
  /** Where the console is, for the link in the email (serve mode); null on the desktop. */
  link?: () => string | null;
}

/** The email channels among a person's own channels (On duty), enabled ones only. */
export function emailChannels(ledger: Pick<Ledger, 'oncall' | 'alertRules'>, login: string): { id: number; name: string }[] {
  return ledger.oncall.getPerson(login).channelIds.flatMap((id) => {
    const c = ledger.alertRules.getChannel(id);
    return c && c.kind === 'email' && c.enabled ? [{ id: c.id, name: c.name }] : [];
  });
}

/** The message one person's digest sends for the slot at `slot`: yesterday's or last week's report in their zone. */
export function digestMessage(deps: Pick<DigestDeps, 'ledger' | 'sla' | 'link'>, s: Schedule, slot: number): NotificationMessage {
  const report = buildReport(deps.ledger, { period: s.cadence === 'weekly' ? 'week' : 'day', offset: -1 }, s.timezone, slot, deps.sla(slot));
  const link = deps.link?.() ?? null;
  return {
    kind: 'digest', incidentId: null, severity: 'info', at: slot,
    title: `${s.cadence === 'weekly' ? 'Weekly' : 'Daily'} report: ${report.label}`,
    text: reportText(report), url: link, html: reportHtml(report, link),
    attachments: [{ filename: `flowdeck-report-${new Date(report.from).toISOString().slice(0, 10)}.csv`, content: reportCsv(report), contentType: 'text/csv' }],
  };
}

/**
 * One pass: every person whose digest is due (its latest send time is past and not yet sent) gets it in the outbox,
 * recorded in the audit log. Returns the logins sent to.
 */
export function sendDueDigests(deps: DigestDeps): string[] {
  const { ledger, clock } = deps;
  const now = clock.now();
  const sent: string[] = [];
  for (const d of ledger.digests.listOn()) {
    const slot = lastSlot(d, now);
    if (slot === null || (d.lastSlot !== null && slot <= d.lastSlot)) continue;
    const user = ledger.users.byLogin(d.login);
    const channels = emailChannels(ledger, d.login);
    const stale = now - slot > DIGEST_STALE_MS;
    ledger.write(() => {
      ledger.digests.markSent(d.login, slot, now);
      if (stale || !user || user.disabledAt !== null || !channels.length) return;
      const message = digestMessage(deps, d, slot);
      const n = deps.enqueue(channels.map((c) => c.id), message);
      ledger.audit.append({ ...systemActor('digest'), action: 'reports.digest-sent', target: `person:${d.login}`,
        detail: { cadence: d.cadence, slot, channels: channels.map((c) => c.id), queued: n } }, now);
      sent.push(d.login);
    });
  }
  if (sent.length) deps.logger.info('digests queued', { people: sent.length });
  return sent;
}

export interface DigestSchedule {
  /** Look again now (after settings changed). */
  reschedule(): void;
  stop(): void;
}

/** Sends each digest at its time from the core's own timers: wakes at the next send time (at least hourly). */
export function startDigestSchedule(deps: DigestDeps & { timers: Timers; sent?: (logins: string[]) => void }): DigestSchedule {
  let handle: TimerHandle | null = null;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    if (handle !== null) deps.timers.clear(handle);
    const now = deps.clock.now();
    const next = Math.min(now + DIGEST_RECHECK_MS, ...deps.ledger.digests.listOn().map((d) => nextSlot(d, now) ?? Infinity));
    handle = deps.timers.set(() => {
      handle = null;
      try {
        const logins = sendDueDigests(deps);
        if (logins.length) deps.sent?.(logins);
      } catch (error) {
        deps.logger.warn('digest pass failed', { error: error instanceof Error ? error.message : String(error) });
      }
      arm();
    }, Math.max(0, next - now));
  };
  arm();
  return {
    reschedule: arm,
    stop: () => {
      stopped = true;
      if (handle !== null) deps.timers.clear(handle);
      handle = null;
    },
  };
}
