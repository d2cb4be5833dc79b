import type { Locator, Page } from '@playwright/test';

/** Bulk retry / re-run on the Runs page: the buttons, the confirmation and the progress panel, by data-testid. */
export class BulkRetry {
  readonly buttons: Locator;
  readonly retryAll: Locator;
  readonly dialog: Locator;
  readonly count: Locator;
  readonly loadWorkflow: Locator;
  readonly confirm: Locator;
  readonly panel: Locator;
  readonly status: Locator;
  readonly results: Locator;
  readonly close: Locator;
  /** The Runs filters a bulk job is narrowed with (the RunsPage module has the status ones). */
  readonly connectorFilter: Locator;
  readonly workflowFilter: Locator;
  readonly last24h: Locator;

  constructor(page: Page) {
    this.connectorFilter = page.getByTestId('filter-connector');
    this.workflowFilter = page.getByTestId('filter-workflow');
    this.last24h = page.getByTestId('filter-range-24h');
    this.buttons = page.getByTestId('bulk-buttons');
    this.retryAll = page.getByTestId('bulk-retry-run');
    this.dialog = page.getByTestId('bulk-dialog');
    this.count = page.getByTestId('bulk-count');
    this.loadWorkflow = page.getByTestId('bulk-load-workflow');
    this.confirm = page.getByTestId('bulk-dialog-confirm');
    this.panel = page.getByTestId('bulk-panel');
    this.status = page.getByTestId('bulk-status');
    this.results = page.getByTestId('bulk-results');
    this.close = page.getByTestId('bulk-close');
  }

  /** The outcome of each run in the results table (started, refused, failed, not-started). */
  outcomes(): Promise<(string | null)[]> {
    return this.results.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));
  }
}
