import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Where a test enters the console: FLOWDECK_E2E_LOGIN_PATH (e.g. `/?token=…`, relative to baseURL) when set,
 * else the full FLOWDECK_E2E_URL (which may carry the token), else the root. The first visit sets the
 * session cookie; after that the app needs no token.
 */
export function entryUrl(): string {
  return process.env.FLOWDECK_E2E_LOGIN_PATH ?? process.env.FLOWDECK_E2E_URL ?? '/';
}

/** The Runs page (execution log) and its detail panel, located by data-testid only. */
export class RunsPage {
  readonly page: Page;
  readonly root: Locator;
  readonly list: Locator;
  readonly rows: Locator;
  readonly failedToggle: Locator;
  readonly detail: Locator;
  readonly detailStatus: Locator;
  readonly empty: Locator;
  readonly demoBadge: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('runs-page');
    this.list = page.getByTestId('runs-list');
    this.rows = page.getByTestId('run-row');
    this.failedToggle = page.getByTestId('filter-failed');
    this.detail = page.getByTestId('run-detail');
    this.detailStatus = page.getByTestId('run-detail-status');
    this.empty = page.getByTestId('runs-empty');
    this.demoBadge = page.getByTestId('demo-badge');
  }

  /** Log in through the entry URL, then navigate to Runs with the sidebar. */
  async open(): Promise<void> {
    await this.page.goto(entryUrl());
    await this.page.getByTestId('nav-runs').click();
    await expect(this.root).toBeVisible();
  }

  statusChip(status: string): Locator {
    return this.page.getByTestId(`filter-status-${status}`);
  }

  /** Rows whose normalised status is not `status` (among those rendered by the virtualised list). */
  rowsNotIn(status: string): Locator {
    return this.page.locator(`[data-testid="run-row"]:not([data-status="${status}"])`);
  }

  /** The list has answered for the current filters (no fetch in flight). */
  async settled(): Promise<void> {
    await expect(this.list).toHaveAttribute('aria-busy', 'false');
  }

  /** Normalised statuses of the rows currently rendered. */
  async renderedStatuses(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status') ?? ''));
  }
}
