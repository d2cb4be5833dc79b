import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { atDefaultInstant } from './instant.ts';
import { MonitoringPages } from './pages/monitoring-pages.ts';
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

  // The leads workflow's failures began shortly after its second version. Whether they clear the correlation's bar
  // (twice the usual failure rate and 20 points above it) depends on that week's simulated traffic (a weekend brings a
  // quarter of the form submissions): the page shows what the core found, which at the default instant is version 2.
  await page.getByTestId('workflow-back').click();
  await workflows.openWorkflow('Leads – Website form to CRM');
  await expect(workflows.versions).toHaveCount(3);
  const core = new MonitoringPages(page);
  const { items } = await core.callCore<{ items: { workflowId: number; name: string }[] }>('registry/list-entries', {});
  const leads = items.find((w) => w.name === 'Leads – Website form to CRM')!;
  const { workflow } = await core.callCore<{ workflow: { correlations: { versionNumber: number; message: string }[] } }>(
    'registry/get-workflow', { workflowId: leads.workflowId });
  expect(workflow.correlations.every((c) => c.versionNumber === 2)).toBe(true);
  if (atDefaultInstant()) expect(workflow.correlations).toHaveLength(1);
  await expect(page.getByTestId('correlation')).toHaveText(workflow.correlations.map((c) => c.message));
  for (const c of workflow.correlations) expect(c.message).toMatch(/^Failures began \d+ minutes? after version 2 /);

  await workflows.showLintReport();
  await expect(workflows.lintReport.locator('[data-rule="overlapping-triggers"]')).toHaveCount(2);
  await expect(workflows.lintReport.locator('[data-rule="naming"]', { hasText: 'My workflow 3' })).toHaveCount(1);
  await saveScreenshot(page, testInfo, 'workflows-lint-report');
});
