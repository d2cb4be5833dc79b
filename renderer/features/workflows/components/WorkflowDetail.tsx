import { WorkflowActions } from './WorkflowActions.tsx';
import type { WorkflowDetail as Detail } from '../../../../core/contract/registry.ts';
import { useRegistryStore } from '../registry-store.ts';
import { useCan } from '../../../lib/access.ts';
import { DiffView } from './DiffView.tsx';
import { LintList } from './LintList.tsx';
import { MetadataEditor } from './MetadataEditor.tsx';
import { RunChart } from './RunChart.tsx';
import { VersionTimeline } from './VersionTimeline.tsx';
import { BlastRadiusNote } from '../../../ui/BlastRadiusNote.tsx';

function RestoreConfirm() {
  const preview = useRegistryStore((s) => s.preview);
  const restore = useRegistryStore((s) => s.restore);
  const canRestore = useCan('registry/restore-version');
  const cancel = useRegistryStore((s) => s.cancelRestore);
  if (!preview) return null;
  return (
    <section className="card restore-confirm" data-testid="restore-confirm" role="dialog" aria-label="Restore this version">
      <p>{preview.message}</p>
      <DiffView diff={preview.diff} title="What the vendor will receive (current → restored)" />
      <button type="button" className="button button-primary button-small" disabled={!preview.supported} data-testid="restore-confirm-button" onClick={() => void restore()} {...canRestore.lock}>Restore this version</button>
      <button type="button" className="button button-small button-quiet" onClick={cancel}>Cancel</button>
    </section>
  );
}

/** One workflow: health, metadata, run chart with version markers, versions, diff, restore, lint findings. */
export function WorkflowDetail({ workflow }: { workflow: Detail }) {
  const diff = useRegistryStore((s) => s.diff);
  const closeDiff = useRegistryStore((s) => s.closeDiff);
  const notice = useRegistryStore((s) => s.notice);
  const select = useRegistryStore((s) => s.select);
  const { row } = workflow;
  return (
    <section className="workflow-detail" data-testid="workflow-detail">
      <header className="section-head">
        <button type="button" className="button button-small button-quiet" onClick={() => select(null)} data-testid="workflow-back">← All workflows</button>
        <h2 data-testid="workflow-name">{row.name}</h2>
        <span className="muted">{row.vendor} · health {row.health}{row.archived ? ' · archived' : ''}</span>
        {workflow.deepLink ? <a className="button button-small button-quiet" href={workflow.deepLink} target="_blank" rel="noreferrer">Open in {row.vendor}</a> : null}
        <WorkflowActions row={row} />
      </header>
      {notice ? <p className={notice.ok ? 'notice' : 'notice notice-error'} role="status" data-testid="registry-notice">{notice.message}</p> : null}
      {workflow.correlations.map((c) => <p key={c.versionId} className="notice notice-error" data-testid="correlation">{c.message}</p>)}
      <BlastRadiusNote workflowId={row.workflowId} testId="workflow-blast" />
      <RunChart points={workflow.chart} versions={workflow.versions} />
      <div className="detail-columns">
        <div>
          <h3>Versions</h3>
          <VersionTimeline versions={workflow.versions} restorable={workflow.restorable} />
        </div>
        <div>
          <RestoreConfirm />
          {diff ? (
            <>
              <DiffView diff={diff.diff} title="Changes between versions" />
              <button type="button" className="button button-small button-quiet" onClick={closeDiff}>Close diff</button>
            </>
          ) : null}
          {workflow.metadata.runbook ? (
            <section className="card runbook" data-testid="workflow-runbook"><h3>Runbook</h3><div className="runbook-text">{workflow.metadata.runbook}</div></section>
          ) : null}
          <section className="card" data-testid="workflow-findings">
            <h3>Lint findings</h3>
            <LintList findings={workflow.findings} />
          </section>
          <MetadataEditor key={row.workflowId} metadata={workflow.metadata} />
        </div>
      </div>
    </section>
  );
}
