import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { BulkRetry } from './pages/bulk-retry.ts';
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
  const bulk = new BulkRetry(page);
  await runs.open();
  await runs.settled();
  // No filter: no bulk buttons (the list must be narrowed first).
  await expect(bulk.buttons).toHaveCount(0);

  await bulk.connectorFilter.selectOption('demo-n8n');
  await runs.settled();
  const workflow = bulk.workflowFilter;
  const options = await workflow.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(options.length).toBeGreaterThan(0);
  await workflow.selectOption(options[0]!);
  await runs.settled();

  // Failed and successful runs of the workflow: the successful ones are skipped, with the reason.
  await bulk.retryAll.click();
  const dialog = bulk.dialog;
  await expect(dialog).toBeVisible();
  await expect(bulk.count).toContainText(/in this list/);
  await saveScreenshot(page, testInfo, 'bulk-confirm-all-statuses');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // "All failed n8n runs since the outage began": the connector's failed runs of the last 24 hours (the simulated n8n
  // still keeps its recent failures, so it retries them).
  await workflow.selectOption('');
  await runs.failedToggle.click();
  await bulk.last24h.click();
  await runs.settled();
  await expect(runs.rows.first()).toBeVisible();
  await bulk.retryAll.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(bulk.count).toContainText(/will be retried/);
  await expect(bulk.loadWorkflow).toBeVisible();
  await saveScreenshot(page, testInfo, 'bulk-confirm');
  // Keyboard only: Tab from the option reaches Cancel, then the confirm button; Enter starts the job.
  await expect(bulk.loadWorkflow).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(bulk.confirm).toBeFocused();
  await page.keyboard.press('Enter');

  const panel = bulk.panel;
  await expect(panel).toBeVisible();
  await expect(bulk.status).toHaveAttribute('aria-live', 'polite');
  await expect(panel).toHaveAttribute('data-state', 'finished', { timeout: 30_000 });
  await expect(bulk.status).toContainText(/[1-9]\d* started, \d+ refused, \d+ failed/);
  const results = bulk.results;
  // The results open by themselves when some run was refused or failed; otherwise one click (or Enter) opens them.
  if (!(await panel.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  await expect(results.locator('tbody tr').first()).toBeVisible();
  const outcomes = await bulk.outcomes();
  expect(outcomes.length).toBeGreaterThan(0);
  expect(outcomes.every((o) => o === 'started' || o === 'refused' || o === 'failed')).toBe(true);
  await saveScreenshot(page, testInfo, 'bulk-done-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, testInfo, 'bulk-done-dark');
  await bulk.close.click();
  await expect(panel).toBeHidden();
});
