import { ProxmoxEngine, proxmoxApi, type Proxmox } from 'proxmox-api';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, taskLog, waitTask } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';
const GiB = 1024 ** 3;

/** Storage content, storage status and the node check, as pve-storage's Content.pm/Status.pm do them. */
describe('pve-sim: storage content and status (pve-storage Content.pm, Status.pm)', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const get = (path: string, q: Record<string, unknown> = {}) => engine.doRequest('GET', `/api2/json${path}`, '', q) as Promise<unknown>;
  const del = (path: string) => engine.doRequest('DELETE', `/api2/json${path}`, '', {}) as Promise<string>;
  const put = (path: string, q: Record<string, unknown>) => engine.doRequest('PUT', `/api2/json${path}`, '', q) as Promise<unknown>;

  /** A user@pve with one non-privsep token, and the given roles on paths. */
  async function tokenWith(user: string, acls: Array<[path: string, privs: string]>): Promise<ProxmoxEngine> {
    await engine.doRequest('POST', '/api2/json/access/users', '', { userid: user });
    for (const [i, [path, privs]] of acls.entries()) {
      const roleid = `${user.split('@')[0]}${i}`;
      await engine.doRequest('POST', '/api2/json/access/roles', '', { roleid, privs });
      await engine.doRequest('PUT', '/api2/json/access/acl', '', { path, roles: roleid, users: user });
    }
    const token = (await engine.doRequest('POST', `/api2/json/access/users/${user}/token/tok`, '', { privsep: 0 })) as { value: string };
    return new ProxmoxEngine({ host: sim.host, port: sim.port, schema: sim.protocol, tokenID: `${user}!tok`, tokenSecret: token.value });
  }

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0, sharedStorage: 'shared' });
    ({ api, engine } = clientFor(sim));
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.4'));
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 300, ostemplate: 'local:vztmpl/nginx_1.27.4.tar', rootfs: 'local-lvm:1', mp0: 'shared:1,mp=/data', net0: NET0, start: true }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('deletes a running CT\'s disk in the task, not before: lvremove refuses the mounted LV (Content.pm L499-522, LvmThinPlugin.pm L133-157)', async () => {
    const upid = await del('/nodes/pve1/storage/local-lvm/content/local-lvm:vm-300-disk-0');
    const task = await waitTask(api, 'pve1', upid);
    expect(task).toMatchObject({ type: 'imgdel', id: '300@local-lvm', exitstatus: "lvremove 'pve/vm-300-disk-0' error:   Logical volume pve/vm-300-disk-0 contains a filesystem in use." });
    expect(await get('/nodes/pve1/storage/local-lvm/content')).toEqual([expect.objectContaining({ volid: 'local-lvm:vm-300-disk-0' })]);
  });

  it('unlinks a running CT\'s raw file on a directory storage all the same (Plugin.pm L1121-1169)', async () => {
    const volid = String((await api.nodes.$('pve1').lxc.$(300).config.$get()).mp0).split(',')[0];
    expect(volid).toMatch(/^shared:300\/vm-300-disk-\d\.raw$/);
    const task = await waitTask(api, 'pve2', await del(`/nodes/pve2/storage/shared/content/${volid}`));
    expect(task).toMatchObject({ id: '300@shared', exitstatus: 'OK' });
    expect(await taskLog(api, 'pve2', task.upid)).toEqual([`Removed volume '${volid}'`, 'TASK OK']);
    expect(await get('/nodes/pve1/storage/shared/content')).toEqual([]);
    // The config still names it: vdisk_free does not touch guest configs.
    expect((await api.nodes.$('pve1').lxc.$(300).config.$get()).mp0).toMatch(new RegExp(`^${volid},`));
  });

  it('runs the task for a volume that is not there: a plain warning line, TASK OK, id without owner for templates (Content.pm L521, Plugin.pm L1138-1141)', async () => {
    const gone = 'local:backup/vzdump-lxc-300-2020_01_01-00_00_00.tar.zst';
    const backup = await waitTask(api, 'pve1', await del(`/nodes/pve1/storage/local/content/${gone}`));
    expect(backup).toMatchObject({ id: '300@local', exitstatus: 'OK' });
    expect(await taskLog(api, 'pve1', backup.upid)).toEqual(["disk image '/var/lib/vz/dump/vzdump-lxc-300-2020_01_01-00_00_00.tar.zst' does not exist", `Removed volume '${gone}'`, 'TASK OK']);
    expect(await waitTask(api, 'pve1', await del('/nodes/pve1/storage/local/content/vztmpl/none.tar.zst'))).toMatchObject({ id: 'local', exitstatus: 'OK' });
  });

  it('checks the volume id and name before anything: storage mismatch 400, unparsable name 500 (Content.pm L278-301, LvmThinPlugin.pm L63-73)', async () => {
    await expect(del('/nodes/pve1/storage/local/content/local-lvm:vm-300-disk-0')).rejects.toThrow(/"volume":"storage ID mismatch \(local-lvm != local\)\\n"/);
    await expect(del('/nodes/pve1/storage/local-lvm/content/disk.raw')).rejects.toThrow("unable to parse lvm volume name 'disk.raw'");
    await expect(del('/nodes/pve1/storage/local/content/vztmpl/x.iso')).rejects.toThrow("unable to parse directory volume name 'vztmpl/x.iso'");
  });

  it('answers volume info per plugin: lvmthin used 0, archives and templates raw, missing ones as the plugins fail (Content.pm L359-394, LVMPlugin.pm L1090-1121, Plugin.pm L1182-1211)', async () => {
    expect(await get('/nodes/pve1/storage/local-lvm/content/vm-300-disk-0')).toEqual({ path: '/dev/pve/vm-300-disk-0', size: 1 * GiB, used: 0, format: 'raw' });
    expect(await get('/nodes/pve1/storage/local/content/local:vztmpl/nginx_1.27.4.tar')).toMatchObject({ path: '/var/lib/vz/template/cache/nginx_1.27.4.tar', format: 'raw' });
    await expect(get('/nodes/pve1/storage/local-lvm/content/vm-300-disk-7')).rejects.toThrow(`can't get size of '/dev/pve/vm-300-disk-7':   Failed to find logical volume "pve/vm-300-disk-7"`);
    await expect(get('/nodes/pve1/storage/local/content/vztmpl/none.tar')).rejects.toThrow("volume_size_info on 'local:vztmpl/none.tar' failed - no format");
  });

  it('sets attributes only where the plugin has them (DirPlugin.pm L152-168, L195-225; Plugin.pm L1297-1301, L1324-1332)', async () => {
    await expect(put('/nodes/pve1/storage/local-lvm/content/vm-300-disk-0', { notes: 'x' })).rejects.toThrow(
      'volume notes are not supported for PVE::Storage::LvmThinPlugin at /usr/share/perl5/PVE/Storage/Plugin.pm line 1300.',
    );
    await expect(put('/nodes/pve1/storage/local-lvm/content/vm-300-disk-0', { protected: 1 })).rejects.toThrow("attribute 'protected' is not supported for storage type 'lvmthin'");
    await expect(put('/nodes/pve1/storage/local/content/vztmpl/nginx_1.27.4.tar', { notes: 'x' })).rejects.toThrow('only backups can have notes');
    await expect(put('/nodes/pve1/storage/local/content/vztmpl/nginx_1.27.4.tar', { protected: 1 })).rejects.toThrow("only backups support attribute 'protected'");
    // A missing archive is no error: PVE writes the side files.
    expect(await put('/nodes/pve1/storage/local/content/backup/vzdump-lxc-300-2020_01_01-00_00_00.tar.zst', { notes: 'n', protected: 1 })).toBeNull();
  });

  it('lists a disk whose CT is gone as images, in byte order of lc(volid), with content checked (Plugin.pm L1797-1812, Storage.pm L1314, Plugin.pm L372-385)', async () => {
    for (const filename of ['a_b', 'a-c', 'aB']) {
      await waitTask(api, 'pve1', (await engine.doRequest('POST', '/api2/json/nodes/pve1/storage/local/oci-registry-pull', '', { reference: 'docker.io/library/nginx:1.27.4', filename })) as string);
    }
    const templates = (await get('/nodes/pve1/storage/local/content', { content: 'vztmpl' })) as Array<{ volid: string }>;
    expect(templates.map((t) => t.volid)).toEqual(['local:vztmpl/a-c.tar', 'local:vztmpl/a_b.tar', 'local:vztmpl/aB.tar', 'local:vztmpl/nginx_1.27.4.tar']);
    await expect(get('/nodes/pve1/storage/local/content', { content: 'disks' })).rejects.toThrow(/"content":"invalid format - invalid content type 'disks'\\n"/);
    expect(await get('/nodes/pve1/storage/local-lvm/content', { content: 'rootdir' })).toEqual([expect.objectContaining({ content: 'rootdir', vmid: 300 })]);
    const ct = sim.context.state.containers.get(300);
    sim.context.state.containers.delete(300);
    try {
      expect(await get('/nodes/pve1/storage/local-lvm/content')).toEqual([expect.objectContaining({ volid: 'local-lvm:vm-300-disk-0', content: 'images' })]);
      expect(await get('/nodes/pve1/storage/local-lvm/content', { content: 'rootdir' })).toEqual([]);
    } finally {
      if (ct) sim.context.state.containers.set(300, ct);
    }
  });

  it('lists only volumes the caller may access and asks VM.Backup (not Datastore.Allocate) to delete an archive (Content.pm L170-176, L502-507; Storage.pm L619-659)', async () => {
    const auditor = proxmoxApi(await tokenWith('auditor@pve', [['/storage', 'Datastore.Audit,Datastore.Allocate']]));
    await engine.doRequest('PUT', '/api2/json/access/acl', '', { path: '/storage/local-lvm', roles: 'PVEAuditor', users: 'auditor@pve' });
    expect(await auditor.nodes.$('pve1').storage.$('local-lvm').content.$get()).toEqual([]);
    await expect(auditor.nodes.$('pve1').storage.$('local').content.$('local:backup/vzdump-lxc-300-2020_01_01-00_00_00.tar.zst').$delete()).rejects.toThrow('Permission check failed (/storage/local, Datastore.AllocateSpace)');
  });

  it('limits protected backups to 5 per guest for a user without Datastore.Allocate (Storage.pm L312-321, L353-377)', async () => {
    const keeper = proxmoxApi(await tokenWith('keeper@pve', [['/', 'Datastore.AllocateSpace,Datastore.Audit,VM.Backup,VM.Audit']]));
    for (let i = 0; i < 6; i++) await waitTask(api, 'pve1', await api.nodes.$('pve1').vzdump.$post({ vmid: '300', storage: 'local', mode: 'snapshot', compress: 'zstd' }));
    const archives = ((await get('/nodes/pve1/storage/local/content', { content: 'backup' })) as Array<{ volid: string }>).map((b) => b.volid);
    expect(archives).toHaveLength(6);
    for (const volid of archives.slice(0, 5)) await keeper.nodes.$('pve1').storage.$('local').content.$(volid).$put({ protected: true });
    await expect(keeper.nodes.$('pve1').storage.$('local').content.$(archives[5]).$put({ protected: true })).rejects.toThrow("The number of protected backups per guest is limited to 5 on storage 'local'");
    expect(await put(`/nodes/pve1/storage/local/content/${archives[5]}`, { protected: 1 })).toBeNull();
  });

  it('answers the storage index and status with PVE\'s parameter errors, target and format (Status.pm L234-237, L252-259, L400-405; Storage.pm L1490-1508)', async () => {
    await expect(get('/nodes/pve1/storage', { storage: 'nope' })).rejects.toThrow(/"storage":"No such storage\."/);
    await expect(get('/nodes/pve1/storage', { storage: 'local-lvm', content: 'vztmpl' })).rejects.toThrow(/"storage":"No such storage\."/);
    await expect(get('/nodes/pve1/storage', { content: 'vztmpl,disks' })).rejects.toThrow(/invalid content type 'disks'/);
    expect(((await get('/nodes/pve1/storage', { target: 'pve2' })) as Array<{ storage: string }>).map((s) => s.storage)).toEqual(['shared']);
    expect(((await get('/nodes/pve1/storage', { target: 'pve1' })) as unknown[]).length).toBe(3);
    expect(await get('/nodes/pve1/storage', { storage: 'local-lvm', format: 1 })).toEqual([
      expect.objectContaining({ storage: 'local-lvm', formats: { supported: ['raw'], default: 'raw' }, format: [{ raw: 1 }, 'raw'] }),
    ]);
    await expect(get('/nodes/pve1/storage/nope/status')).rejects.toThrow(/"storage":"No such storage\."/);
  });

  it('answers the storage directory index locally: any storage name, any node name (Status.pm L275-324; HTTPServer.pm L176-190)', async () => {
    const subdirs = ['content', 'download-url', 'file-restore', 'import-metadata', 'identity', 'oci-registry-pull', 'prunebackups', 'rrd', 'rrddata', 'status', 'upload'].map((subdir) => ({ subdir }));
    expect(await get('/nodes/pve1/storage/nope')).toEqual(subdirs);
    expect(await get('/nodes/pve9/storage/local')).toEqual(subdirs);
    expect(await get('/nodes/pve9')).toEqual(expect.arrayContaining([{ name: 'storage' }]));
    await expect(get('/nodes/pve9/storage/local/status')).rejects.toThrow("hostname lookup 'pve9' failed - failed to get address info for: pve9: Name or service not known");
  });
});
