import { AppDetailPage } from './pages/app-detail.page';
import { CatalogPage } from './pages/catalog.page';
import { expect, loginThroughForm, test } from './support/fixtures';
import { expectNothingLeftBehind, inventory, removeAppsAndBackups, uniqueHostname } from './support/stack';

interface Inventory {
  containers: { hostname: string; status: string }[];
}

test('full lifecycle: deploy nginx from the catalog, open it, stop, start, restart, delete', async ({ page, api }) => {
  const hostname = `web-${Date.now().toString(36)}`;
  await loginThroughForm(page);

  const catalog = new CatalogPage(page);
  await catalog.open();
  await catalog.search('nginx');
  await catalog.startDeploy('nginx', hostname);
  await catalog.confirmDeploy();

  const detail = new AppDetailPage(page);
  await expect(page.getByRole('heading', { name: hostname })).toBeVisible();
  await detail.expectStatus('running');

  await expect(detail.canvas('nginx').getByRole('heading', { name: 'Welcome to nginx!' })).toBeVisible();

  await detail.act('Stop', 'stopped');
  await detail.act('Start', 'running');
  await detail.act('Restart', 'running');

  await detail.delete(hostname);
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByRole('row', { name: new RegExp(hostname) })).toHaveCount(0);
  await expect
    .poll(async () => (await api.sim<Inventory>('GET', '/_sim/inventory')).containers.some((c) => c.hostname === hostname))
    .toBe(false);
});

test('a deploy whose container fails to start ends failed, shows why, and leaves nothing behind', async ({ page, api, signIn }) => {
  const hostname = `broken-${Date.now().toString(36)}`;
  await api.sim('POST', '/_sim/faults', { kind: 'task-fail', taskType: 'vzstart', message: 'startup for container failed: no space left on device' });
  try {
    await signIn();
    const catalog = new CatalogPage(page);
    await catalog.open();
    await catalog.startDeploy('nginx', hostname);
    await catalog.confirmDeploy();
    await expect(page.getByText(/no space left on device/).first()).toBeVisible({ timeout: 60_000 });
    // The reason is logged (and shown) before the compensation removes the container and the app.
    await expect
      .poll(async () => (await api.sim<Inventory>('GET', '/_sim/inventory')).containers.some((c) => c.hostname === hostname))
      .toBe(false);
    await expect
      .poll(async () => (await api.get<{ items: { hostname: string }[] }>('/apps')).items.some((a) => a.hostname === hostname))
      .toBe(false);
  } finally {
    await api.sim('DELETE', '/_sim/faults');
  }
});

test('the deploy dialog refuses a taken hostname and memory below the minimum, next to the field', async ({ page, api, signIn }) => {
  const taken = `taken-${Date.now().toString(36)}`;
  const accepted = await api.post<{ app: { id: string } }>('/apps', { catalogId: 'nginx', hostname: taken });
  expect(accepted.status).toBe(202);

  await signIn();
  const catalog = new CatalogPage(page);
  await catalog.open();
  await catalog.startDeploy('nginx', taken);
  await catalog.confirmDeploy();
  await expect(page.getByRole('dialog').getByText(/taken|already/i)).toBeVisible();

  await page.getByRole('dialog').getByLabel('Hostname').fill(`${taken}-2`);
  await page.getByRole('dialog').getByLabel(/Memory/).fill('16');
  await catalog.confirmDeploy();
  await expect(page.getByRole('dialog').getByText(/at least/i)).toBeVisible();
});

test("an app's generated passwords are shown once after the deploy, then the console moves on to the app", async ({ page, api, signIn }) => {
  const before = await inventory(api);
  const hostname = uniqueHostname('gotify');
  try {
    await signIn();
    const catalog = new CatalogPage(page);
    await catalog.open();
    await catalog.search('gotify');
    await catalog.startDeploy('Gotify', hostname);
    await catalog.confirmDeploy();

    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('alert')).toContainText('Save these passwords now');
    await expect(dialog.getByRole('definition')).toHaveText(/^[A-Za-z0-9]{24}\s*Copy$/);
    await dialog.getByRole('button', { name: 'I have saved them' }).click();
    await expect(page.getByRole('heading', { name: hostname })).toBeVisible();
    await new AppDetailPage(page).expectStatus('running');
  } finally {
    await removeAppsAndBackups(api, [hostname]);
  }
  await expectNothingLeftBehind(api, before);
});
