import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { AlertRule, ConditionKind, Severity } from '../../../../core/contract/alerts.ts';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { useWorkflowsStore } from '../../../lib/workflows-store.ts';
import { CONDITION_LABELS, fromRule, newRuleForm, notifiesNoChannel, previewSentence, scopeFromValue, scopeValue, toDraft, type RuleForm } from '../rule-form.ts';
import { useIncidentsStore } from '../store.ts';
import { useCan } from '../../../lib/access.ts';

function Field({ label, error, children }: { label: string; error?: string | null | undefined; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {error ? <span className="field-error" role="alert" data-testid="rule-field-error">{error}</span> : null}
    </label>
  );
}

/** Fields the form shows errors beside; any other error is shown under the form. */
const FIELDS = ['name', 'workflowId', 'environment', 'tag', 'count', 'failures', 'percent', 'windowMinutes', 'withinMinutes', 'minRuns', 'thresholdMs', 'p95Factor', 'everyMinutes',
  'schedule.cron', 'timezone', 'graceMinutes', 'channelIds', 'remindEveryMinutes', 'escalateAfterMinutes', 'backupChannelIds', 'recoveryMinutes', 'flapMinutes'];

const num = (v: string) => (v.trim() === '' ? null : Number(v));
/** The core prefixes a message with the field path ("rule.name: …"); the owner reads it without. */
const plain = (message: string) => message.replace(/^[\w.]+: /, '');

/** Asked before saving a rule that tells no channel: its incidents would show only in Flowdeck. */
function NoChannelQuestion({ onSave, onChoose }: { onSave: () => void; onChoose: () => void }) {
  return (
    <div className="notice rule-confirm" role="group" aria-label="This rule notifies no channel" data-testid="rule-no-channel">
      <p><strong>This rule notifies no channel.</strong> Its incidents will show here in Flowdeck, but nobody is sent a message
        (unless the workflow’s owner in the registry has a channel of their own). Save it anyway?</p>
      <div className="incident-actions">
        <button type="button" className="button button-primary" onClick={onSave} data-testid="rule-save-silent">Save without notifying</button>
        <button type="button" className="button" onClick={onChoose} data-testid="rule-choose-channel">Choose a channel</button>
      </div>
    </div>
  );
}

/** Create a rule, or edit `rule` (saved under its id), see how often it would have fired over the last week, save it. Esc cancels. */
export function RuleEditor({ rule, onDone }: { rule?: AlertRule | undefined; onDone: () => void }) {
  const [f, setF] = useState<RuleForm>(() => (rule ? fromRule(rule) : newRuleForm()));
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  /** Saving asked whether a rule that notifies no channel is meant. */
  const [asking, setAsking] = useState(false);
  const channelsRef = useRef<HTMLDivElement>(null);
  const workflows = useWorkflowsStore((s) => s.items);
  const saveRule = useIncidentsStore((s) => s.saveRule);
  const canSave = useCan('alerts/save-rule');
  const checkRule = useIncidentsStore((s) => s.checkRule);
  const previewRule = useIncidentsStore((s) => s.previewRule);
  const up = (patch: Partial<RuleForm>) => { setF({ ...f, ...patch }); setPreview(null); setAsking(false); };
  const errorFor = (suffix: string) => (error?.field?.endsWith(suffix) ? plain(error.message) : null);
  const runPreview = async () => {
    const r = await previewRule(toDraft(f));
    if ('error' in r) { setError({ field: r.field, message: r.error }); setPreview(null); } else { setError(null); setPreview(previewSentence(r.fired)); }
  };
  /**
   * Saving an enabled rule that would tell no channel (a new one, or one that told someone before) asks first, once the
   * core has found nothing else wrong with it (name, cron, duplicate): the question comes last, not before the errors.
   */
  const save = async (silentOk = false) => {
    const wasSilent = rule !== undefined && rule.enabled && notifiesNoChannel(fromRule(rule));
    if (!silentOk && f.enabled && notifiesNoChannel(f) && !wasSilent) {
      const check = await checkRule(rule?.id, toDraft(f));
      if (!check.ok) {
        setError({ field: check.field, message: check.message });
        return;
      }
      setError(null);
      setAsking(true);
      return;
    }
    setAsking(false);
    const r = await saveRule(rule?.id, toDraft(f));
    if (r.ok) onDone();
    else setError({ field: r.field, message: r.message });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    if (asking) setAsking(false);
    else onDone();
  };
  const k = f.kind;
  const known = (v: string) => v === '' || v === 'tag' || v === 'env:production' || v === 'env:test' || workflows.some((w) => `w:${w.id}` === v);
  const scope = scopeValue(f);
  return (
    <form className="rule-editor" data-testid="rule-editor" data-mode={rule ? 'edit' : 'new'} aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}
      onSubmit={(e) => { e.preventDefault(); void save(); }} onKeyDown={onKeyDown}>
      {/* The editor opens on request (New rule / Edit), so focus moves into its first field. */}
      <Field label="Name" error={errorFor('name')}><input value={f.name} onChange={(e) => up({ name: e.target.value })} autoFocus data-testid="rule-name" /></Field>
      <Field label="When">
        <select value={k} onChange={(e) => {
          const kind = e.target.value as ConditionKind;
          // A forecast rule means "near the quota": start from 90 %, not a failure rate's 20 %.
          up(kind === 'usage_forecast' && k !== 'usage_forecast' ? { kind, percent: 90 } : { kind });
        }} data-testid="rule-kind">
          {Object.entries(CONDITION_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </Field>
      <Field label="Watch" error={errorFor('workflowId') ?? errorFor('environment')}>
        <select value={scope} onChange={(e) => up(scopeFromValue(e.target.value))} data-testid="rule-scope">
          <option value="">All workflows</option>
          <option value="env:production">Production workflows (from the registry)</option>
          <option value="env:test">Test workflows (from the registry)</option>
          <option value="tag">Workflows with a tag…</option>
          {workflows.map((w) => <option key={w.id} value={`w:${w.id}`}>{w.name}</option>)}
          {known(scope) ? null : <option value={scope}>{f.scope === 'environment' ? `Environment ${f.environment}` : `Workflow #${f.workflowId ?? ''}`}</option>}
        </select>
      </Field>
      {f.scope === 'tag' ? (
        <Field label="Tag" error={errorFor('tag')}>
          <input value={f.tag} onChange={(e) => up({ tag: e.target.value })} placeholder="e.g. billing" data-testid="rule-tag" />
        </Field>
      ) : null}
      <Field label="Severity">
        <select value={f.severity} onChange={(e) => up({ severity: e.target.value as Severity })} data-testid="rule-severity">
          <option value="critical">Critical</option><option value="warning">Warning</option><option value="info">Info</option>
        </select>
      </Field>
      {k === 'consecutive_failures' || k === 'breaker' ? <Field label="Failures" error={errorFor('count') ?? errorFor('failures')}><input type="number" value={f.count} data-testid="rule-count" onChange={(e) => up({ count: Number(e.target.value) })} /></Field> : null}
      {k === 'failure_rate' ? <Field label="Above %" error={errorFor('percent')}><input type="number" value={f.percent} onChange={(e) => up({ percent: Number(e.target.value) })} /></Field> : null}
      {k === 'usage_forecast' ? <Field label="Forecast above % of the plan" error={errorFor('percent')}><input type="number" value={f.percent} data-testid="rule-usage-percent" onChange={(e) => up({ percent: Number(e.target.value) })} /></Field> : null}
      {k === 'usage_runaway' ? <>
        <Field label="× its usual busiest hour" error={errorFor('factor')}><input type="number" value={f.factor} data-testid="rule-usage-factor" onChange={(e) => up({ factor: Number(e.target.value) })} /></Field>
        <Field label="At least (runs, operations, tasks or minutes) in the hour" error={errorFor('minUse')}><input type="number" value={f.minUse} data-testid="rule-usage-min" onChange={(e) => up({ minUse: Number(e.target.value) })} /></Field>
      </> : null}
      {k === 'failure_rate' || k === 'breaker' ? <Field label="Within minutes" error={errorFor('windowMinutes') ?? errorFor('withinMinutes')}><input type="number" value={f.windowMinutes} onChange={(e) => up({ windowMinutes: Number(e.target.value) })} data-testid="rule-window" /></Field> : null}
      {k === 'failure_rate' ? <Field label="At least runs" error={errorFor('minRuns')}><input type="number" value={f.minRuns} onChange={(e) => up({ minRuns: Number(e.target.value) })} /></Field> : null}
      {k === 'duration' ? <>
        <Field label="Longer than (s)" error={errorFor('thresholdMs')}><input type="number" value={f.thresholdSeconds ?? ''} onChange={(e) => up({ thresholdSeconds: num(e.target.value) })} /></Field>
        <Field label="Or × its p95" error={errorFor('p95Factor')}><input type="number" value={f.p95Factor ?? ''} onChange={(e) => up({ p95Factor: num(e.target.value) })} /></Field>
      </> : null}
      {k === 'missed_run' ? <>
        <Field label="Expected">
          <select value={f.scheduleKind} onChange={(e) => up({ scheduleKind: e.target.value as RuleForm['scheduleKind'] })} data-testid="rule-schedule-kind">
            <option value="interval">Every N minutes</option><option value="cron">Cron</option><option value="auto">From the registry, else the vendor's schedule</option>
          </select>
        </Field>
        {f.scheduleKind === 'interval' ? <Field label="Every minutes" error={errorFor('everyMinutes')}><input type="number" value={f.everyMinutes} onChange={(e) => up({ everyMinutes: Number(e.target.value) })} /></Field> : null}
        {f.scheduleKind === 'cron' ? <>
          <Field label="Cron" error={errorFor('schedule.cron')}><input value={f.cron} onChange={(e) => up({ cron: e.target.value })} data-testid="rule-cron" /></Field>
          <Field label="Time zone" error={errorFor('timezone')}><input value={f.timezone} onChange={(e) => up({ timezone: e.target.value })} /></Field>
        </> : null}
      </> : null}
      {k === 'missed_run' || k === 'any_failure' ? <Field label="Grace minutes" error={errorFor('graceMinutes')}><input type="number" value={f.graceMinutes} onChange={(e) => up({ graceMinutes: Number(e.target.value) })} data-testid="rule-grace" /></Field> : null}
      <div ref={channelsRef} className="rule-routing"><RoutingFields f={f} up={up} errorFor={errorFor} /></div>
      <label className="check">
        <input type="checkbox" checked={f.enabled} onChange={(e) => up({ enabled: e.target.checked })} data-testid="rule-enabled" /> Enabled (a disabled rule opens no incidents)
      </label>
      {error && !FIELDS.some((x) => error.field?.endsWith(x)) ? <p className="notice notice-error" role="alert" data-testid="rule-error">{plain(error.message)}</p> : null}
      {asking ? <NoChannelQuestion onSave={() => void save(true)} onChoose={() => { setAsking(false); channelsRef.current?.querySelector('input')?.focus(); }} /> : null}
      {preview ? <p className="notice" data-testid="rule-preview">{preview}</p> : null}
      <div className="incident-actions">
        {/* The preview replays stored runs; usage rules read the plan and each hour's use, which it does not replay. */}
        {k === 'usage_forecast' || k === 'usage_runaway' ? null
          : <button type="button" className="button" onClick={() => void runPreview()} data-testid="rule-preview-button">Preview last 7 days</button>}
        <button type="submit" className="button button-primary" data-testid="rule-save" {...canSave.lock}>{rule ? 'Save changes' : 'Save rule'}</button>
        <button type="button" className="button button-quiet" onClick={onDone} data-testid="rule-cancel">Cancel</button>
      </div>
    </form>
  );
}

function ChannelChecks({ label, ids, onChange, testId, error }: { label: string; ids: number[]; onChange: (ids: number[]) => void; testId: string; error: string | null }) {
  const channels = useSettingsStore((s) => s.channels);
  return (
    <fieldset className="field" data-testid={testId}>
      <legend className="field-label">{label}</legend>
      {channels.length === 0 ? <span className="muted">No channels yet — add one in Settings.</span> : channels.map((c) => (
        <label key={c.id} className="check">
          <input type="checkbox" checked={ids.includes(c.id)} onChange={(e) => onChange(e.target.checked ? [...ids, c.id] : ids.filter((x) => x !== c.id))} />
          {c.name}{c.enabled ? '' : ' (off)'}
        </label>
      ))}
      {error ? <span className="field-error" role="alert" data-testid="rule-field-error">{error}</span> : null}
    </fieldset>
  );
}

/** Who hears about it, reminders until acknowledged, escalation (backup channels; the next on the rota, then the owner), recovery and flap suppression. */
function RoutingFields({ f, up, errorFor }: { f: RuleForm; up: (patch: Partial<RuleForm>) => void; errorFor: (suffix: string) => string | null }) {
  return <>
    <ChannelChecks label="Notify" ids={f.channelIds} onChange={(channelIds) => up({ channelIds })} testId="rule-channels" error={errorFor('channelIds')} />
    <Field label="Remind every (min, until acknowledged)" error={errorFor('remindEveryMinutes')}>
      <input type="number" value={f.remindEveryMinutes ?? ''} onChange={(e) => up({ remindEveryMinutes: num(e.target.value) })} data-testid="rule-remind" />
    </Field>
    <Field label="Escalate after (min, unacknowledged: the next on duty, then the owner)" error={errorFor('escalateAfterMinutes')}>
      <input type="number" value={f.escalateAfterMinutes ?? ''} onChange={(e) => up({ escalateAfterMinutes: num(e.target.value) })} data-testid="rule-escalate" />
    </Field>
    {f.escalateAfterMinutes !== null || f.backupChannelIds.length > 0
      ? <ChannelChecks label="Backup channels" ids={f.backupChannelIds} onChange={(backupChannelIds) => up({ backupChannelIds })} testId="rule-backup-channels"
        error={errorFor('backupChannelIds')} /> : null}
    <Field label="Resolve after clear for (min)" error={errorFor('recoveryMinutes')}>
      <input type="number" value={f.recoveryMinutes} onChange={(e) => up({ recoveryMinutes: Number(e.target.value) })} data-testid="rule-recovery" />
    </Field>
    <Field label="Reopen silently within (min, flapping)" error={errorFor('flapMinutes')}>
      <input type="number" value={f.flapMinutes} onChange={(e) => up({ flapMinutes: Number(e.target.value) })} data-testid="rule-flap" />
    </Field>
  </>;
}
