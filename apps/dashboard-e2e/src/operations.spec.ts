import { OperationsView } from './pages/console-views.page';
import { deleteApp, deployRunning, uniqueName, waitForStatus } from './support/console-apps';
import { expect, test } from './support/fixtures';

test("Operations shows the history by app and state, a new operation's progress live, its log, and its app", async ({ page, api, signIn }) => {
  const hostname = uniqueName('ops');
  const app = await deployRunning(api, hostname);
  try {
    await signIn();
    const operations = new OperationsView(page);
    await operations.open();
    await operations.filter({ app: hostname });
    await expect(page).toHaveURL(new RegExp(`appId=${app.id}`));
    await expect(operations.row('deploy', hostname)).toContainText('succeeded');

    // Started elsewhere while the view is open: it appears and moves without a reload.
    const restart = await api.post(`/apps/${app.id}/restart`);
    expect(restart.status).toBe(202);
    await expect(operations.row('restart', hostname)).toBeVisible();
    await expect(operations.row('restart', hostname)).toContainText('succeeded', { timeout: 60_000 });
    await expect(operations.progress('restart', hostname)).toHaveAttribute('aria-valuenow', '100');
    await waitForStatus(api, app.id, 'running');

    const log = await operations.openLog('deploy', hostname);
    await expect(log.getByRole('listitem').first()).toBeVisible();

    await operations.filter({ state: 'failed' });
    await expect(page.getByRole('heading', { name: 'No operation matches' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('State', { exact: true })).toHaveValue('failed');
    await expect(page.getByRole('heading', { name: 'No operation matches' })).toBeVisible();

    await operations.filter({ state: '' });
    await operations.row('deploy', hostname).getByRole('link', { name: hostname }).click();
    await expect(page.getByRole('heading', { name: hostname })).toBeVisible();
    // Leave the app page (it frames the running app) before the clean-up deletes the app.
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Operations', level: 1 })).toBeVisible();
  } finally {
    await deleteApp(api, app.id);
  }
});
