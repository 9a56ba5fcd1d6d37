import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, taskLog, waitTask } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';
const NGINX = 'local:vztmpl/nginx_1.27.3.tar';

/**
 * Mount points through `PUT .../config` (pve-container src/PVE/LXC/Config.pm `update_pct_config`
 * L1301-1399, `vmconfig_hotplug_pending` L1624-1747, `apply_pending_mountpoint` L1855-1895) and
 * the options each pve-container version knows (`$mp_desc`).
 */
describe('pve-sim: mount points in config changes', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const ct = (vmid: number) => api.nodes.$('pve1').lxc.$(vmid);
  const config = async (vmid: number) => (await engine.doRequest('GET', `/api2/json/nodes/pve1/lxc/${vmid}/config`, '', { current: '1' })) as Record<string, unknown>;
  const put = (vmid: number, params: Record<string, string>) => engine.doRequest('PUT', `/api2/json/nodes/pve1/lxc/${vmid}/config`, '', params);
  const ok = async (upid: Promise<string>) => expect((await waitTask(api, 'pve1', await upid)).exitstatus).toBe('OK');

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    ({ api, engine } = clientFor(sim));
    await ok(ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.3'));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('STORAGE:SIZE allocates a volume at once on a stopped CT, printed volume first, then mp, then the rest sorted', async () => {
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 800, ostemplate: NGINX, rootfs: 'local-lvm:1', net0: NET0 }));
    await put(800, { mp0: 'local-lvm:2,backup=yes,mp=/data' });
    expect((await config(800))['mp0']).toBe('local-lvm:vm-800-disk-1,mp=/data,backup=1,size=2G');
  });

  it('changing an existing mount point of a running CT waits for the next start; delete=mpN keeps the volume as unusedN', async () => {
    await ok(ct(800).status.start.$post());
    await put(800, { mp0: 'local-lvm:vm-800-disk-1,mp=/data,backup=0' });
    expect((await config(800))['mp0']).toBe('local-lvm:vm-800-disk-1,mp=/data,backup=1,size=2G');
    await ok(ct(800).status.reboot.$post());
    expect((await config(800))['mp0']).toBe('local-lvm:vm-800-disk-1,mp=/data,backup=0,size=2G');
    await ok(ct(800).status.stop.$post());
    await put(800, { delete: 'mp0' });
    const conf = await config(800);
    expect([conf['mp0'], conf['unused0']]).toEqual([undefined, 'local-lvm:vm-800-disk-1']);
    await put(800, { delete: 'unused0' });
    const volumes = (await api.nodes.$('pve1').storage.$('local-lvm').content.$get({ vmid: 800 })).map((v) => v.volid);
    expect(volumes).toEqual(['local-lvm:vm-800-disk-0']);
  });

  it('refuses what $mp_desc does not know, naming the key: a bad boolean, and keepattrs before pve-container 6.1.2', async () => {
    await expect(put(800, { mp1: 'local-lvm:1,mp=/x,backup=maybe' })).rejects.toThrow(/type check \('boolean'\) failed - got 'maybe'/);
    const old = await startSim({ http: true, taskSpeed: 0, pveVersion: '9.1.4' });
    try {
      const { engine: oldEngine } = clientFor(old);
      await expect(
        oldEngine.doRequest('POST', '/api2/json/nodes/pve1/lxc', '', { vmid: '801', ostemplate: NGINX, rootfs: 'local-lvm:1', mp0: 'local-lvm:1,mp=/data,keepattrs=1' }),
      ).rejects.toThrow(/invalid key in comma-separated list property: keepattrs/);
    } finally {
      await old.close();
    }
  });

  it('destroy frees the volumes the config names, unused ones included, and purge says so (LXC.pm L1023-1064, L908-917)', async () => {
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 810, ostemplate: NGINX, rootfs: 'local-lvm:1', net0: NET0 }));
    await put(810, { mp0: 'local-lvm:1,mp=/data' });
    await put(810, { delete: 'mp0' });
    expect((await config(810))['unused0']).toBe('local-lvm:vm-810-disk-1');
    const upid = await ct(810).$delete({ purge: true });
    expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe('OK');
    expect(await taskLog(api, 'pve1', upid)).toContain('purging CT 810 from related configurations..');
    expect(await api.nodes.$('pve1').storage.$('local-lvm').content.$get({ vmid: 810 })).toEqual([]);
  });

  it("mount points without rootfs are refused before anything is made (API2/LXC.pm L386-387)", async () => {
    await expect(engine.doRequest('POST', '/api2/json/nodes/pve1/lxc', '', { vmid: '802', ostemplate: NGINX, mp0: 'local-lvm:1,mp=/data' })).rejects.toThrow(/mount points configured, but 'rootfs' not set - aborting/);
  });
});
