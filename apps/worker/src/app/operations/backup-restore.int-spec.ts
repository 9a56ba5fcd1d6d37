import { AppEntity, AppPolicyEntity, BackupEntity, OperationEntity, createOperation } from '@proxdeck/server-database';
import { parseProxdeckMarker } from '@proxdeck/server-proxmox';
import type { ScheduledJob } from '@proxdeck/server-queue';
import { waitFor } from '@proxdeck/server-testing';
import { WorkerHarness } from '../../test/worker-harness';
import { ContainerActions } from '../processors/container-actions';
import { ScheduledBackupJob } from '../schedules/scheduled-backup.job';

describe('backups and restores through the worker (real Postgres, Redis, pve-sim)', () => {
  const h = new WorkerHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const backups = () => h.db.getRepository(BackupEntity);
  const dataUrl = (app: AppEntity, key: string) => `http://${app.ip}:${app.httpPort}/.sim-data/${key}`;
  const writeData = async (app: AppEntity, key: string, value: string) => {
    expect((await fetch(dataUrl(app, key), { method: 'PUT', body: value })).status).toBe(200);
  };
  const readData = async (app: AppEntity, key: string) => (await fetch(dataUrl(app, key))).text();
  const backupVolumes = async () => (await h.inventory()).volumes.filter((v) => v.content === 'backup').map((v) => v.volid).sort();

  async function deployed(hostname: string): Promise<AppEntity> {
    const app = await h.insertApp(hostname);
    const op = await h.runOperation('deploy', app);
    expect(op.error).toBeNull();
    return h.appRow(app.id);
  }

  async function backup(app: AppEntity, params: Record<string, unknown> = { kind: 'manual' }): Promise<BackupEntity> {
    const op = await h.runOperation('backup', await h.appRow(app.id), params);
    expect(op.error).toBeNull();
    expect(op.state).toBe('succeeded');
    return backups().findOneByOrFail({ operationId: op.id });
  }

  /** What the gateway writes for a restore into a new app: the row from the backup's settings. */
  async function newAppFrom(b: BackupEntity, hostname: string): Promise<AppEntity> {
    const s = b.appSettings as Partial<AppEntity>;
    return h.insertApp(hostname, {
      name: s.name, catalogId: s.catalogId, version: s.version, runtime: s.runtime, cores: s.cores, memoryMb: s.memoryMb, diskGb: s.diskGb,
      httpPort: s.httpPort, inputs: s.inputs, envOverrides: s.envOverrides, secretsEncrypted: s.secretsEncrypted, node: b.node,
    });
  }

  async function removeEverything(): Promise<void> {
    for (const app of await h.db.getRepository(AppEntity).find()) {
      expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
    }
    for (const b of await backups().find()) {
      await backups().update({ id: b.id }, { protected: false });
      expect((await h.waitForOperation(await h.queueDetachedOperation('backup-delete', b.id, b.appHostname, { backupId: b.id }))).state).toBe('succeeded');
    }
    const inv = await h.inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl')).toEqual([]);
  }

  afterEach(async () => {
    await h.sim.admin('DELETE', '/_sim/faults');
    await removeEverything();
  });

  it('backs up a running app (snapshot, zstd, notes naming it) and restores it as a new app with its data', async () => {
    const app = await deployed('web-1');
    await writeData(app, 'marker', 'made before the backup');

    const b = await backup(app);
    expect(b).toMatchObject({ appId: app.id, appHostname: 'web-1', catalogId: 'nginx', appVersion: '1.27.3', node: app.node, kind: 'manual', protected: false });
    expect(b.volid).toMatch(new RegExp(`^local:backup/vzdump-lxc-${app.vmid}-\\d{4}_\\d\\d_\\d\\d-\\d\\d_\\d\\d_\\d\\d\\.tar\\.zst$`));
    expect(b.sizeBytes).toBeGreaterThan(0);
    expect(b.notes).toBe('Proxdeck web-1 nginx 1.27.3');
    expect(b.appSettings).toMatchObject({ cores: 1, memoryMb: 256, diskGb: 2, httpPort: 80, catalogId: 'nginx', version: '1.27.3', runtime: 'oci', name: 'nginx' });
    expect(await backupVolumes()).toEqual([b.volid]);
    expect(await h.appRow(app.id)).toMatchObject({ status: 'running', activeOperationId: null });

    const copy = await newAppFrom(b, 'web-copy');
    const restore = await h.runOperation('restore', copy, { backupId: b.id, target: 'new' });
    expect(restore.error).toBeNull();
    expect(restore.state).toBe('succeeded');
    expect((await h.logs(restore)).some((l) => l.includes('nothing to stop'))).toBe(true);
    expect(restore.steps.find((s) => s.name === 'stop')?.state).toBe('skipped');
    const restored = await h.appRow(copy.id);
    expect(restored).toMatchObject({ status: 'running', hasRun: true, node: app.node });
    expect(restored.vmid).not.toBe(app.vmid);
    expect(await readData(restored, 'marker')).toBe('made before the backup');
    const ct = (await h.inventory()).containers.find((c) => c.vmid === restored.vmid);
    expect(ct).toMatchObject({ hostname: 'web-copy', status: 'running' });
    expect(ct?.tags).toContain('proxdeck');
    expect(parseProxdeckMarker((await h.get(ContainerActions).pve.containerConfig(restored.node ?? '', restored.vmid ?? 0)).description)).toBe(copy.id);
    // The source is untouched.
    expect(await readData(await h.appRow(app.id), 'marker')).toBe('made before the backup');
  });

  it('a backup resumed after its vzdump was started follows that task instead of making a second archive', async () => {
    const app = await deployed('resumed');
    // As if a worker died right after starting vzdump: the operation remembers the task.
    const pve = h.get(ContainerActions).pve;
    const upid = await pve.backupContainer(app.node ?? '', app.vmid ?? 0, { storage: 'local', notesTemplate: 'Proxdeck {{guestname}} nginx 1.27.3', prune: false });
    const op = await createOperation(h.db.manager, { app: await h.appRow(app.id), type: 'backup', requestedBy: 'test', params: { kind: 'manual' } });
    await h.db.getRepository(OperationEntity).update({ id: op.id }, { context: { 'backup.upid': upid, 'backup.storage': 'local' } });
    await h.enqueue('backup', op.id, app.id);

    const done = await h.waitForOperation(op);
    expect(done.error).toBeNull();
    expect(done.upids).toEqual([]); // no new Proxmox task was started
    const volumes = await backupVolumes();
    expect(volumes).toHaveLength(1);
    expect(await backups().findOneByOrFail({ operationId: op.id })).toMatchObject({ volid: volumes[0] });
  });

  it('a backup that fails (storage full) records nothing, leaves no archive and keeps the app running', async () => {
    const app = await deployed('full-disk');
    // Fails while writing the archive: vzdump logs `ERROR: Backup of VM n failed - ...` and ends with `job errors`.
    await h.sim.admin('POST', '/_sim/faults', { kind: 'task-fail', taskType: 'vzdump', message: 'vzdump archive: No space left on device', afterLog: 'creating vzdump archive' });

    const op = await h.runOperation('backup', app, { kind: 'manual' });
    expect(op.state).toBe('failed');
    expect(op.error).toContain('The backup of full-disk failed: vzdump archive: No space left on device.');
    expect(op.error).toContain('Nothing was saved');
    expect(op.steps.find((s) => s.name === 'backup')?.state).toBe('failed');
    expect(await backups().count()).toBe(0);
    expect(await backupVolumes()).toEqual([]);
    expect(await h.appRow(app.id)).toMatchObject({ status: 'running', activeOperationId: null });
    const ct = (await h.inventory()).containers.find((c) => c.vmid === app.vmid);
    expect(ct).toMatchObject({ status: 'running', lock: null });
  });

  it('a restore into a new app whose Proxmox task fails is undone: no container, no disk, the hostname free again', async () => {
    const app = await deployed('restore-source');
    const b = await backup(app);
    await h.sim.admin('POST', '/_sim/faults', { kind: 'task-fail', taskType: 'vzrestore', message: 'unable to restore CT - simulated extraction error' });
    const copy = await newAppFrom(b, 'restore-fails');

    const op = await h.runOperation('restore', copy, { backupId: b.id, target: 'new' });
    expect(op.state).toBe('failed');
    expect(op.error).toContain('simulated extraction error');
    expect(op.steps.find((s) => s.name === 'restore')?.state).toBe('failed');
    expect(await h.app(copy.id)).toBeNull();
    const inv = await h.inventory();
    expect(inv.containers.map((c) => c.vmid)).toEqual([app.vmid]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl' && v.content !== 'backup').map((v) => v.volid).every((v) => v.includes(`-${app.vmid}-`))).toBe(true);
  });

  it('restores in place over the app (stop, force, start): data and settings come back from the backup', async () => {
    const app = await deployed('in-place');
    await writeData(app, 'marker', 'v1');
    const b = await backup(app);
    await writeData(app, 'marker', 'v2');
    await h.db.getRepository(AppEntity).update({ id: app.id }, { cores: 2, version: '1.27.4', pendingChanges: ['cores'] });

    const op = await h.runOperation('restore', await h.appRow(app.id), { backupId: b.id, target: 'in-place' });
    expect(op.error).toBeNull();
    expect(op.state).toBe('succeeded');
    const after = await h.appRow(app.id);
    expect(after).toMatchObject({ status: 'running', vmid: app.vmid, node: app.node, cores: 1, version: '1.27.3', pendingChanges: [] });
    expect(await readData(after, 'marker')).toBe('v1');
    expect((await h.logs(op)).some((l) => l.includes('Shutting down container'))).toBe(true);
    expect((await h.inventory()).containers.filter((c) => c.vmid === app.vmid)).toHaveLength(1);
  });

  it('an in-place restore whose Proxmox task fails leaves the app missing with the reason, and restoring again brings it back', async () => {
    const app = await deployed('overwritten');
    await writeData(app, 'marker', 'v1');
    const b = await backup(app);
    await h.sim.admin('POST', '/_sim/faults', { kind: 'task-fail', taskType: 'vzrestore', message: 'simulated extraction error', afterLog: 'restoring .* now' });

    const failed = await h.runOperation('restore', await h.appRow(app.id), { backupId: b.id, target: 'in-place' });
    expect(failed.state).toBe('failed');
    expect(failed.error).toContain('simulated extraction error');
    const broken = await h.appRow(app.id);
    expect(broken.status).toBe('missing'); // with force, Proxmox removed the old container before the restore failed
    expect(broken.statusReason).toContain('simulated extraction error');
    const inv = await h.inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl' && v.content !== 'backup')).toEqual([]);

    await h.sim.admin('DELETE', '/_sim/faults');
    const again = await h.runOperation('restore', broken, { backupId: b.id, target: 'in-place' });
    expect(again.error).toBeNull();
    const back = await h.appRow(app.id);
    expect(back).toMatchObject({ status: 'running', statusReason: null });
    expect(await readData(back, 'marker')).toBe('v1');
  });

  it('recreates a container deleted outside Proxdeck (app missing) from its backup', async () => {
    const app = await deployed('came-back');
    await writeData(app, 'marker', 'kept');
    const b = await backup(app);
    const pve = h.get(ContainerActions).pve;
    await pve.waitForTask(await pve.deleteContainer(app.node ?? '', app.vmid ?? 0, { purge: true, force: true }));
    await h.db.getRepository(AppEntity).update({ id: app.id }, { status: 'missing' });

    const op = await h.runOperation('restore', await h.appRow(app.id), { backupId: b.id, target: 'in-place' });
    expect(op.error).toBeNull();
    const after = await h.appRow(app.id);
    expect(after).toMatchObject({ status: 'running', statusReason: null });
    expect(await readData(after, 'marker')).toBe('kept');
  });

  it('restoring an archive that is gone from storage fails before anything is stopped, and the app keeps running with its data', async () => {
    const app = await deployed('no-archive');
    await writeData(app, 'marker', 'still here');
    const b = await backup(app);
    const pve = h.get(ContainerActions).pve;
    await pve.waitForTask(await pve.deleteVolume(b.node, b.storage, b.volid));

    const inPlace = await h.runOperation('restore', await h.appRow(app.id), { backupId: b.id, target: 'in-place' });
    expect(inPlace.state).toBe('failed');
    expect(inPlace.error).toContain(`The archive ${b.volid} is no longer on storage local`);
    expect(inPlace.steps.map((s) => s.state)).toEqual(['failed', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
    const after = await h.appRow(app.id);
    expect(after).toMatchObject({ status: 'running', statusReason: null, vmid: app.vmid });
    expect(await readData(after, 'marker')).toBe('still here');

    const copy = await newAppFrom(b, 'no-archive-copy');
    const asNew = await h.runOperation('restore', copy, { backupId: b.id, target: 'new' });
    expect(asNew.state).toBe('failed');
    expect(asNew.error).toContain('is no longer on storage local');
    expect(await h.app(copy.id)).toBeNull(); // the hostname is free again
    expect((await h.inventory()).containers.map((c) => c.vmid)).toEqual([app.vmid]);
  });

  it('prunes by the app policy, keeping protected backups and pre-update backups an update may still need', async () => {
    const app = await deployed('pruned');
    await h.db.getRepository(AppPolicyEntity).save({ appId: app.id, backupSchedule: '0 3 * * *', timezone: 'UTC', keepLast: 1, keepDaily: 0, keepWeekly: 0, keepMonthly: 0 });
    const first = await backup(app);
    await backups().update({ id: first.id }, { protected: true });
    const second = await backup(app);
    // An update kept the old container for rollback: its pre-update backup stays while that lasts.
    const preUpdate = await backups().save(backups().create({ ...second, id: undefined, volid: 'local:backup/vzdump-lxc-999-2020_01_01-00_00_00.tar.zst', kind: 'pre-update', createdAt: new Date('2020-01-01T00:00:00Z') }));
    await h.db.getRepository(AppEntity).update({ id: app.id }, { previousVmid: 999, previousVersion: '1.27.2' });
    const third = await backup(app);

    expect((await backups().findBy({ appId: app.id })).map((b) => b.id).sort()).toEqual([first.id, preUpdate.id, third.id].sort());
    expect(await backupVolumes()).toEqual([first.volid, third.volid].sort());

    await h.db.getRepository(AppEntity).update({ id: app.id }, { previousVmid: null, previousVersion: null });
    const fourth = await backup(app);
    expect((await backups().findBy({ appId: app.id })).map((b) => b.id).sort()).toEqual([first.id, fourth.id].sort());
    expect(await backupVolumes()).toEqual([first.volid, fourth.volid].sort());
  });

  it('a fired backup schedule starts a scheduled backup; the schedule of a deleted app starts nothing', async () => {
    const app = await deployed('nightly');
    const job = h.get(ScheduledBackupJob);
    await job.handle({ data: { appId: app.id } } as ScheduledJob);
    const op = await h.db.getRepository(OperationEntity).findOneByOrFail({ appId: app.id, type: 'backup' });
    expect(op.requestedBy).toBe('scheduler');
    expect((await h.waitForOperation(op)).state).toBe('succeeded');
    expect(await backups().findOneByOrFail({ operationId: op.id })).toMatchObject({ kind: 'scheduled', appId: app.id });

    const before = await h.db.getRepository(OperationEntity).count();
    await job.handle({ data: { appId: '00000000-0000-4000-8000-000000000001' } } as ScheduledJob);
    expect(await h.db.getRepository(OperationEntity).count()).toBe(before);
  });

  it('deletes the backup of a deleted app (no app on the operation) and keeps the row while the app is deleted', async () => {
    const app = await deployed('short-lived');
    const b = await backup(app);
    expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
    expect(await backups().findOneByOrFail({ id: b.id })).toMatchObject({ appId: app.id, appHostname: 'short-lived' });
    expect(await backupVolumes()).toEqual([b.volid]);

    const op = await h.waitForOperation(await h.queueDetachedOperation('backup-delete', b.id, b.appHostname, { backupId: b.id }));
    expect(op.error).toBeNull();
    expect(op).toMatchObject({ state: 'succeeded', appId: null });
    expect(await backups().findOneBy({ id: b.id })).toBeNull();
    await waitFor(async () => ((await backupVolumes()).length === 0 ? true : undefined), 'the archive to be gone');
  });
});
