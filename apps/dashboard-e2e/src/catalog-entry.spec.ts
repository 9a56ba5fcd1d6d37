import { CatalogPage } from './pages/catalog.page';
import { expect, test } from './support/fixtures';

test('a catalog entry\'s page says what deploying it will create, survives a reload, and offers Deploy', async ({ page, signIn }) => {
  await signIn();
  const catalog = new CatalogPage(page);
  await catalog.open();
  await catalog.search('uptime');
  await page.getByRole('link', { name: 'Uptime Kuma', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Uptime Kuma', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Uptime Kuma', level: 1 })).toBeVisible();

  const ports = page.getByRole('region', { name: 'Ports' });
  await expect(ports.getByRole('cell', { name: '3001' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Volumes' })).toContainText('/app/data');
  const plan = page.getByRole('region', { name: 'What will be created' });
  await expect(plan).toContainText('Image docker.io/louislam/uptime-kuma:1.23.16');
  await expect(plan).toContainText('An unprivileged LXC container');

  await page.getByRole('button', { name: 'Deploy Uptime Kuma', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Hostname')).toHaveValue(/uptime-kuma/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});
