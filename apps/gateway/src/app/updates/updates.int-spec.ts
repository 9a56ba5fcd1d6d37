import request from 'supertest';
import { AppEntity, OperationEntity } from '@proxdeck/server-database';
import { type RunningSim, startPveSim } from '@proxdeck/server-testing';
import type { AcceptedOperationDto, AppUpdateInfoDto, LoginResponse } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../../test/gateway-harness';

describe('updates and rollback routes (integration)', () => {
  let sim: RunningSim;
  let gw: GatewayHarness;
  let operator: LoginResponse;
  let viewer: LoginResponse;
  let nextVmid = 200;

  beforeAll(async () => {
    sim = await startPveSim({ nodes: 1 });
    // Published at run time: a two-digit patch (1.27.10 > 1.27.5) and a tag off nginx's 1.27 track.
    await sim.admin('POST', '/_sim/images', { repository: 'docker.io/library/nginx', tags: ['1.27.10', '1.28.0'] });
    gw = await startGateway({ sim });
    operator = await gw.loginAs('operator');
    viewer = await gw.loginAs('viewer');
  });

  afterAll(async () => {
    await gw?.close();
    await sim?.stop();
  });

  /** An app row as the worker leaves it after a deploy (no worker runs here: operations stay queued). */
  function insertApp(hostname: string, overrides: Partial<AppEntity> = {}): Promise<AppEntity> {
    const repo = gw.ds.getRepository(AppEntity);
    return repo.save(repo.create({
      name: 'nginx', catalogId: 'nginx', version: '1.27.3', runtime: 'oci', hostname, status: 'running', node: 'pve1', vmid: nextVmid++,
      ip: '127.0.0.1', cores: 1, memoryMb: 256, diskGb: 2, inputs: {}, httpPort: 80, hasRun: true, ...overrides,
    }));
  }

  const operationsOf = (appId: string) => gw.ds.getRepository(OperationEntity).findBy({ appId });

  it('GET /apps/:id/updates checks the registry now: newer versions on the track, newest first, stored on the app', async () => {
    const app = await insertApp('check');
    const res = await request(gw.http).get(`/api/v1/apps/${app.id}/updates`).set(bearer(viewer)).expect(200);
    const info = res.body as AppUpdateInfoDto;
    expect(info).toEqual({ current: '1.27.3', latest: '1.27.10', available: true, versions: ['1.27.10', '1.27.5', '1.27.4'], checkedAt: expect.any(String) });
    const row = await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: app.id });
    expect(row.latestVersion).toBe('1.27.10');
    expect(row.updateCheckedAt?.toISOString()).toBe(info.checkedAt);

    const newest = await insertApp('newest', { version: '1.27.10' });
    const none = (await request(gw.http).get(`/api/v1/apps/${newest.id}/updates`).set(bearer(viewer)).expect(200)).body as AppUpdateInfoDto;
    expect(none).toMatchObject({ current: '1.27.10', latest: '1.27.10', available: false, versions: [] });
  });

  it('GET /apps/:id/updates answers 503 PROXMOX_UNREACHABLE when Proxmox does not answer, and 404 for an unknown app', async () => {
    const app = await insertApp('offline');
    await sim.admin('POST', '/_sim/faults', { kind: 'node-offline', node: 'pve1' });
    try {
      const res = await request(gw.http).get(`/api/v1/apps/${app.id}/updates`).set(bearer(viewer)).expect(503);
      expect(res.body).toMatchObject({ code: 'PROXMOX_UNREACHABLE' });
      expect((await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: app.id })).updateCheckedAt).toBeNull();
    } finally {
      await sim.admin('DELETE', '/_sim/faults');
    }
    const missing = await request(gw.http).get('/api/v1/apps/00000000-0000-4000-8000-000000000000/updates').set(bearer(viewer)).expect(404);
    expect(missing.body).toMatchObject({ code: 'APP_NOT_FOUND' });
  });

  it('POST /apps/:id/update queues an update to the newest version (or the one asked for) and refuses a second one', async () => {
    const app = await insertApp('upd');
    const res = await request(gw.http).post(`/api/v1/apps/${app.id}/update`).set(bearer(operator)).send({}).expect(202);
    const { operation } = res.body as AcceptedOperationDto;
    expect(operation).toMatchObject({ type: 'update', state: 'queued', appId: app.id });
    expect(operation.steps.map((s) => s.name)).toEqual(['backup', 'image', 'create', 'stop-old', 'move-volumes', 'start', 'network', 'health', 'switch']);
    expect((await gw.ds.getRepository(OperationEntity).findOneByOrFail({ id: operation.id })).params).toEqual({ version: '1.27.10' });

    const busy = await request(gw.http).post(`/api/v1/apps/${app.id}/update`).set(bearer(operator)).send({ version: '1.27.4' }).expect(409);
    expect(busy.body).toMatchObject({ code: 'OPERATION_IN_PROGRESS', operationId: operation.id });

    const chosen = await insertApp('upd-chosen');
    const picked = (await request(gw.http).post(`/api/v1/apps/${chosen.id}/update`).set(bearer(operator)).send({ version: '1.27.4' }).expect(202)).body as AcceptedOperationDto;
    expect((await gw.ds.getRepository(OperationEntity).findOneByOrFail({ id: picked.operation.id })).params).toEqual({ version: '1.27.4' });
  });

  it.each([
    ['no newer version exists', '1.27.10', {}],
    ['the version is older than the running one', '1.27.5', { version: '1.27.4' }],
    ['the version is the running one', '1.27.5', { version: '1.27.5' }],
    ['the version is off the update track', '1.27.5', { version: '1.28.0' }],
    ['the registry has no such version', '1.27.5', { version: '1.27.99' }],
  ])('POST /apps/:id/update answers 422 NO_UPDATE_AVAILABLE naming version when %s, and starts nothing', async (_why, current, body) => {
    const app = await insertApp(`none-${nextVmid}`, { version: current });
    const res = await request(gw.http).post(`/api/v1/apps/${app.id}/update`).set(bearer(operator)).send(body).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'NO_UPDATE_AVAILABLE', errors: { version: expect.any(String) } });
    expect(await operationsOf(app.id)).toEqual([]);
  });

  it('POST /apps/:id/update refuses a malformed version (400), a stopped app (409) and a viewer (403)', async () => {
    const app = await insertApp('refused');
    const bad = await request(gw.http).post(`/api/v1/apps/${app.id}/update`).set(bearer(operator)).send({ version: 'not a tag!' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { version: expect.any(String) } });
    await request(gw.http).post(`/api/v1/apps/${app.id}/update`).set(bearer(viewer)).send({}).expect(403);
    const stopped = await insertApp('stopped', { status: 'stopped' });
    const conflict = await request(gw.http).post(`/api/v1/apps/${stopped.id}/update`).set(bearer(operator)).send({}).expect(409);
    expect(conflict.body).toMatchObject({ code: 'APP_STATE_CONFLICT' });
    expect([...(await operationsOf(app.id)), ...(await operationsOf(stopped.id))]).toEqual([]);
  });

  it('POST /apps/:id/rollback: 409 ROLLBACK_UNAVAILABLE without a kept version or after its grace period, 202 while it is kept, 403 for a viewer', async () => {
    const never = await insertApp('never-updated');
    const none = await request(gw.http).post(`/api/v1/apps/${never.id}/rollback`).set(bearer(operator)).expect(409);
    expect(none.body).toMatchObject({ code: 'ROLLBACK_UNAVAILABLE' });

    const expired = await insertApp('expired', { version: '1.27.5', previousVmid: nextVmid++, previousVersion: '1.27.3', previousKeepUntil: new Date(Date.now() - 60_000) });
    const late = await request(gw.http).post(`/api/v1/apps/${expired.id}/rollback`).set(bearer(operator)).expect(409);
    expect(late.body).toMatchObject({ code: 'ROLLBACK_UNAVAILABLE' });
    expect([...(await operationsOf(never.id)), ...(await operationsOf(expired.id))]).toEqual([]);

    const kept = await insertApp('kept', { version: '1.27.5', previousVmid: nextVmid++, previousVersion: '1.27.3', previousKeepUntil: new Date(Date.now() + 3600_000) });
    await request(gw.http).post(`/api/v1/apps/${kept.id}/rollback`).set(bearer(viewer)).expect(403);
    const res = await request(gw.http).post(`/api/v1/apps/${kept.id}/rollback`).set(bearer(operator)).expect(202);
    const { app, operation } = res.body as AcceptedOperationDto;
    expect(operation).toMatchObject({ type: 'rollback', state: 'queued' });
    expect(operation.steps.map((s) => s.name)).toEqual(['stop-new', 'move-volumes', 'start-old', 'network', 'health', 'remove-new']);
    expect(app).toMatchObject({ previousVersion: '1.27.3', rollbackUntil: kept.previousKeepUntil?.toISOString() });
  });
});
