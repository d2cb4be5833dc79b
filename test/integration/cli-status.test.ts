// `flowdeck status --json` and `--check` tell the same truth as the console: estates whose truth is known, on disk,
// read by the CLI at a pinned instant (the CLI's clock seam), plus the CLI as a child process for what a user types.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { runCli as runInProcess } from '../../core/cli/run.ts';
import type { CliIo } from '../../core/cli/usage.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore, type SecretStore } from '../../core/platform/secrets/index.ts';
import type { WorkflowUpsert } from '../../core/store/connector-sync-repo.ts';
import { N8nState } from '../../core/demo/vendors/n8n/state.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { runCli } from './helpers/cli.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** A pinned instant (a Wednesday): nothing here reads the wall clock. */
const T = Date.UTC(2026, 2, 11, 10, 30);

const dirs: string[] = [];
const fakes: FakeN8n[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'flowdeck-cli-status-'));
  dirs.push(d);
  return d;
}

const listed = (externalId: string, active = true): WorkflowUpsert => ({
  externalId, name: `Workflow ${externalId}`, active, archived: false, definition: { id: externalId }, vendorVersionId: null, updatedAt: null, tags: [], deepLink: null,
});

let seq = 0;
function run(core: Core, wf: string, status: 'success' | 'failed', at: number): void {
  core.ingest({ connectorId: 'c1', cursor: null, records: [{
    externalId: `r${++seq}`, workflow: { externalId: wf, name: `Workflow ${wf}` }, rawStatus: status, status, startedAt: at, finishedAt: at + 1000,
    durationMs: 1000, errorMessage: status === 'failed' ? 'invalid_grant: Token has been expired or revoked' : null, failingStep: status === 'failed' ? 'Gmail' : null,
  }] });
}

type Story = 'ok' | 'failing' | 'missed' | 'vendor-off' | 'we-paused' | 'late';

/** A ledger on disk with one n8n connector, polled a minute before T, and workflows that tell `stories`. */
async function estate(stories: Story[], options: { polled?: boolean } = {}): Promise<string> {
  const dataDir = tempDir();
  const core = createCore({ dataDir, clock: fixedClock(T), logger: createMemoryLogger(), connectors: { secrets: createSecretStore({ kind: 'memory' }) } });
  try {
    core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'n8n prod', baseUrl: 'http://127.0.0.1:9' }, T - 30 * DAY);
    core.connectors.repo.upsertWorkflows('c1', stories.map((s) => listed(s)), T - 30 * DAY);
    const id = (x: string) => core.ledger.workflows.list().find((w) => w.externalId === x)!.id;
    for (const s of stories) {
      if (s === 'failing') for (let i = 5; i >= 0; i--) run(core, s, i === 5 ? 'success' : 'failed', T - (i + 1) * 10 * MIN);
      else run(core, s, 'success', s === 'missed' ? T - 3 * DAY : s === 'late' ? T - HOUR - 2 * MIN : T - 10 * MIN);
      const expected = s === 'missed' || s === 'late' ? { kind: 'interval' as const, everyMinutes: 60 } : null;
      const r = await core.dispatcher.dispatch('registry/save-metadata', { workflowId: id(s), metadata: {
        owner: null, purpose: null, runbook: null, environment: null, criticality: null, tags: [], expectedSchedule: expected } }, { actor: 'owner' });
      if (!r.ok) throw new Error(r.error.message);
    }
    if (stories.includes('vendor-off')) core.connectors.repo.upsertWorkflows('c1', [listed('vendor-off', false)], T - HOUR);
    if (stories.includes('we-paused')) core.connectors.repo.setWorkflowActive(id('we-paused'), false, T - HOUR, 'alice');
    if (options.polled ?? true) {
      core.connectors.repo.recordPoll('c1', { at: T - MIN, nextPollAt: null, ok: true, error: null, consecutiveFailures: 0, runsInserted: 0, firstSyncDone: true });
    }
  } finally {
    core.close();
  }
  return dataDir;
}

interface Result { code: number; stdout: string; stderr: string }

/** The CLI in this process, at the pinned instant, with an in-memory keychain. */
async function flowdeck(args: string[], options: { secrets?: SecretStore; at?: number } = {}): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => { stdout += t; }, err: (t) => { stderr += t; }, stdout: process.stdout, env: {}, cwd: tmpdir(),
    waitForStop: () => new Promise(() => undefined), clock: fixedClock(options.at ?? T),
    secrets: options.secrets ?? createSecretStore({ kind: 'memory' }),
  };
  const code = await runInProcess(args, io);
  return { code, stdout, stderr };
}

describe('flowdeck status --json', () => {
  it('prints each workflow\'s live state, worst first, with the reason the console shows', async () => {
    const dir = await estate(['ok', 'failing', 'missed', 'vendor-off', 'we-paused']);
    const res = await flowdeck(['status', '--json', '--data-dir', dir]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { needsAttention: number; workflows: Record<string, unknown>[]; counts: { runs: number }; dataDir: string };
    expect(out.needsAttention).toBe(3);
    expect(out.counts.runs).toBe(10);
    expect(out.dataDir).toBe(dir);
    expect(out.workflows.map((w) => [w['externalId'], w['state']])).toEqual([
      ['missed', 'missed'], ['failing', 'failing'], ['vendor-off', 'paused'], ['we-paused', 'paused'], ['ok', 'ok']]);
    for (const w of out.workflows) {
      expect(Object.keys(w)).toEqual(expect.arrayContaining(['id', 'name', 'vendor', 'externalId', 'state', 'since', 'reason', 'lastError']));
      expect(w['vendor']).toBe('n8n');
      expect(w['since'] === null || new Date(w['since'] as string).toISOString() === w['since']).toBe(true);
    }
    const failing = out.workflows[1]!;
    expect(failing).toMatchObject({ since: new Date(T - 50 * MIN).toISOString(), lastError: 'invalid_grant: Token has been expired or revoked', attention: true });
    expect(failing['reason']).toMatch(/^5 runs in a row failed, for 50 min: invalid_grant: Token has been expired or revoked \(step “Gmail”\)$/);
    expect(out.workflows[0]).toMatchObject({ since: new Date(T - 3 * DAY + HOUR).toISOString(), lastError: null });
    expect(out.workflows[2]).toMatchObject({ pausedBy: 'vendor', attention: true });
    expect(out.workflows[3]).toMatchObject({ pausedBy: 'flowdeck', attention: false });
    // The same sentence as workflows/list-states: the console's.
    const core = createCore({ dataDir: dir, clock: fixedClock(T), logger: createMemoryLogger() });
    try {
      expect(out.workflows.map((w) => w['reason'])).toEqual(core.states.list(T).workflows.map((w) => w.reason));
    } finally {
      core.close();
    }
  });

  it('the plain status opens with what needs attention', async () => {
    const dir = await estate(['ok', 'failing', 'missed']);
    const res = await flowdeck(['status', '--data-dir', dir]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Needs attention: 2 of 3 workflows\n {2}missed {3}Workflow missed \(n8n prod\): No run for .+\n {2}failing {2}Workflow failing \(n8n prod\): 5 runs in a row failed/);
    expect(res.stdout).toMatch(/^Runs:\s+8$/m);
    const fine = await flowdeck(['status', '--data-dir', await estate(['ok'])]);
    expect(fine.stdout).toMatch(/^Needs attention: 0 \(all 1 workflow are fine\)$/m);
  });
});

describe('flowdeck status --check (Nagios/Icinga codes)', () => {
  it.each<[string, Story[], number, RegExp]>([
    ['all fine (a workflow paused from Flowdeck is fine)', ['ok', 'we-paused'], 0, /^FLOWDECK OK - all 2 workflows are fine\n$/],
    ['failing', ['ok', 'failing'], 1, /^FLOWDECK WARNING - 1 of 2 workflows needs attention: 1 failing\n {2}failing {2}Workflow failing/],
    ['late', ['ok', 'late'], 1, /^FLOWDECK WARNING - 1 of 2 workflows needs attention: 1 late\n {2}late {2}Workflow late/],
    ['missed', ['ok', 'failing', 'missed'], 2, /^FLOWDECK CRITICAL - 2 of 3 workflows need attention: 1 missed, 1 failing\n {2}missed/],
    ['switched off by its vendor', ['ok', 'vendor-off'], 2, /^FLOWDECK CRITICAL - 1 of 2 workflows needs attention: 1 switched off by its vendor\n {2}paused {2}Workflow vendor-off \(n8n prod\): Switched off in n8n/],
  ])('%s', async (_name, stories, code, stdout) => {
    const dir = await estate(stories);
    const res = await flowdeck(['status', '--check', '--data-dir', dir]);
    expect(res).toMatchObject({ code, stderr: '' });
    expect(res.stdout).toMatch(stdout);
    const json = await flowdeck(['status', '--check', '--json', '--data-dir', dir]);
    expect(json.code).toBe(code);
    expect((JSON.parse(json.stdout) as { check: { code: number } }).check.code).toBe(code);
  });

  it('a connector not polled recently is polled once first; one that still cannot poll leaves its workflows unknown (3)', async () => {
    // Last poll 3 h before T: Flowdeck was not watching. Its key is not in the keychain.
    const dir = await estate(['ok', 'failing'], { polled: false });
    const res = await flowdeck(['status', '--check', '--data-dir', dir]);
    expect(res.stderr).toMatch(/^Flowdeck has not seen one connector recently \(n8n prod has not been polled successfully yet\); polling it once before judging:\n {2}n8n prod: (needs attention|failed): /);
    expect(res.stderr).toContain('1 of 1 could not be polled: their workflows stay unknown.');
    expect(res.code).toBe(3);
    expect(res.stdout).toMatch(/^FLOWDECK UNKNOWN - 2 of 2 workflows need attention: 2 unknown\n {2}unknown {2}Workflow/);
  });

  it('judges fresh data after polling a stale connector against the vendor (fake n8n)', async () => {
    const state = new N8nState({ now: () => T - 5 * MIN });
    const fake = await startFakeN8n({ state });
    fakes.push(fake);
    const wf = state.addWorkflow({ name: 'Orders – Sync', active: true });
    for (let i = 0; i < 3; i++) state.addExecution({ workflowId: wf['id'] as string, status: 'error', error: { message: 'Boom', node: 'HTTP Request', style: 'node' as const } });
    const dataDir = tempDir();
    const core = createCore({ dataDir, clock: fixedClock(T - 2 * DAY), logger: createMemoryLogger() });
    core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'n8n prod', baseUrl: fake.url, secretRef: 'connector:c1' }, T - 30 * DAY);
    core.connectors.repo.recordPoll('c1', { at: T - 2 * DAY, nextPollAt: null, ok: true, error: null, consecutiveFailures: 0, runsInserted: 0, firstSyncDone: false });
    core.close();
    const secrets = createSecretStore({ kind: 'memory', initial: { 'connector:c1': state.keys.issue() } });
    const before = await flowdeck(['status', '--json', '--data-dir', dataDir], { secrets });
    expect(before.stdout).toContain('"needsAttention":0');
    const res = await flowdeck(['status', '--check', '--data-dir', dataDir], { secrets });
    expect(res.stderr).toMatch(/Flowdeck has not seen one connector recently \(Flowdeck was not running for 2 days and is catching up with what happened meanwhile\); polling it once before judging:\n {2}n8n prod: ok, 3 new runs/);
    expect(res.stderr).toContain('Done; judging the fresh data.');
    expect(res.stdout).toMatch(/^FLOWDECK WARNING - 1 of 1 workflow needs attention: 1 failing\n {2}failing {2}Orders – Sync \(n8n prod\): 3 runs in a row failed/);
    expect(res.code).toBe(1);
  });

  it('a check that cannot look, or is called wrongly, is UNKNOWN (3), never a false OK', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const res = await flowdeck(['status', '--check', '--data-dir', file]);
    expect(res.code).toBe(3);
    expect(res.stdout).toMatch(/^FLOWDECK UNKNOWN - .*not-a-folder.* is a file, not a folder/);
    expect((await flowdeck(['status', '--check', '--bogus'])).code).toBe(3);
  });
});

describe('flowdeck as a user types it', () => {
  it('takes --data-dir before or after the command, not both', async () => {
    const dir = await estate(['ok', 'failing']);
    for (const args of [['status', '--json', '--data-dir', dir], ['--data-dir', dir, 'status', '--json'], [`--data-dir=${dir}`, 'status', '--json']]) {
      const r = await flowdeck(args);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ dataDir: dir, counts: { workflows: 2 }, needsAttention: 1 });
    }
    const twice = await flowdeck(['--data-dir', dir, 'status', '--data-dir', dir]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--data-dir is given twice');
    // And as a child process, the way a script calls it (on the wall clock: only what does not depend on it).
    const child = await runCli(['--data-dir', dir, 'status', '--json']);
    expect(child.code).toBe(0);
    expect(JSON.parse(child.stdout)).toMatchObject({ dataDir: dir, counts: { workflows: 2, runs: 7 } });
  });

  it('a bad data dir is one plain sentence and exit 1, never a stack trace (unless FLOWDECK_DEBUG=1)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'flowdeck.db');
    writeFileSync(file, 'this is not a database');
    const notFolder = await flowdeck(['--data-dir', file, 'status']);
    expect(notFolder).toMatchObject({ code: 1, stdout: '', stderr: `flowdeck status: ${file} is a file, not a folder. Give the folder that holds flowdeck.db.\n` });
    const res = await runCli(['status', '--data-dir', dir]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^flowdeck status: The file at .+ is not a readable Flowdeck database \(file is not a database\)\. Restore a backup or move the file aside\.\n$/);
    const debug = await runCli(['status', '--data-dir', dir], { FLOWDECK_DEBUG: '1' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
