import { ProxmoxEngine, type Proxmox } from 'proxmox-api';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, taskLog, waitTask } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';
type Row = Record<string, unknown>;

/** `/cluster/resources` (pve-manager PVE/API2/Cluster.pm L262-728) and the appliance index (Nodes.pm L1736-1845). */
describe('pve-sim: /cluster/resources and aplinfo as pve-manager answers them', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const resources = (e: ProxmoxEngine, q: Record<string, unknown> = {}) => e.doRequest('GET', '/api2/json/cluster/resources', '', q) as Promise<Row[]>;

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0, nodes: 2 });
    ({ api, engine } = clientFor(sim));
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.4'));
    for (const vmid of [101, 1000]) await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid, ostemplate: 'local:vztmpl/nginx_1.27.4.tar', rootfs: 'local-lvm:1', net0: NET0 }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('lists guests in string order of their VMID, then nodes without ssl_fingerprint, storages, and the localnetwork zones (Cluster.pm L555, L615-716; commit 1804cdf1)', async () => {
    const all = await resources(engine);
    expect(all.filter((r) => r['type'] === 'lxc').map((r) => r['vmid'])).toEqual([1000, 101]);
    const node = all.find((r) => r['id'] === 'node/pve1');
    expect(node).toMatchObject({ type: 'node', status: 'online', 'cgroup-mode': 2, level: '' });
    expect(node).not.toHaveProperty('ssl_fingerprint');
    expect(all.filter((r) => r['type'] === 'network')).toEqual([
      { id: 'network/pve1/zone/localnetwork', type: 'network', 'network-type': 'zone', network: 'localnetwork', node: 'pve1', status: 'ok' },
      { id: 'network/pve2/zone/localnetwork', type: 'network', 'network-type': 'zone', network: 'localnetwork', node: 'pve2', status: 'ok' },
    ]);
    expect(await resources(engine, { type: 'sdn' })).toEqual([]);
  });

  it('shows a guest without RRD data as id, vmid, node, type and status unknown only (API2Tools.pm L81-119)', async () => {
    sim.context.options.resourceLagMs = 60_000;
    try {
      await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 102, ostemplate: 'local:vztmpl/nginx_1.27.4.tar', rootfs: 'local-lvm:1', net0: NET0 }));
      expect((await resources(engine, { type: 'vm' })).find((r) => r['vmid'] === 102)).toEqual({ id: 'lxc/102', vmid: 102, node: 'pve1', type: 'lxc', status: 'unknown' });
    } finally {
      sim.context.options.resourceLagMs = 0;
    }
  });

  it('needs Datastore.Audit itself for storages and Sys.Audit on a node for its usage (Cluster.pm L620-637; API2Tools.pm L38-79)', async () => {
    await engine.doRequest('POST', '/api2/json/access/users', '', { userid: 'space@pve' });
    await engine.doRequest('POST', '/api2/json/access/roles', '', { roleid: 'SpaceOnly', privs: 'Datastore.AllocateSpace' });
    await engine.doRequest('PUT', '/api2/json/access/acl', '', { path: '/', roles: 'SpaceOnly', users: 'space@pve' });
    const token = (await engine.doRequest('POST', '/api2/json/access/users/space@pve/token/tok', '', { privsep: 0 })) as { value: string };
    const space = new ProxmoxEngine({ host: sim.host, port: sim.port, schema: sim.protocol, tokenID: 'space@pve!tok', tokenSecret: token.value });
    const rows = await resources(space);
    expect(rows.filter((r) => r['type'] === 'storage')).toEqual([]);
    expect(rows.filter((r) => r['type'] === 'node')).toEqual([
      { id: 'node/pve1', node: 'pve1', type: 'node', status: 'online', level: '', 'cgroup-mode': 2 },
      { id: 'node/pve2', node: 'pve2', type: 'node', status: 'online', level: '', 'cgroup-mode': 2 },
    ]);
  });

  it('lists appliances with their index URL as source, and downloads as download_file_from_url logs it (APLInfo.pm L90-103, L199-214; pve-common Tools.pm L1486-1595)', async () => {
    const index = (await api.nodes.$('pve1').aplinfo.$get()) as Row[];
    const wp = index.find((t) => t['package'] === 'turnkey-wordpress') ?? {};
    const template = String(wp['template']);
    expect(wp).toMatchObject({ source: 'https://releases.turnkeylinux.org/pve', location: `https://releases.turnkeylinux.org/pve/${template}` });
    expect(index.find((t) => t['section'] === 'system')).toMatchObject({ source: 'http://download.proxmox.com/images', location: expect.stringMatching(/^http:\/\/download\.proxmox\.com\/images\/system\//) });
    const dest = `/var/lib/vz/template/cache/${template}`;
    const first = await waitTask(api, 'pve1', await api.nodes.$('pve1').aplinfo.$post({ storage: 'local', template }));
    expect(first).toMatchObject({ type: 'download', id: template, exitstatus: 'OK' });
    expect(await taskLog(api, 'pve1', first.upid)).toEqual([
      `downloading ${String(wp['location'])} to ${dest}`,
      'calculating checksum...OK, checksum verified',
      `download of '${String(wp['location'])}' to '${dest}' finished`,
      'TASK OK',
    ]);
    const again = await waitTask(api, 'pve1', await api.nodes.$('pve1').aplinfo.$post({ storage: 'local', template }));
    expect(await taskLog(api, 'pve1', again.upid)).toEqual([`downloading ${String(wp['location'])} to ${dest}`, 'calculating checksum of existing file...OK, got correct file already, no need to download', 'TASK OK']);
  });
});

describe('pve-sim: /cluster/resources of pve-manager 8.4', () => {
  let sim: SimHandle;

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0, nodes: 1, pveVersion: '8.4' });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('lists the localnetwork zone as sdn, also for type=sdn (Cluster.pm at 8.4.1 L546-559)', async () => {
    const { engine } = clientFor(sim);
    const sdn = [{ id: 'sdn/pve1/localnetwork', sdn: 'localnetwork', node: 'pve1', type: 'sdn', status: 'ok' }];
    expect(((await engine.doRequest('GET', '/api2/json/cluster/resources', '', {})) as Row[]).filter((r) => r['type'] === 'sdn')).toEqual(sdn);
    expect(await engine.doRequest('GET', '/api2/json/cluster/resources', '', { type: 'sdn' })).toEqual(sdn);
  });
});
