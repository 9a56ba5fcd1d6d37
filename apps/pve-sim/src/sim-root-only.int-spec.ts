import { proxmoxApi } from 'proxmox-api';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, waitTask, type RawResponse } from './test-support/sim-client';

/** What only root@pam itself may do: its own API token is refused like any other user. */
describe('pve-sim: root-only limits apply to root@pam tokens', () => {
  let sim: SimHandle;
  const asToken = (path: string, method: string, body: Record<string, unknown>): Promise<RawResponse> =>
    rawRequest(`${sim.url}/api2/json${path}`, {
      method,
      headers: { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const refused = async (res: Promise<RawResponse>): Promise<[number, string]> => {
    const r = await res;
    return [r.status, r.statusText];
  };

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    const { api, engine } = clientFor(sim);
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.4'));
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 700, ostemplate: 'local:vztmpl/nginx_1.27.4.tar', rootfs: 'local-lvm:1', features: 'nesting=1' }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('lets a token set nesting only, on unprivileged containers, and never a hookscript', async () => {
    const create = { vmid: 701, ostemplate: 'local:vztmpl/nginx_1.27.4.tar', rootfs: 'local-lvm:1' };
    expect(await refused(asToken('/nodes/pve1/lxc', 'POST', { ...create, features: 'nesting=1,keyctl=1' }))).toEqual([
      403,
      'Permission check failed (changing feature flags (except nesting) is only allowed for root@pam)',
    ]);
    expect(await refused(asToken('/nodes/pve1/lxc', 'POST', { ...create, features: 'nesting=1', unprivileged: 0 }))).toEqual([
      403,
      'Permission check failed (changing feature flags for privileged container is only allowed for root@pam)',
    ]);
    expect(sim.inventory()).toMatchObject({ containers: [expect.objectContaining({ vmid: 700 })] });

    expect(await refused(asToken('/nodes/pve1/lxc/700/config', 'PUT', { features: 'nesting=1,keyctl=1' }))).toEqual([
      403,
      'Permission check failed (changing feature flags (except nesting) is only allowed for root@pam)',
    ]);
    expect(await refused(asToken('/nodes/pve1/lxc/700/config', 'PUT', { features: 'nesting=1', description: 'same flags' }))).toEqual([200, 'OK']);
    expect(await refused(asToken('/nodes/pve1/lxc/700/config', 'PUT', { features: 'nesting=0' }))).toEqual([200, 'OK']);
    expect(await refused(asToken('/nodes/pve1/lxc/700/config', 'PUT', { hookscript: 'local:snippets/hook.pl' }))).toEqual([
      403,
      'Permission check failed (changing the hookscript is only allowed for root@pam)',
    ]);

    // root@pam with a ticket may.
    const root = proxmoxApi(clientFor(sim, 'password').engine);
    await root.nodes.$('pve1').lxc.$(700).config.$put({ features: 'nesting=1,keyctl=1' });
    expect((await root.nodes.$('pve1').lxc.$(700).config.$get()).features).toBe('nesting=1,keyctl=1');
  });

  it('refuses skiplock and vzdump dumpdir to tokens with 400, and honours skiplock for root@pam', async () => {
    const start = await asToken('/nodes/pve1/lxc/700/status/start', 'POST', { skiplock: 1 });
    expect([start.status, JSON.parse(start.body)]).toEqual([400, { data: null, errors: { skiplock: 'Only root may use this option.' }, message: 'Parameter verification failed.\n' }]);
    const dump = await asToken('/nodes/pve1/vzdump', 'POST', { vmid: '700', dumpdir: '/tmp' });
    expect([dump.status, (JSON.parse(dump.body) as { errors: unknown }).errors]).toEqual([400, { dumpdir: 'Only root may set this option.' }]);

    await rawRequest(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'lock', vmid: 700, lock: 'backup' }) });
    const root = proxmoxApi(clientFor(sim, 'password').engine);
    expect((await waitTask(root, 'pve1', await root.nodes.$('pve1').lxc.$(700).status.start.$post())).exitstatus).toBe('CT is locked (backup)');
    expect((await waitTask(root, 'pve1', await root.nodes.$('pve1').lxc.$(700).status.start.$post({ skiplock: true }))).exitstatus).toBe('OK');
    await rawRequest(`${sim.url}/_sim/faults`, { method: 'DELETE' });
  });
});
