import { BackupEntity, type AppEntity } from '@proxdeck/server-database';
import { dataAppCatalog } from '../../test/data-app-catalog';
import { WorkerHarness } from '../../test/worker-harness';

/**
 * The app's data survives every operation that copies or moves it, on a simulator that archives
 * only what Proxmox archives (a mount point with backup=1, pve-container Config.pm
 * `mountpoint_backup_enabled`), on the release as shipped (9.1, pve-container 6.0) and the current
 * one (9.2, 6.1). nginx-data keeps a marker on its data volume (mp0), not on its root disk.
 */
describe.each(['9.2', '9.1.4'])('app data through every operation on Proxmox VE %s (real Postgres, Redis, pve-sim)', (pveVersion) => {
  const catalog = dataAppCatalog();
  const h = new WorkerHarness({ nodes: 1, pveVersion, env: { PROXDECK_CATALOG_DIRS: catalog.dir } });
  beforeAll(() => h.start());
  afterAll(async () => {
    await h.stop();
    catalog.remove();
  });

  const dataUrl = (app: AppEntity, key: string) => `http://${app.ip}:80/.sim-data/${key}`;
  const write = async (app: AppEntity, value: string) => {
    expect((await fetch(dataUrl(app, 'marker'), { method: 'PUT', body: value })).status).toBe(200);
  };
  const marker = async (app: AppEntity) => (await fetch(dataUrl(await h.appRow(app.id), 'marker'))).text();
  const succeeded = async (type: Parameters<WorkerHarness['runOperation']>[0], app: AppEntity, params: Record<string, unknown> = {}) => {
    const op = await h.runOperation(type, await h.appRow(app.id), params);
    expect({ type, error: op.error, state: op.state }).toEqual({ type, error: null, state: 'succeeded' });
    return op;
  };
  const rowLike = (source: AppEntity, hostname: string) => {
    const { name, catalogId, version, runtime, node, cores, memoryMb, diskGb, inputs, secretsEncrypted, envOverrides, httpPort } = source;
    return h.insertApp(hostname, { name, catalogId, version, runtime, node, cores, memoryMb, diskGb, inputs, secretsEncrypted, envOverrides, httpPort });
  };
  const rawLxc = async (app: AppEntity) => (await h.pve.containerConfig(app.node ?? '', app.vmid ?? 0))['lxc'];
  const backupOf = async (app: AppEntity) => {
    const op = await succeeded('backup', app, { kind: 'manual' });
    return h.db.getRepository(BackupEntity).findOneByOrFail({ operationId: op.id });
  };

  it('backup, restore as new and in place, update, rollback and clone each find the data on the data volume', async () => {
    const app = await h.insertApp('safe', { name: 'nginx-data', catalogId: 'nginx-data' });
    await succeeded('deploy', app);
    const deployed = await h.appRow(app.id);
    expect(String((await h.pve.containerConfig(deployed.node ?? '', deployed.vmid ?? 0)).mp0)).toContain('backup=1');
    await write(deployed, 'v1');

    const b = await backupOf(deployed);
    await write(deployed, 'v2');
    const copy = await rowLike(deployed, 'safe-copy');
    const restore = await succeeded('restore', copy, { backupId: b.id, target: 'new' });
    expect(await marker(copy)).toBe('v1');
    // A token's restore loses the image's raw lxc options (Create.pm sanitize_and_merge_config): said, not hidden.
    const said = await h.logs(restore);
    expect(said).toContain('Proxmox warned: skipping custom lxc options, restore manually as root:');
    expect(said.some((l) => l.includes("without its image's user, working directory and stop signal") && l.includes('from the image'))).toBe(true);
    expect(restore.steps.find((s) => s.name === 'rebuild')?.state).toBe('done');
    // ... and the container is made from the image again: nginx's stop signal is back (Create.pm L780-781).
    expect(await rawLxc(await h.appRow(copy.id))).toContainEqual(['lxc.signal.halt', 'SIGQUIT']);

    const inPlace = await succeeded('restore', deployed, { backupId: b.id, target: 'in-place' });
    expect(inPlace.steps.find((s) => s.name === 'rebuild')?.state).toBe('done');
    expect(await marker(deployed)).toBe('v1');

    await write(await h.appRow(app.id), 'v3');
    await succeeded('update', deployed);
    expect((await h.appRow(app.id)).version).not.toBe('1.27.3');
    expect(await marker(deployed)).toBe('v3');
    await succeeded('rollback', deployed);
    expect(await marker(deployed)).toBe('v3');

    const clone = await rowLike(await h.appRow(app.id), 'safe-clone');
    await succeeded('clone', clone, { sourceAppId: app.id });
    expect(await marker(clone)).toBe('v3');
  });

  it('a token\'s restore of an app that runs from its working directory (memos: ./memos) makes its container from the image again, with the data, new and in place', async () => {
    const memosData = async (app: AppEntity, value?: string) => {
      const row = await h.appRow(app.id);
      const res = await fetch(`http://${row.ip}:5230/.sim-data/marker`, value === undefined ? {} : { method: 'PUT', body: value });
      return value === undefined ? res.text() : String(res.status);
    };
    const app = await h.insertApp('notes', { name: 'Memos', catalogId: 'memos', version: '0.23.0', httpPort: 5230 });
    await succeeded('deploy', app);
    expect(await memosData(app, 'my notes')).toBe('200');
    const b = await backupOf(await h.appRow(app.id));
    await memosData(app, 'later notes');

    const node = (await h.appRow(app.id)).node ?? '';
    const containerCount = async () => (await h.pve.listContainers(node)).length;
    const count = await containerCount();
    const copy = await rowLike(await h.appRow(app.id), 'notes-copy');
    await succeeded('restore', copy, { backupId: b.id, target: 'new' });
    const restored = await h.appRow(copy.id);
    expect(await rawLxc(restored)).toContainEqual(['lxc.init.cwd', '/usr/local/memos']);
    expect(await memosData(copy)).toBe('my notes');
    // One container more: the restored one, without its raw options, is gone.
    expect(await containerCount()).toBe(count + 1);

    const before = (await h.appRow(app.id)).vmid;
    await succeeded('restore', app, { backupId: b.id, target: 'in-place' });
    const after = await h.appRow(app.id);
    expect(after.vmid).not.toBe(before);
    expect(await rawLxc(after)).toContainEqual(['lxc.init.cwd', '/usr/local/memos']);
    expect(await memosData(app)).toBe('my notes');
  });

  it('an app deployed before data volumes carried backup=1 gets it, and a restart, before its backup: the archive holds its data', async () => {
    const app = await h.insertApp('legacy', { name: 'nginx-data', catalogId: 'nginx-data' });
    await succeeded('deploy', app);
    const row = await h.appRow(app.id);
    const node = row.node ?? '';
    const vmid = row.vmid ?? 0;
    // As an older Proxdeck left it: the data volume without backup=1 (changed while stopped, so at once).
    await succeeded('stop', row);
    const mp0 = String((await h.pve.containerConfig(node, vmid)).mp0);
    await h.pve.updateContainerConfig(node, vmid, { mp: { 0: mp0.replace(',backup=1', '') } });
    expect(String((await h.pve.containerConfig(node, vmid)).mp0)).not.toContain('backup');
    await succeeded('start', row);
    await write(await h.appRow(app.id), 'legacy data');

    const op = await succeeded('backup', row, { kind: 'manual' });
    const logs = await h.logs(op);
    expect(logs).toContain(`Data volumes mp0 of container ${vmid} now go into backups (backup=1)`);
    expect(logs.some((l) => l.startsWith(`Restarting container ${vmid} once so its data volumes go into this backup: done`))).toBe(true);
    const b = await h.db.getRepository(BackupEntity).findOneByOrFail({ operationId: op.id });
    const copy = await rowLike(await h.appRow(app.id), 'legacy-copy');
    await succeeded('restore', copy, { backupId: b.id, target: 'new' });
    expect(await marker(copy)).toBe('legacy data');
  });
});
