import { AppEntity, BackupEntity, IpAllocationEntity, SettingsEntity } from '@proxdeck/server-database';
import { dataAppCatalog } from '../../test/data-app-catalog';
import { WorkerHarness } from '../../test/worker-harness';
import { SettingsSync } from '../infrastructure/settings-sync.service';
import { ContainerActions } from '../processors/container-actions';

describe('static address pool (real Postgres, Redis, pve-sim)', () => {
  const catalog = dataAppCatalog();
  const h = new WorkerHarness({ nodes: 1, env: { PROXDECK_CATALOG_DIRS: catalog.dir } });
  const pool = { mode: 'static' as const, from: '127.88.0.10', to: '127.88.0.12', prefix: 8, gateway: '127.0.0.1' };

  beforeAll(async () => {
    await h.start();
    await h.db.getRepository(SettingsEntity).save({ id: 1, values: { defaults: { network: pool } }, secretsEncrypted: null, updatedBy: 'admin' });
    expect(await h.get(SettingsSync).refresh()).toBe(true);
  });
  afterAll(async () => {
    await h.stop();
    catalog.remove();
  });

  async function deployed(hostname: string, overrides: Partial<AppEntity> = {}): Promise<AppEntity> {
    const app = await h.insertApp(hostname, overrides);
    const deploy = await h.runOperation('deploy', app);
    expect(deploy.error).toBeNull();
    return h.appRow(app.id);
  }

  async function page(ip: string | null): Promise<string> {
    return (await fetch(`http://${ip}:80/`)).text();
  }

  async function net0(app: AppEntity): Promise<string | undefined> {
    return (await h.get(ContainerActions).pve.containerConfig(app.node ?? '', app.vmid ?? 0)).net0;
  }

  async function allocations(): Promise<[string, string][]> {
    const rows = await h.db.getRepository(IpAllocationEntity).find({ order: { ip: 'ASC' } });
    return rows.map((r) => [r.ip, r.appId]);
  }

  it('gives each new container the lowest free address, refuses when the pool is used up, and frees an address with its app', async () => {
    const first = await deployed('static-one');
    const second = await deployed('static-two');
    expect([first.ip, second.ip]).toEqual(['127.88.0.10', '127.88.0.11']);
    expect(await page(first.ip)).toContain('static-one');
    expect(await page(second.ip)).toContain('static-two');
    expect(await net0(first)).toContain('ip=127.88.0.10/8');
    expect(await net0(first)).toContain('gw=127.0.0.1');

    // The copy of a running app comes up on an address of its own, not the source's.
    const copyRow = await h.insertApp('static-copy', { node: first.node });
    const clone = await h.runOperation('clone', copyRow, { sourceAppId: first.id });
    expect(clone.error).toBeNull();
    const copy = await h.appRow(copyRow.id);
    expect(copy.ip).toBe('127.88.0.12');
    expect(await page(copy.ip)).toContain('static-copy');
    expect(await page(first.ip)).toContain('static-one');
    expect(await allocations()).toEqual([['127.88.0.10', first.id], ['127.88.0.11', second.id], ['127.88.0.12', copy.id]]);

    // A fourth app finds the pool used up: the deploy fails saying so and leaves nothing behind.
    const before = (await h.inventory()).containers.map((c) => c.vmid).sort();
    const fourth = await h.insertApp('static-four');
    const refused = await h.runOperation('deploy', fourth);
    expect(refused.state).toBe('failed');
    expect(refused.error).toContain('The static address pool 127.88.0.10-127.88.0.12 is used up;');
    expect(await h.db.getRepository(AppEntity).findOneBy({ id: fourth.id })).toBeNull();
    expect((await h.inventory()).containers.map((c) => c.vmid).sort()).toEqual(before);
    expect(await allocations()).toHaveLength(3);

    // Deleting an app frees its address for the next deploy.
    expect((await h.runOperation('delete', await h.appRow(second.id))).state).toBe('succeeded');
    expect((await allocations()).map(([ip]) => ip)).toEqual(['127.88.0.10', '127.88.0.12']);
    const fifth = await deployed('static-five');
    expect(fifth.ip).toBe('127.88.0.11');
    expect(await page(fifth.ip)).toContain('static-five');

    for (const app of [first, copy, fifth]) expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
    expect((await h.inventory()).containers).toEqual([]);
    expect(await allocations()).toEqual([]);
  });

  it('restores a backup as a new app on an address of its own; an update keeps the app on its address', async () => {
    const source = await deployed('static-data', { name: 'nginx-data', catalogId: 'nginx-data' });
    expect(source.ip).toBe('127.88.0.10');
    const backupOp = await h.runOperation('backup', source, { kind: 'manual' });
    expect(backupOp.error).toBeNull();
    const backup = await h.db.getRepository(BackupEntity).findOneByOrFail({ operationId: backupOp.id });

    const restoredRow = await h.insertApp('static-restored', { name: 'nginx-data', catalogId: 'nginx-data', node: backup.node });
    const restore = await h.runOperation('restore', restoredRow, { backupId: backup.id, target: 'new' });
    expect(restore.error).toBeNull();
    const restored = await h.appRow(restoredRow.id);
    expect(restored.ip).toBe('127.88.0.11');
    expect(await page(restored.ip)).toContain('static-restored');
    expect(await page(source.ip)).toContain('static-data');

    // Blue/green: the new container is created stopped and takes the address once the old one stopped.
    const update = await h.runOperation('update', await h.appRow(source.id));
    expect(update.error).toBeNull();
    const updated = await h.appRow(source.id);
    expect(updated.vmid).not.toBe(source.vmid);
    expect(updated.ip).toBe('127.88.0.10');
    expect(await page(updated.ip)).toContain('static-data');
    expect(await net0(updated)).toContain('ip=127.88.0.10/8');
    expect(await allocations()).toEqual([['127.88.0.10', source.id], ['127.88.0.11', restored.id]]);

    for (const app of [updated, restored]) expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
    expect((await h.inventory()).containers).toEqual([]);
    expect(await allocations()).toEqual([]);
  });
});
