import { expect, test } from './support/fixtures';

interface Accepted {
  app: { id: string; hostname: string };
}

test('reloading the console on /apps and on an app page shows the console, not the app proxy', async ({ page, api, signIn }) => {
  const hostname = `deep-${Date.now().toString(36)}`;
  const { status, body } = await api.post<Accepted>('/apps', { catalogId: 'whoami', hostname });
  expect(status).toBe(202);

  await signIn();
  await page.goto('/apps');
  await expect(page.getByRole('heading', { name: 'Apps', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: hostname })).toBeVisible();

  await page.goto(`/apps/${body.app.id}`);
  await expect(page.getByRole('heading', { name: hostname })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: hostname })).toBeVisible();
  await expect(page.getByRole('main').getByRole('status').first()).toHaveText('running');
});
