import { ProxmoxEngine, type Proxmox } from 'proxmox-api';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, taskLog, waitTask } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';
/** `$msg2text` (pve-guest-common src/PVE/AbstractMigrate.pm L15-28): every migration line starts with local `%F %H:%M:%S`. */
const STAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /;
const unstamped = (lines: string[]): string[] => lines.map((l) => l.replace(STAMP, ''));

/** Clone, migrate and move_volume to a storage, traced against pve-container src/PVE/API2/LXC.pm and src/PVE/LXC/Migrate.pm. */
describe('pve-sim: clone, migrate and move_volume to a storage as pve-container does them', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const ct = (vmid: number, node = 'pve1') => api.nodes.$(node).lxc.$(vmid);
  const post = (node: string, path: string, params: Record<string, unknown>): Promise<string> => engine.doRequest('POST', `/api2/json/nodes/${node}/lxc${path}`, '', params) as Promise<string>;
  const ok = async (node: string, upid: Promise<string>): Promise<string> => {
    const id = await upid;
    expect((await waitTask(api, node, id)).exitstatus).toBe('OK');
    return id;
  };
  const fault = (body: Record<string, unknown>) => rawRequest(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify(body) });
  const clearFaults = () => rawRequest(`${sim.url}/_sim/faults`, { method: 'DELETE' });

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0, nodes: 3, sharedStorage: 'shared' });
    ({ api, engine } = clientFor(sim));
    await ok('pve1', ociPull(engine, 'pve1', 'local', 'docker.io/traefik/whoami:v1.10.3'));
    await ok('pve1', api.nodes.$('pve1').lxc.$post({ vmid: 400, hostname: 'src', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:1', mp0: 'local-lvm:1,mp=/data', net0: NET0 }));
  });

  afterAll(async () => {
    await sim.close();
  });

  describe('clone', () => {
    it('writes the new config before the task: copied keys, a new MAC and type=veth on netN printed sorted, lock create, no disks yet; a stopped task cleans up (LXC.pm L2064-2144, L2181, L2187-2188, L2254-2280)', async () => {
      const slow = await startSim({ http: true, taskSpeed: 1, nodes: 1 });
      try {
        const { api: a, engine: e } = clientFor(slow);
        await waitTask(a, 'pve1', await ociPull(e, 'pve1', 'local', 'docker.io/traefik/whoami:v1.10.3'));
        await waitTask(a, 'pve1', await a.nodes.$('pve1').lxc.$post({ vmid: 450, hostname: 'src', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:1', net0: NET0, cores: 2 }));
        const upid = await a.nodes.$('pve1').lxc.$(450).clone.$post({ newid: 451, hostname: 'copy', description: 'marker' });
        const during = (await a.nodes.$('pve1').lxc.$(451).config.$get()) as Record<string, unknown>;
        expect(during).toMatchObject({ hostname: 'copy', description: 'marker', cores: 2, lock: 'create' });
        expect(during['rootfs']).toBeUndefined();
        expect(during['net0']).toMatch(/^name=eth0,bridge=vmbr0,host-managed=1,hwaddr=BC:24:11(:[0-9A-F]{2}){3},ip=dhcp,type=veth$/);
        expect((await waitTask(a, 'pve1', upid)).exitstatus).toBe('OK');
        expect((await taskLog(a, 'pve1', upid))[0]).toBe('creating a clone of container 450 with ID 451');
        expect((await a.nodes.$('pve1').lxc.$(451).config.$get()).rootfs).toBe('local-lvm:vm-451-disk-0,size=1G');
        // A stopped clone task: its handler dies "interrupted by signal" (L2187-2188), wrapped as "clone failed: ..." (L2280).
        const stopped = await a.nodes.$('pve1').lxc.$(450).clone.$post({ newid: 452 });
        await e.doRequest('DELETE', `/api2/json/nodes/pve1/tasks/${encodeURIComponent(stopped)}`, '', {});
        expect((await waitTask(a, 'pve1', stopped)).exitstatus).toBe('clone failed: interrupted by signal');
        expect((await a.nodes.$('pve1').lxc.$get()).map((c) => [Number(c.vmid), c.lock])).toEqual(expect.arrayContaining([[450, undefined]]));
        expect((await a.nodes.$('pve1').lxc.$get()).some((c) => Number(c.vmid) === 452)).toBe(false);
      } finally {
        await slow.close();
      }
    });

    it('takes target=localhost or the own node as no target, and refuses any pool: the sim has none (LXC.pm L1986-1997)', async () => {
      await ok('pve1', post('pve1', '/400/clone', { newid: 401, target: 'localhost' }));
      await ok('pve1', post('pve1', '/400/clone', { newid: 402, target: 'pve1' }));
      expect((await api.nodes.$('pve1').lxc.$get()).map((c) => Number(c.vmid)).sort()).toEqual([400, 401, 402]);
      await expect(post('pve1', '/400/clone', { newid: 403, pool: 'apps' })).rejects.toThrow(/403 Permission check failed \(pool 'apps' does not exist\)/);
      for (const vmid of [401, 402]) await ok('pve1', ct(vmid).$delete({ purge: true }));
    });

    it('checks the lock before storage and snapshot; a storage without rootdir fails the task as "clone failed: ..." and leaves nothing (LXC.pm L2035-2062, L2280; LXC.pm alloc_disk L2610-2611)', async () => {
      await fault({ kind: 'lock', vmid: 400, lock: 'backup' });
      try {
        await expect(post('pve1', '/400/clone', { newid: 403, full: 0, storage: 'local-lvm' })).rejects.toThrow(/Error 500 CT is locked \(backup\)/);
      } finally {
        await clearFaults();
      }
      await expect(post('pve1', '/400/clone', { newid: 403, full: 0, storage: 'local-lvm' })).rejects.toThrow(/parameter 'storage' not allowed for linked clones/);
      await expect(post('pve1', '/400/clone', { newid: 403, snapname: 'nope' })).rejects.toThrow(/snapshot 'nope' does not exist/);
      const upid = await post('pve1', '/400/clone', { newid: 403, storage: 'local' });
      expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe("clone failed: content type 'rootdir' is not available or configured on storage 'local'");
      await expect(ct(403).config.$get()).rejects.toThrow(/Configuration file 'nodes\/pve1\/lxc\/403.conf' does not exist/);
      expect((await ct(400).config.$get()).lock).toBeUndefined();
    });

    it("copies a snapshot's description when none is given (AbstractConfig.pm L776-778, LXC.pm L2058-2061)", async () => {
      await ok('pve1', ct(400).snapshot.$post({ snapname: 'snap1', description: 'from snapshot' }));
      await ok('pve1', post('pve1', '/400/clone', { newid: 403, snapname: 'snap1' }));
      expect((await ct(403).config.$get()).description).toBe('from snapshot');
      await ok('pve1', ct(403).$delete({ purge: true }));
    });

    it('checks Datastore.AllocateSpace on the storage each disk lands on, after taking the locks (LXC.pm L2076-2081, L2146-2162)', async () => {
      const token = (await engine.doRequest('POST', '/api2/json/access/users/root@pam/token/cloner', '', { privsep: 1 })) as { value: string };
      await engine.doRequest('PUT', '/api2/json/access/acl', '', { path: '/vms', roles: 'PVEVMAdmin', tokens: 'root@pam!cloner' });
      const limited = new ProxmoxEngine({ host: sim.host, port: sim.port, schema: sim.protocol, tokenID: 'root@pam!cloner', tokenSecret: token.value });
      await expect(limited.doRequest('POST', '/api2/json/nodes/pve1/lxc/400/clone', '', { newid: 404 })).rejects.toThrow(/403 Permission check failed \(\/storage\/local-lvm, Datastore.AllocateSpace\)/);
      await expect(limited.doRequest('POST', '/api2/json/nodes/pve1/lxc/400/clone', '', { newid: 404, storage: 'shared' })).rejects.toThrow(/403 Permission check failed \(\/storage\/shared, Datastore.AllocateSpace\)/);
      expect((await ct(400).config.$get()).lock).toBeUndefined();
      await expect(ct(404).config.$get()).rejects.toThrow(/404.conf' does not exist/);
    });
  });

  describe('migrate', () => {
    it('checks the lock in the task: a UPID, then "migration aborted" (Migrate.pm L46; AbstractMigrate.pm L239-243)', async () => {
      await fault({ kind: 'lock', vmid: 400, lock: 'backup' });
      try {
        const task = await waitTask(api, 'pve1', await ct(400).migrate.$post({ target: 'pve2' }));
        expect(task.exitstatus).toBe('migration aborted');
        expect(await taskLog(api, 'pve1', task.upid)).toEqual([expect.stringMatching(/ ERROR: migration aborted \(duration 00:00:00\): CT is locked \(backup\)$/), 'TASK ERROR: migration aborted']);
      } finally {
        await clearFaults();
      }
    });

    it('refuses a local volume a snapshot uses, after logging the volumes (Migrate.pm L252-258, L332-352, L478-495, L519-533)', async () => {
      const task = await waitTask(api, 'pve1', await ct(400).migrate.$post({ target: 'pve2' }));
      expect(task.exitstatus).toBe('migration aborted');
      const log = await taskLog(api, 'pve1', task.upid);
      expect(log.slice(0, -1).every((l) => STAMP.test(l))).toBe(true);
      expect(unstamped(log)).toEqual([
        "starting migration of CT 400 to node 'pve2' (127.0.0.2)",
        "found local volume 'local-lvm:vm-400-disk-0' (in current VM config)",
        "found local volume 'local-lvm:vm-400-disk-1' (in current VM config)",
        "can't migrate local volume 'local-lvm:vm-400-disk-0': non-migratable snapshot exists",
        "can't migrate local volume 'local-lvm:vm-400-disk-1': non-migratable snapshot exists",
        "ERROR: can't migrate CT - check log",
        'aborting phase 1 - cleanup resources',
        'start final cleanup',
        "ERROR: migration aborted (duration 00:00:00): can't migrate CT - check log",
        'TASK ERROR: migration aborted',
      ]);
      expect((await ct(400).config.$get()).lock).toBeUndefined();
      await ok('pve1', ct(400).snapshot.$('snap1').$delete());
    });

    it('fails at ssh in the task for an offline target (LXC.pm L1681-1689, Migrate.pm L157-162)', async () => {
      await fault({ kind: 'node-offline', node: 'pve3' });
      try {
        const task = await waitTask(api, 'pve1', await ct(400).migrate.$post({ target: 'pve3' }));
        expect(unstamped(await taskLog(api, 'pve1', task.upid))).toEqual(["ERROR: migration aborted (duration 00:00:00): Can't connect to destination address using public key", 'TASK ERROR: migration aborted']);
      } finally {
        await clearFaults();
      }
    });

    it('copies every local volume (unused ones too) under its name, or the next free one, and frees the source copies (Migrate.pm L178-476, L500-517; Storage.pm L917-1095; LVMPlugin.pm L1480-1485)', async () => {
      await ct(400).config.$put({ delete: 'mp0' });
      // A stray volume on the target with the name of unused0.
      sim.context.state.addVolume({ volid: 'local-lvm:vm-400-disk-1', node: 'pve2', storage: 'local-lvm', content: 'rootdir', format: 'raw', size: 1024 ** 3, ctime: 0, vmid: 400 });
      const upid = await ok('pve1', ct(400).migrate.$post({ target: 'pve2' }));
      expect(unstamped(await taskLog(api, 'pve1', upid))).toEqual([
        "starting migration of CT 400 to node 'pve2' (127.0.0.2)",
        "found local volume 'local-lvm:vm-400-disk-0' (in current VM config)",
        "found local volume 'local-lvm:vm-400-disk-1' (in current VM config)",
        '  Logical volume "vm-400-disk-0" created.',
        "successfully imported 'local-lvm:vm-400-disk-0'",
        "volume 'local-lvm:vm-400-disk-0' is 'local-lvm:vm-400-disk-0' on the target",
        'volume pve/vm-400-disk-1 already exists - importing with a different name',
        '  Logical volume "vm-400-disk-2" created.',
        "successfully imported 'local-lvm:vm-400-disk-2'",
        "volume 'local-lvm:vm-400-disk-1' is 'local-lvm:vm-400-disk-2' on the target",
        '  Logical volume "vm-400-disk-0" successfully removed.',
        '  Logical volume "vm-400-disk-1" successfully removed.',
        'start final cleanup',
        'migration finished successfully (duration 00:00:00)',
        'TASK OK',
      ]);
      expect(await ct(400, 'pve2').config.$get()).toMatchObject({ rootfs: 'local-lvm:vm-400-disk-0,size=1G', unused0: 'local-lvm:vm-400-disk-2' });
      expect((await api.nodes.$('pve1').storage.$('local-lvm').content.$get({ vmid: 400 })).map((v) => v.volid)).toEqual([]);
    });

    it('in restart mode shuts down before starting the migration and starts the CT there with pct over ssh; bwlimit is logged per volume (Migrate.pm L164-172, L183-186, L556-562; Storage.pm L898-903)', async () => {
      await ok('pve2', ct(400, 'pve2').status.start.$post());
      const upid = await ok('pve2', ct(400, 'pve2').migrate.$post({ target: 'pve1', restart: true, bwlimit: 1000 }));
      const log = unstamped(await taskLog(api, 'pve2', upid));
      expect(log.slice(0, 2)).toEqual(['shutdown CT 400', "starting migration of CT 400 to node 'pve1' (127.0.0.1)"]);
      expect(log).toContain("using a bandwidth limit of 1024000 bytes per second for transferring 'local-lvm:vm-400-disk-0'");
      expect(log.slice(-4)).toEqual([
        'start container on target node',
        '# /usr/bin/ssh -e none -o BatchMode=yes -o HostKeyAlias=pve1 -o UserKnownHostsFile=/etc/pve/nodes/pve1/ssh_known_hosts -o GlobalKnownHostsFile=none root@127.0.0.1 pct start 400',
        'migration finished successfully (duration 00:00:00)',
        'TASK OK',
      ]);
      expect((await ct(400).status.current.$get()).status).toBe('running');
      await ok('pve1', ct(400).status.stop.$post());
    });

    it('checks target-storage before the task and maps local volumes onto it, named for its type (LXC.pm L62-72, L1700-1721; JSONSchema.pm L372-442; Storage.pm L928-941, L828-846)', async () => {
      const refused = (params: Record<string, unknown>) => post('pve1', '/400/migrate', { target: 'pve3', ...params });
      await expect(refused({ 'target-storage': 'local-lvm:shared,local-lvm:local-lvm' })).rejects.toThrow(/"target-storage":"failed to parse storage map: duplicate mapping for source 'local-lvm'\\n"/);
      await expect(refused({ 'target-storage': 'bad!' })).rejects.toThrow(/"target-storage":"invalid format - entry 'bad!' contains invalid ID - storage ID 'bad!' contains illegal characters\\n\\n\\n"/);
      await expect(refused({ 'target-storage': 'local' })).rejects.toThrow(/Error 500 storage 'local' does not support CT rootdirs/);
      const upid = await ok('pve1', refused({ 'target-storage': 'shared' }));
      expect(unstamped(await taskLog(api, 'pve1', upid))).toEqual(expect.arrayContaining(["Formatting '/mnt/pve/shared/images/400/vm-400-disk-0.raw', fmt=raw size=1073741824 preallocation=off", "volume 'local-lvm:vm-400-disk-0' is 'shared:400/vm-400-disk-0.raw' on the target"]));
      expect(await ct(400, 'pve3').config.$get()).toMatchObject({ rootfs: 'shared:400/vm-400-disk-0.raw,size=1G', unused0: 'shared:400/vm-400-disk-2.raw' });
    });
  });

  describe('move_volume to a storage', () => {
    beforeAll(async () => {
      await ok('pve1', api.nodes.$('pve1').lxc.$post({ vmid: 410, hostname: 'mover', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:1', mp0: 'local-lvm:1,mp=/data', net0: NET0 }));
    });

    it('checks under the lock in PVE order: lock, running, unusedN, an unset key, delete with snapshots, digest (LXC.pm L2594-2622)', async () => {
      const move = (params: Record<string, unknown>) => post('pve1', '/410/move_volume', { storage: 'local-lvm', ...params });
      await ok('pve1', ct(410).status.start.$post());
      await expect(move({ volume: 'mp0', digest: '0'.repeat(40) })).rejects.toThrow(/Error 500 cannot move volumes of a running container/);
      await ok('pve1', ct(410).status.stop.$post());
      await expect(move({ volume: 'unused0' })).rejects.toThrow(/Error 500 cannot move volume 'unused0', only configured volumes can be moved to another storage/);
      await expect(move({ volume: 'mp3' })).rejects.toThrow(/Error 500 format error.*"mp":"property is missing and it is not optional"/);
      await ok('pve1', ct(410).snapshot.$post({ snapname: 'keep' }));
      await expect(move({ volume: 'mp0', delete: 1 })).rejects.toThrow(/you can't move a volume with snapshots and delete the source/);
      await ok('pve1', ct(410).snapshot.$('keep').$delete());
      await expect(move({ volume: 'mp0', digest: '0'.repeat(40) })).rejects.toThrow(/detected modified configuration/);
      expect((await ct(410).config.$get()).lock).toBeUndefined();
    });

    it("logs only what the storage prints, frees the source with delete=1, and makes a template's copy a base volume (LXC.pm L2624-2721)", async () => {
      const upid = await ok('pve1', post('pve1', '/410/move_volume', { volume: 'mp0', storage: 'local-lvm', delete: 1 }));
      expect(await taskLog(api, 'pve1', upid)).toEqual(['  Logical volume "vm-410-disk-2" created.', '  Logical volume "vm-410-disk-1" successfully removed.', 'TASK OK']);
      const conf = (await ct(410).config.$get()) as Record<string, unknown>;
      expect([conf['mp0'], conf['unused0']]).toEqual(['local-lvm:vm-410-disk-2,mp=/data,size=1G', undefined]);
      await post('pve1', '/410/template', {});
      await waitTask(api, 'pve1', (await api.nodes.$('pve1').tasks.$get({ typefilter: 'vztemplate', vmid: 410 }))[0].upid);
      await ok('pve1', post('pve1', '/410/move_volume', { volume: 'mp0', storage: 'shared' }));
      expect(await ct(410).config.$get()).toMatchObject({ mp0: 'shared:410/base-410-disk-0.raw,mp=/data,size=1G', unused0: 'local-lvm:base-410-disk-2' });
    });
  });
});
