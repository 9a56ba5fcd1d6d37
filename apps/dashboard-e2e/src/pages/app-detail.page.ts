import { expect, type Locator, type Page } from '@playwright/test';

export type AppTabName = 'Overview' | 'Metrics' | 'Backups' | 'Operations' | 'Settings';
type ActionName = 'Start' | 'Stop' | 'Restart' | 'Delete' | 'Clone' | 'Update' | 'Rollback';

/** An app's detail page: status, actions, live operation, tabs and their contents. */
export class AppDetailPage {
  constructor(private readonly page: Page) {}

  async open(appId: string): Promise<void> {
    await this.page.goto(`/apps/${appId}`);
    await expect(this.page.getByRole('tablist', { name: 'App sections' })).toBeVisible();
  }

  status() {
    return this.page.getByRole('main').getByRole('status').first();
  }

  async expectStatus(status: string): Promise<void> {
    await expect(this.status()).toHaveText(status, { timeout: 60_000 });
  }

  /** The line under the hostname: "<name> <version> · on <node>". */
  async expectVersion(appName: string, version: string): Promise<void> {
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const subtitle = this.page.getByRole('main').getByText(new RegExp(`^\\s*${escape(appName)} ${escape(version)}(\\s|$)`)).first();
    await expect(subtitle).toBeVisible({ timeout: 60_000 });
  }

  action(name: ActionName) {
    return this.page.getByRole('group', { name: 'App actions' }).getByRole('button', { name, exact: true });
  }

  /** Runs an action and waits until the app settles in the expected status with no operation in flight. */
  async act(name: 'Start' | 'Stop' | 'Restart', settlesIn: string): Promise<void> {
    await this.action(name).click();
    await this.expectStatus(settlesIn);
    await expect(this.action(name === 'Stop' ? 'Start' : 'Stop')).toBeEnabled({ timeout: 60_000 });
  }

  async delete(hostname: string): Promise<void> {
    await this.action('Delete').click();
    const dialog = this.page.getByRole('dialog', { name: `Delete ${hostname}?` });
    await dialog.getByLabel(`Type ${hostname} to confirm`).fill(hostname);
    await dialog.getByRole('button', { name: 'Delete app' }).click();
  }

  canvas(appName: string) {
    return this.page.frameLocator(`iframe[title="${appName} canvas"]`);
  }

  async openTab(name: AppTabName): Promise<void> {
    const tab = this.page.getByRole('tab', { name, exact: true });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  /** The panel of the last (or running) operation. */
  operationPanel(type: string, settled = true): Locator {
    return this.page.getByRole('region', { name: settled ? `Last operation: ${type}` : new RegExp(`^${type} (queued|in progress)$`) });
  }

  /** Waits until the newest operation of the app is `type` and ended in `state`. */
  async expectOperationEnded(type: string, state: 'succeeded' | 'failed'): Promise<void> {
    // The panel's own state comes first; its steps have states of their own further down.
    await expect(this.operationPanel(type).getByText(state, { exact: true }).first()).toBeVisible({ timeout: 120_000 });
  }

  async expectIdle(): Promise<void> {
    await expect(this.action('Delete')).toBeEnabled({ timeout: 60_000 });
  }

  async clone(hostname: string): Promise<void> {
    await this.action('Clone').click();
    const dialog = this.page.getByRole('dialog', { name: /^Clone / });
    await dialog.getByLabel('Hostname').fill(hostname);
    await dialog.getByRole('button', { name: 'Clone', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** Opens the update dialog, checks the versions it shows and updates to the newest. */
  async updateToLatest(current: string, latest: string): Promise<void> {
    await this.action('Update').click();
    const dialog = this.page.getByRole('dialog', { name: /^Update / });
    await expect(dialog.getByRole('definition').filter({ hasText: current }).first()).toBeVisible();
    await expect(dialog.getByRole('definition').filter({ hasText: latest }).first()).toBeVisible();
    await dialog.getByRole('button', { name: `Update to ${latest}` }).click();
    await expect(dialog).toBeHidden();
  }

  async rollback(): Promise<void> {
    await this.action('Rollback').click();
    await this.page.getByRole('dialog', { name: /^Roll back / }).getByRole('button', { name: 'Roll back' }).click();
  }

  async backUpNow(notes: string): Promise<void> {
    await this.openTab('Backups');
    await this.page.getByLabel('Notes (optional)').fill(notes);
    await this.page.getByRole('button', { name: 'Back up now' }).click();
  }

  /** A backup row found by its notes. */
  backupRow(notes: string): Locator {
    return this.page.getByRole('row').filter({ hasText: notes });
  }

  /** Changes the notes of the backup found by its current notes. */
  async editBackupNotes(notes: string, newNotes: string): Promise<void> {
    await this.backupRow(notes).getByRole('button', { name: /^Edit notes of/ }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Backup notes' });
    await dialog.getByLabel('Notes').fill(newNotes);
    await dialog.getByRole('button', { name: 'Save notes' }).click();
    await expect(dialog).toBeHidden();
  }

  async configure(values: { memoryMb?: number; diskGb?: number; cores?: number }): Promise<void> {
    await this.openTab('Settings');
    if (values.cores !== undefined) await this.page.getByLabel('CPU cores').fill(String(values.cores));
    if (values.memoryMb !== undefined) await this.page.getByLabel('Memory (MB)').fill(String(values.memoryMb));
    if (values.diskGb !== undefined) await this.page.getByLabel('Disk (GB)').fill(String(values.diskGb));
    await this.page.getByRole('button', { name: 'Apply changes' }).click();
  }

  /** A value shown in the Overview tab's Details, e.g. detail('768 MB'). */
  detail(value: string): Locator {
    return this.page.getByRole('region', { name: 'Details' }).getByRole('definition').filter({ hasText: new RegExp(`^\\s*${value}\\s*$`) });
  }
}
