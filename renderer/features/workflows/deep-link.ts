/** `#/workflows/<id>` opens a workflow; `?diff=<versionId>` also opens that version's diff with the one before it. */
export interface WorkflowLink { workflowId: number; diffVersionId: number | null }

export function workflowHref(workflowId: number, diffVersionId?: number): string {
  return `#/workflows/${workflowId}${diffVersionId !== undefined ? `?diff=${diffVersionId}` : ''}`;
}

export function parseWorkflowLink(hash: string): WorkflowLink | null {
  const m = /^#\/?workflows\/(\d+)(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const workflowId = Number(m[1]);
  const diff = Number(new URLSearchParams(m[2] ?? '').get('diff'));
  if (!Number.isSafeInteger(workflowId) || workflowId <= 0) return null;
  return { workflowId, diffVersionId: Number.isSafeInteger(diff) && diff > 0 ? diff : null };
}
