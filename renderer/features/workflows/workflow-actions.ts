import { ACTIONS_BY_KIND, type ControlAction } from '../../../core/contract/connectors.ts';
import type { ConnectorKind } from '../../../core/contract/catalog.ts';
import { vendorName } from '../../lib/vendor-name.ts';

export type WorkflowAction = 'activate-workflow' | 'deactivate-workflow' | 'run-workflow';

export interface WorkflowActionView {
  action: WorkflowAction;
  label: string;
  confirmTitle: string;
  confirmBody: string;
}

/** The workflow controls the vendor offers (n8n: pause/activate; Make: start/stop/run), phrased for the owner. */
export function workflowActionsFor(row: { vendor: string; name: string; active: boolean; archived: boolean }): WorkflowActionView[] {
  if (row.archived) return [];
  const offered: readonly ControlAction[] = ACTIONS_BY_KIND[row.vendor as ConnectorKind] ?? [];
  const vendor = vendorName(row.vendor, row.vendor);
  const views: WorkflowActionView[] = [];
  if (row.active && offered.includes('deactivate-workflow')) {
    views.push({
      action: 'deactivate-workflow', label: row.vendor === 'make' ? 'Stop scenario' : 'Pause workflow',
      confirmTitle: `Pause “${row.name}”?`,
      confirmBody: `${vendor} stops triggering this workflow until it is activated again. This is recorded in the audit log under your name.`,
    });
  }
  if (!row.active && offered.includes('activate-workflow')) {
    views.push({
      action: 'activate-workflow', label: row.vendor === 'make' ? 'Start scenario' : 'Activate workflow',
      confirmTitle: `Activate “${row.name}”?`,
      confirmBody: `${vendor} starts triggering this workflow again. This is recorded in the audit log under your name.`,
    });
  }
  if (offered.includes('run-workflow')) {
    views.push({
      action: 'run-workflow', label: 'Run now',
      confirmTitle: `Run “${row.name}” now?`,
      confirmBody: `${vendor} runs this workflow once, now. This is recorded in the audit log under your name.`,
    });
  }
  return views;
}
