import type { Core } from '../app.ts';
import type { RunSummary } from '../contract/runs.ts';
import { githubRepo, WORKFLOWS, type WorkflowSpec } from './catalog.ts';
import { ERRORS } from './errors.ts';
import { cronOf, DAY, type Scheduled, type Trigger } from './schedules.ts';
import type { VendorSimulators } from './vendors/servers.ts';
import type { FakeScheduling } from './vendors/make/state.ts';
import type { FakeWorkflow } from './vendors/n8n/render.ts';
import type { FakeZap } from './vendors/zapier/state.ts';

/** The part of the core this module uses (a narrow view; core/app.ts builds the whole). */
type HostCore = Pick<Core, 'clock' | 'connectors' | 'ledger' | 'registry'>;

/**
 * Fills the vendor simulators with the demo business as the seeded ledger knows it: the same workflows (ids and
 * names), n8n definitions equal to the registry's current ones (so polling records no spurious versions), the n8n
 * executions that were still running or waiting when the history was seeded (so they finish through polling), and
 * Zapier's recent run history under the ledger's run ids (so polling finds those runs known, not new).
 */
export const MAKE_ORG = 118204;

/**
 * How far back the demo's Zapier connector reads on its first poll (its `historyDays`), and so how much of the seeded
 * Zapier history its simulator holds: a day is a few pages, where 30 days would take minutes of Zapier's rate limit.
 */
export const ZAPIER_HISTORY_DAYS = 1;

type Json = Record<string, unknown>;
const node = (name: string, type: string, x: number, parameters: Json): Json =>
  ({ id: `${name.toLowerCase().replace(/\W+/g, '-')}-${x}`, name, type, typeVersion: 1, position: [x, 0], parameters });

/** n8n's Schedule Trigger rule for a scheduled trigger; weekday-only ones need its custom cron. */
function n8nInterval(t: Scheduled): Json {
  if (t.weekdaysOnly) return { field: 'cronExpression', expression: cronOf(t) };
  if (t.kind === 'every') return { field: 'minutes', minutesInterval: t.minutes };
  return { field: 'days', triggerAtHour: t.hour, ...(t.minute ? { triggerAtMinute: t.minute } : {}) };
}

/** Make's `scheduling` for a catalog trigger: webhooks run immediately; weekday-only schedules are restricted to Mon–Fri. */
function makeScheduling(t: Trigger): FakeScheduling {
  if (t.kind === 'events') return { type: 'immediately' };
  if (t.kind === 'manual') return { type: 'on-demand' };
  const restrict = t.weekdaysOnly ? { restrict: [{ days: [1, 2, 3, 4, 5] }] } : {};
  if (t.kind === 'every') return { type: 'indefinitely', interval: t.minutes * 60, ...restrict };
  const hhmm = `${String(t.hour).padStart(2, '0')}:${String(t.minute ?? 0).padStart(2, '0')}`;
  return { type: 'daily', time: hhmm, ...restrict };
}

/** A plausible n8n definition for a catalog workflow: its own trigger, then its usual failing steps. */
function n8nNodes(wf: WorkflowSpec): Json[] {
  const t = wf.trigger;
  const trigger = t.kind === 'events'
    ? node('Webhook', 'n8n-nodes-base.webhook', 0, { httpMethod: 'POST', path: wf.key })
    : t.kind === 'manual'
      ? node('When clicking ‘Test workflow’', 'n8n-nodes-base.manualTrigger', 0, {})
      : node('Schedule Trigger', 'n8n-nodes-base.scheduleTrigger', 0, { rule: { interval: [n8nInterval(t)] } });
  const steps = [...new Set(wf.errors.map((k) => ERRORS[k].step))];
  return [trigger, ...steps.map((step, i) => node(step, 'n8n-nodes-base.httpRequest', 220 * (i + 1), { url: `https://api.example.com/${wf.key}/${i + 1}` }))];
}

function seedN8n(core: HostCore, sims: VendorSimulators): void {
  const { state } = sims.n8n;
  for (const wf of WORKFLOWS.filter((w) => w.vendor === 'n8n')) {
    const stored = core.registry.repo.find('demo-n8n', wf.externalId)?.definitionJson;
    if (stored) {
      const def = JSON.parse(stored) as FakeWorkflow;
      state.workflows.set(wf.externalId, { ...def, id: wf.externalId, name: wf.name, active: true });
    } else {
      const w = state.addWorkflow({ id: wf.externalId, name: wf.name, active: true, nodes: n8nNodes(wf) });
      w['settings'] = { ...(w['settings'] as Json), errorWorkflow: 'err-alerts' };
    }
  }
  // Runs the seed left running or waiting: n8n still has them, and polling sees them end.
  const live = core.ledger.runs.list({ connectorIds: ['demo-n8n'], statuses: ['queued', 'running', 'waiting'] }, null, 200).items;
  for (const run of live) {
    const workflow = core.connectors.repo.workflow(run.workflowId);
    const id = Number(run.externalId);
    if (!workflow || !state.workflows.has(workflow.externalId) || !Number.isInteger(id)) continue;
    state.addExecution({
      id, workflowId: workflow.externalId, startedAt: run.startedAt,
      status: run.status === 'waiting' ? 'waiting' : run.status === 'queued' ? 'new' : 'running',
    });
  }
  // Recent failures n8n still keeps, with what their failing node received ("Show what the failing step received").
  const failed = core.ledger.runs.list({ connectorIds: ['demo-n8n'], statuses: ['failed'] }, null, 100).items;
  for (const run of failed) {
    const workflow = core.connectors.repo.workflow(run.workflowId);
    const w = workflow ? state.workflows.get(workflow.externalId) : undefined;
    const id = Number(run.externalId);
    if (!workflow || !w || !Number.isInteger(id) || state.executions.has(id)) continue;
    const names = w.nodes.map((n) => String(n['name']));
    const step = core.ledger.runs.get(run.id)?.failingStep;
    state.addExecution({
      id, workflowId: workflow.externalId, startedAt: run.startedAt, durationMs: run.durationMs ?? 1000, status: 'error', mode: 'webhook',
      error: { message: run.errorMessage ?? 'The node failed', node: step && names.includes(step) ? step : names.at(-1) ?? 'Webhook', style: 'node' },
      payload: { orderId: `A-${10_400 + (id % 500)}`, customer: { name: 'Dana Whitfield', email: 'dana.whitfield@example.com' }, total: 129.5, currency: 'EUR', items: [{ sku: 'MUG-01', qty: 2 }, { sku: 'TEE-L', qty: 1 }] },
    });
  }
}

function seedMake(sims: VendorSimulators, token: string): void {
  const { state } = sims.make;
  state.addOrg({ id: MAKE_ORG, name: 'Acme Ops', apiLimit: 120, zone: new URL(sims.make.url).host });
  state.addToken(token, MAKE_ORG);
  for (const wf of WORKFLOWS.filter((w) => w.vendor === 'make')) {
    const s = state.addScenario(MAKE_ORG, { id: Number(wf.externalId), name: wf.name });
    s.blueprint.name = wf.name;
    s.scheduling = makeScheduling(wf.trigger);
    // The system map's demo chain (issue 19): Typeform leads arrive on a custom webhook and go on to n8n's website-form webhook.
    if (wf.key === 'typeform-pipedrive') {
      s.blueprint.flow = [
        { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: { hook: 90422, maxResults: 1 }, mapper: {}, metadata: { designer: { x: 0, y: 0 } } },
        { id: 2, module: 'http:ActionSendData', version: 3, parameters: { handleErrors: false }, mapper: { url: `${sims.n8n.url}/webhook/website-form`, method: 'post', bodyType: 'raw' }, metadata: { designer: { x: 300, y: 0 } } },
        { id: 3, module: 'pipedrive:createPerson', version: 1, parameters: {}, mapper: { name: '{{1.name}}' }, metadata: { designer: { x: 600, y: 0 } } },
      ];
    }
  }
}

function seedGithub(sims: VendorSimulators, token: string): string[] {
  const { state } = sims.github;
  state.addToken(token, 'acme-ops');
  const repos = new Set<string>();
  for (const wf of WORKFLOWS.filter((w) => w.vendor === 'github')) {
    const full = githubRepo(wf);
    if (!repos.has(full)) state.addRepo(full);
    repos.add(full);
    // A scheduled workflow declares the cron its runs start on (seeded and live alike), so polling finds its schedule.
    const cron = cronOf(wf.trigger);
    state.addWorkflow(full, wf.name, `${wf.key}.yml`, Number(wf.externalId), cron ? { schedule: [cron] } : {});
  }
  return [...repos];
}

/** A Zap's steps: its trigger (what the Zap starts from, as its name says) and the app steps its errors name. */
function zapSteps(wf: WorkflowSpec): FakeZap['steps'] {
  const slug = (title: string) => title.toLowerCase().replace(/\W+/g, '_');
  const trigger = /–\s*(.+?)\s+to\s+/.exec(wf.name)?.[1] ?? 'Trigger';
  const apps = [...new Set(wf.errors.map((k) => ERRORS[k].step))];
  return [trigger, ...apps].map((title) => ({ title, action: slug(title) }));
}

/** The seeded Zapier runs of the last `days`, oldest first. */
function recentZapierRuns(core: HostCore, now: number, days: number): RunSummary[] {
  const runs: RunSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = core.ledger.runs.list({ connectorIds: ['demo-zapier'], from: now - days * DAY }, cursor, 500);
    runs.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return runs.reverse();
}

function seedZapier(core: HostCore, sims: VendorSimulators, token: string): void {
  const { state } = sims.zapier;
  const now = core.clock.now();
  state.grant(token);
  const zaps = new Map<number, FakeZap>();
  for (const wf of WORKFLOWS.filter((w) => w.vendor === 'zapier')) {
    const stored = core.registry.repo.find('demo-zapier', wf.externalId);
    // Switched on or off as the ledger knows it; last edited before the seeded month.
    const zap = state.addZap(wf.name, now - 31 * DAY, stored?.active ?? true, { id: wf.externalId, steps: zapSteps(wf) });
    if (stored) zaps.set(stored.workflowId, zap);
  }
  for (const r of recentZapierRuns(core, now, ZAPIER_HISTORY_DAYS)) {
    const zap = zaps.get(r.workflowId);
    if (!zap) continue;
    // A run the seed left going ('playing') has no end yet; the live feed ends it.
    state.addRun(zap, r.rawStatus, r.startedAt, r.durationMs ?? 0, r.startedAt, { id: r.externalId, ...(r.errorMessage ? { error: r.errorMessage } : {}) });
  }
}

/** Seeds all four simulators; returns the GitHub repositories to poll. */
export function seedSimulators(core: HostCore, sims: VendorSimulators, tokens: { make: string; github: string; zapier: string }): { repos: string[] } {
  seedN8n(core, sims);
  seedMake(sims, tokens.make);
  seedZapier(core, sims, tokens.zapier);
  return { repos: seedGithub(sims, tokens.github) };
}

/** The highest n8n execution id the seeded history used (the simulator's ids continue above it). */
export function lastSeededN8nId(core: HostCore): number {
  return core.ledger.runs.maxNumericExternalId('demo-n8n');
}

/** The highest Zapier run id the seeded history used (the simulator's ids continue above it). */
export function lastSeededZapierRunId(core: HostCore): number {
  return core.ledger.runs.maxNumericExternalId('demo-zapier');
}
