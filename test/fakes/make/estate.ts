import { mulberry32 } from '../../../core/demo/prng.ts';
import type { FakeExecutionError, FakeMakeState, FakeScenario } from './state.ts';

const ERRORS: FakeExecutionError[] = [
  { name: 'DataError', message: 'Validation failed for 1 parameter(s).', causeModule: { name: 'Add a Row', appName: 'google-sheets' } },
  { name: 'ConnectionError', message: 'Connection refused: api.example.test:443', causeModule: { name: 'Make a request', appName: 'http' } },
  { name: 'RuntimeError', message: '[429] Too many requests to HubSpot', causeModule: { name: 'Search CRM Objects', appName: 'hubspotcrm' } },
];

/** Handled errors: the run ends as a warning (status 2) and Make still has the error text. docs/vendors.md M6 */
export const HANDLED: FakeExecutionError[] = [
  { name: 'ExecutionInterruptedError', message: 'The execution was interrupted: it ran longer than the time allowed.', causeModule: { name: 'Iterator', appName: 'builtin' } },
  { name: 'BundleValidationError', message: 'Missing value of required parameter "email". The error was handled by a Break directive.', causeModule: { name: 'Create a Contact', appName: 'hubspotcrm' } },
];

export interface EstateOptions {
  orgId: number;
  scenarios: number;
  /** History per scenario, spread evenly back from now. */
  logsPerScenario: number;
  spacingMs: number;
  failureRate: number;
  seed: number;
}

/** Seeds scenarios with a finished history (about `failureRate` of it failed, with an error detail). */
export function seedEstate(state: FakeMakeState, o: EstateOptions): FakeScenario[] {
  const random = mulberry32(o.seed);
  const now = state.clock.now();
  const out: FakeScenario[] = [];
  for (let i = 0; i < o.scenarios; i += 1) {
    const s = state.addScenario(o.orgId, { name: `Scenario ${i + 1}: ${['Invoices', 'CRM sync', 'Slack digest', 'Backups'][i % 4]}` });
    out.push(s);
    for (let k = o.logsPerScenario; k >= 1; k -= 1) {
      const roll = random();
      const status = roll < o.failureRate ? 3 : roll < o.failureRate * 1.5 ? 2 : 1;
      state.addLog(s.id, {
        status, at: now - k * o.spacingMs - Math.floor(random() * 1000), duration: 500 + Math.floor(random() * 60_000),
        operations: Math.floor(random() * 12), ...(status === 3 ? { error: ERRORS[Math.floor(random() * ERRORS.length)]! } : {}),
        ...(status === 2 && k % 2 === 0 ? { error: HANDLED[k % 4 === 0 ? 0 : 1]! } : {}),
      });
    }
  }
  return out;
}

/**
 * New traffic while Flowdeck syncs: each scenario runs every `everyMs` (staggered). About 30 % of runs show up at
 * once as in progress (status 0) and finish `runningMs` later; the rest only show up when they finish, up to
 * `runningMs` after their start, with the START as their timestamp — logs that appear late inside windows already
 * read. `advance()` creates everything due up to the fake clock's now.
 */
export function trafficGenerator(state: FakeMakeState, scenarios: FakeScenario[], o: { everyMs: number; runningMs: number; seed: number; failureRate: number }) {
  const random = mulberry32(o.seed);
  const start = state.clock.now();
  const next = new Map(scenarios.map((s, i) => [s.id, start + Math.floor((i * o.everyMs) / scenarios.length) + 1]));
  const open: { id: string; endAt: number; fail: boolean }[] = [];
  const hidden: { sid: number; at: number; endAt: number; fail: boolean }[] = [];
  let created = 0;
  const finished = (fail: boolean) => (fail ? { error: ERRORS[1]! } : {});
  return {
    get created() { return created; },
    advance(): void {
      const now = state.clock.now();
      for (const s of scenarios) {
        for (let at = next.get(s.id)!; at <= now; at += o.everyMs) {
          const fail = random() < o.failureRate;
          const endAt = at + Math.floor(random() * o.runningMs);
          created += 1;
          if (random() < 0.3) open.push({ id: state.addLog(s.id, { status: 0, at }).id, endAt, fail });
          else hidden.push({ sid: s.id, at, endAt, fail });
          next.set(s.id, at + o.everyMs);
        }
      }
      for (let i = open.length - 1; i >= 0; i -= 1) {
        const run = open[i]!;
        if (run.endAt > now) continue;
        state.finish(run.id, run.fail ? 3 : 1, finished(run.fail));
        open.splice(i, 1);
      }
      for (let i = hidden.length - 1; i >= 0; i -= 1) {
        const run = hidden[i]!;
        if (run.endAt > now) continue;
        state.addLog(run.sid, { status: run.fail ? 3 : 1, at: run.at, duration: run.endAt - run.at, operations: 5, ...finished(run.fail) });
        hidden.splice(i, 1);
      }
    },
    /** Finishes every run still going (end of the simulation). */
    settle(): void {
      for (const run of open.splice(0)) state.finish(run.id, run.fail ? 3 : 1, finished(run.fail));
      for (const run of hidden.splice(0)) state.addLog(run.sid, { status: run.fail ? 3 : 1, at: run.at, duration: run.endAt - run.at, ...finished(run.fail) });
    },
  };
}

export const MAKE_STATUS_WORDS = ['running', 'success', 'warning', 'failed'] as const;
