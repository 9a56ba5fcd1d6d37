import { AuditView } from './pages/console-views.page';
import { uniqueName } from './support/console-apps';
import { expect, test } from './support/fixtures';

test('the audit log shows who did what, newest first, filtered by actor and action', async ({ page, api, signIn }) => {
  const username = uniqueName('audited');
  const created = await api.post<{ id: string }>('/users', { username, password: 'audited-password-1', role: 'viewer' });
  expect(created.status).toBe(201);
  try {
    await signIn();
    const audit = new AuditView(page);
    await audit.open();
    await expect(audit.rows().first()).toBeVisible();

    await audit.filter({ action: 'user.create' });
    const first = audit.rows().first();
    await expect(first).toContainText('user.create');
    await expect(first).toContainText(`username: ${username}`);
    await expect(first).toContainText('admin');

    await audit.filter({ actor: 'nobody-at-all', action: '' });
    await expect(page.getByRole('heading', { name: 'No event matches' })).toBeVisible();
  } finally {
    await api.send('DELETE', `/users/${created.body.id}`);
  }
});
