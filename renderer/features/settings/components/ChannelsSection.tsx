import { useRef, useState } from 'react';
import type { NotifyChannel } from '../../../../core/contract/alerts.ts';
import { formatFullDateTime } from '../../../lib/format.ts';
import { KIND_LABEL } from '../channel-form.ts';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { useCan } from '../../../lib/access.ts';
import { requestBrowserNotifications } from '../../../lib/browser-notifications.ts';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { ChannelForm } from './ChannelForm.tsx';

function ChannelRow({ channel: c, onEdit, editRef }: { channel: NotifyChannel; onEdit: () => void; editRef: (el: HTMLButtonElement | null) => void }) {
  const t = useSettingsStore((s) => s.tests[c.id]);
  const test = useSettingsStore((s) => s.testChannel);
  const remove = useSettingsStore((s) => s.deleteChannel);
  const setEnabled = useSettingsStore((s) => s.setChannelEnabled);
  const canSave = useCan('alerts/save-channel');
  const canTest = useCan('alerts/test-channel');
  const canDelete = useCan('alerts/delete-channel');
  return (
    <li data-testid="channel-row" data-channel={c.name} data-enabled={c.enabled}>
      <strong>{c.name}</strong> <span className="muted">{KIND_LABEL[c.kind]}{c.enabled ? '' : ' · off'}{c.pendingDeliveries ? ` · ${c.pendingDeliveries} waiting to retry` : ''}</span>
      <button type="button" className="button button-small" onClick={onEdit} ref={editRef} aria-label={`Edit ${c.name}`} data-testid="channel-edit" {...canSave.lock}>Edit</button>
      <button type="button" className="button button-small" onClick={() => void setEnabled(c, !c.enabled)} aria-pressed={c.enabled} data-testid="channel-toggle" {...canSave.lock}>
        {c.enabled ? 'Turn off' : 'Turn on'}</button>
      <button type="button" className="button button-small" onClick={() => void test(c.id)} data-testid="channel-test" disabled={t === 'sending'} {...canTest.lock}>Send test</button>
      <ConfirmButton label="Delete" question={`Delete ${c.name}? Its secret leaves the keychain.`} testId="channel-delete" can={canDelete} onConfirm={() => void remove(c.id)} />
      {t && t !== 'sending' ? <span className={t.ok ? 'muted' : 'channel-failing'} data-testid="channel-test-result">{t.message}</span> : null}
      {c.lastError ? <span className="channel-failing" data-testid="channel-failing">Failing since {formatFullDateTime(c.lastFailureAt)}: {c.lastError}</span> : null}
    </li>
  );
}

/** Where incidents are sent; a failing channel shows why. */
export function ChannelsSection() {
  const channels = useSettingsStore((s) => s.channels);
  /** 'new', the id of the channel being edited, or null. */
  const [chosen, setEditing] = useState<'new' | number | null>(null);
  // A channel deleted elsewhere while open here closes its form.
  const editing = typeof chosen === 'number' && !channels.some((c) => c.id === chosen) ? null : chosen;
  /** Back from the form, focus returns (once) to the button that opened it. */
  const returnTo = useRef<'new' | number | null>(null);
  const close = () => { returnTo.current = editing; setEditing(null); };
  const focusRef = (id: 'new' | number) => (el: HTMLButtonElement | null) => {
    if (el && returnTo.current === id) { returnTo.current = null; el.focus(); }
  };
  const canAdd = useCan('alerts/save-channel');
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  return (
    <section data-testid="channels">
      <header className="section-head">
        <h2>Notification channels</h2>
        {editing === null ? <button type="button" className="button button-small" onClick={() => setEditing('new')} ref={focusRef('new')} data-testid="channel-new" {...canAdd.lock}>Add channel</button> : null}
      </header>
      <p className="muted" data-testid="owner-routing-help">Owner routing: a workflow’s incidents also go to the channel named exactly like its owner
        in the Workflows registry, or to an email channel that sends to the owner’s address (case does not matter). Escalations go to a rule’s backup channels, and to the people On duty (below) on their own channels.</p>
      {editing === 'new' ? <ChannelForm onDone={close} /> : null}
      <ul className="channel-list">
        {channels.map((c) => (c.id === editing
          ? <li key={c.id} className="channel-editing" data-testid="channel-row-editing"><ChannelForm key={c.id} channel={c} onDone={close} /></li>
          : <ChannelRow key={c.id} channel={c} onEdit={() => setEditing(c.id)} editRef={focusRef(c.id)} />))}
      </ul>
      {permission !== 'unsupported' && permission !== 'granted' ? (
        <p className="muted">This browser shows “This computer” notifications only with your permission.{' '}
          <button type="button" className="button button-small" onClick={() => void requestBrowserNotifications().then(setPermission)}>Allow notifications</button></p>
      ) : null}
    </section>
  );
}
