// Issue #17 part 4 in the browser: the Usage page on the demo estate. Each vendor connector shows its use this
// billing cycle with exact or estimated said plainly; without a quota it says how to get the forecast; entering the
// plan's quota shows the forecast against it. Screenshots in both themes. Nothing here depends on the instant: the
// figures are read from the page, never computed from the date.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { entryUrl } from './pages/runs-page.ts';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const file = path.join(testInfo.project.outputDir, `${name}-${scheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name}-${scheme}`, { path: file, contentType: 'image/png' });
  }
}

test('the Usage page labels exact and estimated figures, guides to the quota, and forecasts against the plan once entered', async ({ page }, testInfo) => {
  await page.goto(entryUrl());
  await page.goto('/#/usage');
  await expect(page.getByTestId('usage-page')).toBeVisible();
  const make = page.getByTestId('usage-card').filter({ hasText: 'Make ·' }).first();
  const github = page.getByTestId('usage-card').filter({ hasText: 'GitHub ·' }).first();
  await expect(make.getByTestId('usage-basis')).toHaveText('Exact');
  await expect(github.getByTestId('usage-basis')).toHaveText('Estimate');
  await expect(github.getByTestId('usage-note')).toContainText('rounded up to the minute');
  await shoot(page, testInfo, 'usage-before');

  // Enter the Make plan (counted in operations here) when it has none yet; otherwise edit it.
  await make.getByTestId('usage-plan-edit').click();
  const form = make.getByTestId('usage-plan-form');
  await form.getByTestId('usage-plan-measure').selectOption('operations');
  await form.getByTestId('usage-plan-quota').fill('500');
  await form.getByTestId('usage-plan-day').fill('1');
  await form.getByTestId('usage-plan-save').click();
  await expect(form).toHaveCount(0);
  await expect(make.getByTestId('usage-quota')).toHaveText('500');
  await expect(make.getByTestId('usage-no-quota')).toHaveCount(0);
  await expect(make).toContainText('operations');
  await shoot(page, testInfo, 'usage-plan');
});

test('the rule editor offers both usage rules with their own fields', async ({ page }, testInfo) => {
  await page.goto(entryUrl());
  await page.goto('/#/incidents');
  await page.getByTestId('rule-new').click();
  const editor = page.getByTestId('rule-editor');
  await editor.getByTestId('rule-name').fill(`Runaway loops ${randomUUID().slice(0, 8)}`);
  // Saved switched off: the shared demo's other specs must not meet its incidents.
  await editor.getByTestId('rule-enabled').uncheck();
  await editor.getByTestId('rule-kind').selectOption('usage_forecast');
  await expect(editor.getByTestId('rule-usage-percent')).toHaveValue('90');
  await editor.getByTestId('rule-kind').selectOption('usage_runaway');
  await expect(editor.getByTestId('rule-usage-percent')).toHaveCount(0);
  // The preview replays stored runs only: it is not offered for usage rules.
  await expect(editor.getByTestId('rule-preview-button')).toHaveCount(0);
  await editor.getByTestId('rule-usage-factor').fill('6');
  await editor.getByTestId('rule-usage-min').fill('80');
  await shoot(page, testInfo, 'usage-rule-editor');
  // A switched-off rule notifies nobody anyway, so the editor saves without asking about channels.
  await editor.getByTestId('rule-save').click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('rule-row').filter({ hasText: 'Runaway loops' }).first()).toBeVisible();
});
