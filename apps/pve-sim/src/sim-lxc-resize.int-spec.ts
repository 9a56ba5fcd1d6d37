import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, taskLog, waitTask, type TaskStatus } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';

/** `PUT .../resize` against pve-container src/PVE/API2/LXC.pm `resize_vm` L2306-2477. */
describe('pve-sim: resize as resize_vm does it', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const ct = (vmid: number) => api.nodes.$('pve1').lxc.$(vmid);
  const resize = (vmid: number, params: Record<string, unknown>, as: ProxmoxEngine = engine): Promise<string> =>
    as.doRequest('PUT', `/api2/json/nodes/pve1/lxc/${vmid}/resize`, '', params) as Promise<string>;
  const done = async (upid: Promise<string>): Promise<TaskStatus> => waitTask(api, 'pve1', await upid);
  const ok = async (upid: Promise<string>): Promise<void> => {
    expect((await done(upid)).exitstatus).toBe('OK');
  };
  const rawPut = (path: string, body: Record<string, unknown>, auth = `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}`) =>
    rawRequest(`${sim.url}/api2/json${path}`, { method: 'PUT', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0, sharedStorage: 'shared' });
    ({ api, engine } = clientFor(sim));
    await ok(ociPull(engine, 'pve1', 'local', 'docker.io/traefik/whoami:v1.10.3'));
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 400, hostname: 'grow', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:4', mp0: 'shared:1,mp=/data', net0: NET0 }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('takes only rootfs and mp0..mp255; an unset mpN fails parse_volume with a format error (LXC.pm L2322-2326, L2379; Config.pm L1450-1460)', async () => {
    const bad = await rawPut('/nodes/pve1/lxc/400/resize', { disk: 'mp256', size: '+1G' });
    expect([bad.status, JSON.parse(bad.body).errors.disk]).toEqual([400, expect.stringMatching(/^value 'mp256' does not have a value in the enumeration 'rootfs, mp0, mp1, /)]);
    const unset = await rawPut('/nodes/pve1/lxc/400/resize', { disk: 'mp5', size: '+1G' });
    expect([unset.status, unset.statusText]).toEqual([500, 'format error']);
    expect(JSON.parse(unset.body).errors).toEqual({ mp: 'property is missing and it is not optional', volume: 'property is missing and it is not optional' });
  });

  it('checks again under the lock: two +1G resizes queued together grow the disk by 2G (LXC.pm L2409-2410, L2399-2400)', async () => {
    const release = await sim.context.tasks.flocks.acquire(400, 10_000);
    const first = await resize(400, { disk: 'rootfs', size: '+1G' });
    const second = await resize(400, { disk: 'rootfs', size: '+1G' });
    release();
    await ok(Promise.resolve(first));
    await ok(Promise.resolve(second));
    expect((await ct(400).config.$get()).rootfs).toBe('local-lvm:vm-400-disk-0,size=6G');
  });

  it('resizes a raw file with qemu-img and its filesystem at the file path when stopped (Plugin.pm L1361-1379, LXC.pm L2429-2466)', async () => {
    const upid = await resize(400, { disk: 'mp0', size: '+1G' });
    await ok(Promise.resolve(upid));
    expect((await ct(400).config.$get()).mp0).toBe('shared:400/vm-400-disk-0.raw,mp=/data,size=2G');
    expect(await taskLog(api, 'pve1', upid)).toEqual([
      'Image resized.',
      'resize2fs 1.47.2 (1-Jan-2025)',
      'The filesystem on /mnt/pve/shared/images/400/vm-400-disk-0.raw is now 524288 (4k) blocks long.',
      'TASK OK',
    ]);
  });

  it('fails before the task when the volume is gone (activate_volumes: LvmThinPlugin.pm L247, Plugin.pm L2056)', async () => {
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 401, hostname: 'gone', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:1', net0: NET0 }));
    await ok(engine.doRequest('DELETE', '/api2/json/nodes/pve1/storage/local-lvm/content/local-lvm:vm-401-disk-0', '', {}) as Promise<string>);
    await expect(resize(401, { disk: 'rootfs', size: '+1G' })).rejects.toThrow(/Error 500 no such logical volume pve\/vm-401-disk-0/);
  });

  it('needs VM.Config.Options on the CT (check_ct_modify_config_perm on `disk`) and Datastore.AllocateSpace on the storage (API2/LXC.pm L2372-2374, L2391; LXC.pm L1744)', async () => {
    await engine.doRequest('POST', '/api2/json/access/users', '', { userid: 'sizer@pve' });
    await engine.doRequest('POST', '/api2/json/access/roles', '', { roleid: 'DiskOnly', privs: 'VM.Config.Disk' });
    await engine.doRequest('POST', '/api2/json/access/roles', '', { roleid: 'DiskAndOptions', privs: 'VM.Config.Disk,VM.Config.Options' });
    const token = (await engine.doRequest('POST', '/api2/json/access/users/sizer@pve/token/tk', '', { privsep: 0 })) as { value: string };
    const auth = `PVEAPIToken=sizer@pve!tk=${token.value}`;
    await engine.doRequest('PUT', '/api2/json/access/acl', '', { path: '/vms/400', roles: 'DiskOnly', users: 'sizer@pve' });
    const noOptions = await rawPut('/nodes/pve1/lxc/400/resize', { disk: 'rootfs', size: '+1G' }, auth);
    expect([noOptions.status, noOptions.statusText]).toEqual([403, 'Permission check failed (/vms/400, VM.Config.Options)']);
    await engine.doRequest('PUT', '/api2/json/access/acl', '', { path: '/vms/400', roles: 'DiskAndOptions', users: 'sizer@pve' });
    const noSpace = await rawPut('/nodes/pve1/lxc/400/resize', { disk: 'rootfs', size: '+1G' }, auth);
    expect([noSpace.status, noSpace.statusText]).toEqual([403, 'Permission check failed (/storage/local-lvm, Datastore.AllocateSpace)']);
  });

  it('grows a thin LV past the free space of the pool: no space check (Storage.pm L395-411, LVMPlugin.pm L1060-1088)', async () => {
    const upid = await resize(400, { disk: 'rootfs', size: '400G' });
    await ok(Promise.resolve(upid));
    expect((await ct(400).config.$get()).rootfs).toBe('local-lvm:vm-400-disk-0,size=400G');
    expect(await taskLog(api, 'pve1', upid)).toEqual([
      '  Size of logical volume pve/vm-400-disk-0 changed from 6.00 GiB (1536 extents) to 400.00 GiB (102400 extents).',
      '  Logical volume pve/vm-400-disk-0 successfully resized.',
      'resize2fs 1.47.2 (1-Jan-2025)',
      'The filesystem on /dev/pve/vm-400-disk-0 is now 104857600 (4k) blocks long.',
      'TASK OK',
    ]);
  });
});
