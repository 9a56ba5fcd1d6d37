import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { PROXDECK_CONFIG, loadConfig } from '@proxdeck/server-config';
import { AppEntity, OperationEntity, OperationLogEntity, createOperation } from '@proxdeck/server-database';
import { OperationQueue, createRedisConnection } from '@proxdeck/server-queue';
import {
  createTestDatabase, openDataSource, startPveSim, testServices, uniqueRedisPrefix, waitFor,
  type RunningSim, type TestDatabase, type TestServices,
} from '@proxdeck/server-testing';
import { OPERATION_PLANS } from '@proxdeck/server-domain';
import type { OperationState, OperationType } from '@proxdeck/shared-contracts';
import type { Redis } from 'ioredis';
import type { PveClient } from '@proxdeck/server-proxmox';
import { PVE_CLIENT } from '../app/infrastructure/tokens';
import { WorkerModule } from '../app/worker.module';

export interface WorkerHarnessOptions {
  /** Simulated cluster size (default 2). */
  nodes?: number;
  /** Extra environment for the worker's config, e.g. PROXDECK_CATALOG_DIRS. */
  env?: Record<string, string>;
  /** Id of a cluster-wide storage the simulator adds (none by default), e.g. with PVE_STORAGE for clones to another node. */
  sharedStorage?: string;
  /** The Proxmox VE release the simulator acts like (default: PVE_SIM_VERSION, else the current one). */
  pveVersion?: string;
  /** The simulator's task speed (default 0: tasks end at once; 1: as long as on Proxmox). */
  taskSpeed?: number;
  /** A PostgreSQL server of the test's own (startPrivatePostgres) instead of the shared one, for tests that stop it. */
  databaseServerUrl?: string;
}

/** A real worker on a fresh database, its own Redis prefix and a simulated cluster. */
export class WorkerHarness {
  /** PROXDECK_SECRET of the worker: secrets sealed with it (SecretBox) can be opened by the worker. */
  static readonly SECRET = 'test-secret-'.padEnd(40, 'x');

  sim!: RunningSim;
  db!: DataSource;
  private services!: TestServices;
  private database!: TestDatabase;
  private worker!: INestApplicationContext;
  private redis!: Redis;
  private prefix!: string;
  private queue!: OperationQueue;

  constructor(private readonly options: WorkerHarnessOptions = {}) {}

  async start(): Promise<void> {
    this.services = await testServices();
    this.database = await createTestDatabase(this.options.databaseServerUrl ?? this.services.databaseUrl);
    this.db = await openDataSource(this.database.url);
    this.sim = await startPveSim({ nodes: this.options.nodes ?? 2, sharedStorage: this.options.sharedStorage, pveVersion: this.options.pveVersion, taskSpeed: this.options.taskSpeed });
    const prefix = uniqueRedisPrefix();
    this.prefix = prefix;
    const config = loadConfig({
      DATABASE_URL: this.database.url,
      REDIS_URL: this.services.redisUrl,
      PROXDECK_REDIS_PREFIX: prefix,
      PROXDECK_SECRET: WorkerHarness.SECRET,
      PVE_URL: this.sim.url,
      PVE_TOKEN_ID: this.sim.tokenId,
      PVE_TOKEN_SECRET: this.sim.tokenSecret,
      LOG_LEVEL: 'warn',
      HEALTHCHECK_INTERVAL_MS: '100',
      // Off unless a test turns it on: the reconcile loop would race the operations under test.
      RECONCILE_INTERVAL_MS: '0',
      ...this.options.env,
    });
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(PROXDECK_CONFIG)
      .useValue(config)
      .compile();
    this.worker = moduleRef;
    this.worker.enableShutdownHooks();
    await this.worker.init();
    this.redis = createRedisConnection(this.services.redisUrl);
    this.queue = new OperationQueue(this.redis, prefix);
  }

  async stop(): Promise<void> {
    await this.queue?.close();
    await this.redis?.quit();
    await this.worker?.close();
    await this.db?.destroy();
    await this.database?.drop();
    await this.sim?.stop();
    await this.services?.stop();
  }

  /** An app row as the gateway writes it on deploy. */
  async insertApp(hostname: string, overrides: Partial<AppEntity> = {}): Promise<AppEntity> {
    const repo = this.db.getRepository(AppEntity);
    return repo.save(repo.create({
      name: 'nginx', catalogId: 'nginx', version: '1.27.3', runtime: 'oci', hostname, status: 'provisioning',
      cores: 1, memoryMb: 256, diskGb: 2, inputs: {}, httpPort: 80, ...overrides,
    }));
  }

  /** Queues an operation the way the gateway does and waits until it ends. */
  async runOperation(type: OperationType, app: AppEntity, params: Record<string, unknown> = {}): Promise<OperationEntity> {
    const op = await this.queueOperation(type, app, params);
    return this.waitForOperation(op);
  }

  /** What Redis restarting without its data does to this worker: every job and scheduler of its prefix gone. */
  async emptyRedis(): Promise<void> {
    const keys = await this.redis.keys(`${this.prefix}:*`);
    if (keys.length > 0) await this.redis.del(...keys);
  }

  /** Queues an operation the way the gateway does, without waiting. */
  async queueOperation(type: OperationType, app: AppEntity, params: Record<string, unknown> = {}): Promise<OperationEntity> {
    const fresh = await this.appRow(app.id);
    const op = await createOperation(this.db.manager, { app: fresh, type, requestedBy: 'test', params });
    await this.queue.enqueue(type, { operationId: op.id, appId: app.id });
    return op;
  }

  /**
   * Queues an operation that has no app (deleting the backup of a deleted app): `appId` null on the
   * row, and the job keyed by `jobKey` (the backup id), as the gateway does.
   */
  async queueDetachedOperation(type: OperationType, jobKey: string, appHostname: string, params: Record<string, unknown> = {}): Promise<OperationEntity> {
    const ops = this.db.getRepository(OperationEntity);
    const op = await ops.save(ops.create({
      type, state: 'queued', appId: null, appHostname, progress: 0, error: null, requestedBy: 'test', upids: [], params, context: {}, startedAt: null, finishedAt: null,
      steps: OPERATION_PLANS[type].map((name) => ({ name, state: 'pending' as const, startedAt: null, finishedAt: null })),
    }));
    await this.enqueue(type, op.id, jobKey);
    return op;
  }

  /** Puts a job for an operation row the test wrote itself (e.g. one resumed with facts in its context). */
  async enqueue(type: OperationType, operationId: string, jobKey: string): Promise<void> {
    await this.queue.enqueue(type, { operationId, appId: jobKey });
  }

  /** How many times a worker took up the operation's job so far (attempts and turns waited). */
  async jobStarts(operationId: string): Promise<number> {
    return (await this.queue.queue.getJob(operationId))?.attemptsStarted ?? 0;
  }

  async waitForOperation(op: OperationEntity, timeoutMs = 60_000): Promise<OperationEntity> {
    const ops = this.db.getRepository(OperationEntity);
    const { type, appHostname } = op;
    return waitFor(async () => {
      const current = await ops.findOneByOrFail({ id: op.id });
      return (['succeeded', 'failed'] as OperationState[]).includes(current.state) ? current : undefined;
    }, `${type} of ${appHostname} to finish`, timeoutMs);
  }

  /** A provider of the running worker, e.g. a scheduled job to run by hand. */
  get<T>(type: new (...args: never[]) => T): T {
    return this.worker.get(type);
  }

  app(id: string): Promise<AppEntity | null> {
    return this.db.getRepository(AppEntity).findOneBy({ id });
  }

  /** The app row, which must exist. */
  appRow(id: string): Promise<AppEntity> {
    return this.db.getRepository(AppEntity).findOneByOrFail({ id });
  }

  /** The operation's log lines, oldest first. */
  async logs(op: OperationEntity): Promise<string[]> {
    const rows = await this.db.getRepository(OperationLogEntity).find({ where: { operationId: op.id }, order: { id: 'ASC' } });
    return rows.map((l) => l.message);
  }

  /** The worker's own Proxmox client (the simulator's API with the worker's token). */
  get pve(): PveClient {
    return this.worker.get<PveClient>(PVE_CLIENT);
  }

  async inventory(): Promise<SimInventory> {
    return (await this.sim.admin<SimInventory>('GET', '/_sim/inventory')).body;
  }
}

export interface SimInventory {
  containers: { vmid: number; node: string; hostname: string; status: string; lock?: string | null; ip?: string | null; tags?: string; volumes: string[]; image?: string | null }[];
  volumes: { volid: string; content: string }[];
}
