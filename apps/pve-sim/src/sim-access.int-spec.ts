import { ProxmoxEngine, proxmoxApi } from 'proxmox-api';
import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, waitTask } from './test-support/sim-client';

const NET0 = 'name=eth0,bridge=vmbr0,ip=dhcp';
const ROLE_PRIVS = 'VM.Allocate,VM.Audit,VM.PowerMgmt,VM.Config.Disk,VM.Config.CPU,VM.Config.Memory,VM.Config.Network,VM.Config.Options,VM.Backup,VM.Clone,VM.Snapshot,Datastore.AllocateSpace,Datastore.AllocateTemplate,Datastore.Audit,Sys.Audit,Sys.AccessNetwork';

/** Users, tokens, roles and ACLs: a least-privilege Proxdeck role works, everything else is a 403. */
describe('pve-sim: users, API tokens, roles and ACLs', () => {
  let sim: SimHandle;
  let root: ProxmoxEngine;
  let tokenSecret: string;
  const as = (tokenID: string, secret: string): ProxmoxEngine => new ProxmoxEngine({ host: sim.host, port: sim.port, schema: sim.protocol, tokenID, tokenSecret: secret });
  const raw = (tokenId: string, secret: string, path: string, method = 'GET', body?: Record<string, string>) =>
    rawRequest(`${sim.url}/api2/json${path}`, {
      method,
      headers: { Authorization: `PVEAPIToken=${tokenId}=${secret}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    const { api, engine } = clientFor(sim);
    root = engine;
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.4'));
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 900, ostemplate: 'local:vztmpl/nginx_1.27.4.tar', rootfs: 'local-lvm:1', net0: NET0 }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('creates a user, a custom role and a privilege-separated token', async () => {
    await root.doRequest('POST', '/api2/json/access/users', '', { userid: 'proxdeck@pve', password: 'pr0xdeck-secret', comment: 'Proxdeck' });
    await expect(root.doRequest('POST', '/api2/json/access/users', '', { userid: 'proxdeck@pve' })).rejects.toThrow("create user failed: user 'proxdeck@pve' already exists");
    await root.doRequest('POST', '/api2/json/access/roles', '', { roleid: 'Proxdeck', privs: ROLE_PRIVS });
    await expect(root.doRequest('POST', '/api2/json/access/roles', '', { roleid: 'Bad', privs: 'VM.Fly' })).rejects.toThrow(/invalid privilege 'VM.Fly'/);
    const token = (await root.doRequest('POST', '/api2/json/access/users/proxdeck@pve/token/app', '', { comment: 'worker' })) as { 'full-tokenid': string; info: { privsep: number }; value: string };
    expect(token).toMatchObject({ 'full-tokenid': 'proxdeck@pve!app', info: { privsep: 1 } });
    tokenSecret = token.value;
    const users = (await root.doRequest('GET', '/api2/json/access/users', '', { full: 1 })) as Array<{ userid: string; tokens?: Array<{ tokenid: string }> }>;
    expect(users.find((u) => u.userid === 'proxdeck@pve')?.tokens).toEqual([expect.objectContaining({ tokenid: 'app', privsep: 1 })]);
  });

  it('refuses everything without ACLs: 403 naming path and privilege, empty lists', async () => {
    const res = await raw('proxdeck@pve!app', tokenSecret, '/nodes/pve1/lxc/900/config');
    expect([res.status, res.statusText]).toEqual([403, 'Permission check failed (/vms/900, VM.Audit)']);
    expect(JSON.parse(res.body)).toEqual({ data: null, message: 'Permission check failed (/vms/900, VM.Audit)\n' });
    const mine = proxmoxApi(as('proxdeck@pve!app', tokenSecret));
    await expect(mine.cluster.resources.$get({ type: 'vm' })).resolves.toEqual([]);
    await expect(mine.nodes.$('pve1').lxc.$get()).resolves.toEqual([]);
  });

  it('a privsep token needs its own ACL; its rights are capped by its user', async () => {
    await root.doRequest('PUT', '/api2/json/access/acl', '', { path: '/', roles: 'Proxdeck', users: 'proxdeck@pve' });
    expect((await raw('proxdeck@pve!app', tokenSecret, '/nodes/pve1/lxc/900/config')).status).toBe(403);
    await root.doRequest('PUT', '/api2/json/access/acl', '', { path: '/', roles: 'Administrator', tokens: 'proxdeck@pve!app' });
    // Administrator on the token, Proxdeck on the user: the intersection is Proxdeck.
    expect((await raw('proxdeck@pve!app', tokenSecret, '/nodes/pve1/lxc/900/config')).status).toBe(200);
    const roleCreate = await raw('proxdeck@pve!app', tokenSecret, '/access/roles', 'POST', { roleid: 'Mine' });
    expect([roleCreate.status, roleCreate.statusText]).toEqual([403, 'Permission check failed (/access, Sys.Modify)']);
    const perms = (await as('proxdeck@pve!app', tokenSecret).doRequest('GET', '/api2/json/access/permissions', '', { path: '/vms/900' })) as Record<string, Record<string, number>>;
    expect(perms['/vms/900']).toMatchObject({ 'VM.PowerMgmt': 1, 'VM.Audit': 1 });
    expect(perms['/vms/900']['Sys.Modify']).toBeUndefined();
  });

  it('lets the least-privilege token run a container lifecycle', async () => {
    const engine = as('proxdeck@pve!app', tokenSecret);
    const api = proxmoxApi(engine);
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.5'));
    const create = await api.nodes.$('pve1').lxc.$post({ vmid: 901, ostemplate: 'local:vztmpl/nginx_1.27.5.tar', rootfs: 'local-lvm:1', net0: NET0, start: true });
    expect((await waitTask(api, 'pve1', create)).exitstatus).toBe('OK');
    expect((await api.nodes.$('pve1').lxc.$(901).status.current.$get()).status).toBe('running');
    const backup = (await engine.doRequest('POST', '/api2/json/nodes/pve1/vzdump', '', { vmid: '901', storage: 'local' })) as string;
    expect((await waitTask(api, 'pve1', backup)).exitstatus).toBe('OK');
    // Sys.Modify is needed to stop someone else's task; reading own tasks needs nothing.
    expect((await api.nodes.$('pve1').tasks.$get({ typefilter: 'vzdump' })).length).toBe(1);
  });

  it('NoAccess on a guest path wins over an inherited grant', async () => {
    await root.doRequest('PUT', '/api2/json/access/acl', '', { path: '/vms/900', roles: 'NoAccess', users: 'proxdeck@pve' });
    const res = await raw('proxdeck@pve!app', tokenSecret, '/nodes/pve1/lxc/900/status/start', 'POST');
    expect([res.status, res.statusText]).toEqual([403, 'Permission check failed (/vms/900, VM.PowerMgmt)']);
    const acl = (await root.doRequest('GET', '/api2/json/access/acl', '', {})) as Array<{ path: string; ugid: string; roleid: string; type: string }>;
    expect(acl).toEqual(
      expect.arrayContaining([
        { path: '/', type: 'user', ugid: 'proxdeck@pve', roleid: 'Proxdeck', propagate: 1 },
        { path: '/vms/900', type: 'user', ugid: 'proxdeck@pve', roleid: 'NoAccess', propagate: 1 },
      ]),
    );
  });

  it('logs the user in with a password; the ticket cap shows the role', async () => {
    const res = await rawRequest(`${sim.url}/api2/json/access/ticket`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'proxdeck@pve', password: 'pr0xdeck-secret' }) });
    const data = (JSON.parse(res.body) as { data: { username: string; cap: Record<string, Record<string, number>> } }).data;
    expect(data.username).toBe('proxdeck@pve');
    expect(data.cap['vms']).toMatchObject({ 'VM.PowerMgmt': 1, 'VM.Allocate': 1 });
    expect(data.cap['access']).toEqual({});
    const bad = await rawRequest(`${sim.url}/api2/json/access/ticket`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'proxdeck@pve', password: 'wrong-password' }) });
    expect(bad.status).toBe(401);
  });

  it('deleting the token revokes it at once', async () => {
    await root.doRequest('DELETE', '/api2/json/access/users/proxdeck@pve/token/app', '', {});
    const res = await raw('proxdeck@pve!app', tokenSecret, '/version');
    // PVE 9.1.5+ (the default) says only "Authentication failed!"; the cause stays in the server's log.
    expect([res.status, res.statusText]).toEqual([401, 'Authentication failed!']);
    expect(((await root.doRequest('GET', '/api2/json/access/acl', '', {})) as Array<{ ugid: string }>).some((a) => a.ugid === 'proxdeck@pve!app')).toBe(false);
  });
});
