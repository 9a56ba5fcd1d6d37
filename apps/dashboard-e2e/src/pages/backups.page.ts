import { expect, type Locator, type Page } from '@playwright/test';

/** The Backups view and the restore dialog, shared with an app's Backups tab. */
export class BackupsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backups' }).click();
    await expect(this.page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
  }

  async filterByApp(hostname: string): Promise<void> {
    await this.page.getByLabel('App', { exact: true }).selectOption(hostname);
  }

  row(notes: string): Locator {
    return this.page.getByRole('row').filter({ hasText: notes });
  }

  /** Restores the backup with these notes as a new app (the only choice once its app is deleted). */
  async restoreAsNew(notes: string, hostname: string, { appExists }: { appExists: boolean }): Promise<void> {
    const dialog = await this.openRestore(notes);
    if (appExists) await dialog.getByRole('radio', { name: 'A new app' }).check();
    else await expect(dialog.getByText(/no longer exists/)).toBeVisible();
    await dialog.getByLabel('Hostname').fill(hostname);
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** Restores in place; over an app that still exists, the overwrite has to be confirmed. */
  async restoreInPlace(notes: string, hostname: string, { overwrite }: { overwrite: boolean }): Promise<void> {
    const dialog = await this.openRestore(notes);
    await dialog.getByRole('radio', { name: `In place (${hostname})` }).check();
    const restore = dialog.getByRole('button', { name: 'Restore', exact: true });
    if (overwrite) {
      await expect(restore).toBeDisabled();
      await dialog.getByRole('checkbox', { name: `Replace the current data of ${hostname}` }).check();
    }
    await restore.click();
    await expect(dialog).toBeHidden();
  }

  private async openRestore(notes: string): Promise<Locator> {
    await this.row(notes).getByRole('button', { name: /^Restore/ }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Restore backup' });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
