import { SettingsView } from './pages/console-views.page';
import { expect, test } from './support/fixtures';

interface PolicyView {
  backup: { keepLast: number };
}

test('an admin changes the default backup retention in Settings and it is saved', async ({ page, api, signIn }) => {
  const before = await api.get<{ defaultPolicy: PolicyView }>('/settings');
  const keepLast = before.defaultPolicy.backup.keepLast + 2;
  try {
    await signIn();
    await new SettingsView(page).open();
    const section = page.getByRole('region', { name: 'Default backups and updates' });
    await section.getByLabel('Keep last').fill(String(keepLast));
    await section.getByRole('button', { name: 'Save policy' }).click();
    await expect(page.getByText('Policy saved.')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('region', { name: 'Default backups and updates' }).getByLabel('Keep last')).toHaveValue(String(keepLast));
    expect((await api.get<{ defaultPolicy: PolicyView }>('/settings')).defaultPolicy.backup.keepLast).toBe(keepLast);
  } finally {
    await api.send('PUT', '/settings', { defaultPolicy: before.defaultPolicy });
  }
});
