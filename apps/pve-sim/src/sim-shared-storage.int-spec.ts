import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { dhcpAddress } from './network/container-ip';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, taskLog, waitTask } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';
const GiB = 1024 ** 3;

describe('pve-sim --shared-storage: one NFS storage every node sees', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const ok = async (node: string, upid: Promise<string>): Promise<string> => {
    const id = await upid;
    const status = await waitTask(api, node, id);
    expect(status.exitstatus).toBe('OK');
    return id;
  };
  const volids = async (node: string, content?: string): Promise<string[]> =>
    (await api.nodes.$(node).storage.$('shared').content.$get(content ? { content: content as 'backup' } : {})).map((v) => v.volid);

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0, nodes: 3, sharedStorage: 'shared' });
    ({ api, engine } = clientFor(sim));
    await ok('pve1', ociPull(engine, 'pve1', 'local', 'docker.io/traefik/whoami:v1.10.3'));
    await ok('pve1', api.nodes.$('pve1').lxc.$post({ vmid: 300, hostname: 'web', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'shared:2', net0: NET0 }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('is listed in /storage, per node and in /cluster/resources as shared, with one pool of space', async () => {
    const config = await engine.doRequest('GET', '/api2/json/storage', '', {});
    expect(config).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ storage: 'shared', type: 'nfs', shared: 1, content: 'rootdir,images,backup', path: '/mnt/pve/shared' }),
        expect.objectContaining({ storage: 'local-lvm', type: 'lvmthin', vgname: 'pve', thinpool: 'data' }),
      ]),
    );
    expect((config as Array<Record<string, unknown>>).find((s) => s.storage === 'local')).not.toHaveProperty('shared');
    expect(await engine.doRequest('GET', '/api2/json/storage', '', { type: 'nfs' })).toHaveLength(1);
    expect(await engine.doRequest('GET', '/api2/json/storage/shared', '', {})).toMatchObject({ storage: 'shared', type: 'nfs', digest: expect.stringMatching(/^[0-9a-f]{40}$/) });

    const perNode = await Promise.all(['pve1', 'pve2', 'pve3'].map(async (n) => (await api.nodes.$(n).storage.$get({ content: 'rootdir' })).find((s) => s.storage === 'shared')));
    for (const item of perNode) expect(item).toMatchObject({ type: 'nfs', shared: 1, active: 1, enabled: 1, total: 2048 * GiB, used: 122 * GiB });
    const local = (await api.nodes.$('pve1').storage.$get()).find((s) => s.storage === 'local-lvm');
    expect(local).toMatchObject({ shared: 0 });

    const resources = (await api.cluster.resources.$get({ type: 'storage' })).filter((r) => r.storage === 'shared');
    expect(resources.map((r) => [r.id, r.shared, r.disk])).toEqual([
      ['storage/pve1/shared', 1, 122 * GiB],
      ['storage/pve2/shared', 1, 122 * GiB],
      ['storage/pve3/shared', 1, 122 * GiB],
    ]);
  });

  it('puts container disks there as raw files that every node lists', async () => {
    expect((await api.nodes.$('pve1').lxc.$(300).config.$get()).rootfs).toBe('shared:300/vm-300-disk-0.raw,size=2G');
    expect(await volids('pve3')).toEqual(['shared:300/vm-300-disk-0.raw']);
    expect(await api.nodes.$('pve2').storage.$('shared').content.$('shared:300/vm-300-disk-0.raw').$get()).toMatchObject({ path: '/mnt/pve/shared/images/300/vm-300-disk-0.raw', size: 2 * GiB });
  });

  it('offers no snapshots on it (raw files): the task fails, and vzdump falls back to suspend mode', async () => {
    const upid = await api.nodes.$('pve1').lxc.$(300).snapshot.$post({ snapname: 'before' });
    expect(await waitTask(api, 'pve1', upid)).toMatchObject({ exitstatus: 'snapshot feature is not available' });
    expect((await api.nodes.$('pve1').lxc.$(300).config.$get()).lock).toBeUndefined();
    await ok('pve1', api.nodes.$('pve1').lxc.$(300).status.start.$post());
    const dump = await ok('pve1', api.nodes.$('pve1').vzdump.$post({ vmid: '300', storage: 'shared', mode: 'snapshot', compress: 'zstd' }));
    const log = await taskLog(api, 'pve1', dump);
    expect(log).toEqual(expect.arrayContaining(['INFO: mode failure - some volumes do not support snapshots', "INFO: trying 'suspend' mode instead", 'INFO: backup mode: suspend']));
    await ok('pve1', api.nodes.$('pve1').lxc.$(300).status.stop.$post());
  });

  it('clones to another node only when every disk lands on the shared storage', async () => {
    await ok('pve1', api.nodes.$('pve1').lxc.$post({ vmid: 310, hostname: 'local', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:1', net0: NET0 }));
    await expect(api.nodes.$('pve1').lxc.$(310).clone.$post({ newid: 311, target: 'pve2' })).rejects.toThrow("can't clone CT to node 'pve2' (CT uses local storage)");
    // With `storage`, the storage checked is the target one (pve-container src/PVE/API2/LXC.pm L2076-2081).
    await ok('pve1', api.nodes.$('pve1').lxc.$(310).clone.$post({ newid: 311, target: 'pve2', storage: 'shared' }));
    expect((await api.nodes.$('pve2').lxc.$(311).config.$get()).rootfs).toBe('shared:311/vm-311-disk-0.raw,size=1G');
    await ok('pve2', api.nodes.$('pve2').lxc.$(311).$delete({ purge: true }));
    await expect(api.nodes.$('pve1').lxc.$(300).clone.$post({ newid: 301, target: 'pve2', storage: 'local-lvm' })).rejects.toThrow("can't clone to non-shared storage 'local-lvm'");
    expect((await api.nodes.$('pve1').lxc.$(300).config.$get()).lock).toBeUndefined();

    const upid = await ok('pve1', api.nodes.$('pve1').lxc.$(300).clone.$post({ newid: 301, hostname: 'web-copy', target: 'pve2', storage: 'shared', full: true }));
    expect(upid).toContain(':vzclone:300:');
    expect((await api.nodes.$('pve2').lxc.$(301).config.$get()).rootfs).toBe('shared:301/vm-301-disk-0.raw,size=2G');
    expect((await api.nodes.$('pve1').lxc.$get()).map((c) => Number(c.vmid)).sort()).toEqual([300, 310]);
    await ok('pve2', api.nodes.$('pve2').lxc.$(301).status.start.$post());
    expect((await rawRequest(`http://${dhcpAddress(301)}/`)).body).toContain('Hostname: web-copy');
    await ok('pve2', api.nodes.$('pve2').lxc.$(301).status.stop.$post());
    await ok('pve2', api.nodes.$('pve2').lxc.$(301).$delete({ purge: true }));
    await ok('pve1', api.nodes.$('pve1').lxc.$(310).$delete({ purge: true }));
    expect(await volids('pve1', 'rootdir')).toEqual(['shared:300/vm-300-disk-0.raw']);
  });

  it('migrates a stopped CT on it by moving only the config', async () => {
    const upid = await ok('pve1', api.nodes.$('pve1').lxc.$(300).migrate.$post({ target: 'pve3' }));
    // Migrate.pm L226-230: a shared volume is only logged.
    expect(await taskLog(api, 'pve1', upid)).toEqual(expect.arrayContaining([expect.stringMatching(/ volume 'shared:300\/vm-300-disk-0.raw' is on shared storage 'shared'$/)]));
    expect((await taskLog(api, 'pve1', upid)).some((l) => l.includes('found local volume'))).toBe(false);
    expect((await api.nodes.$('pve3').lxc.$(300).config.$get()).rootfs).toBe('shared:300/vm-300-disk-0.raw,size=2G');
    expect(sim.context.state.volume('pve3', 'shared:300/vm-300-disk-0.raw')).toBe(sim.context.state.volume('pve1', 'shared:300/vm-300-disk-0.raw'));
    await ok('pve3', api.nodes.$('pve3').lxc.$(300).status.start.$post());
    expect((await rawRequest(`http://${dhcpAddress(300)}/`)).body).toContain('Hostname: web');
    await ok('pve3', api.nodes.$('pve3').lxc.$(300).status.stop.$post());
  });

  it('keeps backups visible from every node and restores them on any node', async () => {
    const backups = await volids('pve2', 'backup');
    expect(backups).toHaveLength(1);
    expect(await volids('pve1', 'backup')).toEqual(backups);
    await ok('pve3', api.nodes.$('pve3').vzdump.$post({ vmid: '300', storage: 'shared', 'prune-backups': 'keep-last=2' }));
    expect(await volids('pve1', 'backup')).toHaveLength(2);
    // A token's restore drops the image's raw lxc keys, with a warning (see sim-oci-create).
    const restore = await api.nodes.$('pve2').lxc.$post({ vmid: 320, ostemplate: backups[0], restore: true, storage: 'shared' });
    expect((await waitTask(api, 'pve2', restore)).exitstatus).toBe('WARNINGS: 1');
    expect((await api.nodes.$('pve2').lxc.$(320).config.$get()).rootfs).toBe('shared:320/vm-320-disk-0.raw,size=2G');
    await ok('pve2', api.nodes.$('pve2').lxc.$(320).$delete({ purge: true }));
    await ok('pve3', api.nodes.$('pve3').lxc.$(300).$delete({ purge: true }));
    expect(await volids('pve2', 'rootdir')).toEqual([]);
    for (const volid of await volids('pve1', 'backup')) await ok('pve1', api.nodes.$('pve1').storage.$('shared').content.$(volid).$delete());
    expect(await volids('pve3')).toEqual([]);
  });

  it('does not exist unless asked for', async () => {
    const plain = await startSim({ http: true, taskSpeed: 0, nodes: 1 });
    try {
      const { api: other, engine: otherEngine } = clientFor(plain);
      expect((await other.nodes.$('pve1').storage.$get()).map((s) => s.storage)).toEqual(['local', 'local-lvm']);
      expect((await otherEngine.doRequest('GET', '/api2/json/storage', '', {}) as Array<{ storage: string }>).map((s) => s.storage)).toEqual(['local', 'local-lvm']);
    } finally {
      await plain.close();
    }
    await expect(startSim({ http: true, sharedStorage: 'local' })).rejects.toThrow(/taken by a node-local storage/);
  });
});
