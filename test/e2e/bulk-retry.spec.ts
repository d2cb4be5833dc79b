import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { RunsPage } from './pages/runs-page.ts';

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.project.outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

// The demo's n8n connector polls a simulated n8n, which retries executions (Make, Zapier and GitHub in the demo do
// not offer retry). The list is narrowed to one workflow's failed runs so the job stays small for the other specs.
test('bulk retry from a filtered list: confirmation with the count and skipped runs, progress, the result per run', async ({ page }, testInfo) => {
  const runs = new RunsPage(page);
  await runs.open();
  await runs.settled();
  // No filter: no bulk buttons (the list must be narrowed first).
  await expect(page.getByTestId('bulk-buttons')).toHaveCount(0);

  await page.getByTestId('filter-connector').selectOption('demo-n8n');
  await runs.settled();
  const workflow = page.getByTestId('filter-workflow');
  const options = await workflow.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(options.length).toBeGreaterThan(0);
  await workflow.selectOption(options[0]!);
  await runs.settled();

  // Failed and successful runs of the workflow: the successful ones are skipped, with the reason.
  await page.getByTestId('bulk-retry-run').click();
  const dialog = page.getByTestId('bulk-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('bulk-count')).toContainText(/in this list/);
  await saveScreenshot(page, testInfo, 'bulk-confirm-all-statuses');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // "All failed n8n runs since the outage began": the connector's failed runs of the last 24 hours (the simulated n8n
  // still keeps its recent failures, so it retries them).
  await workflow.selectOption('');
  await runs.failedToggle.click();
  await page.getByTestId('filter-range-24h').click();
  await runs.settled();
  await expect(runs.rows.first()).toBeVisible();
  await page.getByTestId('bulk-retry-run').focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('bulk-count')).toContainText(/will be retried/);
  await expect(page.getByTestId('bulk-load-workflow')).toBeVisible();
  await saveScreenshot(page, testInfo, 'bulk-confirm');
  // Keyboard only: Tab from the option reaches Cancel, then the confirm button; Enter starts the job.
  await expect(page.getByTestId('bulk-load-workflow')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('bulk-dialog-confirm')).toBeFocused();
  await page.keyboard.press('Enter');

  const panel = page.getByTestId('bulk-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('bulk-status')).toHaveAttribute('aria-live', 'polite');
  await expect(panel).toHaveAttribute('data-state', 'finished', { timeout: 30_000 });
  await expect(page.getByTestId('bulk-status')).toContainText(/[1-9]\d* started, \d+ refused, \d+ failed/);
  const results = page.getByTestId('bulk-results');
  // The results open by themselves when some run was refused or failed; otherwise one click (or Enter) opens them.
  if (!(await panel.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  await expect(results.locator('tbody tr').first()).toBeVisible();
  const outcomes = await results.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));
  expect(outcomes.length).toBeGreaterThan(0);
  expect(outcomes.every((o) => o === 'started' || o === 'refused' || o === 'failed')).toBe(true);
  await saveScreenshot(page, testInfo, 'bulk-done-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, testInfo, 'bulk-done-dark');
  await page.getByTestId('bulk-close').click();
  await expect(panel).toBeHidden();
});
