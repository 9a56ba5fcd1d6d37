import { AppDetailPage } from './pages/app-detail.page';
import { expect, loginThroughForm, test } from './support/fixtures';
import { deployNginx, expectNothingLeftBehind, inventory, removeAppsAndBackups, uniqueHostname } from './support/stack';

test('a viewer sees the app, its backups and settings but no button that changes anything, and the API refuses them too', async ({ page, api }) => {
  const before = await inventory(api);
  const hostname = uniqueHostname('ro');
  const viewer = { username: uniqueHostname('viewer'), password: 'viewer-password-123' };
  const createdUsers: string[] = [];
  try {
    const appId = await deployNginx(api, hostname);
    const created = await api.post<{ id: string }>('/users', { ...viewer, role: 'viewer' });
    expect(created.status, 'viewer created').toBe(201);
    createdUsers.push(created.body.id);

    await loginThroughForm(page, viewer);
    const detail = new AppDetailPage(page);
    await detail.open(appId);
    await detail.expectStatus('running');
    const actions = page.getByRole('group', { name: 'App actions' });
    await expect(actions.getByText('Read-only access')).toBeVisible();
    await expect(actions.getByRole('button')).toHaveCount(0);

    await detail.openTab('Backups');
    await expect(page.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
    await detail.openTab('Settings');
    await expect(page.getByLabel('Memory (MB)')).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Apply changes' })).toHaveCount(0);

    const login = await page.request.post('/api/v1/auth/login', { data: viewer });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const stop = await page.request.post(`/api/v1/apps/${appId}/stop`, { headers: { authorization: `Bearer ${token}` } });
    expect(stop.status()).toBe(403);
  } finally {
    // Closed first: a console still open would see its user and app vanish.
    await page.close();
    for (const id of createdUsers) await api.send('DELETE', `/users/${id}`);
    await removeAppsAndBackups(api, [hostname]);
  }
  await expectNothingLeftBehind(api, before);
});
