import { randomUUID } from 'node:crypto';
import { AdoptionPage } from './pages/adoption.page';
import { AppDetailPage } from './pages/app-detail.page';
import { createForeignContainer } from './support/foreign-container';
import { expect, test } from './support/fixtures';
import { expectNothingLeftBehind, findApp, inventory, removeAppsAndBackups, uniqueHostname } from './support/stack';

test('a container left by an app Proxdeck no longer knows is listed apart and can be adopted again', async ({ page, api, signIn }) => {
  const before = await inventory(api);
  const name = uniqueHostname('left');
  const formerApp = randomUUID();
  try {
    // As after restoring Proxdeck's database from before this app existed: tag and marker, no app.
    const vmid = await createForeignContainer('pve1', name, { tags: 'proxdeck', description: `proxdeck-app-id: ${formerApp}` });

    await signIn();
    const adoption = new AdoptionPage(page);
    await adoption.open();
    const orphans = adoption.orphans();
    await expect(orphans.getByRole('heading', { name: 'Containers left by deleted apps' })).toBeVisible();
    await expect(orphans.getByRole('row').filter({ hasText: name })).toContainText(formerApp);
    await expect(orphans.getByRole('row').filter({ hasText: name })).toContainText(String(vmid));

    await adoption.adopt(name, 'nginx', name);
    const detail = new AppDetailPage(page);
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await detail.expectOperationEnded('Adopt', 'succeeded');
    await detail.expectStatus('running');
    expect((await findApp(api, name))?.vmid).toBe(vmid);

    await adoption.open();
    await expect(adoption.orphans()).toHaveCount(0);
  } finally {
    await removeAppsAndBackups(api, [name]);
  }
  await expectNothingLeftBehind(api, before);
});
