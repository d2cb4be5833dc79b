import type { Core } from '../app.ts';
import type { RegistryMetadata } from '../contract/registry.ts';
import { contentHash, stableStringify } from '../registry/canonical.ts';
import { createHash } from 'node:crypto';

/** The part of the core this module uses (a narrow view; core/app.ts builds the whole). */
type HostCore = Pick<Core, 'ledger' | 'registry'>;

/**
 * Demo content for the registry: n8n definitions with two or three versions each (one change removes the error
 * workflow, one precedes the demo's failure burst so the correlation shows), metadata and a note, chosen so the
 * lint report has something in every main rule.
 */
const H = 3_600_000;
const DAY = 24 * H;
type Node = Record<string, unknown>;

const node = (name: string, type: string, x: number, parameters: Record<string, unknown>, extra: Node = {}): Node =>
  ({ id: `${name.toLowerCase().replace(/\W+/g, '-')}`, name, type, typeVersion: 1, position: [x, 0], parameters, ...extra });
const chain = (nodes: Node[]) => Object.fromEntries(nodes.slice(0, -1).map((n, i) => [n['name'], { main: [[{ node: nodes[i + 1]!['name'], type: 'main', index: 0 }]] }]));
const wf = (id: string, name: string, nodes: Node[], settings: Record<string, unknown>, at: number, versionId: string) => ({
  id, name, active: true, isArchived: false, createdAt: new Date(at - 30 * DAY).toISOString(), updatedAt: new Date(at).toISOString(), versionId,
  nodes, connections: chain(nodes), settings: { executionOrder: 'v1', ...settings }, pinData: null, staticData: null, meta: null, tags: [],
});

const leadsCode = (v: number) => v === 2
  ? 'return items.map((i) => ({ json: { email: i.json.fields.email.value.toLowerCase() } }));'
  : 'return items.map((i) => ({ json: { email: (i.json.email || \'\').toLowerCase() } }));';
const leads = (v: number, at: number) => wf('12', 'Leads – Website form to CRM', [
  node('Website form', 'n8n-nodes-base.webhook', 0, { httpMethod: 'POST', path: 'website-form' }),
  node('Normalise email', 'n8n-nodes-base.code', 220, { jsCode: leadsCode(v) }),
  ...(v === 3 ? [node('Has email?', 'n8n-nodes-base.if', 440, { conditions: { string: [{ value1: '={{ $json.email }}', operation: 'isNotEmpty' }] } })] : []),
  node('HubSpot contact', 'n8n-nodes-base.hubspot', 660, { resource: 'contact', operation: 'upsert', email: '={{ $json.email }}' }, { credentials: { hubspotApi: { id: 'c-hs', name: 'HubSpot production' } } }),
  // The system map's demo chain (issue 19): Make's Typeform scenario posts here, and this hands on to the newsletter workflow.
  ...(v === 3 ? [node('Add to newsletter', 'n8n-nodes-base.executeWorkflow', 880, { source: 'database', workflowId: { __rl: true, value: '19', mode: 'list', cachedResultName: 'Marketing – Newsletter signups to Mailchimp' } })] : []),
], { errorWorkflow: 'err-alerts' }, at, `leads-v${v}`);

const backup = (v: number, at: number) => wf('8', 'Ops – Nightly backup of Airtable', [
  node('Every night', 'n8n-nodes-base.scheduleTrigger', 0, { rule: { interval: [{ field: 'days', triggerAtHour: 2 }] } }),
  node('Read tables', 'n8n-nodes-base.airtable', 220, { operation: 'list', table: 'Orders', options: { pageSize: v === 1 ? 100 : 1000 } }),
  node('Upload', 'n8n-nodes-base.httpRequest', 440, { method: 'PUT', url: 'https://backup:s3cr3t-pass@storage.example.com/airtable/orders.json' }),
], v === 1 ? { errorWorkflow: 'err-alerts' } : {}, at, `backup-v${v}`);

const newsletter = (v: number, at: number) => wf('19', 'Marketing – Newsletter signups to Mailchimp', [
  node('Signup', 'n8n-nodes-base.webhook', 0, { httpMethod: 'POST', path: 'website-form' }),
  node('Mailchimp', 'n8n-nodes-base.mailchimp', 220, { list: v === 1 ? 'newsletter' : 'newsletter-2026', email: '={{ $json.email }}' }, { credentials: { mailchimpApi: { id: 'c-mc', name: 'Mailchimp production' } } }),
], { errorWorkflow: 'err-alerts' }, at, `news-v${v}`);

const adhoc = (v: number, at: number) => wf('47', 'My workflow 3', [
  node('When clicking', 'n8n-nodes-base.manualTrigger', 0, {}),
  node('HTTP Request', 'n8n-nodes-base.httpRequest', 220, { url: 'https://api.example.com/report', headerParameters: { parameters: [{ name: 'Authorization', value: 'Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0' }] } }),
  ...(v === 2 ? [node('Send email', 'n8n-nodes-base.emailSend', 440, { toEmail: 'me@acme.test' })] : []),
], {}, at, `adhoc-v${v}`);

const META: Record<string, RegistryMetadata> = {
  '12': { owner: 'sales-ops@acme.test', purpose: 'Creates or updates a HubSpot contact for every website form.', runbook: '## When it fails\n1. Check the HubSpot status page.\n2. Retry failed runs from Flowdeck.', environment: 'production', criticality: 'high', tags: ['sales'], expectedSchedule: null },
  '8': { owner: 'ops@acme.test', purpose: null, runbook: null, environment: 'production', criticality: 'medium', tags: ['backup'], expectedSchedule: { kind: 'cron', cron: '0 2 * * *', timezone: 'UTC' } },
  '19': { owner: 'marketing@acme.test', purpose: 'Adds newsletter signups to Mailchimp.', runbook: null, environment: 'test', criticality: 'low', tags: [], expectedSchedule: null },
};

export function seedRegistryDemo(core: HostCore, now: number): { workflows: number; versions: number } {
  const { registry } = core;
  const today = Math.floor(now / DAY) * DAY;
  const leadsBurst = today - 6 * DAY + 10 * H;
  const backupBurst = today - 18 * DAY + 1 * H;
  const plans: [string, ((v: number, at: number) => Record<string, unknown>), number[]][] = [
    ['12', leads, [now - 25 * DAY, leadsBurst - 35 * 60_000, leadsBurst + 30 * H]],
    ['8', backup, [now - 28 * DAY, backupBurst - 40 * 60_000]],
    ['19', newsletter, [now - 27 * DAY, now - 3 * DAY]],
    ['47', adhoc, [now - 20 * DAY, now - 9 * DAY]],
  ];
  let versions = 0;
  let workflows = 0;
  core.ledger.write(() => {
    for (const [externalId, make, times] of plans) {
      const w = registry.repo.find('demo-n8n', externalId);
      if (!w) continue;
      workflows++;
      let last = '';
      times.forEach((at, i) => {
        const def = make(i + 1, at);
        last = JSON.stringify(def);
        registry.versions.insert({ workflowId: w.workflowId, contentHash: contentHash(def), definitionJson: stableStringify(def), vendorVersionId: String(def['versionId']), author: i === 0 ? 'Dana Ops' : 'Sam Builder', source: 'demo', createdAt: at });
        versions++;
      });
      const hash = createHash('sha256').update(last).digest('hex');
      registry.repo.storeDefinition(w.workflowId, { name: w.name, definitionJson: last, hash, vendorVersionId: `${externalId}-current` }, now);
      registry.repo.markSeen(w.workflowId, hash, null, now);
      const meta = META[externalId];
      if (meta) registry.repo.saveMetadata(w.workflowId, meta, 'demo', now);
    }
    const leadsWf = registry.repo.find('demo-n8n', '12');
    const last = leadsWf && registry.versions.latest(leadsWf.workflowId);
    if (last) registry.versions.addNote(last.id, now - 5 * DAY, 'Sam Builder', 'Reverted the email parsing from version 2 and added a guard for empty emails.');
  });
  return { workflows, versions };
}
