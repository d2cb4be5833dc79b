import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mapGithubRun, type GithubJob, type GithubRun } from '../../core/sync/vendors/github/mapper.ts';
import { mapMakeLog, type MakeExecutionDetail, type MakeLog } from '../../core/sync/vendors/make/mapper.ts';
import { mapExecution } from '../../core/sync/vendors/n8n/mapper.ts';
import { mapZapRun, type ZapRun } from '../../core/sync/vendors/zapier/mapper.ts';
import { IngestRecord } from '../../core/sync/ingest/record.ts';
import { LONG } from './fuzz-core.ts';

const RUNS = LONG ? 20_000 : 400;

/** Timestamps as vendors send them, and some they should not. */
const time = fc.oneof(
  fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('', 'not a date', '2026-13-45T99:99:99Z', '0', '2026-11-25 10:00:00', '1764064800000'),
);
const text = fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('', ' ', 'x'.repeat(30_000), '\u0000', '🙂'));
const id = fc.oneof(fc.nat(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, 1.5));
const status = (words: string[]) => fc.oneof(fc.constantFrom(...words), text);

const githubRun: fc.Arbitrary<GithubRun> = fc.record({
  id, name: fc.option(text), display_title: fc.option(text), workflow_id: id, path: fc.option(text), run_number: fc.nat(), run_attempt: fc.option(fc.integer({ min: -1, max: 10 })),
  event: fc.option(text), status: fc.option(status(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'])),
  conclusion: fc.option(status(['success', 'failure', 'cancelled', 'neutral', 'skipped', 'timed_out', 'action_required', 'stale', 'startup_failure'])),
  head_branch: fc.option(text), head_sha: fc.option(text), html_url: fc.option(fc.oneof(fc.webUrl(), text)), created_at: time, updated_at: time, run_started_at: fc.option(time),
}, { requiredKeys: ['id', 'workflow_id', 'status', 'conclusion', 'created_at', 'updated_at'] });
const githubJob: fc.Arbitrary<GithubJob> = fc.record({
  id, name: text, status: status(['completed', 'in_progress']), conclusion: fc.option(status(['success', 'failure'])), started_at: fc.option(time), completed_at: fc.option(time),
  steps: fc.array(fc.record({ name: text, status: text, conclusion: fc.option(status(['failure', 'success'])), number: fc.nat() }), { maxLength: 4 }),
}, { requiredKeys: ['id', 'name', 'status', 'conclusion'] });

const makeLog: fc.Arbitrary<MakeLog> = fc.record({
  id: text, imtId: text, status: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constant(1)), duration: fc.option(fc.integer({ min: -5, max: 1e9 })),
  operations: fc.option(fc.nat()), centicredits: fc.option(fc.nat()), transfer: fc.option(fc.nat()), organizationId: fc.nat(), teamId: fc.nat(),
  type: fc.option(status(['auto', 'manual', 'instant'])), authorId: fc.option(fc.nat()), instant: fc.option(fc.boolean()), timestamp: time,
}, { requiredKeys: ['id', 'status', 'timestamp'] });
const makeDetail: fc.Arbitrary<MakeExecutionDetail> = fc.record({
  status: status(['RUNNING', 'SUCCESS', 'WARNING', 'ERROR']),
  error: fc.option(fc.record({ name: fc.option(text), message: fc.option(text), causeModule: fc.option(fc.record({ name: fc.option(text), appName: fc.option(text) })) })),
});

const zapRun: fc.Arbitrary<ZapRun> = fc.record({
  id: text, zap_id: fc.oneof(fc.nat(), text), start_time: fc.option(time), end_time: fc.option(time),
  status: status(['success', 'error', 'halted', 'filtered', 'held', 'throttled', 'scheduled', 'delayed', 'waiting', 'stopped']),
  zap_title: fc.option(text), steps: fc.option(fc.array(fc.record({ status: fc.option(text), start_time: fc.option(time) }), { maxLength: 3 })),
  data_in: fc.jsonValue({ maxDepth: 2 }), data_out: fc.jsonValue({ maxDepth: 2 }),
}, { requiredKeys: ['id', 'zap_id', 'start_time', 'end_time', 'status', 'zap_title', 'steps'] });

const n8nExecution = fc.record({
  id: fc.oneof(fc.nat().map(String), id, text), finished: fc.boolean(), mode: status(['webhook', 'trigger', 'manual', 'retry']), retryOf: fc.option(text), retrySuccessId: fc.option(text),
  startedAt: fc.option(time), stoppedAt: fc.option(time), createdAt: time, waitTill: fc.option(time), workflowId: fc.oneof(text, fc.nat()),
  status: status(['success', 'error', 'crashed', 'canceled', 'running', 'new', 'waiting', 'unknown']),
  data: fc.option(fc.jsonValue({ maxDepth: 4 })), workflowData: fc.option(fc.record({ name: text, nodes: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }) })),
}, { requiredKeys: ['id', 'status'] });

const figures = new Map<string, { cases: number; records: number; valid: number; rejected: number }>();
afterAll(() => {
  for (const [name, f] of figures) console.log(`fuzz mapper ${name}: cases=${f.cases} records=${f.records} (valid for ingest ${f.valid}, left to ingest's quarantine ${f.records - f.valid}) cleanRejections=${f.rejected}`);
});

/** A mapper must return a record or throw an Error (a clean rejection); a record that is not valid is quarantined by ingest. */
function checkMapper<T>(name: string, arb: fc.Arbitrary<T>, map: (value: T) => unknown): void {
  const f = { cases: 0, records: 0, valid: 0, rejected: 0 };
  figures.set(name, f);
  fc.assert(fc.property(arb, (value) => {
    f.cases++;
    let out: unknown;
    try {
      out = map(value);
    } catch (error) {
      if (!(error instanceof Error) || error instanceof TypeError || error instanceof RangeError) throw new Error(`${name} crashed on ${JSON.stringify(value)}: ${String(error)}`, { cause: error });
      f.rejected++;
      return;
    }
    const records = Array.isArray(out) ? out : [out];
    for (const r of records) {
      f.records++;
      if (IngestRecord.safeParse(r).success) f.valid++;
    }
  }), { numRuns: RUNS, seed: 6 });
  expect(f.cases).toBeGreaterThanOrEqual(RUNS);
}

describe('fuzz: vendor mappers turn schema-shaped payloads into records or reject them cleanly', () => {
  it('n8n executions', () => checkMapper('n8n', n8nExecution, (e) => mapExecution(e, { baseUrl: 'https://n8n.example.com', workflowNames: new Map([['1', 'One']]) })));
  it('GitHub workflow runs (with jobs)', () => checkMapper('github', fc.tuple(githubRun, fc.option(fc.array(githubJob, { maxLength: 3 }))), ([run, jobs]) => mapGithubRun(run, 'octo/repo', jobs)));
  it('Make scenario logs (with execution detail)', () => checkMapper('make', fc.tuple(makeLog, fc.option(makeDetail)), ([log, detail]) =>
    mapMakeLog(log, { zoneUrl: 'https://eu1.make.com', scenarioId: 42, scenarioName: 'Scenario', teamId: 7 }, detail)));
  it('Zapier zap runs', () => checkMapper('zapier', zapRun, (run) => mapZapRun(run)));
});
