import { NodesView, OperationsView } from './pages/console-views.page';
import { deleteApp, deployRunning, uniqueName, waitForStatus } from './support/console-apps';
import { expect, test } from './support/fixtures';

test('the dashboard shows an offline node in the cluster health, and a failed start under "needs attention"', async ({ page, api, signIn }) => {
  const hostname = uniqueName('attention');
  const app = await deployRunning(api, hostname);
  try {
    expect((await api.post(`/apps/${app.id}/stop`)).status).toBe(202);
    await waitForStatus(api, app.id, 'stopped');
    await api.sim('POST', '/_sim/faults', { kind: 'task-fail', taskType: 'vzstart', message: 'startup for container failed: no space left on device', times: 1 });
    expect((await api.post(`/apps/${app.id}/start`)).status).toBe(202);
    await expect
      .poll(async () => (await api.get<{ items: unknown[] }>(`/operations?appId=${app.id}&state=failed`)).items.length, { timeout: 60_000 })
      .toBe(1);
    await api.sim('POST', '/_sim/faults', { kind: 'node-offline', node: 'pve3' });

    await signIn();
    const health = page.getByRole('region', { name: 'Cluster health' });
    await expect(health.getByText('2/3')).toBeVisible();
    await expect(health.getByRole('meter', { name: 'Cluster memory' })).toBeVisible();

    const attention = page.getByRole('region', { name: 'Needs attention' });
    const failure = attention.getByRole('listitem').filter({ hasText: `The start of ${hostname} failed` });
    await expect(failure).toContainText('no space left on device');
    await failure.getByRole('link', { name: 'See the operation' }).click();
    await expect(page).toHaveURL(/\/operations\?state=failed&appId=/);
    await expect(new OperationsView(page).row('start', hostname)).toContainText('failed');

    const nodes = new NodesView(page);
    await nodes.open();
    await expect(nodes.row('pve3')).toContainText('offline');
  } finally {
    await api.sim('DELETE', '/_sim/faults');
    await deleteApp(api, app.id);
  }
});
