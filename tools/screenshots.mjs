#!/usr/bin/env node
// Regenerates docs/screenshots/*.png: starts the e2e stack, deploys a few apps through the API,
// and photographs the main views, light and dark, in Debian's Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { buildAll } from './build.mjs';
import { ensureChromium } from './lib/install.mjs';
import { log, root, stopChild } from './lib/run.mjs';

ensureChromium();
buildAll();
// SCREENSHOTS_PORT keeps it apart from an e2e run on this machine.
const port = Number(process.env.SCREENSHOTS_PORT ?? 3150);
const stack = spawn(process.execPath, [join(root, 'tools/e2e-stack.mjs')], {
  cwd: root,
  env: { ...process.env, E2E_PORT: String(port), E2E_TASK_SPEED: '0.05', E2E_DB: 'proxdeck_screenshots', E2E_DHCP_OCTET: '79' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  stack.stdout.on('data', (d) => d.toString().includes('e2e stack ready') && resolve());
  stack.once('exit', (code) => reject(new Error(`stack exited ${code}`)));
});
const base = `http://127.0.0.1:${port}`;
const outDir = join(root, 'docs/screenshots');
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('e2e-admin-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').waitFor();
  const token = await page.evaluate(async () => {
    const res = await fetch('/api/v1/auth/refresh', { method: 'POST' });
    return (await res.json()).accessToken;
  });
  for (const [catalogId, hostname] of [['nginx', 'www'], ['uptime-kuma', 'status'], ['whoami', 'whoami'], ['it-tools', 'tools']]) {
    await fetch(`${base}/api/v1/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ catalogId, hostname }),
    });
  }
  await page.goto(`${base}/apps`);
  await page.getByRole('status').filter({ hasText: 'running' }).nth(3).waitFor({ timeout: 60_000 });
  await page.getByRole('link', { name: 'www', exact: true }).click();
  await page.getByRole('heading', { name: 'www' }).waitFor();
  const appPath = new URL(page.url()).pathname;
  // One backup, so the Backups view has something to show.
  const appId = appPath.split('/').pop();
  await fetch(`${base}/api/v1/apps/${appId}/backups`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });

  const views = [['dashboard', '/'], ['apps', '/apps'], ['app-detail', appPath], ['catalog', '/catalog'], ['nodes', '/nodes'],
    ['monitoring', '/monitoring'], ['backups', '/backups'], ['operations', '/operations'], ['settings', '/settings']];
  // Light, and dark through the OS preference the console follows by default.
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, path] of views) {
      await page.goto(`${base}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const file = scheme === 'light' ? `${name}.png` : `${name}-dark.png`;
      await page.screenshot({ path: join(outDir, file), fullPage: name === 'app-detail' });
    }
  }
  log(`screenshots written to ${outDir}`);
} finally {
  await browser.close();
  await stopChild(stack);
}
