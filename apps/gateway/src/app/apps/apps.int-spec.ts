import { Queue } from 'bullmq';
import request from 'supertest';
import { AppEntity, AuditEventEntity, OperationEntity, OperationLogEntity, SecretBox } from '@proxdeck/server-database';
import { createRedisConnection } from '@proxdeck/server-queue';
import { type RunningSim, startPveSim } from '@proxdeck/server-testing';
import { type AcceptedOperationDto, type AppDto, type LoginResponse, type NodeDto, type OperationDto, OPERATIONS_QUEUE, type Page } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway, TEST_SECRET } from '../../test/gateway-harness';

describe('apps and operations (integration)', () => {
  let sim: RunningSim;
  let gw: GatewayHarness;
  let operator: LoginResponse;

  const deploy = (body: object) => request(gw.http).post('/api/v1/apps').set(bearer(operator)).send(body);

  /** What the worker does when an operation ends: the app is free for the next one. */
  async function finishOperation(appId: string, status: AppEntity['status']): Promise<void> {
    const app = await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: appId });
    if (app.activeOperationId) await gw.ds.getRepository(OperationEntity).update({ id: app.activeOperationId }, { state: 'succeeded', progress: 100, finishedAt: new Date() });
    await gw.ds.getRepository(AppEntity).update({ id: appId }, { status, activeOperationId: null, hasRun: true, ip: '127.0.0.1' });
  }

  beforeAll(async () => {
    sim = await startPveSim({ nodes: 2 });
    gw = await startGateway({ sim });
    operator = await gw.loginAs('operator');
  });

  afterAll(async () => {
    await gw?.close();
    await sim?.stop();
  });

  describe('deploy validation', () => {
    it.each([
      ['an empty hostname', { catalogId: 'nginx', hostname: '' }, 400, 'VALIDATION_FAILED', 'hostname'],
      ['a malformed hostname', { catalogId: 'nginx', hostname: 'Bad_Host' }, 400, 'VALIDATION_FAILED', 'hostname'],
      ['a missing hostname', { catalogId: 'nginx' }, 400, 'VALIDATION_FAILED', 'hostname'],
      ['an unknown field', { catalogId: 'nginx', hostname: 'web', foo: 1 }, 400, 'VALIDATION_FAILED', 'foo'],
      ['a non-integer resource', { catalogId: 'nginx', hostname: 'web', resources: { cores: 'two' } }, 400, 'VALIDATION_FAILED', 'resources.cores'],
      ['an unknown catalog entry', { catalogId: 'no-such-app', hostname: 'web' }, 404, 'CATALOG_ENTRY_NOT_FOUND', 'catalogId'],
      ['memory below the minimum', { catalogId: 'uptime-kuma', hostname: 'kuma', resources: { memoryMb: 128 } }, 422, 'RESOURCES_BELOW_MINIMUM', 'resources.memoryMb'],
      ['an input failing its pattern', { catalogId: 'uptime-kuma', hostname: 'kuma', inputs: { timezone: 'not a zone!' } }, 400, 'VALIDATION_FAILED', 'inputs.timezone'],
      ['an undeclared input', { catalogId: 'uptime-kuma', hostname: 'kuma', inputs: { colour: 'red' } }, 400, 'VALIDATION_FAILED', 'inputs.colour'],
      ['an unknown node', { catalogId: 'nginx', hostname: 'web', node: 'pve9' }, 422, 'NODE_NOT_FOUND', 'node'],
    ])('refuses %s with a problem naming the field, creating nothing', async (_what, body, status, code, field) => {
      const res = await deploy(body).expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code, type: expect.stringContaining('urn:proxdeck:problem:') });
      expect(res.body.errors).toHaveProperty([field]);
      expect(await gw.ds.getRepository(AppEntity).count()).toBe(0);
      expect(await gw.ds.getRepository(OperationEntity).count()).toBe(0);
    });
  });

  it('deploys: 202 {app, operation}, rows in one go, a BullMQ job whose id is the operation id', async () => {
    const res = await deploy({ catalogId: 'vaultwarden', hostname: 'vault', node: 'pve1', resources: { cores: 2 } }).expect(202);
    const { app, operation, secrets: shown } = res.body as AcceptedOperationDto;
    expect(app).toMatchObject({ hostname: 'vault', catalogId: 'vaultwarden', status: 'provisioning', node: 'pve1', url: null });
    expect(app?.resources.cores).toBe(2);
    expect(app?.activeOperation).toEqual({ id: operation.id, type: 'deploy', state: 'queued', progress: 0 });
    expect(operation).toMatchObject({ type: 'deploy', state: 'queued', appId: app?.id, appHostname: 'vault', requestedBy: operator.user.username });
    expect(operation.steps.map((s) => s.name)).toEqual(['reserve', 'image', 'create', 'start', 'network', 'health']);

    const row = await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: app?.id });
    expect(row.activeOperationId).toBe(operation.id);
    expect(row.httpPort).toBeGreaterThan(0);
    expect(row.secretsEncrypted).toBeTruthy();
    const secrets = JSON.parse(new SecretBox(TEST_SECRET).open(row.secretsEncrypted ?? '')) as Record<string, string>;
    expect(Object.values(secrets).every((v) => v.length >= 12)).toBe(true);
    // Shown once, in the deploy's answer, and never again.
    expect(shown).toEqual(secrets);
    const again = await request(gw.http).get(`/api/v1/apps/${row.id}`).set(bearer(operator)).expect(200);
    expect(JSON.stringify(again.body)).not.toContain(Object.values(secrets)[0]);
    expect(await gw.ds.getRepository(AuditEventEntity).countBy({ action: 'app.deploy', target: row.id })).toBe(1);

    const connection = createRedisConnection(gw.redisUrl);
    const queue = new Queue(OPERATIONS_QUEUE, { connection, prefix: gw.redisPrefix });
    try {
      const job = await queue.getJob(operation.id);
      expect(job?.name).toBe('deploy');
      expect(job?.data).toEqual({ operationId: operation.id, appId: app?.id });
      expect(await job?.getState()).toBe('waiting');
    } finally {
      await queue.close();
      await connection.quit();
    }
  });

  it('refuses a second app with the same hostname: 409 APP_HOSTNAME_TAKEN on errors.hostname', async () => {
    const res = await deploy({ catalogId: 'nginx', hostname: 'vault' }).expect(409);
    expect(res.body).toMatchObject({ code: 'APP_HOSTNAME_TAKEN', errors: { hostname: expect.any(String) } });
  });

  it('answers 409 OPERATION_IN_PROGRESS with the operation id on a stop while the deploy runs', async () => {
    const { app, operation } = (await deploy({ catalogId: 'nginx', hostname: 'busy' }).expect(202)).body as AcceptedOperationDto;
    const res = await request(gw.http).post(`/api/v1/apps/${app?.id}/stop`).set(bearer(operator)).expect(409);
    expect(res.body).toMatchObject({ code: 'OPERATION_IN_PROGRESS', operationId: operation.id });
    expect(await gw.ds.getRepository(OperationEntity).countBy({ appId: app?.id })).toBe(1);
  });

  it('runs the lifecycle by the state rules: stop a stopped app is a conflict, start/delete are queued', async () => {
    const { app } = (await deploy({ catalogId: 'whoami', hostname: 'who' }).expect(202)).body as AcceptedOperationDto;
    const id = app?.id ?? '';
    await finishOperation(id, 'stopped');

    const stop = await request(gw.http).post(`/api/v1/apps/${id}/stop`).set(bearer(operator)).expect(409);
    expect(stop.body).toMatchObject({ code: 'APP_STATE_CONFLICT', detail: 'The app is already stopped.' });

    const start = (await request(gw.http).post(`/api/v1/apps/${id}/start`).set(bearer(operator)).expect(202)).body as AcceptedOperationDto;
    expect(start.operation).toMatchObject({ type: 'start', state: 'queued' });
    expect(start.operation.steps.map((s) => s.name)).toEqual(['start', 'network', 'health']);
    await request(gw.http).delete(`/api/v1/apps/${id}`).set(bearer(operator)).expect(409);

    await finishOperation(id, 'running');
    const del = (await request(gw.http).delete(`/api/v1/apps/${id}`).set(bearer(operator)).expect(202)).body as AcceptedOperationDto;
    expect(del.app?.status).toBe('deleting');
    expect(del.operation.type).toBe('delete');
    expect((await gw.ds.getRepository(AppEntity).findOneByOrFail({ id })).status).toBe('deleting');

    const viewer = await gw.loginAs('viewer');
    const ops = (await request(gw.http).get(`/api/v1/operations?appId=${id}`).set(bearer(viewer)).expect(200)).body as Page<OperationDto>;
    expect(ops.items.map((o) => o.type)).toEqual(['delete', 'start', 'deploy']);
    const queued = (await request(gw.http).get(`/api/v1/operations?appId=${id}&state=queued`).set(bearer(viewer)).expect(200)).body as Page<OperationDto>;
    expect(queued.items.map((o) => o.id)).toEqual([del.operation.id]);
  });

  it('pages apps oldest first with an opaque cursor', async () => {
    const viewer = await gw.loginAs('viewer');
    const all: AppDto[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url = `/api/v1/apps?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await request(gw.http).get(url).set(bearer(viewer)).expect(200)).body as Page<AppDto>;
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    const total = await gw.ds.getRepository(AppEntity).count();
    expect(total).toBeGreaterThanOrEqual(3);
    expect(all.map((a) => a.id)).toHaveLength(total);
    expect(new Set(all.map((a) => a.id)).size).toBe(total);
    expect(all.map((a) => a.createdAt)).toEqual([...all.map((a) => a.createdAt)].sort());

    const bad = await request(gw.http).get('/api/v1/apps?cursor=garbage').set(bearer(viewer)).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { cursor: expect.any(String) } });
    await request(gw.http).get('/api/v1/apps?limit=0').set(bearer(viewer)).expect(400);
  });

  it('shows one app, and 404 APP_NOT_FOUND for an unknown or malformed id', async () => {
    const viewer = await gw.loginAs('viewer');
    const [app] = (await request(gw.http).get('/api/v1/apps').set(bearer(viewer)).expect(200)).body.items as AppDto[];
    await request(gw.http).get(`/api/v1/apps/${app.id}`).set(bearer(viewer)).expect(200);
    for (const id of ['not-a-uuid', '6f1c8a9e-1111-4222-8333-444455556666']) {
      const res = await request(gw.http).get(`/api/v1/apps/${id}`).set(bearer(viewer)).expect(404);
      expect(res.body).toMatchObject({ code: 'APP_NOT_FOUND' });
    }
  });

  it('shows an operation and its log lines in order', async () => {
    const viewer = await gw.loginAs('viewer');
    const op = await gw.ds.getRepository(OperationEntity).findOneByOrFail({ appHostname: 'vault' });
    const logs = gw.ds.getRepository(OperationLogEntity);
    await logs.save([
      { operationId: op.id, at: new Date('2026-01-01T00:00:02Z'), level: 'info', message: 'second' },
      { operationId: op.id, at: new Date('2026-01-01T00:00:01Z'), level: 'warn', message: 'first' },
    ]);
    const got = (await request(gw.http).get(`/api/v1/operations/${op.id}`).set(bearer(viewer)).expect(200)).body as OperationDto;
    expect(got).toMatchObject({ id: op.id, type: 'deploy' });
    const lines = (await request(gw.http).get(`/api/v1/operations/${op.id}/logs`).set(bearer(viewer)).expect(200)).body as { message: string; level: string }[];
    expect(lines.map((l) => l.message)).toEqual(['first', 'second']);
    const missing = await request(gw.http).get('/api/v1/operations/6f1c8a9e-1111-4222-8333-444455556666').set(bearer(viewer)).expect(404);
    expect(missing.body).toMatchObject({ code: 'OPERATION_NOT_FOUND' });
  });

  it('lists the Proxmox nodes with the number of apps on each', async () => {
    const viewer = await gw.loginAs('viewer');
    const nodes = (await request(gw.http).get('/api/v1/nodes').set(bearer(viewer)).expect(200)).body as NodeDto[];
    expect(nodes.map((n) => n.name)).toEqual(['pve1', 'pve2']);
    expect(nodes[0]).toMatchObject({ status: 'online', apps: 1 });
    expect(nodes[0].memory.total).toBeGreaterThan(0);
    expect(nodes[1].apps).toBe(0);
  });

  it('serves the catalog to viewers, with icons over the session cookie', async () => {
    const viewer = await gw.loginAs('viewer');
    const page = (await request(gw.http).get('/api/v1/catalog?category=monitoring').set(bearer(viewer)).expect(200)).body as Page<{ id: string; category: string }>;
    expect(page.nextCursor).toBeNull();
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.category === 'monitoring')).toBe(true);
    await request(gw.http).get('/api/v1/catalog?category=toys').set(bearer(viewer)).expect(400);
    const missing = await request(gw.http).get('/api/v1/catalog/nope').set(bearer(viewer)).expect(404);
    expect(missing.body).toMatchObject({ code: 'CATALOG_ENTRY_NOT_FOUND' });
    const icon = await request(gw.http).get('/api/v1/catalog/uptime-kuma/icon').set('Cookie', `pd_access=${viewer.accessToken}`).expect(200);
    expect(icon.headers['content-type']).toMatch(/image\/svg\+xml/);
  });
});
