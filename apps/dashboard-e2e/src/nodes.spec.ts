import { NodesView } from './pages/console-views.page';
import { deleteApp, deployRunning, uniqueName } from './support/console-apps';
import { expect, test } from './support/fixtures';

test("Nodes lists every node with its CPU, memory, disk and uptime, and a node's apps lead to their pages", async ({ page, api, signIn }) => {
  const hostname = uniqueName('nodes');
  const app = await deployRunning(api, hostname);
  try {
    expect(app.node, 'the deployed app has a node').toEqual(expect.any(String));
    const node = String(app.node);
    await signIn();
    const nodes = new NodesView(page);
    await nodes.open();
    for (const name of ['pve1', 'pve2', 'pve3']) {
      await expect(nodes.row(name)).toContainText('online');
      await expect(nodes.meter('CPU', name)).toBeVisible();
    }
    await expect(nodes.meter('Memory', node)).toHaveAttribute('aria-valuetext', /^\d+%, .+ of .+$/);
    await expect(nodes.meter('Disk', node)).toHaveAttribute('aria-valuetext', /^\d+%, .+ of .+$/);

    const apps = await nodes.showApps(node);
    await expect(page).toHaveURL(new RegExp(`[?&]node=${node}`));
    await apps.getByRole('link', { name: hostname }).click();
    await expect(page.getByRole('heading', { name: hostname })).toBeVisible();

    await page.goBack();
    await expect(page.getByRole('region', { name: `Apps on ${node}` }).getByRole('link', { name: hostname })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('region', { name: `Apps on ${node}` }).getByRole('link', { name: hostname })).toBeVisible();
  } finally {
    await deleteApp(api, app.id);
  }
});
