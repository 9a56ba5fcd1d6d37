import { AppDetailPage } from './pages/app-detail.page';
import { expect, test } from './support/fixtures';
import { deployNginx, expectDataMarker, expectNothingLeftBehind, inventory, removeAppsAndBackups, uniqueHostname, writeDataMarker } from './support/stack';

test('resize: memory and disk change from the Settings tab; a smaller disk is refused next to the field', async ({ page, api, signIn }) => {
  const before = await inventory(api);
  const hostname = uniqueHostname('resize');
  try {
    const appId = await deployNginx(api, hostname);
    await writeDataMarker(api, hostname, 'kept across resize');

    await signIn();
    const detail = new AppDetailPage(page);
    await detail.open(appId);

    await detail.openTab('Settings');
    await expect(page.getByText('Disk can only grow, never shrink.')).toBeVisible();
    await page.getByLabel('Disk (GB)').fill('1');
    await page.getByRole('button', { name: 'Apply changes' }).click();
    await expect(page.getByText('Disk can only grow: enter at least 2 GB.')).toBeVisible();
    await expect(page.getByLabel('Disk (GB)')).toHaveAttribute('aria-invalid', 'true');

    await detail.configure({ memoryMb: 512, diskGb: 3 });
    await detail.expectOperationEnded('Configure', 'succeeded');
    await detail.expectStatus('running');

    await detail.openTab('Overview');
    await expect(detail.detail('512 MB')).toBeVisible();
    await expect(detail.detail('3 GB')).toBeVisible();
    const app = await api.get<{ resources: { memoryMb: number; diskGb: number } }>(`/apps/${appId}`);
    expect(app.resources).toMatchObject({ memoryMb: 512, diskGb: 3 });
    await expectDataMarker(api, hostname, 'kept across resize');
  } finally {
    await removeAppsAndBackups(api, [hostname]);
  }
  await expectNothingLeftBehind(api, before);
});

test('AUTO keeps env and retention tiers out of Settings; the PRO switch shows them and is remembered', async ({ page, api, signIn }) => {
  const before = await inventory(api);
  const hostname = uniqueHostname('mode');
  try {
    const appId = await deployNginx(api, hostname);
    await signIn();
    const detail = new AppDetailPage(page);
    await detail.open(appId);
    await detail.openTab('Settings');
    const mode = page.getByRole('switch', { name: 'PRO mode' });
    await expect(mode).toHaveAttribute('aria-checked', 'false');
    await expect(page.getByLabel('Keep last')).toBeVisible();
    await expect(page.getByText('Environment variables')).toHaveCount(0);
    await expect(page.getByLabel('Keep weekly')).toHaveCount(0);

    await mode.click();
    await expect(mode).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByText('Environment variables')).toBeVisible();
    await expect(page.getByLabel('Keep weekly')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('switch', { name: 'PRO mode' })).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByText('Environment variables')).toBeVisible();
  } finally {
    await api.send('PATCH', '/auth/me', { mode: 'auto' });
    await removeAppsAndBackups(api, [hostname]);
  }
  await expectNothingLeftBehind(api, before);
});
