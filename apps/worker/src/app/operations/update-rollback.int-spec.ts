import { AppEntity, AppPolicyEntity, BackupEntity, OperationEntity } from '@proxdeck/server-database';
import type { ScheduledJob } from '@proxdeck/server-queue';
import { waitFor } from '@proxdeck/server-testing';
import { dataAppCatalog } from '../../test/data-app-catalog';
import { WorkerHarness } from '../../test/worker-harness';
import { RetirePreviousJob } from '../schedules/retire-previous.job';
import { UpdateCheckJob } from '../schedules/update-check.job';

// The handlers read nothing from the job: a bare payload stands in for the BullMQ job.
const SCHEDULED = { data: {} } as ScheduledJob;

describe('updates, rollback and retiring the old container (real Postgres, Redis, pve-sim)', () => {
  const catalog = dataAppCatalog();
  const h = new WorkerHarness({ nodes: 1, env: { PROXDECK_CATALOG_DIRS: catalog.dir } });

  beforeAll(() => h.start());
  afterAll(async () => {
    await h.stop();
    catalog.remove();
  });

  /** A running nginx-data 1.27.3 with a marker in its data volume. */
  async function deployWithData(hostname: string): Promise<AppEntity> {
    const inserted = await h.insertApp(hostname, { name: 'nginx-data', catalogId: 'nginx-data' });
    const deploy = await h.runOperation('deploy', inserted);
    expect(deploy.error).toBeNull();
    const app = await h.appRow(inserted.id);
    const put = await fetch(`http://${app.ip}:80/.sim-data/marker`, { method: 'PUT', body: `data of ${hostname}` });
    expect(put.status).toBe(200);
    return app;
  }

  async function marker(app: AppEntity): Promise<string> {
    const res = await fetch(`http://${app.ip}:80/.sim-data/marker`);
    return `${res.status} ${await res.text()}`;
  }

  /** The app's containers in Proxmox (old and new share the hostname), with their status and disk count (backups aside). */
  async function containersOf(hostname: string): Promise<{ vmid: number; status: string; volumes: number; image: string | null }[]> {
    const inv = await h.inventory();
    return inv.containers
      .filter((c) => c.hostname === hostname)
      .map((c) => ({ vmid: c.vmid, status: c.status, volumes: c.volumes.filter((v) => !v.includes(':backup/')).length, image: c.image ?? null }));
  }

  async function diskVolumes(): Promise<string[]> {
    return (await h.inventory()).volumes.filter((v) => v.content === 'rootdir' || v.content === 'images').map((v) => v.volid).sort();
  }

  it('updates to the newest version on the track with the data, keeps the old container stopped, and rolls back to it', async () => {
    const app = await deployWithData('blue');
    const oldVmid = app.vmid ?? 0;

    const update = await h.runOperation('update', app);
    expect(update.error).toBeNull();
    expect(update.state).toBe('succeeded');
    expect(update.steps.map((s) => `${s.name}:${s.state}`)).toEqual(
      ['backup', 'image', 'create', 'stop-old', 'move-volumes', 'start', 'network', 'health', 'switch'].map((s) => `${s}:done`),
    );
    const updated = await h.appRow(app.id);
    expect(updated).toMatchObject({ status: 'running', version: '1.27.5', previousVmid: oldVmid, previousVersion: '1.27.3', statusReason: null, activeOperationId: null });
    expect(updated.vmid).not.toBe(oldVmid);
    expect(updated.previousKeepUntil?.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(await marker(updated)).toBe('200 data of blue');
    expect(await containersOf('blue')).toEqual(expect.arrayContaining([
      { vmid: oldVmid, status: 'stopped', volumes: 1, image: 'docker.io/library/nginx:1.27.3' },
      { vmid: updated.vmid, status: 'running', volumes: 2, image: 'docker.io/library/nginx:1.27.5' },
    ]));
    expect(await containersOf('blue')).toHaveLength(2);

    const backup = await h.db.getRepository(BackupEntity).findOneByOrFail({ operationId: update.id });
    expect(backup).toMatchObject({ appId: app.id, kind: 'pre-update', appVersion: '1.27.3', node: app.node, notes: 'Proxdeck blue nginx-data 1.27.3 before the update to 1.27.5' });
    expect(backup.appSettings).toMatchObject({ catalogId: 'nginx-data', version: '1.27.3', cores: 1, memoryMb: 256, diskGb: 2 });
    expect((await h.inventory()).volumes.map((v) => v.volid)).toContain(backup.volid);

    const rollback = await h.runOperation('rollback', updated);
    expect(rollback.error).toBeNull();
    expect(rollback.state).toBe('succeeded');
    const back = await h.appRow(app.id);
    expect(back).toMatchObject({ status: 'running', version: '1.27.3', vmid: oldVmid, previousVmid: null, previousVersion: null, previousKeepUntil: null });
    expect(await marker(back)).toBe('200 data of blue');
    expect(await containersOf('blue')).toEqual([{ vmid: oldVmid, status: 'running', volumes: 2, image: 'docker.io/library/nginx:1.27.3' }]);

    expect((await h.runOperation('delete', back)).state).toBe('succeeded');
    expect(await containersOf('blue')).toEqual([]);
    expect(await diskVolumes()).toEqual([]);
  });

  it('deleting an app during its rollback window removes the old container it kept too', async () => {
    const app = await deployWithData('teal');
    const update = await h.runOperation('update', app);
    expect(update.error).toBeNull();
    const updated = await h.appRow(app.id);
    expect(updated.previousVmid).toBe(app.vmid);
    expect(await containersOf('teal')).toHaveLength(2);

    expect((await h.runOperation('delete', updated)).state).toBe('succeeded');
    expect(await containersOf('teal')).toEqual([]);
    expect(await diskVolumes()).toEqual([]);
  });

  it('rolls back by itself when the new version fails its health check: old version running, data intact, no new container left', async () => {
    await h.sim.admin('POST', '/_sim/images', { repository: 'docker.io/library/nginx', tags: ['1.27.6'], unhealthyTags: ['1.27.6'] });
    const app = await deployWithData('green');
    const before = await diskVolumes();

    const update = await h.runOperation('update', app, { version: '1.27.6' });
    expect(update.state).toBe('failed');
    expect(update.error).toMatch(/^Update of nginx-data to 1\.27\.6 failed: nginx-data did not become healthy within 3 s \(last answer: HTTP 500\); rolled back to 1\.27\.3, your data is intact\.$/);
    const states = Object.fromEntries(update.steps.map((s) => [s.name, s.state]));
    expect(states).toEqual({
      backup: 'done', image: 'done', create: 'compensated', 'stop-old': 'compensated', 'move-volumes': 'compensated',
      start: 'compensated', network: 'compensated', health: 'failed', switch: 'pending',
    });

    const row = await h.appRow(app.id);
    expect(row).toMatchObject({ status: 'running', statusReason: null, version: '1.27.3', vmid: app.vmid, previousVmid: null, activeOperationId: null });
    expect(await marker(row)).toBe('200 data of green');
    expect(await containersOf('green')).toEqual([{ vmid: app.vmid, status: 'running', volumes: 2, image: 'docker.io/library/nginx:1.27.3' }]);
    expect(await diskVolumes()).toEqual(before);
    expect((await h.inventory()).containers.every((c) => !c.lock)).toBe(true);

    expect((await h.runOperation('delete', row)).state).toBe('succeeded');
  });

  it('retire-previous removes the old container once its grace period is over, not before', async () => {
    const app = await deployWithData('retire');
    const update = await h.runOperation('update', app, { version: '1.27.5' });
    expect(update.error).toBeNull();
    const updated = await h.appRow(app.id);

    const job = h.get(RetirePreviousJob);
    await job.handle(SCHEDULED);
    expect((await containersOf('retire')).map((c) => c.vmid).sort()).toEqual([app.vmid, updated.vmid].sort());

    await h.db.getRepository(AppEntity).update({ id: app.id }, { previousKeepUntil: new Date(Date.now() - 60_000) });
    await job.handle(SCHEDULED);
    expect(await containersOf('retire')).toEqual([{ vmid: updated.vmid, status: 'running', volumes: 2, image: 'docker.io/library/nginx:1.27.5' }]);
    const retired = await h.appRow(app.id);
    expect(retired).toMatchObject({ vmid: updated.vmid, version: '1.27.5', previousVmid: null, previousVersion: null, previousKeepUntil: null });
    expect(await marker(retired)).toBe('200 data of retire');

    // Nothing to roll back to any more: the worker refuses and leaves the app as it is.
    const rollback = await h.runOperation('rollback', retired);
    expect(rollback.state).toBe('failed');
    expect(rollback.error).toBe('retire has no previous version to roll back to.');
    expect(await h.appRow(app.id)).toMatchObject({ status: 'running', vmid: updated.vmid });

    expect((await h.runOperation('delete', retired)).state).toBe('succeeded');
    expect(await containersOf('retire')).toEqual([]);
  });

  it('an update interrupted by a Proxmox outage while moving the data resumes where it stopped, without a second backup or container', async () => {
    const app = await deployWithData('resume');
    await h.sim.admin('POST', '/_sim/faults', { kind: 'http-error', status: 503, path: 'move_volume', method: 'POST', times: 1 });
    try {
      const update = await h.runOperation('update', app, { version: '1.27.5' });
      expect(update.error).toBeNull();
      expect(update.state).toBe('succeeded');
      expect(await h.logs(update)).toEqual(expect.arrayContaining([expect.stringMatching(/^Attempt 1 failed: .* Retrying\.$/)]));
    } finally {
      await h.sim.admin('DELETE', '/_sim/faults');
    }
    const row = await h.appRow(app.id);
    expect(row).toMatchObject({ version: '1.27.5', previousVmid: app.vmid, status: 'running' });
    expect(await marker(row)).toBe('200 data of resume');
    expect((await containersOf('resume')).map((c) => c.vmid).sort()).toEqual([app.vmid, row.vmid].sort());
    expect(await h.db.getRepository(BackupEntity).countBy({ appId: app.id, kind: 'pre-update' })).toBe(1);
  });

  it('a rollback whose old version fails its health check is undone: the updated version runs again and stays rollback-able', async () => {
    const app = await deployWithData('undo');
    expect((await h.runOperation('update', app, { version: '1.27.5' })).error).toBeNull();
    const updated = await h.appRow(app.id);
    await h.sim.admin('POST', '/_sim/images', { repository: 'docker.io/library/nginx', unhealthyTags: ['1.27.3'] });
    try {
      const rollback = await h.runOperation('rollback', updated);
      expect(rollback.state).toBe('failed');
      expect(rollback.error).toMatch(/^nginx-data did not become healthy within 3 s/);
    } finally {
      await h.sim.admin('POST', '/_sim/images', { repository: 'docker.io/library/nginx', healthyTags: ['1.27.3'] });
    }
    const row = await h.appRow(app.id);
    expect(row).toMatchObject({ status: 'running', version: '1.27.5', vmid: updated.vmid, previousVmid: app.vmid, previousVersion: '1.27.3' });
    expect(row.previousKeepUntil?.toISOString()).toBe(updated.previousKeepUntil?.toISOString());
    expect(await marker(row)).toBe('200 data of undo');
    expect(await containersOf('undo')).toEqual(expect.arrayContaining([
      { vmid: app.vmid, status: 'stopped', volumes: 1, image: 'docker.io/library/nginx:1.27.3' },
      { vmid: updated.vmid, status: 'running', volumes: 2, image: 'docker.io/library/nginx:1.27.5' },
    ]));
  });

  it('update-check stores the newest version for apps that check, and applies it where the policy says so', async () => {
    await h.sim.admin('POST', '/_sim/images', { repository: 'docker.io/library/nginx', tags: ['1.27.7'] });
    const checked = await deployWithData('checked');
    const unchecked = await deployWithData('unchecked');
    const policies = h.db.getRepository(AppPolicyEntity);
    await policies.save(policies.create({ appId: unchecked.id, updateCheck: false }));

    const job = h.get(UpdateCheckJob);
    await job.handle(SCHEDULED);
    const row = await h.appRow(checked.id);
    expect(row.latestVersion).toBe('1.27.7');
    expect(row.updateCheckedAt).toBeInstanceOf(Date);
    expect(await h.appRow(unchecked.id)).toMatchObject({ latestVersion: null, updateCheckedAt: null });
    expect(await h.db.getRepository(OperationEntity).countBy({ appId: checked.id, type: 'update' })).toBe(0);

    await policies.save(policies.create({ appId: checked.id, updateCheck: true, updateAutoApply: true }));
    await job.handle(SCHEDULED);
    const queued = await waitFor(() => h.db.getRepository(OperationEntity).findOneBy({ appId: checked.id, type: 'update' }).then((o) => o ?? undefined), 'the automatic update to be queued');
    expect(queued).toMatchObject({ requestedBy: 'scheduler', params: { version: '1.27.7' } });
    const done = await h.waitForOperation(queued);
    expect(done.error).toBeNull();
    expect(await h.appRow(checked.id)).toMatchObject({ version: '1.27.7', previousVersion: '1.27.3', status: 'running' });

    // A person rolled it back: the next daily check must not install 1.27.7 again by itself.
    expect((await h.runOperation('rollback', await h.appRow(checked.id))).state).toBe('succeeded');
    await job.handle(SCHEDULED);
    expect(await h.db.getRepository(OperationEntity).countBy({ appId: checked.id, type: 'update' })).toBe(1);
    expect(await h.appRow(checked.id)).toMatchObject({ version: '1.27.3', latestVersion: '1.27.7', activeOperationId: null });
  });
});
