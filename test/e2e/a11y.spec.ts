// Accessible in both themes (issue 12, point 7): axe (@axe-core/playwright, offline) on every page and on an open run,
// an open incident, a workflow's detail and one of its versions, in light and dark, finds no serious or critical
// violation; and the browser console stays free of errors while they load. The theme follows the system
// (renderer/styles/tokens.css uses prefers-color-scheme), so the spec emulates the colour scheme.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MonitoringPages } from './pages/monitoring-pages.ts';
import { entryUrl } from './pages/runs-page.ts';

interface Target { name: string; hash: string; ready: (page: Page) => Promise<void> }

const shows = (testId: string) => async (page: Page) => {
  await expect(page.getByTestId(testId).first()).toBeVisible();
};

const PAGES: Target[] = [
  { name: 'Overview', hash: '#/overview', ready: async (page) => { await expect(page.locator('main.content')).not.toBeEmpty(); } },
  { name: 'Runs', hash: '#/runs', ready: shows('run-row') },
  { name: 'Errors', hash: '#/errors', ready: shows('error-groups') },
  { name: 'SLA', hash: '#/sla', ready: shows('sla-table') },
  { name: 'Workflows', hash: '#/workflows', ready: shows('registry-row') },
  { name: 'Workflows lint report', hash: '#/workflows?tab=lint', ready: shows('lint-report') },
  { name: 'Incidents', hash: '#/incidents', ready: shows('incidents-page') },
  { name: 'Connectors', hash: '#/connectors', ready: shows('connector-list') },
  { name: 'Audit log', hash: '#/audit', ready: shows('audit-page') },
  { name: 'Settings', hash: '#/settings', ready: shows('channels') },
];

/** The open items, found in the demo through the core. */
async function itemTargets(page: Page): Promise<Target[]> {
  const core = new MonitoringPages(page);
  await page.goto(entryUrl());
  const runs = await core.callCore<{ items: { id: number }[] }>('runs/list-runs', { filter: { statuses: ['failed'] }, limit: 1 });
  const incidents = await core.callCore<{ items: { id: number }[] }>('incidents/list-incidents', { status: 'all', limit: 1 });
  const registry = await core.callCore<{ items: { workflowId: number; versions: number }[] }>('registry/list-entries', {});
  const versioned = registry.items.find((w) => w.versions >= 2) ?? registry.items[0]!;
  return [
    { name: 'an open run', hash: `#/runs?run=${runs.items[0]!.id}`, ready: shows('run-detail-status') },
    { name: 'an open incident', hash: `#/incidents/${incidents.items[0]!.id}`, ready: shows('incident-timeline') },
    { name: 'a workflow', hash: `#/workflows/${versioned.workflowId}`, ready: shows('version-timeline') },
    { name: 'a workflow version', hash: `#/workflows/${versioned.workflowId}/versions/${Math.max(1, versioned.versions)}`, ready: shows('diff-view') },
  ];
}

/** Console errors and uncaught exceptions of a page, as they happen. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation, and the console no error, on every page (${scheme})`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: scheme });
    const targets = [...PAGES, ...await itemTargets(page)];
    const errors = watchConsole(page);
    const found: string[] = [];
    for (const target of targets) {
      await page.goto(`${entryUrl()}${target.hash}`);
      await target.ready(page);
      // Nothing is still loading (lists, charts and panels have answered).
      await expect(page.locator('main.content [aria-busy="true"]')).toHaveCount(0);
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1).join(' ').trim()})` : ''}`);
        found.push(`${target.name}: ${v.id} [${v.impact}] ${v.help}: ${v.nodes.length} element(s), e.g. ${where.join('; ')}`);
      }
      const logged = errors.splice(0);
      for (const e of logged) found.push(`${target.name}: ${e}`);
    }
    expect(found, found.join('\n')).toEqual([]);
  });
}
