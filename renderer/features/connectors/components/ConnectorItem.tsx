import { useState, type ReactNode } from 'react';
import { CONNECTOR_FORMS } from '../../../../core/contract/connector-forms.ts';
import { POLLED_KINDS, type ConnectorListItem, type PolledKind } from '../../../../core/contract/connectors.ts';
import { useNow } from '../../../lib/useNow.ts';
import { useCan } from '../../../lib/access.ts';
import { PushMonitorsPanel } from '../push/components/PushMonitorsPanel.tsx';
import { budgetText, healthMessage, pollFacts } from '../health.ts';
import { useConnectorsStore } from '../store.ts';
import { HealthBadge } from './HealthBadge.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ReplaceKeyDialog } from './ReplaceKeyDialog.tsx';

/** A vendor's name as its "Add connector" form shows it; push and demo connectors have none. */
const KIND_LABELS: Readonly<Record<ConnectorListItem['kind'], string>> = {
  ...(Object.fromEntries(POLLED_KINDS.map((kind) => [kind, CONNECTOR_FORMS[kind].label])) as Record<PolledKind, string>),
  push: 'Heartbeats and webhooks', demo: 'Demo',
};

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="connector-fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function SyncProgressBar({ id }: { id: string }) {
  const progress = useConnectorsStore((s) => s.progress[id]);
  if (!progress || progress.done) return null;
  return (
    <div className="sync-progress" data-testid="connector-sync-progress">
      <progress aria-label="First sync of the run history" />
      <span className="muted">First sync: {progress.runsIngested.toLocaleString()} runs so far ({progress.pages} pages)</span>
    </div>
  );
}

/** One connector: health with its plain reason, polling facts, and what can be done with it. */
export function ConnectorItem({ c }: { c: ConnectorListItem }) {
  const now = useNow();
  const { setPaused, pollNow, remove, dismiss } = useConnectorsStore.getState();
  const busy = useConnectorsStore((s) => s.busy[c.id] ?? false);
  const canPoll = useCan('connectors/poll-now');
  const canPause = useCan('connectors/set-paused');
  const canKey = useCan('connectors/set-credential');
  const canRemove = useCan('connectors/remove-connector');
  const notice = useConnectorsStore((s) => s.notices[c.id]);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [showPush, setShowPush] = useState(false);
  const { last, next } = pollFacts(c, now);
  const budget = budgetText(c.budget);
  const attention = c.health === 'needs_attention';

  return (
    <li className={`connector-item${attention ? ' connector-attention' : ''}`} data-testid="connector-row" data-connector-id={c.id}
      data-connector-name={c.name} data-health={c.health}>
      <div className="connector-head">
        <div className="connector-title">
          <h3>{c.name}</h3>
          <span className="muted">{KIND_LABELS[c.kind]}{c.baseUrl ? ` · ${c.baseUrl}` : ''}</span>
        </div>
        <HealthBadge c={c} />
      </div>
      <p className={attention ? 'connector-message connector-message-bad' : 'connector-message'} data-testid="connector-message"
        role={attention ? 'alert' : undefined}>{healthMessage(c)}</p>
      <SyncProgressBar id={c.id} />
      <dl className="connector-facts">
        <Fact label="Last poll" testId="connector-last-poll">{last}</Fact>
        <Fact label="Next poll" testId="connector-next-poll">{next}</Fact>
        <Fact label="Runs collected" testId="connector-runs">{c.runsIngested.toLocaleString()}{c.runCount !== c.runsIngested ? ` (${c.runCount.toLocaleString()} in the ledger)` : ''}</Fact>
        {c.polled ? <Fact label="API budget">{budget ?? 'no limit'}</Fact> : null}
      </dl>
      {notice && notice.text !== c.healthMessage ? (
        <p className={notice.tone === 'ok' ? 'connector-notice' : 'connector-notice connector-notice-bad'} role="status" data-testid="connector-notice">
          {notice.text}
          <button type="button" className="button button-quiet button-small" onClick={() => dismiss(c.id)} aria-label="Dismiss">Dismiss</button>
        </p>
      ) : null}
      <div className="connector-actions">
        {c.polled ? (
          <button type="button" className="button button-small" disabled={busy || c.paused} onClick={() => void pollNow(c.id)} data-testid="connector-poll-now"
            title={c.paused ? 'Resume it first' : 'Collect new runs now'} {...canPoll.lock}>
            {busy ? 'Working…' : 'Poll now'}
          </button>
        ) : null}
        <button type="button" className="button button-small" disabled={busy} onClick={() => void setPaused(c.id, !c.paused)} data-testid="connector-pause" {...canPause.lock}>
          {c.paused ? 'Resume' : 'Pause'}
        </button>
        {c.polled ? (
          <button type="button" className={attention ? 'button button-small button-primary' : 'button button-small'} disabled={busy}
            onClick={() => setReplacing(true)} data-testid="connector-replace-key" {...canKey.lock}>Replace key</button>
        ) : (
          <button type="button" className="button button-small" aria-expanded={showPush} onClick={() => setShowPush(!showPush)} data-testid="connector-push-toggle">
            {showPush ? 'Hide monitors' : 'Monitors and webhooks'}
          </button>
        )}
        <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => setConfirmRemove(true)} data-testid="connector-remove" {...canRemove.lock}>Remove</button>
      </div>
      {showPush && c.kind === 'push' ? <PushMonitorsPanel connectorId={c.id} /> : null}
      <ReplaceKeyDialog open={replacing} connector={c} onClose={() => setReplacing(false)} />
      <ConfirmDialog
        open={confirmRemove}
        title={`Remove “${c.name}”?`}
        body={<p>This deletes the stored credential from the keychain; the runs already collected stay.</p>}
        confirmLabel="Remove connector"
        danger
        busy={busy}
        onConfirm={() => { setConfirmRemove(false); void remove(c.id); }}
        onCancel={() => setConfirmRemove(false)}
        testId="connector-remove-dialog"
      />
    </li>
  );
}
