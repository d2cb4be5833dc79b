import { expect, type Locator, type Page } from '@playwright/test';
import { entryUrl } from './runs-page.ts';

/** The Overview, Errors and SLA pages, located by data-testid only. */
export class MonitoringPages {
  readonly page: Page;
  readonly overview: Locator;
  readonly overviewData: Locator;
  readonly failedBars: Locator;
  readonly successBars: Locator;
  readonly topFailingRows: Locator;
  readonly recentFailures: Locator;
  readonly openIncidents: Locator;
  readonly recentIncidents: Locator;
  readonly versionMarkers: Locator;
  readonly errorsPage: Locator;
  readonly errorGroups: Locator;
  readonly errorHeadlines: Locator;
  readonly errorSearch: Locator;
  readonly searchRuns: Locator;
  readonly slaPage: Locator;
  readonly slaRows: Locator;
  /** The Overview's "Needs you" list (the live state per workflow), its rows, and the state tiles. */
  readonly needsYou: Locator;
  readonly needsYouRows: Locator;
  readonly needsYouCauses: Locator;
  readonly stateTiles: Locator;
  readonly chartsTitle: Locator;

  constructor(page: Page) {
    this.page = page;
    this.overview = page.getByTestId('overview-page');
    this.overviewData = page.getByTestId('overview-data');
    this.failedBars = page.getByTestId('bar-failed');
    this.successBars = page.getByTestId('bar-success');
    this.topFailingRows = page.getByTestId('top-failing-row');
    this.recentFailures = page.getByTestId('recent-failures');
    this.openIncidents = page.getByTestId('health-incidents');
    this.recentIncidents = page.getByTestId('recent-incident');
    this.versionMarkers = page.getByTestId('version-marker');
    this.errorsPage = page.getByTestId('errors-page');
    this.errorGroups = page.getByTestId('error-group');
    this.errorHeadlines = page.getByTestId('error-headline');
    this.errorSearch = page.getByTestId('error-search');
    this.searchRuns = page.getByTestId('search-run');
    this.slaPage = page.getByTestId('sla-page');
    this.slaRows = page.getByTestId('sla-row');
    this.needsYou = page.getByTestId('needs-you');
    this.needsYouRows = page.getByTestId('needs-you-row');
    this.needsYouCauses = page.getByTestId('needs-you-cause');
    this.stateTiles = page.getByTestId('state-tiles');
    this.chartsTitle = page.getByTestId('charts-title');
  }

  async openOverview(): Promise<void> {
    await this.page.goto(entryUrl());
    await expect(this.overview).toBeVisible();
    await expect(this.overviewData).toHaveAttribute('aria-busy', 'false');
  }

  async nav(id: 'overview' | 'runs' | 'errors' | 'sla'): Promise<void> {
    await this.page.getByTestId(`nav-${id}`).click();
  }

  /** A "Needs you" row by its workflow's name. */
  needsYouRow(name: string): Locator {
    return this.needsYouRows.filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** The state tile of one state (failing, missed, late, paused, unknown, never-run, ok). */
  tile(state: string): Locator {
    return this.page.getByTestId(`tile-${state}`);
  }

  /** Every state tile's number, by state. */
  async tileCounts(): Promise<Record<string, number>> {
    return this.stateTiles.locator('[data-testid^="tile-"]').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-testid')!.slice('tile-'.length), Number(e.getAttribute('data-count'))])));
  }

  range(id: string): Locator {
    return this.page.getByTestId(`range-${id}`);
  }

  /** Calls the core over a second WebSocket of this signed-in page (same session cookie, same contract frames). */
  async callCore<T>(method: string, input: unknown): Promise<T> {
    return this.page.evaluate(async ({ method, input }) => {
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
      return new Promise<T>((resolve, reject) => {
        ws.onerror = () => reject(new Error('websocket failed'));
        ws.onopen = () => ws.send(JSON.stringify({ t: 'call', id: 1, method, input }));
        ws.onmessage = (e) => {
          const frame = JSON.parse(String(e.data)) as { t: string; id?: number; ok?: boolean; output?: T; error?: { message: string } };
          if (frame.t !== 'result' || frame.id !== 1) return;
          ws.close();
          if (frame.ok) resolve(frame.output!);
          else reject(new Error(frame.error?.message ?? 'call failed'));
        };
      });
    }, { method, input });
  }
}
