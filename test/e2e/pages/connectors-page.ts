import { expect, type Locator, type Page } from '@playwright/test';

/** The Connectors page and its "Add connector" dialog, located by data-testid only. */
export class ConnectorsPage {
  readonly page: Page;
  readonly root: Locator;
  readonly addButton: Locator;
  readonly dialog: Locator;
  readonly kind: Locator;
  readonly name: Locator;
  readonly url: Locator;
  readonly credential: Locator;
  readonly testButton: Locator;
  readonly testResult: Locator;
  readonly saveButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('connectors-page');
    this.addButton = page.getByTestId('add-connector');
    this.dialog = page.getByTestId('add-connector-dialog');
    this.kind = this.dialog.getByTestId('connector-kind');
    this.name = this.dialog.getByTestId('connector-name');
    this.url = this.dialog.getByTestId('connector-url');
    this.credential = this.dialog.getByTestId('connector-credential');
    this.testButton = this.dialog.getByTestId('connector-test');
    this.testResult = this.dialog.getByTestId('connector-test-result');
    this.saveButton = this.dialog.getByTestId('connector-save');
  }

  /** Navigate with the sidebar (the session cookie is already set). */
  async open(): Promise<void> {
    await this.page.getByTestId('nav-connectors').click();
    await expect(this.root).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="connector-row"][data-connector-name="${name}"]`);
  }

  health(name: string): Locator {
    return this.row(name).getByTestId('connector-health');
  }

  message(name: string): Locator {
    return this.row(name).getByTestId('connector-message');
  }

  pollNow(name: string): Locator {
    return this.row(name).getByTestId('connector-poll-now');
  }

  /** Fills the dialog for a connector of `kind` (credential typed into the password field). */
  async fill(draft: { kind: string; name: string; url: string; credential: string }): Promise<void> {
    await this.kind.selectOption(draft.kind);
    await this.name.fill(draft.name);
    await this.url.fill(draft.url);
    await this.credential.fill(draft.credential);
  }
}
