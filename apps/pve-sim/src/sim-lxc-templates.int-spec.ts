import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { dhcpAddress } from './network/container-ip';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, taskLog, waitTask, type TaskStatus } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';

/** Templates, linked clones, clones to other nodes, suspend/resume. */
describe('pve-sim: templates, linked clones and suspend/resume through proxmox-api', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const ct = (vmid: number) => api.nodes.$('pve1').lxc.$(vmid);
  const done = async (upid: Promise<string>): Promise<TaskStatus> => waitTask(api, 'pve1', await upid);
  const ok = async (upid: Promise<string>): Promise<void> => {
    expect((await done(upid)).exitstatus).toBe('OK');
  };
  const post = (path: string, params: Record<string, unknown> = {}): Promise<unknown> => engine.doRequest('POST', `/api2/json/nodes/pve1/lxc${path}`, '', params);
  const lastTask = async (type: string): Promise<TaskStatus> => {
    const tasks = (await api.nodes.$('pve1').tasks.$get({ typefilter: type })) as unknown as Array<{ upid: string }>;
    return waitTask(api, 'pve1', tasks[0].upid);
  };

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    ({ api, engine } = clientFor(sim));
    await ok(ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.4'));
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 700, hostname: 'golden', ostemplate: 'local:vztmpl/nginx_1.27.4.tar', rootfs: 'local-lvm:2', mp0: 'local-lvm:1,mp=/data', net0: NET0 }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('refuses a linked clone of a plain CT, and a storage for linked clones', async () => {
    // Keys in sorted order (pve-container src/PVE/API2/LXC.pm L2064): mp0 before rootfs.
    await expect(ct(700).clone.$post({ newid: 701, full: false })).rejects.toThrow("Linked clone feature for 'local-lvm:vm-700-disk-1' is not available");
    await expect(ct(700).clone.$post({ newid: 701, full: false, storage: 'local-lvm' })).rejects.toThrow("parameter 'storage' not allowed for linked clones");
    expect((await ct(700).config.$get()).lock).toBeUndefined();
  });

  it('converts a stopped CT into a template (null, then a vztemplate task renames disks to base-)', async () => {
    await expect(post('/700/template')).resolves.toBeNull();
    expect((await lastTask('vztemplate')).exitstatus).toBe('OK');
    const config = await ct(700).config.$get();
    expect(config).toMatchObject({ template: 1, rootfs: 'local-lvm:base-700-disk-0,size=2G', mp0: 'local-lvm:base-700-disk-1,mp=/data,size=1G' });
    await expect(post('/700/template')).rejects.toThrow("you can't convert a template to a template");
    const start = await done(ct(700).status.start.$post());
    expect(start.exitstatus).toBe("you can't start a CT if it's a template");
  });

  it('makes a linked clone of the template by default, which runs and serves its page', async () => {
    const upid = await ct(700).clone.$post({ newid: 702, hostname: 'linked' });
    expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe('OK');
    expect(await taskLog(api, 'pve1', upid)).toContain('create linked clone of mount point rootfs (local-lvm:base-700-disk-0)');
    const config = await ct(702).config.$get();
    expect(config).toMatchObject({ hostname: 'linked', rootfs: 'local-lvm:vm-702-disk-0,size=2G', mp0: 'local-lvm:vm-702-disk-1,mp=/data,size=1G' });
    expect(config.template).toBeUndefined();
    await ok(ct(702).status.start.$post());
    expect((await rawRequest(`http://${dhcpAddress(702)}/`)).body).toContain('Welcome to nginx!');
    // A full clone of the template works too.
    await ok(ct(700).clone.$post({ newid: 703, full: true }));
    expect((await ct(703).config.$get()).rootfs).toBe('local-lvm:vm-703-disk-0,size=2G');
  });

  it('clones linked from a snapshot of a running CT', async () => {
    await ok(ct(702).snapshot.$post({ snapname: 'base' }));
    await ok(ct(702).clone.$post({ newid: 704, full: false, snapname: 'base' }));
    expect((await ct(704).config.$get()).rootfs).toBe('local-lvm:vm-704-disk-0,size=2G');
    await expect(post('/702/template')).rejects.toThrow('unable to create template, because CT contains snapshots');
  });

  it('refuses a clone to another node: local volumes, non-shared storage, unknown node', async () => {
    await expect(ct(703).clone.$post({ newid: 705, target: 'pve2' })).rejects.toThrow("can't clone CT to node 'pve2' (CT uses local storage)");
    await expect(ct(703).clone.$post({ newid: 705, target: 'pve2', storage: 'local-lvm' })).rejects.toThrow("can't clone to non-shared storage 'local-lvm'");
    await expect(ct(703).clone.$post({ newid: 705, target: 'pve9' })).rejects.toThrow("no such cluster node 'pve9'");
    expect((await ct(703).config.$get()).lock).toBeUndefined();
  });

  it('suspends a running CT (its page goes away) and resumes it; pre-checks answer 500', async () => {
    await expect(post('/703/status/suspend')).rejects.toThrow('CT 703 not running');
    const resumeStopped = await done(post('/703/status/resume') as Promise<string>);
    expect(resumeStopped).toMatchObject({ type: 'vzresume', exitstatus: "command 'lxc-checkpoint -n 703 -r --foreground -D /var/lib/vz/dump' failed: exit code 1" });

    expect(await done(post('/702/status/suspend') as Promise<string>)).toMatchObject({ type: 'vzsuspend', exitstatus: 'OK' });
    expect((await ct(702).status.current.$get()).status).toBe('stopped');
    await expect(rawRequest(`http://${dhcpAddress(702)}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await done(post('/702/status/resume') as Promise<string>)).toMatchObject({ type: 'vzresume', exitstatus: 'OK' });
    expect((await rawRequest(`http://${dhcpAddress(702)}/`)).status).toBe(200);
    await expect(post('/702/status/resume')).rejects.toThrow('CT 702 already running');
  });
});
