import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { hash } from 'bcryptjs';
import type { Server } from 'node:http';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { loadConfig, type ProxdeckConfig } from '@proxdeck/server-config';
import { UserEntity } from '@proxdeck/server-database';
import { createTestDatabase, openDataSource, type RunningSim, type TestDatabase, testServices, type TestServices, uniqueRedisPrefix } from '@proxdeck/server-testing';
import type { LoginResponse, Role } from '@proxdeck/shared-contracts';
import { AppModule } from '../app/app.module';
import { configureApp } from '../app/configure-app';
import type { GatewayOptions } from '../app/infra/gateway-options';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };
export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789';

export interface GatewayHarness {
  app: NestExpressApplication;
  http: Server;
  config: ProxdeckConfig;
  /** For assertions on rows. */
  ds: DataSource;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** Creates a user straight in the database (fast bcrypt) and logs in as it. */
  loginAs(role: Role, username?: string): Promise<LoginResponse>;
  login(username: string, password: string): Promise<LoginResponse>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The Proxmox the gateway talks to: a running simulator, or a URL (e.g. a closed port). */
  sim?: RunningSim;
  pveUrl?: string;
  env?: Record<string, string>;
  loginRateLimit?: GatewayOptions['loginRateLimit'];
  /**
   * proxmox-api 1.1.1 leaves its request-timeout timer running when a request fails, which keeps
   * Jest alive that long after a suite that talks to a dead Proxmox: such suites pass a short one.
   */
  pveRequestTimeoutMs?: number;
  eventStreamRecheckMs?: number;
  /** Reuse a database (e.g. two gateways on one); default: a fresh one per harness. */
  databaseUrl?: string;
}

/**
 * Boots the real gateway (AppModule + configureApp, the same as main.ts) on a fresh migrated
 * database and its own Redis prefix. Config comes from an explicit env object, not process.env.
 */
export async function startGateway(options: HarnessOptions = {}): Promise<GatewayHarness> {
  const services: TestServices = await testServices();
  const db: TestDatabase | null = options.databaseUrl ? null : await createTestDatabase(services.databaseUrl);
  const databaseUrl = options.databaseUrl ?? (db as TestDatabase).url;
  const redisPrefix = uniqueRedisPrefix();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    REDIS_URL: services.redisUrl,
    PROXDECK_REDIS_PREFIX: redisPrefix,
    PROXDECK_SECRET: TEST_SECRET,
    PROXDECK_ADMIN_USER: ADMIN.username,
    PROXDECK_ADMIN_PASSWORD: ADMIN.password,
    PROXDECK_DASHBOARD_DIR: '/nonexistent/proxdeck-dashboard',
    PVE_URL: options.sim?.url ?? options.pveUrl ?? 'http://127.0.0.1:9',
    PVE_TOKEN_ID: options.sim?.tokenId ?? 'root@pam!proxdeck',
    PVE_TOKEN_SECRET: options.sim?.tokenSecret ?? '00000000-0000-4000-8000-000000000000',
    PVE_VERIFY_TLS: 'false',
    // Simulated containers live on 127.x.y.z.
    PROXDECK_APPS_ON_LOOPBACK: 'true',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config, passwordHashCost: 4, loginRateLimit: options.loginRateLimit ?? { limit: 1000, ttlMs: 60_000 }, pveRequestTimeoutMs: options.pveRequestTimeoutMs, eventStreamRecheckMs: options.eventStreamRecheckMs })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureApp(app, config);
  await app.init();
  const http = app.getHttpServer() as Server;
  const ds = await openDataSource(databaseUrl);

  const login = async (username: string, password: string): Promise<LoginResponse> => {
    const res = await request(http).post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as LoginResponse;
  };

  return {
    app,
    http,
    config,
    ds,
    databaseUrl,
    redisUrl: services.redisUrl,
    redisPrefix,
    login,
    loginAs: async (role, username = `${role}-${Math.random().toString(36).slice(2, 8)}`) => {
      const password = `${username}-password`;
      await ds.getRepository(UserEntity).save({ username, passwordHash: await hash(password, 4), role });
      return login(username, password);
    },
    close: async () => {
      await app.close();
      await ds.destroy();
      await db?.drop();
      await services.stop();
    },
  };
}

export function bearer(session: LoginResponse): { Authorization: string } {
  return { Authorization: `Bearer ${session.accessToken}` };
}

/** `Set-Cookie` headers of a response, by cookie name. */
export function cookiesOf(res: request.Response): Map<string, string> {
  const raw = res.headers['set-cookie'] as unknown;
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return new Map(list.map((c) => [c.slice(0, c.indexOf('=')), c]));
}

/** The `name=value` part of a Set-Cookie header, to send back as Cookie. */
export function cookiePair(setCookie: string | undefined): string {
  if (!setCookie) throw new Error('cookie not set');
  return setCookie.split(';')[0];
}
