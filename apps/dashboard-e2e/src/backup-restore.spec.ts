import { AppDetailPage } from './pages/app-detail.page';
import { BackupsPage } from './pages/backups.page';
import { expect, test } from './support/fixtures';
import {
  deployNginx,
  expectDataMarker,
  expectNothingLeftBehind,
  findApp,
  inventory,
  removeAppsAndBackups,
  uniqueHostname,
  writeDataMarker,
} from './support/stack';

test('backup, delete the app, restore it as a new app: it comes back running with its data', async ({ page, api, signIn }) => {
  const before = await inventory(api);
  const hostname = uniqueHostname('bkp');
  const notes = `before delete ${hostname}`;
  try {
    const appId = await deployNginx(api, hostname);
    await writeDataMarker(api, hostname, `precious ${hostname}`);

    await signIn();
    const detail = new AppDetailPage(page);
    await detail.open(appId);
    await detail.backUpNow(notes);
    await detail.expectOperationEnded('Backup', 'succeeded');
    const row = detail.backupRow(notes);
    await expect(row).toBeVisible();
    await expect(row).toContainText('manual');
    await expect(row).toContainText(/\d+(\.\d)? (B|KB|MB|GB)/);

    await detail.delete(hostname);
    await expect(page).toHaveURL(/\/apps$/);
    await expect.poll(async () => (await findApp(api, hostname)) === undefined, { timeout: 60_000 }).toBe(true);

    // The backup outlives its app; restoring it brings the app back under the same name.
    const backups = new BackupsPage(page);
    await backups.open();
    await backups.filterByApp(hostname);
    await expect(backups.row(notes)).toContainText('(deleted)');
    await backups.restoreAsNew(notes, hostname, { appExists: false });

    await expect(page.getByRole('heading', { name: hostname, level: 1 })).toBeVisible();
    await detail.expectStatus('running');
    await detail.expectOperationEnded('Restore', 'succeeded');
    await expectDataMarker(api, hostname, `precious ${hostname}`);
  } finally {
    await removeAppsAndBackups(api, [hostname]);
  }
  await expectNothingLeftBehind(api, before);
});

test('restore in place asks to confirm the overwrite, then puts the backed-up data back', async ({ page, api, signIn }) => {
  const before = await inventory(api);
  const hostname = uniqueHostname('inplace');
  const notes = `good state ${hostname}`;
  try {
    const appId = await deployNginx(api, hostname);
    await writeDataMarker(api, hostname, 'good');

    await signIn();
    const detail = new AppDetailPage(page);
    await detail.open(appId);
    await detail.backUpNow(`first try ${hostname}`);
    await detail.expectOperationEnded('Backup', 'succeeded');
    await detail.editBackupNotes(`first try ${hostname}`, notes);
    await expect(detail.backupRow(notes)).toBeVisible();

    await writeDataMarker(api, hostname, 'broken');
    const backups = new BackupsPage(page);
    await backups.restoreInPlace(notes, hostname, { overwrite: true });

    await detail.expectOperationEnded('Restore', 'succeeded');
    await detail.expectStatus('running');
    await expectDataMarker(api, hostname, 'good');
    expect((await findApp(api, hostname))?.id).toBe(appId);
  } finally {
    await removeAppsAndBackups(api, [hostname]);
  }
  await expectNothingLeftBehind(api, before);
});
