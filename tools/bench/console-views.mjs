#!/usr/bin/env node
// `npm run bench:console`: how long the console takes to switch views with 500 apps (issue 5's
// target: under 100 ms on this machine). Seeds a fresh stack's database with 500 apps, 1500
// operations and 500 backups, logs in with Debian's Chromium, then clicks through the main
// navigation CYCLES times. Each switch is timed inside the page, from the click until the frame
// showing the new view's heading and first data row has been painted; a second figure adds the
// round trips of driving the browser through Playwright (its locator lookups cost more on larger
// pages). Prints median and p95 per view and the initial load. Not a test: results go to
// docs/BENCHMARKS.md by hand.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { chromium } from '@playwright/test';
import { buildAll } from '../build.mjs';
import { ensureChromium, ensureNodeModules, CHROMIUM } from '../lib/install.mjs';
import { ensureServices } from '../lib/services.mjs';
import { fail, log } from '../lib/run.mjs';
import { startStack } from '../lib/stack.mjs';

const APPS = Number(process.env.BENCH_APPS ?? 500);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3300);
// BENCH_PORT and BENCH_DB let two runs on one machine keep apart.
const DATABASE = process.env.BENCH_DB ?? 'proxdeck_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE)) fail(`BENCH_DB must be a plain database name, got "${DATABASE}"`);
const ADMIN = { username: 'admin', password: 'bench-admin-password' };

/** The main views by their navigation link, and (for the Playwright pass) what shows each rendered its data. */
const VIEWS = [
  { name: 'Dashboard', ready: (main) => main.getByRole('heading', { level: 1, name: 'Dashboard' }) },
  { name: 'Apps', ready: (main) => main.getByRole('link', { name: 'bench-000', exact: true }) },
  { name: 'Catalog', ready: (main) => main.getByRole('heading', { name: 'nginx', exact: true }).first() },
  { name: 'Backups', ready: (main) => main.getByRole('cell', { name: /^bench-\d{3}/ }).first() },
  { name: 'Operations', ready: (main) => main.getByRole('cell', { name: /^bench-\d{3}/ }).first() },
  { name: 'Nodes', ready: (main) => main.getByRole('meter', { name: 'CPU of pve1' }) },
];

/**
 * Runs in the page: clicks the view's link in the main navigation and resolves with the ms until
 * the frame showing its heading and data was painted. Checked every frame; the closing
 * requestAnimationFrame + setTimeout runs after that frame's paint.
 */
async function switchView(name) {
  const rendered = () => {
    const main = document.querySelector('main');
    if (main?.querySelector('h1')?.textContent?.trim() !== name) return false;
    const texts = (selector) => [...main.querySelectorAll(selector)].map((el) => el.textContent?.trim() ?? '');
    switch (name) {
      case 'Dashboard': return true;
      case 'Apps': return texts('a').includes('bench-000');
      case 'Catalog': return texts('h2, h3').includes('nginx');
      case 'Backups':
      case 'Operations': return texts('td, th').some((text) => /^bench-\d{3}/.test(text));
      case 'Nodes': return main.querySelector('[role="meter"][aria-label="CPU of pve1"]') !== null;
      default: throw new Error(`no data marker for view ${name}`);
    }
  };
  const link = [...document.querySelectorAll('nav[aria-label="Main"] a')].find((a) => a.textContent?.trim() === name);
  if (!link) throw new Error(`no link ${name} in the main navigation`);
  const started = performance.now();
  link.click();
  while (!rendered()) {
    if (performance.now() - started > 15_000) throw new Error(`${name} did not render its data within 15 s`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  return performance.now() - started;
}

ensureNodeModules();
ensureChromium();
const { postgresServerUrl, redisUrl } = await ensureServices();
buildAll();

const dbUrl = new URL(`${postgresServerUrl}/postgres`);
const admin = new pg.Client({ connectionString: dbUrl.toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await admin.end();
dbUrl.pathname = `/${DATABASE}`;

const stack = await startStack({
  databaseUrl: dbUrl.toString(), redisUrl, redisPrefix: `proxdeck-bench-${process.pid}`, port: PORT,
  secret: 'bench-secret-not-for-production-0123456789', admin: ADMIN, nodes: 3, taskSpeed: 0,
  // The seeded apps have no containers: the reconcile loop would mark them all missing.
  env: { LOG_LEVEL: 'warn', RECONCILE_INTERVAL_MS: '0' },
}).catch((e) => fail(`the stack did not start: ${e instanceof Error ? e.message : e}`));

let browser;
try {
  await seed(dbUrl.toString());
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const t0 = Date.now();
  await page.goto(`${stack.url}/login`);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  const firstLoadMs = Date.now() - t0;

  const samples = new Map(VIEWS.map(({ name }) => [name, { inPage: [], driven: [] }]));
  // Cycle 0 of each pass is the warm-up (each lazy route's code loads once), not a sample.
  for (let cycle = 0; cycle <= CYCLES; cycle++) {
    for (const { name } of VIEWS) {
      const ms = await page.evaluate(switchView, name);
      if (cycle > 0) samples.get(name).inPage.push(ms);
    }
  }
  // The same switches driven the way a Playwright test does: locate the link, click, wait for the data.
  const nav = page.getByRole('navigation', { name: 'Main' });
  const main = page.getByRole('main');
  for (let cycle = 0; cycle <= CYCLES; cycle++) {
    for (const view of VIEWS) {
      const started = performance.now();
      await nav.getByRole('link', { name: view.name, exact: true }).click();
      await view.ready(main).waitFor({ timeout: 15_000 });
      if (cycle > 0) samples.get(view.name).driven.push(performance.now() - started);
    }
  }
  log(`== console view switches with ${APPS} apps (${CYCLES} cycles, ms)`);
  process.stdout.write(`first load (login to dashboard): ${firstLoadMs} ms\n`);
  process.stdout.write('in the page (click to the frame with the data painted) | driven by Playwright locators (adds its round trips)\n');
  process.stdout.write(`${'view'.padEnd(12)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)} | ${'median'.padStart(7)} ${'p95'.padStart(7)}\n`);
  for (const [name, { inPage, driven }] of samples) {
    const a = stats(inPage);
    const b = stats(driven);
    process.stdout.write(`${name.padEnd(12)} ${a.median.padStart(7)} ${a.p95.padStart(7)} ${a.max.padStart(7)} | ${b.median.padStart(7)} ${b.p95.padStart(7)}\n`);
  }
} finally {
  await browser?.close();
  await stack.stop();
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(0);
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1).toFixed(0) };
}

/** 500 apps spread over three nodes, three operations each, one backup each. */
async function seed(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (let i = 0; i < APPS; i++) {
      const id = randomUUID();
      const hostname = `bench-${String(i).padStart(3, '0')}`;
      const node = `pve${(i % 3) + 1}`;
      const status = i % 10 === 0 ? 'stopped' : 'running';
      await client.query(
        `INSERT INTO apps (id, name, catalog_id, version, runtime, hostname, node, vmid, ip, status, cores, memory_mb, disk_gb, http_port, has_run)
         VALUES ($1, 'nginx', 'nginx', '1.27.3', 'oci', $2, $3, $4, $5, $6, 1, 256, 2, 80, true)`,
        [id, hostname, node, 1000 + i, `127.77.${(1000 + i) >> 8}.${(1000 + i) & 255}`, status],
      );
      for (const type of ['deploy', 'stop', 'start']) {
        await client.query(
          `INSERT INTO operations (type, state, app_id, app_hostname, progress, steps, requested_by, started_at, finished_at)
           VALUES ($1, 'succeeded', $2, $3, 100, '[]', 'admin', now(), now())`,
          [type, id, hostname],
        );
      }
      await client.query(
        `INSERT INTO backups (app_id, app_hostname, catalog_id, app_version, node, storage, volid, size_bytes, kind)
         VALUES ($1, $2, 'nginx', '1.27.3', $3, 'local', $4, 52428800, 'scheduled')`,
        [id, hostname, node, `local:backup/vzdump-lxc-${1000 + i}-2026_11_24-03_00_00.tar.zst`],
      );
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  log(`seeded ${APPS} apps, ${APPS * 3} operations, ${APPS} backups`);
}
