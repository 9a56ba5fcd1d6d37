import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, waitTask } from './test-support/sim-client';

interface PendingItem {
  key: string;
  value?: unknown;
  pending?: unknown;
  delete?: number;
}

describe('pve-sim: config changes on a running CT (pending vs live)', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const ct = () => api.nodes.$('pve1').lxc.$(400);
  const ok = async (upid: Promise<string>): Promise<void> => {
    expect((await waitTask(api, 'pve1', await upid)).exitstatus).toBe('OK');
  };

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    ({ api, engine } = clientFor(sim));
    await ok(ociPull(engine, 'pve1', 'local', 'docker.io/vaultwarden/server:1.33.0'));
    await ok(api.nodes.$('pve1').lxc.$post({ vmid: 400, ostemplate: 'local:vztmpl/server_1.33.0.tar', rootfs: 'local-lvm:2', nameserver: '10.0.0.1', start: true }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('applies cores/memory at once and keeps nameserver pending until the reboot', async () => {
    const before = (await ct().config.$get()).digest;
    await ct().config.$put({ cores: 2, memory: 1024, nameserver: '10.0.0.2', digest: before });
    const effective = await ct().config.$get();
    expect(effective).toMatchObject({ cores: 2, memory: 1024, nameserver: '10.0.0.2' });
    expect(effective.digest).not.toBe(before);
    expect((await ct().config.$get({ current: true })).nameserver).toBe('10.0.0.1');
    const pending = (await ct().pending.$get()) as PendingItem[];
    expect(pending.find((p) => p.key === 'nameserver')).toEqual({ key: 'nameserver', value: '10.0.0.1', pending: '10.0.0.2' });
    expect(pending.find((p) => p.key === 'cores')).toEqual({ key: 'cores', value: 2 });

    await ct().config.$put({ delete: 'entrypoint' });
    expect(((await ct().pending.$get()) as PendingItem[]).find((p) => p.key === 'entrypoint')).toEqual({ key: 'entrypoint', value: '/start.sh', delete: 1 });
    await ct().config.$put({ revert: 'entrypoint' });
    expect(((await ct().pending.$get()) as PendingItem[]).find((p) => p.key === 'entrypoint')).toEqual({ key: 'entrypoint', value: '/start.sh' });

    await ok(ct().status.reboot.$post());
    const after = (await ct().pending.$get()) as PendingItem[];
    expect(after.filter((p) => p.pending !== undefined || p.delete !== undefined)).toEqual([]);
    expect((await ct().config.$get({ current: true })).nameserver).toBe('10.0.0.2');
  });

  it('applies everything at once on a stopped CT and validates delete', async () => {
    await ok(ct().status.stop.$post());
    await ct().config.$put({ nameserver: '10.0.0.3', delete: 'cores' });
    const conf = await ct().config.$get({ current: true });
    expect(conf.nameserver).toBe('10.0.0.3');
    expect(conf.cores).toBeUndefined();
    await expect(ct().config.$put({ delete: 'bogus' })).rejects.toThrow(/"delete":"unknown option 'bogus'"/);
    await expect(ct().config.$put({ delete: 'memory' })).rejects.toThrow(/unable to delete required option 'memory'/);
    await expect(ct().config.$put({ unprivileged: false })).rejects.toThrow(/unable to modify read-only option: 'unprivileged'/);
  });
});

describe('pve-sim: the config flock with realistic task durations (create ~3 s, start ~1 s)', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 1, resourceLagMs: 5000 });
    ({ api, engine } = clientFor(sim));
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.3'));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('shows a new CT as unknown in /cluster/resources for the lag, and PUT config waits for a running task', async () => {
    const create = await api.nodes.$('pve1').lxc.$post({ vmid: 410, ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:1' });
    expect((await api.cluster.resources.$get({ type: 'vm' }))[0]).toMatchObject({ vmid: 410, status: 'unknown', lock: 'create' });
    expect((await waitTask(api, 'pve1', create)).exitstatus).toBe('OK');
    const start = await api.nodes.$('pve1').lxc.$(410).status.start.$post();
    expect((await api.nodes.$('pve1').tasks.$(start).status.$get()).status).toBe('running');
    await api.nodes.$('pve1').lxc.$(410).config.$put({ description: 'after start' });
    // The PUT could only take the flock once the start task released it.
    expect((await api.nodes.$('pve1').tasks.$(start).status.$get()).status).toBe('stopped');
    expect((await api.nodes.$('pve1').lxc.$(410).config.$get()).description).toBe('after start');
  });

  it('stops a running create task through DELETE /tasks/{upid}: rolled back, received interrupt', async () => {
    const upid = await api.nodes.$('pve1').lxc.$post({ vmid: 411, ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:1' });
    expect(await api.nodes.$('pve1').tasks.$(upid).$delete()).toBeNull();
    expect((await waitTask(api, 'pve1', upid)).exitstatus).toBe('unable to create CT 411 - received interrupt');
    expect((await api.nodes.$('pve1').lxc.$get()).map((c) => c.vmid)).toEqual([410]);
  });
});
