import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { entryUrl } from './pages/runs-page.ts';

// "This computer" is on UTC here, whatever machine runs the suite: the time-zone test compares against it.
test.use({ timezoneId: 'UTC' });

/** A screenshot in light and in dark (the theme follows prefers-color-scheme), saved under the run's output dir. */
async function bothThemes(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const file = path.join(testInfo.project.outputDir, `${name}-${colorScheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name}-${colorScheme}`, { path: file, contentType: 'image/png' });
  }
  await page.emulateMedia({ colorScheme: null });
}

async function openPage(page: Page, nav: string, root: string): Promise<void> {
  await page.getByTestId(`nav-${nav}`).click();
  await expect(page.getByTestId(root)).toBeVisible();
}

/** Back to this computer's zone: the suite shares one server, so no spec leaves another zone behind. */
async function resetZone(page: Page): Promise<void> {
  await openPage(page, 'settings', 'settings-page');
  await page.getByTestId('display-zone-select').selectOption('');
  await page.getByTestId('display-zone-save').click();
  await expect(page.getByTestId('display-zone-now')).toContainText('UTC (UTC+00:00)');
}

// The suite shares one server: a failed test here never leaves the demo muted for the specs after it.
test.afterEach(async ({ page }) => {
  const rows = page.locator('[data-testid="maintenance-row"][data-label="E2E upgrade"]');
  if (!(await page.getByTestId('mute-banner').count())) return;
  await openPage(page, 'settings', 'settings-page');
  while (await rows.count()) await rows.first().getByTestId('maintenance-remove').click();
});

/** Minutes after midnight of the first "HH:MM" in a shown time. */
function clockMinutes(text: string): number {
  const m = /(\d{2}):(\d{2})/.exec(text);
  if (!m) throw new Error(`no time in "${text}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

test('a rule cannot be saved empty or as a copy of another; one that notifies nobody is asked about first', async ({ page }, testInfo) => {
  await page.goto(entryUrl());
  await openPage(page, 'incidents', 'incidents-page');
  const rules = page.getByTestId('rule-row');
  await expect(page.locator('[data-testid="rule-row"][data-rule="Any failure"]')).toBeVisible();
  const before = await rules.count();

  // The empty form: no stand-in "Untitled rule", the name field says what is missing.
  await page.getByTestId('rule-new').click();
  const editor = page.getByTestId('rule-editor');
  await editor.getByTestId('rule-save').click();
  await expect(editor.getByTestId('rule-field-error')).toContainText('Give the rule a name');
  await expect(editor).toBeVisible();
  await expect(rules).toHaveCount(before);

  // Named, but watching what "Any failure" already watches (any failure, every workflow, warning, 10 min grace).
  await editor.getByTestId('rule-name').fill('Copy of any failure');
  await editor.getByTestId('rule-grace').fill('10');
  await editor.getByTestId('rule-save').click();
  await expect(editor.getByTestId('rule-error')).toContainText('The rule “Any failure” already watches the same workflows for the same condition');
  await expect(editor.getByTestId('rule-no-channel')).toHaveCount(0);
  await expect(rules).toHaveCount(before);
  await bothThemes(page, testInfo, 'rule-editor-duplicate');

  // Different enough to save, but telling no channel: the editor asks before saving.
  await editor.getByTestId('rule-grace').fill('45');
  await editor.getByTestId('rule-save').click();
  await expect(editor.getByTestId('rule-no-channel')).toContainText('This rule notifies no channel');
  await expect(editor.getByTestId('rule-error')).toHaveCount(0);
  await bothThemes(page, testInfo, 'rule-editor-no-channel');
  await editor.getByTestId('rule-choose-channel').click();
  await expect(editor.getByTestId('rule-no-channel')).toHaveCount(0);
  await expect(editor.getByTestId('rule-channels').locator('input').first()).toBeFocused();
  await editor.getByTestId('rule-cancel').click();
  await expect(rules).toHaveCount(before);
});

test('a maintenance window starts only when asked, shows its banner on every page, and ending it clears the banner', async ({ page }, testInfo) => {
  await page.goto(entryUrl());
  await openPage(page, 'settings', 'settings-page');
  const banner = page.getByTestId('mute-banner');
  await expect(banner).toHaveCount(0);
  const form = page.getByTestId('maintenance-form');
  const message = page.getByTestId('maintenance-message');

  // Nothing is pre-filled: no scope, no start.
  await expect(form.getByTestId('maintenance-scope')).toHaveValue('');
  await expect(form.getByTestId('maintenance-from')).toHaveValue('');
  await form.getByTestId('maintenance-start-now').click();
  await expect(message).toContainText('Choose what to mute');
  await expect(page.getByTestId('maintenance-row')).toHaveCount(0);

  // A window in the past is refused in plain words.
  await form.getByTestId('maintenance-scope').selectOption('all');
  await form.getByTestId('maintenance-from').fill('2001-01-01T10:00');
  await form.getByTestId('maintenance-to').fill('2001-01-01T09:00');
  await form.getByTestId('maintenance-schedule').click();
  await expect(message).toContainText('must end after it starts');
  await form.getByTestId('maintenance-to').fill('2001-01-01T11:00');
  await form.getByTestId('maintenance-schedule').click();
  await expect(message).toContainText('would already be over');
  await expect(page.getByTestId('maintenance-row')).toHaveCount(0);

  // Start now: the form says what it will mute and until when before anything is saved.
  const row = page.locator('[data-testid="maintenance-row"][data-label="E2E upgrade"]');
  await form.getByTestId('maintenance-label').fill('E2E upgrade');
  await form.getByTestId('maintenance-duration').selectOption('30');
  await form.getByTestId('maintenance-duration').focus();
  await expect(form.getByTestId('maintenance-summary')).toContainText('Mutes every workflow from now for 30 min, until');
  await form.scrollIntoViewIfNeeded();
  await bothThemes(page, testInfo, 'maintenance-form');
  await form.getByTestId('maintenance-start-now').click();
  await expect(row).toHaveAttribute('data-state', 'active');
  await expect(banner.getByTestId('mute-reason')).toContainText('Maintenance “E2E upgrade” mutes every workflow, until');

  // Every page shows it.
  await openPage(page, 'runs', 'runs-page');
  await expect(banner).toContainText('Alerts are muted');
  await bothThemes(page, testInfo, 'mute-banner');
  await openPage(page, 'overview', 'overview-page');
  await expect(banner).toBeVisible();

  // The banner leads to where it ends.
  await banner.getByTestId('mute-banner-settings').click();
  await expect(page.getByTestId('settings-page')).toBeVisible();
  await row.getByTestId('maintenance-remove').click();
  await expect(row).toHaveCount(0);
  await expect(banner).toHaveCount(0);
  await openPage(page, 'runs', 'runs-page');
  await expect(banner).toHaveCount(0);
});

test('the display time zone setting changes how a run’s time is shown', async ({ page }) => {
  await page.goto(entryUrl());
  await openPage(page, 'runs', 'runs-page');
  const first = page.getByTestId('run-row').first();
  await expect(first).toBeVisible();
  const id = await first.getAttribute('data-run-id');
  const started = page.locator(`[data-testid="run-row"][data-run-id="${id}"] .cell-started`);
  const inUtc = clockMinutes(await started.innerText());

  await openPage(page, 'settings', 'settings-page');
  const zone = page.getByTestId('display-zone');
  try {
    await zone.getByTestId('display-zone-select').selectOption('Asia/Kolkata');
    await zone.getByTestId('display-zone-save').click();
    await expect(page.getByTestId('display-zone-now')).toContainText('Asia/Kolkata (UTC+05:30)');

    await openPage(page, 'runs', 'runs-page');
    await expect(started).toBeVisible();
    // Kolkata is 5 h 30 min ahead of UTC all year: the same run reads 330 minutes later on the clock.
    expect((clockMinutes(await started.innerText()) - inUtc + 1440) % 1440).toBe(330);
  } finally {
    await resetZone(page);
  }
  await openPage(page, 'runs', 'runs-page');
  await expect(started).toBeVisible();
  expect(clockMinutes(await started.innerText())).toBe(inUtc);
});
