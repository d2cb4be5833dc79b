import { expect, type Locator, type Page } from '@playwright/test';
import { entryUrl } from './runs-page.ts';

/** The Workflows (registry) page, a workflow's detail and the lint report, located by data-testid only. */
export class WorkflowsPage {
  readonly page: Page;
  readonly root: Locator;
  readonly rows: Locator;
  readonly detail: Locator;
  readonly versions: Locator;
  readonly diff: Locator;
  readonly findings: Locator;
  readonly lintReport: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('workflows-page');
    this.rows = page.getByTestId('registry-row');
    this.detail = page.getByTestId('workflow-detail');
    this.versions = page.getByTestId('version-row');
    this.diff = page.getByTestId('diff-view');
    this.findings = page.getByTestId('workflow-findings').getByTestId('lint-finding');
    this.lintReport = page.getByTestId('lint-report');
  }

  async open(): Promise<void> {
    await this.page.goto(entryUrl());
    await this.page.getByTestId('nav-workflows').click();
    await expect(this.root).toBeVisible();
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('button', { name, exact: true }) });
  }

  async openWorkflow(name: string): Promise<void> {
    await this.row(name).getByTestId('registry-open').click();
    await expect(this.detail).toBeVisible();
  }

  /** Opens the diff of the newest version against the one before it. */
  async openLatestDiff(): Promise<void> {
    await this.versions.first().getByTestId('version-diff').click();
    await expect(this.diff).toBeVisible();
  }

  async showLintReport(): Promise<void> {
    await this.page.getByTestId('workflow-back').click();
    await this.page.getByTestId('tab-lint').click();
    await expect(this.lintReport).toBeVisible();
  }
}
