import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { PROXDECK_CONFIG, loadConfig } from '@proxdeck/server-config';
import { AppEntity, OperationEntity, OperationLogEntity } from '@proxdeck/server-database';
import { initialSteps } from '@proxdeck/server-domain';
import { OperationQueue, createRedisConnection } from '@proxdeck/server-queue';
import {
  createTestDatabase, openDataSource, startPveSim, testServices, uniqueRedisPrefix, waitFor,
  type RunningSim, type TestDatabase, type TestServices,
} from '@proxdeck/server-testing';
import type { OperationState, OperationType } from '@proxdeck/shared-contracts';
import { WorkerModule } from '../worker.module';
import type { SimInventory } from '../../test/worker-harness';

const TEMPLATE = 'debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz';
const MISSING_TEMPLATE = 'debian-12-turnkey-nosuchapp_18.0-1_amd64.tar.gz';

/** A user catalog (PROXDECK_CATALOG_DIRS) holding one `runtime: template` entry the simulator's aplinfo offers. */
const ENTRY = `id: turnkey-wordpress
name: WordPress (TurnKey)
description: TurnKey's WordPress appliance, from the Proxmox appliance index.
category: productivity
icon: turnkey-wordpress.svg
website: https://www.turnkeylinux.org/wordpress
runtime: template
template: ${TEMPLATE}
ports:
  - { port: 80, protocol: http, primary: true }
resources:
  min: { cores: 1, memoryMb: 512, diskGb: 4 }
  default: { cores: 1, memoryMb: 1024, diskGb: 8 }
healthcheck: { path: /, expect: [200], timeoutSec: 60 }
`;

describe('deploying a runtime "template" entry from a user catalog (real Postgres, Redis, pve-sim)', () => {
  let catalogDir: string;
  let services: TestServices;
  let database: TestDatabase;
  let db: DataSource;
  let sim: RunningSim;
  let worker: INestApplicationContext;
  let redis: Redis;
  let queue: OperationQueue;

  beforeAll(async () => {
    catalogDir = mkdtempSync(join(tmpdir(), 'proxdeck-user-catalog-'));
    mkdirSync(join(catalogDir, 'icons'));
    writeFileSync(join(catalogDir, 'turnkey-wordpress.yaml'), ENTRY);
    writeFileSync(join(catalogDir, 'icons', 'turnkey-wordpress.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // Not in the simulator's aplinfo index: the deploy must fail cleanly.
    writeFileSync(join(catalogDir, 'turnkey-unknown.yaml'), ENTRY.replace('id: turnkey-wordpress', 'id: turnkey-unknown').replace(TEMPLATE, MISSING_TEMPLATE));
    services = await testServices();
    database = await createTestDatabase(services.databaseUrl);
    db = await openDataSource(database.url);
    sim = await startPveSim({ nodes: 1 });
    const prefix = uniqueRedisPrefix();
    const config = loadConfig({
      DATABASE_URL: database.url,
      REDIS_URL: services.redisUrl,
      PROXDECK_REDIS_PREFIX: prefix,
      PROXDECK_SECRET: 'test-secret-'.padEnd(40, 'x'),
      PROXDECK_CATALOG_DIRS: catalogDir,
      PVE_URL: sim.url,
      PVE_TOKEN_ID: sim.tokenId,
      PVE_TOKEN_SECRET: sim.tokenSecret,
      LOG_LEVEL: 'warn',
      HEALTHCHECK_INTERVAL_MS: '100',
    });
    worker = await Test.createTestingModule({ imports: [WorkerModule] }).overrideProvider(PROXDECK_CONFIG).useValue(config).compile();
    worker.enableShutdownHooks();
    await worker.init();
    redis = createRedisConnection(services.redisUrl);
    queue = new OperationQueue(redis, prefix);
  });

  afterAll(async () => {
    await queue?.close();
    await redis?.quit();
    await worker?.close();
    await db?.destroy();
    await database?.drop();
    await sim?.stop();
    await services?.stop();
    rmSync(catalogDir, { recursive: true, force: true });
  });

  async function insertApp(hostname: string, catalogId = 'turnkey-wordpress'): Promise<AppEntity> {
    const repo = db.getRepository(AppEntity);
    return repo.save(repo.create({
      name: 'WordPress (TurnKey)', catalogId, version: '18.0-1', runtime: 'template', hostname,
      status: 'provisioning', cores: 1, memoryMb: 1024, diskGb: 8, inputs: {}, httpPort: 80,
    }));
  }

  async function runOperation(type: OperationType, app: AppEntity): Promise<OperationEntity> {
    const ops = db.getRepository(OperationEntity);
    const op = await ops.save(ops.create({
      type, state: 'queued', appId: app.id, appHostname: app.hostname, steps: initialSteps(type), requestedBy: 'test',
    }));
    await db.getRepository(AppEntity).update({ id: app.id }, { activeOperationId: op.id });
    await queue.enqueue(type, { operationId: op.id, appId: app.id });
    return waitFor(async () => {
      const current = await ops.findOneByOrFail({ id: op.id });
      return (['succeeded', 'failed'] as OperationState[]).includes(current.state) ? current : undefined;
    }, `${type} of ${app.hostname} to finish`, 60_000);
  }

  async function logs(op: OperationEntity): Promise<string[]> {
    return (await db.getRepository(OperationLogEntity).findBy({ operationId: op.id })).map((l) => l.message);
  }

  async function inventory(): Promise<SimInventory> {
    return (await sim.admin<SimInventory>('GET', '/_sim/inventory')).body;
  }

  it('downloads the template once, runs two apps from it that serve their page, and deletes them without leftovers', async () => {
    const first = await insertApp('wp-1');
    const deploy = await runOperation('deploy', first);
    expect(deploy.error).toBeNull();
    expect(deploy.state).toBe('succeeded');
    expect(await logs(deploy)).toEqual(expect.arrayContaining([expect.stringMatching(/^Downloading template debian-12-turnkey-wordpress.*: done$/)]));
    const row = await db.getRepository(AppEntity).findOneByOrFail({ id: first.id });
    expect(row).toMatchObject({ status: 'running', hasRun: true });
    const page = await fetch(`http://${row.ip}:80/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('TurnKey WordPress');

    const second = await insertApp('wp-2');
    const again = await runOperation('deploy', second);
    expect(again.state).toBe('succeeded');
    const againLogs = await logs(again);
    expect(againLogs).toContain(`Template ${TEMPLATE} is already in local`);
    expect(againLogs.some((m) => m.startsWith('Downloading template'))).toBe(false);

    const templates = (await inventory()).volumes.filter((v) => v.volid.endsWith(`vztmpl/${TEMPLATE}`));
    expect(templates).toHaveLength(1);

    for (const app of [first, second]) {
      const del = await runOperation('delete', await db.getRepository(AppEntity).findOneByOrFail({ id: app.id }));
      expect(del.state).toBe('succeeded');
    }
    const inv = await inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl')).toEqual([]);
    expect(await db.getRepository(AppEntity).count()).toBe(0);
  });

  it('fails a deploy whose template Proxmox does not offer, naming it, and leaves nothing behind', async () => {
    const app = await insertApp('nope-1', 'turnkey-unknown');
    const deploy = await runOperation('deploy', app);
    expect(deploy.state).toBe('failed');
    expect(deploy.error).toContain(`does not offer the appliance template ${MISSING_TEMPLATE}`);
    expect(deploy.steps.find((s) => s.name === 'image')?.state).toBe('failed');
    expect(await db.getRepository(AppEntity).findOneBy({ id: app.id })).toBeNull();
    const inv = await inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.some((v) => v.volid.includes(MISSING_TEMPLATE))).toBe(false);
  });
});
