import { ACTIONS_BY_KIND } from '../../../core/contract/connectors.ts';
import type { ConnectorKind } from '../../../core/contract/catalog.ts';
import type { RunDetail } from '../../../core/contract/runs.ts';
import { vendorName } from '../../lib/vendor-name.ts';

export type RunAction = 'retry-run' | 'rerun-run';

export interface RunActionView {
  action: RunAction;
  label: string;
  /** Why it cannot be done now; null when it can. */
  disabledReason: string | null;
  confirmTitle: string;
  confirmBody: string;
}

const FINISHED: readonly string[] = ['success', 'warning', 'failed', 'canceled', 'skipped'];

/**
 * The run control the run's vendor offers (n8n: retry; GitHub: re-run), or a disabled "Retry run" that says why.
 * The core checks again when it is pressed.
 */
export function runActionFor(run: Pick<RunDetail, 'connectorKind' | 'connectorName' | 'status' | 'externalId' | 'workflowName'>): RunActionView {
  const vendor = vendorName(run.connectorKind, run.connectorName);
  const offered = ACTIONS_BY_KIND[run.connectorKind as ConnectorKind] ?? [];
  if (offered.includes('rerun-run')) {
    return {
      action: 'rerun-run', label: 'Re-run',
      disabledReason: FINISHED.includes(run.status) ? null : 'The run is still going; it can be re-run once it has finished.',
      confirmTitle: `Re-run “${run.workflowName}”?`,
      confirmBody: `${vendor} starts this workflow run again (a new attempt of run ${run.externalId}). This is recorded in the audit log under your name.`,
    };
  }
  const retryable = run.status === 'failed' || run.status === 'canceled';
  return {
    action: 'retry-run', label: 'Retry run',
    disabledReason: !offered.includes('retry-run')
      ? (run.connectorKind === 'demo' ? 'Demo runs are simulated; there is nothing to retry.' : `${vendor} does not let Flowdeck retry runs; open it in ${vendor} instead.`)
      : retryable ? null : 'Only failed or canceled runs can be retried.',
    confirmTitle: `Retry “${run.workflowName}”?`,
    confirmBody: `${vendor} runs execution ${run.externalId} again with the same input. This is recorded in the audit log under your name.`,
  };
}
