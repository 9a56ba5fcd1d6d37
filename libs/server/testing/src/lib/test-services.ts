import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabaseExists, migrateDatabase } from '@proxdeck/server-database';

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
let templateReady: Promise<void> | undefined;

/** A migrated template database, built once per process; each suite copies it (fast, isolated). */
async function ensureTemplate(serverUrl: string): Promise<void> {
  templateReady ??= (async () => {
    const templateUrl = withDatabase(serverUrl, TEMPLATE);
    const admin = new DataSource({ type: 'postgres', url: withDatabase(serverUrl, 'postgres') });
    await admin.initialize();
    // One connection holds the lock, so parallel Jest workers never drop each other's template.
    const lockHolder = admin.createQueryRunner();
    try {
      await lockHolder.connect();
      await lockHolder.query('SELECT pg_advisory_lock(7361)');
      // Rebuild every run: the migrations may have changed since the last one.
      await lockHolder.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
      await migrateDatabase(templateUrl);
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock(7361)').catch(() => undefined);
      await lockHolder.release();
      await admin.destroy();
    }
  })();
  await templateReady;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with every migration applied, copied from the template. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  await ensureDatabaseExists(withDatabase(serverUrl, 'postgres'));
  await ensureTemplate(serverUrl);
  const name = `proxdeck_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new DataSource({ type: 'postgres', url: withDatabase(serverUrl, 'postgres') });
  await admin.initialize();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  } finally {
    await admin.destroy();
  }
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
