import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { AppEntity, BackupEntity, OperationEntity, createOperation } from '@proxdeck/server-database';
import { parseUpid } from '@proxdeck/server-proxmox';
import { OperationQueue, createRedisConnection } from '@proxdeck/server-queue';
import {
  createTestDatabase, openDataSource, startPveSim, testServices, uniqueRedisPrefix, waitFor,
  type RunningSim, type TestDatabase, type TestServices,
} from '@proxdeck/server-testing';
import type { OperationType } from '@proxdeck/shared-contracts';
import { dataAppCatalog } from '../../test/data-app-catalog';
import { WorkerProcess } from '../../test/worker-process';

interface Inventory {
  containers: { vmid: number; hostname: string; status: string; lock?: string | null; volumes: string[] }[];
  volumes: { volid: string; content: string }[];
  tasks: { running: number };
}

/** Short, so the job of a killed worker is handed on within seconds (production: 30 s). */
const WORKER_LOCK_MS = 2000;

/**
 * A worker process killed with SIGKILL in the middle of a Proxmox task: the next worker process on
 * the same database and Redis prefix takes the operation up (BullMQ's stalled-job check, the
 * dead worker's advisory lock gone with its connection) and finishes it, leaving one container,
 * one archive, no snapshot and no lock. Built worker (`npx nx run worker:build`), real Postgres,
 * Redis and pve-sim at realistic task speed.
 */
describe('a worker killed in the middle of an operation (built worker processes, real Postgres, Redis, pve-sim)', () => {
  const catalog = dataAppCatalog();
  let services: TestServices;
  let database: TestDatabase;
  let db: DataSource;
  let sim: RunningSim;
  let redis: Redis;
  let queue: OperationQueue;
  let prefix: string;
  let worker: WorkerProcess;

  const startWorker = () => WorkerProcess.start({
    DATABASE_URL: database.url,
    REDIS_URL: services.redisUrl,
    PROXDECK_REDIS_PREFIX: prefix,
    PROXDECK_SECRET: 'test-secret-'.padEnd(40, 'x'),
    PVE_URL: sim.url,
    PVE_TOKEN_ID: sim.tokenId,
    PVE_TOKEN_SECRET: sim.tokenSecret,
    PROXDECK_CATALOG_DIRS: catalog.dir,
    LOG_LEVEL: 'info',
    HEALTHCHECK_INTERVAL_MS: '100',
    RECONCILE_INTERVAL_MS: '0',
    WORKER_LOCK_MS: String(WORKER_LOCK_MS),
  });

  beforeAll(async () => {
    services = await testServices();
    database = await createTestDatabase(services.databaseUrl);
    db = await openDataSource(database.url);
    // Tasks of seconds (create ~6 s, vzdump ~4 s, clone ~3 s), so there is a task to die in and to outlast the handover.
    sim = await startPveSim({ nodes: 1, taskSpeed: 2 });
    prefix = uniqueRedisPrefix();
    redis = createRedisConnection(services.redisUrl);
    queue = new OperationQueue(redis, prefix);
    worker = startWorker();
  });

  afterAll(async () => {
    await worker?.stop();
    await queue?.close();
    await redis?.quit();
    await db?.destroy();
    await database?.drop();
    await sim?.stop();
    await services?.stop();
    catalog.remove();
  });

  const ops = () => db.getRepository(OperationEntity);
  const apps = () => db.getRepository(AppEntity);
  const inventory = async () => (await sim.admin<Inventory>('GET', '/_sim/inventory')).body;

  function insertApp(hostname: string, overrides: Partial<AppEntity> = {}): Promise<AppEntity> {
    return apps().save(apps().create({
      name: 'nginx-data', catalogId: 'nginx-data', version: '1.27.3', runtime: 'oci', hostname, status: 'provisioning',
      cores: 1, memoryMb: 256, diskGb: 2, inputs: {}, httpPort: 80, ...overrides,
    }));
  }

  /** Writes the rows and the job the way the gateway does. */
  async function queueOperation(type: OperationType, app: AppEntity, params: Record<string, unknown> = {}): Promise<OperationEntity> {
    const op = await createOperation(db.manager, { app: await apps().findOneByOrFail({ id: app.id }), type, requestedBy: 'test', params });
    await queue.enqueue(type, { operationId: op.id, appId: app.id });
    return op;
  }

  function waitForOperation(op: OperationEntity): Promise<OperationEntity> {
    return waitFor(async () => {
      const current = await ops().findOneByOrFail({ id: op.id });
      return current.state === 'succeeded' || current.state === 'failed' ? current : undefined;
    }, `${op.type} of ${op.appHostname} to finish (worker log: ${worker.log.slice(-2000)})`, 90_000);
  }

  /** A running nginx-data app (deployed by the live worker) with a marker in its data volume. */
  async function deployedWithData(hostname: string): Promise<AppEntity> {
    const app = await insertApp(hostname);
    expect((await waitForOperation(await queueOperation('deploy', app))).error).toBeNull();
    const row = await apps().findOneByOrFail({ id: app.id });
    expect((await fetch(`http://${row.ip}:80/.sim-data/marker`, { method: 'PUT', body: `data of ${hostname}` })).status).toBe(200);
    return row;
  }

  async function marker(appId: string): Promise<string> {
    const { ip } = await apps().findOneByOrFail({ id: appId });
    const res = await fetch(`http://${ip}:80/.sim-data/marker`);
    return `${res.status} ${await res.text()}`;
  }

  /**
   * SIGKILL while the operation is in `step` with a Proxmox task of `taskType` running, then checks
   * what the dead worker left: the operation still `running` (returned), and its app's advisory lock
   * free (it was held on the dead worker's connection). The next worker is either started after the
   * kill (`restart`: the worker comes back) or already running beside it (`standby`: several workers,
   * which take the operation up within seconds, while the dead worker's Proxmox task still runs).
   */
  async function killDuring(op: OperationEntity, step: string, taskType: string, next: 'restart' | 'standby'): Promise<OperationEntity> {
    // The standby starts once the first worker holds the operation, so it is the first that dies.
    await waitFor(async () => ((await ops().findOneByOrFail({ id: op.id })).state === 'running' ? true : undefined), `${op.type} to be taken`, 60_000, 50);
    const standby = next === 'standby' ? startWorker() : undefined;
    await waitFor(async () => {
      const current = await ops().findOneByOrFail({ id: op.id });
      const last = current.upids.at(-1);
      const inTask = current.steps.find((s) => s.name === step)?.state === 'running' && last !== undefined && parseUpid(last).type === taskType;
      return inTask && (await inventory()).tasks.running > 0 ? true : undefined;
    }, `${op.type} to be in its ${step} step with a ${taskType} task running`, 60_000, 50);
    await worker.kill();
    worker = standby ?? worker;

    const left = await ops().findOneByOrFail({ id: op.id });
    expect(left.state).toBe('running');
    await waitFor(async () => ((await appLockFree(op.appId ?? '')) ? true : undefined), 'the dead worker\'s app lock to be released', 10_000);
    if (!standby) worker = startWorker();
    return left;
  }

  async function appLockFree(appId: string): Promise<boolean> {
    const runner = db.createQueryRunner();
    try {
      const rows = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`app:${appId}`])) as { locked: boolean }[];
      if (rows[0]?.locked) await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`app:${appId}`]);
      return rows[0]?.locked === true;
    } finally {
      await runner.release();
    }
  }

  /**
   * The next worker claimed the operation the dead one left running (keeping its start) and
   * finished it without finding the app busy; the app is released.
   */
  async function expectFinishedByTheNextWorker(left: OperationEntity, done: OperationEntity): Promise<void> {
    expect(left.startedAt).not.toBeNull();
    expect(done.startedAt).toEqual(left.startedAt);
    expect(worker.log).toContain(`"operationId":"${left.id}"`);
    expect(worker.log).not.toContain('busy with another worker');
    const app = await apps().findOneByOrFail({ id: left.appId ?? '' });
    expect(app).toMatchObject({ status: 'running', statusReason: null, activeOperationId: null });
  }

  /** No lock, no task, no disk without a container, no archive without a backup row, no container without an app. */
  async function expectNothingLeftBehind(): Promise<void> {
    const inv = await inventory();
    expect(inv.tasks.running).toBe(0);
    expect(inv.containers.filter((c) => c.lock)).toEqual([]);
    const attached = new Set(inv.containers.flatMap((c) => c.volumes));
    expect(inv.volumes.filter((v) => (v.content === 'rootdir' || v.content === 'images') && !attached.has(v.volid))).toEqual([]);
    const recorded = new Set((await db.getRepository(BackupEntity).find()).map((b) => b.volid));
    expect(inv.volumes.filter((v) => v.content === 'backup' && !recorded.has(v.volid))).toEqual([]);
    const rows = await apps().find();
    const known = new Set(rows.flatMap((a) => [a.vmid, a.previousVmid]));
    expect(inv.containers.filter((c) => !known.has(c.vmid)).map((c) => c.vmid)).toEqual([]);
  }

  const containersNamed = async (hostname: string) => (await inventory()).containers.filter((c) => c.hostname === hostname);

  async function snapshotsOf(vmid: number): Promise<string[]> {
    const res = await fetch(`${sim.url}/api2/json/nodes/${sim.nodes[0]}/lxc/${vmid}/snapshot`, {
      headers: { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}` },
    });
    const body = (await res.json()) as { data: { name: string }[] };
    return body.data.map((s) => s.name).filter((n) => n !== 'current');
  }

  it('a deploy killed while its container is being created ends with one running container', async () => {
    const app = await insertApp('crash-deploy');
    const op = await queueOperation('deploy', app);
    const left = await killDuring(op, 'create', 'vzcreate', 'standby');

    const done = await waitForOperation(op);
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(done.steps.map((s) => `${s.name}:${s.state}`)).toEqual(['reserve', 'image', 'create', 'start', 'network', 'health'].map((s) => `${s}:done`));
    await expectFinishedByTheNextWorker(left, done);
    const row = await apps().findOneByOrFail({ id: app.id });
    expect(await containersNamed('crash-deploy')).toEqual([expect.objectContaining({ vmid: row.vmid, status: 'running' })]);
    expect((await fetch(`http://${row.ip}:80/`)).status).toBe(200);
    await expectNothingLeftBehind();
  });

  it('a backup killed while vzdump runs records its one archive once', async () => {
    const app = await deployedWithData('crash-backup');
    const op = await queueOperation('backup', app, { kind: 'manual' });
    const left = await killDuring(op, 'backup', 'vzdump', 'restart');

    const done = await waitForOperation(op);
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    await expectFinishedByTheNextWorker(left, done);
    const backups = await db.getRepository(BackupEntity).findBy({ appId: app.id });
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ operationId: op.id, kind: 'manual' });
    const archives = (await inventory()).volumes.filter((v) => v.content === 'backup' && v.volid.includes(`-lxc-${app.vmid}-`));
    expect(archives.map((v) => v.volid)).toEqual([backups[0].volid]);
    await expectNothingLeftBehind();
  });

  it('a clone killed while the disks are copied ends with one copy and no snapshot left on the source', async () => {
    const source = await deployedWithData('crash-src');
    const copy = await insertApp('crash-copy', { node: source.node });
    const op = await queueOperation('clone', copy, { sourceAppId: source.id });
    const left = await killDuring(op, 'clone', 'vzclone', 'restart');

    const done = await waitForOperation(op);
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    await expectFinishedByTheNextWorker(left, done);
    expect(await snapshotsOf(source.vmid ?? 0)).toEqual([]);
    expect(await containersNamed('crash-copy')).toEqual([expect.objectContaining({ status: 'running' })]);
    expect(await containersNamed('crash-src')).toEqual([expect.objectContaining({ vmid: source.vmid, status: 'running' })]);
    expect(await marker(copy.id)).toBe('200 data of crash-src');
    expect((await apps().findOneByOrFail({ id: source.id })).activeOperationId).toBeNull();
    await expectNothingLeftBehind();
  });

  it('an update killed while the data volume moves completes with the data, the old container kept', async () => {
    const app = await deployedWithData('crash-update');
    const oldVmid = app.vmid ?? 0;
    const op = await queueOperation('update', app);
    const left = await killDuring(op, 'move-volumes', 'move_volume', 'restart');

    const done = await waitForOperation(op);
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    await expectFinishedByTheNextWorker(left, done);
    const row = await apps().findOneByOrFail({ id: app.id });
    expect(row).toMatchObject({ version: '1.27.5', previousVmid: oldVmid, previousVersion: '1.27.3' });
    expect(await marker(app.id)).toBe('200 data of crash-update');
    const containers = await containersNamed('crash-update');
    expect(containers).toHaveLength(2);
    expect(containers).toEqual(expect.arrayContaining([
      expect.objectContaining({ vmid: oldVmid, status: 'stopped' }),
      expect.objectContaining({ vmid: row.vmid, status: 'running' }),
    ]));
    await expectNothingLeftBehind();
  });

  it('an update killed while its new container is being created, taken up by a worker already running, completes with the data', async () => {
    const app = await deployedWithData('crash-create');
    const oldVmid = app.vmid ?? 0;
    const op = await queueOperation('update', app);
    const left = await killDuring(op, 'create', 'vzcreate', 'standby');

    const done = await waitForOperation(op);
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    await expectFinishedByTheNextWorker(left, done);
    const row = await apps().findOneByOrFail({ id: app.id });
    expect(row).toMatchObject({ version: '1.27.5', previousVmid: oldVmid });
    expect(await marker(app.id)).toBe('200 data of crash-create');
    expect(await containersNamed('crash-create')).toHaveLength(2);
    await expectNothingLeftBehind();
  });
});
