import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { WorkflowsPage } from './pages/workflows-page.ts';

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.project.outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('open a demo workflow, see its versions, open a diff and see the lint findings', async ({ page }, testInfo) => {
  const workflows = new WorkflowsPage(page);
  await workflows.open();
  await expect(workflows.row('Ops – Nightly backup of Airtable')).toBeVisible();

  // The backup's second version removed the error workflow; it also has a password in an upload URL.
  await workflows.openWorkflow('Ops – Nightly backup of Airtable');
  await expect(workflows.versions).toHaveCount(2);
  await expect(workflows.versions.first()).toContainText('Setting errorWorkflow removed');
  await workflows.openLatestDiff();
  await expect(workflows.diff.getByTestId('diff-step-changed')).toContainText('Read tables');
  await expect(workflows.diff.getByTestId('diff-settings')).toContainText('errorWorkflow');
  await expect(workflows.findings.and(page.locator('[data-rule="missing-error-path"]'))).toHaveCount(1);
  await expect(workflows.findings.and(page.locator('[data-rule="hard-coded-secret"]'))).toHaveCount(1);
  await saveScreenshot(page, testInfo, 'workflow-detail-diff');

  // The leads workflow's failures began shortly after its second version.
  await page.getByTestId('workflow-back').click();
  await workflows.openWorkflow('Leads – Website form to CRM');
  await expect(workflows.versions).toHaveCount(3);
  await expect(page.getByTestId('correlation')).toContainText('after version 2');

  await workflows.showLintReport();
  await expect(workflows.lintReport.locator('[data-rule="overlapping-triggers"]')).toHaveCount(2);
  await expect(workflows.lintReport.locator('[data-rule="naming"]', { hasText: 'My workflow 3' })).toHaveCount(1);
  await saveScreenshot(page, testInfo, 'workflows-lint-report');
});
