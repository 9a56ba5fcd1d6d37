import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS, dataSourceOptions, migrateDatabase } from '@proxdeck/server-database';

export interface TestServices {
  databaseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL and Redis for integration suites: DATABASE_URL / REDIS_URL when set (npm test sets
 * them after making sure the services run), else testcontainers when a container runtime exists.
 * Neither: the suite fails with a message saying what to do. It never skips.
 */
export async function testServices(): Promise<TestServices> {
  const databaseUrl = process.env['DATABASE_URL'];
  const redisUrl = process.env['REDIS_URL'];
  if (databaseUrl && redisUrl) return { databaseUrl, redisUrl, stop: async () => undefined };
  const tc = await import('testcontainers');
  try {
    await tc.getContainerRuntimeClient();
  } catch {
    throw new Error(
      'Integration tests need PostgreSQL and Redis: set DATABASE_URL and REDIS_URL (npm test does), or run a container runtime for testcontainers.',
    );
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { RedisContainer } = await import('@testcontainers/redis');
  const pg = await new PostgreSqlContainer('postgres:15-alpine').start();
  const redis = await new RedisContainer('redis:7-alpine').start();
  return {
    databaseUrl: pg.getConnectionUri(),
    redisUrl: redis.getConnectionUrl(),
    stop: async () => {
      await redis.stop();
      await pg.stop();
    },
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const TEMPLATE = 'proxdeck_test_template';
const TEMPLATE_LOCK = 7361;

/** Which migrations a template holds, kept as the template database's comment. */
function migrationsKey(): string {
  return MIGRATIONS.map((m) => m.name).join(',');
}

/** Runs `fn` on one admin connection holding the template lock (Jest workers run in parallel). */
async function withTemplateLock<T>(serverUrl: string, fn: (q: (sql: string, params?: unknown[]) => Promise<unknown[]>) => Promise<T>): Promise<T> {
  const admin = new DataSource({ type: 'postgres', url: withDatabase(serverUrl, 'postgres') });
  await admin.initialize();
  const runner = admin.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    return await fn((sql, params) => runner.query(sql, params) as Promise<unknown[]>);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
    await runner.release();
    await admin.destroy();
  }
}

/** A migrated template database, rebuilt only when the migrations changed; suites copy it. */
async function ensureTemplate(serverUrl: string): Promise<void> {
  await withTemplateLock(serverUrl, async (q) => {
    const rows = (await q(
      `SELECT shobj_description(oid, 'pg_database') AS key FROM pg_database WHERE datname = $1`,
      [TEMPLATE],
    )) as { key: string | null }[];
    if (rows[0]?.key === migrationsKey()) return;
    await q(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await migrateDatabase(withDatabase(serverUrl, TEMPLATE));
    await q(`COMMENT ON DATABASE ${TEMPLATE} IS '${migrationsKey().replace(/'/g, "''")}'`);
  });
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with every migration applied, copied from the template. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  await ensureTemplate(serverUrl);
  const name = `proxdeck_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await withTemplateLock(serverUrl, (q) => q(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const a = new DataSource({ type: 'postgres', url: withDatabase(serverUrl, 'postgres') });
      await a.initialize();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.destroy();
      }
    },
  };
}

/** A DataSource on a test database, for assertions on rows. */
export async function openDataSource(url: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  return ds;
}

/** A Redis key prefix of its own, so suites sharing one Redis never see each other's jobs. */
export function uniqueRedisPrefix(): string {
  return `pdtest-${randomUUID().slice(0, 8)}`;
}
