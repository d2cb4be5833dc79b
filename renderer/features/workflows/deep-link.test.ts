import { describe, expect, it } from 'vitest';
import { parseWorkflowLink, workflowHref } from './deep-link.ts';

describe('workflow deep links', () => {
  it('round-trips a workflow and a version diff', () => {
    expect(parseWorkflowLink(workflowHref(7, 42))).toEqual({ workflowId: 7, diffVersionId: 42 });
    expect(parseWorkflowLink(workflowHref(7))).toEqual({ workflowId: 7, diffVersionId: null });
  });

  it('ignores other pages and malformed ids', () => {
    expect(parseWorkflowLink('#/workflows')).toBeNull();
    expect(parseWorkflowLink('#/runs/7')).toBeNull();
    expect(parseWorkflowLink('#/workflows/abc')).toBeNull();
    expect(parseWorkflowLink('#/workflows/7?diff=x')).toEqual({ workflowId: 7, diffVersionId: null });
  });
});
