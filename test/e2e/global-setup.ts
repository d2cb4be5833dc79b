// Starts `flowdeck serve --demo` for the Playwright run: a real core on a fresh data dir, port 0, its demo clock pinned
// to FLOWDECK_E2E_NOW (default: instant.ts) so the run does not depend on today's date or the time of day.
// Exports FLOWDECK_E2E_URL (origin, used as baseURL) and FLOWDECK_E2E_LOGIN_PATH (`/?token=…`, the sign-in link).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { e2eNow } from './instant.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export interface E2eServer {
  child: ChildProcess;
  tmp: string;
  exited: Promise<number | null>;
}

/** Shared with global-teardown.ts (Playwright runs both in the same process). */
export const serverKey = Symbol.for('flowdeck.e2e.server');

function ensureRendererBuilt(): void {
  if (existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) return;
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const build = spawnSync(npx, ['vite', 'build', '--config', 'renderer/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('e2e: building the renderer failed (npx vite build --config renderer/vite.config.ts)');
}

function waitForLink(child: ChildProcess, exited: Promise<number | null>, log: () => string): Promise<URL> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`e2e: serve printed no link within ${START_TIMEOUT_MS / 1000} s:\n${out}\n${log()}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/\S+\/\?token=[A-Za-z0-9_-]+/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve(new URL(m[0]));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`e2e: serve exited with ${code} before printing its link:\n${out}\n${log()}`));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  ensureRendererBuilt();
  const demoNow = e2eNow();
  console.log(`e2e: the demo's clock starts at ${demoNow} (FLOWDECK_E2E_NOW)`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'flowdeck-e2e-'));
  // --demo seeds `<data dir>/../demo-data`, so the data dir sits one level down inside the temp dir.
  const child = spawn(process.execPath, [path.join(ROOT, 'core', 'cli', 'main.ts'), 'serve', '--demo', '--port', '0',
    '--data-dir', path.join(tmp, 'data')], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    // Lets monitoring.spec.ts ingest a run into this server (testing/ingest-page) to check live updates.
    env: { ...process.env, FLOWDECK_TEST_MODE: '1', FLOWDECK_DEMO_NOW: demoNow },
  });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  try {
    const link = await waitForLink(child, exited, () => log);
    process.env.FLOWDECK_E2E_URL = link.origin;
    process.env.FLOWDECK_E2E_LOGIN_PATH = `${link.pathname}${link.search}`;
    // roles.spec.ts adds a Viewer's token to the demo ledger (`flowdeck tokens add … --data-dir` this directory).
    process.env.FLOWDECK_E2E_DEMO_DIR = path.join(tmp, 'demo-data');
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  (globalThis as Record<symbol, unknown>)[serverKey] = { child, tmp, exited } satisfies E2eServer;
}
