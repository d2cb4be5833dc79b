import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startServe } from '../integration/helpers/cli.ts';

describe('flowdeck backup create | list | restore', () => {
  it('creates, lists and restores a backup; restore is refused while serve runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdeck-backup-cli-'));
    const created = await runCli(['backup', 'create', '--data-dir', dir]);
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toMatch(/Wrote .*backups\/flowdeck-\d{8}T\d{9}Z-manual\.db/);

    const listed = await runCli(['backup', 'list', '--json', '--data-dir', dir]);
    const backups = JSON.parse(listed.stdout) as { path: string; reason: string }[];
    expect(backups.map((b) => b.reason)).toEqual(['manual']);

    const serve = await startServe(['--data-dir', dir, '--port', '0']);
    try {
      const refused = await runCli(['backup', 'restore', backups[0]!.path, '--data-dir', dir]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/Flowdeck is running on this data directory/);
    } finally {
      await serve.stop();
    }
    const restored = await runCli(['backup', 'restore', backups[0]!.path, '--data-dir', dir]);
    expect(restored).toMatchObject({ code: 0 });
    expect(restored.stdout).toMatch(/Restored 0 runs .* kept at .*-replaced\.db/);

    const junk = await runCli(['backup', 'restore', join(dir, 'nope.db'), '--data-dir', dir]);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toMatch(/There is no file/);
    expect((await runCli(['backup', 'frobnicate', '--data-dir', dir])).code).toBe(2);
  });
});
