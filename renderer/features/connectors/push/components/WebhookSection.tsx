import { usePushStore } from '../store.ts';
import { useCan } from '../../../../lib/access.ts';
import { LockedNote } from '../../../../ui/LockedNote.tsx';
import { CopyBlock } from './CopyBlock.tsx';

/** The signed "run finished" endpoint: URL, secret, and ready-made senders for n8n, Make and Zapier. */
export function WebhookSection() {
  const hookUrl = usePushStore((s) => s.hookUrl);
  const snippets = usePushStore((s) => s.snippets);
  const snippetsError = usePushStore((s) => s.snippetsError);
  const loadSnippets = usePushStore((s) => s.loadSnippets);
  const rotateSecret = usePushStore((s) => s.rotateSecret);
  const revealed = snippets?.secret != null;
  const canSnippets = useCan('push/get-snippets');
  const canRotate = useCan('push/rotate-secret');

  return (
    <section className="push-section" data-testid="push-webhook">
      <h3>Run-finished webhook</h3>
      <p className="muted">
        Tools that can send a webhook when a run ends (an n8n error workflow, a Make scenario, a Zapier Manager Zap)
        post a small JSON event here. Each event is signed with this connector's secret, so nobody else can add runs.
      </p>
      {hookUrl ? <CopyBlock label="Endpoint (POST)" text={hookUrl} testId="snippet-hook-url" /> : null}
      <div className="push-actions">
        <button type="button" className="button" onClick={() => void loadSnippets(true)} data-testid="push-reveal-secret" {...canSnippets.lock}>
          {revealed ? 'Refresh snippets' : 'Reveal signing secret'}
        </button>
        {revealed ? (
          <button type="button" className="button button-quiet" onClick={() => void rotateSecret()} {...canRotate.lock}>New secret (old senders stop working)</button>
        ) : null}
      </div>
      <LockedNote cans={[canSnippets]} testId="push-webhook-locked" />
      {snippetsError ? <p className="notice notice-error" role="alert">{snippetsError}</p> : null}
      {snippets ? (
        <>
          {snippets.secret ? <CopyBlock label="Signing secret (keep it private)" text={snippets.secret} testId="snippet-secret" /> : null}
          <CopyBlock label="n8n error workflow (import it, then pick it as Error workflow in each workflow's settings)" text={snippets.hook.n8nWorkflowJson} testId="snippet-n8n" />
          <CopyBlock label="curl (signs with openssl)" text={snippets.hook.curl} />
          <CopyBlock label="Make" text={snippets.hook.make} />
          <CopyBlock label="Zapier" text={snippets.hook.zapier} />
          <CopyBlock label="Event format" text={snippets.hook.doc} />
          {snippets.notes.map((n) => <p key={n} className="muted push-note">{n}</p>)}
        </>
      ) : null}
    </section>
  );
}
