import { useEffect } from 'react';
import '../push.css';
import { usePushStore } from '../store.ts';
import { useCan } from '../../../../lib/access.ts';
import { CreateMonitorForm } from './CreateMonitorForm.tsx';
import { HeartbeatIntro } from './HeartbeatIntro.tsx';
import { MonitorList } from './MonitorList.tsx';
import { WebhookSection } from './WebhookSection.tsx';

/**
 * Heartbeats and webhooks of one connector; the Connectors page embeds it. A push connector gets monitors and the
 * webhook; any other connector (an n8n instance fed by an error workflow, say) gets its signed webhook only.
 */
export function PushMonitorsPanel({ connectorId }: { connectorId: string }) {
  const open = usePushStore((s) => s.open);
  const loadSnippets = usePushStore((s) => s.loadSnippets);
  const phase = usePushStore((s) => s.phase);
  const error = usePushStore((s) => s.error);
  const receiver = usePushStore((s) => s.receiver);
  const monitors = usePushStore((s) => s.monitors);
  const snippets = usePushStore((s) => s.snippets);
  const webhookOnly = usePushStore((s) => s.webhookOnly);
  // Snippets can carry the signing secret: only an Admin gets them, so nobody else is shown an error for asking.
  const canSnippets = useCan('push/get-snippets').ok;

  useEffect(() => open(connectorId), [open, connectorId]);
  useEffect(() => {
    if (canSnippets && phase === 'ready' && monitors.length > 0 && !snippets) void loadSnippets(false);
  }, [canSnippets, phase, monitors.length, snippets, loadSnippets]);

  if (phase === 'error') return <p className="notice notice-error" role="alert" data-testid="push-error">{error}</p>;
  if (phase !== 'ready') return <p className="muted" data-testid="push-loading">Loading heartbeat monitors…</p>;
  if (webhookOnly) {
    return (
      <div className="push-panel" data-testid="push-panel">
        <WebhookSection />
      </div>
    );
  }

  return (
    <div className="push-panel" data-testid="push-panel">
      <section className="push-section">
        <h3>Heartbeat monitors</h3>
        {receiver ? (
          <p className="muted" data-testid="push-receiver">
            {receiver.listening
              ? `Flowdeck listens for pings at ${receiver.url}.`
              : `The receiver is not running in this Flowdeck process; pings go to ${receiver.url} once it is.`}
          </p>
        ) : null}
        {monitors.length === 0 ? <HeartbeatIntro /> : <MonitorList monitors={monitors} snippets={snippets} />}
        <CreateMonitorForm />
      </section>
      <WebhookSection />
    </div>
  );
}
