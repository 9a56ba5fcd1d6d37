#!/usr/bin/env node
// The stack the Playwright suite runs against (started by its webServer): a fresh database,
// its own Redis prefix, a fast simulated cluster, and a known admin.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startStack } from './lib/stack.mjs';
import { fail, log, root } from './lib/run.mjs';

const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
const client = new pg.Client({ connectionString: serverUrl.toString() });
await client.connect();
// E2E_DB lets two runs on one machine (a soak next to a clean-clone CI run) keep apart.
const database = process.env.E2E_DB ?? 'proxdeck_e2e';
if (!/^[a-z_][a-z0-9_]*$/.test(database)) fail(`E2E_DB must be a plain database name, got "${database}"`);
await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await client.end();
serverUrl.pathname = `/${database}`;

let stack;
try {
  stack = await startStack({
    databaseUrl: serverUrl.toString(),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: `proxdeck-e2e-${process.pid}`,
    port: Number(process.env.E2E_PORT ?? 3100),
    secret: 'e2e-secret-not-for-production-use-0123456789',
    admin: { username: 'admin', password: 'e2e-admin-password' },
    nodes: 3,
    // Containers get 127.<octet>.x.y; a second stack on this machine (E2E_PORT) needs another one.
    simArgs: ['--dhcp-octet', process.env.E2E_DHCP_OCTET ?? '78'],
    taskSpeed: Number(process.env.E2E_TASK_SPEED ?? 0.1),
    env: { LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn', HEALTHCHECK_INTERVAL_MS: '200', STOP_TIMEOUT_SEC: '5' },
  });
} catch (err) {
  fail(`e2e stack did not start: ${err instanceof Error ? err.message : err}`);
}
// The tests reach the simulator's admin API (fault injection, inventory) through this file.
mkdirSync(join(root, 'dist'), { recursive: true });
// pid and databaseUrl serve the reconnect test (below): it signals this process and reads the operations table.
writeFileSync(join(root, 'dist/e2e-stack.json'),
  JSON.stringify({ url: stack.url, simUrl: stack.sim.url, pid: process.pid, databaseUrl: serverUrl.toString() }));
log(`e2e stack ready at ${stack.url}`);
// Admin hook for the live-reconnect test: each SIGUSR2 stops the gateway, the next one starts it
// again with the same environment (worker, simulator and database keep running).
let gatewayDown = false;
process.on('SIGUSR2', () => {
  gatewayDown = !gatewayDown;
  const change = gatewayDown ? stack.stopGateway() : stack.startGateway();
  void change.then(
    () => log(`gateway ${gatewayDown ? 'stopped' : 'started again'} (SIGUSR2)`),
    (err) => log(`gateway restart failed: ${err instanceof Error ? err.message : err}`),
  );
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stack.stop().then(() => process.exit(0)));
