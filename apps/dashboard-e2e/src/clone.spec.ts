import { AppDetailPage } from './pages/app-detail.page';
import { expect, test } from './support/fixtures';
import {
  deployNginx,
  expectDataMarker,
  expectNothingLeftBehind,
  findApp,
  inventory,
  removeAppsAndBackups,
  uniqueHostname,
  writeDataMarker,
} from './support/stack';

test('clone: the copy runs on its own hostname with the source data, and the source keeps running', async ({ page, api, signIn }) => {
  const before = await inventory(api);
  const source = uniqueHostname('src');
  const copy = `${source}-copy`;
  try {
    const sourceId = await deployNginx(api, source);
    await writeDataMarker(api, source, `data of ${source}`);

    await signIn();
    const detail = new AppDetailPage(page);
    await detail.open(sourceId);
    await detail.clone(copy);

    // The clone's own page follows its progress.
    await expect(page.getByRole('heading', { name: copy, level: 1 })).toBeVisible();
    await detail.expectStatus('running');
    await detail.expectOperationEnded('Clone', 'succeeded');
    await expectDataMarker(api, copy, `data of ${source}`);

    // The copy is independent: writing to it leaves the source as it was.
    await writeDataMarker(api, copy, 'changed in the copy');
    await expectDataMarker(api, source, `data of ${source}`);
    expect((await findApp(api, source))?.status).toBe('running');
  } finally {
    await removeAppsAndBackups(api, [source, copy]);
  }
  await expectNothingLeftBehind(api, before);
});
