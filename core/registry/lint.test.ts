import { describe, expect, it } from 'vitest';
import type { RegistryMetadata } from '../contract/registry.ts';
import { cappedHealth, DEFAULT_NAMING_EXAMPLE, DEFAULT_NAMING_PATTERN, healthScore, lintEstate, overallHealth, type LintEntry } from './lint.ts';

const NOW = Date.UTC(2026, 10, 25, 12);
const DAY = 86_400_000;
const META: RegistryMetadata = {
  owner: 'ops@acme.test', purpose: 'Moves orders.', runbook: null, environment: 'production', criticality: 'high', tags: [],
  expectedSchedule: { kind: 'interval', everyMinutes: 15 },
};
type Node = Record<string, unknown>;
const node = (name: string, type: string, parameters: Record<string, unknown> = {}, extra: Node = {}): Node =>
  ({ id: name, name, type, typeVersion: 1, position: [0, 0], parameters, ...extra });

function wf(id: number, name: string, nodes: Node[], over: Partial<LintEntry> = {}, settings: Record<string, unknown> = { errorWorkflow: 'err' }): LintEntry {
  return {
    workflowId: id, name, vendor: 'n8n', active: true, archived: false, createdAt: NOW - 60 * DAY, metadata: META, tags: [], lastRunAt: NOW - 3_600_000,
    definition: { name, nodes, connections: {}, settings }, ...over,
  };
}

/** A clean estate: named by convention, documented, distinct triggers, error workflow set, no literals, recent runs. */
const clean = (): LintEntry[] => [
  wf(1, 'Sales – Leads to CRM', [node('Webhook', 'n8n-nodes-base.webhook', { path: 'leads', httpMethod: 'POST' }), node('CRM', 'n8n-nodes-base.hubspot', { email: '={{ $json.email }}' })]),
  wf(2, 'Sync – Orders to Sheets', [node('Every 15 min', 'n8n-nodes-base.scheduleTrigger', { rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } }), node('Sheets', 'n8n-nodes-base.googleSheets', { documentId: 'doc-1' })]),
  wf(3, 'Ops – Test harness', [node('Manual', 'n8n-nodes-base.manualTrigger'), node('HTTP', 'n8n-nodes-base.httpRequest', { url: 'https://api.example.com/ping' }, { credentials: { httpHeaderAuth: { id: 'c1', name: 'Example sandbox' } } })],
    { metadata: { ...META, environment: 'test' } }),
  { ...wf(4, 'Billing – Invoices to Xero', []), vendor: 'make', definition: { name: 'x', flow: [{ id: 1, module: 'stripe:watchEvents', onerror: [{ id: 2, module: 'builtin:Ignore' }] }] } },
];

const opts = { now: NOW, namingPattern: DEFAULT_NAMING_PATTERN, namingExample: DEFAULT_NAMING_EXAMPLE };
const rules = (estate: LintEntry[]) => lintEstate(estate, opts).map((f) => [f.rule, f.workflowId]);

describe('architecture lint', () => {
  it('finds nothing on a clean estate', () => {
    expect(lintEstate(clean(), opts)).toEqual([]);
  });

  it('naming: a name without “<Area> – <Purpose>”, with the configured pattern', () => {
    const estate = clean();
    estate[0] = { ...estate[0]!, name: 'My workflow 3' };
    expect(rules(estate)).toEqual([['naming', 1]]);
    expect(lintEstate(estate, { ...opts, namingPattern: '^My ' })).toHaveLength(3);
  });

  it('production workflow without owner, description and expected schedule', () => {
    const estate = clean();
    estate[1] = { ...estate[1]!, metadata: { ...META, owner: null, purpose: null, expectedSchedule: null } };
    const found = lintEstate(estate, opts);
    expect(found.map((f) => [f.rule, f.workflowId])).toEqual([['production-undocumented', 2]]);
    expect(found[0]!.message).toBe('Production workflow without an owner, a description, an expected schedule.');
    expect(found[0]!.fix).toMatch(/owner/);
  });

  it('overlapping triggers: same webhook path, same app event, same schedule + target', () => {
    const estate = clean();
    estate.push(wf(5, 'Sales – Leads copy', [node('Hook', 'n8n-nodes-base.webhook', { path: '/leads', httpMethod: 'POST' }), node('Mail', 'n8n-nodes-base.gmail')]));
    estate.push(wf(6, 'Sync – Orders again', [node('Timer', 'n8n-nodes-base.scheduleTrigger', { rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } }), node('Sheets', 'n8n-nodes-base.googleSheets', { documentId: 'doc-1' })]));
    const ev = (id: number, name: string) => wf(id, name, [node('On order', 'n8n-nodes-base.shopifyTrigger', { topic: 'orders/create' }), node(`Step ${id}`, 'n8n-nodes-base.noOp')]);
    estate.push(ev(7, 'Shop – Orders A'), ev(8, 'Shop – Orders B'));
    estate.push({ ...ev(9, 'Shop – Orders C'), active: false });
    expect(rules(estate).sort()).toEqual([['overlapping-triggers', 1], ['overlapping-triggers', 2], ['overlapping-triggers', 5], ['overlapping-triggers', 6], ['overlapping-triggers', 7], ['overlapping-triggers', 8]]);
    expect(lintEstate(estate, opts).find((f) => f.workflowId === 5)!.message).toContain('the same webhook (POST leads) as “Sales – Leads to CRM”');
  });

  it('missing error path: n8n without errorWorkflow or error output, Make without onerror', () => {
    const estate = clean();
    estate[0] = { ...estate[0]!, definition: { ...(estate[0]!.definition as object), settings: {} } };
    estate[3] = { ...estate[3]!, definition: { name: 'x', flow: [{ id: 1, module: 'stripe:watchEvents' }] } };
    const withOutput = wf(10, 'Ops – Guarded', [node('A', 'n8n-nodes-base.noOp', {}, { onError: 'continueErrorOutput' })], {}, {});
    expect(rules([...estate, withOutput])).toEqual([['missing-error-path', 4], ['missing-error-path', 1]]);
  });

  it('test/production mix: a test workflow on a production connection', () => {
    const estate = clean();
    estate[2] = wf(3, 'Ops – Test harness', [node('HTTP', 'n8n-nodes-base.httpRequest', {}, { credentials: { a: { id: 'c', name: 'Stripe production' } } })],
      { metadata: { ...META, environment: 'test' } });
    expect(rules(estate)).toEqual([['environment-mix', 3]]);
  });

  it('hard-coded secrets and URLs with credentials, but not expressions', () => {
    const estate = clean();
    estate[0] = wf(1, 'Sales – Leads to CRM', [
      node('HTTP', 'n8n-nodes-base.httpRequest', {
        url: 'https://bot:hunter22@api.example.com/x',
        headerParameters: { parameters: [{ name: 'Authorization', value: 'Bearer abcdefghijklmnopqrstuvwx' }, { name: 'X-Trace', value: '={{ $json.id }}' }] },
      }),
      node('Code', 'n8n-nodes-base.code', { apiKey: 'sk_live_abcdefghijklmnop', token: '={{ $credentials.token }}' }),
    ]);
    const found = lintEstate(estate, opts).filter((f) => f.rule === 'hard-coded-secret');
    expect(found.map((f) => f.message)).toEqual([
      'Step “Code” has a literal value for “apiKey” typed into apiKey.',
      'Step “HTTP” has a bearer token typed into headerParameters.parameters.0.value.',
      'Step “HTTP” has a URL with a user name and password typed into url.',
    ]);
    expect(rules(estate)).toEqual([['hard-coded-secret', 1], ['hard-coded-secret', 1], ['hard-coded-secret', 1]]);
  });

  it('never-run and dead workflows', () => {
    const estate = clean();
    estate[0] = { ...estate[0]!, lastRunAt: null };
    estate[1] = { ...estate[1]!, lastRunAt: NOW - 45 * DAY };
    estate.push({ ...wf(11, 'Ops – Brand new', [node('Manual', 'n8n-nodes-base.manualTrigger')]), lastRunAt: null, createdAt: NOW - DAY });
    expect(rules(estate)).toEqual([['dead-workflow', 2], ['never-run', 1]]);
  });

  it('scores health from findings and failure rate', () => {
    expect(healthScore([], 0)).toBe(100);
    expect(healthScore(lintEstate([{ ...clean()[0]!, name: 'bad' }], opts), 0.1)).toBe(86);
    expect(overallHealth([100, 50])).toBe(75);
  });

  it('the live state caps health: failing or missed at most 40, switched off by the vendor at most 50, unknown not scored', () => {
    const live = (state: 'ok' | 'failing' | 'missed' | 'paused' | 'unknown' | 'late' | 'never-run', pausedBy: 'flowdeck' | 'vendor' | null = null) =>
      ({ state, pausedBy, reason: `Reason for ${state}.` });
    expect(cappedHealth(98, live('failing'))).toEqual({ health: 40, cap: { state: 'failing', max: 40, reason: 'Health capped at 40 (was 98): failing now. Reason for failing.' } });
    expect(cappedHealth(99, live('missed'))).toMatchObject({ health: 40, cap: { state: 'missed', max: 40 } });
    expect(cappedHealth(99, live('paused', 'vendor'))).toMatchObject({ health: 50, cap: { state: 'paused', max: 50, reason: expect.stringContaining('switched off by its vendor') } });
    // Already below the cap: the score stands and nothing is said.
    expect(cappedHealth(30, live('failing'))).toEqual({ health: 30, cap: null });
    for (const s of ['ok', 'late', 'never-run'] as const) expect(cappedHealth(97, live(s))).toEqual({ health: 97, cap: null });
    expect(cappedHealth(97, live('paused', 'flowdeck'))).toEqual({ health: 97, cap: null });
    expect(cappedHealth(97, null)).toEqual({ health: 97, cap: null });
    expect(cappedHealth(97, { state: 'unknown', pausedBy: null, reason: 'Flowdeck cannot see it: Make rejected the key.' }))
      .toEqual({ health: 97, cap: { state: 'unknown', max: null, reason: 'Not scored: Flowdeck cannot see it now. Make rejected the key.' } });
  });
});
