// Issue 12 acceptance, against the four vendor fakes: a workflow switched off on its vendor's side is `paused` by the
// vendor and opens one incident naming the vendor; switched back on there, the incident resolves; switched off from
// Flowdeck, it is `paused` by Flowdeck and alerts nobody. Real core, real connector driver (built by the core from the
// connector's saved config and the credential in the secret store), real HTTP on 127.0.0.1, and a pinned clock that
// only moves when the test (or a retry wait on fake time) moves it.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import type { WorkflowState } from '../../core/contract/states.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { fakeTime } from '../support/fake-time.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { startFakeGithub } from '../fakes/github/server.ts';
import { startFakeMake } from '../fakes/make/server.ts';
import { startFakeN8n } from '../fakes/n8n/server.ts';
import { N8nState } from '../fakes/n8n/state.ts';
import { startFakeZapier } from '../fakes/zapier/server.ts';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const NAME = 'Orders import';

type Clock = ReturnType<typeof fakeTime>['clock'];

/** One vendor's fake with one active workflow that ran once, and the vendor's own on/off flag for it. */
interface FakeVendor {
  baseUrl: string;
  credential: string;
  options: Record<string, string | number | boolean>;
  /** The workflow's name as Flowdeck lists it. */
  listedAs: string;
  /** Flip the workflow's flag as the vendor itself would (its UI, its inactivity rule, its error limit). */
  setOn(on: boolean): void;
  isOn(): boolean;
  close(): Promise<void>;
}

interface VendorCase {
  title: string;
  kind: 'n8n' | 'make' | 'zapier' | 'github';
  /** How Flowdeck names the vendor to the owner. */
  label: string;
  /** Whether Flowdeck can switch the workflow off on this vendor (the driver has deactivateWorkflow). */
  canDeactivate: boolean;
  start(clock: Clock): Promise<FakeVendor>;
}

/** A fake Make organisation with one active scenario that ran once; `pause` is the flag Make flips when it switches it off. */
async function startMake(clock: Clock, pause: 'isActive' | 'isPaused'): Promise<FakeVendor> {
  const fake = await startFakeMake({ clock });
  const token = 'c0ffee00-1234-4abc-8def-0123456789ab';
  fake.state.addOrg({ id: 501, name: 'Acme Ops', apiLimit: 60, zone: new URL(fake.url).host });
  fake.state.addToken(token, 501);
  const scenario = fake.state.addScenario(501, { name: NAME });
  fake.state.addLog(scenario.id, { status: 1, at: T0 - 5 * MIN });
  return {
    baseUrl: fake.url, credential: token, options: { organizationId: 501, plan: 'core' }, listedAs: NAME,
    setOn: (on) => {
      if (pause === 'isActive') scenario.isActive = on;
      else scenario.isPaused = !on;
    },
    isOn: () => scenario.isActive && !scenario.isPaused,
    close: () => fake.close(),
  };
}

const CASES: VendorCase[] = [
  {
    title: 'n8n', kind: 'n8n', label: 'n8n', canDeactivate: true,
    async start(clock) {
      const fake = await startFakeN8n({ state: new N8nState({ now: () => clock.now() }) });
      const wf = fake.state.addWorkflow({ name: NAME, active: true });
      fake.state.addExecution({ workflowId: wf.id, status: 'success', startedAt: T0 - 5 * MIN });
      return {
        baseUrl: fake.url, credential: fake.state.keys.issue({ expiresAt: T0 + 30 * DAY }), options: {}, listedAs: NAME,
        setOn: (on) => void fake.state.setActive(wf.id, on),
        isOn: () => fake.state.workflows.get(wf.id)!['active'] === true,
        close: () => fake.close(),
      };
    },
  },
  {
    title: 'Make (scenario deactivated by Make)', kind: 'make', label: 'Make', canDeactivate: true,
    start: (clock) => startMake(clock, 'isActive'),
  },
  {
    title: 'Make (scenario paused by Make)', kind: 'make', label: 'Make', canDeactivate: true,
    start: (clock) => startMake(clock, 'isPaused'),
  },
  {
    title: 'Zapier', kind: 'zapier', label: 'Zapier', canDeactivate: true,
    async start(clock) {
      const fake = await startFakeZapier({ clock });
      fake.state.grant('zap-token-1');
      const zap = fake.state.addZap(NAME, T0 - DAY, true);
      fake.state.addRun(zap, 'success', T0 - 5 * MIN);
      return {
        baseUrl: fake.url, credential: 'zap-token-1', options: {}, listedAs: NAME,
        setOn: (on) => { zap.is_enabled = on; },
        isOn: () => zap.is_enabled,
        close: () => fake.close(),
      };
    },
  },
  {
    title: 'GitHub (workflow disabled on GitHub)', kind: 'github', label: 'GitHub', canDeactivate: true,
    async start(clock) {
      const fake = await startFakeGithub({ clock });
      const token = 'github_pat_11AAAAAAA0fakefakefakefake0123456789';
      fake.state.addToken(token, 'octocat', 5000);
      fake.state.addRepo('octo-org/website');
      const wf = fake.state.addWorkflow('octo-org/website', NAME, 'orders.yml');
      fake.state.addRun('octo-org/website', wf.id, { at: T0 - 5 * MIN, conclusion: 'success' });
      return {
        baseUrl: fake.url, credential: token, options: { repos: 'octo-org/website' }, listedAs: `${NAME} (octo-org/website)`,
        setOn: (on) => { wf.state = on ? 'active' : 'disabled_manually'; },
        isOn: () => wf.state === 'active',
        close: () => fake.close(),
      };
    },
  },
];

const closers: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Estate {
  core: Core;
  api: CoreClient;
  clock: Clock;
  vendor: FakeVendor;
  workflowId: number;
  /** A minute later: one complete poll of the connector, then the alert evaluation. */
  pollAndEvaluate(): Promise<void>;
  state(): Promise<WorkflowState>;
  incidents(): { status: string; summary: string; target: string }[];
}

async function estate(c: VendorCase): Promise<Estate> {
  const { clock, sleep } = fakeTime(T0);
  const vendor = await c.start(clock);
  closers.push(() => vendor.close());
  const core = createCore({
    dataDir: ':memory:', clock, logger: createMemoryLogger(),
    connectors: { secrets: createSecretStore({ kind: 'memory' }), createHttp: (o) => createHttpClient({ ...o, sleep, random: () => 0.5, retries: 2 }) },
  });
  const api = contractClient(core, { actor: 'owner' });
  closers.push(() => {
    api.close();
    core.close();
  });
  const added = await api.call('connectors/add-connector', { kind: c.kind, name: c.label, baseUrl: vendor.baseUrl, options: vendor.options, credential: vendor.credential });
  if (!added.ok) throw new Error(added.message);
  const connectorId = added.connector.id;
  const pollAndEvaluate = async () => {
    clock.advance(MIN);
    expect(await core.connectors.scheduler.pollOnce(connectorId)).toMatchObject({ ok: true });
    core.alerting.engine.evaluate();
    await core.alerting.engine.settle();
  };
  await pollAndEvaluate();
  const workflows = core.ledger.workflows.list();
  expect(workflows.map((w) => w.name)).toEqual([vendor.listedAs]);
  const workflowId = workflows[0]!.id;
  return {
    core, api, clock, vendor, workflowId, pollAndEvaluate,
    async state() {
      const out = await api.call('workflows/list-states', {});
      const mine = out.workflows.find((w) => w.workflowId === workflowId);
      if (!mine) throw new Error(`no live state for workflow ${workflowId}`);
      return mine;
    },
    incidents: () => core.alerting.store.incidents.list('all', 100).map((i) => ({ status: i.status, summary: i.summary, target: i.target })),
  };
}

describe.each(CASES)('$title: a workflow switched off by its vendor, then from Flowdeck', (c) => {
  it('paused by the vendor opens one incident naming the vendor, which resolves when switched back on; paused from Flowdeck alerts nobody', async () => {
    const e = await estate(c);
    const target = `workflow:${e.workflowId}`;

    // 1. Polled: on, with a good run, nothing open.
    expect((await e.state()).state).toBe('ok');
    expect(e.incidents()).toEqual([]);

    // 2. Switched off on the vendor's side: paused by the vendor, one incident that says which vendor.
    e.vendor.setOn(false);
    await e.pollAndEvaluate();
    expect(await e.state()).toMatchObject({ state: 'paused', pausedBy: 'vendor', pausedActor: null, attention: true });
    const opened = e.incidents();
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ status: expect.not.stringMatching(/^resolved$/), target });
    expect(opened[0]!.summary).toMatch(new RegExp(`^Switched off in ${c.label}, not by Flowdeck`));

    // 3. Switched back on there: the incident resolves (recoveryMinutes 0) and the workflow is not paused.
    e.vendor.setOn(true);
    await e.pollAndEvaluate();
    expect(await e.state()).toMatchObject({ state: 'ok', pausedBy: null });
    expect(e.incidents()).toEqual([{ ...opened[0]!, status: 'resolved' }]);

    // 4. Switched off from Flowdeck, where the vendor lets it.
    const outcome = await e.api.call('workflows/set-active', { workflowId: e.workflowId, active: false });
    if (!c.canDeactivate) {
      expect(outcome).toEqual({ ok: false, reason: 'unsupported', message: `${c.label} does not let Flowdeck deactivate “${e.vendor.listedAs}”.` });
      expect(e.vendor.isOn()).toBe(true);
      await e.pollAndEvaluate();
      expect(await e.state()).toMatchObject({ state: 'ok', pausedBy: null });
      expect(e.incidents().map((i) => i.status)).toEqual(['resolved']);
      return;
    }
    expect(outcome).toMatchObject({ ok: true });
    expect(e.vendor.isOn()).toBe(false);
    await e.pollAndEvaluate();
    expect(await e.state()).toMatchObject({ state: 'paused', pausedBy: 'flowdeck', pausedActor: 'owner', attention: false });
    // No new incident: only the resolved one from the vendor's switch-off.
    expect(e.incidents()).toEqual([{ ...opened[0]!, status: 'resolved' }]);
    expect(e.core.ledger.audit.list(undefined, 20)).toContainEqual(expect.objectContaining({
      actor: 'owner', action: 'workflows/deactivate-workflow', target, detail: expect.objectContaining({ result: 'ok' }),
    }));
  });
});
