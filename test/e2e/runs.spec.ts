import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { RunsPage } from './pages/runs-page.ts';

/** Saves a screenshot under the run's output dir (test-results/<name>.png) and attaches it to the report. */
async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.project.outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('the Runs page lists the demo runs, filters to failed ones and opens a run', async ({ page }, testInfo) => {
  const runs = new RunsPage(page);
  await runs.open();

  await expect(runs.demoBadge).toBeVisible();
  await expect(runs.rows.first()).toBeVisible();
  await runs.settled();
  await saveScreenshot(page, testInfo, 'runs-page');

  // The demo estate has successes, so before filtering some rendered rows are not failed.
  await expect(runs.rowsNotIn('failed').first()).toBeVisible();
  await runs.failedToggle.click();
  await expect(runs.failedToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(runs.statusChip('failed')).toHaveAttribute('aria-pressed', 'true');
  await runs.settled();
  await expect(runs.rows.first()).toBeVisible();
  await expect(runs.rowsNotIn('failed')).toHaveCount(0);
  const statuses = await runs.renderedStatuses();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['failed']));

  const row = runs.rows.first();
  const runId = await row.getAttribute('data-run-id');
  expect(runId).toMatch(/^\d+$/);
  await row.click();
  await expect(runs.detail).toBeVisible();
  await expect(runs.detail).toHaveAttribute('data-run-id', runId!);
  await expect(runs.detailStatus).toHaveAttribute('data-status', 'failed');
  await expect(runs.detailStatus).toHaveText('Failed');
  await saveScreenshot(page, testInfo, 'runs-detail');

  await page.keyboard.press('Escape');
  await expect(runs.detail).toBeHidden();
});
