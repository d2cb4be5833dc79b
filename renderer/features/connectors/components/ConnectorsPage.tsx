import { useEffect, useState } from 'react';
import '../../../ui/field.css';
import '../connectors.css';
import { useConnectorsStore } from '../store.ts';
import { useCan } from '../../../lib/access.ts';
import { LockedNote } from '../../../ui/LockedNote.tsx';
import { AddConnectorDialog } from './AddConnectorDialog.tsx';
import { ConnectorItem } from './ConnectorItem.tsx';

/** Connectors: what Flowdeck collects runs from, whether each connection is healthy, and adding or removing one. */
export function ConnectorsPage() {
  const activate = useConnectorsStore((s) => s.activate);
  const items = useConnectorsStore((s) => s.items);
  const loaded = useConnectorsStore((s) => s.loaded);
  const error = useConnectorsStore((s) => s.error);
  const load = useConnectorsStore((s) => s.load);
  const canAdd = useCan('connectors/add-connector');
  // Said once for the page: each locked button on the cards says it again on hover and focus.
  const canOperate = useCan('connectors/poll-now');
  const [adding, setAdding] = useState(false);
  useEffect(() => activate(), [activate]);
  const attention = items.filter((c) => c.health === 'needs_attention').length;

  return (
    <section className="connectors-page page-pad" data-testid="connectors-page">
      <div className="connectors-toolbar">
        <p className="muted">
          {items.length
            ? `${items.length} connector${items.length === 1 ? '' : 's'}${attention ? ` · ${attention} need${attention === 1 ? 's' : ''} attention` : ''}. Credentials stay in the system keychain.`
            : 'Connect your automation tools; credentials stay in the system keychain.'}
        </p>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)} data-testid="add-connector" {...canAdd.lock}>Add connector</button>
      </div>
      <LockedNote cans={[canOperate, canAdd]} testId="connectors-locked" />
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>Couldn’t load the connectors: {error}</p>
          <button type="button" className="button" onClick={() => void load()}>Try again</button>
        </div>
      ) : null}
      {loaded && !items.length ? (
        <div className="empty-state" data-testid="connectors-empty">
          <h2>No connectors yet</h2>
          <p>Add n8n, Make, GitHub Actions or Zapier with an API key, or a push connector for heartbeats and webhooks. Flowdeck then collects every run into one ledger.</p>
          <button type="button" className="button button-primary" onClick={() => setAdding(true)} {...canAdd.lock}>Add your first connector</button>
        </div>
      ) : null}
      {!loaded && !error ? <p className="muted" aria-busy="true">Loading connectors…</p> : null}
      <ul className="connector-list" data-testid="connector-list">
        {items.map((c) => <ConnectorItem key={c.id} c={c} />)}
      </ul>
      <AddConnectorDialog open={adding} onClose={() => setAdding(false)} />
    </section>
  );
}
