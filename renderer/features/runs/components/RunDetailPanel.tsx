import { useEffect, useRef, type ReactNode } from 'react';
import type { RunDetail } from '../../../../core/contract/runs.ts';
import { CloseIcon, ExternalIcon } from '../../../app/Icons.tsx';
import { formatDuration, formatFullDateTime, formatWhen } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';
import { vendorName } from '../../../lib/vendor-name.ts';
import { STATUS_META } from '../status.ts';
import { useRunsStore } from '../store.ts';
import { ExternalLink } from '../../../ui/ExternalLink.tsx';
import { RunActions } from './RunActions.tsx';
import { offersStepData, StepData } from './StepData.tsx';
import { StatusBadge } from './StatusBadge.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function retryText(run: RunDetail): string | null {
  if (run.retryOf && run.retrySuccessId) return `A retry of run ${run.retryOf}; a later retry (${run.retrySuccessId}) succeeded.`;
  if (run.retryOf) return `A retry of run ${run.retryOf}.`;
  if (run.retrySuccessId) return `Retried later, and run ${run.retrySuccessId} succeeded.`;
  return null;
}

function DetailBody({ run }: { run: RunDetail }) {
  const now = useNow();
  const vendor = vendorName(run.connectorKind, run.connectorName);
  const retry = retryText(run);
  return (
    <>
      <div className="detail-status-line">
        <StatusBadge status={run.status} testId="run-detail-status" large />
        <span className="muted">{STATUS_META[run.status].meaning}</span>
      </div>
      <p className="detail-summary">
        {run.startedAt !== null ? `Started ${formatWhen(run.startedAt, now)}` : 'Start time not reported'}
        {run.durationMs !== null ? ` · Took ${formatDuration(run.durationMs)}` : ''}
      </p>
      {run.errorMessage ? (
        <div className="detail-error">
          <div className="detail-error-title">{run.failingStep ? `Failed at step “${run.failingStep}”` : 'Error'}</div>
          <p className="detail-error-message">{run.errorMessage}</p>
        </div>
      ) : null}
      <ExternalLink href={run.deepLink} className="button button-primary detail-link">
        Open in {vendor} <ExternalIcon />
      </ExternalLink>
      <RunActions run={run} />
      {offersStepData(run) ? <StepData run={run} /> : null}
      <dl className="facts">
        <Fact label="Started">{formatFullDateTime(run.startedAt)}</Fact>
        <Fact label="Finished">{run.finishedAt !== null ? formatFullDateTime(run.finishedAt) : 'Not finished'}</Fact>
        <Fact label="Duration">{formatDuration(run.durationMs)}</Fact>
        <Fact label="Status">{STATUS_META[run.status].label}</Fact>
        <Fact label={`Status in ${vendor}`}><code>{run.rawStatus}</code></Fact>
        {run.failingStep ? <Fact label="Failing step">{run.failingStep}</Fact> : null}
        {run.mode ? <Fact label="Started by">{run.mode}</Fact> : null}
        {run.itemCount !== null ? <Fact label="Items processed">{run.itemCount.toLocaleString()}</Fact> : null}
        <Fact label="Retry">{retry ?? 'Not a retry'}</Fact>
        <Fact label="Workflow">{run.workflowName}</Fact>
        <Fact label="Connector">{run.connectorName}</Fact>
        <Fact label={`Run ID in ${vendor}`}><code>{run.externalId}</code></Fact>
        {run.errorFingerprint ? (
          <Fact label="Error fingerprint"><code title="Runs failing for the same reason share this">{run.errorFingerprint}</code></Fact>
        ) : null}
        <Fact label="Recorded by Flowdeck">{formatFullDateTime(run.ingestedAt)}</Fact>
        <Fact label="Last updated">{formatFullDateTime(run.updatedAt)}</Fact>
      </dl>
    </>
  );
}

/** Side panel with everything Flowdeck knows about one run. */
export function RunDetailPanel() {
  const detail = useRunsStore((s) => s.detail);
  const closeDetail = useRunsStore((s) => s.closeDetail);
  const openDetail = useRunsStore((s) => s.openDetail);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const openId = detail.status === 'closed' ? null : detail.id;
  useEffect(() => {
    if (openId !== null) headingRef.current?.scrollIntoView({ block: 'nearest' });
  }, [openId]);
  if (detail.status === 'closed') return null;

  const run = detail.status === 'ready' ? detail.run : detail.status === 'loading' ? detail.run : null;
  return (
    <aside className="detail-panel" aria-label="Run details" data-testid="run-detail" data-run-id={detail.id}>
      <div className="detail-head">
        <h2 ref={headingRef} className="detail-title">{run ? run.workflowName : detail.status === 'not-found' ? 'Run not found' : 'Run details'}</h2>
        <button type="button" className="icon-button" onClick={closeDetail} aria-label="Close details (Esc)" title="Close (Esc)">
          <CloseIcon />
        </button>
      </div>
      {run ? <p className="detail-sub muted">{run.connectorName}</p> : null}
      <div className="detail-body">
        {run ? <DetailBody run={run} /> : null}
        {detail.status === 'loading' && !run ? <p className="muted">Loading this run…</p> : null}
        {detail.status === 'not-found' ? (
          <div data-testid="run-not-found">
            <p><strong>Run not found.</strong> Flowdeck has no run {typeof detail.id === 'number' ? detail.id : `“${detail.id}”`}. It may have been
              removed when its connector was deleted, or the link is wrong.</p>
            <button type="button" className="button" onClick={closeDetail}>Back to the runs</button>
          </div>
        ) : null}
        {detail.status === 'error' ? (
          <div className="notice notice-error" role="alert">
            <p>Couldn’t load this run: {detail.message}</p>
            <button type="button" className="button" onClick={() => void openDetail(detail.id)}>Try again</button>
          </div>
        ) : null}
      </div>
    </aside>
  );
}
