// Makes sure PostgreSQL and Redis are reachable: DATABASE_URL / REDIS_URL when set, else local
// services on their default ports, started (or installed from Debian as root) when needed.
import { readdirSync } from 'node:fs';
import { aptInstall, hasCommand } from './install.mjs';
import { fail, isRoot, log, portOpen, run, waitForPort } from './run.mjs';

const LOCAL_PG = 'postgres://postgres:postgres@127.0.0.1:5432';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';

/** Returns `{ postgresServerUrl, redisUrl }`; the server URL has no database (callers add one). */
export async function ensureServices() {
  const pg = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : new URL(LOCAL_PG);
  const redis = new URL(process.env.REDIS_URL ?? LOCAL_REDIS);
  const pgPort = Number(pg.port || 5432);
  const redisPort = Number(redis.port || 6379);

  if (!(await portOpen(pg.hostname, pgPort))) {
    if (process.env.DATABASE_URL) fail(`PostgreSQL at ${pg.hostname}:${pgPort} (DATABASE_URL) is not reachable.`);
    await startLocalPostgres();
  }
  if (!(await portOpen(redis.hostname, redisPort))) {
    if (process.env.REDIS_URL) fail(`Redis at ${redis.hostname}:${redisPort} (REDIS_URL) is not reachable.`);
    await startLocalRedis();
  }
  pg.pathname = '';
  return { postgresServerUrl: pg.toString().replace(/\/$/, ''), redisUrl: redis.toString().replace(/\/$/, '') };
}

async function startLocalPostgres() {
  if (!hasCommand('pg_ctlcluster')) {
    aptInstall(['postgresql'], 'PostgreSQL is not running on 127.0.0.1:5432 and not installed');
    // A fresh Debian cluster only accepts passwords over TCP: give `postgres` the one our URL uses.
    startClusters();
    await waitOrFail('PostgreSQL', 5432);
    run('su', ['postgres', '-c', `psql -q -c "ALTER USER postgres PASSWORD 'postgres'"`]);
    return;
  }
  log('starting PostgreSQL...');
  startClusters();
  await waitOrFail('PostgreSQL', 5432);
}

function startClusters() {
  let versions = [];
  try {
    versions = readdirSync('/etc/postgresql');
  } catch {
    fail('PostgreSQL is installed but has no cluster in /etc/postgresql; create one (pg_createcluster) or set DATABASE_URL.');
  }
  for (const v of versions) run('pg_ctlcluster', ['--skip-systemctl-redirect', v, 'main', 'start']);
}

async function startLocalRedis() {
  if (!hasCommand('redis-server')) aptInstall(['redis-server'], 'Redis is not running on 127.0.0.1:6379 and not installed');
  log('starting Redis...');
  run('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no']);
  await waitOrFail('Redis', 6379);
}

async function waitOrFail(name, port) {
  if (!(await waitForPort('127.0.0.1', port, 20_000))) {
    fail(`${name} did not come up on 127.0.0.1:${port}${isRoot ? '' : ' (not root: start it yourself, or set DATABASE_URL/REDIS_URL)'}.`);
  }
}

/**
 * The environment of test runs (npm test, coverage, soak): Nx without cloud, daemon or TUI, and the
 * services' URLs; integration suites create their own databases next to `postgres`.
 */
export function testEnvironment({ postgresServerUrl, redisUrl }) {
  return {
    ...process.env,
    NX_NO_CLOUD: 'true',
    NX_DAEMON: 'false',
    NX_TUI: 'false',
    DATABASE_URL: `${postgresServerUrl}/postgres`,
    REDIS_URL: redisUrl,
  };
}
