#!/usr/bin/env node
// `npm run bench:console`: how long the console takes to switch views with 500 apps (issue 5's
// target: under 100 ms on this machine). Seeds a fresh stack's database with 500 apps, 1500
// operations and 500 backups, logs in with Debian's Chromium, then clicks through the main
// navigation CYCLES times, timing each click until the new view's heading and first data row are
// on screen. Prints median and p95 per view and the initial load. Not a test: results go to
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
const ADMIN = { username: 'admin', password: 'bench-admin-password' };

/** View, its nav link name, and what shows that it rendered its data. */
const VIEWS = [
  { name: 'Dashboard', ready: (main) => main.getByRole('heading', { level: 1, name: 'Dashboard' }) },
  { name: 'Apps', ready: (main) => main.getByRole('link', { name: 'bench-000', exact: true }) },
  { name: 'Catalog', ready: (main) => main.getByRole('heading', { name: 'nginx', exact: true }).first() },
  // Newest first: any seeded app's row shows the list rendered its data.
  { name: 'Backups', ready: (main) => main.getByRole('cell', { name: /^bench-\d{3}/ }).first() },
  { name: 'Operations', ready: (main) => main.getByRole('cell', { name: /^bench-\d{3}/ }).first() },
  { name: 'Nodes', ready: (main) => main.getByRole('meter', { name: 'CPU of pve1' }) },
];

ensureNodeModules();
ensureChromium();
const { postgresServerUrl, redisUrl } = await ensureServices();
buildAll();

const dbUrl = new URL(`${postgresServerUrl}/postgres`);
const admin = new pg.Client({ connectionString: dbUrl.toString() });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS proxdeck_bench WITH (FORCE)');
await admin.end();
dbUrl.pathname = '/proxdeck_bench';

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

  const nav = page.getByRole('navigation', { name: 'Main' });
  const main = page.getByRole('main');
  const views = [];
  for (const view of VIEWS) {
    if (await nav.getByRole('link', { name: view.name, exact: true }).count()) views.push(view);
    else log(`view ${view.name} is not in the navigation; skipped`);
  }
  const samples = new Map(views.map((v) => [v.name, []]));
  for (let cycle = 0; cycle <= CYCLES; cycle++) {
    for (const view of views) {
      const started = performance.now();
      await nav.getByRole('link', { name: view.name, exact: true }).click();
      await view.ready(main).waitFor({ timeout: 15_000 });
      // Cycle 0 loads each lazy route's code once; it is the warm-up, not a sample.
      if (cycle > 0) samples.get(view.name).push(performance.now() - started);
    }
  }
  log(`== console view switches with ${APPS} apps (${CYCLES} cycles, ms; includes Playwright's round trips)`);
  process.stdout.write(`first load (login to dashboard): ${firstLoadMs} ms\n`);
  process.stdout.write(`${'view'.padEnd(12)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}\n`);
  for (const [name, values] of samples) {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    process.stdout.write(`${name.padEnd(12)} ${at(0.5).toFixed(0).padStart(7)} ${at(0.95).toFixed(0).padStart(7)} ${sorted.at(-1).toFixed(0).padStart(7)}\n`);
  }
} finally {
  await browser?.close();
  await stack.stop();
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
