import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, taskLog, waitTask } from './test-support/sim-client';

/** `vzdump --all 1`: every guest of the cluster is included, and each node backs up its own. */
describe('pve-sim: vzdump all=1 across nodes', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const vzdump = (node: string, params: Record<string, unknown>): Promise<string> => engine.doRequest('POST', `/api2/json/nodes/${node}/vzdump`, '', params) as Promise<string>;
  const backedUp = async (node: string): Promise<number[]> =>
    (await api.nodes.$(node).storage.$('local').content.$get({ content: 'backup' })).map((v) => Number(v.vmid)).sort((a, b) => a - b);

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0, nodes: 3 });
    ({ api, engine } = clientFor(sim));
    // One pull per node: Proxmox refuses to pull over an existing template.
    for (const node of ['pve1', 'pve2']) await waitTask(api, node, await ociPull(engine, node, 'local', 'docker.io/library/nginx:1.27.4'));
    for (const [node, vmid] of [['pve1', 400], ['pve2', 401], ['pve2', 402]] as const) {
      await waitTask(api, node, await api.nodes.$(node).lxc.$post({ vmid, ostemplate: 'local:vztmpl/nginx_1.27.4.tar', rootfs: 'local-lvm:1' }));
    }
  });

  afterAll(async () => {
    await sim.close();
  });

  it('backs up the local guests on each node and names the others as external', async () => {
    const one = await vzdump('pve1', { all: 1, storage: 'local' });
    expect(one).toContain(':vzdump:400:');
    expect(await waitTask(api, 'pve1', one)).toMatchObject({ exitstatus: 'OK' });
    expect(await taskLog(api, 'pve1', one)).toEqual(
      expect.arrayContaining(['INFO: starting new backup job: vzdump --all 1 --storage local --mode snapshot --compress 0 --node pve1', 'INFO: skip external VMs: 401, 402']),
    );
    const two = await vzdump('pve2', { all: 1, exclude: '402' });
    expect(two).toMatch(/:vzdump:401:/);
    expect(await waitTask(api, 'pve2', two)).toMatchObject({ exitstatus: 'OK' });
    expect(await taskLog(api, 'pve2', two)).toContain('INFO: skip external VMs: 400');
    expect([await backedUp('pve1'), await backedUp('pve2')]).toEqual([[400], [401]]);
  });

  it('runs a job on a node without guests, while a vmid list with none of them here answers OK', async () => {
    const empty = await vzdump('pve3', { all: 1 });
    expect(await waitTask(api, 'pve3', empty)).toMatchObject({ exitstatus: 'OK' });
    expect(await taskLog(api, 'pve3', empty)).toEqual(expect.arrayContaining(['INFO: skip external VMs: 400, 401, 402', 'INFO: Backup job finished successfully']));
    expect(await vzdump('pve3', { vmid: '400,401' })).toBe('OK');
    expect(await backedUp('pve3')).toEqual([]);
  });
});
