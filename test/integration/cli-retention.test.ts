// `flowdeck retention`: show, set and prune on a ledger on disk. Pruning is judged at a pinned instant (the CLI's clock
// seam, in process); what needs no clock runs the CLI as a child process, as a user types it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/app.ts';
import { runCli as runInProcess } from '../../core/cli/run.ts';
import type { CliIo } from '../../core/cli/usage.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { runCli } from './helpers/cli.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const DAY = 86_400_000;
/** A pinned instant: nothing here reads the wall clock. */
const T = Date.UTC(2026, 2, 11, 10, 30);
const AGES_IN_DAYS = [400, 200, 10, 0.5];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A ledger with one run at each age in AGES_IN_DAYS (before T). */
function ledger(): string {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'flowdeck-cli-retention-')), 'data');
  dirs.push(path.dirname(dataDir));
  const core = createCore({ dataDir, clock: fixedClock(T), logger: createMemoryLogger() });
  try {
    core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'n8n prod' }, T - 500 * DAY);
    core.ingest({ connectorId: 'c1', cursor: null, records: AGES_IN_DAYS.map((age, i) => {
      const startedAt = T - age * DAY;
      return { externalId: `r${i}`, workflow: { externalId: 'wf', name: 'Nightly sync' }, rawStatus: 'success', status: 'success',
        startedAt, finishedAt: startedAt + 1000, durationMs: 1000, errorMessage: null };
    }) });
  } finally {
    core.close();
  }
  return dataDir;
}

/** Runs left, and the runs the daily totals count, read straight from the ledger. */
function counts(dataDir: string): { runs: number; dailyTotal: number } {
  const core = createCore({ dataDir, clock: fixedClock(T), logger: createMemoryLogger() });
  try {
    const one = (sql: string) => (ledgerDb(core.ledger).prepare(sql).get() as { n: number }).n;
    return { runs: one('SELECT COUNT(*) AS n FROM runs'), dailyTotal: one('SELECT COALESCE(SUM(n_total), 0) AS n FROM rollups_daily') };
  } finally {
    core.close();
  }
}

/** The CLI in process with its clock pinned at T. */
async function flowdeckAtT(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => { stdout += t; }, err: (t) => { stderr += t; }, stdout: process.stdout, env: {}, cwd: tmpdir(),
    waitForStop: () => new Promise(() => undefined), clock: fixedClock(T),
  };
  const code = await runInProcess(args, io);
  return { code, stdout, stderr };
}

describe('flowdeck retention', () => {
  it('shows the setting (365 days until changed), as words or JSON', async () => {
    const dataDir = ledger();
    const human = await runCli(['retention', '--data-dir', dataDir]);
    expect(human).toMatchObject({ code: 0, stderr: '' });
    expect(human.stdout).toBe('Runs are kept for 365 days; older ones are removed once a day (their hourly and daily totals stay).\n');
    const json = await runCli(['--data-dir', dataDir, 'retention', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ keepDays: 365 });
  });

  it('sets the number of days, which the next show and prune use', async () => {
    const dataDir = ledger();
    const set = await runCli(['retention', 'set', '30', '--data-dir', dataDir]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Runs are now kept for 30 days.');
    expect(JSON.parse((await runCli(['retention', '--json', '--data-dir', dataDir])).stdout)).toEqual({ keepDays: 30 });
    const pruned = await flowdeckAtT(['retention', 'prune', '--data-dir', dataDir]);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toBe(`Removed 2 runs that started before ${new Date(T - 30 * DAY).toISOString().replace('.000Z', 'Z')}. `
      + 'Their hourly and daily totals stay.\n');
    expect(counts(dataDir)).toEqual({ runs: 2, dailyTotal: 4 });
  });

  it('prunes only runs older than the setting, and says when there is nothing to remove', async () => {
    const dataDir = ledger();
    expect(JSON.parse((await flowdeckAtT(['retention', 'prune', '--json', '--data-dir', dataDir])).stdout))
      .toEqual({ deleted: 1, cutoff: T - 365 * DAY, batches: 1 });
    expect(counts(dataDir)).toEqual({ runs: 3, dailyTotal: 4 });
    const again = await flowdeckAtT(['retention', 'prune', '--data-dir', dataDir]);
    expect(again).toMatchObject({ code: 0, stdout: `No run started before ${new Date(T - 365 * DAY).toISOString().replace('.000Z', 'Z')}: nothing to remove.\n` });
  });

  it('refuses bad usage with exit code 2 and a pointer to --help, changing nothing', async () => {
    const dataDir = ledger();
    expect(await runCli(['retention', 'set', 'ninety', '--data-dir', dataDir])).toMatchObject({ code: 2, stdout: '' });
    for (const [args, message] of [
      [['retention', 'set'], 'give the number of days, e.g. `flowdeck retention set 90`'],
      [['retention', 'set', '0'], "give whole days from 1 to 36500, not '0'"],
      [['retention', 'set', '36501'], "not '36501'"],
      [['retention', 'set', '1.5'], "not '1.5'"],
      [['retention', 'keep'], "unknown subcommand 'keep'"],
      [['retention', 'prune', 'now'], "unexpected argument 'now'"],
    ] as const) {
      const res = await flowdeckAtT([...args, '--data-dir', dataDir]);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toContain(message);
      expect(res.stderr).toContain('See `flowdeck retention --help`.');
    }
    expect(JSON.parse((await runCli(['retention', '--json', '--data-dir', dataDir])).stdout)).toEqual({ keepDays: 365 });
  });

  it('explains itself in --help and in the command list', async () => {
    const help = await runCli(['retention', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('flowdeck retention set <days>    Keep runs for <days> days (1 to 36500)');
    expect(help.stdout).toContain('longer than the vendors keep theirs');
    expect((await flowdeckAtT(['help', 'retention'])).stdout).toBe(help.stdout);
    expect((await flowdeckAtT(['--help'])).stdout).toMatch(/^ {2}retention {7}How many days of runs Flowdeck keeps/m);
  });
});
