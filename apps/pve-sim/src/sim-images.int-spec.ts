import type { Proxmox, ProxmoxEngine } from 'proxmox-api';
import { dhcpAddress } from './network/container-ip';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, waitTask } from './test-support/sim-client';

/** Registry queries, tags published at run time and broken (unhealthy) releases. */
describe('pve-sim: OCI repository tags and the image admin API', () => {
  let sim: SimHandle;
  let api: Proxmox.Api;
  let engine: ProxmoxEngine;
  const tagsOf = async (reference: string): Promise<string[]> =>
    (await engine.doRequest('GET', '/api2/json/nodes/pve1/query-oci-repo-tags', '', { reference })) as string[];
  const admin = (method: string, path: string, body?: unknown) =>
    rawRequest(`${sim.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    ({ api, engine } = clientFor(sim));
  });

  afterEach(async () => {
    await sim.reset();
  });

  afterAll(async () => {
    await sim.close();
  });

  it('lists every tag of a repository, for full and short references', async () => {
    await expect(tagsOf('docker.io/library/nginx')).resolves.toEqual(['1.27.3', '1.27.4', '1.27.5']);
    await expect(tagsOf('nginx')).resolves.toEqual(['1.27.3', '1.27.4', '1.27.5']);
    await expect(tagsOf('ghcr.io/gethomepage/homepage')).resolves.toEqual(['v0.10.9', 'v1.0.0']);
  });

  it('refuses a reference with a tag (400) and an unknown repository like a registry (500)', async () => {
    const tagged = await rawRequest(`${sim.url}/api2/json/nodes/pve1/query-oci-repo-tags?reference=nginx:1.27.3`, {
      headers: { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}` },
    });
    expect(tagged.status).toBe(400);
    expect(JSON.parse(tagged.body)).toMatchObject({ errors: { reference: expect.stringContaining('regex') } });
    await expect(tagsOf('docker.io/nobody/nothing')).rejects.toThrow(/requested access to the resource is denied/);
  });

  it('publishes new tags at run time; reset forgets them', async () => {
    const added = await admin('POST', '/_sim/images', { repository: 'nginx', tags: ['1.27.6'] });
    expect(added.status).toBe(201);
    await expect(tagsOf('nginx')).resolves.toEqual(['1.27.3', '1.27.4', '1.27.5', '1.27.6']);
    expect((await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'nginx:1.27.6'))).exitstatus).toBe('OK');
    await sim.reset();
    await expect(tagsOf('nginx')).resolves.toEqual(['1.27.3', '1.27.4', '1.27.5']);
  });

  it('adds a new repository with the registry-file shape and refuses an incomplete one', async () => {
    const entry = { repository: 'registry.example.com/team/app', tags: ['2.0.0'], ports: [{ port: 8080, protocol: 'http' }], page: { title: 'App', body: 'app' } };
    expect((await admin('POST', '/_sim/images', [entry])).status).toBe(201);
    await expect(tagsOf('registry.example.com/team/app')).resolves.toEqual(['2.0.0']);
    const incomplete = await admin('POST', '/_sim/images', { repository: 'docker.io/acme/unknown', tags: ['1.0.0'] });
    expect(incomplete.status).toBe(400);
    expect(JSON.parse(incomplete.body)).toEqual({ error: expect.stringContaining("'ports'") });
  });

  it('serves HTTP 500 from a container of an unhealthy tag, 200 once healed', async () => {
    expect((await admin('POST', '/_sim/images', { repository: 'docker.io/library/nginx', unhealthyTags: ['1.27.9'] })).status).toBe(201);
    await expect(tagsOf('nginx')).resolves.toContain('1.27.9');
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'nginx:1.27.9'));
    const create = await api.nodes.$('pve1').lxc.$post({
      vmid: 410,
      ostemplate: 'local:vztmpl/nginx_1.27.9.tar',
      rootfs: 'local-lvm:2',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      start: true,
    });
    expect((await waitTask(api, 'pve1', create)).exitstatus).toBe('OK');
    const page = `http://${dhcpAddress(410)}/`;
    expect((await rawRequest(page)).status).toBe(500);
    expect((await admin('POST', '/_sim/images', { repository: 'nginx', healthyTags: ['1.27.9'] })).status).toBe(201);
    expect((await rawRequest(page)).status).toBe(200);
  });
});
