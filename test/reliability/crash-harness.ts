import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { n8nStatus } from '../../core/sync/vendors/n8n/mapper.ts';
import { mulberry32 } from '../../core/demo/prng.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { seedExecutions, seedWorkflows, type Estate } from '../fakes/n8n/seed.ts';
import { recount, storedRollups } from '../support/recount.ts';
import type { FakeExecutionStatus } from '../fakes/n8n/render.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const CONNECTOR = 'n8n-crash';

export interface CrashFigures {
  cycles: number;
  killed: number;
  /** Kills that landed before the child said it was ready (during open/migrate). */
  killedDuringStart: number;
  truth: number;
  ledger: number;
  lost: number;
  doubled: number;
  wrongStatus: number;
  rollupsMatch: boolean;
  integrity: string;
  seed: number;
  convergeRequests: number;
}

/** Waits for the child's "ready" line, or its exit. */
function readyOrExit(child: ChildProcess): Promise<'ready' | 'exit'> {
  return new Promise((resolve) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('ready\n')) resolve('ready');
    });
    child.once('exit', () => resolve('exit'));
  });
}

function ledgerCount(dataDir: string): string {
  try {
    const db = new Database(join(dataDir, 'flowdeck.db'), { fileMustExist: true });
    try {
      return String((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n);
    } finally {
      db.close();
    }
  } catch (error) {
    return `? (${(error as Error).message})`;
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** A changing vendor: new finished runs, new running runs, and running ones that end. */
function mutate(fake: FakeN8n, estate: Estate, rnd: () => number): void {
  const state = fake.state;
  const running = [...state.executions.values()].filter((e) => e.status === 'running');
  for (const e of running) if (rnd() < 0.5) state.finishExecution(e.id, rnd() < 0.7 ? 'success' : 'error');
  const added = 10 + Math.floor(rnd() * 60);
  const ids = [estate.ok, estate.fail, estate.flaky, estate.schedule];
  for (let i = 0; i < added; i++) {
    const roll = rnd();
    const status: FakeExecutionStatus = roll < 0.1 ? 'running' : roll < 0.3 ? 'error' : 'success';
    state.addExecution({ workflowId: ids[Math.floor(rnd() * ids.length)]!, status, durationMs: 20 + Math.floor(rnd() * 5000) });
  }
}

/**
 * Runs `cycles` crash cycles: start a real core process on one data dir, let it poll the fake n8n, SIGKILL it
 * after a random delay, change the vendor, repeat. Then one clean converging poll and a comparison with the truth.
 */
export async function runCrashCycles(options: { cycles: number; seed: number; maxKillDelayMs: number; log?: (line: string) => void }): Promise<CrashFigures> {
  const rnd = mulberry32(options.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'flowdeck-crash-'));
  const fake = await startFakeN8n();
  const key = fake.state.keys.issue({ expiresAt: Date.UTC(2030, 0, 1) });
  const estate = seedWorkflows(fake.state);
  seedExecutions(fake.state, estate, 600, Date.UTC(2026, 10, 20));
  const env = { ...process.env, FLOWDECK_CRASH_KEY: key };
  const figures: CrashFigures = {
    cycles: 0, killed: 0, killedDuringStart: 0, truth: 0, ledger: 0, lost: 0, doubled: 0, wrongStatus: 0, rollupsMatch: false, integrity: '', seed: options.seed, convergeRequests: 0,
  };
  let startMs = 500;
  try {
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      const child = spawn(process.execPath, [CHILD, '--data-dir', dataDir, '--url', fake.url], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stderr!.resume();
      // One kill in five lands while the core is still opening the database and migrating.
      const early = cycle > 0 && rnd() < 0.2;
      const spawnedAt = Date.now();
      const delay = early ? Math.floor(rnd() * startMs * 1.2) : Math.floor(rnd() * options.maxKillDelayMs);
      const mid = setTimeout(() => mutate(fake, estate, rnd), delay / 2);
      if (!early) {
        const status = await readyOrExit(child);
        if (status === 'exit') throw new Error(`crash child exited on its own in cycle ${cycle} (code ${child.exitCode})`);
        if (cycle === 0) startMs = Date.now() - spawnedAt;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      clearTimeout(mid);
      child.kill('SIGKILL');
      await exited(child);
      figures.cycles++;
      figures.killed++;
      if (early) figures.killedDuringStart++;
      options.log?.(`cycle ${cycle + 1}: SIGKILL ${early ? 'spawn' : 'ready'} + ${delay} ms; ledger now ${ledgerCount(dataDir)} runs`);
      mutate(fake, estate, rnd);
    }
    // Everything ends, then one clean poll must bring the ledger to the truth.
    for (const e of fake.state.executions.values()) if (e.status === 'running') fake.state.finishExecution(e.id, 'success');
    const convergeFrom = fake.requests.length;
    const child = spawn(process.execPath, [CHILD, '--data-dir', dataDir, '--url', fake.url, '--converge'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
    const code = await exited(child);
    if (code !== 0 || !out.includes('"converged":true')) throw new Error(`converging poll failed (exit ${code}): ${out}\n${err.slice(-2000)}`);
    figures.convergeRequests = fake.requests.length - convergeFrom;
    options.log?.(`converge: ${out.trim()} after ${figures.convergeRequests} requests`);

    const db = new Database(join(dataDir, 'flowdeck.db'));
    try {
      figures.integrity = String(db.pragma('integrity_check', { simple: true }));
      const rows = db.prepare('SELECT external_id AS id, status FROM runs WHERE connector_id = ?').all(CONNECTOR) as { id: string; status: string }[];
      const truth = new Map([...fake.state.truth()].map(([id, s]) => [id, n8nStatus(s)]));
      const seen = new Map<string, number>();
      for (const r of rows) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
      figures.truth = truth.size;
      figures.ledger = rows.length;
      const lostIds = [...truth.keys()].filter((id) => !seen.has(id));
      figures.lost = lostIds.length;
      if (lostIds.length) {
        const max = Math.max(...[...seen.keys()].map(Number));
        options.log?.(`lost (ledger max id ${max}): ${lostIds.slice(0, 30).map((id) => `${id}:${fake.state.executions.get(Number(id))?.status}`).join(' ')}`);
        options.log?.(`quarantined: ${JSON.stringify(db.prepare('SELECT reason, count(*) AS n FROM ingest_quarantine GROUP BY reason').all())}`);
        options.log?.(`cursor: ${String((db.prepare('SELECT cursor FROM connectors WHERE id = ?').get(CONNECTOR) as { cursor: string | null }).cursor)}`);
      }
      figures.doubled = [...seen.values()].filter((n) => n > 1).length + [...seen.keys()].filter((id) => !truth.has(id)).length;
      figures.wrongStatus = rows.filter((r) => truth.has(r.id) && truth.get(r.id) !== r.status).length;
      figures.rollupsMatch = JSON.stringify(storedRollups(db)) === JSON.stringify(recount(db));
    } finally {
      db.close();
    }
    return figures;
  } finally {
    await fake.close();
  }
}
