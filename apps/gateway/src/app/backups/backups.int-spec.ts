import { Queue } from 'bullmq';
import request from 'supertest';
import { AppEntity, AppPolicyEntity, AuditEventEntity, BackupEntity, OperationEntity, SecretBox } from '@proxdeck/server-database';
import { ScheduleQueue, backupSchedulerId, createRedisConnection } from '@proxdeck/server-queue';
import { type RunningSim, startPveSim } from '@proxdeck/server-testing';
import {
  type AcceptedOperationDto, type AppPolicyDto, type BackupDto, type BackupKind, DEFAULT_APP_POLICY, type LoginResponse, OPERATIONS_QUEUE, type Page,
} from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway, TEST_SECRET } from '../../test/gateway-harness';

describe('backups, restores and policies (integration)', () => {
  let sim: RunningSim;
  let gw: GatewayHarness;
  let operator: LoginResponse;
  let viewer: LoginResponse;
  let vmids = 100;
  let stamp = Date.parse('2026-11-01T03:00:00Z');

  /** An app as the worker leaves it after a deploy: a container on pve1, no operation in flight. */
  async function existingApp(hostname: string, overrides: Partial<AppEntity> = {}): Promise<AppEntity> {
    const repo = gw.ds.getRepository(AppEntity);
    return repo.save(repo.create({
      name: 'nginx', catalogId: 'nginx', version: '1.27.3', runtime: 'oci', hostname, node: 'pve1', vmid: vmids++, ip: '127.77.0.100',
      status: 'running', statusReason: null, cores: 1, memoryMb: 256, diskGb: 2, inputs: {}, httpPort: 80, hasRun: true,
      envOverrides: {}, secretsEncrypted: null, activeOperationId: null, ...overrides,
    }));
  }

  /** A backup as the worker records it (settings of the app at backup time); one second apart, newest last. */
  async function existingBackup(app: { id: string; hostname: string }, overrides: Partial<BackupEntity> = {}): Promise<BackupEntity> {
    const repo = gw.ds.getRepository(BackupEntity);
    stamp += 1000;
    return repo.save(repo.create({
      appId: app.id, appHostname: app.hostname, catalogId: 'nginx', appVersion: '1.27.3', node: 'pve1', storage: 'local',
      volid: `local:backup/vzdump-lxc-${vmids}-${stamp}.tar.zst`, sizeBytes: 1234, kind: 'manual', protected: false, notes: `Proxdeck ${app.hostname}`,
      operationId: null, createdAt: new Date(stamp),
      appSettings: {
        name: 'nginx', catalogId: 'nginx', version: '1.27.3', runtime: 'oci', cores: 2, memoryMb: 384, diskGb: 3, httpPort: 80,
        inputs: {}, envOverrides: { GREETING: 'from the backup' }, secretsEncrypted: new SecretBox(TEST_SECRET).seal('{"password":"kept-secret-123"}'),
      },
      ...overrides,
    }));
  }

  /** Counts of every row a refused request must not write. */
  async function rowCounts(): Promise<number[]> {
    return Promise.all([AppEntity, OperationEntity, AuditEventEntity, BackupEntity].map((e) => gw.ds.getRepository(e).count()));
  }

  async function queuedJob(operationId: string): Promise<{ name: string; data: unknown } | null> {
    const connection = createRedisConnection(gw.redisUrl);
    const queue = new Queue(OPERATIONS_QUEUE, { connection, prefix: gw.redisPrefix });
    try {
      const job = await queue.getJob(operationId);
      return job ? { name: job.name, data: job.data as unknown } : null;
    } finally {
      await queue.close();
      await connection.quit();
    }
  }

  async function backupScheduler(appId: string): Promise<{ pattern?: string | null; tz?: string | null } | undefined> {
    const connection = createRedisConnection(gw.redisUrl);
    const schedules = new ScheduleQueue(connection, gw.redisPrefix);
    try {
      const scheduler = await schedules.queue.getJobScheduler(backupSchedulerId(appId));
      return scheduler ? { pattern: scheduler.pattern, tz: scheduler.tz } : undefined;
    } finally {
      await schedules.close();
      await connection.quit();
    }
  }

  const api = (path: string) => `/api/v1${path}`;
  const restore = (id: string, body: object, who = operator) => request(gw.http).post(api(`/backups/${id}/restore`)).set(bearer(who)).send(body);
  const putPolicy = (id: string, body: object, who = operator) => request(gw.http).put(api(`/apps/${id}/policy`)).set(bearer(who)).send(body);

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

  it('documents the backup and policy routes in the OpenAPI description', async () => {
    const docs = await request(gw.http).get('/api/docs-json').expect(200);
    const paths = docs.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/v1/backups', '/api/v1/backups/{id}', '/api/v1/backups/{id}/restore', '/api/v1/apps/{id}/backups', '/api/v1/apps/{id}/policy']));
    expect(paths['/api/v1/backups/{id}/restore'].post.responses).toHaveProperty(['202']);
    expect(paths['/api/v1/backups/{id}'].delete.responses).toHaveProperty(['202']);
  });

  describe('POST /apps/:id/backups', () => {
    it('starts a manual backup: 202 with the operation, its params and a job keyed by the app', async () => {
      const app = await existingApp('to-back-up');
      const res = await request(gw.http).post(api(`/apps/${app.id}/backups`)).set(bearer(operator)).send({ notes: 'before the upgrade' }).expect(202);
      const { operation } = res.body as AcceptedOperationDto;
      expect(operation).toMatchObject({ type: 'backup', state: 'queued', appId: app.id });
      expect(operation.steps.map((s) => s.name)).toEqual(['backup', 'record', 'prune']);
      expect((await gw.ds.getRepository(OperationEntity).findOneByOrFail({ id: operation.id })).params).toEqual({ kind: 'manual', notes: 'before the upgrade' });
      expect(await queuedJob(operation.id)).toEqual({ name: 'backup', data: { operationId: operation.id, appId: app.id } });

      const busy = await request(gw.http).post(api(`/apps/${app.id}/backups`)).set(bearer(operator)).send({}).expect(409);
      expect(busy.body).toMatchObject({ code: 'OPERATION_IN_PROGRESS', operationId: operation.id });
    });

    it('refuses viewers (403), unknown apps (404), bad notes (400 naming notes) and apps that cannot be backed up (409)', async () => {
      const app = await existingApp('refused-backup');
      const before = await rowCounts();
      await request(gw.http).post(api(`/apps/${app.id}/backups`)).set(bearer(viewer)).send({}).expect(403);
      const unknown = await request(gw.http).post(api('/apps/6f1c8a9e-1111-4222-8333-444455556666/backups')).set(bearer(operator)).send({}).expect(404);
      expect(unknown.body.code).toBe('APP_NOT_FOUND');
      const bad = await request(gw.http).post(api(`/apps/${app.id}/backups`)).set(bearer(operator)).send({ notes: 42 }).expect(400);
      expect(bad.body.errors).toHaveProperty(['notes']);
      const missing = await existingApp('gone-container', { status: 'missing' });
      expect((await request(gw.http).post(api(`/apps/${missing.id}/backups`)).set(bearer(operator)).send({}).expect(409)).body.code).toBe('APP_STATE_CONFLICT');
      expect((await rowCounts()).slice(1)).toEqual(before.slice(1));
    });
  });

  describe('listing', () => {
    it('lists an app\'s backups and all backups newest first, paged, filtered by app and kind, with those of deleted apps', async () => {
      const app = await existingApp('listed');
      const older = await existingBackup(app, { kind: 'scheduled' });
      const newer = await existingBackup(app, { kind: 'manual' });
      const deletedApp = { id: '7a1c8a9e-1111-4222-8333-444455556666', hostname: 'long-gone' };
      const orphan = await existingBackup(deletedApp, { kind: 'pre-update' });

      const mine = (await request(gw.http).get(api(`/apps/${app.id}/backups`)).set(bearer(viewer)).expect(200)).body as Page<BackupDto>;
      expect(mine.items.map((b) => b.id)).toEqual([newer.id, older.id]);
      expect(mine.items[0]).toMatchObject({ appId: app.id, appHostname: 'listed', sizeBytes: 1234, kind: 'manual', protected: false, volid: newer.volid });
      expect(mine.items[0]).not.toHaveProperty('appSettings'); // secrets stay in the database

      const page1 = (await request(gw.http).get(api('/backups?limit=1')).set(bearer(viewer)).expect(200)).body as Page<BackupDto>;
      expect(page1.items.map((b) => b.id)).toEqual([orphan.id]);
      expect(page1.items[0]).toMatchObject({ appId: deletedApp.id, appHostname: 'long-gone' });
      const page2 = (await request(gw.http).get(api(`/backups?limit=1&cursor=${page1.nextCursor}`)).set(bearer(viewer)).expect(200)).body as Page<BackupDto>;
      expect(page2.items.map((b) => b.id)).toEqual([newer.id]);

      const ofDeleted = (await request(gw.http).get(api(`/backups?appId=${deletedApp.id}`)).set(bearer(viewer)).expect(200)).body as Page<BackupDto>;
      expect(ofDeleted.items.map((b) => b.id)).toEqual([orphan.id]);
      const scheduled = (await request(gw.http).get(api(`/backups?appId=${app.id}&kind=scheduled`)).set(bearer(viewer)).expect(200)).body as Page<BackupDto>;
      expect(scheduled.items.map((b) => b.id)).toEqual([older.id]);

      const badKind = await request(gw.http).get(api('/backups?kind=hourly')).set(bearer(viewer)).expect(400);
      expect(badKind.body.errors).toHaveProperty(['kind']);
      expect((await request(gw.http).get(api(`/apps/${deletedApp.id}/backups`)).set(bearer(viewer)).expect(404)).body.code).toBe('APP_NOT_FOUND');
    });
  });

  describe('PATCH and DELETE /backups/:id', () => {
    it('protects a backup, then refuses to delete it (409 BACKUP_PROTECTED) until it is unprotected', async () => {
      const app = await existingApp('protected-one');
      const backup = await existingBackup(app);
      const patched = (await request(gw.http).patch(api(`/backups/${backup.id}`)).set(bearer(operator)).send({ protected: true, notes: 'keep forever' }).expect(200)).body as BackupDto;
      expect(patched).toMatchObject({ id: backup.id, protected: true, notes: 'keep forever' });
      await request(gw.http).patch(api(`/backups/${backup.id}`)).set(bearer(viewer)).send({ protected: false }).expect(403);
      expect((await request(gw.http).patch(api(`/backups/${backup.id}`)).set(bearer(operator)).send({}).expect(400)).body.errors).toHaveProperty(['body']);
      expect((await request(gw.http).patch(api(`/backups/${backup.id}`)).set(bearer(operator)).send({ protected: 'yes' }).expect(400)).body.errors).toHaveProperty(['protected']);

      const before = await rowCounts();
      const refused = await request(gw.http).delete(api(`/backups/${backup.id}`)).set(bearer(operator)).expect(409);
      expect(refused.body).toMatchObject({ code: 'BACKUP_PROTECTED' });
      expect(refused.body.detail).toContain('unprotect it first');
      expect(await rowCounts()).toEqual(before);

      await request(gw.http).patch(api(`/backups/${backup.id}`)).set(bearer(operator)).send({ protected: false }).expect(200);
      const res = await request(gw.http).delete(api(`/backups/${backup.id}`)).set(bearer(operator)).expect(202);
      const { app: appDto, operation } = res.body as AcceptedOperationDto;
      expect(operation).toMatchObject({ type: 'backup-delete', appId: app.id, state: 'queued' });
      expect(appDto?.activeOperation?.id).toBe(operation.id);
      expect(await queuedJob(operation.id)).toEqual({ name: 'backup-delete', data: { operationId: operation.id, appId: app.id } });
      expect((await gw.ds.getRepository(OperationEntity).findOneByOrFail({ id: operation.id })).params).toEqual({ backupId: backup.id });
    });

    it('deletes a backup of a deleted app with an operation of no app, its job keyed by the backup id; twice at once is refused', async () => {
      const backup = await existingBackup({ id: '8b1c8a9e-1111-4222-8333-444455556666', hostname: 'deleted-app' });
      const res = await request(gw.http).delete(api(`/backups/${backup.id}`)).set(bearer(operator)).expect(202);
      const { app, operation } = res.body as AcceptedOperationDto;
      expect(app).toBeUndefined();
      expect(operation).toMatchObject({ type: 'backup-delete', appId: null, appHostname: 'deleted-app', state: 'queued' });
      expect(await queuedJob(operation.id)).toEqual({ name: 'backup-delete', data: { operationId: operation.id, appId: backup.id } });

      const again = await request(gw.http).delete(api(`/backups/${backup.id}`)).set(bearer(operator)).expect(409);
      expect(again.body).toMatchObject({ code: 'OPERATION_IN_PROGRESS', operationId: operation.id });
      const restoring = await restore(backup.id, { target: 'new', hostname: 'while-deleting' }).expect(409);
      expect(restoring.body.code).toBe('OPERATION_IN_PROGRESS');
      expect((await request(gw.http).delete(api('/backups/9c1c8a9e-1111-4222-8333-444455556666')).set(bearer(operator)).expect(404)).body.code).toBe('BACKUP_NOT_FOUND');
      await request(gw.http).delete(api(`/backups/${backup.id}`)).set(bearer(viewer)).expect(403);
    });
  });

  describe('POST /backups/:id/restore', () => {
    it('in place over an existing app needs overwrite: true (409 RESTORE_WOULD_OVERWRITE changes nothing)', async () => {
      const app = await existingApp('restore-me');
      const backup = await existingBackup(app);
      const before = await rowCounts();
      const refused = await restore(backup.id, { target: 'in-place' }).expect(409);
      expect(refused.body).toMatchObject({ code: 'RESTORE_WOULD_OVERWRITE' });
      expect(refused.body.errors).toHaveProperty(['overwrite']);
      expect(await rowCounts()).toEqual(before);
      expect(await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: app.id })).toMatchObject({ activeOperationId: null, status: 'running' });
      await restore(backup.id, { target: 'in-place', overwrite: true }, viewer).expect(403);

      const res = await restore(backup.id, { target: 'in-place', overwrite: true }).expect(202);
      const { operation } = res.body as AcceptedOperationDto;
      expect(operation).toMatchObject({ type: 'restore', appId: app.id, state: 'queued' });
      expect(operation.steps.map((s) => s.name)).toEqual(['reserve', 'stop', 'restore', 'rebuild', 'start', 'network', 'health']);
      expect((await gw.ds.getRepository(OperationEntity).findOneByOrFail({ id: operation.id })).params).toEqual({ backupId: backup.id, target: 'in-place' });
      expect(await queuedJob(operation.id)).toEqual({ name: 'restore', data: { operationId: operation.id, appId: app.id } });
    });

    it('in place over an app whose container is missing needs no overwrite; over a deleted app it answers 422 naming target', async () => {
      const missing = await existingApp('came-back', { status: 'missing' });
      const backup = await existingBackup(missing);
      expect((await restore(backup.id, { target: 'in-place' }).expect(202)).body.operation).toMatchObject({ type: 'restore', appId: missing.id });

      const orphan = await existingBackup({ id: '5d1c8a9e-1111-4222-8333-444455556666', hostname: 'deleted-one' });
      const refused = await restore(orphan.id, { target: 'in-place', overwrite: true }).expect(422);
      expect(refused.body).toMatchObject({ code: 'APP_NOT_FOUND' });
      expect(refused.body.errors).toHaveProperty(['target']);
      expect(refused.body.detail).toContain('restore it as a new app');
    });

    it('into a new app: hostname required and free, settings from the backup, the backup\'s node', async () => {
      const app = await existingApp('source-app');
      const backup = await existingBackup(app);
      const before = await rowCounts();
      for (const [body, status, field] of [
        [{ target: 'new' }, 400, 'hostname'],
        [{ target: 'new', hostname: 'Bad_Name' }, 400, 'hostname'],
        [{ target: 'new', hostname: 'source-app' }, 409, 'hostname'],
        [{ target: 'sideways', hostname: 'x' }, 400, 'target'],
        [{ target: 'new', hostname: 'copy', overwrite: true }, 400, 'overwrite'],
        [{ target: 'in-place', hostname: 'copy', overwrite: true }, 400, 'hostname'],
        [{ target: 'new', hostname: 'copy', node: 'pve9' }, 422, 'node'],
        // local storage is not shared: pve2 cannot read an archive on pve1
        [{ target: 'new', hostname: 'copy', node: 'pve2' }, 422, 'node'],
      ] as const) {
        const res = await restore(backup.id, body).expect(status);
        expect(res.body.errors).toHaveProperty([field]);
      }
      expect(await rowCounts()).toEqual(before);

      const res = await restore(backup.id, { target: 'new', hostname: 'restored-copy' }).expect(202);
      const { app: created, operation } = res.body as AcceptedOperationDto;
      expect(created).toMatchObject({ hostname: 'restored-copy', status: 'provisioning', node: 'pve1', catalogId: 'nginx', version: '1.27.3', resources: { cores: 2, memoryMb: 384, diskGb: 3 } });
      expect(operation).toMatchObject({ type: 'restore', appId: created?.id });
      const row = await gw.ds.getRepository(AppEntity).findOneByOrFail({ id: created?.id });
      expect(row).toMatchObject({ envOverrides: { GREETING: 'from the backup' }, httpPort: 80, vmid: null });
      expect(JSON.parse(new SecretBox(TEST_SECRET).open(row.secretsEncrypted ?? ''))).toEqual({ password: 'kept-secret-123' });
      expect((await gw.ds.getRepository(OperationEntity).findOneByOrFail({ id: operation.id })).params).toEqual({ backupId: backup.id, target: 'new' });
      expect(await queuedJob(operation.id)).toEqual({ name: 'restore', data: { operationId: operation.id, appId: created?.id } });
      expect((await restore('9c1c8a9e-1111-4222-8333-444455556666', { target: 'new', hostname: 'x' }).expect(404)).body.code).toBe('BACKUP_NOT_FOUND');
    });
  });

  describe('GET|PUT /apps/:id/policy', () => {
    it('answers the AUTO defaults until a policy is saved, then round-trips it and keeps the app\'s scheduler in step', async () => {
      const app = await existingApp('with-policy');
      expect((await request(gw.http).get(api(`/apps/${app.id}/policy`)).set(bearer(viewer)).expect(200)).body).toEqual(DEFAULT_APP_POLICY);

      const wanted: AppPolicyDto = {
        backup: { schedule: '30 2 * * 1-5', timezone: 'Europe/Berlin', keepLast: 3, keepDaily: 7, keepWeekly: 4, keepMonthly: 6 },
        updates: { check: false, autoApply: false },
      };
      expect((await putPolicy(app.id, wanted).expect(200)).body).toEqual(wanted);
      expect((await request(gw.http).get(api(`/apps/${app.id}/policy`)).set(bearer(viewer)).expect(200)).body).toEqual(wanted);
      expect(await backupScheduler(app.id)).toEqual({ pattern: '30 2 * * 1-5', tz: 'Europe/Berlin' });
      expect(await gw.ds.getRepository(AuditEventEntity).countBy({ action: 'app.policy', target: app.id })).toBe(1);

      // Parts left out keep their value; a null schedule removes the scheduler.
      const off = (await putPolicy(app.id, { backup: { schedule: null } }).expect(200)).body as AppPolicyDto;
      expect(off).toEqual({ ...wanted, backup: { ...wanted.backup, schedule: null } });
      expect(await backupScheduler(app.id)).toBeUndefined();
    });

    it('refuses bad policies naming the field, changing nothing; viewers cannot save', async () => {
      const app = await existingApp('bad-policy');
      for (const [body, field] of [
        [{ backup: { schedule: '0 0 3 * * *' } }, 'backup.schedule'],
        [{ backup: { schedule: '61 3 * * *' } }, 'backup.schedule'],
        [{ backup: { timezone: 'Mars/Olympus' } }, 'backup.timezone'],
        [{ backup: { keepLast: 0 } }, 'backup.keepLast'],
        [{ backup: { keepDaily: 1001 } }, 'backup.keepDaily'],
        [{ backup: { keepWeekly: 1.5 } }, 'backup.keepWeekly'],
        [{ updates: { check: 'daily' } }, 'updates.check'],
        [{ backup: { hourly: 3 } }, 'backup.hourly'],
      ] as const) {
        const res = await putPolicy(app.id, body).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toHaveProperty([field]);
      }
      await putPolicy(app.id, { backup: { keepLast: 2 } }, viewer).expect(403);
      expect(await gw.ds.getRepository(AppPolicyEntity).countBy({ appId: app.id })).toBe(0);
      expect(await backupScheduler(app.id)).toBeUndefined();
      expect((await putPolicy('6f1c8a9e-1111-4222-8333-444455556666', { backup: { keepLast: 2 } }).expect(404)).body.code).toBe('APP_NOT_FOUND');
    });
  });

  it('keeps an app\'s backups when the app row goes (app id and hostname stay)', async () => {
    const app = await existingApp('deleted-later');
    const kinds: BackupKind[] = ['manual', 'scheduled'];
    const made = await Promise.all(kinds.map((kind) => existingBackup(app, { kind, volid: `local:backup/vzdump-lxc-${app.vmid}-${kind}.tar.zst` })));
    await gw.ds.getRepository(AppEntity).delete({ id: app.id }); // what the worker's delete does at its end
    const left = (await request(gw.http).get(api(`/backups?appId=${app.id}`)).set(bearer(viewer)).expect(200)).body as Page<BackupDto>;
    expect(left.items.map((b) => b.id).sort()).toEqual(made.map((b) => b.id).sort());
    expect(left.items.every((b) => b.appHostname === 'deleted-later')).toBe(true);
  });
});
