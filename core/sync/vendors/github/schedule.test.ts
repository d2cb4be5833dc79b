import { describe, expect, it } from 'vitest';
import { githubSchedule } from './schedule.ts';
import { nextExpected, scheduleFromDefinition } from '../../schedules/index.ts';

/** A definition as core/sync/vendors/github/mapper.ts stores it. */
const workflow = (yaml: string | null, state = 'active') =>
  ({ repository: 'acme/web', id: 61234507, name: 'Nightly', path: '.github/workflows/nightly.yml', state, createdAt: null, updatedAt: null, yaml, fileSha: 'abc' });

const file = (on: string) => `name: Nightly\n${on}\njobs:\n  audit:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm audit\n`;

describe('GitHub on.schedule → expected schedule', () => {
  it.each<[string, string | null, unknown]>([
    ['one cron', file(`on:\n  schedule:\n    - cron: '0 3 * * *'`), { kind: 'cron', cron: '0 3 * * *', timezone: 'UTC' }],
    ['two crons: both, due at the earliest', file(`on:\n  schedule:\n    - cron: '0 3 * * *'\n    - cron: "30 14 * * 1-5"\n  workflow_dispatch:`),
      { kind: 'crons', crons: ['0 3 * * *', '30 14 * * 1-5'], timezone: 'UTC' }],
    ['the same cron twice', file(`on:\n  schedule:\n    - cron: '0 3 * * *'\n    - cron: '0  3 * * *'`), { kind: 'cron', cron: '0 3 * * *', timezone: 'UTC' }],
    ['a schedule beside push and pull_request', file(`on:\n  push:\n    branches: [main]\n  pull_request:\n  schedule:\n    - cron: '15 */6 * * *'`),
      { kind: 'cron', cron: '15 */6 * * *', timezone: 'UTC' }],
    ['a schedule entry naming a time zone', file(`on:\n  schedule:\n    - cron: '0 9 * * 1-5'\n      timezone: Europe/Berlin`), { kind: 'cron', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' }],
    ['entries in another zone than the first are dropped', file(`on:\n  schedule:\n    - cron: '0 9 * * *'\n    - cron: '0 21 * * *'\n      timezone: Asia/Tokyo\n    - cron: '0 12 * * *'`),
      { kind: 'crons', crons: ['0 9 * * *', '0 12 * * *'], timezone: 'UTC' }],
    ['on as a string', file('on: push'), null],
    ['on as a list', file('on: [push, schedule]'), null],
    ['schedule without entries', file('on:\n  schedule:'), null],
    ['a six-field cron is not GitHub syntax', file(`on:\n  schedule:\n    - cron: '0 0 3 * * *'`), null],
    ['an invalid cron', file(`on:\n  schedule:\n    - cron: 'every night'`), null],
    ['invalid YAML', 'name: Nightly\non:\n  schedule:\n    - cron: [0 3 * * *\n', null],
    ['no file fetched', null, null],
  ])('%s', (_name, yaml, expected) => {
    expect(githubSchedule(workflow(yaml))).toEqual(expected);
    expect(scheduleFromDefinition(workflow(yaml))).toEqual(expected);
  });

  it.each(['disabled_manually', 'disabled_inactivity', 'disabled_fork', 'deleted'])('a workflow that is %s expects nothing', (state) => {
    expect(githubSchedule(workflow(file(`on:\n  schedule:\n    - cron: '0 3 * * *'`), state))).toBeNull();
  });
});

describe('GitHub runs a schedule at most every 5 minutes (docs/vendors.md G3)', () => {
  const T = Date.UTC(2026, 10, 25, 12, 0, 0);
  const MIN = 60_000;
  const read = (crons: string[]) => githubSchedule(workflow(file(`on:\n  schedule:\n${crons.map((c) => `    - cron: '${c}'`).join('\n')}`)))!;
  const due = (crons: string[], after = T) => nextExpected(read(crons), after);

  it.each<[string, string[], number]>([
    ['every minute, written */1', ['*/1 * * * *'], 5],
    ['every minute, written *', ['* * * * *'], 5],
    ['every 2 minutes: the next fire 5 minutes on', ['*/2 * * * *'], 6],
    ['two crons 2 minutes apart', ['0 * * * *', '2 * * * *'], 60],
    ['minutes 58 and 2, across the hour', ['58,2 * * * *'], 58],
    ['every 5 minutes is left as it is', ['*/5 * * * *'], 5],
    ['every 10 minutes is left as it is', ['*/10 * * * *'], 10],
  ])('%s', (_name, crons, minutes) => {
    expect(due(crons)).toBe(T + minutes * MIN);
  });

  it('a busy cron expects a run every 5 minutes of a day (287 after the first), not 1,440', () => {
    const busy = read(['* * * * *']);
    let n = 0;
    for (let t = nextExpected(busy, T - 1); t !== null && t < T + 24 * 60 * MIN && n < 2000; t = nextExpected(busy, t)) n += 1;
    // Stepping from the window's start, the first fire also keeps the 5 minutes: 287 after it, one every 5 minutes.
    expect(n).toBe(287);
  });
});

describe('choosing the reader by the definition’s shape', () => {
  it.each<[string, unknown, unknown]>([
    ['n8n nodes', { nodes: [{ type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: 'hours', hoursInterval: 2 }] } } }] },
      { kind: 'interval', everyMs: 7_200_000 }],
    ['a Make scenario', { scenario: { scheduling: { type: 'indefinitely', interval: 300 } }, blueprint: null, blueprintScheduling: null }, { kind: 'interval', everyMs: 300_000 }],
    ['a GitHub workflow', workflow(file(`on:\n  schedule:\n    - cron: '0 3 * * *'`)), { kind: 'cron', cron: '0 3 * * *', timezone: 'UTC' }],
    ['a Zapier zap or anything else', { id: 'zap-1', steps: [] }, null],
    ['nothing', null, null],
    ['a list', [1, 2], null],
  ])('%s', (_name, def, expected) => {
    expect(scheduleFromDefinition(def)).toEqual(expected);
  });
});
