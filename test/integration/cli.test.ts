// The `flowdeck` CLI as a user runs it: a child process against a real data dir.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/app.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { CLI, REPO_ROOT, runCli } from './helpers/cli.ts';
import { seedLedger, seedRecords, T0 } from './helpers/ledger.ts';

const TRICKY = 'Row "7", col 3, failed:\nunexpected "quote" and, commas';

let tmp: string;
let dataDir: string;

/** RFC 4180 parser, enough to check the CLI's quoting round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  expect(field).toBe('');
  return rows;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'flowdeck-cli-'));
  dataDir = path.join(tmp, 'data');
  const core = createCore({ dataDir, clock: fixedClock(T0 + 3_600_000), logger: createMemoryLogger() });
  const records = seedRecords(60);
  records[1]!.record.errorMessage = TRICKY;
  seedLedger(core, records);
  core.close();
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('flowdeck status', () => {
  it('prints counts, last ingest, data dir and version', async () => {
    const human = await runCli(['status', '--data-dir', dataDir]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Runs:\s+60$/m);
    expect(human.stdout).toMatch(/^Connectors:\s+2$/m);
    expect(human.stdout).toContain(`Data dir:     ${dataDir}`);
    expect(human.stdout).toContain(new Date(T0 + 3_600_000).toISOString());
    const json = JSON.parse((await runCli(['status', '--json'], { FLOWDECK_DATA_DIR: dataDir })).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ version: '0.1.0', demo: false, dataDir, lastIngestAt: T0 + 3_600_000,
      counts: { runs: 60, workflows: 8, connectors: 2, quarantined: 0 } });
    expect(Object.keys(json).sort()).toEqual(['blindCauses', 'counts', 'dataDir', 'demo', 'lastIngestAt', 'needsAttention', 'stateCounts', 'storage', 'version', 'workflows']);
    expect(json['workflows']).toHaveLength(8);
  });

  it('prefers --data-dir over FLOWDECK_DATA_DIR', async () => {
    const other = path.join(tmp, 'other');
    const res = await runCli(['status', '--json', '--data-dir', other], { FLOWDECK_DATA_DIR: dataDir });
    expect(JSON.parse(res.stdout)).toMatchObject({ dataDir: other, counts: { runs: 0 } });
  });
});

describe('flowdeck export runs', () => {
  it('writes every run as RFC 4180 CSV, newest first, with awkward messages escaped', async () => {
    const res = await runCli(['export', 'runs', '--format', 'csv', '--data-dir', dataDir]);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('Exported 60 runs.');
    expect(res.stdout).toContain('"Row ""7"", col 3, failed:\nunexpected ""quote"" and, commas"');
    const rows = parseCsv(res.stdout);
    expect(rows[0]).toEqual(['id', 'connector', 'connector_kind', 'workflow', 'workflow_id', 'external_id', 'status',
      'raw_status', 'started_at', 'finished_at', 'duration_ms', 'error_message']);
    expect(rows).toHaveLength(61);
    expect(rows.every((r) => r.length === 12)).toBe(true);
    const tricky = rows.find((r) => r[5] === 'exec-1')!;
    expect(tricky[11]).toBe(TRICKY);
    expect(tricky.slice(1, 3)).toEqual(['n8n main', 'n8n']);
    const starts = rows.slice(1).map((r) => Date.parse(r[8]!));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it('writes a JSON array and applies status, connector and time filters', async () => {
    const all = JSON.parse((await runCli(['export', 'runs', '--format', 'json', '--data-dir', dataDir])).stdout) as
      { externalId: string; status: string; connectorName: string; startedAt: number; errorMessage: string | null }[];
    expect(all).toHaveLength(60);
    expect(all.find((r) => r.externalId === 'exec-1')?.errorMessage).toBe(TRICKY);
    const since = new Date(T0 - 20 * 60_000).toISOString();
    const res = await runCli(['export', 'runs', '--format', 'json', '--status', 'failed,success', '--connector', 'n8n main',
      '--since', since, '--data-dir', dataDir]);
    const filtered = JSON.parse(res.stdout) as typeof all;
    const expected = all.filter((r) => ['failed', 'success'].includes(r.status) && r.connectorName === 'n8n main' && r.startedAt >= T0 - 20 * 60_000);
    expect(expected.length).toBeGreaterThan(0);
    expect(filtered.map((r) => r.externalId)).toEqual(expected.map((r) => r.externalId));
    const none = await runCli(['export', 'runs', '--format', 'json', '--since', '2100-01-01', '--data-dir', dataDir]);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('writes to --out', async () => {
    const out = path.join(tmp, 'runs.csv');
    const res = await runCli(['export', 'runs', '--out', out, '--status', 'failed', '--data-dir', dataDir]);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => r[6] === 'failed')).toBe(true);
  });
});

describe('flowdeck tokens', () => {
  it('adds (printing the token once), lists, revokes, and audits both changes', async () => {
    const added = await runCli(['tokens', 'add', 'bob', '--data-dir', dataDir]);
    expect(added.code).toBe(0);
    const token = added.stdout.trim();
    expect(token).toMatch(/^fdt_[A-Za-z0-9_-]{43}$/);
    expect((await runCli(['tokens', 'add', 'bob', '--data-dir', dataDir])).code).toBe(1);
    const listed = await runCli(['tokens', 'list', '--data-dir', dataDir]);
    expect(listed.stdout).toMatch(/^bob\s+viewer\s+active\s/m);
    expect(added.stderr).toContain('with the role Viewer');
    const carol = await runCli(['tokens', 'add', 'carol', '--role', 'operator', '--data-dir', dataDir]);
    expect(carol.code).toBe(0);
    expect((await runCli(['tokens', 'list', '--data-dir', dataDir])).stdout).toMatch(/^carol\s+operator\s+active\s/m);
    expect((await runCli(['tokens', 'revoke', 'carol', '--data-dir', dataDir])).code).toBe(0);
    expect(listed.stdout).not.toContain(token);
    for (const file of readdirSync(dataDir)) expect(readFileSync(path.join(dataDir, file)).includes(token)).toBe(false);
    expect((await runCli(['tokens', 'revoke', 'bob', '--data-dir', dataDir])).code).toBe(0);
    const json = JSON.parse((await runCli(['tokens', 'list', '--json', '--data-dir', dataDir])).stdout) as { name: string; revokedAt: number | null }[];
    expect(json.filter((t) => t.name === 'bob')).toEqual([expect.objectContaining({ name: 'bob', role: 'viewer', revokedAt: expect.any(Number) })]);
    const again = await runCli(['tokens', 'revoke', 'bob', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no active token named "bob"');
    const core = createCore({ dataDir, logger: createMemoryLogger() });
    const audit = core.ledger.audit.list(undefined, 10).filter((e) => e.target === 'bob');
    core.close();
    expect(audit.map((e) => [e.action, e.actor])).toEqual([['tokens/revoke', userInfo().username], ['tokens/add', userInfo().username]]);
  });
});

describe('bad usage', () => {
  it.each<[string[], number, RegExp]>([
    [[], 2, /Usage: flowdeck <command>/],
    [['frobnicate'], 2, /unknown command 'frobnicate'/],
    [['status', '--verbose'], 2, /Unknown option '--verbose'[\s\S]*flowdeck status --help/],
    [['export'], 2, /flowdeck export runs/],
    [['export', 'runs', '--format', 'xml'], 2, /--format must be csv or json, not 'xml'/],
    [['export', 'runs', '--status', 'failed,exploded'], 2, /unknown status 'exploded'.*failed/],
    [['export', 'runs', '--since', 'last tuesday'], 2, /--since 'last tuesday' is not an ISO date/],
    [['export', 'runs', '--connector', 'Nope'], 1, /No connector named 'Nope'. Known connectors: Make EU, n8n main/],
    [['export', 'runs', '--out', '/nonexistent-dir/x.csv'], 1, /folder does not exist/],
    [['tokens'], 2, /add, list or revoke/],
    [['tokens', 'add'], 2, /give the token's name/],
    [['tokens', 'add', 'no spaces please'], 2, /not a usable token name/],
    [['tokens', 'add', 'dan', '--role', 'owner'], 2, /--role is viewer, operator or admin \(not 'owner'\)/],
    [['tokens', 'list', '--role', 'admin'], 2, /--role only applies to add/],
    [['serve', '--port', '99999'], 2, /--port must be a number from 0 to 65535/],
    [['serve', '--host', '0.0.0.0'], 2, /--allow-remote/],
  ])('flowdeck %j fails clearly', async (args, code, message) => {
    const res = await runCli(args.length ? [...args, '--data-dir', dataDir] : []);
    expect(res.code).toBe(code);
    expect(res.stderr).toMatch(message);
  });

  it.each(['serve', 'status', 'export', 'tokens'])('%s --help explains itself', async (command) => {
    const res = await runCli([command, '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^Usage: flowdeck ${command}`));
  });

  it('bin/flowdeck.mjs starts the same CLI', () => {
    const out = execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'flowdeck.mjs'), '--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe('0.1.0');
    expect(CLI).toMatch(/core[/\\]cli[/\\]main\.ts$/);
  });
});
