import { useId, useState } from 'react';
import type { RunDetail } from '../../../../core/contract/runs.ts';
import '../../../ui/run-actions.css';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { runActionFor } from '../run-actions.ts';
import { useRunActionsStore } from '../run-actions-store.ts';
import { useCan } from '../../../lib/access.ts';

/** "Retry run" (n8n) or "Re-run" (GitHub), asked for first; disabled with the reason when it cannot be done. */
export function RunActions({ run }: { run: RunDetail }) {
  const view = runActionFor(run);
  const perform = useRunActionsStore((s) => s.perform);
  const busy = useRunActionsStore((s) => s.busyRunId === run.id);
  const result = useRunActionsStore((s) => (s.result?.runId === run.id ? s.result : null));
  const [asking, setAsking] = useState(false);
  const reasonId = useId();
  const can = useCan(view.action === 'rerun-run' ? 'runs/rerun-run' : 'runs/retry-run');
  // The role comes first: a Viewer cannot retry any run, whatever the vendor allows.
  const reason = can.reason ?? view.disabledReason;
  return (
    <div className="run-actions" data-testid="run-actions">
      <div className="run-actions-buttons">
        <button type="button" className="button" disabled={view.disabledReason !== null || busy} onClick={() => setAsking(true)}
          aria-describedby={reason ? reasonId : undefined} data-testid={`run-action-${view.action}`} {...can.lock}>
          {busy ? 'Working…' : view.label}
        </button>
      </div>
      {reason ? <span className="run-action-reason muted" id={reasonId} data-testid="run-action-reason">{reason}</span> : null}
      {result ? (
        <p className={result.ok ? 'run-action-result' : 'run-action-result run-action-result-bad'} role="status" data-testid="run-action-result">{result.message}</p>
      ) : null}
      <ConfirmDialog
        open={asking}
        title={view.confirmTitle}
        body={<p>{view.confirmBody}</p>}
        confirmLabel={view.label}
        onConfirm={() => { setAsking(false); void perform(view.action, run.id); }}
        onCancel={() => setAsking(false)}
        testId="run-action-dialog"
      />
    </div>
  );
}
