import { useState } from 'react';
import '../../../ui/run-actions.css';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { workflowActionsFor, type WorkflowActionView } from '../workflow-actions.ts';
import { useWorkflowActionsStore } from '../workflow-actions-store.ts';
import { useCan } from '../../../lib/access.ts';
import { LockedNote } from '../../../ui/LockedNote.tsx';

/** Vendor controls for one workflow, each asked for first; nothing shows when the vendor offers none. */
export function WorkflowActions({ row }: { row: { workflowId: number; vendor: string; name: string; active: boolean; archived: boolean } }) {
  const views = workflowActionsFor(row);
  const perform = useWorkflowActionsStore((s) => s.perform);
  const busy = useWorkflowActionsStore((s) => s.busy);
  const result = useWorkflowActionsStore((s) => (s.result?.workflowId === row.workflowId ? s.result : null));
  const [asking, setAsking] = useState<WorkflowActionView | null>(null);
  const canRun = useCan('workflows/run-workflow');
  const canSetActive = useCan('workflows/set-active');
  if (!views.length) return null;
  return (
    <div className="run-actions" data-testid="workflow-actions">
      <div className="run-actions-buttons">
        {views.map((v) => (
          <button key={v.action} type="button" className="button button-small" disabled={busy} onClick={() => setAsking(v)} data-testid={`workflow-action-${v.action}`}
            {...(v.action === 'run-workflow' ? canRun : canSetActive).lock}>
            {busy ? 'Working…' : v.label}
          </button>
        ))}
      </div>
      <LockedNote cans={views.map((v) => (v.action === 'run-workflow' ? canRun : canSetActive))} testId="workflow-actions-locked" />
      {result ? <p className={result.ok ? 'run-action-result' : 'run-action-result run-action-result-bad'} role="status">{result.message}</p> : null}
      <ConfirmDialog
        open={asking !== null}
        title={asking?.confirmTitle ?? ''}
        body={<p>{asking?.confirmBody}</p>}
        confirmLabel={asking?.label ?? ''}
        onConfirm={() => { const v = asking; setAsking(null); if (v) void perform(v.action, row.workflowId); }}
        onCancel={() => setAsking(null)}
        testId="workflow-action-dialog"
      />
    </div>
  );
}
