import { PveClient } from './pve-client';
import { PveError } from './pve-error';
import type { PveMethod, PveParams, PveTransport } from './pve-transport';

const UPID = 'UPID:pve:0000A1B2:00C0FFEE:67100000:vzcreate:9001:root@pam!proxdeck:';

/** Records calls and answers from a route table keyed by "METHOD path". */
class FakeTransport implements PveTransport {
  readonly calls: { method: PveMethod; path: string; params?: PveParams }[] = [];
  constructor(private readonly routes: Record<string, unknown>) {}

  request<T>(method: PveMethod, path: string, params?: PveParams): Promise<T> {
    this.calls.push({ method, path, params });
    const answer = this.routes[`${method} ${path}`];
    if (answer instanceof Error) return Promise.reject(answer);
    if (answer === undefined) return Promise.reject(new Error(`unexpected ${method} ${path}`));
    return Promise.resolve(answer as T);
  }

  close(): void {
    /* nothing to release */
  }
}

function client(routes: Record<string, unknown>): { pve: PveClient; transport: FakeTransport } {
  const transport = new FakeTransport(routes);
  return { pve: new PveClient({ url: 'https://pve:8006', verifyTls: true }, { transport }), transport };
}

describe('PveClient', () => {
  it('returns nextid as a number whether PVE sends a string or a number', async () => {
    await expect(client({ 'GET /cluster/nextid': '9001' }).pve.nextVmid()).resolves.toBe(9001);
    await expect(client({ 'GET /cluster/nextid': 105 }).pve.nextVmid()).resolves.toBe(105);
    await expect(client({ 'GET /cluster/nextid': 'abc' }).pve.nextVmid()).rejects.toBeInstanceOf(PveError);
  });

  it('checks a VMID with ?vmid and treats "already exists" as taken', async () => {
    const taken = new PveError({ kind: 'conflict', retryable: false, status: 400, pveMessage: 'x', fieldErrors: { vmid: 'VM 9000 already exists' } });
    const { pve, transport } = client({ 'GET /cluster/nextid': taken });
    await expect(pve.vmidAvailable(9000)).resolves.toBe(false);
    expect(transport.calls[0].params).toEqual({ vmid: 9000 });
  });

  it('flattens create parameters into PVE form fields and returns the UPID', async () => {
    const { pve, transport } = client({ 'POST /nodes/pve/lxc': UPID });
    const upid = await pve.createContainer('pve', {
      vmid: 9001,
      ostemplate: 'local:vztmpl/nginx_1.27.3.tar',
      hostname: 'web',
      rootfs: 'local-lvm:4',
      mp: { 0: 'local-lvm:1,mp=/data' },
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      tags: ['proxdeck'],
      unprivileged: true,
    });
    expect(upid).toBe(UPID);
    expect(transport.calls[0].params).toEqual({
      vmid: 9001,
      ostemplate: 'local:vztmpl/nginx_1.27.3.tar',
      hostname: 'web',
      rootfs: 'local-lvm:4',
      mp0: 'local-lvm:1,mp=/data',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      tags: 'proxdeck',
      unprivileged: true,
    });
  });

  it('rejects when an async endpoint does not answer with a UPID', async () => {
    const { pve } = client({ 'POST /nodes/pve/lxc/100/status/start': null });
    await expect(pve.startContainer('pve', 100)).rejects.toMatchObject({ kind: 'server' });
  });

  it('rejects bad input as invalid without calling Proxmox', async () => {
    const { pve, transport } = client({});
    await expect(pve.startContainer('pve', 12)).rejects.toMatchObject({ kind: 'invalid' });
    await expect(pve.createContainer('pve', { vmid: 9001, ostemplate: 'x', mp: { 300: 'x' } })).rejects.toMatchObject({ kind: 'invalid' });
    expect(transport.calls).toHaveLength(0);
  });

  it('sends shutdown timeout and delete flags, escaping ids in paths', async () => {
    const { pve, transport } = client({
      'POST /nodes/pve/lxc/101/status/shutdown': UPID,
      'DELETE /nodes/pve/lxc/101': UPID,
      'GET /nodes/pve/storage/local/content': [{ volid: 'local:backup/a', content: 'backup', vmid: '101' }],
      [`GET /nodes/pve/tasks/${UPID}/status`]: { upid: UPID, node: 'pve', type: 'vzcreate', status: 'stopped', exitstatus: 'OK' },
    });
    await pve.shutdownContainer('pve', 101, 30, true);
    await pve.deleteContainer('pve', 101, { purge: true });
    expect(transport.calls[0].params).toEqual({ timeout: 30, forceStop: true });
    expect(transport.calls[1].params).toEqual({ purge: true, force: undefined, 'destroy-unreferenced-disks': undefined });
    const volumes = await pve.storageContent('pve', 'local', 'backup');
    expect(volumes[0].vmid).toBe(101);
    await expect(pve.waitForTask(UPID)).resolves.toMatchObject({ exitstatus: 'OK' });
  });

  it('sends a config update with delete list and digest', async () => {
    const { pve, transport } = client({ 'PUT /nodes/pve/lxc/101/config': null });
    await pve.updateContainerConfig('pve', 101, { cores: 2, delete: ['mp1'] }, 'abc123');
    expect(transport.calls[0].params).toEqual({ cores: 2, delete: 'mp1', digest: 'abc123' });
  });

  describe('guest data operations', () => {
    const routes = {
      'PUT /nodes/pve/lxc/101/resize': UPID,
      'POST /nodes/pve/lxc/101/clone': UPID,
      'POST /nodes/pve/lxc/101/move_volume': UPID,
      'POST /nodes/pve/vzdump': UPID,
      'POST /nodes/pve/lxc': UPID,
      'POST /nodes/pve/lxc/101/snapshot': UPID,
      'DELETE /nodes/pve/storage/local/content/local:backup%2Fvzdump-lxc-101-2025_10_16-12_00_00.tar.zst': UPID,
    };

    it('grows a disk and refuses bad disk keys or sizes before calling PVE', async () => {
      const { pve, transport } = client(routes);
      await pve.resizeContainerDisk('pve', 101, 'mp0', '+2G');
      expect(transport.calls[0]).toMatchObject({ method: 'PUT', params: { disk: 'mp0', size: '+2G' } });
      await expect(pve.resizeContainerDisk('pve', 101, 'mp256', '10G')).rejects.toMatchObject({ kind: 'invalid' });
      await expect(pve.resizeContainerDisk('pve', 101, 'rootfs', '-1G')).rejects.toMatchObject({ kind: 'invalid' });
      expect(transport.calls).toHaveLength(1);
    });

    it('clones, moves a volume to another container and backs up with PVE field names', async () => {
      const { pve, transport } = client(routes);
      await pve.cloneContainer('pve', 101, 102, { hostname: 'copy', full: true, snapname: 'pre_clone' });
      await pve.moveContainerVolume('pve', 101, 'mp0', { targetVmid: 102, targetVolume: 'mp0' });
      await pve.backupContainer('pve', 101, { storage: 'local', notesTemplate: 'proxdeck {{guestname}}', pruneBackups: 'keep-last=3' });
      expect(transport.calls[0].params).toMatchObject({ newid: 102, hostname: 'copy', full: true, snapname: 'pre_clone' });
      expect(transport.calls[1].params).toMatchObject({ volume: 'mp0', 'target-vmid': 102, 'target-volume': 'mp0' });
      expect(transport.calls[2].params).toMatchObject({
        vmid: '101',
        storage: 'local',
        mode: 'snapshot',
        compress: 'zstd',
        'notes-template': 'proxdeck {{guestname}}',
        'prune-backups': 'keep-last=3',
      });
    });

    it('restores an archive through create with restore=1', async () => {
      const { pve, transport } = client(routes);
      await pve.restoreContainer('pve', { vmid: 103, archive: 'local:backup/vzdump-lxc-101-2025_10_16-12_00_00.tar.zst', storage: 'local-lvm', force: true });
      expect(transport.calls[0].params).toEqual({
        vmid: 103,
        ostemplate: 'local:backup/vzdump-lxc-101-2025_10_16-12_00_00.tar.zst',
        storage: 'local-lvm',
        force: true,
        restore: true,
      });
    });

    it('escapes the slash of a volid in the path', async () => {
      const { pve, transport } = client(routes);
      await pve.deleteVolume('pve', 'local', 'local:backup/vzdump-lxc-101-2025_10_16-12_00_00.tar.zst');
      expect(transport.calls[0].path).toBe('/nodes/pve/storage/local/content/local:backup%2Fvzdump-lxc-101-2025_10_16-12_00_00.tar.zst');
    });

    it('accepts PVE snapshot names only', async () => {
      const { pve } = client(routes);
      await expect(pve.createSnapshot('pve', 101, 'pre_update_1')).resolves.toBe(UPID);
      await expect(pve.createSnapshot('pve', 101, 'pre-update')).rejects.toMatchObject({ kind: 'invalid' });
    });
  });
});
