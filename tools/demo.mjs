#!/usr/bin/env node
// `npm run demo`: everything a person needs to try Proxdeck, from a fresh clone, in one command.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { buildAll } from './build.mjs';
import { ensureNodeModules } from './lib/install.mjs';
import { ensureServices } from './lib/services.mjs';
import { startStack } from './lib/stack.mjs';
import { fail, log, root } from './lib/run.mjs';

const stateDir = join(root, '.proxdeck');

/** Secrets that must survive demo restarts (tokens and stored secrets depend on them). */
function persisted(name, make) {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = join(stateDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

ensureNodeModules();
const { postgresServerUrl, redisUrl } = await ensureServices();
buildAll();

const username = process.env.PROXDECK_ADMIN_USER ?? 'admin';
const password = process.env.PROXDECK_ADMIN_PASSWORD ?? persisted('admin-password', () => randomBytes(12).toString('base64url'));
const port = Number(process.env.PORT ?? 3000);

let stack;
try {
  stack = await startStack({
    databaseUrl: process.env.DATABASE_URL ?? `${postgresServerUrl}/proxdeck`,
    redisUrl,
    redisPrefix: 'proxdeck',
    port,
    host: process.env.HOST ?? '127.0.0.1',
    // The usual Proxmox port, so other Proxmox clients can be pointed at the simulator too.
    simPort: Number(process.env.PVE_SIM_PORT ?? 8006),
    secret: process.env.PROXDECK_SECRET ?? persisted('secret', () => randomBytes(32).toString('hex')),
    admin: { username, password },
    nodes: 3,
    taskSpeed: Number(process.env.PVE_SIM_TASK_SPEED ?? 0.5),
  });
} catch (err) {
  fail(`could not start the demo: ${err instanceof Error ? err.message : err}`);
}

log('');
log(`Proxdeck console: ${stack.url}/`);
log(`  user:     ${username}`);
log(`  password: ${password}${process.env.PROXDECK_ADMIN_PASSWORD ? ' (from PROXDECK_ADMIN_PASSWORD)' : ` (generated; kept in .proxdeck/admin-password)`}`);
log(`Simulated Proxmox VE API: ${stack.sim.url}/api2/json (root@pam / ${stack.sim.rootPassword})`);
log('Press Ctrl-C to stop everything.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    void stack.stop().then(() => process.exit(0));
  });
}
