import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { dhcpAddress } from './network/container-ip';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, taskLog, waitTask } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';

describe('pve-sim: resize, snapshots and clone through proxmox-api', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const ct = (vmid: number) => api.nodes.$('pve1').lxc.$(vmid);
  const ok = async (upid: Promise<string>): Promise<void> => {
    expect((await waitTask(api, 'pve1', await upid)).exitstatus).toBe('OK');
  };

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    ({ api, engine } = clientFor(sim));
    await ok(ociPull(engine, 'pve1', 'local', 'docker.io/traefik/whoami:v1.10.3'));
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 200, hostname: 'src', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:4', mp0: 'local-lvm:1,mp=/data', net0: NET0 }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('grows a disk with the resize task and refuses to shrink', async () => {
    await ok(ct(200).resize.$put({ disk: 'rootfs', size: '+2G' }));
    expect((await ct(200).config.$get()).rootfs).toBe('local-lvm:vm-200-disk-0,size=6G');
    await expect(ct(200).resize.$put({ disk: 'rootfs', size: '5G' })).rejects.toThrow(/Error 500 unable to shrink disk size/);
    await expect(ct(200).resize.$put({ disk: 'mp0', size: '1G' })).rejects.toThrow(/disk is already at specified size/);
    const vols = await api.nodes.$('pve1').storage.$('local-lvm').content.$get({ vmid: 200 });
    expect(vols.map((v) => [v.volid, v.size])).toEqual([
      ['local-lvm:vm-200-disk-0', 6 * 1024 ** 3],
      ['local-lvm:vm-200-disk-1', 1024 ** 3],
    ]);
  });

  it('takes, lists, rolls back to and deletes snapshots', async () => {
    await ok(ct(200).snapshot.$post({ snapname: 'before', description: 'pre-update' }));
    // In the task, not before it (AbstractConfig.pm __snapshot_prepare): a UPID, then a failed task.
    const again = await waitTask(api, 'pve1', await ct(200).snapshot.$post({ snapname: 'before' }));
    expect(again.exitstatus).toBe("snapshot name 'before' already used");
    const missing = await waitTask(api, 'pve1', await ct(200).snapshot.$('nope').$delete({ force: true }));
    expect(missing.exitstatus).toBe("snapshot 'nope' does not exist");
    await expect(ct(200).snapshot.$post({ snapname: 'current' })).rejects.toThrow(/unable to use snapshot name 'current' \(reserved name\)/);
    await api.nodes.$('pve1').lxc.$(200).config.$put({ cores: 4 });
    const list = await ct(200).snapshot.$get();
    expect(list.map((s) => [s.name, s.parent])).toEqual([
      ['before', undefined],
      ['current', 'before'],
    ]);
    expect(list[1]).toMatchObject({ description: 'You are here!', running: 0 });
    await ok(ct(200).snapshot.$('before').rollback.$post());
    expect((await ct(200).config.$get()).cores).toBeUndefined();
    await ok(ct(200).snapshot.$('before').$delete());
    expect((await ct(200).snapshot.$get()).map((s) => s.name)).toEqual(['current']);
  });

  it('checks locks inside the task; a rollback keeps the current description; start=1 is a vzstart task of its own (Snapshot.pm L296-324)', async () => {
    await ok(ct(200).snapshot.$post({ snapname: 'two' }));
    await rawRequest(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'lock', vmid: 200, lock: 'backup' }) });
    const locked = await waitTask(api, 'pve1', await ct(200).snapshot.$('two').$delete({ force: true }));
    expect(locked.exitstatus).toBe('CT is locked (backup)');
    await rawRequest(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    await api.nodes.$('pve1').lxc.$(200).config.$put({ description: 'now' });
    const rollback = await ct(200).snapshot.$('two').rollback.$post({ start: true });
    expect((await waitTask(api, 'pve1', rollback)).exitstatus).toBe('OK');
    expect((await ct(200).config.$get()).description).toBe('now');
    const start = (await api.nodes.$('pve1').tasks.$get({ vmid: 200, typefilter: 'vzstart' }))[0];
    expect((await waitTask(api, 'pve1', start.upid)).exitstatus).toBe('OK');
    expect((await ct(200).status.current.$get()).status).toBe('running');
    await ok(ct(200).status.stop.$post());
    await ok(ct(200).snapshot.$('two').$delete());
  });

  it('clones a stopped CT with new disks and MACs, locking source (disk) and target (create) meanwhile', async () => {
    const upid = await ct(200).clone.$post({ newid: 201, hostname: 'copy', full: true });
    expect(upid).toContain(':vzclone:200:');
    const during = await api.nodes.$('pve1').lxc.$get();
    expect(during.map((c) => [c.vmid, c.lock])).toEqual([
      [200, 'disk'],
      [201, 'create'],
    ]);
    expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe('OK');
    const [src, copy] = await Promise.all([ct(200).config.$get(), ct(201).config.$get()]);
    expect(copy).toMatchObject({ hostname: 'copy', rootfs: 'local-lvm:vm-201-disk-0,size=6G', mp0: 'local-lvm:vm-201-disk-1,mp=/data,size=1G' });
    expect(copy.net0).not.toBe(src.net0);
    expect(src.lock).toBeUndefined();
    await expect(ct(200).clone.$post({ newid: 201 })).rejects.toThrow(/CT 201 already exists on node 'pve1'/);
  });

  it('clones a running CT only from a snapshot, and the clone serves its own page', async () => {
    await ok(ct(200).status.start.$post());
    await expect(ct(200).clone.$post({ newid: 202 })).rejects.toThrow(/Full clone of a running container is only possible from a snapshot/);
    await ok(ct(200).snapshot.$post({ snapname: 'forclone' }));
    await ok(ct(200).clone.$post({ newid: 202, snapname: 'forclone', hostname: 'copy2' }));
    await ok(ct(202).status.start.$post());
    const page = await rawRequest(`http://${dhcpAddress(202)}/`);
    expect(page.body).toContain('Hostname: copy2');
  });

  it('hands a data volume to another CT with move_volume target-vmid (blue/green update)', async () => {
    await ok(ct(200).status.stop.$post());
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 210, hostname: 'green', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:2', net0: NET0 }));
    // A volume a snapshot still uses stays with its CT (LXC.pm L2774-2775).
    await expect(engine.doRequest('POST', '/api2/json/nodes/pve1/lxc/200/move_volume', '', { volume: 'mp0', 'target-vmid': 210 })).rejects.toThrow(/Cannot move volume used by a snapshot to another container/);
    await ok(ct(200).snapshot.$('forclone').$delete());
    // A running target is fine (the mount point is hot-plugged) and neither CT is locked (LXC.pm L2723-2898).
    await ok(ct(210).status.start.$post());
    const upid = await engine.doRequest('POST', '/api2/json/nodes/pve1/lxc/200/move_volume', '', { volume: 'mp0', 'target-vmid': 210, 'target-volume': 'mp0' });
    expect(upid).toContain(':move_volume:200-mp0>210-mp0:');
    expect([(await ct(200).config.$get()).lock, (await ct(210).config.$get()).lock]).toEqual([undefined, undefined]);
    await ok(Promise.resolve(String(upid)));
    expect((await ct(200).config.$get()).mp0).toBeUndefined();
    expect((await ct(210).config.$get()).mp0).toBe('local-lvm:vm-210-disk-1,mp=/data,size=1G');
    await ok(ct(210).status.stop.$post());
    await expect(engine.doRequest('POST', '/api2/json/nodes/pve1/lxc/210/move_volume', '', { volume: 'rootfs', 'target-vmid': 200 })).rejects.toThrow(/Error 500 Cannot move to\/from 'rootfs'/);
    await expect(engine.doRequest('POST', '/api2/json/nodes/pve1/lxc/210/move_volume', '', { volume: 'mp0', 'target-vmid': 200, storage: 'local-lvm' })).rejects.toThrow(/Error 500 either set storage or target-vmid, but not both/);
  });

  it('moves a disk to the same or another rootdir storage, keeping the old one as unused0', async () => {
    await ok(engine.doRequest('POST', '/api2/json/nodes/pve1/lxc/210/move_volume', '', { volume: 'rootfs', storage: 'local-lvm' }) as Promise<string>);
    const conf = await ct(210).config.$get();
    expect(conf.rootfs).toBe('local-lvm:vm-210-disk-2,size=2G');
    expect((conf as Record<string, unknown>)['unused0']).toBe('local-lvm:vm-210-disk-0');
    await api.nodes.$('pve1').lxc.$(210).config.$put({ delete: 'unused0' });
    const vols = await api.nodes.$('pve1').storage.$('local-lvm').content.$get({ vmid: 210 });
    expect(vols.map((v) => v.volid)).toEqual(['local-lvm:vm-210-disk-1', 'local-lvm:vm-210-disk-2']);
    // No storage check before the task: `alloc_disk` refuses it (pve-container src/PVE/LXC.pm L2610-2611).
    const refused = await waitTask(api, 'pve1', String(await engine.doRequest('POST', '/api2/json/nodes/pve1/lxc/210/move_volume', '', { volume: 'rootfs', storage: 'local' })));
    expect(refused.exitstatus).toBe("content type 'rootdir' is not available or configured on storage 'local'");
    expect((await ct(210).config.$get()).lock).toBeUndefined();
  });

  it('serves rrddata as PVE 9 does: 60 rows an hour, a stopped CT with its maxima and disk only (RRD.pm L49-80, pvestatd.pm L634-686)', async () => {
    const stopped = await ct(210).rrddata.$get({ timeframe: 'hour' });
    expect(stopped).toHaveLength(60);
    expect(Object.keys(stopped[59]).sort()).toEqual(['disk', 'maxcpu', 'maxdisk', 'maxmem', 'time']);
    expect(stopped[59].maxmem).toBe(512 * 1024 * 1024);
    const running = await ct(202).rrddata.$get({ timeframe: 'hour', cf: 'AVERAGE' });
    expect(typeof running[59].cpu).toBe('number');
    expect(running[59]).toHaveProperty('pressurememorysome');
    expect(running[59].time % 60).toBe(0);
    await expect(engine.doRequest('GET', '/api2/json/nodes/pve1/lxc/202/rrddata', '', { timeframe: 'decade' })).rejects.toThrow(/Parameter verification failed/);
  });

  it('serves node rrddata: PVE 9 row counts (day 1440 x 60 s, decade 570 weeks) and fields, memory grows with running CTs', async () => {
    const points = (await engine.doRequest('GET', '/api2/json/nodes/pve1/rrddata', '', { timeframe: 'hour' })) as Array<Record<string, number>>;
    expect(points).toHaveLength(60);
    expect(points[59]).toMatchObject({ maxcpu: 8, memtotal: 32 * 1024 ** 3, cpu: expect.any(Number), memused: expect.any(Number), netin: expect.any(Number), memavailable: expect.any(Number), iowait: expect.any(Number) });
    expect(points[59].time - points[58].time).toBe(60);
    const idle = (await engine.doRequest('GET', '/api2/json/nodes/pve3/rrddata', '', { timeframe: 'day' })) as Array<Record<string, number>>;
    expect(idle).toHaveLength(1440);
    expect(idle[1].time - idle[0].time).toBe(60);
    expect(idle[1439].memused).toBeLessThan(points[59].memused);
    const decade = (await engine.doRequest('GET', '/api2/json/nodes/pve1/rrddata', '', { timeframe: 'decade' })) as Array<Record<string, number>>;
    expect([decade.length, decade[1].time - decade[0].time]).toEqual([570, 604800]);
  });

  it('downloads an appliance template through aplinfo and runs it', async () => {
    const index = await api.nodes.$('pve1').aplinfo.$get();
    const wp = index.find((t) => t.package === 'turnkey-wordpress');
    expect(wp).toMatchObject({ type: 'lxc', section: 'turnkeylinux' });
    await expect(api.nodes.$('pve1').aplinfo.$post({ storage: 'local', template: 'nope.tar.gz' })).rejects.toThrow(/"template":"no such template"/);
    await expect(api.nodes.$('pve1').aplinfo.$post({ storage: 'local-lvm', template: String(wp?.template) })).rejects.toThrow(/storage 'local-lvm' does not support templates/);
    await ok(api.nodes.$('pve1').aplinfo.$post({ storage: 'local', template: String(wp?.template) }));
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 220, hostname: 'blog', ostemplate: `local:vztmpl/${String(wp?.template)}`, rootfs: 'local-lvm:8', net0: NET0, start: true }));
    const page = await rawRequest(`http://${dhcpAddress(220)}/`);
    expect(page.body).toContain('TurnKey WordPress');
  });

  it('answers the migrate precondition: running flag and the other nodes, 500 when locked or elsewhere', async () => {
    const pre = await engine.doRequest('GET', '/api2/json/nodes/pve1/lxc/202/migrate', '', { target: 'pve2' });
    expect(pre).toEqual({ running: 1, 'allowed-nodes': ['pve2', 'pve3'], 'not-allowed-nodes': {} });
    await expect(engine.doRequest('GET', '/api2/json/nodes/pve2/lxc/202/migrate', '', {})).rejects.toThrow(/Configuration file 'nodes\/pve2\/lxc\/202.conf' does not exist/);
    await rawRequest(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'lock', vmid: 202, lock: 'backup' }) });
    try {
      await expect(engine.doRequest('GET', '/api2/json/nodes/pve1/lxc/202/migrate', '', {})).rejects.toThrow(/CT is locked \(backup\)/);
    } finally {
      await rawRequest(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    }
  });

  it('migrates a running CT in restart mode to another node; refuses the local node and online mode', async () => {
    await expect(ct(202).migrate.$post({ target: 'pve1' })).rejects.toThrow(/"target":"target is local node."/);
    await expect(ct(202).migrate.$post({ target: 'pve2' })).rejects.toThrow(/can't migrate running container without --online or --restart/);
    // `online` passes the API (LXC.pm L1694-1698); Migrate.pm L52 refuses it in the task.
    const live = await waitTask(api, 'pve1', await ct(202).migrate.$post({ target: 'pve2', online: true }));
    expect(live.exitstatus).toBe('migration aborted');
    expect(await taskLog(api, 'pve1', live.upid)).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ERROR: migration aborted \(duration 00:00:00\): lxc live migration is currently not implemented$/), 'TASK ERROR: migration aborted']);
    const upid = await ct(202).migrate.$post({ target: 'pve2', restart: true });
    expect(upid).toMatch(/^UPID:pve1:.*:vzmigrate:202:/);
    expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe('OK');
    expect(await api.nodes.$('pve2').lxc.$(202).status.current.$get()).toMatchObject({ status: 'running', name: 'copy2' });
    await expect(ct(202).config.$get()).rejects.toThrow(/Configuration file 'nodes\/pve1\/lxc\/202.conf' does not exist/);
    expect((await api.nodes.$('pve2').storage.$('local-lvm').content.$get({ vmid: 202 })).map((v) => v.volid)).toEqual(['local-lvm:vm-202-disk-0', 'local-lvm:vm-202-disk-1']);
    expect((await rawRequest(`http://${dhcpAddress(202)}/`)).status).toBe(200);
  });
});
