// Acceptance: add an n8n connector pointed at the fake n8n, test it, save it, see its runs on the Runs page; revoke
// the key in the fake and see the connector turn "needs attention" with the reason.
// This spec starts its own `flowdeck serve` (not the demo one from global-setup): a fresh data dir, the scheduler
// running, and the REAL system keychain for the credential. `npm test` runs Playwright inside a D-Bus session with an
// unlocked gnome-keyring (scripts/test-all.sh), so no test-only secret store is needed in the product. Outside such
// a session (and outside CI) the spec is skipped with a warning.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { ConnectorsPage } from './pages/connectors-page.ts';
import { RunsPage } from './pages/runs-page.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 60_000;

const unreachable = await createSecretStore({ kind: 'keychain' }).probe().then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)));
if (unreachable !== null && !process.env['CI']) {
  console.warn(`\n!!!! SKIPPING connectors.spec.ts: no system keychain is reachable (${unreachable}). Run it inside a keyring session.\n`);
}

interface Serve {
  child: ChildProcess;
  login: string;
  exited: Promise<number | null>;
}

/** `flowdeck serve --port 0` on its own data dir; resolves with the sign-in link it prints. */
function startServe(dataDir: string): Promise<Serve> {
  const child = spawn(process.execPath, [path.join(ROOT, 'core', 'cli', 'main.ts'), 'serve', '--port', '0', '--push-port', '0', '--data-dir', dataDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no link within ${START_TIMEOUT_MS / 1000} s:\n${out}\n${err}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/\S+\/\?token=[A-Za-z0-9_-]+/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.resume();
      resolve({ child, login: m[0], exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its link:\n${out}\n${err}`));
    });
  });
}

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.project.outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test.describe('connectors', () => {
  test.skip(unreachable !== null && !process.env['CI'], 'no system keychain reachable');

  let fake: FakeN8n;
  let serve: Serve;
  let tmp: string;
  let key: string;

  test.beforeAll(async () => {
    fake = await startFakeN8n();
    const orders = fake.state.addWorkflow({ name: 'Orders to invoices', active: true })['id'] as string;
    const sync = fake.state.addWorkflow({ name: 'CRM nightly sync', active: true })['id'] as string;
    for (let i = 0; i < 5; i++) fake.state.addExecution({ workflowId: orders, status: 'success' });
    fake.state.addExecution({ workflowId: sync, status: 'error', error: { message: 'The CRM answered 503', node: 'HTTP Request', style: 'node' } });
    key = fake.state.keys.issue();
    tmp = mkdtempSync(path.join(tmpdir(), 'flowdeck-e2e-connectors-'));
    serve = await startServe(path.join(tmp, 'data'));
  });

  test.afterAll(async () => {
    if (serve && serve.child.exitCode === null) {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    await fake?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('add an n8n connector, see its runs, and see a revoked key turn it "needs attention"', async ({ page }, testInfo) => {
    // A fresh Flowdeck: the launch link asks for the owner first (issue #15); creating them signs this browser in.
    await page.goto(serve.login);
    await expect(page).toHaveURL(/\/first-run$/);
    await expect(page.getByRole('heading', { name: 'Welcome to Flowdeck' })).toBeVisible();
    await page.locator('#login').fill('olive');
    await page.locator('#name').fill('Olive Owner');
    await page.locator('#password').fill('correct horse battery staple');
    await page.locator('#again').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create the owner and sign in' }).click();
    await expect(page.getByTestId('nav-connectors')).toBeVisible();
    const connectors = new ConnectorsPage(page);
    await connectors.open();
    await expect(page.getByTestId('connectors-empty')).toBeVisible();

    await connectors.addButton.click();
    await expect(connectors.dialog).toBeVisible();
    await connectors.fill({ kind: 'n8n', name: 'n8n e2e', url: fake.url, credential: 'not-the-right-key' });
    await connectors.testButton.click();
    await expect(connectors.testResult).toHaveAttribute('data-ok', 'false');
    await expect(connectors.testResult).toContainText('n8n rejected the API key (401)');

    await connectors.credential.fill(key);
    await connectors.testButton.click();
    await expect(connectors.testResult).toHaveAttribute('data-ok', 'true');
    await expect(connectors.testResult).toContainText('Connected — 2 workflows');
    await saveScreenshot(page, testInfo, 'connectors-add-dialog');
    await connectors.saveButton.click();
    await expect(connectors.dialog).toBeHidden();

    await expect(connectors.health('n8n e2e')).toHaveAttribute('data-health', 'ok');
    await expect(connectors.row('n8n e2e').getByTestId('connector-runs')).toHaveText('6');
    await saveScreenshot(page, testInfo, 'connectors-page');

    const runs = new RunsPage(page);
    await page.getByTestId('nav-runs').click();
    await expect(runs.root).toBeVisible();
    await expect(runs.rows).toHaveCount(6);
    await expect(runs.rowsNotIn('success')).toHaveCount(1);

    // Control action: retry the failed run from its detail panel, after a confirmation; the new run is collected.
    await runs.rowsNotIn('success').first().click();
    await expect(runs.detail).toBeVisible();
    await page.getByTestId('run-action-retry-run').click();
    await expect(page.getByTestId('run-action-dialog')).toBeVisible();
    await page.getByTestId('run-action-dialog-confirm').click();
    await expect(page.getByTestId('run-action-result')).toContainText('Retried n8n execution 6: new execution 7');
    await expect(runs.rows).toHaveCount(7);
    await saveScreenshot(page, testInfo, 'connectors-run-retried');

    fake.state.keys.revoke(key);
    await connectors.open();
    await connectors.pollNow('n8n e2e').click();
    await expect(connectors.health('n8n e2e')).toHaveAttribute('data-health', 'needs_attention');
    await expect(connectors.health('n8n e2e')).toHaveText('Needs attention');
    await expect(connectors.message('n8n e2e')).toContainText('n8n rejected the API key (401)');
    await expect(connectors.message('n8n e2e')).toContainText('n8n → Settings → n8n API');
    await saveScreenshot(page, testInfo, 'connectors-needs-attention');
  });
});
