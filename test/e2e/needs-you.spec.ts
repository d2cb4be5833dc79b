// The Overview's "Needs you" list and state tiles, from the live state per workflow (issue 12), against the demo
// (its clock pinned by FLOWDECK_E2E_NOW). Nothing here reads a date: only states, names and the words of reasons.
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { MonitoringPages } from './pages/monitoring-pages.ts';
import { entryUrl } from './pages/runs-page.ts';

const FAILING = 'Support – Gmail to Trello cards';
const SILENT = 'Inventory – Sync stock levels from supplier';
const STATES = ['failing', 'missed', 'late', 'paused', 'unknown', 'never-run', 'ok'];

interface States { workflows: { name: string; state: string; attention: boolean; reason: string | null }[] }

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.project.outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** The Overview with its live states loaded (the charts below may still be refreshing: nothing here waits for them). */
async function openOverview(m: MonitoringPages): Promise<void> {
  await m.page.goto(entryUrl());
  await expect(m.overview).toBeVisible();
  await expect(m.needsYou).toBeVisible({ timeout: 20_000 });
}

test('Needs you lists the failing and the silent workflow first, with their reasons and one action each', async ({ page }) => {
  const m = new MonitoringPages(page);
  await openOverview(m);
  const failing = m.needsYouRow(FAILING);
  await expect(failing.getByTestId('state-badge')).toHaveAttribute('data-state', 'failing');
  await expect(failing.getByTestId('needs-you-reason')).toContainText(/\d+ runs in a row failed, for .+: .*invalid token/);
  await expect(failing.getByTestId('needs-you-action')).toHaveText('Open the failed run');
  await expect(failing.getByTestId('needs-you-action')).toHaveAttribute('href', /^#\/runs\?run=\d+$/);
  // Silent for days past its hourly schedule (the demo ends its history on a success at any instant). How many
  // whole days depends on the hour the demo starts at, so the row must say exactly what the core says.
  const silent = m.needsYouRow(SILENT);
  await expect(silent.getByTestId('state-badge')).toHaveAttribute('data-state', 'missed');
  const said = (await m.callCore<States>('workflows/list-states', {})).workflows.find((w) => w.name === SILENT)!.reason!;
  expect(said).toMatch(/^No run for [23] days past its schedule \(every hour\)\. Its last run started 3 days ago\.$/);
  await expect(silent.getByTestId('needs-you-reason')).toHaveText(said);
  await expect(silent.getByTestId('needs-you-action')).toHaveText('Check it in n8n');

  // The list is the core's: every workflow that needs the owner, worst first, nothing else.
  await expect(async () => {
    const core = await m.callCore<States>('workflows/list-states', {});
    const shown = await m.needsYouRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-workflow')));
    expect(shown).toEqual(core.workflows.filter((w) => w.attention).map((w) => w.name));
  }).toPass({ timeout: 20_000 });

  // The workflow's name opens it.
  await failing.getByRole('link', { name: FAILING, exact: true }).click();
  await expect(page.getByTestId('workflow-detail')).toBeVisible();
});

test('the state tiles add up to every workflow, and a tile lands on a list of exactly that many', async ({ page }) => {
  test.setTimeout(240_000);
  const m = new MonitoringPages(page);
  await openOverview(m);
  // Every workflow the registry lists (archived ones aside) is counted by exactly one tile.
  await expect(async () => {
    const { items } = await m.callCore<{ items: { archived: boolean }[] }>('registry/list-entries', {});
    const tiles = await m.tileCounts();
    expect(Object.keys(tiles)).toEqual(STATES);
    expect(Object.values(tiles).reduce((a, b) => a + b, 0)).toBe(items.filter((w) => !w.archived).length);
    expect(tiles.failing).toBeGreaterThanOrEqual(1);
  }).toPass({ timeout: 30_000 });

  // Each tile is a link to the filtered list, which shows each row's state and reason. The demo is live: a state may
  // move between reading the tile and counting the rows, so the whole step is retried.
  const rows = page.getByTestId('registry-row');
  for (const state of ['failing', 'ok', 'late']) {
    await expect(async () => {
      await openOverview(m);
      const n = Number(await m.tile(state).getAttribute('data-count'));
      await m.tile(state).click();
      await expect(page).toHaveURL(new RegExp(`#/workflows\\?state=${state}$`));
      await expect(page.getByTestId('registry-table')).toHaveAttribute('aria-busy', 'false');
      await expect(rows).toHaveCount(n, { timeout: 3_000 });
      expect(await rows.getByTestId('state-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(Array(n).fill(state));
      await expect(page.getByTestId('registry-state-note')).toContainText(`Showing ${n} workflow`);
    }).toPass({ timeout: 60_000 });
  }
  await expect(rows.filter({ hasText: FAILING })).toHaveCount(0);
  await expect(page.getByTestId('registry-state')).toHaveValue('late');
  await page.getByTestId('registry-state').selectOption('failing');
  await expect(page).toHaveURL(/#\/workflows\?state=failing$/);
  await expect(rows.filter({ hasText: FAILING }).getByTestId('registry-reason')).toContainText('runs in a row failed');
  await page.getByTestId('registry-state').selectOption('');
  await expect(page).toHaveURL(/#\/workflows$/);
  await expect(rows.filter({ has: page.getByTestId('state-badge') }).first()).toBeVisible();
});

test('the range picker governs only the charts, and the Overview reads well in light and dark', async ({ page }, testInfo) => {
  const m = new MonitoringPages(page);
  await openOverview(m);
  await expect(m.chartsTitle).toHaveText('Charts: last 7 days');
  const tiles = await m.tileCounts();
  await m.range('30d').click();
  await expect(m.chartsTitle).toHaveText('Charts: last 30 days');
  await expect(m.overviewData).toHaveAttribute('data-bars', /^(240|241)$/);
  // The state section above is "now": the range does not change what it counts.
  const sum = (t: Record<string, number>) => Object.values(t).reduce((a, b) => a + b, 0);
  expect(sum(await m.tileCounts())).toBe(sum(tiles));
  await m.range('7d').click();

  // The console scrolls inside its main area: a tall window shows the whole "now" section and the first chart.
  await page.setViewportSize({ width: 1280, height: 1500 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe(scheme === 'dark' ? 'rgb(17, 19, 23)' : 'rgb(245, 246, 248)');
    await openOverview(m);
    await expect(m.needsYouRow(FAILING)).toBeVisible();
    await saveScreenshot(page, testInfo, `overview-${scheme}`);
    await m.tile('failing').click();
    await expect(page.getByTestId('registry-row').first()).toBeVisible();
    await saveScreenshot(page, testInfo, `workflows-failing-${scheme}`);
  }
});
