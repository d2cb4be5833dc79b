import { afterEach, describe, expect, it } from 'vitest';
import { createMakeDriver, makeBudgetFor } from '../../core/sync/vendors/make/driver.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { closedPortUrl } from '../support/local-server.ts';
import { HttpFailure } from '../../core/platform/http/types.ts';
import { MAKE_ORG, MAKE_TOKEN, makeHarness, type MakeHarness } from '../fakes/make/harness.ts';

// Make: "Test connection" verdicts, workflow definitions (blueprints) and control actions against the fake zone.

let h: MakeHarness;
afterEach(async () => {
  await h.close();
});

function driverFor(o: { baseUrl?: string; token?: string | null; options?: Record<string, unknown>; timeoutMs?: number; retries?: number } = {}) {
  const baseUrl = o.baseUrl ?? h.fake.url;
  const http = createHttpClient({ baseUrl, clock: h.time.clock, sleep: h.time.sleep, random: () => 0.5, timeoutMs: o.timeoutMs ?? 250, retries: o.retries ?? 3, budget: makeBudgetFor('core') });
  const config = { id: 'mk2', kind: 'make' as const, name: 'Make', baseUrl, options: o.options ?? { organizationId: MAKE_ORG, plan: 'core' } };
  return createMakeDriver({ config, http, credential: async () => (o.token === undefined ? MAKE_TOKEN : o.token), clock: h.time.clock, logger: h.logger });
}

describe('Make testConnection', () => {
  it('ok: names the organisation, the zone, the scenario count and the API limit', async () => {
    h = await makeHarness();
    const host = new URL(h.fake.url).host;
    expect(await driverFor().testConnection()).toEqual({ ok: true, workflows: 4, message: `Connected to Make organisation "Acme Ops" (${host}): 4 scenarios. API limit 60 requests/min.` });
  });

  it.each([
    ['a wrong token', { token: 'not-a-token' }, 'credentials_rejected', /rejected the API token \(401\).*Profile → API access/],
    ['no token', { token: null }, 'no_credential', /No Make API token is stored/],
    ['no organisation id', { options: { plan: 'core' } }, 'error', /organisation id/],
    ['an unknown organisation', { options: { organizationId: 999 } }, 'error', /no organisation 999 in zone/],
  ] as const)('%s → %s', async (_label, o, reason, message) => {
    h = await makeHarness();
    const verdict = await driverFor(o).testConnection();
    expect(verdict).toMatchObject({ ok: false, reason });
    expect(verdict.message).toMatch(message);
  });

  it('a sync without an organisation id fails with a plain reason', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 1 } });
    await expect(driverFor({ options: { plan: 'core' } }).listRuns(null)).rejects.toMatchObject({ kind: 'client', message: expect.stringMatching(/no organisation id/) });
  });

  it('wrong_server for an address that is not a Make zone, or a web page in the way', async () => {
    h = await makeHarness();
    expect(await driverFor({ baseUrl: `${h.fake.url}/not-make` }).testConnection()).toMatchObject({ ok: false, reason: 'wrong_server', message: expect.stringMatching(/does not answer like a Make zone/) });
    h.fake.faults.add({ kind: 'html' });
    expect(await driverFor().testConnection()).toMatchObject({ ok: false, reason: 'wrong_server' });
  });

  it('wrong_server naming the right zone when the organisation lives elsewhere', async () => {
    h = await makeHarness();
    h.fake.state.orgs.get(MAKE_ORG)!.zone = 'us1.make.com';
    expect(await driverFor().testConnection()).toMatchObject({ ok: false, reason: 'wrong_server', message: expect.stringMatching(/lives in zone us1\.make\.com.*https:\/\/us1\.make\.com/) });
  });

  it('unreachable, timeout and rate_limited verdicts', async () => {
    h = await makeHarness();
    expect(await driverFor({ baseUrl: await closedPortUrl(), retries: 0 }).testConnection()).toMatchObject({ ok: false, reason: 'unreachable', message: expect.stringMatching(/connection refused.*zone URL/) });
    h.fake.faults.add({ kind: 'hang' });
    expect(await driverFor({ timeoutMs: 50, retries: 0 }).testConnection()).toMatchObject({ ok: false, reason: 'timeout' });
    h.fake.faults.add({ kind: 'status-429', retryAfterS: 3600 });
    expect(await driverFor().testConnection()).toMatchObject({ ok: false, reason: 'rate_limited', message: expect.stringMatching(/try again in a minute/) });
  });
});

describe('Make workflows: scenarios with their blueprints', () => {
  it('lists every scenario with its blueprint, and fetches a blueprint again only after an edit', async () => {
    h = await makeHarness({ estate: { scenarios: 3, logsPerScenario: 1 } });
    const driver = driverFor();
    const first = await driver.listWorkflows();
    expect(first.map((w) => w.externalId)).toEqual(h.scenarios.map((s) => String(s.id)));
    expect(first[0]).toMatchObject({
      name: h.scenarios[0]!.name, active: true, deepLink: `${h.fake.url}/${h.scenarios[0]!.teamId}/scenarios/${h.scenarios[0]!.id}/edit`,
      definition: { blueprint: h.scenarios[0]!.blueprint, scenario: { id: h.scenarios[0]!.id } },
    });
    const blueprintReads = () => h.fake.state.arrivals.filter((a) => a.path.endsWith('/blueprint')).length;
    expect(blueprintReads()).toBe(3);
    await driver.listWorkflows();
    expect(blueprintReads()).toBe(3);
    const edited = h.fake.state.scenarios.get(h.scenarios[1]!.id)!;
    edited.lastEdit = '2026-11-25T13:00:00.000Z';
    edited.blueprint = { ...edited.blueprint, name: 'Renamed flow' };
    const third = await driver.listWorkflows();
    expect(blueprintReads()).toBe(4);
    expect(third[1]!.definition).toMatchObject({ blueprint: { name: 'Renamed flow' } });
    expect(third[1]!.vendorVersionId).toBe('2026-11-25T13:00:00.000Z');
  });
});

describe('Make actions: run, start, stop', () => {
  it('runs a scenario (not retried: a run is not idempotent) and the run shows up in progress', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 1 } });
    const driver = driverFor();
    const id = String(h.scenarios[0]!.id);
    const summary = await driver.actions.runWorkflow!(id);
    const log = h.fake.state.logs.get(h.scenarios[0]!.id)!.at(-1)!;
    expect(summary).toBe(`Started Make scenario ${id} (execution ${log.id}).`);
    expect(log).toMatchObject({ status: 0, type: 'manual' });
    h.fake.faults.add({ kind: 'status-500' });
    const before = h.fake.state.arrivals.length;
    await expect(driver.actions.runWorkflow!(id)).rejects.toMatchObject({ kind: 'server' });
    expect(h.fake.state.arrivals.slice(before).map((a) => a.method)).toEqual(['POST']);
  });

  it('stops and starts a scenario, retrying a 503 because both are idempotent', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 1 } });
    const driver = driverFor();
    await driver.listWorkflows();
    const s = h.scenarios[0]!;
    expect(await driver.actions.deactivateWorkflow!(String(s.id))).toBe(`Deactivated Make ${s.name}.`);
    expect(h.fake.state.scenarios.get(s.id)!.isActive).toBe(false);
    h.fake.faults.add({ kind: 'status-503' });
    expect(await driver.actions.activateWorkflow!(String(s.id))).toBe(`Activated Make ${s.name}; Make runs an interval scenario once as it starts.`);
    expect(h.fake.state.scenarios.get(s.id)!.isActive).toBe(true);
    await expect(driver.actions.activateWorkflow!('abc')).rejects.toBeInstanceOf(HttpFailure);
  });

  it('refreshes runs that were in progress, with the error of a failure', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 1 } });
    const driver = driverFor();
    const sid = h.scenarios[0]!.id;
    const a = h.fake.state.addLog(sid, { status: 0 });
    const b = h.fake.state.addLog(sid, { status: 0 });
    h.fake.state.finish(a.id, 3, { error: { name: 'DataError', message: 'Bad row', causeModule: { name: 'Add a Row', appName: 'google-sheets' } } });
    const records = await driver.refreshRuns([`${sid}:${a.id}`, `${sid}:${b.id}`, `${sid}:missing`, 'garbage']);
    expect(records.map((r) => [r.externalId, r.status, r.errorMessage ?? null, r.failingStep ?? null])).toEqual([
      [`${sid}:${a.id}`, 'failed', 'DataError: Bad row', 'Add a Row (google-sheets)'],
      [`${sid}:${b.id}`, 'running', null, null],
    ]);
    expect(records[0]!.workflow.name).toBe(h.scenarios[0]!.name);
  });
});
