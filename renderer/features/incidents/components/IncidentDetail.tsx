import { runHref, workflowHref } from '../../../app/routes.ts';
import { formatAgo, formatFullDateTime } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';
import { useCan } from '../../../lib/access.ts';
import { ExternalLink } from '../../../ui/ExternalLink.tsx';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { useIncidentsStore } from '../store.ts';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { LockedNote } from '../../../ui/LockedNote.tsx';
import { IncidentStatusBadge, SeverityBadge } from './SeverityBadge.tsx';
import { IncidentWhy } from './IncidentWhy.tsx';
import { BlastRadiusNote } from '../../../ui/BlastRadiusNote.tsx';

const SNOOZE_CHOICES = [[60, '1 hour'], [240, '4 hours'], [24 * 60, '1 day']] as const;

/** One incident: what happened, its timeline, the runs behind it, and what you can do about it. */
export function IncidentDetail() {
  const detail = useIncidentsStore((s) => s.detail);
  const notice = useIncidentsStore((s) => s.notice);
  const act = useIncidentsStore((s) => s.act);
  const select = useIncidentsStore((s) => s.select);
  const now = useNow();
  const canAck = useCan('incidents/acknowledge-incident');
  const canSnooze = useCan('incidents/snooze-incident');
  const canResolve = useCan('incidents/resolve-incident');
  const canRetry = useCan('incidents/retry-incident-run');
  const canPause = useCan('incidents/pause-workflow');
  const canMute = useCan('alerts/save-settings');
  const mutedIds = useSettingsStore((s) => s.settings?.mutedWorkflowIds);
  const toggleMute = useSettingsStore((s) => s.toggleWorkflowMute);
  if (!detail) return null;
  const { incident: i, events, deliveries, correlation, context } = detail;
  // Only what the vendor supports is offered; without a context (no workflow), the old behaviour stands.
  const allowed = (a: 'retry' | 'pause') => context?.actions.find((x) => x.action === a)?.available ?? true;
  const unavailable = (context?.actions ?? []).filter((a) => !a.available && a.why && a.action !== 'rerun');
  const active = i.status !== 'resolved';
  const lastRun = i.runIds.at(-1);
  const muted = i.workflowId !== null && (mutedIds ?? []).includes(i.workflowId);
  return (
    <aside className="incident-detail" data-testid="incident-detail" aria-label="Incident detail">
      <header className="incident-detail-head">
        <div>
          <h2>{i.targetName}</h2>
          <p className="muted">{i.ruleName} · opened {formatAgo(i.openedAt, now)}</p>
        </div>
        <button type="button" className="button button-quiet button-small" onClick={() => select(null)}>Close</button>
      </header>
      <p><SeverityBadge severity={i.severity} /> <IncidentStatusBadge status={i.status} testId="incident-detail-status" /></p>
      <p data-testid="incident-summary">{i.summary}</p>
      {context ? <IncidentWhy context={context} openedAt={i.openedAt} /> : null}
      {i.workflowId !== null ? <BlastRadiusNote workflowId={i.workflowId} testId="incident-blast" /> : null}
      {correlation ? (
        <p className="notice" data-testid="incident-correlation">{correlation.message}{' '}
          <a href={workflowHref(correlation.workflowId, correlation.versionNumber)} data-testid="incident-correlation-diff">See what changed in version {correlation.versionNumber} (diff)</a></p>
      ) : null}
      {i.snoozedUntil && i.snoozedUntil > now ? <p className="muted" data-testid="incident-snoozed">Snoozed until {formatFullDateTime(i.snoozedUntil)}</p> : null}
      <div className="incident-actions">
        {i.status === 'open' ? <ConfirmButton label="Acknowledge" question="Acknowledge? Reminders stop." testId="action-acknowledge" can={canAck} onConfirm={() => void act(i.id, 'acknowledge')} /> : null}
        {active ? SNOOZE_CHOICES.map(([m, label]) => (
          <ConfirmButton key={m} label={`Snooze ${label}`} question={`Snooze for ${label}?`} testId={`action-snooze-${m}`} can={canSnooze} onConfirm={() => void act(i.id, 'snooze', m)} />
        )) : null}
        {active ? <ConfirmButton label="Resolve" question="Resolve by hand?" testId="action-resolve" can={canResolve} onConfirm={() => void act(i.id, 'resolve')} /> : null}
        {lastRun !== undefined && allowed('retry') ? <ConfirmButton label="Retry last failed run" question="Ask the vendor to retry this run?" testId="action-retry" can={canRetry} onConfirm={() => void act(i.id, 'retry', lastRun)} /> : null}
        {i.deepLink ? <ExternalLink href={i.deepLink} className="button button-small">Open in vendor</ExternalLink> : null}
        {i.workflowId !== null ? <ConfirmButton label={muted ? 'Unmute workflow' : 'Mute workflow'} question={muted ? 'Notify about this workflow again?' : 'Stop notifications about this workflow (incidents are still recorded)?'}
          testId="action-mute" can={canMute} onConfirm={() => void toggleMute(i.workflowId!)} /> : null}
        {i.workflowId !== null && allowed('pause') ? <ConfirmButton danger label="Pause workflow" question="Deactivate this workflow on the vendor?" testId="action-pause" can={canPause} onConfirm={() => void act(i.id, 'pause')} /> : null}
      </div>
      <LockedNote cans={[canAck, canSnooze, canResolve, canRetry, canPause]} testId="incident-actions-locked" />
      {unavailable.length ? <p className="muted" data-testid="incident-actions-unavailable">{unavailable.map((a) => a.why).join(' ')}</p> : null}
      {notice ? <p className={notice.ok ? 'notice' : 'notice notice-error'} role="status" data-testid="incident-notice">{notice.message}</p> : null}
      <h3>Timeline</h3>
      <ol className="timeline" data-testid="incident-timeline">
        {events.map((e) => (
          <li key={e.id} data-kind={e.kind}>
            <time className="muted">{formatFullDateTime(e.at)}</time> <strong>{e.kind}</strong>{e.actor ? ` by ${e.actor}` : ''}{e.detail ? ` — ${e.detail}` : ''}
          </li>
        ))}
      </ol>
      {i.runIds.length ? (
        <>
          <h3>Runs behind it</h3>
          <p className="muted" data-testid="incident-runs">
            {i.runIds.length} run{i.runIds.length > 1 ? 's' : ''}{i.runIds.length > 10 ? ', the last 10' : ''}:{' '}
            {i.runIds.slice(-10).map((id, n) => (
              <span key={id}>{n > 0 ? ', ' : ''}<a href={runHref(id)} data-testid="incident-run-link">run {id}</a></span>
            ))}
          </p>
        </>
      ) : null}
      <h3>Notifications</h3>
      {deliveries.length === 0 ? <p className="muted">None sent.</p> : (
        <ul className="deliveries">
          {deliveries.map((d) => (
            <li key={d.id} data-status={d.status}>{d.channelName}: {d.kind} — {d.status}{d.lastError ? ` (${d.lastError})` : ''}</li>
          ))}
        </ul>
      )}
    </aside>
  );
}
