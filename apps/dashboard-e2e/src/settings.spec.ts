import { SettingsView, signInAs } from './pages/console-views.page';
import { uniqueName } from './support/console-apps';
import { expect, test } from './support/fixtures';

interface Settings {
  defaults: { bridge: string };
  appsDomain: string | null;
}

test('Settings tests the Proxmox connection, names a bad field next to it without saving, and saves the apps domain', async ({ page, api, signIn }) => {
  const before = await api.get<Settings>('/settings');
  try {
    await signIn();
    const settings = new SettingsView(page);
    await settings.open();

    const connection = settings.section('Proxmox connection');
    await expect(connection.getByLabel('API token secret')).toHaveValue('');
    await expect(connection.getByLabel('API token secret')).toHaveAccessibleDescription(/A secret is set/);
    await connection.getByRole('button', { name: 'Test connection' }).click();
    await expect(connection.getByText('Connection works')).toBeVisible();
    await expect(connection.getByText('Nodes: pve1, pve2, pve3')).toBeVisible();

    const defaults = settings.section('Defaults');
    const bridge = defaults.getByLabel('Network bridge');
    await bridge.fill('1-not-a-bridge');
    await defaults.getByRole('button', { name: 'Save defaults' }).click();
    await expect(bridge).toHaveAttribute('aria-invalid', 'true');
    await expect(bridge).toHaveAccessibleDescription(/Linux bridge/);
    expect((await api.get<Settings>('/settings')).defaults.bridge, 'a refused save changes nothing').toBe(before.defaults.bridge);

    await bridge.fill(before.defaults.bridge);
    await defaults.getByLabel('Apps domain').fill('apps.e2e.localhost');
    await defaults.getByRole('button', { name: 'Save defaults' }).click();
    await expect(page.getByText('The defaults were saved.')).toBeVisible();
    await expect(bridge).not.toHaveAttribute('aria-invalid', 'true');
    expect((await api.get<Settings>('/settings')).appsDomain).toBe('apps.e2e.localhost');
    await page.reload();
    await expect(settings.section('Defaults').getByLabel('Apps domain')).toHaveValue('apps.e2e.localhost');
  } finally {
    await api.send('PUT', '/settings', { appsDomain: before.appsDomain });
  }
});

test('Settings creates a user with a role, changes the role, resets the password and deletes after confirming', async ({ page, api, signIn, playwright, baseURL }) => {
  const username = uniqueName('person');
  await signIn();
  const settings = new SettingsView(page);
  await settings.open();
  const users = settings.section('Users and roles');

  await users.getByLabel('Username').fill('not a name');
  await users.getByLabel('Password', { exact: true }).fill('first-password-1');
  await users.getByRole('button', { name: 'Create user' }).click();
  await expect(users.getByLabel('Username')).toHaveAccessibleDescription(/letters, digits/);

  await users.getByLabel('Username').fill(username);
  await users.getByLabel('Role', { exact: true }).selectOption('viewer');
  await users.getByRole('button', { name: 'Create user' }).click();
  await expect(users.getByRole('row', { name: new RegExp(`^${username}`) })).toBeVisible();
  await expect(users.getByLabel(`Role of ${username}`)).toHaveValue('viewer');

  await users.getByLabel(`Role of ${username}`).selectOption('operator');
  await expect(page.getByText(`${username} is now operator.`)).toBeVisible();

  await users.getByRole('button', { name: `Reset password of ${username}` }).click();
  const reset = page.getByRole('dialog', { name: `Reset password of ${username}` });
  await reset.getByLabel('New password').fill('second-password-2');
  await reset.getByRole('button', { name: 'Set password' }).click();
  await expect(reset).toBeHidden();
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    const login = await anonymous.post('/api/v1/auth/login', { data: { username, password: 'second-password-2' } });
    expect(login.status(), 'the new password signs in').toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('operator');
  } finally {
    await anonymous.dispose();
  }

  await users.getByRole('button', { name: `Delete ${username}` }).click();
  const confirm = settings.confirmDialog(`Delete ${username}`);
  await confirm.getByRole('button', { name: 'Delete user' }).click();
  await expect(users.getByRole('row', { name: new RegExp(`^${username}`) })).toHaveCount(0);
  const remaining = await api.get<{ username: string }[]>('/users');
  expect(remaining.map((user) => user.username)).not.toContain(username);
});

test('Settings shows a new API token once, with a copy button; it works for scripts until deleted', async ({ page, signIn, playwright, baseURL }) => {
  const name = uniqueName('script');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn();
  const settings = new SettingsView(page);
  await settings.open();
  const tokens = settings.section('API tokens');

  await tokens.getByLabel('Token name').fill(name);
  await tokens.getByLabel('Token role').selectOption('viewer');
  await tokens.getByRole('button', { name: 'Create token' }).click();
  const secretField = tokens.getByLabel('New token secret');
  await expect(secretField).toHaveValue(/^pdk_/);
  const secret = await secretField.inputValue();
  await tokens.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(tokens.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const script = await playwright.request.newContext({ baseURL });
  try {
    const asScript = () => script.get('/api/v1/apps', { headers: { authorization: `Bearer ${secret}` } });
    expect((await asScript()).status(), 'the token works').toBe(200);

    await tokens.getByRole('button', { name: 'Done' }).click();
    await expect(secretField).toBeHidden();
    await page.reload();
    await expect(settings.section('API tokens').getByRole('row', { name: new RegExp(`^${name}`) })).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);

    await settings.section('API tokens').getByRole('button', { name: `Delete token ${name}` }).click();
    await settings.confirmDialog(`Delete token ${name}`).getByRole('button', { name: 'Delete token' }).click();
    await expect(settings.section('API tokens').getByRole('row', { name: new RegExp(`^${name}`) })).toHaveCount(0);
    expect((await asScript()).status(), 'a deleted token is refused').toBe(401);
  } finally {
    await script.dispose();
  }
});

test('Settings keeps the chosen theme across reloads; System follows the operating system', async ({ page, signIn }) => {
  await signIn();
  const settings = new SettingsView(page);
  await settings.open();
  const theme = settings.section('Theme');
  await theme.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(settings.section('Theme').getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await settings.section('Theme').getByRole('radio', { name: 'System' }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
});

test('a viewer sees no admin views in the navigation; Settings and the audit log say they are for admins', async ({ page, api }) => {
  const username = uniqueName('viewer');
  const password = 'viewer-password-1';
  const created = await api.post<{ id: string }>('/users', { username, password, role: 'viewer' });
  expect(created.status).toBe(201);
  try {
    await signInAs(page, username, password);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Nodes' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);

    await page.goto('/settings');
    await expect(page.getByText('Admins only')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Proxmox connection' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Users and roles' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'API tokens' })).toBeVisible();

    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible();
  } finally {
    await api.send('DELETE', `/users/${created.body.id}`);
  }
});
