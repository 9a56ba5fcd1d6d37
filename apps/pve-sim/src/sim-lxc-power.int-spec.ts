import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, taskLog, waitTask, type TaskStatus } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';

/** Power routes against pve-container src/PVE/API2/LXC/Status.pm and src/PVE/LXC.pm vm_* helpers. */
describe('pve-sim: start, stop, shutdown, reboot, suspend and resume as Status.pm does them', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const ct = (vmid: number) => api.nodes.$('pve1').lxc.$(vmid);
  const post = (path: string, params: Record<string, unknown> = {}): Promise<string> => engine.doRequest('POST', `/api2/json/nodes/pve1/lxc${path}`, '', params) as Promise<string>;
  const done = async (upid: Promise<string>): Promise<TaskStatus> => waitTask(api, 'pve1', await upid);
  const ok = async (upid: Promise<string>): Promise<void> => {
    expect((await done(upid)).exitstatus).toBe('OK');
  };
  /** Holds the CT's config flock in-process, so tasks queue behind it in the order they were asked for. */
  const holdFlock = (vmid: number): Promise<() => void> => sim.context.tasks.flocks.acquire(vmid, 10_000);

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    ({ api, engine } = clientFor(sim));
    await ok(ociPull(engine, 'pve1', 'local', 'docker.io/traefik/whoami:v1.10.3'));
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 300, hostname: 'power', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:1', net0: NET0 }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('lists the status subdirectories of vmcmdidx (Status.pm L63-70)', async () => {
    const index = (await engine.doRequest('GET', '/api2/json/nodes/pve1/lxc/300/status', '', {})) as Array<{ subdir: string }>;
    expect(index.map((e) => e.subdir)).toEqual(['current', 'start', 'stop', 'shutdown', 'reboot', 'migrate']);
  });

  it('refuses only a true skiplock to anyone but root@pam (Status.pm L158-160, L258-260)', async () => {
    // The API token root@pam!proxdeck is not root@pam.
    await ok(post('/300/status/start', { skiplock: 0 }));
    const res = await rawRequest(`${sim.url}/api2/json/nodes/pve1/lxc/300/status/stop`, {
      method: 'POST',
      headers: { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ skiplock: 1 }),
    });
    expect([res.status, JSON.parse(res.body).errors]).toEqual([400, { skiplock: 'Only root may use this option.' }]);
    await ok(post('/300/status/stop', { skiplock: 0 }));
  });

  it('a second start that waited for the first ends OK after the monitor timeout (Status.pm L162, LXC.pm L3112-3123)', async () => {
    const release = await holdFlock(300);
    const first = await post('/300/status/start');
    const second = await post('/300/status/start');
    release();
    expect((await done(Promise.resolve(first))).exitstatus).toBe('OK');
    expect((await done(Promise.resolve(second))).exitstatus).toBe('OK');
    expect(await taskLog(api, 'pve1', second)).toEqual(['trying to acquire lock... OK', 'problem with monitor socket, but continuing anyway: got timeout', '', 'TASK OK']);
    expect((await ct(300).status.current.$get()).status).toBe('running');
  });

  it('reboot leaves a CT alone that stopped before the task got the lock (LXC.pm vm_reboot L3273-3287)', async () => {
    const release = await holdFlock(300);
    const stop = await post('/300/status/stop');
    const reboot = await post('/300/status/reboot');
    release();
    expect((await done(Promise.resolve(stop))).exitstatus).toBe('OK');
    expect((await done(Promise.resolve(reboot))).exitstatus).toBe('OK');
    expect((await ct(300).status.current.$get()).status).toBe('stopped');
  });

  it('checks the template before the lock when starting (Status.pm L191-196)', async () => {
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 301, hostname: 'tmpl', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:1', net0: NET0 }));
    await post('/301/template');
    const tasks = (await api.nodes.$('pve1').tasks.$get({ typefilter: 'vztemplate' })) as unknown as Array<{ upid: string }>;
    await ok(Promise.resolve(tasks[0].upid));
    await rawRequest(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'lock', vmid: 301, lock: 'backup' }) });
    try {
      expect((await done(post('/301/status/start'))).exitstatus).toBe("you can't start a CT if it's a template");
    } finally {
      await rawRequest(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    }
  });

  it('does not start an unprivileged CT with quota=1 on a volume (Status.pm L198-207)', async () => {
    await ok(
      api.nodes.$('pve1').lxc.$post({
        vmid: 302,
        hostname: 'quota',
        ostemplate: 'local:vztmpl/whoami_v1.10.3.tar',
        rootfs: 'local-lvm:1',
        mp0: 'local-lvm:1,mp=/data,quota=1',
        unprivileged: true,
        net0: NET0,
      }),
    );
    expect((await done(post('/302/status/start'))).exitstatus).toBe('Quotas are not supported by unprivileged containers.');
    expect((await ct(302).status.current.$get()).status).toBe('stopped');
  });

  it('resume runs lxc-checkpoint without reading a config: a missing CT fails there (Status.pm L487-497)', async () => {
    expect((await done(post('/399/status/resume'))).exitstatus).toBe("command 'lxc-checkpoint -n 399 -r --foreground -D /var/lib/vz/dump' failed: exit code 1");
  });
});

describe('pve-sim: stop with overrule-shutdown (Status.pm L287-293, GuestHelpers.pm abort_guest_tasks L423-455)', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const post = (path: string, params: Record<string, unknown> = {}): Promise<string> => engine.doRequest('POST', `/api2/json/nodes/pve1/lxc${path}`, '', params) as Promise<string>;

  beforeAll(async () => {
    // Real-ish durations: the shutdown task must still be running when the stop comes.
    sim = await startSim({ http: true, taskSpeed: 0.5 });
    ({ api, engine } = clientFor(sim));
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/traefik/whoami:v1.10.3'));
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 310, hostname: 'overrule', ostemplate: 'local:vztmpl/whoami_v1.10.3.tar', rootfs: 'local-lvm:1', net0: NET0, start: true }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('aborts the running vzshutdown task and logs its UPID', async () => {
    const shutdown = await post('/310/status/shutdown', { timeout: 60 });
    const stop = await post('/310/status/stop', { 'overrule-shutdown': 1 });
    expect((await waitTask(api, 'pve1', shutdown)).exitstatus).toBe('received interrupt');
    expect((await waitTask(api, 'pve1', stop)).exitstatus).toBe('OK');
    expect((await taskLog(api, 'pve1', stop))[0]).toBe(`overruled vzshutdown tasks: ${shutdown}`);
    expect((await api.nodes.$('pve1').lxc.$(310).status.current.$get()).status).toBe('stopped');
  });
});
