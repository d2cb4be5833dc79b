// Issue #15 as a Viewer: every action is visible but locked with its reason, pressing one does nothing (no error after
// the click), and the header says "View only (Viewer)". The token is added to the running demo's ledger by the CLI.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VIEWER_REASON = 'Needs an Operator — you have view-only access. Ask the owner of this Flowdeck.';

function viewerToken(): string {
  const demoDir = process.env.FLOWDECK_E2E_DEMO_DIR;
  if (!demoDir) throw new Error('FLOWDECK_E2E_DEMO_DIR is not set: run through the Playwright config (global-setup.ts).');
  return execFileSync(process.execPath, [path.join(ROOT, 'core', 'cli', 'main.ts'), 'tokens', 'add', `e2e-viewer-${randomUUID().slice(0, 8)}`,
    '--role', 'viewer', '--data-dir', demoDir], { cwd: ROOT, encoding: 'utf8' }).trim();
}

async function signInAsViewer(page: Page): Promise<void> {
  await page.goto(`/?token=${viewerToken()}`);
  await expect(page.getByTestId('access-level')).toHaveText('View only (Viewer)');
}

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const file = path.join(testInfo.project.outputDir, `${name}-${scheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name}-${scheme}`, { path: file, contentType: 'image/png' });
  }
}

test('a Viewer sees incident actions locked with the reason, and pressing one changes nothing', async ({ page }, testInfo) => {
  await signInAsViewer(page);
  await page.goto('/#/incidents');
  const row = page.locator('[data-testid="incident-row"][data-rule="Any failure"]').first();
  await row.click();
  const detail = page.getByTestId('incident-detail');
  await expect(detail).toBeVisible();
  // Earlier specs may have acknowledged this incident (they share the demo), so the action used is Resolve: it is
  // offered while the incident is open or acknowledged.
  const status = await page.getByTestId('incident-detail-status').getAttribute('data-status');
  expect(['open', 'acknowledged']).toContain(status);
  const resolve = page.getByTestId('action-resolve');
  await expect(resolve).toHaveAttribute('aria-disabled', 'true');
  await expect(resolve).toHaveAccessibleDescription(VIEWER_REASON);
  await expect(page.getByTestId('incident-actions-locked')).toHaveText(VIEWER_REASON);
  // Playwright treats aria-disabled as not enabled; force the click a person can still make.
  await resolve.click({ force: true });
  await expect(page.getByTestId('action-resolve-confirm-group')).toHaveCount(0);
  await expect(page.getByTestId('incident-detail-status')).toHaveAttribute('data-status', status!);
  await expect(page.getByTestId('incident-notice')).toHaveCount(0);
  await resolve.focus();
  await shoot(page, testInfo, 'viewer-incidents');
});

test('a Viewer sees the run retry locked with the reason', async ({ page }, testInfo) => {
  await signInAsViewer(page);
  await page.goto('/#/runs');
  await page.getByTestId('run-row').first().click();
  const actions = page.getByTestId('run-actions');
  await expect(actions).toBeVisible();
  await expect(actions.locator('button[data-locked]')).toHaveCount(1);
  await expect(page.getByTestId('run-action-reason')).toHaveText(VIEWER_REASON);
  await shoot(page, testInfo, 'viewer-runs');
});
