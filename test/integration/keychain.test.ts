// The credential store against the REAL system keychain (gnome-keyring over D-Bus Secret Service).
// `npm test` runs vitest inside `dbus-run-session` with an unlocked gnome-keyring (scripts/test-all.sh). To run
// just this file:  dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets \
//   >/dev/null; npx vitest run test/integration/keychain.test.ts'
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretStore, SecretStoreUnavailable } from '../../core/platform/secrets/index.ts';

const STORE_MODULE = path.resolve(import.meta.dirname, '../../core/platform/secrets/index.ts');
const REF_PREFIX = `test/keychain-${process.pid}`;

/** Runs a snippet in a fresh Node process with the store module imported as `s`; resolves with its JSON output. */
function inChild(code: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  const script = `import * as s from ${JSON.stringify(STORE_MODULE)};\nconst out = await (async () => { ${code} })();\nprocess.stdout.write(JSON.stringify(out));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { env, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`child failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as unknown);
    });
  });
}

const store = createSecretStore({ kind: 'keychain' });
const reachable = await store.probe().then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)));
const mustRun = Boolean(process.env['CI']);
if (reachable !== null && !mustRun) {
  console.warn(`\n!!!! SKIPPING the real-keychain tests: no Secret Service is reachable here (${reachable}).\n!!!! Run them inside a keyring session (see the top of test/integration/keychain.test.ts); in CI they must run.\n`);
}

describe.skipIf(reachable !== null && !mustRun)('real keychain (gnome-keyring via Secret Service)', () => {
  const refs: string[] = [];
  const ref = (name: string) => {
    const r = `${REF_PREFIX}/${name}`;
    refs.push(r);
    return r;
  };
  afterAll(async () => {
    for (const r of refs) await store.delete(r).catch(() => false);
  });

  it('is reachable (in CI this must hold)', () => {
    expect(reachable).toBeNull();
  });

  it('saves, reads (also from another process), rotates and removes a secret; a missing one is null', async () => {
    const r = ref('n8n-prod');
    const first = `canary-key-${process.pid}-first-✓`;
    const second = `canary-key-${process.pid}-rotated`;
    expect(await store.get(r)).toBeNull();
    await store.set(r, first);
    expect(await store.get(r)).toBe(first);
    // Another process sees the same item: it lives in the keychain, not in this process.
    expect(await inChild(`return await s.createSecretStore({ kind: 'keychain' }).get(${JSON.stringify(r)});`, process.env)).toBe(first);
    await store.set(r, second);
    expect(await store.get(r)).toBe(second);
    expect(await store.delete(r)).toBe(true);
    expect(await store.get(r)).toBeNull();
    expect(await store.delete(r)).toBe(false);
    expect(await store.get(ref('never-stored'))).toBeNull();
  });

  it('keeps secrets of different refs apart', async () => {
    const a = ref('a');
    const b = ref('b');
    await store.set(a, 'secret-for-a');
    await store.set(b, 'secret-for-b');
    expect([await store.get(a), await store.get(b)]).toEqual(['secret-for-a', 'secret-for-b']);
  });
});

describe('no keychain reachable', () => {
  it('throws SecretStoreUnavailable with the plain message, and stores nothing anywhere else', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'flowdeck-nokeychain-'));
    try {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env['PATH'],
        HOME: home,
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_RUNTIME_DIR: path.join(home, 'run'),
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home, 'no-such-bus')}`,
      };
      const out = await inChild(`
        const store = s.createSecretStore({ kind: 'keychain' });
        const results = [];
        for (const op of [() => store.set('r', 'canary-plaintext'), () => store.get('r'), () => store.delete('r'), () => store.probe()]) {
          try { results.push({ ok: await op() ?? null }); }
          catch (e) { results.push({ name: e.name, unavailable: e instanceof s.SecretStoreUnavailable, message: e.message }); }
        }
        return results;`, env) as { name?: string; unavailable?: boolean; message?: string; ok?: unknown }[];
      expect(out).toHaveLength(4);
      for (const result of out) {
        expect(result).toMatchObject({ name: 'SecretStoreUnavailable', unavailable: true });
        expect(result.message).toMatch(/^Flowdeck could not reach the system keychain \(.+\)\. Credentials are not stored anywhere else; unlock or install a keychain and try again\.$/);
      }
      expect(readdirSync(home)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('the error class is the one exported by the store', () => {
    expect(new SecretStoreUnavailable('x').name).toBe('SecretStoreUnavailable');
  });
});
