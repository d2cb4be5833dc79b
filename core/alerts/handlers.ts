import { auditActorOf } from '../contract/actor.ts';
import { CoreError } from '../contract/errors.ts';
import { SecretStoreUnavailable } from '../platform/secrets/types.ts';
import type { CallContext, Handlers } from '../contract/handlers.ts';
import type { NotifyChannel, RuleDraft } from '../contract/alerts.ts';
import type { ChannelRecord } from '../store/alerts-repo.ts';
import type { Ledger } from '../store/ledger.ts';
import { testMessage } from './messages.ts';
import { previewRule } from './preview.ts';
import { lookbackMs } from './evaluate.ts';
import type { Alerting } from './service.ts';
import { muteStatus } from './mute-status.ts';
import { checkChannel, checkNotDuplicate, checkRule, checkSettings } from './validate.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

type AlertHandlerNames = 'alerts/list-rules' | 'alerts/check-rule' | 'alerts/save-rule' | 'alerts/delete-rule' | 'alerts/preview-rule' | 'alerts/list-channels' |
  'alerts/save-channel' | 'alerts/delete-channel' | 'alerts/test-channel' | 'alerts/get-settings' | 'alerts/save-settings' | 'alerts/get-mute-status';

const publicChannel = ({ secretRef: _ref, ...c }: ChannelRecord): NotifyChannel => c;

export function alertHandlers(ledger: Ledger, alerting: Alerting): Pick<Handlers, AlertHandlerNames> {
  const { store, outbox, engine, secrets } = alerting;
  const now = () => alerting.clock.now();
  const exists = {
    workflow: (id: number) => ledger.workflows.list().some((w) => w.id === id),
    channel: (id: number) => store.rules.getChannel(id) !== undefined,
  };
  /** What saving `rule` under `id` would replace; throws the field-named error that stops it. */
  const validRule = (id: number | undefined, rule: RuleDraft) => {
    const before = id === undefined ? null : store.rules.getRule(id);
    if (id !== undefined && !before) throw new CoreError({ kind: 'validation', code: 'not_found', message: 'id: this rule no longer exists.', field: 'id' });
    checkRule(rule, exists);
    checkNotDuplicate(rule, store.rules.listRules(), id);
    return before;
  };
  /** Every change is audited and announced (other windows refetch). */
  const audited = (ctx: CallContext, action: string, target: string, detail: unknown) => {
    ledger.audit.append({ ...auditActorOf(ctx), action, target, detail }, now());
    alerting.changed();
  };
  return {
    'alerts/list-rules': async () => ({ items: store.rules.listRules() }),
    'alerts/check-rule': async ({ id, rule }) => {
      validRule(id, rule);
      return { ok: true };
    },
    'alerts/save-rule': async ({ id, rule }, ctx) => {
      const before = validRule(id, rule);
      const saved = store.rules.saveRule(id, rule, now());
      audited(ctx, id === undefined ? 'rule.created' : 'rule.updated', `rule:${saved.id}`, { before, after: rule });
      engine.evaluate();
      return { rule: saved };
    },
    'alerts/delete-rule': async ({ id }, ctx) => {
      const before = store.rules.getRule(id);
      const deleted = store.rules.deleteRule(id);
      if (deleted) audited(ctx, 'rule.deleted', `rule:${id}`, { before });
      return { deleted };
    },
    'alerts/preview-rule': async ({ rule, days }) => {
      checkRule(rule, exists);
      const t = now();
      const from = t - days * DAY;
      const snap = store.facts.snapshot({ now: t, from: from - Math.max(DAY, lookbackMs(rule.condition)), lastRuns: 20, p95: rule.condition.kind === 'duration' });
      const step = rule.condition.kind === 'missed_run' ? 5 * MINUTE : 15 * MINUTE;
      return previewRule({ ...rule, id: 0 }, snap, from, t, step);
    },
    'alerts/list-channels': async () => ({ items: store.rules.listChannels().map(publicChannel) }),
    'alerts/save-channel': async (d, ctx) => {
      const before = d.id === undefined ? undefined : store.rules.getChannel(d.id);
      if (d.id !== undefined && !before) throw new CoreError({ kind: 'validation', code: 'not_found', message: 'id: this channel no longer exists.', field: 'id' });
      checkChannel(d, before?.hasSecret ?? false);
      const clash = store.rules.listChannels().find((c) => c.name === d.name && c.id !== d.id);
      if (clash) throw new CoreError({ kind: 'validation', code: 'invalid_input', message: 'name: another channel has this name.', field: 'name' });
      let saved = store.rules.saveChannel({ id: d.id, kind: d.kind, name: d.name, enabled: d.enabled, config: d.config }, now());
      if (d.secret !== undefined || d.signingSecret !== undefined) {
        try {
          const ref = await secrets.write(saved.id, d.secret, d.signingSecret);
          saved = store.rules.saveChannel({ ...saved, secretRef: d.secret === '' ? null : ref }, now());
        } catch (error) {
          if (d.id === undefined) store.rules.deleteChannel(saved.id);
          if (!(error instanceof SecretStoreUnavailable)) throw error;
          throw new CoreError({ kind: 'unavailable', code: 'keychain_unavailable', message: error.message, field: 'secret' });
        }
      }
      // Secrets are never written to the audit log.
      audited(ctx, d.id === undefined ? 'channel.created' : 'channel.updated', `channel:${saved.id}`,
        { before: before && publicChannel(before), after: { kind: d.kind, name: d.name, enabled: d.enabled, config: d.config, secretChanged: d.secret !== undefined } });
      return { channel: publicChannel(saved) };
    },
    'alerts/delete-channel': async ({ id }, ctx) => {
      const before = store.rules.getChannel(id);
      const deleted = store.rules.deleteChannel(id);
      if (before) {
        await secrets.remove(before.secretRef);
        audited(ctx, 'channel.deleted', `channel:${id}`, { before: publicChannel(before) });
      }
      return { deleted };
    },
    'alerts/test-channel': async ({ id }, ctx) => {
      const channel = store.rules.getChannel(id);
      if (!channel) return { ok: false, reason: 'not_found', message: 'This channel no longer exists.' };
      const outcome = await outbox.sendNow(id, testMessage(channel.name, now()));
      audited(ctx, 'channel.tested', `channel:${id}`, outcome);
      return outcome.ok ? { ok: true, message: `Sent a test to ${channel.name}.` } : { ok: false, reason: 'failed', message: outcome.message };
    },
    'alerts/get-settings': async () => store.readSettings(),
    'alerts/get-mute-status': async () => {
      const names = new Map(ledger.workflows.list().map((w) => [w.id, w.name]));
      return muteStatus({ settings: store.readSettings(), rules: store.rules.listRules(), workflowName: (wid) => names.get(wid) }, now());
    },
    'alerts/save-settings': async (settings, ctx) => {
      const before = store.readSettings();
      checkSettings(settings, before, now());
      store.writeSettings(settings, now());
      audited(ctx, 'alert-settings.updated', 'settings:alerts', { before, after: settings });
      return settings;
    },
  };
}
