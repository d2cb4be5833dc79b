import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import type { CallContext, Input, Method, Output } from '../../core/contract/handlers.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import type { WorkflowDefinition } from '../../core/sync/vendors/types.ts';

/** The system map through the dispatcher (issue 19): inferred edges, manual edges audited, hidden edges, blast radius. */
const T0 = Date.UTC(2026, 10, 25, 12);
const HOOK = 'https://hook.eu1.make.com/typeform8812';
const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

const def = (externalId: string, name: string, definition: unknown): WorkflowDefinition =>
  ({ externalId, name, active: true, archived: false, vendorVersionId: null, updatedAt: T0, tags: [], deepLink: null, definition });
const n8nNode = (name: string, type: string, parameters: Record<string, unknown>) => ({ id: name, name, type, typeVersion: 1, position: [0, 0], parameters });

function estate(): Core {
  const clock = fixedClock(T0);
  const core = createCore({ dataDir: ':memory:', clock, logger: createMemoryLogger() });
  cores.push(core);
  core.ledger.connectors.create({ id: 'n8n-main', kind: 'n8n', name: 'n8n', baseUrl: 'https://n8n.acme.test' }, T0);
  core.ledger.connectors.create({ id: 'make-eu1', kind: 'make', name: 'Make', baseUrl: 'https://eu1.make.com' }, T0);
  core.connectors.repo.upsertWorkflows('make-eu1', [def('501', 'Leads – Typeform to n8n', {
    scenario: { id: 501, name: 'Leads – Typeform to n8n' },
    blueprint: { name: 'x', flow: [
      { id: 1, module: 'gateway:CustomWebHook', parameters: { hook: 77 }, mapper: {} },
      { id: 2, module: 'http:ActionSendData', parameters: {}, mapper: { url: 'https://n8n.acme.test/webhook/leads', method: 'post' } },
    ] },
    hooks: [{ id: 77, url: HOOK }],
  })], T0);
  core.connectors.repo.upsertWorkflows('n8n-main', [
    def('A1', 'Leads – Enrich and route', { name: 'A1', nodes: [
      n8nNode('Leads in', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: 'leads' }),
      n8nNode('Score', 'n8n-nodes-base.executeWorkflow', { workflowId: { __rl: true, value: 'B2', mode: 'list' } }),
    ], connections: {}, settings: {} }),
    def('B2', 'Leads – Score', { name: 'B2', nodes: [n8nNode('Start', 'n8n-nodes-base.executeWorkflowTrigger', {})], connections: {}, settings: {} }),
    def('C3', 'Ops – Ping Make', { name: 'C3', nodes: [n8nNode('Ping', 'n8n-nodes-base.httpRequest', { url: HOOK })], connections: {}, settings: {} }),
  ], T0);
  return core;
}

/** A dispatcher call's output (a refusal throws). */
async function call<M extends Method>(core: Core, method: M, input: Input<M>, ctx: CallContext): Promise<Output<M>> {
  const r = await core.dispatcher.dispatch(method, input, ctx);
  if (!r.ok) throw new Error(r.error.message);
  return r.output as Output<M>;
}

const idOf = (core: Core, name: string) => core.ledger.registry.list().find((w) => w.name === name)!.workflowId;

describe('system map', () => {
  it('lists a three-step cross-vendor chain with evidence, and names the automations downstream', async () => {
    const core = estate();
    const [make, enrich, score, ping] = ['Leads – Typeform to n8n', 'Leads – Enrich and route', 'Leads – Score', 'Ops – Ping Make'].map((n) => idOf(core, n));
    const { edges } = await call(core, 'registry/list-edges', {}, { actor: 'owner' });
    expect(edges.map((e) => [e.kind, e.from, e.to, e.evidence?.step])).toEqual([
      ['webhook-call', make, enrich, 'http:ActionSendData #2'],
      ['sub-workflow', enrich, score, 'Score'],
      ['webhook-call', ping, make, 'Ping'],
    ].sort((a, b) => (a[1] as number) - (b[1] as number) || (a[2] as number) - (b[2] as number)));
    const blast = await call(core, 'registry/get-blast-radius', { workflowId: make! }, { actor: 'owner' });
    expect(blast.dependents).toBe('2 automations depend on this: Leads – Enrich and route and Leads – Score.');
    expect(blast.upstream.map((u) => u.name)).toEqual(['Ops – Ping Make']);
    const text = await call(core, 'registry/get-map-text', {}, { actor: 'owner' });
    expect(text.mermaid).toContain(`w${make} -->|"sends to its webhook"| w${enrich}`);
    expect(text.dot).toContain(`w${enrich} -> w${score} [label="runs as a step"];`);
  });

  it('adds and removes a manual edge and hides an inferred one, each audited; a viewer may not', async () => {
    const core = estate();
    const [enrich, ping, score] = ['Leads – Enrich and route', 'Ops – Ping Make', 'Leads – Score'].map((n) => idOf(core, n));
    const added = await call(core, 'registry/add-edge', { from: score!, to: ping!, note: 'Score posts to Slack, which Ping reads' }, { actor: 'Alice' });
    expect(added).toEqual({ ok: true, message: 'Added “Leads – Score” → “Ops – Ping Make” to the map.' });
    expect((await call(core, 'registry/add-edge', { from: score!, to: ping!, note: null }, { actor: 'Alice' })).ok).toBe(false);
    let list = await call(core, 'registry/list-edges', {}, { actor: 'owner' });
    const manual = list.edges.find((e) => e.kind === 'manual')!;
    expect(manual).toMatchObject({ from: score, to: ping, directed: true, manual: { note: 'Score posts to Slack, which Ping reads', addedBy: 'Alice' } });

    const key = `sub-workflow:${enrich}->${score}`;
    expect(await call(core, 'registry/remove-edge', { key }, { actor: 'Alice' })).toMatchObject({ ok: true });
    expect(await call(core, 'registry/remove-edge', { id: manual.manual!.id }, { actor: 'Alice' })).toMatchObject({ ok: true });
    list = await call(core, 'registry/list-edges', {}, { actor: 'owner' });
    expect(list.edges.some((e) => e.key === key || e.kind === 'manual')).toBe(false);
    expect(list.hidden).toEqual([expect.objectContaining({ key, hiddenBy: 'Alice' })]);
    expect(await call(core, 'registry/unhide-edge', { id: list.hidden[0]!.id }, { actor: 'Alice' })).toMatchObject({ ok: true });
    expect((await call(core, 'registry/list-edges', {}, { actor: 'owner' })).edges.some((e) => e.key === key)).toBe(true);

    expect(core.ledger.audit.list(undefined, 50).map((a) => [a.action, a.actor]).reverse()).toEqual([
      ['registry/add-edge', 'Alice'], ['registry/hide-edge', 'Alice'], ['registry/remove-edge', 'Alice'], ['registry/unhide-edge', 'Alice'],
    ]);
    await expect(call(core, 'registry/add-edge', { from: enrich!, to: ping!, note: null }, { actor: 'Bob', role: 'viewer' })).rejects.toThrow();
  });
});
