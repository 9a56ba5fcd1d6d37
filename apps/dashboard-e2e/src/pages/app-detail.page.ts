import { expect, type Page } from '@playwright/test';

/** An app's detail page: status, actions, live operation, canvas. */
export class AppDetailPage {
  constructor(private readonly page: Page) {}

  status() {
    return this.page.getByRole('main').getByRole('status').first();
  }

  async expectStatus(status: string): Promise<void> {
    await expect(this.status()).toHaveText(status, { timeout: 60_000 });
  }

  action(name: 'Start' | 'Stop' | 'Restart' | 'Delete') {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Runs an action and waits until the app settles in the expected status with no operation in flight. */
  async act(name: 'Start' | 'Stop' | 'Restart', settlesIn: string): Promise<void> {
    await this.action(name).click();
    await this.expectStatus(settlesIn);
    await expect(this.action(name === 'Stop' ? 'Start' : 'Stop')).toBeEnabled({ timeout: 60_000 });
  }

  async delete(hostname: string): Promise<void> {
    await this.action('Delete').click();
    const dialog = this.page.getByRole('alertdialog').or(this.page.getByRole('dialog'));
    const confirmInput = dialog.getByRole('textbox');
    if (await confirmInput.count()) await confirmInput.fill(hostname);
    await dialog.getByRole('button', { name: 'Delete' }).click();
  }

  canvas(appName: string) {
    return this.page.frameLocator(`iframe[title="${appName} canvas"]`);
  }
}
