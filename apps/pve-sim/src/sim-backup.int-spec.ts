import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { dhcpAddress } from './network/container-ip';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, taskLog, waitTask } from './test-support/sim-client';

interface BackupItem {
  volid: string;
  content: string;
  format: string;
  subtype?: string;
  vmid?: number;
  notes?: string;
  protected?: number;
  size: number;
}

describe('pve-sim: vzdump, backup content and restore through proxmox-api', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const backups = async (): Promise<BackupItem[]> => (await api.nodes.$('pve1').storage.$('local').content.$get({ content: 'backup' })) as BackupItem[];
  const vzdump = (params: Record<string, unknown>): Promise<string> => engine.doRequest('POST', '/api2/json/nodes/pve1/vzdump', '', params) as Promise<string>;

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    ({ api, engine } = clientFor(sim));
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.4'));
    const create = await api.nodes.$('pve1').lxc.$post({
      vmid: 300,
      hostname: 'shop',
      ostemplate: 'local:vztmpl/nginx_1.27.4.tar',
      rootfs: 'local-lvm:4',
      mp0: 'local-lvm:2,mp=/data',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      start: true,
    });
    await waitTask(api, 'pve1', create);
  });

  afterAll(async () => {
    await sim.close();
  });

  it('backs up a running CT with notes and protection, holding lock: backup meanwhile', async () => {
    const upid = await vzdump({ vmid: '300', storage: 'local', mode: 'snapshot', compress: 'zstd', 'notes-template': '{{guestname}} by proxdeck', protected: 1 });
    expect(upid).toContain(':vzdump:300:');
    expect((await api.nodes.$('pve1').lxc.$(300).config.$get()).lock).toBe('backup');
    expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe('OK');
    const log = await taskLog(api, 'pve1', upid);
    expect(log[0]).toMatch(/^INFO: starting new backup job: vzdump 300 /);
    expect(log).toContain('INFO: backup mode: snapshot');
    expect(log.slice(-2)).toEqual(['INFO: Backup job finished successfully', 'TASK OK']);
    const list = await backups();
    expect(list).toEqual([expect.objectContaining({ content: 'backup', format: 'tar.zst', subtype: 'lxc', vmid: 300, notes: 'shop by proxdeck', protected: 1 })]);
    expect(list[0].volid).toMatch(/^local:backup\/vzdump-lxc-300-\d{4}_\d{2}_\d{2}-\d{2}_\d{2}_\d{2}\.tar\.zst$/);
    expect((await api.nodes.$('pve1').lxc.$(300).config.$get()).lock).toBeUndefined();
  });

  it('refuses to delete a protected archive in the task, until unprotected (Plugin.pm L1124-1125)', async () => {
    const [archive] = await backups();
    const failed = await waitTask(api, 'pve1', await api.nodes.$('pve1').storage.$('local').content.$(archive.volid).$delete());
    expect(failed.exitstatus).toBe(`cannot remove protected volume '${archive.volid.slice('local:'.length)}' on 'local'`);
    await api.nodes.$('pve1').storage.$('local').content.$(archive.volid).$put({ protected: false, notes: 'kept\nsecond line' });
    expect((await backups())[0]).toMatchObject({ notes: 'kept' });
    expect((await backups())[0].protected).toBeUndefined();
  });

  it('prunes with keep-last and fails visibly for unknown guests', async () => {
    for (let i = 0; i < 2; i++) await waitTask(api, 'pve1', await vzdump({ vmid: '300', compress: 'zstd', 'prune-backups': 'keep-last=2' }));
    expect((await backups()).length).toBe(2);
    const bad = await waitTask(api, 'pve1', await vzdump({ vmid: '300,999' }));
    expect(bad.exitstatus).toBe('job errors');
    expect(await taskLog(api, 'pve1', bad.upid)).toContain("ERROR: Backup of VM 999 failed - unable to find VM '999'");
  });

  it('prunes with keep-daily: the newest of today stays, protected archives neither count nor go', async () => {
    await waitTask(api, 'pve1', await vzdump({ vmid: '300', protected: 1 }));
    const before = await backups();
    const unprotected = before.filter((b) => b.protected !== 1).length;
    expect(unprotected).toBeGreaterThanOrEqual(2);
    const upid = await vzdump({ vmid: '300', compress: 'zstd', 'prune-backups': 'keep-daily=1,keep-weekly=2' });
    expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe('OK');
    expect(await taskLog(api, 'pve1', upid)).toEqual(expect.arrayContaining(['INFO: prune older backups with retention: keep-daily=1, keep-weekly=2', `INFO: pruned ${unprotected} backup(s)`]));
    const after = await backups();
    expect(after).toHaveLength(2);
    expect(after.filter((b) => b.protected === 1).map((b) => b.volid)).toEqual(before.filter((b) => b.protected === 1).map((b) => b.volid));
    expect(after.some((b) => !before.some((o) => o.volid === b.volid))).toBe(true);
  });

  it('runs one vzdump per node at a time: the second waits for the global lock', async () => {
    const [a, b] = await Promise.all([vzdump({ vmid: '300' }), vzdump({ vmid: '300' })]);
    const [sa, sb] = await Promise.all([waitTask(api, 'pve1', a), waitTask(api, 'pve1', b)]);
    expect([sa.exitstatus, sb.exitstatus]).toEqual(['OK', 'OK']);
    const logs = await Promise.all([taskLog(api, 'pve1', a), taskLog(api, 'pve1', b)]);
    expect(logs.filter((l) => l.includes('INFO: trying to get global lock - waiting...'))).toHaveLength(1);
  });

  it('restores into a new CT, and in place with force once the CT is stopped', async () => {
    const archive = (await backups()).find((b) => b.format === 'tar.zst');
    if (!archive) throw new Error('no zstd archive');
    const upid = await api.nodes.$('pve1').lxc.$post({ vmid: 301, ostemplate: archive.volid, restore: true, storage: 'local-lvm', hostname: 'shop-restored', start: true });
    const status = await waitTask(api, 'pve1', upid);
    // An API token restores without the raw lxc keys (lxc.signal.halt and the like): PVE warns (Create.pm L553-566).
    expect(status).toMatchObject({ type: 'vzrestore', exitstatus: 'WARNINGS: 1' });
    expect(await taskLog(api, 'pve1', upid)).toEqual(expect.arrayContaining([`recovering backed-up configuration from '${archive.volid}'`, `restoring '${archive.volid}' now..`]));
    expect(await api.nodes.$('pve1').lxc.$(301).config.$get()).toMatchObject({ hostname: 'shop-restored', rootfs: 'local-lvm:vm-301-disk-0,size=4G', mp0: 'local-lvm:vm-301-disk-1,mp=/data,size=2G' });
    const page = await rawRequest(`http://${dhcpAddress(301)}/`);
    expect(page.body).toContain('Welcome to nginx!');

    await expect(api.nodes.$('pve1').lxc.$post({ vmid: 300, ostemplate: archive.volid, restore: true, storage: 'local-lvm' })).rejects.toThrow(/CT 300 already exists on node 'pve1'/);
    await expect(api.nodes.$('pve1').lxc.$post({ vmid: 300, ostemplate: archive.volid, restore: true, storage: 'local-lvm', force: true })).rejects.toThrow(/can't overwrite running container/);
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(300).status.stop.$post());
    expect((await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 300, ostemplate: archive.volid, restore: true, storage: 'local-lvm', force: true }))).exitstatus).toBe('WARNINGS: 1');
    expect((await api.nodes.$('pve1').lxc.$(300).config.$get()).hostname).toBe('shop');
    // The new disks are made first (the next free names), then the old ones go (LXC.pm L529-545).
    const disks = await api.nodes.$('pve1').storage.$('local-lvm').content.$get({ vmid: 300 });
    expect(disks.map((d) => d.volid)).toEqual(['local-lvm:vm-300-disk-2', 'local-lvm:vm-300-disk-3']);
    await expect(api.nodes.$('pve1').lxc.$post({ vmid: 302, ostemplate: 'local:vztmpl/nginx_1.27.4.tar', restore: true, storage: 'local-lvm' })).rejects.toThrow(
      /unable to use volume local:vztmpl\/nginx_1.27.4.tar - content type needs to be 'backup'/,
    );
  });

  it('a restore given rootfs makes only the disks given: the archived mount points are dropped (Create.pm L540)', async () => {
    const archive = (await backups()).find((b) => b.format === 'tar.zst');
    if (!archive) throw new Error('no zstd archive');
    const upid = await api.nodes.$('pve1').lxc.$post({ vmid: 303, ostemplate: archive.volid, restore: true, rootfs: 'local-lvm:6' });
    expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe('WARNINGS: 1');
    const conf = (await api.nodes.$('pve1').lxc.$(303).config.$get()) as Record<string, unknown>;
    expect([conf['rootfs'], conf['mp0']]).toEqual(['local-lvm:vm-303-disk-0,size=6G', undefined]);
    await expect(api.nodes.$('pve1').lxc.$post({ vmid: 304, ostemplate: archive.volid, restore: true, mp0: 'local-lvm:1,mp=/data' })).rejects.toThrow(/mount points configured, but 'rootfs' not set - aborting/);
  });
});
