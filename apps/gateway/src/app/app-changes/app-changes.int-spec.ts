import { Queue } from 'bullmq';
import request from 'supertest';
import { AppEntity, AuditEventEntity, OperationEntity, SecretBox } from '@proxdeck/server-database';
import { createRedisConnection } from '@proxdeck/server-queue';
import { type RunningSim, startPveSim } from '@proxdeck/server-testing';
import { type AcceptedOperationDto, CUSTOM_CATALOG_ID, type LoginResponse, OPERATIONS_QUEUE } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway, TEST_SECRET } from '../../test/gateway-harness';

describe('clone and configure routes (integration)', () => {
  let sim: RunningSim;
  let gw: GatewayHarness;
  let operator: LoginResponse;
  let viewer: LoginResponse;
  let vmids = 100;

  /** An app as the worker leaves it after a deploy: a container on pve1, no operation in flight. */
  async function existingApp(hostname: string, overrides: Partial<AppEntity> = {}): Promise<AppEntity> {
    const repo = gw.ds.getRepository(AppEntity);
    return repo.save(repo.create({
      name: 'nginx', catalogId: 'nginx', version: '1.27.3', runtime: 'oci', hostname, node: 'pve1', vmid: vmids++, ip: '127.77.0.100',
      status: 'running', statusReason: null, cores: 1, memoryMb: 256, diskGb: 2, inputs: {}, httpPort: 80, hasRun: true,
      envOverrides: { GREETING: 'hello' }, secretsEncrypted: new SecretBox(TEST_SECRET).seal(JSON.stringify({ password: 'kept-secret-123' })),
      activeOperationId: null, ...overrides,
    }));
  }

  /** Counts of every row a refused request must not write. */
  async function rowCounts(): Promise<number[]> {
    return Promise.all([AppEntity, OperationEntity, AuditEventEntity].map((e) => gw.ds.getRepository(e).count()));
  }

  async function queuedJob(operationId: string): Promise<{ name: string; data: unknown; state: string } | null> {
    const connection = createRedisConnection(gw.redisUrl);
    const queue = new Queue(OPERATIONS_QUEUE, { connection, prefix: gw.redisPrefix });
    try {
      const job = await queue.getJob(operationId);
      return job ? { name: job.name, data: job.data as unknown, state: await job.getState() } : null;
    } finally {
      await queue.close();
      await connection.quit();
    }
  }

  const clone = (id: string, body: object, who = operator) => request(gw.http).post(`/api/v1/apps/${id}/clone`).set(bearer(who)).send(body);
  const configure = (id: string, body: object, who = operator) => request(gw.http).patch(`/api/v1/apps/${id}/config`).set(bearer(who)).send(body);

  beforeAll(async () => {
    sim = await startPveSim({ nodes: 2 });
    gw = await startGateway({ sim });
    operator = await gw.loginAs('operator');
    viewer = await gw.loginAs('viewer');
  });

  afterAll(async () => {
    await gw?.close();
    await sim?.stop();
  });

  it('clones and resizes an app adopted without a catalog entry, but leaves its environment alone', async () => {
    const custom = await existingApp('adopted-custom', { name: 'adopted-custom', catalogId: CUSTOM_CATALOG_ID, version: 'unknown', adopted: true, envOverrides: {}, secretsEncrypted: null });
    const cloned = await clone(custom.id, { hostname: 'adopted-copy' }).expect(202);
    expect((cloned.body as AcceptedOperationDto).app).toMatchObject({ hostname: 'adopted-copy', catalogId: CUSTOM_CATALOG_ID, status: 'provisioning' });

    await configure(custom.id, { memoryMb: 64, diskGb: 3 }).expect(202);
    // As the worker leaves it once the resize is done.
    await gw.ds.getRepository(OperationEntity).update({ appId: custom.id }, { state: 'succeeded' });
    await gw.ds.getRepository(AppEntity).update({ id: custom.id }, { activeOperationId: null });
    const env = await configure(custom.id, { env: { A: 'b' } }).expect(400);
    expect(env.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { env: expect.stringContaining('adopted without a catalog entry') } });
  });

  it('documents both routes in the OpenAPI description', async () => {
    const docs = await request(gw.http).get('/api/docs-json').expect(200);
    const paths = docs.body.paths as Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    expect(paths['/api/v1/apps/{id}/clone']?.['post']?.responses).toHaveProperty(['202']);
    expect(paths['/api/v1/apps/{id}/config']?.['patch']?.responses).toHaveProperty(['202']);
    expect(paths['/api/v1/apps/{id}/config']?.['patch']?.requestBody).toBeDefined();
  });

  describe('POST /apps/:id/clone', () => {
    it('answers 202 with the new app (the source\'s settings, a new hostname) and a queued clone naming its source', async () => {
      const source = await existingApp('src-a');
      const res = await clone(source.id, { hostname: 'src-a-copy' }).expect(202);
      const { app, operation } = res.body as AcceptedOperationDto;
      expect(app).toMatchObject({
        hostname: 'src-a-copy', catalogId: 'nginx', version: '1.27.3', node: 'pve1', vmid: null, status: 'provisioning',
        resources: { cores: 1, memoryMb: 256, diskGb: 2 }, env: { GREETING: 'hello' },
      });
      expect(app?.id).not.toBe(source.id);
      expect(operation).toMatchObject({ type: 'clone', state: 'queued', appId: app?.id, appHostname: 'src-a-copy' });
      expect(operation.steps.map((s) => s.name)).toEqual(['reserve', 'snapshot', 'clone', 'configure', 'start', 'network', 'health', 'cleanup']);

      const row = await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: app?.id });
      expect(row).toMatchObject({ httpPort: 80, secretsEncrypted: source.secretsEncrypted, activeOperationId: operation.id, runtime: 'oci' });
      expect((await gw.ds.getRepository(OperationEntity).findOneByOrFail({ id: operation.id })).params).toEqual({ sourceAppId: source.id });
      expect(await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: source.id })).toMatchObject({ status: 'running', activeOperationId: null });
      expect(await queuedJob(operation.id)).toEqual({ name: 'clone', data: { operationId: operation.id, appId: app?.id }, state: 'waiting' });
      expect(await gw.ds.getRepository(AuditEventEntity).countBy({ action: 'app.clone', target: app?.id })).toBe(1);
    });

    it('clones a stopped app onto another node when asked', async () => {
      const source = await existingApp('src-b', { status: 'stopped', ip: null });
      const { app } = (await clone(source.id, { hostname: 'src-b-copy', node: 'pve2' }).expect(202)).body as AcceptedOperationDto;
      expect(app).toMatchObject({ hostname: 'src-b-copy', node: 'pve2' });
    });

    it.each([
      ['a taken hostname', () => ({ hostname: 'src-taken' }), 409, 'APP_HOSTNAME_TAKEN', 'hostname'],
      ['a malformed hostname', () => ({ hostname: 'Not_A_Host' }), 400, 'VALIDATION_FAILED', 'hostname'],
      ['a missing hostname', () => ({}), 400, 'VALIDATION_FAILED', 'hostname'],
      ['an unknown field', () => ({ hostname: 'fine', resources: { cores: 2 } }), 400, 'VALIDATION_FAILED', 'resources'],
      ['an unknown node', () => ({ hostname: 'fine', node: 'pve9' }), 422, 'NODE_NOT_FOUND', 'node'],
    ])('refuses %s with a problem naming the field, writing nothing', async (_what, body, status, code, field) => {
      const source = (await gw.ds.getRepository(AppEntity).findOneBy({ hostname: 'src-taken' })) ?? (await existingApp('src-taken'));
      const before = await rowCounts();
      const res = await clone(source.id, body()).expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code });
      expect(res.body.errors).toHaveProperty([field]);
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses while the source is busy: 409 OPERATION_IN_PROGRESS with the operation id, writing nothing', async () => {
      const source = await existingApp('src-busy');
      const { operation } = (await configure(source.id, { cores: 2 }).expect(202)).body as AcceptedOperationDto;
      const before = await rowCounts();
      const res = await clone(source.id, { hostname: 'src-busy-copy' }).expect(409);
      expect(res.body).toMatchObject({ code: 'OPERATION_IN_PROGRESS', operationId: operation.id });
      expect(await rowCounts()).toEqual(before);
      expect(await gw.ds.getRepository(AppEntity).existsBy({ hostname: 'src-busy-copy' })).toBe(false);
    });

    it.each(['provisioning', 'missing', 'error'] as const)('refuses a source that is %s with 409 APP_STATE_CONFLICT', async (status) => {
      const source = await existingApp(`src-${status}`, { status });
      const before = await rowCounts();
      const res = await clone(source.id, { hostname: `src-${status}-copy` }).expect(409);
      expect(res.body).toMatchObject({ code: 'APP_STATE_CONFLICT', detail: expect.stringContaining(status) });
      expect(await rowCounts()).toEqual(before);
    });

    it('answers 404 for an unknown source and 403 to a viewer', async () => {
      await clone('00000000-0000-4000-8000-000000000000', { hostname: 'nobody' }).expect(404);
      const source = await existingApp('src-viewer');
      const before = await rowCounts();
      const res = await clone(source.id, { hostname: 'src-viewer-copy' }, viewer).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe('PATCH /apps/:id/config', () => {
    it('answers 202 with a queued configure carrying exactly the requested changes; the app keeps its status', async () => {
      const app = await existingApp('cfg-a');
      const body = { cores: 2, memoryMb: 512, diskGb: 4, env: { MODE: 'fast', GREETING: null } };
      const res = await configure(app.id, body).expect(202);
      const { app: dto, operation } = res.body as AcceptedOperationDto;
      expect(dto).toMatchObject({ id: app.id, status: 'running', activeOperation: { id: operation.id, type: 'configure', state: 'queued' } });
      expect(operation.steps.map((s) => s.name)).toEqual(['resources', 'disk', 'env', 'restart']);
      expect((await gw.ds.getRepository(OperationEntity).findOneByOrFail({ id: operation.id })).params).toEqual(body);
      // The row changes only when the worker has applied it.
      expect(await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: app.id })).toMatchObject({ cores: 1, memoryMb: 256, diskGb: 2, envOverrides: { GREETING: 'hello' } });
      expect((await queuedJob(operation.id))?.name).toBe('configure');

      const again = await configure(app.id, { cores: 3 }).expect(409);
      expect(again.body).toMatchObject({ code: 'OPERATION_IN_PROGRESS', operationId: operation.id });
    });

    it('accepts the same disk size (nothing to grow) and a stopped app', async () => {
      const app = await existingApp('cfg-b', { status: 'stopped', ip: null });
      await configure(app.id, { diskGb: 2 }).expect(202);
    });

    it('refuses to shrink the disk: 422 DISK_SHRINK_REFUSED on errors.diskGb, writing nothing', async () => {
      const app = await existingApp('cfg-shrink', { diskGb: 8 });
      const before = await rowCounts();
      const res = await configure(app.id, { diskGb: 4, cores: 2 }).expect(422);
      expect(res.body).toMatchObject({ code: 'DISK_SHRINK_REFUSED', errors: { diskGb: expect.stringContaining('8 GB') } });
      expect(res.body.detail).toMatch(/^Proxmox cannot shrink a container disk; /);
      expect(await rowCounts()).toEqual(before);
      expect(await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: app.id })).toMatchObject({ activeOperationId: null, cores: 1, diskGb: 8 });
    });

    it.each([
      ['nothing to change', {}, 400, 'VALIDATION_FAILED', 'body'],
      ['an unknown field', { cores: 2, swapMb: 512 }, 400, 'VALIDATION_FAILED', 'swapMb'],
      ['too many cores', { cores: 129 }, 400, 'VALIDATION_FAILED', 'cores'],
      ['a fractional memory size', { memoryMb: 300.5 }, 400, 'VALIDATION_FAILED', 'memoryMb'],
      ['memory below the catalog minimum', { memoryMb: 64 }, 422, 'RESOURCES_BELOW_MINIMUM', 'memoryMb'],
      ['a bad env name', { env: { '1BAD': 'x' } }, 400, 'VALIDATION_FAILED', 'env.1BAD'],
      ['an env value that is not a string', { env: { COUNT: 3 } }, 400, 'VALIDATION_FAILED', 'env.COUNT'],
      ['an env value with a line break', { env: { NOTE: 'a\nb' } }, 400, 'VALIDATION_FAILED', 'env.NOTE'],
      ['env that is not an object', { env: 'A=b' }, 400, 'VALIDATION_FAILED', 'env'],
    ])('refuses %s with a problem naming the field, writing nothing', async (_what, body, status, code, field) => {
      const app = (await gw.ds.getRepository(AppEntity).findOneBy({ hostname: 'cfg-refused' })) ?? (await existingApp('cfg-refused'));
      const before = await rowCounts();
      const res = await configure(app.id, body).expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code });
      expect(res.body.errors).toHaveProperty([field]);
      expect(await rowCounts()).toEqual(before);
    });

    it('answers 404 for an unknown app, 409 for a missing one and 403 to a viewer', async () => {
      await configure('00000000-0000-4000-8000-000000000000', { cores: 2 }).expect(404);
      const missing = await existingApp('cfg-missing', { status: 'missing' });
      expect((await configure(missing.id, { cores: 2 }).expect(409)).body.code).toBe('APP_STATE_CONFLICT');
      const app = await existingApp('cfg-viewer');
      const before = await rowCounts();
      await configure(app.id, { cores: 2 }, viewer).expect(403);
      expect(await rowCounts()).toEqual(before);
    });
  });
});
