import { dhcpAddress } from './network/container-ip';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, waitTask } from './test-support/sim-client';

async function addFault(sim: SimHandle, fault: object): Promise<number> {
  const res = await rawRequest(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fault) });
  return res.status;
}

describe('pve-sim fault injection through the admin API', () => {
  let sim: SimHandle;

  beforeAll(async () => {
    // 9.1.4: the "invalid PVE ticket" phrase proxmox-api's engine re-logs in on (9.1.5+ says "Authentication failed!").
    sim = await startSim({ http: true, taskSpeed: 0, pveVersion: '9.1.4' });
  });

  afterAll(async () => {
    await sim.close();
  });

  afterEach(async () => {
    await rawRequest(`${sim.url}/_sim/faults`, { method: 'DELETE' });
  });

  it('rejects malformed faults with 400', async () => {
    expect(await addFault(sim, { kind: 'meteor' })).toBe(400);
  });

  it('fails a burst of requests with the injected status, then recovers', async () => {
    const { api } = clientFor(sim);
    expect(await addFault(sim, { kind: 'http-error', status: 503, path: '^/cluster/resources', times: 2 })).toBe(201);
    await expect(api.cluster.resources.$get()).rejects.toThrow(/connection failed with 503 Service Unavailable/);
    await expect(api.cluster.resources.$get()).rejects.toThrow(/503/);
    expect(Array.isArray(await api.cluster.resources.$get())).toBe(true);
  });

  it('fails a task at a named step: a clone dies after its first disk and leaves nothing behind', async () => {
    const { api, engine } = clientFor(sim);
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.3'));
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 810, ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:1', mp0: 'local-lvm:1,mp=/data' }));
    expect(await addFault(sim, { kind: 'task-fail', taskType: 'vzclone', afterLog: 'clone of mountpoint mp0', message: 'injected: storage went away' })).toBe(201);
    const clone = await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(810).clone.$post({ newid: 811, full: true }));
    // pve-container src/PVE/API2/LXC.pm L2280: `die "clone failed: $err"`.
    expect(clone.exitstatus).toBe('clone failed: injected: storage went away');
    const log = (await api.nodes.$('pve1').tasks.$(clone.upid).log.$get({ limit: 0 })).map((l) => String(l.t));
    expect(log).toEqual(expect.arrayContaining(['create full clone of mountpoint rootfs (local-lvm:vm-810-disk-0)', 'create full clone of mountpoint mp0 (local-lvm:vm-810-disk-1)']));
    const inventory = sim.inventory() as { containers: Array<{ vmid: number; lock: string | null }>; volumes: Array<{ volid: string }> };
    expect(inventory.containers.map((c) => [c.vmid, c.lock])).toEqual([[810, null]]);
    expect(inventory.volumes.map((v) => v.volid).filter((v) => v.includes('811'))).toEqual([]);
    // atStep: the second step of the next start.
    expect(await addFault(sim, { kind: 'task-fail', taskType: 'vzstart', vmid: 810, atStep: 2 })).toBe(201);
    expect((await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(810).status.start.$post())).exitstatus).toBe('OK');
    expect(await rawRequest(`${sim.url}/_sim/faults`).then((r) => (JSON.parse(r.body) as { faults: unknown[] }).faults)).toHaveLength(1);
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(810).status.stop.$post());
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(810).$delete({ purge: true }));
  });

  it('delays matching requests', async () => {
    const { api } = clientFor(sim);
    await addFault(sim, { kind: 'latency', ms: 300, path: '^/version$', times: 1 });
    const t0 = Date.now();
    await api.version.$get();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('takes a node offline: listed offline, its CTs unreachable, requests to it get 595, back when cleared', async () => {
    const { api, engine } = clientFor(sim);
    await waitTask(api, 'pve2', await ociPull(engine, 'pve2', 'local', 'docker.io/library/nginx:1.27.3'));
    await waitTask(api, 'pve2', await api.nodes.$('pve2').lxc.$post({ vmid: 160, ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:1', net0: 'name=eth0,bridge=vmbr0,ip=dhcp', start: true }));
    expect((await rawRequest(`http://${dhcpAddress(160)}/`)).status).toBe(200);
    await addFault(sim, { kind: 'node-offline', node: 'pve2' });
    await expect(rawRequest(`http://${dhcpAddress(160)}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect((await api.cluster.resources.$get({ type: 'vm' })).find((r) => r.vmid === 160)?.status).toBe('unknown');
    expect((await api.nodes.$get()).find((n) => n.node === 'pve2')?.status).toBe('offline');
    const res = await rawRequest(`${sim.url}/api2/json/nodes/pve2/lxc`, { headers: { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}` } });
    expect([res.status, res.statusText]).toEqual([595, 'No route to host']);
    await rawRequest(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    expect((await api.nodes.$get()).find((n) => n.node === 'pve2')?.status).toBe('online');
    expect((await rawRequest(`http://${dhcpAddress(160)}/`)).status).toBe(200);
  });

  it('expires tickets: proxmox-api re-logs in on "permission denied - invalid PVE ticket"', async () => {
    const { api, engine } = clientFor(sim, 'password');
    await api.version.$get();
    const before = engine.ticket;
    const stale = await rawRequest(`${sim.url}/api2/json/version`, { headers: { cookie: `PVEAuthCookie=${before ?? ''}` } });
    expect(stale.status).toBe(200);
    await addFault(sim, { kind: 'ticket-expiry' });
    const expired = await rawRequest(`${sim.url}/api2/json/version`, { headers: { cookie: `PVEAuthCookie=${before ?? ''}` } });
    expect([expired.status, expired.statusText, expired.body]).toEqual([401, 'permission denied - invalid PVE ticket', '']);
    expect((await api.version.$get()).release).toBe('9.1');
    expect(engine.ticket).not.toBe(before);
  });

  it('holds a lock: the start task fails with CT is locked, PUT config refuses, clearing unlocks', async () => {
    const { api, engine } = clientFor(sim);
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.5'));
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 150, ostemplate: 'local:vztmpl/nginx_1.27.5.tar', rootfs: 'local-lvm:1' }));
    await addFault(sim, { kind: 'lock', vmid: 150, lock: 'backup' });
    expect((await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(150).status.start.$post())).exitstatus).toBe('CT is locked (backup)');
    await expect(api.nodes.$('pve1').lxc.$(150).config.$put({ cores: 2 })).rejects.toThrow(/Error 500 CT is locked \(backup\)/);
    expect((await api.cluster.resources.$get({ type: 'vm' }))[0]).toMatchObject({ vmid: 150, lock: 'backup' });
    await rawRequest(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    expect((await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(150).status.start.$post())).exitstatus).toBe('OK');
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$(150).$delete({ force: true }));
  });
});
