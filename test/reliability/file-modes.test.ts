// On POSIX the data directory is private to its owner (0700) and the database, its WAL and shared-memory files,
// backups and exports are 0600, whatever the umask, including a database created by an older version as 0644.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/app.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { runCli } from '../integration/helpers/cli.ts';

const base = mkdtempSync(join(tmpdir(), 'flowdeck-modes-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const posix = process.platform !== 'win32';

describe.runIf(posix)('file modes', () => {
  it('data dir 0700; database, WAL, shared memory, backups and registry exports 0600', async () => {
    const dir = join(base, 'data');
    const old = process.umask(0o022);
    try {
      const core = createCore({ dataDir: dir, logger: createMemoryLogger(), backups: { autoStart: false }, alerting: { autoStart: false } });
      core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'c1' }, Date.now());
      core.ingest({ connectorId: 'c1', cursor: 'x', records: [{ externalId: 'r1', workflow: { externalId: 'w1', name: 'W' }, rawStatus: 'success', status: 'success', startedAt: Date.now() }] });
      const backup = await core.backups.create('manual');
      const exported = await core.dispatcher.dispatch('registry/export', { name: 'reg' }, { actor: 'test' });
      expect(exported.ok).toBe(true);
      expect(mode(dir)).toBe('700');
      for (const f of ['flowdeck.db', 'flowdeck.db-wal', 'flowdeck.db-shm']) expect([f, mode(join(dir, f))]).toEqual([f, '600']);
      expect(mode(backup.path)).toBe('600');
      const exportDir = join(dir, 'exports', 'reg');
      expect(mode(join(dir, 'exports'))).toBe('700');
      for (const f of readdirSync(exportDir)) if (f.endsWith('.json')) expect([f, mode(join(exportDir, f))]).toEqual([f, '600']);
      core.close();
    } finally {
      process.umask(old);
    }
  });

  it('tightens a data dir and database left world-readable by an older version', () => {
    const dir = join(base, 'old');
    createCore({ dataDir: dir, logger: createMemoryLogger(), backups: { autoStart: false }, alerting: { autoStart: false } }).close();
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'flowdeck.db'), 0o644);
    createCore({ dataDir: dir, logger: createMemoryLogger(), backups: { autoStart: false }, alerting: { autoStart: false } }).close();
    expect([mode(dir), mode(join(dir, 'flowdeck.db'))]).toEqual(['700', '600']);
  });

  it('a CSV export written with --out is 0600', async () => {
    const dir = join(base, 'cli');
    mkdirSync(dir);
    const out = join(base, 'runs.csv');
    const r = await runCli(['export', 'runs', '--out', out, '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(mode(out)).toBe('600');
  });
});
