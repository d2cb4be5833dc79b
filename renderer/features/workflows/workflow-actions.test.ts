import { describe, expect, it } from 'vitest';
import { workflowActionsFor } from './workflow-actions.ts';

describe('workflow controls', () => {
  it('offers what each vendor allows, phrased for the state the workflow is in', () => {
    expect(workflowActionsFor({ vendor: 'n8n', name: 'Leads', active: true, archived: false }).map((v) => v.label)).toEqual(['Pause workflow']);
    expect(workflowActionsFor({ vendor: 'n8n', name: 'Leads', active: false, archived: false }).map((v) => v.action)).toEqual(['activate-workflow']);
    expect(workflowActionsFor({ vendor: 'make', name: 'Billing', active: true, archived: false }).map((v) => v.label)).toEqual(['Stop scenario', 'Run now']);
    expect(workflowActionsFor({ vendor: 'zapier', name: 'Zap', active: true, archived: false }).map((v) => v.action)).toEqual(['deactivate-workflow']);
    expect(workflowActionsFor({ vendor: 'n8n', name: 'Old', active: true, archived: true })).toEqual([]);
  });

  it('says in the confirmation that the action is audited under the user', () => {
    const [pause] = workflowActionsFor({ vendor: 'n8n', name: 'Leads', active: true, archived: false });
    expect(pause!.confirmTitle).toBe('Pause “Leads”?');
    expect(pause!.confirmBody).toContain('audit log under your name');
  });
});
