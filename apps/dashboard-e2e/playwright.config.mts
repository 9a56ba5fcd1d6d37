import { defineConfig } from '@playwright/test';
import { nxE2EPreset } from '@nx/playwright/preset';
import { workspaceRoot } from '@nx/devkit';

const port = Number(process.env['E2E_PORT'] ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

/**
 * End-to-end suite against the real stack (gateway serving the dashboard, worker, pve-sim,
 * PostgreSQL, Redis), started by tools/e2e-stack.mjs. Debian's Chromium, never a downloaded one.
 * No retries: a flaky test is a bug to fix, not to hide.
 */
export default defineConfig({
  ...nxE2EPreset(import.meta.dirname, { testDir: './src' }),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: '../../dist/.playwright/apps/dashboard-e2e/playwright-report' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    },
  },
  webServer: {
    command: 'node tools/build.mjs && node tools/e2e-stack.mjs',
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 300_000,
    cwd: workspaceRoot,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
  projects: [{ name: 'chromium' }],
});
