// The ledger on a full disk and on a read-only one: a clear storage state in system/get-status, no corruption,
// nothing half-written, and recovery once space returns. Uses a real 3 MB tmpfs when this process may mount one
// (root in CI containers usually may); otherwise SQLite's max_page_count makes the same SQLITE_FULL.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import type { StatusOutput } from '../../core/contract/system.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { DatabaseOpenError } from '../../core/store/db.ts';
import { recount, storedRollups } from '../support/recount.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const mounts: string[] = [];
function tryMount(args: string[], target: string): boolean {
  if (process.env['FLOWDECK_NO_MOUNT'] === '1') return false;
  try {
    execFileSync('mount', [...args, target], { stdio: 'ignore' });
    if (!mounts.includes(target)) mounts.unshift(target);
    return true;
  } catch {
    return false;
  }
}
afterAll(() => {
  for (const m of mounts) {
    try {
      execFileSync('umount', [m], { stdio: 'ignore' });
    } catch (error) {
      console.warn(`could not unmount ${m}: ${String(error)}`);
    }
  }
});

let n = 0;
function page(count: number, errorBytes = 2000) {
  return { connectorId: 'c1', cursor: `c${n}`, records: Array.from({ length: count }, () => {
    n++;
    return { externalId: `r${n}`, workflow: { externalId: `w${n % 5}`, name: `Workflow ${n % 5}` }, rawStatus: 'error', status: 'failed' as const,
      startedAt: Date.UTC(2026, 10, 25) + n * 60_000, durationMs: n, errorMessage: `failure ${n} ${'x'.repeat(errorBytes)}` };
  }) };
}

async function status(core: Core): Promise<StatusOutput> {
  const r = await core.dispatcher.dispatch('system/get-status', {}, { actor: 'test' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.output as StatusOutput;
}

/** Fills the file system holding `dir` to the last byte; returns a function that frees it again. */
function fill(dir: string): () => void {
  const filler = join(dir, 'filler.bin');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return () => rmSync(filler);
}

describe('storage failures', () => {
  it('a full disk: the write fails whole, status says "full", the database stays intact, and it recovers', async () => {
    const base = mkdtempSync(join(tmpdir(), 'flowdeck-full-'));
    const dir = join(base, 'data');
    mkdirSync(dir);
    const real = tryMount(['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs'], dir);
    const core = createCore({ dataDir: dir, logger: createMemoryLogger(), backups: { autoStart: false }, alerting: { autoStart: false } });
    try {
      core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'c1' }, Date.now());
      core.ingest(page(50));
      const before = core.ledger.runs.count();
      const cursorBefore = core.ledger.connectors.get('c1')!.cursor;
      let free: () => void;
      if (real) {
        free = fill(dir);
      } else {
        const pages = ledgerDb(core.ledger).pragma('page_count', { simple: true }) as number;
        ledgerDb(core.ledger).pragma(`max_page_count = ${pages}`);
        free = () => { ledgerDb(core.ledger).pragma('max_page_count = 1073741823'); };
      }
      let failures = 0;
      for (let i = 0; i < 5; i++) {
        try {
          core.ingest(page(400));
        } catch (error) {
          failures++;
          expect((error as { code?: string }).code).toMatch(/SQLITE_FULL|SQLITE_IOERR/);
        }
      }
      const full = await status(core);
      console.log(`storage (${real ? 'tmpfs 3 MB' : 'max_page_count'}): ${failures}/5 writes refused; status ${JSON.stringify(full.storage)}`);
      expect(failures).toBeGreaterThan(0);
      expect(full.storage.state).toMatch(/full|error/);
      expect(full.storage.message).toMatch(/disk/);
      // Nothing half-written: the runs and the cursor are as before the failed pages, rollups still add up.
      expect(core.ledger.runs.count()).toBe(before + (5 - failures) * 400);
      if (failures === 5) expect(core.ledger.connectors.get('c1')!.cursor).toBe(cursorBefore);
      expect(ledgerDb(core.ledger).pragma('integrity_check', { simple: true })).toBe('ok');

      free();
      expect((await status(core)).storage).toEqual({ state: 'ok', message: null });
      core.ingest(page(100));
      expect(ledgerDb(core.ledger).pragma('integrity_check', { simple: true })).toBe('ok');
      expect(storedRollups(ledgerDb(core.ledger))).toEqual(recount(ledgerDb(core.ledger)));
    } finally {
      core.close();
    }
  });

  it('a database that turns read-only: status says "read_only", then recovers', async () => {
    const core = createCore({ dataDir: mkdtempSync(join(tmpdir(), 'flowdeck-ro-')), logger: createMemoryLogger(), backups: { autoStart: false }, alerting: { autoStart: false } });
    try {
      core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'c1' }, Date.now());
      core.ingest(page(10));
      ledgerDb(core.ledger).pragma('query_only = ON');
      expect(() => core.ingest(page(10))).toThrow(/readonly|read-only/i);
      const ro = await status(core);
      expect(ro.storage.state).toBe('read_only');
      expect(ro.storage.message).toMatch(/read-only/);
      ledgerDb(core.ledger).pragma('query_only = OFF');
      expect((await status(core)).storage.state).toBe('ok');
      core.ingest(page(10));
      expect(core.ledger.runs.count()).toBe(20);
    } finally {
      core.close();
    }
  });

  it('a data directory on a read-only mount: the core refuses to start with a plain message', (ctx) => {
    const base = mkdtempSync(join(tmpdir(), 'flowdeck-romount-'));
    const src = join(base, 'src');
    const ro = join(base, 'ro');
    mkdirSync(src);
    mkdirSync(ro);
    createCore({ dataDir: src, logger: createMemoryLogger(), backups: { autoStart: false }, alerting: { autoStart: false } }).close();
    if (!tryMount(['--bind', src], ro) || !tryMount(['-o', 'remount,ro,bind'], ro)) {
      ctx.skip();
      return;
    }
    expect(() => createCore({ dataDir: ro, logger: createMemoryLogger(), backups: { autoStart: false }, alerting: { autoStart: false } }))
      .toThrow(DatabaseOpenError);
    expect(() => createCore({ dataDir: ro, logger: createMemoryLogger(), backups: { autoStart: false }, alerting: { autoStart: false } }))
      .toThrow(/cannot write its database .* read-only/);
  });
});
