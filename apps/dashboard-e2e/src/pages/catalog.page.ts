import { expect, type Page } from '@playwright/test';

/** The catalog view and its Deploy dialog, found by role and label only. */
export class CatalogPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
    await expect(this.page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible();
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search catalog').fill(text);
  }

  /** Opens the Deploy dialog of an app and fills the hostname. */
  async startDeploy(appName: string, hostname: string): Promise<void> {
    await this.page.getByRole('button', { name: `Deploy ${appName}`, exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Hostname').fill(hostname);
  }

  async confirmDeploy(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: 'Deploy', exact: true }).click();
  }
}
