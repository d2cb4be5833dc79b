// `flowdeck connectors …` and `flowdeck poll --once` as child processes, against the fake n8n on 127.0.0.1 and the
// REAL system keychain (gnome-keyring over D-Bus; `npm test` runs vitest inside such a session, see
// test/integration/keychain.test.ts for running one file by hand). Skipped with a loud warning when no keychain
// is reachable outside CI.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { CLI, REPO_ROOT, type CliResult } from './helpers/cli.ts';

const keychain = createSecretStore({ kind: 'keychain' });
const unreachable = await keychain.probe().then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)));
const mustRun = Boolean(process.env['CI']);
if (unreachable !== null && !mustRun) {
  console.warn(`\n!!!! SKIPPING connectors-cli tests: no Secret Service is reachable here (${unreachable}).\n!!!! In CI they must run.\n`);
}

/** Runs the CLI with `stdin` piped in (the secret), to completion. */
function cli(args: string[], stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, FLOWDECK_DATA_DIR: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe.skipIf(unreachable !== null && !mustRun)('flowdeck connectors and poll (real keychain, fake n8n)', () => {
  let fake: FakeN8n;
  let key: string;
  let dir: string;
  const data = () => ['--data-dir', dir];

  beforeAll(async () => {
    fake = await startFakeN8n();
    const wf = fake.state.addWorkflow({ name: 'Orders sync', active: true });
    for (let i = 0; i < 5; i++) fake.state.addExecution({ workflowId: wf['id'] as string, status: i === 2 ? 'error' : 'success', error: i === 2 ? { message: 'Boom', node: 'HTTP Request', style: 'node' as const } : null });
    key = fake.state.keys.issue();
    dir = mkdtempSync(path.join(tmpdir(), 'flowdeck-connectors-cli-'));
  });
  afterAll(async () => {
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a secret on the command line, without echoing it', async () => {
    const r = await cli(['connectors', 'add', 'n8n', '--name', 'prod', '--url', fake.url, '--secret', 'hunter2-very-secret', ...data()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--secret is not accepted');
    expect(r.stderr).toContain('--secret-stdin');
    expect(r.stderr + r.stdout).not.toContain('hunter2-very-secret');
    const eq = await cli(['connectors', 'add', 'n8n', '--name', 'prod', `--token=hunter2-very-secret`, ...data()]);
    expect(eq.code).toBe(2);
    expect(eq.stderr + eq.stdout).not.toContain('hunter2-very-secret');
  });

  it('tests before saving and saves nothing when the key is wrong', async () => {
    const r = await cli(['connectors', 'add', 'n8n', '--name', 'prod', '--url', fake.url, '--secret-stdin', ...data()], 'not-a-valid-key\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Test failed: n8n rejected the API key \(401\)/);
    expect(r.stderr).toContain('Nothing was saved');
    const list = await cli(['connectors', 'list', '--json', ...data()]);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('adds, lists, polls once, exports; then reports a revoked key and removes the connector with its keychain item', async () => {
    const add = await cli(['connectors', 'add', 'n8n', '--name', 'prod', '--url', fake.url, '--secret-stdin', ...data()], `${key}\n`);
    expect(add.stderr).toMatch(/Test passed: Connected to n8n: 1 workflow/);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Saved "prod"');

    const listed = JSON.parse((await cli(['connectors', 'list', '--json', ...data()])).stdout) as { id: string; name: string; health: string }[];
    expect(listed).toMatchObject([{ name: 'prod', health: 'new' }]);
    const id = listed[0]!.id;
    expect(await keychain.get(`connector:${id}`)).toBe(key);

    const poll = await cli(['poll', '--once', ...data()]);
    expect(poll.stderr).not.toMatch(/^prod: |connector.* failed/m);
    expect(poll.code).toBe(0);
    expect(poll.stdout).toMatch(/^prod: ok, 5 new runs/);
    const exported = await cli(['export', 'runs', '--format', 'json', '--connector', 'prod', ...data()]);
    expect(exported.code).toBe(0);
    expect((JSON.parse(exported.stdout) as unknown[]).length).toBe(5);

    const table = await cli(['connectors', 'list', ...data()]);
    expect(table.stdout).toMatch(/prod\s+n8n\s+ok\s/);

    for (const f of readdirSync(dir).filter((n) => n.startsWith('flowdeck.db'))) {
      expect(readFileSync(path.join(dir, f)).includes(Buffer.from(key)), `${f} holds the key`).toBe(false);
    }

    fake.state.keys.revoke(key);
    const failed = await cli(['poll', '--once', '--connector', 'prod', ...data()]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('prod: needs attention: n8n rejected the API key (401)');
    expect(failed.stderr).not.toContain(key);
    const tested = await cli(['connectors', 'test', 'prod', ...data()]);
    expect(tested.code).toBe(1);
    expect(tested.stderr).toMatch(/Test failed: n8n rejected the API key/);

    const removed = await cli(['connectors', 'remove', 'prod', ...data()]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('The 5 runs it collected stay in the ledger');
    expect(await keychain.get(`connector:${id}`)).toBeNull();
    expect(JSON.parse((await cli(['connectors', 'list', '--json', ...data()])).stdout)).toEqual([]);
    const unknown = await cli(['poll', '--once', '--connector', 'prod', ...data()]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No connector named 'prod'");
  });
});
