import { AppDetailPage } from './pages/app-detail.page';
import { OperationsView } from './pages/console-views.page';
import { ConsoleFrame, MAIN_VIEWS, everyTransition, type MainView } from './pages/navigation.page';
import { deleteApp, deployRunning, uniqueName, waitForStatus } from './support/console-apps';
import { expect, test } from './support/fixtures';

// Every test also runs under the consoleGuard fixture: a console error or unhandled rejection anywhere fails it.

function view(link: string): MainView {
  const found = MAIN_VIEWS.find((candidate) => candidate.link === link);
  if (!found) throw new Error(`no main view ${link}`);
  return found;
}

test('every main view opens from every other through the navigation', async ({ page, signIn }) => {
  await signIn();
  const frame = new ConsoleFrame(page);
  const walk = everyTransition(MAIN_VIEWS);
  expect(walk).toHaveLength(MAIN_VIEWS.length * (MAIN_VIEWS.length - 1) + 1);
  await frame.expectOn(walk[0]);
  for (const next of walk.slice(1)) await frame.go(next);
});

test('every view, an app page and a catalog entry open from a typed URL', async ({ page, api, signIn }) => {
  const hostname = uniqueName('nav-url');
  const app = await deployRunning(api, hostname);
  try {
    await signIn();
    const frame = new ConsoleFrame(page);
    for (const main of MAIN_VIEWS) {
      await page.goto(main.path);
      await frame.expectOn(main);
    }
    await page.goto('/catalog/whoami');
    await expect(frame.heading('whoami')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Deploy whoami', exact: true })).toBeVisible();

    await page.goto(`/apps/${app.id}`);
    await expect(frame.heading(hostname)).toBeVisible();
    await expect(new AppDetailPage(page).status()).toHaveText('running');
    // Leave the app page (it frames the running app) before the clean-up deletes the app.
    await frame.go(view('Apps'));
  } finally {
    await deleteApp(api, app.id);
  }
});

test('browser back and forward retrace a path through the views and a catalog entry', async ({ page, signIn }) => {
  await signIn();
  const frame = new ConsoleFrame(page);
  await frame.go(view('Apps'));
  await frame.go(view('Catalog'));
  await page.getByRole('link', { name: 'whoami', exact: true }).click();
  await expect(frame.heading('whoami')).toBeVisible();
  await frame.go(view('Nodes'));
  await frame.go(view('Operations'));

  await page.goBack();
  await frame.expectOn(view('Nodes'));
  await page.goBack();
  await expect(frame.heading('whoami')).toBeVisible();
  await page.goBack();
  await frame.expectOn(view('Catalog'));
  await page.goBack();
  await frame.expectOn(view('Apps'));

  await page.goForward();
  await frame.expectOn(view('Catalog'));
  await page.goForward();
  await expect(frame.heading('whoami')).toBeVisible();
  await page.goForward();
  await frame.expectOn(view('Nodes'));
  await page.goForward();
  await frame.expectOn(view('Operations'));
});

test('reloading keeps the console on the same view', async ({ page, signIn }) => {
  await signIn();
  const frame = new ConsoleFrame(page);
  for (const main of MAIN_VIEWS) {
    await frame.go(main);
    await page.reload();
    await frame.expectOn(main);
  }
  await page.goto('/catalog/whoami');
  await page.reload();
  await expect(frame.heading('whoami')).toBeVisible();
});

test('five quick cycles through every view, clicking before anything loaded, end on a working view', async ({ page, signIn }) => {
  await signIn();
  const frame = new ConsoleFrame(page);
  for (let cycle = 0; cycle < 5; cycle++) {
    for (const main of MAIN_VIEWS) await frame.clickNav(main);
  }
  const last = MAIN_VIEWS[MAIN_VIEWS.length - 1];
  await frame.expectOn(last);
  // Its data arrived too: the last view is not stuck loading or in an error state.
  await expect(page.getByRole('table', { name: 'Audit events' })).toBeVisible();
  await frame.go(view('Apps'));
  await expect(page.getByRole('heading', { name: /could not be loaded/ })).toHaveCount(0);
});

test('a deploy keeps going while the console moves between views, and its app page shows the result', async ({ page, api, signIn }) => {
  const hostname = uniqueName('nav-deploy');
  await signIn();
  // Holds the container's creation a few seconds, so the deploy surely runs when the walk begins.
  await api.sim('POST', '/_sim/faults', { kind: 'latency', ms: 4000, path: '/lxc$', method: 'POST', times: 1 });
  const accepted = await api.post<{ app: { id: string } }>('/apps', { catalogId: 'whoami', hostname });
  expect(accepted.status, 'deploy accepted').toBe(202);
  const appId = accepted.body.app.id;
  try {
    const frame = new ConsoleFrame(page);
    const detail = new AppDetailPage(page);
    await detail.open(appId);
    await expect(detail.operationPanel('Deploy', false)).toBeVisible();

    for (const main of MAIN_VIEWS) await frame.go(main);
    const operations = new OperationsView(page);
    await operations.open();
    await expect(operations.row('deploy', hostname)).toContainText('succeeded', { timeout: 60_000 });
    await expect(operations.progress('deploy', hostname)).toHaveAttribute('aria-valuenow', '100');

    await frame.go(view('Apps'));
    await page.getByRole('link', { name: hostname, exact: true }).click();
    await expect(frame.heading(hostname)).toBeVisible();
    await detail.expectStatus('running');
    await detail.expectOperationEnded('Deploy', 'succeeded');
    await waitForStatus(api, appId, 'running');
    // Leave the app page (it frames the running app) before the clean-up deletes the app.
    await frame.go(view('Dashboard'));
  } finally {
    await api.sim('DELETE', '/_sim/faults');
    await deleteApp(api, appId);
  }
});
