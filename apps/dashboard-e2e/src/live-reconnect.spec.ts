import { AppDetailPage } from './pages/app-detail.page';
import { OperationsView } from './pages/console-views.page';
import { ConsoleFrame } from './pages/navigation.page';
import { deleteApp, deployRunning, uniqueName } from './support/console-apps';
import { expect, test } from './support/fixtures';
import { GatewayOutage } from './support/gateway-outage';

// The browser logs the event stream cut by the stopping gateway and each request it refuses while
// down; nothing else may be logged.
test.use({ expectedConsoleErrors: [/^Failed to load resource: net::ERR_(CONNECTION_REFUSED|INCOMPLETE_CHUNKED_ENCODING)$/] });

test('the console says it is offline while the gateway restarts, reconnects by itself, and shows what finished meanwhile', async ({ page, api, signIn, baseURL }) => {
  test.setTimeout(180_000); // A gateway stop and start on top of the usual.
  const hostname = uniqueName('reconnect');
  const app = await deployRunning(api, hostname);
  const outage = new GatewayOutage(baseURL);
  try {
    await signIn();
    const frame = new ConsoleFrame(page);
    const detail = new AppDetailPage(page);
    await detail.open(app.id);
    await expect(frame.liveIndicator()).toHaveText('Live');

    // Slow task polling down, so the stop is still running when the gateway goes away.
    await api.sim('POST', '/_sim/faults', { kind: 'latency', ms: 400, path: '/tasks/' });
    const stop = await api.post<{ operation: { id: string } }>(`/apps/${app.id}/stop`);
    expect(stop.status).toBe(202);
    await expect(detail.operationPanel('Stop', false)).toBeVisible();

    await outage.begin();
    await expect(frame.liveIndicator()).toHaveText('Offline, reconnecting…');
    await expect.poll(() => outage.operationState(stop.body.operation.id), { timeout: 60_000 }).toBe('succeeded');
    await outage.end();

    // No reload: the same page comes back live and catches up with the stop it missed.
    await expect(frame.liveIndicator()).toHaveText('Live', { timeout: 30_000 });
    await detail.expectStatus('stopped');
    await detail.expectOperationEnded('Stop', 'succeeded');
    await expect(detail.action('Start')).toBeEnabled();

    const operations = new OperationsView(page);
    await operations.open();
    await operations.filter({ app: hostname });
    await expect(operations.row('stop', hostname)).toContainText('succeeded');
  } finally {
    await outage.end();
    await api.sim('DELETE', '/_sim/faults');
    await deleteApp(api, app.id);
  }
});
