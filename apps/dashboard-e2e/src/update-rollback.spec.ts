import { AppDetailPage } from './pages/app-detail.page';
import { expect, test } from './support/fixtures';
import {
  deployApp,
  deployNginx,
  expectDataMarker,
  expectNothingLeftBehind,
  findApp,
  inventory,
  publishNewerTag,
  removeAppsAndBackups,
  uniqueHostname,
  writeDataMarker,
} from './support/stack';

const DEPLOYED = '1.27.3';

interface UpdateInfo {
  current: string;
  latest: string | null;
}

test('update to a newer version, then roll back with one click: the data volume follows both ways', async ({ page, api, signIn }) => {
  test.setTimeout(150_000);
  const before = await inventory(api);
  const hostname = uniqueHostname('upd');
  try {
    // Uptime Kuma keeps its data on a volume, which an update moves to the new container.
    await publishNewerTag(api, 'docker.io/louislam/uptime-kuma', { unhealthy: false });
    const appId = await deployApp(api, hostname, 'uptime-kuma');
    await writeDataMarker(api, hostname, 'survives updates');
    const { current, latest } = await api.get<UpdateInfo>(`/apps/${appId}/updates`);
    expect(latest, 'a newer Uptime Kuma on the update track').not.toBeNull();

    await signIn();
    const detail = new AppDetailPage(page);
    await detail.open(appId);
    await expect(detail.action('Rollback')).toHaveCount(0);
    await detail.updateToLatest(current, latest as string);
    await detail.expectOperationEnded('Update', 'succeeded');
    await detail.expectVersion('Uptime Kuma', latest as string);
    await detail.expectStatus('running');
    await expectDataMarker(api, hostname, 'survives updates');

    await detail.rollback();
    await detail.expectOperationEnded('Rollback', 'succeeded');
    await detail.expectVersion('Uptime Kuma', current);
    await detail.expectStatus('running');
    await expect(detail.action('Rollback')).toHaveCount(0);
    await expectDataMarker(api, hostname, 'survives updates');
  } finally {
    await removeAppsAndBackups(api, [hostname]);
  }
  await expectNothingLeftBehind(api, before);
});

test('an update whose new version fails its health check rolls back by itself and says why', async ({ page, api, signIn }) => {
  // nginx's health check waits 60 s for a healthy answer before the update gives up.
  test.setTimeout(180_000);
  const before = await inventory(api);
  const hostname = uniqueHostname('badupd');
  const published: string[] = [];
  try {
    const appId = await deployNginx(api, hostname);
    await writeDataMarker(api, hostname, 'intact after a failed update');
    // A release only this test publishes, newest on nginx's track, whose containers answer HTTP 500.
    const broken = await publishNewerTag(api, 'docker.io/library/nginx', { unhealthy: true });
    published.push(broken);

    await signIn();
    const detail = new AppDetailPage(page);
    await detail.open(appId);
    await detail.updateToLatest(DEPLOYED, broken);

    await detail.expectOperationEnded('Update', 'failed');
    await expect(page.getByRole('alert').filter({ hasText: 'Update failed' })).toBeVisible();
    await detail.expectStatus('running');
    await detail.expectVersion('nginx', DEPLOYED);
    await expect(detail.action('Rollback')).toHaveCount(0);
    await expectDataMarker(api, hostname, 'intact after a failed update');
    expect((await findApp(api, hostname))?.version).toBe(DEPLOYED);
  } finally {
    // Later tests update to the newest tag: leave it healthy.
    await api.sim('POST', '/_sim/images', { repository: 'nginx', healthyTags: published });
    await removeAppsAndBackups(api, [hostname]);
  }
  await expectNothingLeftBehind(api, before);
});
