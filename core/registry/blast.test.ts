import { describe, expect, it } from 'vitest';
import type { MapEdge } from '../contract/map.ts';
import type { WorkflowState } from '../contract/states.ts';
import { blastRadius } from './blast.ts';

const NOW = Date.UTC(2026, 11, 7, 9, 30);
const edge = (kind: MapEdge['kind'], from: number, to: number, directed = true): MapEdge =>
  ({ key: `${kind}:${from}->${to}`, from, to, kind, directed, evidence: null, manual: null });
const state = (workflowId: number, name: string, s: WorkflowState['state'], since: number | null = null) =>
  [workflowId, { workflowId, name, state: s, since } as WorkflowState] as const;

describe('blast radius', () => {
  // Typeform scenario (1) → n8n intake (2) → sub-workflow (3); intake also → Zapier (4); 5 shares a sign-in with 2.
  const edges = [edge('webhook-call', 1, 2), edge('sub-workflow', 2, 3), edge('webhook-call', 2, 4), edge('shared-credential', 2, 5, false)];
  const names = new Map([[1, 'Typeform to n8n'], [2, 'Intake'], [3, 'Enrich'], [4, 'Zapier CRM'], [5, 'Billing']]);

  it('names every automation downstream, nearest first, and the failing one upstream with its time', () => {
    const states = new Map([state(1, 'Typeform to n8n', 'failing', Date.UTC(2026, 11, 7, 6, 12)), state(2, 'Intake', 'failing'), state(3, 'Enrich', 'ok'), state(4, 'Zapier CRM', 'ok')]);
    expect(blastRadius(1, edges, states, names, NOW)).toMatchObject({
      dependents: '3 automations depend on this: Intake, Enrich and Zapier CRM.', likelyCause: null,
      downstream: [{ workflowId: 2, state: 'failing' }, { workflowId: 3 }, { workflowId: 4 }],
    });
    expect(blastRadius(2, edges, states, names, NOW).likelyCause).toBe('Its input comes from Typeform to n8n, which is failing since 06:12 UTC.');
    expect(blastRadius(3, edges, states, names, NOW)).toMatchObject({
      dependents: null, likelyCause: 'Its input comes from Intake, which is failing.', upstream: [{ workflowId: 2 }, { workflowId: 1 }],
    });
  });

  it('an older failure carries its date; a shared sign-in is the cause when nothing upstream fails; undirected edges are not dependents', () => {
    const states = new Map([state(1, 'Typeform to n8n', 'missed', Date.UTC(2026, 11, 5, 23, 0)), state(2, 'Intake', 'ok'), state(5, 'Billing', 'failing', Date.UTC(2026, 11, 7, 8, 0))]);
    expect(blastRadius(3, edges, states, names, NOW).likelyCause).toBe('Its input comes, through other automations, from Typeform to n8n, which missed its run due 2026-12-05 23:00 UTC.');
    expect(blastRadius(2, [edge('shared-credential', 2, 5, false)], states, names, NOW))
      .toEqual({ downstream: [], upstream: [], dependents: null, likelyCause: 'It signs in like Billing, which is failing too since 08:00 UTC: the shared sign-in may be the cause.' });
  });

  it('cycles end', () => {
    expect(blastRadius(1, [edge('manual', 1, 2), edge('manual', 2, 1)], new Map(), names, NOW).dependents).toBe('1 automation depends on this: Intake.');
  });
});
