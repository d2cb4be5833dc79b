import type { IncidentContext } from '../../../../core/contract/alerts.ts';
import { formatAgo, formatFullDateTime } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';

const STATE_WORDS: Record<string, string> = {
  failing: 'Failing', missed: 'Missing its runs', late: 'Late', paused: 'Switched off', unknown: 'Not visible to Flowdeck', 'never-run': 'Never run', ok: 'Fine now',
};

const isUrl = (s: string) => /^https?:\/\//i.test(s.trim());
const streakWords = (n: number) => (n === 1 ? 'the last run failed.' : `${n} runs in a row failed.`);

/** Why the incident is open and what to do: the workflow's live state, its last error and step, owner and runbook. */
export function IncidentWhy({ context, openedAt }: { context: IncidentContext; openedAt: number }) {
  const now = useNow();
  const s = context.state;
  return (
    <section className="incident-why" data-testid="incident-why" aria-label="Why and what to do">
      {s ? (
        <>
          <p><strong data-testid="incident-state" data-state={s.state}>{STATE_WORDS[s.state] ?? s.state} now</strong>{' — '}
            {/* A failing streak's error has its own line below: the state line says only how long. */}
            <span data-testid="incident-reason">{s.state === 'failing' && s.lastError ? streakWords(s.streak) : s.reason}</span></p>
          {s.lastError ? (
            <p data-testid="incident-last-error">Last error{s.failingStep ? <> in step <strong>{s.failingStep}</strong></> : null}: <code>{s.lastError}</code></p>
          ) : null}
          {s.since !== null ? (
            <p className="muted" data-testid="incident-since">
              {s.state === 'failing' ? 'The failures began' : 'This began'} {formatFullDateTime(s.since)} ({formatAgo(s.since, now)}); the incident opened {formatAgo(openedAt, now)}.
            </p>
          ) : null}
          <p><a className="button button-small button-primary" href={s.action.href} data-testid="incident-best-action">{s.action.label}</a></p>
        </>
      ) : null}
      {context.owner || context.runbook ? (
        <p data-testid="incident-owner">
          {context.owner ? <>Owner: <strong>{context.owner}</strong>. </> : null}
          {context.runbook ? (isUrl(context.runbook)
            ? <>Runbook: <a href={context.runbook} target="_blank" rel="noreferrer">{context.runbook}</a></>
            : <>Runbook: {context.runbook}</>) : null}
        </p>
      ) : <p className="muted">No owner or runbook yet: add them on the workflow's page so the next person knows what to do.</p>}
    </section>
  );
}
