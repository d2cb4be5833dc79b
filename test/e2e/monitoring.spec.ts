import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { atDefaultInstant } from './instant.ts';
import { MonitoringPages } from './pages/monitoring-pages.ts';
import { RunsPage } from './pages/runs-page.ts';

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.project.outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

const sum = async (bars: import('@playwright/test').Locator) =>
  (await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))).reduce((a, b) => a + b, 0);

test('the Overview draws runs over time from the demo, and a failed bar drills into the Runs page', async ({ page }) => {
  const m = new MonitoringPages(page);
  await m.openOverview();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  // 7 days in hourly bars: 168 (or 169 when the range starts mid-hour), every bar accounted for.
  const bars = Number(await m.overviewData.getAttribute('data-bars'));
  expect(bars).toBeGreaterThanOrEqual(168);
  expect(bars).toBeLessThanOrEqual(169);
  const total = Number(await m.overviewData.getAttribute('data-total'));
  expect(total).toBeGreaterThan(100);
  expect(await m.failedBars.count()).toBeGreaterThan(0);
  expect(await m.successBars.count()).toBeGreaterThan(10);
  // The stacked segments add up to less than the total only by the warning and other segments.
  const segments = await sum(m.failedBars) + await sum(m.successBars) + await sum(page.getByTestId('bar-warning')) + await sum(page.getByTestId('bar-other'));
  expect(segments).toBe(total);
  await expect(m.topFailingRows.first()).toBeVisible();
  // The demo's incidents: the strip counts the unresolved ones, the list shows the newest; the demo's workflow changes
  // in the last 7 days (registry versions) are dashed markers on the runs chart.
  const open = Number(await m.openIncidents.locator('.health-value').textContent());
  expect(open).toBeGreaterThan(0);
  await expect(m.recentIncidents.first()).toBeVisible();
  expect(await m.recentIncidents.count()).toBeGreaterThanOrEqual(Math.min(open, 8));
  await expect(m.versionMarkers.first()).toBeAttached();
  expect(await m.versionMarkers.count()).toBeGreaterThanOrEqual(2);

  // 30 days switches to 3-hour bars (≤ 300).
  await m.range('30d').click();
  await expect(m.overviewData).toHaveAttribute('data-bars', /^(240|241)$/);
  await m.range('7d').click();
  await expect(m.overviewData).toHaveAttribute('data-bars', /^(168|169)$/);

  const bar = m.failedBars.last();
  const count = Number(await bar.getAttribute('data-count'));
  await bar.click();
  const runs = new RunsPage(page);
  await expect(runs.root).toBeVisible();
  await expect(runs.statusChip('failed')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('filter-range-custom')).toHaveAttribute('aria-pressed', 'true');
  await runs.settled();
  await expect(runs.rows.first()).toBeVisible();
  await expect(runs.rowsNotIn('failed')).toHaveCount(0);
  if (count <= 20) await expect(runs.rows).toHaveCount(count);
});

test('a recent incident on the Overview opens on the Incidents page', async ({ page }) => {
  const m = new MonitoringPages(page);
  await m.openOverview();
  const first = m.recentIncidents.first();
  const name = (await first.locator('a').textContent()) ?? '';
  await first.locator('a').click();
  await expect(page.getByTestId('incident-detail')).toBeVisible();
  await expect(page.getByTestId('incident-detail').locator('h2')).toHaveText(name);
});

test('the Errors page groups the demo failures and names the broken Google connection', async ({ page }) => {
  const m = new MonitoringPages(page);
  await m.openOverview();
  await m.nav('errors');
  await expect(m.errorsPage).toBeVisible();
  await m.range('30d').click();
  await expect(m.errorGroups.first()).toBeVisible();
  expect(await m.errorGroups.count()).toBeGreaterThan(3);
  const counts = await m.errorGroups.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  expect(counts.every((c) => c > 0)).toBe(true);
  await expect(page.getByTestId('sparkline').first()).toHaveAttribute('data-points', /^(30|31)$/);
  // The expired Google token broke every n8n workflow that ran during the five-hour outage nine days ago: the two syncs
  // (every 5 and 15 min) always, the KPI sheet only when that day was a weekday. The headline counts what the core found.
  const { now } = await m.callCore<{ now: number }>('system/get-status', {});
  const { groups } = await m.callCore<{ groups: { sampleMessage: string; headline: string | null; workflows: { name: string }[] }[] }>(
    'monitoring/list-error-groups', { from: now - 30 * 86_400_000, to: now });
  const google = groups.find((g) => g.sampleMessage.includes('invalid_grant'))!;
  const broke = google.workflows.map((w) => w.name);
  expect(broke).toEqual(expect.arrayContaining(['Sync – Shopify orders to Google Sheets', 'Sync – Google Calendar to Notion']));
  if (atDefaultInstant()) expect(broke).toContain('Reports – Daily KPI sheet');
  expect(google.headline).toMatch(new RegExp(`^Connection .*n8n.* broke ${broke.length} automations$`));
  await expect(m.errorHeadlines.filter({ hasText: /broke \d+ automations/ })).toHaveText([google.headline!]);

  // Full-text search finds the demo's expired Google token.
  await page.keyboard.press('/');
  await expect(m.errorSearch).toBeFocused();
  await m.errorSearch.fill('expired revoked');
  await m.errorSearch.press('Enter');
  await expect(m.searchRuns.first()).toContainText('invalid_grant: Token has been expired or revoked.');
  await expect(m.errorGroups).toHaveCount(1);
});

test('the Runs page searches error messages', async ({ page }) => {
  const runs = new RunsPage(page);
  await runs.open();
  await runs.settled();
  await page.keyboard.press('/');
  const box = page.getByTestId('runs-search');
  await expect(box).toBeFocused();
  await box.fill('invalid_grant');
  await box.press('Enter');
  await runs.settled();
  await expect(runs.rows.first()).toBeVisible();
  await runs.rows.first().click();
  await expect(runs.detail).toContainText('invalid_grant');
});

test('the SLA page lists workflows with compliance and durations', async ({ page }) => {
  const m = new MonitoringPages(page);
  await m.openOverview();
  await m.nav('sla');
  await expect(m.slaRows.first()).toBeVisible();
  expect(await m.slaRows.count()).toBeGreaterThan(5);
  await expect(page.getByTestId('sla-compliance').first()).toHaveText(/^\d+\.\d %$/);
  await page.keyboard.press('j');
  await expect(m.slaRows.first()).toHaveAttribute('aria-selected', 'true');
  // The supplier sync stopped three days ago; its missed-run rule expects it hourly, so it leads with missed runs.
  const stopped = m.slaRows.filter({ hasText: 'Inventory – Sync stock levels from supplier' });
  await expect(stopped.getByTestId('sla-expected')).toContainText('every hour');
  await expect(stopped.locator('[data-basis="rule"]')).toHaveText('from a missed-run rule');
  expect(Number((await stopped.getByTestId('sla-missed').innerText()).replace(/\D/g, ''))).toBeGreaterThanOrEqual(60);
  await expect(page.locator('[data-basis="vendor"]').first()).toBeVisible();
  await expect(page.locator('[data-basis="registry"]').first()).toBeVisible();
});

test('a run ingested while the Overview is open appears without a reload', async ({ page }) => {
  const m = new MonitoringPages(page);
  await m.openOverview();
  const { items } = await m.callCore<{ items: { id: string }[] }>('connectors/list-connectors', {});
  // A second ago on the core's clock (the demo's, pinned by FLOWDECK_E2E_NOW), not the test machine's.
  const { now } = await m.callCore<{ now: number }>('system/get-status', {});
  const startedAt = now - 1_000;
  await expect(m.recentFailures).not.toContainText('E2E live workflow');
  await m.callCore('testing/ingest-page', { connectorId: items[0]!.id, records: [{
    externalId: `e2e-live-${startedAt}`, workflow: { externalId: 'e2e-live', name: 'E2E live workflow' },
    rawStatus: 'error', startedAt, finishedAt: startedAt + 500, errorMessage: 'E2E live failure',
  }] });
  await expect(m.recentFailures).toContainText('E2E live workflow');
});

test('charts save as PNG and the filtered run list exports as CSV, without CSP violations', async ({ page }, testInfo) => {
  const violations: string[] = [];
  page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text()); });
  const m = new MonitoringPages(page);
  await m.openOverview();
  await expect(m.failedBars.first()).toBeVisible();
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-runs-png').click()]);
  expect(png.suggestedFilename()).toBe('flowdeck-runs-over-time.png');
  const bytes = readFileSync((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(5_000);
  await png.saveAs(path.join(testInfo.project.outputDir, 'runs-chart-export.png'));

  const runs = new RunsPage(page);
  await m.nav('runs');
  await runs.settled();
  await runs.failedToggle.click();
  await runs.settled();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/^flowdeck-runs-.*\.csv$/);
  const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\r\n');
  expect(lines[0]).toBe('id,startedAt,finishedAt,durationMs,status,rawStatus,workflowName,workflowId,connectorName,connectorId,externalId,errorMessage');
  expect(lines.length).toBeGreaterThan(10);
  expect(lines.slice(1).every((l) => l.split(',')[4] === 'failed')).toBe(true);
  expect(violations).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of Overview, Errors and SLA (${scheme})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    // The content area scrolls inside the window, so a tall window shows each whole page.
    await page.setViewportSize({ width: 1280, height: 1800 });
    const m = new MonitoringPages(page);
    await m.openOverview();
    await expect(m.failedBars.first()).toBeVisible();
    await saveScreenshot(page, testInfo, `overview-${scheme}`);
    await m.nav('errors');
    await m.range('30d').click();
    await expect(m.errorGroups.first()).toBeVisible();
    await saveScreenshot(page, testInfo, `errors-${scheme}`);
    await m.nav('sla');
    await expect(m.slaRows.first()).toBeVisible();
    await saveScreenshot(page, testInfo, `sla-${scheme}`);
  });
}
