import { AdoptionPage } from './pages/adoption.page';
import { AppDetailPage } from './pages/app-detail.page';
import { createForeignContainer } from './support/foreign-container';
import { expect, test } from './support/fixtures';
import { expectDataMarker, expectNothingLeftBehind, findApp, inventory, removeAppsAndBackups, uniqueHostname, writeDataMarker } from './support/stack';

test('adopt a container made outside Proxdeck as a catalog app: it is managed, serves its page, and backs up', async ({ page, api, signIn }) => {
  const before = await inventory(api);
  const name = uniqueHostname('legacy');
  const hostname = `${name}-app`;
  try {
    const vmid = await createForeignContainer('pve1', name);

    await signIn();
    const adoption = new AdoptionPage(page);
    await adoption.open();
    await expect(adoption.candidate(name)).toContainText(String(vmid));
    await adoption.adopt(name, 'nginx', hostname);

    const detail = new AppDetailPage(page);
    await expect(page.getByRole('heading', { name: hostname, level: 1 })).toBeVisible();
    await detail.expectOperationEnded('Adopt', 'succeeded');
    await detail.expectStatus('running');
    await expect(page.getByText('adopted', { exact: true })).toBeVisible();
    expect((await findApp(api, hostname))?.status).toBe('running');
    await expect(detail.canvas('nginx').getByRole('heading', { name: 'Welcome to nginx!' })).toBeVisible();

    // Every operation works on it now, e.g. a backup that keeps its data.
    await writeDataMarker(api, hostname, 'adopted data');
    await detail.backUpNow('first backup after adoption');
    await detail.expectOperationEnded('Backup', 'succeeded');
    await expect(detail.backupRow('first backup after adoption')).toBeVisible();
    await expectDataMarker(api, hostname, 'adopted data');

    await adoption.open();
    await expect(adoption.candidate(name)).toHaveCount(0);
  } finally {
    await removeAppsAndBackups(api, [hostname]);
  }
  await expectNothingLeftBehind(api, before);
});
