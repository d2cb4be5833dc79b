import { useState, type FormEvent } from 'react';
import { CONNECTOR_FORMS } from '../../../../core/contract/connector-forms.ts';
import { POLLED_KINDS, type ConnectorListItem, type PolledKind } from '../../../../core/contract/connectors.ts';
import { credentialWord } from '../form.ts';
import { useConnectorsStore } from '../store.ts';
import { useCan } from '../../../lib/access.ts';
import { Modal } from '../../../ui/Modal.tsx';

const isPolled = (kind: string): kind is PolledKind => (POLLED_KINDS as readonly string[]).includes(kind);

/** Stores a new API key or token for a connector (a rotated or re-created one) and polls with it. */
export function ReplaceKeyDialog({ open, connector, onClose }: { open: boolean; connector: ConnectorListItem; onClose: () => void }) {
  const setCredential = useConnectorsStore((s) => s.setCredential);
  const canKey = useCan('connectors/set-credential');
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState(false);
  const spec = isPolled(connector.kind) ? CONNECTOR_FORMS[connector.kind] : null;
  const close = () => {
    setValue('');
    onClose();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return;
    setSaving(true);
    const ok = await setCredential(connector.id, value);
    setSaving(false);
    if (ok) close();
  };
  return (
    <Modal open={open} title={`New ${spec ? credentialWord(spec.credentialLabel) : 'credential'} for “${connector.name}”`} onClose={close} testId="replace-key-dialog">
      <form onSubmit={(e) => void save(e)} className="connector-form">
        <label className="field">
          <span className="field-label">{spec?.credentialLabel ?? 'Credential'}</span>
          <input type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" spellCheck={false} data-testid="replace-key-input" autoFocus />
          {spec ? <span className="field-help">{spec.credentialHelp}</span> : null}
        </label>
        <div className="modal-actions">
          <button type="button" className="button" onClick={close} disabled={saving}>Cancel</button>
          <button type="submit" className="button button-primary" disabled={saving || !value.trim()} data-testid="replace-key-save" {...canKey.lock}>
            {saving ? 'Saving…' : 'Save and poll'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
