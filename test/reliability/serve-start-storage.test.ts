// `flowdeck serve` on a damaged ledger says so the moment it starts, naming the last backup that passed its
// check, and still serves the console (read-only) so the owner can see what was saved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/app.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { startServe } from '../integration/helpers/cli.ts';
import { makeRendererFixture } from '../integration/helpers/ws.ts';
import { flipMiddlePage } from './damage.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const cleanup: string[] = [];
afterAll(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

async function damagedLedger(): Promise<{ dir: string; backup: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'flowdeck-serve-damaged-'));
  cleanup.push(dir);
  const core = createCore({ dataDir: dir, logger: createMemoryLogger(), backups: { autoStart: false }, alerting: { autoStart: false } });
  core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'c1' }, Date.UTC(2026, 10, 25));
  for (let p = 0; p < 8; p++) {
    core.ingest({ connectorId: 'c1', cursor: `p${p}`, records: Array.from({ length: 400 }, (_, i) => ({
      externalId: `r${p}-${i}`, workflow: { externalId: `w${i % 5}`, name: `Workflow ${i % 5}` }, rawStatus: 'error', status: 'failed' as const,
      startedAt: Date.UTC(2026, 10, 25) + (p * 400 + i) * 60_000, durationMs: i, errorMessage: `failure ${i} ${'x'.repeat(1500)}`,
    })) });
  }
  const backup = await core.backups.create('manual');
  ledgerDb(core.ledger).pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  flipMiddlePage(join(dir, 'flowdeck.db'));
  return { dir, backup: backup.file };
}

describe('serve at start', () => {
  it('prints that the ledger is damaged and which backup to restore, then serves the console', async () => {
    const { dir, backup } = await damagedLedger();
    const fixture = makeRendererFixture();
    cleanup.push(fixture.root);
    const serve = await startServe(['--port', '0', '--data-dir', dir, '--renderer-dir', fixture.rendererDir]);
    try {
      const err = await serve.stderrMatching(/Heartbeats and webhooks are received/);
      expect(err).toMatch(/Nothing can be saved right now: .*is damaged/);
      expect(err).toContain(backup);
      expect(err).toContain('flowdeck backup restore');
      expect((await fetch(serve.url, { redirect: 'manual' })).status).toBe(303);
    } finally {
      const code = await serve.stop();
      if (code !== 0) console.log(serve.stderr());
      expect(code).toBe(0);
    }
  });
});
