import type { AppEntity } from '@proxdeck/server-database';
import { WorkerHarness } from '../../test/worker-harness';
import { ContainerActions } from '../processors/container-actions';

/**
 * Clones onto another node: Proxmox allows them only when the disks are on storage every node sees,
 * so the simulator gets a shared (NFS) storage and the worker puts containers there (PVE_STORAGE).
 */
describe('clone to another node over shared storage (real Postgres, Redis, pve-sim)', () => {
  const h = new WorkerHarness({ nodes: 2, sharedStorage: 'shared', env: { PVE_STORAGE: 'shared' } });
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const pve = () => h.get(ContainerActions).pve;

  async function deployedOnPve1(hostname: string): Promise<AppEntity> {
    const app = await h.insertApp(hostname, { node: 'pve1' });
    const deploy = await h.runOperation('deploy', app);
    expect(deploy.error).toBeNull();
    return h.appRow(app.id);
  }

  /** The new app row as the gateway's AppChangesService writes it: the source's settings, a new hostname, node pve2. */
  function copyRow(source: AppEntity, hostname: string): Promise<AppEntity> {
    const { name, catalogId, version, runtime, cores, memoryMb, diskGb, inputs, secretsEncrypted, envOverrides, httpPort } = source;
    return h.insertApp(hostname, { name, catalogId, version, runtime, node: 'pve2', cores, memoryMb, diskGb, inputs, secretsEncrypted, envOverrides, httpPort, status: 'provisioning' });
  }

  async function snapshotNames(app: AppEntity): Promise<string[]> {
    return (await pve().listSnapshots(app.node ?? '', app.vmid ?? 0)).map((s) => s.name).filter((n) => n !== 'current');
  }

  async function page(ip: string | null): Promise<string> {
    return (await fetch(`http://${ip}:80/`)).text();
  }

  async function removeAll(...apps: AppEntity[]): Promise<void> {
    for (const app of apps) expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
    const inv = await h.inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl')).toEqual([]);
  }

  it('copies a stopped app from pve1 to pve2: the copy runs there and serves its page, the source is untouched', async () => {
    const source = await deployedOnPve1('far-src');
    expect((await pve().containerConfig('pve1', source.vmid ?? 0)).rootfs).toMatch(/^shared:/);
    expect((await h.runOperation('stop', source)).state).toBe('succeeded');
    const before = await pve().containerConfig('pve1', source.vmid ?? 0);
    const copy = await copyRow(await h.appRow(source.id), 'far-copy');

    const clone = await h.runOperation('clone', copy, { sourceAppId: source.id });
    expect(clone.error).toBeNull();
    expect(clone.steps.find((s) => s.name === 'snapshot')?.state).toBe('skipped');
    expect((await h.logs(clone)).some((l) => l.includes('Reserved pve2, storage shared'))).toBe(true);

    const row = await h.appRow(copy.id);
    expect(row).toMatchObject({ status: 'running', node: 'pve2', hasRun: true, activeOperationId: null });
    expect((await pve().containerConfig('pve2', row.vmid ?? 0)).rootfs).toMatch(new RegExp(`^shared:${row.vmid}/`));
    expect(await page(row.ip)).toContain('far-copy');

    expect(await h.appRow(source.id)).toMatchObject({ status: 'stopped', node: 'pve1', vmid: source.vmid, activeOperationId: null });
    expect(await pve().containerConfig('pve1', source.vmid ?? 0)).toEqual(before);
    expect(await snapshotNames(source)).toEqual([]);
    const inv = await h.inventory();
    expect(inv.containers.map((c) => [c.hostname, c.node, c.status, c.lock ?? null]).sort()).toEqual([
      ['far-copy', 'pve2', 'running', null],
      ['far-src', 'pve1', 'stopped', null],
    ]);
    await removeAll(source, copy);
  });

  it('refuses a running app, whose disks on NFS cannot be snapshotted, saying to stop it; nothing is left behind', async () => {
    const source = await deployedOnPve1('busy-src');
    const copy = await copyRow(source, 'busy-copy');

    const clone = await h.runOperation('clone', copy, { sourceAppId: source.id });
    expect(clone.state).toBe('failed');
    expect(clone.error).toContain('cannot take snapshots');
    expect(clone.error).toContain('stop busy-src');
    expect(await h.app(copy.id)).toBeNull();
    expect(await snapshotNames(source)).toEqual([]);
    expect(await h.appRow(source.id)).toMatchObject({ status: 'running', activeOperationId: null });
    expect(await page(source.ip)).toContain('busy-src');
    const inv = await h.inventory();
    expect(inv.containers.map((c) => [c.hostname, c.status, c.lock ?? null])).toEqual([['busy-src', 'running', null]]);
    await removeAll(source);
  });
});
