import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferEdges, type EdgeEntry } from './edges.ts';

/** A webhook workflow exactly as n8n 2.41 lists it (recorded), served by the instance at https://n8n.acme.test. */
const recorded = (JSON.parse(readFileSync(new URL('../../test/fakes/n8n/fixtures/workflows-list.json', import.meta.url), 'utf8')) as { data: Record<string, unknown>[] }).data[0]!;
const N8N = 'https://n8n.acme.test';
const MAKE_HOOK = 'https://hook.eu1.make.com/abc123def456ghi789';

type Node = Record<string, unknown>;
const node = (name: string, type: string, parameters: Record<string, unknown>, extra: Node = {}): Node =>
  ({ id: name, name, type, typeVersion: 4.2, position: [0, 0], parameters, ...extra });
const n8n = (id: number, externalId: string, nodes: Node[], over: Partial<EdgeEntry> = {}): EdgeEntry => ({
  workflowId: id, name: `wf ${id}`, vendor: 'n8n', connectorId: 'n8n-main', baseUrl: N8N, externalId, active: true, archived: false,
  definition: { name: `wf ${id}`, nodes, connections: {}, settings: {} }, ...over,
});

/** The caller: an Execute Workflow node (v1.2 resource locator) and HTTP Request nodes to an n8n webhook and a Make hook. */
const caller = n8n(1, 'Caller01', [
  node('Order received', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: 'orders' }),
  node('Enrich', 'n8n-nodes-base.executeWorkflow', { source: 'database', workflowId: { __rl: true, value: 'Sub00002', mode: 'list', cachedResultName: 'Enrich order' } }),
  node('Tell peer', 'n8n-nodes-base.httpRequest', { method: 'POST', url: `${N8N}/webhook/peer-fail` }),
  node('Tell Make', 'n8n-nodes-base.httpRequest', { method: 'POST', url: MAKE_HOOK }),
]);
const sub = n8n(2, 'Sub00002', [node('Start', 'n8n-nodes-base.executeWorkflowTrigger', {}), node('Set', 'n8n-nodes-base.set', {})]);
const peer = n8n(3, String(recorded['id']), [], { definition: recorded, name: String(recorded['name']) });
/** A Make scenario as stored: { scenario, blueprint, hooks } starting on custom webhook 881, posting to the n8n webhook. */
const make = (id: number, url: string, hookId = 881): EdgeEntry => ({
  workflowId: id, name: `scenario ${id}`, vendor: 'make', connectorId: 'make-eu1', baseUrl: 'https://eu1.make.com', externalId: String(4400 + id), active: true, archived: false,
  definition: {
    scenario: { id: 4400 + id, name: `scenario ${id}` },
    blueprint: {
      name: `scenario ${id}`,
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: { hook: hookId, maxResults: 1 }, mapper: {}, metadata: { designer: { x: 0, y: 0 } } },
        { id: 2, module: 'http:ActionSendData', version: 3, parameters: { handleErrors: false }, mapper: { url, method: 'post', bodyType: 'raw' }, metadata: { designer: { x: 300, y: 0 } } },
      ],
      metadata: { version: 1 },
    },
    hooks: [{ id: hookId, name: 'Typeform in', url: MAKE_HOOK, scenarioId: 4400 + id }],
  },
});
const yaml = (on: string, steps: string) => `name: x\non:\n${on}\njobs:\n  go:\n    runs-on: ubuntu-latest\n    steps:\n${steps}\n`;
const gh = (id: number, path: string, text: string, repository = 'acme/site'): EdgeEntry => ({
  workflowId: id, name: path, vendor: 'github', connectorId: 'gh', baseUrl: 'https://api.github.com', externalId: `${repository}/${id}`, active: true, archived: false,
  definition: { repository, id: 9000 + id, name: path, path: `.github/workflows/${path}`, state: 'active', yaml: text, fileSha: 'x' },
});

const kinds = (edges: ReturnType<typeof inferEdges>) => edges.map((e) => `${e.kind} ${e.from}->${e.to}`);

describe('edge inference (issue 19)', () => {
  it('n8n: an Execute Workflow node gives a sub-workflow edge naming the node and the field', () => {
    const edges = inferEdges([caller, sub]).filter((e) => e.kind === 'sub-workflow');
    expect(edges).toEqual([{ key: 'sub-workflow:1->2', from: 1, to: 2, kind: 'sub-workflow', directed: true, manual: null,
      evidence: { step: 'Enrich', field: 'parameters.workflowId.value', value: 'Sub00002' } }]);
    // The older string form, and the same id in another n8n instance names nobody.
    const old = n8n(4, 'Old', [node('Run', 'n8n-nodes-base.executeWorkflow', { workflowId: 'Sub00002' })]);
    expect(kinds(inferEdges([old, sub]))).toEqual(['sub-workflow 4->2']);
    expect(inferEdges([old, { ...sub, connectorId: 'n8n-other' }])).toEqual([]);
  });

  it('n8n: HTTP Request nodes to a recorded n8n webhook and to a Make custom webhook give webhook-call edges', () => {
    const edges = inferEdges([caller, peer, make(5, 'https://elsewhere.test/x')]).filter((e) => e.kind === 'webhook-call');
    expect(edges.map((e) => [e.from, e.to, e.evidence])).toEqual([
      [1, 3, { step: 'Tell peer', field: 'parameters.url', value: `${N8N}/webhook/peer-fail` }],
      [1, 5, { step: 'Tell Make', field: 'parameters.url', value: MAKE_HOOK }],
    ]);
  });

  it('Make: an HTTP module posting to an n8n webhook gives an edge with the module and mapper.url', () => {
    const edges = inferEdges([make(6, `${N8N}/webhook/orders/`), caller]).filter((e) => e.kind === 'webhook-call' && e.from === 6);
    expect(edges).toEqual([expect.objectContaining({ from: 6, to: 1, evidence: { step: 'http:ActionSendData #2', field: 'mapper.url', value: `${N8N}/webhook/orders/` } })]);
  });

  it('GitHub: a workflow dispatching another (REST address, gh workflow run, repository_dispatch) gives dispatch edges', () => {
    const deploy = gh(10, 'deploy.yml', yaml('  workflow_dispatch:\n  repository_dispatch:\n    types: [deploy-site]', '      - run: ./deploy.sh'));
    const viaGh = gh(11, 'release.yml', yaml('  push:', '      - run: gh workflow run deploy.yml --ref main'));
    const viaCurl = gh(12, 'nightly.yml', yaml('  schedule:\n    - cron: "0 2 * * *"',
      '      - run: |\n          curl -X POST https://api.github.com/repos/acme/site/dispatches \\\n            -d \'{"event_type":"deploy-site"}\''));
    const otherType = gh(13, 'other.yml', yaml('  push:', '      - run: |\n          curl -X POST https://api.github.com/repos/acme/site/dispatches -d \'{"event_type":"lint"}\''));
    const edges = inferEdges([deploy, viaGh, viaCurl, otherType]);
    expect(edges.map((e) => [e.kind, e.from, e.to, e.evidence?.step])).toEqual([
      ['dispatch', 11, 10, 'line 8'],
      ['dispatch', 12, 10, 'line 10'],
    ]);
    // An n8n HTTP node calling the workflow's dispatch address.
    const n = n8n(14, 'N', [node('Deploy', 'n8n-nodes-base.httpRequest', { url: 'https://api.github.com/repos/acme/site/actions/workflows/deploy.yml/dispatches' })]);
    expect(kinds(inferEdges([n, deploy]))).toEqual(['dispatch 14->10']);
  });

  it('no reference, no edge: look-alike addresses on other hosts, other paths and expressions name nobody', () => {
    const lookAlikes = n8n(20, 'L', [
      node('Other host', 'n8n-nodes-base.httpRequest', { url: 'https://n8n.acme.test.evil.example/webhook/peer-fail' }),
      node('Other port', 'n8n-nodes-base.httpRequest', { url: 'https://n8n.acme.test:8443/webhook/peer-fail' }),
      node('Prefix', 'n8n-nodes-base.httpRequest', { url: `${N8N}/webhook/peer-fail-2` }),
      node('Other Make zone', 'n8n-nodes-base.httpRequest', { url: 'https://hook.us1.make.com/abc123def456ghi789' }),
      node('Expression', 'n8n-nodes-base.httpRequest', { url: '={{ $json.callback }}' }),
      node('GitHub elsewhere', 'n8n-nodes-base.httpRequest', { url: 'https://api.github.example/repos/acme/site/dispatches' }),
    ]);
    const deploy = gh(10, 'deploy.yml', yaml('  workflow_dispatch:\n  repository_dispatch:', '      - run: ./deploy.sh'));
    expect(inferEdges([lookAlikes, peer, make(5, 'https://x.test'), deploy])).toEqual([]);
  });

  it('shared credentials and duplicate triggers are undirected edges; archived workflows take part in none', () => {
    const cred = { hubspotApi: { id: 'c-hs', name: 'HubSpot production' } };
    const a = n8n(30, 'A', [node('Hook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: 'form' }), node('CRM', 'n8n-nodes-base.hubspot', {}, { credentials: cred })]);
    const b = n8n(31, 'B', [node('Hook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: 'form' }), node('CRM', 'n8n-nodes-base.hubspot', {}, { credentials: cred })]);
    const gone = { ...n8n(32, 'C', [node('Hook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: 'form' })]), archived: true };
    const edges = inferEdges([b, a, gone]);
    expect(edges.map((e) => [e.kind, e.from, e.to, e.directed, e.evidence?.field])).toEqual([
      ['duplicate-trigger', 30, 31, false, 'trigger'],
      ['shared-credential', 30, 31, false, 'credentials.hubspotApi'],
    ]);
    // The same credential id in another account is another credential.
    expect(inferEdges([a, { ...b, connectorId: 'n8n-other', definition: { nodes: [node('CRM', 'n8n-nodes-base.hubspot', {}, { credentials: cred })] } }])).toEqual([]);
  });
});
