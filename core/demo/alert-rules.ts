import { systemActor } from '../contract/actor.ts';
import type { Core } from '../app.ts';

/** The part of the core this module uses (a narrow view; core/app.ts builds the whole). */
type HostCore = Pick<Core, 'alerting' | 'ledger'>;

const ACTOR = 'flowdeck (demo)';

/**
 * The demo's starting rules: any failure anywhere, and a missed-run monitor on the hourly supplier sync that
 * silently stopped three days ago. Both notify "This computer" (the console's own notifications).
 */
export function seedDemoRules(core: HostCore, now: number): { rules: number } {
  const { store } = core.alerting;
  const desk = store.rules.saveChannel({ kind: 'desktop', name: 'This computer', enabled: true, config: {} }, now);
  const routing = { channelIds: [desk.id], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 };
  const rules = [
    store.rules.saveRule(undefined, { name: 'Any failure', enabled: true, muted: false, severity: 'warning', scope: { kind: 'all' },
      condition: { kind: 'any_failure', graceMinutes: 10 }, routing }, now),
  ];
  const inventory = core.ledger.workflows.list('demo-n8n').find((w) => w.externalId === '41');
  if (inventory) {
    rules.push(store.rules.saveRule(undefined, { name: 'Missed run', enabled: true, muted: false, severity: 'critical',
      scope: { kind: 'workflow', workflowId: inventory.id }, condition: { kind: 'missed_run', schedule: { kind: 'interval', everyMinutes: 60 }, graceMinutes: 15 },
      routing }, now));
  }
  for (const r of rules) core.ledger.audit.append({ ...systemActor(ACTOR), action: 'rule.created', target: `rule:${r.id}`, detail: { after: r } }, now);
  core.alerting.engine.evaluate(now);
  return { rules: rules.length };
}
