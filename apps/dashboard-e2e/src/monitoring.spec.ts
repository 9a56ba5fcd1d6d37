import { AppDetailPage } from './pages/app-detail.page';
import { MonitoringView } from './pages/console-views.page';
import { deleteApp, deployRunning, uniqueName } from './support/console-apps';
import { expect, test } from './support/fixtures';

test('Monitoring charts CPU, memory and network of a node and of an app, over hour, day and week', async ({ page, api, signIn }) => {
  const hostname = uniqueName('metrics');
  const app = await deployRunning(api, hostname);
  try {
    await signIn();
    const monitoring = new MonitoringView(page);
    await monitoring.open();
    await expect(monitoring.target()).toHaveValue('node:pve1');
    await expect(monitoring.timeframe('Hour')).toBeChecked();
    for (const chart of ['CPU', 'Memory', 'Network'] as const) {
      await expect(monitoring.chart(chart)).toBeVisible();
    }
    await expect(monitoring.chart('CPU')).toHaveAccessibleName(/^CPU\. CPU: now \d+%, peak \d+%$/);

    await monitoring.timeframe('Week').check();
    await expect(page).toHaveURL(/timeframe=week/);
    await expect(monitoring.timeframe('Week')).toBeChecked();
    await expect(monitoring.chart('Memory')).toHaveAccessibleName(/Used: now .+, peak .+; Total: now/);

    await monitoring.target().selectOption({ label: hostname });
    await expect(page).toHaveURL(new RegExp(`app=${app.id}`));
    // A container that just started may have no history yet; either way the view says what it has.
    await expect(monitoring.chart('CPU').or(page.getByRole('heading', { name: 'No metrics yet' }))).toBeVisible();

    await page.reload();
    await expect(monitoring.target()).toHaveValue(`app:${app.id}`);
    await expect(monitoring.timeframe('Week')).toBeChecked();

    // The same charts on the app's own page, under Metrics.
    await page.goto(`/apps/${app.id}`);
    const detail = new AppDetailPage(page);
    await detail.openTab('Metrics');
    await expect(monitoring.chart('CPU').or(page.getByRole('heading', { name: 'No metrics yet' }))).toBeVisible();
    await expect(page.getByRole('link', { name: 'Open in Monitoring' })).toHaveAttribute('href', `/monitoring?app=${app.id}&timeframe=hour`);
  } finally {
    await deleteApp(api, app.id);
  }
});

test('Monitoring stays readable in the dark theme', async ({ page, signIn }) => {
  await page.addInitScript(() => window.localStorage.setItem('pd_theme', 'dark'));
  await signIn();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const monitoring = new MonitoringView(page);
  await monitoring.open();
  await expect(monitoring.chart('Network')).toBeVisible();
  await expect(monitoring.chart('Network')).toHaveAccessibleName(/In: now .+\/s/);
});
