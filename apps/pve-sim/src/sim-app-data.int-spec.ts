import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { dhcpAddress } from './network/container-ip';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, waitTask } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';

/** App data lives on volumes: written over HTTP, carried by backups, restores, clones and moves. */
describe('pve-sim: app data that follows its volume', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const ct = (vmid: number) => api.nodes.$('pve1').lxc.$(vmid);
  const ok = async (upid: Promise<string>): Promise<void> => {
    expect((await waitTask(api, 'pve1', await upid)).exitstatus).toBe('OK');
  };
  const restored = async (upid: Promise<string>): Promise<void> => {
    expect((await waitTask(api, 'pve1', await upid)).exitstatus).toBe('WARNINGS: 1');
  };
  const dataUrl = (vmid: number, key: string, port = 80): string => `http://${dhcpAddress(vmid)}:${port}/.sim-data/${key}`;
  const put = (vmid: number, key: string, value: string) => rawRequest(dataUrl(vmid, key), { method: 'PUT', body: value });
  const adminData = async (vmid: number): Promise<{ status: number; body: { volid?: string; data?: Record<string, string> } }> => {
    const res = await rawRequest(`${sim.url}/_sim/containers/${vmid}/data`);
    return { status: res.status, body: JSON.parse(res.body) as { volid?: string; data?: Record<string, string> } };
  };
  const create = (vmid: number, extra: Record<string, string | boolean> = {}) =>
    ok(api.nodes.$('pve1').lxc.$post({ vmid, hostname: `app${vmid}`, ostemplate: 'local:vztmpl/nginx_1.27.4.tar', rootfs: 'local-lvm:2', net0: NET0, ...extra }));
  const stop = (vmid: number) => ok(ct(vmid).status.stop.$post());
  const backup = async (vmid: number): Promise<string> => {
    await ok(engine.doRequest('POST', '/api2/json/nodes/pve1/vzdump', '', { vmid: String(vmid), storage: 'local', mode: 'snapshot' }) as Promise<string>);
    const list = (await api.nodes.$('pve1').storage.$('local').content.$get({ content: 'backup', vmid })) as Array<{ volid: string }>;
    return list[list.length - 1].volid;
  };

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    ({ api, engine } = clientFor(sim));
    await ok(ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.4'));
  });

  afterEach(async () => {
    await sim.reset();
    await ok(ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.4'));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('stores values on the first mount point over HTTP (GET 200/404, bad key 400)', async () => {
    await create(600, { mp0: 'local-lvm:1,mp=/data', start: true });
    expect((await rawRequest(dataUrl(600, 'marker'))).status).toBe(404);
    expect((await put(600, 'marker', 'v1')).status).toBe(200);
    const read = await rawRequest(dataUrl(600, 'marker'));
    expect({ status: read.status, body: read.body }).toEqual({ status: 200, body: 'v1' });
    expect((await rawRequest(dataUrl(600, 'bad key!'))).status).toBe(400);
    expect(await adminData(600)).toEqual({ status: 200, body: { vmid: 600, volid: 'local-lvm:vm-600-disk-1', data: { marker: 'v1' } } });
  });

  it('uses the rootfs without mount points and answers on every http port', async () => {
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/gitea/gitea:1.23.1'));
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 601, ostemplate: 'local:vztmpl/gitea_1.23.1.tar', rootfs: 'local-lvm:2', net0: NET0, start: true }));
    expect((await rawRequest(dataUrl(601, 'k', 3000), { method: 'PUT', body: 'x' })).status).toBe(200);
    expect((await adminData(601)).body).toMatchObject({ volid: 'local-lvm:vm-601-disk-0', data: { k: 'x' } });
  });

  it('vzdump captures it with backup=1; restore to a new vmid and restore with force over the CT bring it back', async () => {
    await create(602, { mp0: 'local-lvm:1,mp=/data,backup=1', start: true });
    await put(602, 'marker', 'before-backup');
    const archive = await backup(602);
    await put(602, 'marker', 'after-backup');

    // A token's restore drops the image's raw lxc keys, with a warning (see sim-oci-create).
    await restored(api.nodes.$('pve1').lxc.$post({ vmid: 603, ostemplate: archive, restore: true, storage: 'local-lvm', start: true }));
    expect((await rawRequest(dataUrl(603, 'marker'))).body).toBe('before-backup');

    await stop(602);
    await restored(api.nodes.$('pve1').lxc.$post({ vmid: 602, ostemplate: archive, restore: true, force: true, storage: 'local-lvm' }));
    expect((await adminData(602)).body.data).toEqual({ marker: 'before-backup' });
  });

  it('restore with unique=1 gives the archived net0 a new MAC (Create.pm L572-577); unique without restore is a 400', async () => {
    await create(612);
    const archive = await backup(612);
    await restored(api.nodes.$('pve1').lxc.$post({ vmid: 613, ostemplate: archive, restore: true, unique: true, storage: 'local-lvm' }));
    const mac = (conf: { net0?: string }) => /hwaddr=([0-9A-F:]+)/.exec(conf.net0 ?? '')?.[1];
    const [source, copy] = [await ct(612).config.$get(), await ct(613).config.$get()];
    expect(mac(copy)).toMatch(/^BC:24:11:/);
    expect(mac(copy)).not.toBe(mac(source));
    await expect(api.nodes.$('pve1').lxc.$post({ vmid: 614, ostemplate: archive, unique: true })).rejects.toThrow(/Parameter verification failed/);
  });

  it('a mount point without backup=1 is not in the archive: the restore makes it, empty (VZDump/LXC.pm L159-166)', async () => {
    await create(610, { mp0: 'local-lvm:1,mp=/data', start: true });
    await put(610, 'marker', 'not-archived');
    const archive = await backup(610);
    await restored(api.nodes.$('pve1').lxc.$post({ vmid: 611, ostemplate: archive, restore: true, storage: 'local-lvm' }));
    expect((await adminData(611)).body).toMatchObject({ volid: 'local-lvm:vm-611-disk-1', data: {} });
  });

  it('a full clone copies it, independently of the source', async () => {
    await create(604, { mp0: 'local-lvm:1,mp=/data' });
    await rawRequest(`${sim.url}/_sim/containers/604/data`, { method: 'PUT', body: JSON.stringify({ marker: 'seeded' }) });
    await ok(ct(604).clone.$post({ newid: 605, full: true }));
    expect((await adminData(605)).body).toMatchObject({ volid: 'local-lvm:vm-605-disk-1', data: { marker: 'seeded' } });
    await ok(ct(605).status.start.$post());
    await put(605, 'marker', 'clone-only');
    expect((await adminData(604)).body.data).toEqual({ marker: 'seeded' });
  });

  it('move_volume to another CT takes it along', async () => {
    await create(606, { mp0: 'local-lvm:1,mp=/data' });
    await create(607);
    await rawRequest(`${sim.url}/_sim/containers/606/data`, { method: 'PUT', body: JSON.stringify({ marker: 'moved' }) });
    await ok(ct(606).move_volume.$post({ volume: 'mp0', 'target-vmid': 607, 'target-volume': 'mp0' }));
    expect((await adminData(607)).body).toMatchObject({ volid: 'local-lvm:vm-607-disk-1', data: { marker: 'moved' } });
    expect((await adminData(606)).body).toMatchObject({ volid: 'local-lvm:vm-606-disk-0', data: {} });
  });

  it('destroy removes it: a new CT with the same vmid starts empty', async () => {
    await create(608, { mp0: 'local-lvm:1,mp=/data' });
    await rawRequest(`${sim.url}/_sim/containers/608/data`, { method: 'PUT', body: JSON.stringify({ marker: 'gone' }) });
    await ok(ct(608).$delete({ purge: true }));
    expect((await adminData(608)).status).toBe(404);
    await create(608, { mp0: 'local-lvm:1,mp=/data' });
    expect((await adminData(608)).body.data).toEqual({});
  });
});

describe('pve-sim --state-file keeps app data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pve-sim-data-'));
  const stateFile = join(dir, 'state.json');

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the stored value again after a restart', async () => {
    const first = await startSim({ http: true, taskSpeed: 0, stateFile });
    const { api, engine } = clientFor(first);
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.3'));
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 609, ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:1', net0: NET0, start: true }));
    await rawRequest(`http://${dhcpAddress(609)}/.sim-data/marker`, { method: 'PUT', body: 'persisted' });
    await first.close();

    const second = await startSim({ http: true, taskSpeed: 0, stateFile });
    try {
      expect((await rawRequest(`http://${dhcpAddress(609)}/.sim-data/marker`)).body).toBe('persisted');
    } finally {
      await second.close();
    }
  });
});
