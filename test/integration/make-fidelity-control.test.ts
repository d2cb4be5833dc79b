import { afterEach, describe, expect, it } from 'vitest';
import { makeSchedule } from '../../core/sync/vendors/make/schedule.ts';
import { CONNECTOR_FORMS } from '../../core/contract/connector-forms.ts';
import { createMakeDriver, makeBudgetFor } from '../../core/sync/vendors/make/driver.ts';
import { makeVerdict } from '../../core/sync/vendors/make/test-connection.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { HttpFailure } from '../../core/platform/http/types.ts';
import { ALL_SCOPES } from '../fakes/make/state.ts';
import { MAKE_ORG, MAKE_TOKEN, makeHarness, type MakeHarness } from '../fakes/make/harness.ts';

// Issue 20, Make control actions and schedules (docs/vendors.md M9, M11, M15) against the fake zone on fake time.

let h: MakeHarness;
afterEach(async () => {
  await h.close();
});

function driverFor(token = MAKE_TOKEN) {
  const http = createHttpClient({ baseUrl: h.fake.url, clock: h.time.clock, sleep: h.time.sleep, random: () => 0.5, timeoutMs: 250, retries: 1, budget: makeBudgetFor('core') });
  const config = { id: 'mk2', kind: 'make' as const, name: 'Make', baseUrl: h.fake.url, options: { organizationId: MAKE_ORG, plan: 'core' } };
  return createMakeDriver({ config, http, credential: async () => token, clock: h.time.clock, logger: h.logger });
}

describe('Make control actions refuse as Make does, in plain words', () => {
  it('run: needs an active scenario that is not already running', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 1 } });
    const driver = driverFor();
    await driver.listWorkflows();
    const s = h.scenarios[0]!;
    await driver.actions.runWorkflow!(String(s.id));
    await expect(driver.actions.runWorkflow!(String(s.id))).rejects.toThrow(/already running in Make.*wait until it finishes/);
    h.fake.state.finish(h.fake.state.logs.get(s.id)!.at(-1)!.id, 1);
    s.isActive = false;
    await expect(driver.actions.runWorkflow!(String(s.id))).rejects.toThrow(new RegExp(`Make runs only active scenarios: “${s.name}” is off`));
    expect(h.fake.state.logs.get(s.id)!.filter((l) => l.type === 'manual')).toHaveLength(1);
  });

  it('run: a token without scenarios:run is told which scope to add', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 1 } });
    h.fake.state.addToken('11111111-2222-4333-8444-555555555555', MAKE_ORG, ALL_SCOPES.filter((x) => x !== 'scenarios:run'));
    const driver = driverFor('11111111-2222-4333-8444-555555555555');
    await expect(driver.actions.runWorkflow!(String(h.scenarios[0]!.id))).rejects.toThrow(/lacks the scenarios:run scope/);
  });

  it('start on a started scenario and stop on a stopped one: the wanted state already holds, so it says so', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 1 } });
    const driver = driverFor();
    await driver.listWorkflows();
    const s = h.scenarios[0]!;
    expect(await driver.actions.activateWorkflow!(String(s.id))).toBe(`Make ${s.name} was already active.`);
    expect(await driver.actions.deactivateWorkflow!(String(s.id))).toBe(`Deactivated Make ${s.name}.`);
    expect(await driver.actions.deactivateWorkflow!(String(s.id))).toBe(`Make ${s.name} was already inactive.`);
    const runsBefore = h.fake.state.logs.get(s.id)!.length;
    expect(await driver.actions.activateWorkflow!(String(s.id))).toBe(`Activated Make ${s.name}; Make runs an interval scenario once as it starts.`);
    expect(h.fake.state.logs.get(s.id)!.length).toBe(runsBefore + 1);
  });

  it('start on an invalid scenario: Make’s reason, in plain words', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 1 } });
    const s = h.scenarios[0]!;
    s.isActive = false;
    s.isinvalid = true;
    await expect(driverFor().actions.activateWorkflow!(String(s.id))).rejects.toThrow(/Make would not activate .*: The scenario cannot be activated because it is invalid\./);
  });

  it('the token hint names scenarios:run for running scenarios', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 1 } });
    expect(CONNECTOR_FORMS.make.credentialHelp).toMatch(/scenarios:write to start or stop, scenarios:run to run/);
    const verdict = makeVerdict(new HttpFailure('auth', 'Access was refused (403).', { status: 403 }), h.fake.url);
    expect(verdict).toMatchObject({ ok: false, reason: 'credentials_rejected' });
    expect(verdict.message).toMatch(/scenarios:run to run/);
  });
});

describe('Make schedules in the organisation’s time zone', () => {
  it('resolves the numeric timezoneId through /enums/timezones and reads daily times there', async () => {
    h = await makeHarness({ estate: { scenarios: 0, logsPerScenario: 0 } });
    h.fake.state.orgs.get(MAKE_ORG)!.timezoneId = 113; // Europe/Prague in the fake's enum
    const daily = h.fake.state.addScenario(MAKE_ORG, { name: 'Bank to Sheets', scheduling: { type: 'daily', time: '08:30' } });
    const driver = driverFor();
    const [wf] = await driver.listWorkflows();
    expect(wf!.externalId).toBe(String(daily.id));
    expect(wf!.definition).toMatchObject({ timezone: 'Europe/Prague' });
    expect(makeSchedule(wf!.definition as Record<string, unknown>)).toEqual({ kind: 'cron', cron: '30 8 * * *', timezone: 'Europe/Prague' });
    await driver.listWorkflows();
    expect(h.fake.state.arrivals.filter((a) => a.path.startsWith('/api/v2/enums/timezones'))).toHaveLength(1);
  });

  it('keeps UTC (and says so once) when the organisation’s zone cannot be resolved', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 0 } });
    h.fake.state.orgs.get(MAKE_ORG)!.timezoneId = 9999;
    const driver = driverFor();
    const [wf] = await driver.listWorkflows();
    expect((wf!.definition as Record<string, unknown>)['timezone']).toBeUndefined();
    await driver.listWorkflows();
    expect(h.logger.lines.filter((l) => /time zone/.test(l.message))).toHaveLength(1);
  });
});
