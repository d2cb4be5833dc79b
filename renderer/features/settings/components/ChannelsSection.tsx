import { useState } from 'react';
import type { ChannelKind } from '../../../../core/contract/alerts.ts';
import { formatFullDateTime } from '../../../lib/format.ts';
import { useSettingsStore } from '../store.ts';
import { requestBrowserNotifications } from '../../incidents/notifications.ts';
import { ConfirmButton } from '../../incidents/components/ConfirmButton.tsx';

const KIND_LABEL: Record<ChannelKind, string> = { slack: 'Slack', teams: 'Microsoft Teams', webhook: 'Webhook (signed)', email: 'Email (SMTP)', desktop: 'This computer' };

function ChannelForm({ onDone }: { onDone: () => void }) {
  const save = useSettingsStore((s) => s.saveChannel);
  const [kind, setKind] = useState<ChannelKind>('slack');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [signing, setSigning] = useState('');
  const [smtp, setSmtp] = useState({ host: '', port: '587', user: '', from: '', to: '' });
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const isHook = kind === 'slack' || kind === 'teams' || kind === 'webhook';
  const submit = async () => {
    const config = kind === 'email'
      ? { smtpPort: Number(smtp.port) || 587, to: smtp.to.split(',').map((x) => x.trim()).filter(Boolean),
        ...(smtp.host ? { smtpHost: smtp.host } : {}), ...(smtp.user ? { smtpUser: smtp.user } : {}), ...(smtp.from ? { from: smtp.from } : {}) }
      : {};
    const r = await save({ kind, name, config, ...(secret ? { secret } : {}), ...(signing ? { signingSecret: signing } : {}) });
    if (r.ok) onDone();
    else setError(r);
  };
  const err = (f: string) => (error?.field === f || error?.field?.startsWith(`${f}.`) ? <span className="field-error" role="alert" data-testid="channel-field-error">{error.message}</span> : null);
  return (
    <form className="settings-form" data-testid="channel-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label className="field"><span className="field-label">Kind</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)} data-testid="channel-kind">
          {Object.entries(KIND_LABEL).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
        </select></label>
      <label className="field"><span className="field-label">Name</span><input value={name} onChange={(e) => setName(e.target.value)} data-testid="channel-name" />{err('name')}</label>
      {isHook ? <label className="field"><span className="field-label">Webhook address (kept in the keychain)</span><input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} data-testid="channel-secret" />{err('secret')}</label> : null}
      {kind === 'webhook' ? <label className="field"><span className="field-label">Signing key (HMAC-SHA256)</span><input type="password" value={signing} onChange={(e) => setSigning(e.target.value)} /></label> : null}
      {kind === 'email' ? <>
        <label className="field"><span className="field-label">SMTP server</span><input value={smtp.host} onChange={(e) => setSmtp({ ...smtp, host: e.target.value })} />{err('config.smtpHost')}</label>
        <label className="field"><span className="field-label">Port</span><input value={smtp.port} onChange={(e) => setSmtp({ ...smtp, port: e.target.value })} /></label>
        <label className="field"><span className="field-label">User</span><input value={smtp.user} onChange={(e) => setSmtp({ ...smtp, user: e.target.value })} /></label>
        <label className="field"><span className="field-label">Password</span><input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} /></label>
        <label className="field"><span className="field-label">From</span><input value={smtp.from} onChange={(e) => setSmtp({ ...smtp, from: e.target.value })} /></label>
        <label className="field"><span className="field-label">To (comma separated)</span><input value={smtp.to} onChange={(e) => setSmtp({ ...smtp, to: e.target.value })} />{err('config.to')}</label>
      </> : null}
      {error && !['name', 'secret', 'config'].some((f) => error.field?.startsWith(f)) ? <p className="notice notice-error" role="alert">{error.message}</p> : null}
      <div className="incident-actions">
        <button type="submit" className="button button-primary" data-testid="channel-save">Save channel</button>
        <button type="button" className="button button-quiet" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

/** Where incidents are sent; a failing channel shows why. */
export function ChannelsSection() {
  const channels = useSettingsStore((s) => s.channels);
  const tests = useSettingsStore((s) => s.tests);
  const test = useSettingsStore((s) => s.testChannel);
  const remove = useSettingsStore((s) => s.deleteChannel);
  const [adding, setAdding] = useState(false);
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  return (
    <section data-testid="channels">
      <header className="section-head">
        <h2>Notification channels</h2>
        {!adding ? <button type="button" className="button button-small" onClick={() => setAdding(true)} data-testid="channel-new">Add channel</button> : null}
      </header>
      <p className="muted" data-testid="owner-routing-help">Owner routing: a workflow’s incidents also go to the channel named exactly like its owner
        in the Workflows registry, or to an email channel that sends to the owner’s address (case does not matter). Escalations go only to a rule’s backup channels.</p>
      {adding ? <ChannelForm onDone={() => setAdding(false)} /> : null}
      <ul className="channel-list">
        {channels.map((c) => {
          const t = tests[c.id];
          return (
            <li key={c.id} data-testid="channel-row" data-channel={c.name}>
              <strong>{c.name}</strong> <span className="muted">{KIND_LABEL[c.kind]}{c.pendingDeliveries ? ` · ${c.pendingDeliveries} waiting to retry` : ''}</span>
              <button type="button" className="button button-small" onClick={() => void test(c.id)} data-testid="channel-test" disabled={t === 'sending'}>Send test</button>
              <ConfirmButton label="Delete" question={`Delete ${c.name}? Its secret leaves the keychain.`} testId="channel-delete" onConfirm={() => void remove(c.id)} />
              {t && t !== 'sending' ? <span className={t.ok ? 'muted' : 'channel-failing'} data-testid="channel-test-result">{t.message}</span> : null}
              {c.lastError ? <span className="channel-failing" data-testid="channel-failing">Failing since {formatFullDateTime(c.lastFailureAt)}: {c.lastError}</span> : null}
            </li>
          );
        })}
      </ul>
      {permission !== 'unsupported' && permission !== 'granted' ? (
        <p className="muted">This browser shows “This computer” notifications only with your permission.{' '}
          <button type="button" className="button button-small" onClick={() => void requestBrowserNotifications().then(setPermission)}>Allow notifications</button></p>
      ) : null}
    </section>
  );
}
