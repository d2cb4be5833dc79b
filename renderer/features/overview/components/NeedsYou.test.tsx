import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { BlindCause, ListStatesOutput, WorkflowState } from '../../../../core/contract/states.ts';
import { formatWhen } from '../../../lib/format.ts';
import { NeedsYou } from './NeedsYou.tsx';

const NOW = Date.UTC(2026, 2, 11, 10, 30);
// useNow has no server snapshot.
vi.mock('../../../lib/useNow.ts', () => ({ useNow: () => NOW }));

const make: BlindCause = { kind: 'connector', connectorId: 'c2', connectorName: 'Make', message: 'Make rejected the API token (401).' };
let id = 0;
function wf(state: WorkflowState['state'], more: Partial<WorkflowState> = {}): WorkflowState {
  id += 1;
  return {
    workflowId: id, name: `W${id}`, vendor: 'n8n', connectorId: 'c1', connectorName: 'n8n', externalId: `e${id}`, state, since: null,
    reason: `reason ${id}`, attention: !['ok', 'never-run'].includes(state) && more.pausedBy !== 'flowdeck', lastError: null, failingStep: null,
    streak: 0, streakRunIds: [], lastRunId: null, lastRunAt: null, pausedBy: null, pausedActor: null,
    expectation: { source: 'none', label: null, dueAt: null, graceMs: 0 }, criticality: null, cause: null,
    action: { label: 'Open the workflow', href: `#/workflows/${id}` }, ...more,
  };
}
function output(workflows: WorkflowState[], causes: BlindCause[] = []): ListStatesOutput {
  const counts = { missed: 0, failing: 0, paused: 0, unknown: 0, late: 0, 'never-run': 0, ok: 0 };
  for (const w of workflows) counts[w.state]++;
  return { now: NOW, needsAttention: workflows.filter((w) => w.attention).length, counts, workflows, causes };
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('NeedsYou', () => {
  it('lists what needs the owner in the core order, and says a blind cause once above the workflows it hides', () => {
    const blind = (n: number) => wf('unknown', { connectorId: 'c2', cause: make,
      reason: `Flowdeck cannot see it: ${make.message} Its last run started ${n} days ago.` });
    const rows = [wf('missed', { name: 'Inventory', since: NOW - 3 * 86_400_000 }), wf('failing', { name: 'Support' }), blind(2), blind(3),
      wf('late', { name: 'Backup' }), wf('paused', { pausedBy: 'flowdeck', name: 'Ours' }), wf('ok', { name: 'Fine' })];
    const html = renderToStaticMarkup(<NeedsYou data={output(rows, [make])} />);
    const t = text(html);
    expect(t).toContain('Needs you (5)');
    expect(t.match(/Make rejected the API token/g)).toHaveLength(1);
    expect(t).toContain('Flowdeck cannot see 2 workflows: Make rejected the API token (401).');
    expect(t).toContain('Its last run started 2 days ago.');
    const order = [...html.matchAll(/data-workflow="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['Inventory', 'Support', rows[2]!.name, rows[3]!.name, 'Backup']);
    expect(html).toContain('href="#/workflows/1"');
    expect(t).toContain(`since ${formatWhen(NOW - 3 * 86_400_000, NOW)}`);
    expect(t).not.toContain('Ours');
  });

  it('says all is fine when nothing needs the owner, with paused-from-Flowdeck and never-run quietly', () => {
    const html = renderToStaticMarkup(<NeedsYou data={output([wf('ok'), wf('ok'), wf('never-run'), wf('paused', { pausedBy: 'flowdeck' })])} />);
    const t = text(html);
    expect(t).toContain('All 4 automations are fine.');
    expect(t).toContain('1 paused from Flowdeck · 1 has not run yet');
    expect(html).not.toContain('needs-you-row');
  });
});
