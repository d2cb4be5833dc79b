import { expect, type Locator, type Page } from '@playwright/test';
import { entryUrl } from './runs-page.ts';

/** The Incidents page, its detail panel and the Audit log page, located by data-testid only. */
export class IncidentsPage {
  readonly page: Page;
  readonly root: Locator;
  readonly rows: Locator;
  readonly detail: Locator;
  readonly detailStatus: Locator;
  readonly notice: Locator;
  readonly timeline: Locator;
  readonly auditRows: Locator;
  readonly ruleRows: Locator;
  /** The rule editor, whether it is adding a rule or editing one. */
  readonly ruleEditor: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('incidents-page');
    this.rows = page.getByTestId('incident-row');
    this.detail = page.getByTestId('incident-detail');
    this.detailStatus = page.getByTestId('incident-detail-status');
    this.notice = page.getByTestId('incident-notice');
    this.timeline = page.getByTestId('incident-timeline');
    this.auditRows = page.getByTestId('audit-row');
    this.ruleRows = page.getByTestId('rule-row');
    this.ruleEditor = page.getByTestId('rule-editor');
  }

  async open(): Promise<void> {
    await this.page.goto(entryUrl());
    await this.page.getByTestId('nav-incidents').click();
    await expect(this.root).toBeVisible();
  }

  /** Open incidents raised by the rule named `rule`. */
  rowsOfRule(rule: string): Locator {
    return this.page.locator(`[data-testid="incident-row"][data-rule="${rule}"]`);
  }

  /** Clicks an action button, then its Confirm. */
  async confirm(action: string): Promise<void> {
    await this.page.getByTestId(`action-${action}`).click();
    await this.page.getByTestId(`action-${action}-confirm`).click();
  }

  async openAudit(): Promise<void> {
    await this.page.getByTestId('nav-audit').click();
    await expect(this.page.getByTestId('audit-page')).toBeVisible();
  }

  auditRow(action: string): Locator {
    return this.page.locator(`[data-testid="audit-row"][data-action="${action}"]`);
  }

  /** The rule list's row for the rule named `name`. */
  ruleRow(name: string): Locator {
    return this.page.locator(`[data-testid="rule-row"][data-rule="${name}"]`);
  }

  /** Opens the editor on the rule named `name` from the keyboard: focus its Edit button, press Enter. */
  async editRule(name: string): Promise<void> {
    await this.ruleRow(name).getByTestId('rule-edit').focus();
    await this.page.keyboard.press('Enter');
    await expect(this.ruleEditor).toHaveAttribute('data-mode', 'edit');
  }

  /** A field of the open rule editor by its data-testid suffix (`name` → rule-name). */
  ruleField(field: string): Locator {
    return this.ruleEditor.getByTestId(`rule-${field}`);
  }
}
