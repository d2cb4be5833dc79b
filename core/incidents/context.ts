import type { IncidentContext } from '../contract/alerts.ts';
import { VENDOR_LABELS, vendorCan, type ConnectorKind } from '../contract/catalog.ts';
import type { WorkflowState } from '../contract/states.ts';

const label = (kind: ConnectorKind) => (kind in VENDOR_LABELS ? VENDOR_LABELS[kind as keyof typeof VENDOR_LABELS] : 'This source');

/**
 * Pure: what an incident's page says beyond its summary — the workflow's live state now (its last error, failing step
 * and since when), its owner and runbook, and only the actions its vendor supports, the others explained.
 */
export function incidentContext(state: WorkflowState | null, notes: { owner: string | null; runbook: string | null }, hasRuns: boolean): IncidentContext {
  if (!state) return { state: null, ...notes, actions: [] };
  const v = label(state.vendor);
  const can = (a: 'retry' | 'rerun' | 'deactivate') => vendorCan(state.vendor, a);
  const noRuns = hasRuns ? null : 'No failed run is attached to this incident.';
  return {
    state, ...notes,
    actions: [
      { action: 'retry', available: can('retry') && hasRuns, why: can('retry') ? noRuns : `${v} does not let Flowdeck retry a run; open it in ${v} to replay it.` },
      { action: 'rerun', available: can('rerun') && hasRuns, why: can('rerun') ? noRuns : `${v} does not let Flowdeck re-run a run.` },
      { action: 'pause', available: can('deactivate') && state.state !== 'paused',
        why: !can('deactivate') ? `${v} does not let Flowdeck switch a workflow off; do it in ${v}.` : state.state === 'paused' ? 'It is already switched off.' : null },
    ],
  };
}
