import { expect, type Locator, type Page } from '@playwright/test';

/** Settings: notification channels and their form, located by data-testid only. */
export class SettingsPage {
  readonly page: Page;
  readonly root: Locator;
  readonly channelForm: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('settings-page');
    this.channelForm = page.getByTestId('channel-form');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await expect(this.root).toBeVisible();
  }

  channelRow(name: string): Locator {
    return this.page.locator(`[data-testid="channel-row"][data-channel="${name}"]`);
  }

  /** A field of the open channel form by its data-testid suffix (`name` → channel-name). */
  channelField(field: string): Locator {
    return this.channelForm.getByTestId(`channel-${field}`);
  }

  async addWebhookChannel(name: string, url: string): Promise<void> {
    await this.page.getByTestId('channel-new').click();
    await this.channelField('kind').selectOption('webhook');
    await this.channelField('name').fill(name);
    await this.channelField('secret').fill(url);
    await this.channelField('save').click();
    await expect(this.channelRow(name)).toBeVisible();
  }

  async editChannel(name: string): Promise<void> {
    await this.channelRow(name).getByTestId('channel-edit').click();
    await expect(this.channelForm).toHaveAttribute('data-mode', 'edit');
  }
}
