// Links that work everywhere (issue 12, point 4): every address the app produces opens what it names in a fresh page
// (a new browser context that has only the sign-in link), filters survive a copied address, Back returns to the list,
// and an id Flowdeck does not have says "not found" with a way back. Nothing here reads a date: ids, names and states
// come from the core at run time.
import path from 'node:path';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { notificationRoute } from '../../core/desktop/tray-state.ts';
import { deepLinkRoute, parseDeepLink } from '../../electron/main/deep-link.ts';
import { MonitoringPages } from './pages/monitoring-pages.ts';
import { entryUrl, RunsPage } from './pages/runs-page.ts';

interface RunItem { id: number; workflowName: string; status: string }
interface IncidentItem { id: number; targetName: string; runIds: number[] }
interface RegistryItem { workflowId: number; name: string }
interface Version { id: number; number: number }

/** Opens `hash` in a brand-new context (no cookie, no history): the sign-in link with the address's hash on it. */
async function freshPage(browser: Browser, testInfo: TestInfo, hash: string, colorScheme: 'light' | 'dark' = 'light', height = 720): Promise<Page> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, colorScheme, viewport: { width: 1280, height } });
  const page = await context.newPage();
  await page.goto(`${entryUrl()}${hash}`);
  return page;
}

/** The hash of the page's address (the sign-in token has been dropped from it by then). */
async function hashOf(page: Page): Promise<string> {
  return page.evaluate(() => window.location.hash);
}

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.project.outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** Ids from the demo's core, read through a signed-in page. */
async function demoIds(page: Page) {
  const core = new MonitoringPages(page);
  await page.goto(entryUrl());
  const runs = await core.callCore<{ items: RunItem[] }>('runs/list-runs', { filter: { statuses: ['failed'] }, limit: 1 });
  const incidents = await core.callCore<{ items: IncidentItem[] }>('incidents/list-incidents', { status: 'all', limit: 50 });
  const registry = await core.callCore<{ items: RegistryItem[] }>('registry/list-entries', {});
  const backup = registry.items.find((w) => w.name === 'Ops – Nightly backup of Airtable')!;
  const { workflow } = await core.callCore<{ workflow: { versions: Version[] } }>('registry/get-workflow', { workflowId: backup.workflowId });
  const incident = incidents.items.find((i) => i.runIds.length > 0) ?? incidents.items[0]!;
  return { run: runs.items[0]!, incident, workflow: backup, versions: workflow.versions };
}

test('every deep-link format opens its item in a fresh page', async ({ page, browser }, testInfo) => {
  const ids = await demoIds(page);
  expect(ids.versions.length).toBeGreaterThanOrEqual(2);
  const latest = ids.versions.at(-1)!;

  // What the desktop shell makes of flowdeck:// links, and what notifications open, are the same addresses.
  const fromShell = deepLinkRoute(parseDeepLink(`flowdeck://run/${ids.run.id}`)!);
  expect(fromShell).toBe(notificationRoute({ runId: ids.run.id }));
  const incidentFromShell = deepLinkRoute(parseDeepLink(`flowdeck://incident/${ids.incident.id}`)!);
  expect(incidentFromShell).toBe(notificationRoute({ incidentId: ids.incident.id }));

  const run = await freshPage(browser, testInfo, fromShell);
  await expect(run.getByTestId('run-detail')).toHaveAttribute('data-run-id', String(ids.run.id));
  await expect(run.getByTestId('run-detail').getByRole('heading', { level: 2 })).toHaveText(ids.run.workflowName);
  await expect(run.getByTestId('run-detail-status')).toHaveAttribute('data-status', 'failed');
  expect(await hashOf(run)).toBe(`#/runs?run=${ids.run.id}`);
  await run.context().close();

  const incident = await freshPage(browser, testInfo, incidentFromShell);
  await expect(incident.getByTestId('incident-detail').getByRole('heading', { level: 2 })).toHaveText(ids.incident.targetName);
  expect(await hashOf(incident)).toBe(`#/incidents/${ids.incident.id}`);
  await incident.context().close();

  const workflow = await freshPage(browser, testInfo, `#/workflows/${ids.workflow.workflowId}`);
  await expect(workflow.getByTestId('workflow-name')).toHaveText(ids.workflow.name);
  await expect(workflow.getByTestId('diff-view')).toHaveCount(0);
  await workflow.context().close();

  const version = await freshPage(browser, testInfo, `#/workflows/${ids.workflow.workflowId}/versions/${latest.number}`);
  await expect(version.getByTestId('workflow-name')).toHaveText(ids.workflow.name);
  await expect(version.getByTestId('diff-view')).toBeVisible();
  await version.context().close();

  // The older `?diff=<version id>` links still open the same diff, and the address becomes the new form.
  const legacy = await freshPage(browser, testInfo, `#/workflows/${ids.workflow.workflowId}?diff=${latest.id}`);
  await expect(legacy.getByTestId('diff-view')).toBeVisible();
  await expect.poll(() => hashOf(legacy)).toBe(`#/workflows/${ids.workflow.workflowId}/versions/${latest.number}`);
  await legacy.context().close();
});

test('links the app shows (run rows, an incident’s runs, copied addresses) open what they name in a fresh page', async ({ page, browser }, testInfo) => {
  const ids = await demoIds(page);
  const runs = new RunsPage(page);
  await page.getByTestId('nav-runs').click();
  await runs.settled();
  const row = runs.rows.nth(1);
  const rowId = await row.getAttribute('data-run-id');
  const rowHref = await row.getByTestId('run-link').getAttribute('href');
  expect(rowHref).toBe(`#/runs?run=${rowId}`);
  const fromRow = await freshPage(browser, testInfo, rowHref!);
  await expect(fromRow.getByTestId('run-detail')).toHaveAttribute('data-run-id', rowId!);
  await fromRow.context().close();

  await page.goto(`${entryUrl()}#/incidents/${ids.incident.id}`);
  const runLinks = page.getByTestId('incident-detail').getByTestId('incident-run-link');
  if (ids.incident.runIds.length > 0) {
    // The demo keeps running, so the incident may have gathered more runs since: read the link the page shows.
    await expect(runLinks.first()).toBeVisible();
    const href = await runLinks.last().getAttribute('href');
    expect(href).toMatch(/^#\/runs\?run=\d+$/);
    await runLinks.last().click();
    await expect(page.getByTestId('run-detail')).toHaveAttribute('data-run-id', href!.split('=')[1]!);
    // Back returns to the incident it came from.
    await page.goBack();
    await expect(page.getByTestId('incident-detail').getByRole('heading', { level: 2 })).toHaveText(ids.incident.targetName);
  }

  // Opening a workflow from the list is a new address that a fresh page opens too.
  await page.getByTestId('nav-workflows').click();
  await page.getByTestId('registry-row').filter({ hasText: ids.workflow.name }).getByTestId('registry-open').click();
  await expect(page.getByTestId('workflow-name')).toHaveText(ids.workflow.name);
  expect(await hashOf(page)).toBe(`#/workflows/${ids.workflow.workflowId}`);
  await page.goBack();
  await expect(page.getByTestId('registry-table')).toBeVisible();
  expect(await hashOf(page)).toBe('#/workflows');
});

test('the Runs filters round-trip through a copied address, and Back closes the open run', async ({ page, browser }, testInfo) => {
  const runs = new RunsPage(page);
  await runs.open();
  await runs.settled();
  await runs.failedToggle.click();
  await page.getByTestId('filter-range-30d').click();
  const connector = page.getByTestId('filter-connector');
  const connectorId = await connector.locator('option').nth(1).getAttribute('value');
  await connector.selectOption(connectorId!);
  await runs.settled();
  await expect.poll(() => hashOf(page)).toBe(`#/runs?status=failed&connector=${encodeURIComponent(connectorId!)}&range=30d`);

  const listed = async (p: Page) => p.getByTestId('run-row').evaluateAll((rows) => rows.slice(0, 20).map((r) => r.getAttribute('data-run-id')));
  const copied = await freshPage(browser, testInfo, await hashOf(page));
  const copy = new RunsPage(copied);
  await copy.settled();
  await expect(copy.failedToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(copied.getByTestId('filter-range-30d')).toHaveAttribute('aria-pressed', 'true');
  await expect(copied.getByTestId('filter-connector')).toHaveValue(connectorId!);
  await expect(copied.locator('[data-testid="run-row"]:not([data-status="failed"])')).toHaveCount(0);
  // The demo keeps running: a run that arrived meanwhile may head the copy's list, so compare the older ones.
  expect(await listed(copied)).toEqual(expect.arrayContaining((await listed(page)).slice(0, 10)));
  await copied.context().close();

  // Opening a run adds it to the address; Back closes it and keeps the filters; Back again leaves the page.
  const first = runs.rows.first();
  if (await first.count()) {
    const id = await first.getAttribute('data-run-id');
    await first.click();
    await expect(runs.detail).toHaveAttribute('data-run-id', id!);
    expect(await hashOf(page)).toContain(`&run=${id}`);
    await page.goBack();
    await expect(runs.detail).toBeHidden();
    await expect(runs.failedToggle).toHaveAttribute('aria-pressed', 'true');
    expect(await hashOf(page)).not.toContain('run=');
  }
  await page.goBack();
  await expect(page.getByTestId('runs-page')).toBeHidden();
});

test('an id Flowdeck does not have says “not found”, with a way back', async ({ browser }, testInfo) => {
  const missingRun = await freshPage(browser, testInfo, '#/runs?run=987654321');
  await expect(missingRun.getByTestId('run-not-found')).toContainText('Run not found');
  await missingRun.getByTestId('run-not-found').getByRole('button', { name: 'Back to the runs' }).click();
  await expect(missingRun.getByTestId('run-detail')).toBeHidden();
  await expect(missingRun.getByTestId('run-row').first()).toBeVisible();
  await missingRun.context().close();

  // A vendor-looking id (flowdeck://run/gh_run-8812 is a valid link shape) is not a Flowdeck run either.
  const vendorId = await freshPage(browser, testInfo, deepLinkRoute(parseDeepLink('flowdeck://run/gh_run-8812')!));
  await expect(vendorId.getByTestId('run-not-found')).toContainText('“gh_run-8812”');
  await vendorId.context().close();

  const missingIncident = await freshPage(browser, testInfo, '#/incidents/987654321');
  await expect(missingIncident.getByTestId('incident-not-found')).toContainText('Incident not found');
  await missingIncident.getByRole('button', { name: 'Back to the incidents' }).click();
  await expect(missingIncident.getByTestId('incident-not-found')).toBeHidden();
  await expect(missingIncident.getByTestId('incidents-page')).toBeVisible();
  await missingIncident.context().close();

  const missingWorkflow = await freshPage(browser, testInfo, '#/workflows/987654321');
  await expect(missingWorkflow.getByTestId('workflow-not-found')).toContainText('Workflow not found');
  await missingWorkflow.getByRole('button', { name: 'Back to all workflows' }).click();
  await expect(missingWorkflow.getByTestId('registry-table')).toBeVisible();
  await missingWorkflow.context().close();
});

test('a search with no match says so and offers to clear it (Runs and Errors)', async ({ page }) => {
  const runs = new RunsPage(page);
  await runs.open();
  await runs.settled();
  await page.getByTestId('runs-search').fill('zz-no-such-error-text-qq');
  await page.getByTestId('runs-search').press('Enter');
  await expect(runs.empty).toHaveAttribute('data-reason', 'no-match');
  await expect(runs.empty.getByRole('heading')).toHaveText('No runs match');
  expect(await hashOf(page)).toBe('#/runs?q=zz-no-such-error-text-qq');
  await page.getByTestId('runs-empty-clear').click();
  await expect(runs.rows.first()).toBeVisible();
  expect(await hashOf(page)).toBe('#/runs');

  await page.getByTestId('nav-errors').click();
  await page.getByTestId('error-search').fill('zz-no-such-error-text-qq');
  await page.getByTestId('error-search').press('Enter');
  await expect(page.getByTestId('errors-empty')).toHaveAttribute('data-reason', 'no-match');
  await expect(page.getByTestId('search-no-match')).toContainText('No runs match');
  expect(await hashOf(page)).toBe('#/errors?q=zz-no-such-error-text-qq');
  await page.getByTestId('errors-empty-clear').click();
  await expect(page.getByTestId('errors-empty')).toBeHidden();
  await expect(page.getByTestId('error-search')).toHaveValue('');
  expect(await hashOf(page)).toBe('#/errors');
});

test('screenshots: a run open, an incident and the workflow list, light and dark', async ({ page, browser }, testInfo) => {
  const ids = await demoIds(page);
  for (const scheme of ['light', 'dark'] as const) {
    const run = await freshPage(browser, testInfo, `#/runs?status=failed&run=${ids.run.id}`, scheme, 1000);
    await expect(run.getByTestId('run-detail-status')).toBeVisible();
    await new RunsPage(run).settled();
    await saveScreenshot(run, testInfo, `links-run-open-${scheme}`);
    await run.context().close();
    const incident = await freshPage(browser, testInfo, `#/incidents/${ids.incident.id}`, scheme, 1400);
    await expect(incident.getByTestId('incident-timeline')).toBeVisible();
    await saveScreenshot(incident, testInfo, `links-incident-${scheme}`);
    await incident.context().close();
    // The registry's health badges (unreadable in dark mode before: near-white text on mint).
    const registry = await freshPage(browser, testInfo, '#/workflows', scheme);
    await expect(registry.getByTestId('registry-row').first()).toBeVisible();
    await saveScreenshot(registry, testInfo, `links-workflows-${scheme}`);
    await registry.context().close();
  }
});
