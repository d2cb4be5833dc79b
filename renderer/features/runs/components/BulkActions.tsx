import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ACTIONS_BY_KIND } from '../../../../core/contract/connectors.ts';
import type { ConnectorKind } from '../../../../core/contract/catalog.ts';
import type { BulkAction, BulkOutcome, BulkPreview, BulkReport } from '../../../../core/contract/runs-bulk.ts';
import { useCan } from '../../../lib/access.ts';
import { serverNow } from '../../../lib/server-clock.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { useBulkStore } from '../bulk-store.ts';
import { useBulkLive } from '../useBulkLive.ts';
import { isFilterActive, toRunFilter } from '../filters.ts';
import { useRunsStore } from '../store.ts';
import '../bulk.css';

const VERB: Record<BulkAction, { button: string; doing: string; noun: string; verb: string }> = {
  'retry-run': { button: 'Retry all…', doing: 'Retrying', noun: 'retry', verb: 'Retry' },
  'rerun-run': { button: 'Re-run all…', doing: 'Re-running', noun: 're-run', verb: 'Re-run' },
};

const OUTCOME_LABEL: Record<BulkOutcome, string> = { started: 'Started', refused: 'Refused', failed: 'Failed', 'not-started': 'Not started' };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Retry all…" / "Re-run all…" for the filtered list on screen, shown when some listed run's vendor offers it. */
export function BulkButtons() {
  const { filtered, kinds, filter, search } = useRunsStore(useShallow((s) => ({
    filtered: isFilterActive(s.filter) || s.search.trim() !== '',
    kinds: [...new Set(s.items.map((r) => r.connectorKind))].sort().join(','),
    filter: s.filter,
    search: s.search,
  })));
  const ask = useBulkStore((s) => s.ask);
  const busy = useBulkStore((s) => s.phase !== 'idle');
  const can = useCan('runs/start-bulk-action');
  if (!filtered) return null;
  const offered = (action: BulkAction) => kinds.split(',').some((k) => ACTIONS_BY_KIND[k as ConnectorKind]?.includes(action));
  const actions = (['retry-run', 'rerun-run'] as const).filter(offered);
  if (!actions.length) return null;
  return (
    <div className="bulk-buttons" data-testid="bulk-buttons">
      {actions.map((action) => (
        <button key={action} type="button" className="button" disabled={busy} data-testid={`bulk-${action}`} {...can.lock}
          onClick={() => void ask(action, { filter: toRunFilter(filter, serverNow()), ...(search.trim() ? { search: search.trim() } : {}) })}>
          {VERB[action].button}
        </button>
      ))}
    </div>
  );
}

function SkippedList({ preview }: { preview: Pick<BulkPreview, 'skipped'> }) {
  if (!preview.skipped.length) return null;
  return (
    <div className="bulk-skipped">
      <p>Skipped:</p>
      <ul data-testid="bulk-skipped">
        {preview.skipped.map((g) => <li key={`${g.reason}:${g.message}`}><strong>{g.count}</strong> — {g.message}</li>)}
      </ul>
    </div>
  );
}

/** The confirmation: how many runs, on which connectors at what pace, and which are skipped and why. */
function BulkConfirm() {
  const { phase, preview, loadWorkflow } = useBulkStore(useShallow((s) => ({ phase: s.phase, preview: s.preview, loadWorkflow: s.loadWorkflow })));
  const { start, dismiss, setLoadWorkflow } = useBulkStore(useShallow((s) => ({ start: s.start, dismiss: s.dismiss, setLoadWorkflow: s.setLoadWorkflow })));
  const can = useCan('runs/start-bulk-action');
  const open = phase === 'confirm' || phase === 'starting';
  if (!preview) return <Modal open={false} title="" onClose={dismiss} testId="bulk-dialog">{null}</Modal>;
  const v = VERB[preview.action];
  const none = preview.eligible === 0;
  const title = none ? `Nothing to ${v.noun}` : `${v.verb} ${plural(preview.eligible, 'run')}?`;
  return (
    <Modal open={open} title={title} onClose={dismiss} testId="bulk-dialog" wide>
      <div className="modal-body">
        <p data-testid="bulk-count">
          {none
            ? `None of the ${plural(preview.matched, 'run')} in this list can be ${v.noun === 'retry' ? 'retried' : 're-run'}.`
            : `${preview.eligible === preview.matched ? `All ${plural(preview.eligible, 'run')}` : `${plural(preview.eligible, 'run')} of the ${preview.matched}`} in this list will be ${v.noun === 'retry' ? 'retried' : 're-run'} at the vendor, one after another. Each is recorded in the audit log under your name.`}
        </p>
        {preview.connectors.length ? (
          <ul className="bulk-connectors">
            {preview.connectors.map((c) => <li key={c.connectorId}><strong>{c.name}</strong>: {plural(c.count, 'run')}, {c.pace}</li>)}
          </ul>
        ) : null}
        <SkippedList preview={preview} />
        {preview.loadWorkflowOffered && !none ? (
          <label className="bulk-option">
            <input type="checkbox" checked={loadWorkflow} onChange={(e) => setLoadWorkflow(e.target.checked)} data-testid="bulk-load-workflow" />
            {' '}Use the current workflow version (n8n): run each workflow as it is saved now, not as it was when the run failed
          </label>
        ) : null}
      </div>
      <div className="modal-actions">
        <button type="button" className="button" onClick={dismiss} disabled={phase === 'starting'}>{none ? 'Close' : 'Cancel'}</button>
        {none ? null : (
          <button type="button" className="button button-primary" onClick={() => void start()} disabled={phase === 'starting'}
            data-testid="bulk-dialog-confirm" autoFocus {...can.lock}>
            {phase === 'starting' ? 'Starting…' : `${v.verb} ${plural(preview.eligible, 'run')}`}
          </button>
        )}
      </div>
    </Modal>
  );
}

function ResultsTable({ report }: { report: BulkReport }) {
  const [show, setShow] = useState<BulkOutcome | 'all'>('all');
  const rows = report.results.filter((r) => show === 'all' || r.outcome === show);
  return (
    <details className="bulk-results" open={report.refused + report.failed > 0}>
      <summary>Result per run</summary>
      <label className="field bulk-results-filter">
        <span className="field-label">Show</span>
        <select value={show} onChange={(e) => setShow(e.target.value as BulkOutcome | 'all')} data-testid="bulk-results-show">
          <option value="all">All ({report.results.length})</option>
          {(['started', 'refused', 'failed', 'not-started'] as const).map((o) => {
            const n = report.results.filter((r) => r.outcome === o).length;
            return n ? <option key={o} value={o}>{OUTCOME_LABEL[o]} ({n})</option> : null;
          })}
        </select>
      </label>
      <table className="bulk-table" data-testid="bulk-results">
        <thead><tr><th scope="col">Run</th><th scope="col">Workflow</th><th scope="col">Result</th><th scope="col">What the vendor said</th></tr></thead>
        <tbody>
          {rows.slice(0, 500).map((r) => (
            <tr key={r.runId} data-outcome={r.outcome}>
              <td className="mono">{r.externalId}</td>
              <td>{r.workflowName}</td>
              <td><span className={`bulk-outcome bulk-outcome-${r.outcome}`}>{OUTCOME_LABEL[r.outcome]}</span></td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > 500 ? <p className="muted">The first 500 are shown.</p> : null}
    </details>
  );
}

/** Progress while the job runs (a live region, with Cancel), then what happened to each run. */
function BulkProgressPanel() {
  const { phase, progress, report, cancelling, error } = useBulkStore(useShallow((s) => ({
    phase: s.phase, progress: s.progress, report: s.report, cancelling: s.cancelling, error: s.error,
  })));
  const { cancel, dismiss } = useBulkStore(useShallow((s) => ({ cancel: s.cancel, dismiss: s.dismiss })));
  const can = useCan('runs/cancel-bulk-action');
  const labelId = useId();
  if (error && (phase === 'idle' || phase === 'done')) {
    return (
      <div className="bulk-panel bulk-panel-bad" role="alert" data-testid="bulk-error">
        <p>{error}</p>
        <button type="button" className="button" onClick={dismiss}>Close</button>
      </div>
    );
  }
  if (!progress || (phase !== 'running' && phase !== 'done')) return null;
  const v = VERB[progress.action];
  const running = progress.state === 'running';
  const counts = `${progress.started} started, ${progress.refused} refused, ${progress.failed} failed`;
  const headline = running
    ? `${v.doing}: ${progress.done} of ${progress.total} done`
    : progress.state === 'cancelled'
      ? `Cancelled after ${progress.done} of ${progress.total}`
      : `Done: ${progress.total} ${progress.total === 1 ? 'run' : 'runs'}`;
  return (
    <section className="bulk-panel" aria-labelledby={labelId} data-testid="bulk-panel" data-state={progress.state}>
      <div className="bulk-panel-head">
        <h2 id={labelId} className="bulk-title">{headline}</h2>
        {running ? (
          <button type="button" className="button" onClick={() => void cancel()} disabled={cancelling} data-testid="bulk-cancel" {...can.lock}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" className="button" onClick={dismiss} data-testid="bulk-close">Close</button>
        )}
      </div>
      <progress max={progress.total || 1} value={progress.done} aria-labelledby={labelId} />
      <p role="status" aria-live="polite" data-testid="bulk-status">
        {running ? `${headline} — ${counts}.` : `${counts}${progress.state === 'cancelled' ? `, ${progress.total - progress.done} not started` : ''}.`}
      </p>
      {report ? <SkippedList preview={report} /> : null}
      {report ? <ResultsTable report={report} /> : null}
    </section>
  );
}

/** Everything bulk on the Runs page: the confirmation dialog and the progress / result panel. */
export function BulkActionsArea() {
  useBulkLive();
  return (
    <>
      <BulkConfirm />
      <BulkProgressPanel />
    </>
  );
}
