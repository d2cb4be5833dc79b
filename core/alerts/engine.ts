import { systemActor } from '../contract/actor.ts';
import type { AlertRule, AlertSettings } from '../contract/alerts.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { AuditRepo } from '../store/audit-repo.ts';
import type { IncidentRecord } from '../store/incidents-repo.ts';
import type { RunsRepo } from '../store/runs-repo.ts';
import type { Outbox } from '../notify/index.ts';
import { evaluateRule, lookbackMs } from './evaluate.ts';
import { decide, dueReminder, SYSTEM } from './incidents.ts';
import { incidentMessage } from './messages.ts';
import { ownerChannelIds } from './owner-routing.ts';
import { mayNotify } from './policy.ts';
import type { RemediationOutcome, Remediator } from './remediation.ts';
import type { AlertStore } from './store.ts';
import type { Finding, IncidentPaging, PagingContext, UsageFacts } from './types.ts';
import type { ListStatesOutput } from '../contract/states.ts';
import { rank, withSeverity } from './severity.ts';

const HOUR = 3_600_000;
export const SYSTEM_ACTOR = SYSTEM;
export const BREAKER_ACTOR = 'flowdeck (breaker)';

export interface EngineDeps {
  store: AlertStore;
  runs: RunsRepo;
  audit: AuditRepo;
  outbox: Outbox;
  remediator: Remediator;
  clock: Clock;
  logger: Logger;
  /** The incidents tables changed (the core emits ledger/changed). */
  changed: () => void;
  /** The live state per workflow (core/state): missed runs, switch-offs and blindness are read from it. */
  states?: { list(now: number): ListStatesOutput };
  /** Pages people (core/oncall/): the workflow's owner and who is on duty, then escalation along the rota. */
  paging?: IncidentPaging;
  /** Usage against the plan (core/usage/): read only when a usage rule is enabled. */
  usage?: { facts(now: number): UsageFacts };
  /**
   * The system map (core/registry/, issue 19): the workflows a workflow's input comes from. A failure that opens within
   * `windowMs` of an open incident upstream is grouped with it: recorded on both timelines, and not paged again.
   */
  cascade?: { upstreamOf(workflowId: number): number[]; windowMs: number };
}

export const CASCADE_ACTOR = 'flowdeck (cascade)';

export interface EvalSummary {
  opened: number;
  reopened: number;
  resolved: number;
  notified: number;
}

/** Runs the pure rules over a fresh snapshot and applies the outcome: incidents, timeline, audit, outbox. */
export class AlertEngine {
  private readonly deps: EngineDeps;
  private readonly pending = new Set<Promise<void>>();

  constructor(deps: EngineDeps) {
    this.deps = deps;
  }

  /** Waits for breaker actions started by earlier evaluations. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  evaluate(now = this.deps.clock.now()): EvalSummary {
    const { store } = this.deps;
    const summary: EvalSummary = { opened: 0, reopened: 0, resolved: 0, notified: 0 };
    const rules = store.rules.listRules().filter((r) => r.enabled);
    if (!rules.length) return summary;
    const settings = store.readSettings();
    const snap = store.facts.snapshot({
      now,
      from: now - Math.max(24 * HOUR, ...rules.map((r) => lookbackMs(r.condition))),
      lastRuns: Math.max(20, ...rules.map((r) => (r.condition.kind === 'consecutive_failures' ? r.condition.count : 0))),
      p95: rules.some((r) => r.condition.kind === 'duration' && r.condition.p95Factor !== null),
    });
    const live = this.deps.states?.list(now);
    if (live) snap.live = { states: new Map(live.workflows.map((s) => [s.workflowId, s])), causes: live.causes };
    if (this.deps.usage && rules.some((r) => r.condition.kind === 'usage_forecast' || r.condition.kind === 'usage_runaway')) snap.usage = this.deps.usage.facts(now);
    const latest = new Map<string, IncidentRecord>();
    for (const i of store.incidents.current(now - 24 * HOUR)) latest.set(`${i.ruleId}|${i.target}`, i);
    const breakers: { rule: AlertRule; incident: IncidentRecord }[] = [];
    store.write(() => {
      for (const rule of rules) {
        const findings = new Map(evaluateRule(rule, snap, now).map((f) => [f.target, withSeverity(f, snap.live?.states)]));
        const targets = new Set([...findings.keys(), ...[...latest.values()].filter((i) => i.ruleId === rule.id).map((i) => i.target)]);
        for (const target of targets) {
          const opened = this.apply(rule, latest.get(`${rule.id}|${target}`) ?? null, findings.get(target) ?? null, settings, now, summary);
          if (opened && rule.condition.kind === 'breaker') breakers.push({ rule, incident: opened });
        }
      }
      const byId = new Map(rules.map((r) => [r.id, r]));
      this.remind(byId, settings, now, summary);
      if (this.deps.paging) summary.notified += this.deps.paging.tick(this.pagingContext(byId, settings, now));
    });
    this.deps.paging?.flush();
    for (const b of breakers) this.track(this.trip(b.rule, b.incident, settings));
    if (summary.opened + summary.reopened + summary.resolved + summary.notified > 0) this.deps.changed();
    return summary;
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private ownerChannels(workflowId: number | null): number[] {
    if (workflowId === null) return [];
    const { store } = this.deps;
    const owner = store.facts.ownerOf(workflowId);
    return owner ? ownerChannelIds(owner, store.rules.listChannels()) : [];
  }

  private pagingContext(rules: ReadonlyMap<number, AlertRule>, settings: AlertSettings, now: number): PagingContext {
    return { now, settings, rules, message: (kind, rule, i, extra) => incidentMessage(kind, rule, i, this.url(i), now, extra) };
  }

  private url(i: IncidentRecord): string | null {
    const last = i.runIds.at(-1);
    return last ? this.deps.runs.get(last)?.deepLink ?? null : null;
  }

  /** Queues a notification unless policy holds it back; returns whether it went to the outbox. */
  notify(rule: AlertRule, i: IncidentRecord, kind: 'opened' | 'reminder' | 'escalated' | 'resolved' | 'paused', settings: AlertSettings, now: number, extra?: string, recordHeld = true): boolean {
    const { store, outbox } = this.deps;
    const verdict = mayNotify({ settings, ruleMuted: rule.muted, workflowId: i.workflowId, severity: i.severity, snoozedUntil: kind === 'paused' ? null : i.snoozedUntil }, now);
    if (!verdict.send) {
      if (recordHeld && (kind === 'opened' || kind === 'paused')) store.incidents.addEvent(i.id, 'held', null, `Notification held: ${verdict.reason}`, now);
      return false;
    }
    // The workflow's registry owner also hears about it (not the escalation, which goes to the backup channels).
    const channels = kind === 'escalated' ? rule.routing.backupChannelIds : [...rule.routing.channelIds, ...this.ownerChannels(i.workflowId)];
    const message = incidentMessage(kind, rule, i, this.url(i), now, extra);
    const n = outbox.enqueue(channels, i.id, message);
    store.incidents.addEvent(i.id, `notified:${kind}`, null, n ? `Queued for ${n} channel${n > 1 ? 's' : ''}` : 'No channel is routed for this rule', now);
    // People are paged too: the workflow's owner and whoever is on duty (core/oncall/), each on their own channels.
    if (kind === 'opened') this.deps.paging?.opened(i, rule, message, channels, now);
    return true;
  }

  private apply(rule: AlertRule, latest: IncidentRecord | null, f: Finding | null, settings: AlertSettings, now: number, summary: EvalSummary): IncidentRecord | null {
    const { incidents } = this.deps.store;
    const t = decide(latest, f, rule.routing, now);
    const audit = (action: string, i: IncidentRecord) =>
      this.deps.audit.append({ ...systemActor(SYSTEM_ACTOR), action, target: `incident:${i.id}`, detail: { rule: rule.name, target: i.targetName, summary: i.summary } }, now);
    switch (t.kind) {
      case 'open': {
        const id = incidents.open({ ruleId: rule.id, target: f!.target, targetName: f!.targetName, workflowId: f!.workflowId, connectorId: f!.connectorId,
          severity: f!.severity, summary: f!.summary, runIds: f!.runIds }, now);
        incidents.addEvent(id, 'opened', null, f!.summary, now);
        const i = incidents.get(id)!;
        audit('incident.opened', i);
        summary.opened++;
        const parent = this.cascadeParent(i, now);
        if (parent) {
          const minutes = Math.round((now - parent.openedAt) / 60_000);
          incidents.update(id, { status: 'acknowledged', lastNotifiedAt: now, acknowledgedAt: now, acknowledgedBy: CASCADE_ACTOR }, now);
          incidents.addEvent(id, 'grouped', CASCADE_ACTOR, `Part of a cascade: its input comes from ${parent.targetName}, whose incident #${parent.id} opened ${minutes} min earlier. Not paged again.`, now);
          incidents.addEvent(parent.id, 'cascade', CASCADE_ACTOR, `${i.targetName} failed downstream ${minutes} min later (incident #${id}, grouped here).`, now);
          return incidents.get(id)!;
        }
        if (this.notify(rule, i, 'opened', settings, now)) {
          incidents.update(id, { lastNotifiedAt: now }, now);
          summary.notified++;
        }
        return i;
      }
      case 'reopen':
        incidents.update(latest!.id, { status: 'open', resolvedAt: null, resolvedBy: null, acknowledgedAt: null, acknowledgedBy: null,
          clearSince: null, flaps: latest!.flaps + 1, summary: f!.summary, runIds: f!.runIds }, now);
        incidents.addEvent(latest!.id, 'reopened', null, `${f!.summary} (came back within ${rule.routing.flapMinutes} min: flapping, not notified again)`, now);
        audit('incident.reopened', latest!);
        summary.reopened++;
        return null;
      case 'update':
        if (latest!.clearSince !== null) incidents.addEvent(latest!.id, 'recurred', null, f!.summary, now);
        if (latest!.clearSince !== null || latest!.summary !== f!.summary || latest!.runIds.join() !== f!.runIds.join()) {
          incidents.update(latest!.id, { clearSince: null, summary: f!.summary, runIds: f!.runIds }, now);
        }
        if (rank(f!.severity) < rank(latest!.severity)) {
          incidents.update(latest!.id, { severity: f!.severity }, now);
          incidents.addEvent(latest!.id, 'severity', null, `Raised to ${f!.severity}: ${f!.severityReason ?? 'the condition got worse'}`, now);
        }
        return null;
      case 'clearing':
        incidents.update(latest!.id, { clearSince: now }, now);
        incidents.addEvent(latest!.id, 'clearing', null, `Condition cleared; resolves after ${rule.routing.recoveryMinutes} min without recurrence`, now);
        return null;
      case 'resolve': {
        incidents.update(latest!.id, { status: 'resolved', resolvedAt: now, resolvedBy: SYSTEM_ACTOR, clearSince: null }, now);
        incidents.addEvent(latest!.id, 'resolved', SYSTEM_ACTOR, 'The condition cleared', now);
        const i = incidents.get(latest!.id)!;
        audit('incident.resolved', i);
        summary.resolved++;
        // A flapping incident told its owner once that it resolved; it does not repeat that at every flap.
        if (latest!.lastNotifiedAt !== null && latest!.flaps === 0 && this.notify(rule, i, 'resolved', settings, now)) summary.notified++;
        return null;
      }
      case 'none':
        return null;
    }
  }

  /** The earliest open incident upstream of this one's workflow within the cascade window, if any. */
  private cascadeParent(i: IncidentRecord, now: number): IncidentRecord | null {
    const c = this.deps.cascade;
    if (!c || i.workflowId === null) return null;
    const upstream = new Set(c.upstreamOf(i.workflowId));
    if (!upstream.size) return null;
    return this.deps.store.incidents.list('active', 1000)
      .filter((p) => p.id !== i.id && p.workflowId !== null && upstream.has(p.workflowId) && p.openedAt <= now && now - p.openedAt <= c.windowMs)
      .sort((a, b) => a.openedAt - b.openedAt || a.id - b.id)[0] ?? null;
  }

  private remind(rules: Map<number, AlertRule>, settings: AlertSettings, now: number, summary: EvalSummary): void {
    const { incidents } = this.deps.store;
    for (const i of incidents.list('active', 100_000)) {
      const rule = rules.get(i.ruleId);
      if (!rule) continue;
      if (i.status === 'open' && i.lastNotifiedAt === null) {
        // Held when it opened (quiet hours, maintenance, mute, snooze): it goes out once the hold ends.
        if (this.notify(rule, i, 'opened', settings, now, undefined, false)) {
          incidents.update(i.id, { lastNotifiedAt: now }, now);
          summary.notified++;
        }
        continue;
      }
      const due = dueReminder(i, rule.routing, now);
      if (!due) continue;
      const kind = due.kind === 'escalate' ? 'escalated' : 'reminder';
      if (!this.notify(rule, i, kind, settings, now)) continue;
      summary.notified++;
      incidents.update(i.id, due.kind === 'escalate' ? { escalatedAt: now, lastNotifiedAt: now } : { reminders: i.reminders + 1, lastNotifiedAt: now }, now);
    }
  }

  /** Breaker: pause the workflow on the vendor, audit it, tell the owner. */
  private async trip(rule: AlertRule, i: IncidentRecord, settings: AlertSettings): Promise<void> {
    const { store, remediator, audit, clock, logger } = this.deps;
    if (i.workflowId === null) return;
    const by = systemActor(BREAKER_ACTOR);
    let outcome: RemediationOutcome;
    try {
      outcome = await remediator.deactivateWorkflow(i.workflowId, by);
    } catch (error) {
      outcome = { ok: false, message: (error as Error).message };
    }
    const now = clock.now();
    // The control action audits the vendor call itself; this entry ties it to the incident and the rule.
    audit.append({ ...by, action: outcome.ok ? 'incident.breaker-tripped' : 'incident.breaker-failed', target: `incident:${i.id}`,
      detail: { rule: rule.name, workflowId: i.workflowId, message: outcome.message } }, now);
    store.incidents.addEvent(i.id, outcome.ok ? 'paused' : 'pause-failed', by.actor, outcome.message, now);
    if (outcome.ok) this.notify(rule, store.incidents.get(i.id)!, 'paused', settings, now, `Flowdeck paused the workflow: ${outcome.message}`);
    else logger.warn('breaker could not pause the workflow', { workflow: i.workflowId, reason: outcome.message });
    this.deps.changed();
  }
}
