import type { Proxmox } from 'proxmox-api';
import type { ProxmoxEngine } from 'proxmox-api';
import { dhcpAddress } from './network/container-ip';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, taskLog, waitTask } from './test-support/sim-client';

interface Inventory {
  containers: Array<{ vmid: number; status: string; lock: string | null; ip: string | null; volumes: string[] }>;
  volumes: Array<{ volid: string; node: string; content: string; size: number }>;
  tasks: { running: number };
}

async function inventory(sim: SimHandle): Promise<Inventory> {
  const res = await rawRequest(`${sim.url}/_sim/inventory`);
  return JSON.parse(res.body) as Inventory;
}

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';

describe('pve-sim over HTTP: the LXC lifecycle through proxmox-api', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    ({ api, engine } = clientFor(sim, 'token'));
    const upid = await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.3');
    expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe('OK');
  });

  afterAll(async () => {
    await sim.close();
  });

  afterEach(async () => {
    await rawRequest(`${sim.url}/_sim/faults`, { method: 'DELETE' });
  });

  it('pulls an OCI image into local:vztmpl with a download task', async () => {
    const content = await api.nodes.$('pve1').storage.$('local').content.$get({ content: 'vztmpl' });
    expect(content).toEqual([expect.objectContaining({ volid: 'local:vztmpl/nginx_1.27.3.tar', content: 'vztmpl', format: 'tar' })]);
    expect(await api.nodes.$('pve2').storage.$('local').content.$get()).toEqual([]);
  });

  it('fails the pull task with a registry-style error for an unknown tag; refuses to overwrite a file and pulls to non-file storages (Status.pm L916-1005)', async () => {
    const upid = await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:9.9.9');
    expect(upid).toMatch(/:ociregistrypull:nginx_9\.9\.9\.tar:/);
    const status = await waitTask(api, 'pve1', upid);
    expect(status.exitstatus).toMatch(/manifest unknown/);
    expect((await taskLog(api, 'pve1', upid)).at(-1)).toBe(`TASK ERROR: ${status.exitstatus}`);
    await expect(ociPull(engine, 'pve1', 'local', 'nginx:1.27.3')).rejects.toThrow(/Error 500 refusing to override existing file 'nginx_1\.27\.3\.tar'/);
    await expect(ociPull(engine, 'pve1', 'local-lvm', 'nginx:1.27.3')).rejects.toThrow(/Error 500 can't upload to storage type 'lvmthin', not a file based storage!/);
  });

  it('creates, starts, serves a real page, stops, and deletes a container', async () => {
    const upid = await api.nodes.$('pve1').lxc.$post({
      vmid: 100,
      ostemplate: 'local:vztmpl/nginx_1.27.3.tar',
      hostname: 'web-100',
      rootfs: 'local-lvm:4',
      mp0: 'local-lvm:2,mp=/data',
      net0: NET0,
      cores: 1,
      memory: 256,
      tags: 'proxdeck;web',
      description: 'proxdeck app 1',
    });
    expect(upid).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:vzcreate:100:root@pam!proxdeck:$/);
    const created = await waitTask(api, 'pve1', upid);
    expect(created).toMatchObject({ status: 'stopped', exitstatus: 'OK', type: 'vzcreate', id: '100', user: 'root@pam', tokenid: 'proxdeck' });
    expect((await taskLog(api, 'pve1', upid)).at(-1)).toBe('TASK OK');

    const config = await api.nodes.$('pve1').lxc.$(100).config.$get();
    expect(config).toMatchObject({ hostname: 'web-100', memory: 256, cores: 1, rootfs: 'local-lvm:vm-100-disk-0,size=4G', mp0: 'local-lvm:vm-100-disk-1,mp=/data,size=2G', tags: 'proxdeck;web', unprivileged: 1 });
    expect(config.digest).toMatch(/^[0-9a-f]{40}$/);
    expect(config.lock).toBeUndefined();

    await expect(api.nodes.$('pve1').lxc.$(100).status.stop.$post()).rejects.toThrow(/Error 500 CT 100 not running/);
    await expect(api.nodes.$('pve1').lxc.$(100).status.reboot.$post()).rejects.toThrow(/Error 500 VM 100 not running/);
    expect(await api.nodes.$('pve1').lxc.$(100).interfaces.$get()).toBeNull();

    const started = await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(100).status.start.$post());
    expect(started.exitstatus).toBe('OK');
    await expect(api.nodes.$('pve1').lxc.$(100).status.start.$post()).rejects.toThrow(/Error 500 CT 100 already running/);

    const ip = dhcpAddress(100);
    const page = await rawRequest(`http://${ip}:80/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Welcome to nginx!</title>');
    expect(page.body).toContain('web-100');

    const ifaces = await api.nodes.$('pve1').lxc.$(100).interfaces.$get();
    expect(ifaces.map((i) => [i.name, i.inet])).toEqual([
      ['lo', '127.0.0.1/8'],
      ['eth0', `${ip}/8`],
    ]);
    const current = await api.nodes.$('pve1').lxc.$(100).status.current.$get();
    expect(current).toMatchObject({ vmid: 100, status: 'running', name: 'web-100', maxmem: 256 * 1024 * 1024, ha: { managed: 0 } });

    await expect(api.nodes.$('pve1').lxc.$(100).$delete()).rejects.toThrow(/Error 500 unable to destroy CT 100 - container is running/);

    expect((await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(100).status.shutdown.$post({ timeout: 30 }))).exitstatus).toBe('OK');
    await expect(rawRequest(`http://${ip}:80/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const destroyUpid = await api.nodes.$('pve1').lxc.$(100).$delete({ purge: true });
    expect((await waitTask(api, 'pve1', destroyUpid)).exitstatus).toBe('OK');
    const inv = await inventory(sim);
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.map((v) => v.volid)).toEqual(['local:vztmpl/nginx_1.27.3.tar']);
    await expect(api.nodes.$('pve1').lxc.$(100).config.$get()).rejects.toThrow(/Error 500 Configuration file 'nodes\/pve1\/lxc\/100.conf' does not exist/);
  });

  it('holds lock: create synchronously and reports duplicates and wrong storage', async () => {
    const upid = await api.nodes.$('pve1').lxc.$post({ vmid: 101, ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:4', net0: NET0 });
    const listed = await api.nodes.$('pve1').lxc.$get();
    expect(listed).toEqual([expect.objectContaining({ vmid: 101, lock: 'create', status: 'stopped' })]);
    await expect(api.nodes.$('pve1').lxc.$post({ vmid: 101, ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:4' })).rejects.toThrow(
      /Error 500 CT 101 already exists on node 'pve1'/,
    );
    await waitTask(api, 'pve1', upid);
    await expect(api.nodes.$('pve1').lxc.$post({ vmid: 102, ostemplate: 'local:vztmpl/nginx_1.27.3.tar' })).rejects.toThrow(
      /Error 400 Parameter verification failed\.: .*"storage":"storage 'local' does not support container directories"/,
    );
    expect(await api.cluster.nextid.$get()).toBe('100');
    await expect(api.cluster.nextid.$get({ vmid: 101 })).rejects.toThrow(/"vmid":"VM 101 already exists"/);
    const resources = await api.cluster.resources.$get({ type: 'vm' });
    expect(resources).toEqual([expect.objectContaining({ id: 'lxc/101', vmid: 101, node: 'pve1', type: 'lxc', status: 'stopped', template: 0 })]);
    const digest = (await api.nodes.$('pve1').lxc.$(101).config.$get()).digest;
    await api.nodes.$('pve1').lxc.$(101).config.$put({ cores: 2, description: 'changed', digest });
    expect(await api.nodes.$('pve1').lxc.$(101).config.$get()).toMatchObject({ cores: 2, description: 'changed' });
    await expect(api.nodes.$('pve1').lxc.$(101).config.$put({ cores: 3, digest })).rejects.toThrow(/detected modified configuration - file changed by other user\? Try again\./);
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(101).$delete());
  });

  it('ends an injected start failure with TASK ERROR and leaves the CT stopped', async () => {
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 103, ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:1', net0: NET0 }));
    const fault = await rawRequest(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'task-fail', taskType: 'vzstart', vmid: 103 }) });
    expect(fault.status).toBe(201);
    const upid = await api.nodes.$('pve1').lxc.$(103).status.start.$post();
    const status = await waitTask(api, 'pve1', upid);
    expect(status.exitstatus).toBe("startup for container '103' failed");
    expect((await taskLog(api, 'pve1', upid)).at(-1)).toBe("TASK ERROR: startup for container '103' failed");
    expect((await api.nodes.$('pve1').lxc.$(103).status.current.$get()).status).toBe('stopped');
    await expect(rawRequest(`http://${dhcpAddress(103)}:80/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The fault was used up: the next start works.
    expect((await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(103).status.start.$post())).exitstatus).toBe('OK');
    const tasks = await api.nodes.$('pve1').tasks.$get({ vmid: 103, typefilter: 'vzstart' });
    expect(tasks.map((t) => t.status)).toEqual(['OK', "startup for container '103' failed"]);
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(103).$delete({ force: true }));
    expect((await inventory(sim)).containers).toEqual([]);
  });

  it('rolls a failed create back: no config, no volumes', async () => {
    await rawRequest(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'task-fail', taskType: 'vzcreate', message: 'disk quota exceeded' }) });
    const status = await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 104, ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:4' }));
    expect(status.exitstatus).toBe('unable to create CT 104 - disk quota exceeded');
    const inv = await inventory(sim);
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content === 'rootdir')).toEqual([]);
  });

  it('deletes a template volume through the storage content API (imgdel, delay; Content.pm L372, L521: info format raw, task id the storage)', async () => {
    expect((await waitTask(api, 'pve2', await ociPull(engine, 'pve2', 'local', 'docker.io/traefik/whoami:v1.11.0'))).exitstatus).toBe('OK');
    const volid = 'local:vztmpl/whoami_v1.11.0.tar';
    expect((await api.nodes.$('pve2').storage.$('local').content.$(volid).$get()).format).toBe('raw');
    expect(await api.nodes.$('pve2').storage.$('local').content.$(volid).$delete({ delay: 5 })).toBeNull();
    expect(await api.nodes.$('pve2').storage.$('local').content.$get()).toEqual([]);
    const tasks = await api.nodes.$('pve2').tasks.$get({ typefilter: 'imgdel' });
    expect(tasks.map((t) => [t.id, t.status])).toEqual([['local', 'OK']]);
  });

  it('lists a token\'s finished tasks with user and tokenid apart; userfilter ignores case; limit=0 lists none; errors=1 is all but ok (Tasks.pm)', async () => {
    const list = (q: Record<string, unknown>) => engine.doRequest('GET', '/api2/json/nodes/pve1/tasks', '', q) as Promise<Array<Record<string, unknown>>>;
    const tasks = await list({ limit: 500 });
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t['user'] === 'root@pam' && t['tokenid'] === 'proxdeck')).toBe(true);
    expect((await list({ limit: 500, userfilter: 'ROOT@PAM' })).length).toBe(tasks.length);
    expect(await list({ limit: 0 })).toEqual([]);
    const failed = tasks.filter((t) => t['status'] !== 'OK').length;
    expect((await list({ limit: 500, errors: 1, statusfilter: 'ok' })).length).toBe(failed);
    await expect(list({ statusfilter: 'fine' })).rejects.toThrow(/invalid status 'fine'/);
  });

  it('reports unknown and unparsable UPIDs as 400, and the log of an unknown one as an unreadable file (Tasks.pm L397-442)', async () => {
    const unknown = 'UPID:pve1:00000001:00000001:00000001:vzstart:1:root@pam:';
    await expect(api.nodes.$('pve1').tasks.$('nonsense').status.$get()).rejects.toThrow(/"upid":"unable to parse worker upid"/);
    await expect(api.nodes.$('pve1').tasks.$(unknown).status.$get()).rejects.toThrow(/"upid":"no such task"/);
    await expect(api.nodes.$('pve1').tasks.$('nonsense').log.$get()).rejects.toThrow(/"upid":"unable to parse worker upid"/);
    expect(await api.nodes.$('pve1').tasks.$(unknown).log.$get()).toEqual([{ n: 1, t: 'unable to open file - No such file or directory' }]);
  });
});
