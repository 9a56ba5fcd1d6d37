import { startSim, type SimHandle } from './sim';
import { dhcpAddress } from './network/container-ip';
import { clientFor, rawRequest, waitTask } from './test-support/sim-client';
import { testTls } from './test-support/test-tls';

// The sim serves the int-test certificate, which Node trusts through NODE_EXTRA_CA_CERTS: proxmox-api verifies it.

describe('pve-sim over HTTPS: transport and auth', () => {
  let sim: SimHandle;

  beforeAll(async () => {
    // 9.1.4: the per-cause 401 phrases (9.1.5+ answers every one with "Authentication failed!", see sim-versions).
    sim = await startSim({ taskSpeed: 0, nodes: 2, tls: testTls(), pveVersion: '9.1.4' });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('logs in with the root password through proxmox-api and reads /version and /nodes', async () => {
    const { api, engine } = clientFor(sim, 'password');
    const version = await api.version.$get();
    expect(version.version).toMatch(/^9\.1\./);
    expect(engine.ticket).toMatch(/^PVE:root@pam:[0-9A-F]{8}::/);
    expect(engine.CSRFPreventionToken).toMatch(/^[0-9A-F]{8}:\S+$/);
    const nodes = await api.nodes.$get();
    expect(nodes.map((n) => n.node)).toEqual(['pve1', 'pve2']);
    expect(nodes[0]).toMatchObject({ status: 'online', type: 'node', id: 'node/pve1' });
  });

  it('authenticates with the API token', async () => {
    const { api } = clientFor(sim, 'token');
    const storages = await api.nodes.$('pve1').storage.$get();
    expect(storages.map((s) => [s.storage, s.type, s.content])).toEqual([
      ['local', 'dir', 'vztmpl,iso,backup'],
      ['local-lvm', 'lvmthin', 'rootdir,images'],
    ]);
    expect(Number.isInteger(storages[0].total)).toBe(true);
  });

  it('returns /cluster/nextid as a JSON string and checks ?vmid=', async () => {
    const raw = await rawRequest(`${sim.url}/api2/json/cluster/nextid`, { headers: { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}` } });
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(JSON.parse(raw.body)).toEqual({ data: '100' });
    const { api } = clientFor(sim);
    expect(await api.cluster.nextid.$get({ vmid: 123 })).toBe('123');
  });

  it('answers a missing ticket with a bare 401 (no body, no content type)', async () => {
    const res = await rawRequest(`${sim.url}/api2/json/nodes`);
    expect(res.status).toBe(401);
    expect(res.statusText).toBe('No ticket');
    expect(res.body).toBe('');
    expect(res.headers['content-type']).toBeUndefined();
  });

  it('refuses a POST with a ticket but without the CSRF token', async () => {
    const login = await rawRequest(`${sim.url}/api2/json/access/ticket`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `username=root%40pam&password=${sim.rootPassword}`,
    });
    expect(login.status).toBe(200);
    const { ticket, CSRFPreventionToken, clustername, cap } = JSON.parse(login.body).data as { ticket: string; CSRFPreventionToken: string; clustername: string; cap: Record<string, Record<string, number>> };
    expect(clustername).toBe('proxdeck-sim');
    expect(cap['vms']['VM.PowerMgmt']).toBe(1);
    const cookie = `PVEAuthCookie=${ticket}`;
    const noCsrf = await rawRequest(`${sim.url}/api2/json/nodes/pve1/storage/local/oci-registry-pull`, {
      method: 'POST',
      headers: { cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'reference=docker.io/library/nginx:1.27.3',
    });
    expect(noCsrf.status).toBe(401);
    expect(noCsrf.statusText).toBe('Permission denied - invalid csrf token');
    expect(noCsrf.body).toBe('');
    const withCsrf = await rawRequest(`${sim.url}/api2/json/cluster/nextid`, { headers: { cookie, CSRFPreventionToken } });
    expect(withCsrf.status).toBe(200);
    // Renewal: the old ticket works as the password.
    const renewed = await rawRequest(`${sim.url}/api2/json/access/ticket`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'root@pam', password: ticket }).toString(),
    });
    expect(renewed.status).toBe(200);
  });

  it('fails a wrong password with 401 authentication failure and a JSON body', async () => {
    const res = await rawRequest(`${sim.url}/api2/json/access/ticket`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=root@pam&password=wrong',
    });
    expect(res.status).toBe(401);
    expect(res.statusText).toBe('authentication failure');
    expect(JSON.parse(res.body)).toEqual({ data: null, message: 'authentication failure\n' });
    const { api } = clientFor({ ...sim, rootPassword: 'wrong' }, 'password');
    await expect(api.nodes.$get()).rejects.toThrow(/Auth .* Failed!/);
  });

  it('rejects a bad token and a forged ticket with PVE reason phrases', async () => {
    const badToken = await rawRequest(`${sim.url}/api2/json/nodes`, { headers: { Authorization: `PVEAPIToken=${sim.tokenId}=00000000-0000-0000-0000-000000000000` } });
    expect([badToken.status, badToken.statusText]).toEqual([401, 'invalid token value!']);
    const forged = await rawRequest(`${sim.url}/api2/json/nodes`, { headers: { cookie: 'PVEAuthCookie=PVE:root@pam:6B000000::Zm9yZ2Vk' } });
    expect([forged.status, forged.statusText]).toEqual([401, 'permission denied - invalid PVE ticket']);
  });

  it('names the cause of a token failure as verify_token does before 9.1.5, and takes empty values as none (AccessControl.pm L490-515)', async () => {
    const reason = async (authorization: string) => (await rawRequest(`${sim.url}/api2/json/nodes`, { headers: { Authorization: authorization } })).statusText;
    expect(await reason('PVEAPIToken=root@pam!proxdeck')).toBe('no tokenid specified');
    expect(await reason('PVEAPIToken=nobody=x')).toBe("'nobody' is not a valid token ID - not able to split into user and token parts");
    expect(await reason('PVEAPIToken=ghost@pve!t=x')).toBe("no such user ('ghost@pve')");
    expect(await reason('PVEAPIToken=')).toBe('No ticket');
    expect((await rawRequest(`${sim.url}/api2/json/nodes`, { headers: { cookie: 'PVEAuthCookie=' } })).statusText).toBe('No ticket');
  });

  it('refuses the ticket of a user disabled since it was issued (HTTPServer.pm check_user_enabled)', async () => {
    const { engine: root } = clientFor(sim);
    await root.doRequest('POST', '/api2/json/access/users', '', { userid: 'later@pve', password: 'later-secret' });
    const login = await rawRequest(`${sim.url}/api2/json/access/ticket`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'later@pve', password: 'later-secret' }) });
    const ticket = (JSON.parse(login.body) as { data: { ticket: string } }).data.ticket;
    const get = () => rawRequest(`${sim.url}/api2/json/version`, { headers: { cookie: `PVEAuthCookie=${encodeURIComponent(ticket)}` } });
    expect((await get()).status).toBe(200);
    await root.doRequest('PUT', '/api2/json/access/users/later@pve', '', { enable: 0 });
    expect([(await get()).status, (await get()).statusText]).toEqual([401, "user 'later@pve' is disabled"]);
    await root.doRequest('DELETE', '/api2/json/access/users/later@pve', '', {});
  });

  it('answers unknown routes with 501 and the PVE message', async () => {
    const res = await rawRequest(`${sim.url}/api2/json/nodes/pve1/nothing`, { headers: { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}` } });
    expect(res.status).toBe(501);
    expect(res.statusText).toBe("Method 'GET /nodes/pve1/nothing' not implemented");
    expect(res.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(JSON.parse(res.body)).toEqual({ data: null, message: "Method 'GET /nodes/pve1/nothing' not implemented\n" });
  });

  it('reports parameter errors as 400 Parameter verification failed. with per-field errors', async () => {
    const { api } = clientFor(sim);
    await expect(api.nodes.$('pve1').lxc.$post({ vmid: 12, ostemplate: 'local:vztmpl/x.tar', bogus: 1 } as never)).rejects.toThrow(
      /return Error 400 Parameter verification failed\.: .*"vmid":"invalid format - value does not look like a valid VM ID\\n".*"bogus":"property is not defined in schema/,
    );
    const raw = await rawRequest(`${sim.url}/api2/json/nodes/pve1/lxc`, {
      method: 'POST',
      headers: { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ostemplate: 'local:vztmpl/x.tar' }),
    });
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.body)).toEqual({ data: null, errors: { vmid: 'property is missing and it is not optional' }, message: 'Parameter verification failed.\n' });
  });

  it('gives 500 for an unknown node', async () => {
    const { api } = clientFor(sim);
    await expect(api.nodes.$('pve9').lxc.$get()).rejects.toThrow(/Error 500 hostname lookup 'pve9' failed/);
  });

  it('drives a container over HTTPS: pull, create with start=1, real page on its address', async () => {
    const { api, engine } = clientFor(sim, 'password');
    const pull = (await engine.doRequest('POST', '/api2/json/nodes/pve2/storage/local/oci-registry-pull', '', { reference: 'docker.io/library/adminer:5.0.4' })) as string;
    expect((await waitTask(api, 'pve2', pull)).exitstatus).toBe('OK');
    const upid = await api.nodes.$('pve2').lxc.$post({ vmid: 4242, ostemplate: 'local:vztmpl/adminer_5.0.4.tar', storage: 'local-lvm', net0: 'name=eth0,bridge=vmbr0,ip=dhcp', start: true });
    expect(await waitTask(api, 'pve2', upid)).toMatchObject({ exitstatus: 'OK', user: 'root@pam' });
    const page = await rawRequest(`http://${dhcpAddress(4242)}:8080/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Login - Adminer</title>');
    const resources = await api.cluster.resources.$get({ type: 'vm' });
    expect(resources).toEqual([expect.objectContaining({ vmid: 4242, node: 'pve2', status: 'running' })]);
  });
});
