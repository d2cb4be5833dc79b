import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { IncidentsPage } from './pages/incidents-page.ts';
import { SettingsPage } from './pages/settings-page.ts';

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

test('a rule and a channel are edited in place: one rule with the new name and threshold, one channel with the new name and its secret kept', async ({ page }, testInfo) => {
  const incidents = new IncidentsPage(page);
  await incidents.open();
  await expect(incidents.ruleRow('Any failure')).toBeVisible();
  const rulesBefore = await incidents.ruleRows.count();

  // Disabled and on a tag no workflow carries, so it raises nothing for the other specs.
  await page.getByTestId('rule-new').click();
  await incidents.ruleField('name').fill('E2E edit me');
  await incidents.ruleField('kind').selectOption('consecutive_failures');
  await incidents.ruleField('count').fill('3');
  await incidents.ruleField('scope').selectOption('tag');
  await incidents.ruleField('tag').fill('e2e-no-such-tag');
  await incidents.ruleField('enabled').uncheck();
  await incidents.ruleField('save').click();
  await expect(incidents.ruleRow('E2E edit me')).toHaveCount(1);
  await expect(incidents.ruleRows).toHaveCount(rulesBefore + 1);

  // The editor opens pre-filled; Esc discards and hands focus back to Edit.
  await incidents.editRule('E2E edit me');
  await expect(incidents.ruleField('name')).toHaveValue('E2E edit me');
  await expect(incidents.ruleField('kind')).toHaveValue('consecutive_failures');
  await expect(incidents.ruleField('count')).toHaveValue('3');
  await expect(incidents.ruleField('tag')).toHaveValue('e2e-no-such-tag');
  await expect(incidents.ruleField('enabled')).not.toBeChecked();
  await incidents.ruleField('name').fill('Discarded');
  await page.keyboard.press('Escape');
  await expect(incidents.ruleEditor).toHaveCount(0);
  await expect(incidents.ruleRow('E2E edit me').getByTestId('rule-edit')).toBeFocused();

  await incidents.editRule('E2E edit me');
  await incidents.ruleField('name').fill('E2E edited');
  await incidents.ruleField('count').fill('5');
  await incidents.ruleField('preview-button').click();
  await expect(incidents.ruleField('preview')).toContainText(/This rule would (not )?have fired/);
  await saveScreenshot(page, testInfo, 'rule-editor-edit');
  await incidents.ruleField('save').click();
  await expect(incidents.ruleEditor).toHaveCount(0);
  await expect(incidents.ruleRow('E2E edited')).toHaveCount(1);
  await expect(incidents.ruleRow('E2E edit me')).toHaveCount(0);
  await expect(incidents.ruleRows).toHaveCount(rulesBefore + 1);
  await expect(incidents.ruleRow('E2E edited')).toHaveAttribute('data-enabled', 'false');
  await incidents.editRule('E2E edited');
  await expect(incidents.ruleField('count')).toHaveValue('5');
  await incidents.ruleField('cancel').click();

  const settings = new SettingsPage(page);
  await settings.open();
  await settings.addWebhookChannel('E2E hook', 'http://127.0.0.1:9/flowdeck-e2e');
  await settings.editChannel('E2E hook');
  await expect(settings.channelField('name')).toHaveValue('E2E hook');
  await expect(settings.channelField('kind')).toBeDisabled();
  await expect(settings.channelField('secret')).toHaveValue('');
  await expect(settings.channelField('secret')).toHaveAttribute('placeholder', 'stored — leave empty to keep');
  await settings.channelField('name').fill('E2E hook renamed');
  await saveScreenshot(page, testInfo, 'channel-form-edit');
  await settings.channelField('save').click();
  await expect(settings.channelRow('E2E hook renamed')).toHaveCount(1);
  await expect(settings.channelRow('E2E hook')).toHaveCount(0);
  // Saved without typing a secret: the stored address is still there.
  await settings.editChannel('E2E hook renamed');
  await expect(settings.channelField('secret')).toHaveAttribute('placeholder', 'stored — leave empty to keep');
  await settings.channelField('cancel').click();
  await settings.channelRow('E2E hook renamed').getByTestId('channel-toggle').click();
  await expect(settings.channelRow('E2E hook renamed')).toHaveAttribute('data-enabled', 'false');
  await saveScreenshot(page, testInfo, 'settings-channels-edited');

  await incidents.openAudit();
  await expect(incidents.auditRow('rule.updated')).toHaveCount(1);
  await expect(incidents.auditRow('channel.updated')).toHaveCount(2);
});
