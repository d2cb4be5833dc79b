import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { IncidentsPage } from './pages/incidents-page.ts';

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.project.outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('a failing demo workflow raises an incident; acknowledge it, snooze it, and find both in the audit log', async ({ page }, testInfo) => {
  const incidents = new IncidentsPage(page);
  await incidents.open();

  // The demo seeds "Any failure" and a missed-run monitor on the supplier sync that stopped three days ago.
  await expect(incidents.rowsOfRule('Any failure').first()).toBeVisible();
  await expect(incidents.rowsOfRule('Missed run')).toHaveCount(1);

  const row = incidents.rowsOfRule('Any failure').first();
  const id = await row.getAttribute('data-incident-id');
  await row.click();
  await expect(incidents.detail).toBeVisible();
  await expect(incidents.detailStatus).toHaveAttribute('data-status', 'open');

  await incidents.confirm('acknowledge');
  await expect(incidents.detailStatus).toHaveAttribute('data-status', 'acknowledged');
  await expect(incidents.page.locator(`[data-testid="incident-row"][data-incident-id="${id}"] [data-testid="incident-row-status"]`)).toHaveAttribute('data-status', 'acknowledged');

  await incidents.confirm('snooze-60');
  await expect(incidents.notice).toContainText('Snoozed until');
  await expect(incidents.page.getByTestId('incident-snoozed')).toBeVisible();
  await expect(incidents.timeline.locator('[data-kind="acknowledged"]')).toHaveCount(1);
  await expect(incidents.timeline.locator('[data-kind="snoozed"]')).toHaveCount(1);
  await saveScreenshot(page, testInfo, 'incidents-page');

  await incidents.openAudit();
  await expect(incidents.auditRow('incident.acknowledged')).toHaveCount(1);
  await expect(incidents.auditRow('incident.snoozed')).toHaveCount(1);
  await expect(incidents.auditRow('incident.opened').first()).toBeVisible();
  await page.getByTestId('audit-action').fill('incident.snoozed');
  await expect(incidents.auditRows).toHaveCount(1);
  await saveScreenshot(page, testInfo, 'audit-page');
});

test('the rule editor previews how often a rule would have fired, and Settings lists the channels', async ({ page }, testInfo) => {
  const incidents = new IncidentsPage(page);
  await incidents.open();
  await page.getByTestId('rule-new').click();
  await page.getByTestId('rule-name').fill('Three in a row');
  await page.getByTestId('rule-kind').selectOption('consecutive_failures');
  await page.getByTestId('rule-preview-button').click();
  await expect(page.getByTestId('rule-preview')).toContainText(/This rule would (not )?have fired/);
  // A bad cron is a field-level error, not a crash.
  await page.getByTestId('rule-kind').selectOption('missed_run');
  await page.getByTestId('rule-schedule-kind').selectOption('cron');
  await page.getByTestId('rule-cron').fill('every day');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-field-error')).toContainText('cron');
  await saveScreenshot(page, testInfo, 'rule-editor');

  await page.getByTestId('nav-settings').click();
  await expect(page.locator('[data-testid="channel-row"][data-channel="This computer"]')).toBeVisible();
  await saveScreenshot(page, testInfo, 'settings-page');
});
