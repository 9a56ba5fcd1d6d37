import { startSim, type SimHandle } from './sim';
import { clientFor, ociPull, rawRequest, waitTask } from './test-support/sim-client';

/** Who calls: an API token (`user@realm!id` + secret) or a ticket login (`user@realm` + password). */
type Caller = { token: string; secret: string } | { ticket: string; csrf: string };

interface Answer {
  status: number;
  statusText: string;
  data: unknown;
  message?: string;
  errors?: Record<string, string>;
}

/**
 * /access/users, tokens, roles, ACLs and permissions as pve-access-control 9.1.1 answers them
 * (src/PVE/API2/User.pm, Role.pm, ACL.pm, AccessControl.pm; src/PVE/RPCEnvironment.pm,
 * src/PVE/AccessControl.pm). Each test names the lines it follows.
 */
describe('pve-sim: access routes against pve-access-control', () => {
  let sim: SimHandle;
  let root: Caller;
  let rootTicket: Caller;

  async function call(who: Caller, method: string, path: string, params: Record<string, string | number> = {}): Promise<Answer> {
    const form = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    const query = method === 'GET' && form ? `?${form}` : '';
    const headers: Record<string, string> =
      'token' in who ? { Authorization: `PVEAPIToken=${who.token}=${who.secret}` } : { Cookie: `PVEAuthCookie=${encodeURIComponent(who.ticket)}`, CSRFPreventionToken: who.csrf };
    if (method !== 'GET' && form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await rawRequest(`${sim.url}/api2/json${path}${query}`, { method, headers, body: method !== 'GET' && form ? form : undefined });
    const body = JSON.parse(res.body) as { data: unknown; message?: string; errors?: Record<string, string> };
    return { status: res.status, statusText: res.statusText, data: body.data, message: body.message, errors: body.errors };
  }

  async function ok(who: Caller, method: string, path: string, params: Record<string, string | number> = {}): Promise<unknown> {
    const answer = await call(who, method, path, params);
    if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status} ${answer.statusText}`);
    return answer.data;
  }

  async function login(username: string, password: string): Promise<Caller> {
    const res = await rawRequest(`${sim.url}/api2/json/access/ticket`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const data = (JSON.parse(res.body) as { data: { ticket: string; CSRFPreventionToken: string } }).data;
    return { ticket: data.ticket, csrf: data.CSRFPreventionToken };
  }

  async function newToken(userid: string, tokenid: string, params: Record<string, string | number> = {}): Promise<Caller> {
    const created = (await ok(root, 'POST', `/access/users/${userid}/token/${tokenid}`, params)) as { value: string; 'full-tokenid': string };
    return { token: created['full-tokenid'], secret: created.value };
  }

  beforeAll(async () => {
    sim = await startSim({ http: true, taskSpeed: 0 });
    root = { token: sim.tokenId, secret: sim.tokenSecret };
    rootTicket = await login('root@pam', sim.rootPassword);
    const { api, engine } = clientFor(sim);
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.4'));
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 900, ostemplate: 'local:vztmpl/nginx_1.27.4.tar', rootfs: 'local-lvm:1' }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('built-in roles carry $privgroups as create_roles builds them (AccessControl.pm L1057-1204)', async () => {
    const roles = (await ok(root, 'GET', '/access/roles')) as Array<{ roleid: string; privs: string; special: number }>;
    const privs = (id: string): string[] => roles.find((r) => r.roleid === id)?.privs.split(',') ?? [];
    expect(privs('PVEVMUser')).toEqual(['VM.Audit', 'VM.Backup', 'VM.Config.CDROM', 'VM.Config.Cloudinit', 'VM.Console', 'VM.GuestAgent.Audit', 'VM.GuestAgent.FileRead', 'VM.GuestAgent.FileSystemMgmt', 'VM.GuestAgent.FileWrite', 'VM.PowerMgmt']);
    expect(privs('PVEAuditor')).toEqual(['Datastore.Audit', 'Mapping.Audit', 'Pool.Audit', 'SDN.Audit', 'Sys.Audit', 'VM.Audit', 'VM.GuestAgent.Audit']);
    expect(privs('PVEDatastoreUser')).toEqual(['Datastore.AllocateSpace', 'Datastore.Audit']);
    expect(privs('PVEVMAdmin')).toContain('VM.Replicate');
    expect(privs('PVEVMAdmin')).not.toContain('Pool.Audit');
    // PVEAdmin: no root-only privileges, no Permissions.Modify, no Mapping.Modify (L1199-1201).
    for (const p of ['Sys.AccessNetwork', 'Sys.Incoming', 'Sys.Modify', 'Sys.PowerMgmt', 'Realm.Allocate', 'Permissions.Modify', 'Mapping.Modify']) expect(privs('PVEAdmin')).not.toContain(p);
    expect(privs('PVESysAdmin')).toEqual(['Sys.Audit', 'Sys.Console', 'Sys.Syslog']);
    expect(roles.map((r) => r.roleid).sort()).toEqual(
      ['Administrator', 'NoAccess', 'PVEAdmin', 'PVEAuditor', 'PVEDatastoreAdmin', 'PVEDatastoreUser', 'PVEMappingAdmin', 'PVEMappingUser', 'PVEPoolAdmin', 'PVEPoolUser', 'PVESDNAdmin', 'PVESDNUser', 'PVESysAdmin', 'PVETemplateUser', 'PVEUserAdmin', 'PVEVMAdmin', 'PVEVMUser'].sort(),
    );
  });

  it('a privsep token of root@pam has only its own ACLs, not root powers (RPCEnvironment.pm L99-108, L150-161)', async () => {
    const limited = await newToken('root@pam', 'limited');
    const denied = await call(limited, 'GET', '/nodes/pve1/lxc/900/config');
    expect([denied.status, denied.statusText]).toEqual([403, 'Permission check failed (/vms/900, VM.Audit)']);
    await ok(root, 'PUT', '/access/acl', { path: '/vms/900', roles: 'PVEAuditor', tokens: 'root@pam!limited' });
    expect((await call(limited, 'GET', '/nodes/pve1/lxc/900/config')).status).toBe(200);
    const power = await call(limited, 'POST', '/nodes/pve1/lxc/900/status/start');
    expect([power.status, power.statusText]).toEqual([403, 'Permission check failed (/vms/900, VM.PowerMgmt)']);
    // A root token without privsep stays root's equal.
    const full = await newToken('root@pam', 'full', { privsep: 0 });
    expect((await call(full, 'GET', '/nodes/pve1/lxc/900/config')).status).toBe(200);
  });

  it("a token is not its own user for 'userid-param self' (RPCEnvironment.pm L527-531)", async () => {
    await ok(root, 'POST', '/access/users', { userid: 'dev@pve', password: 'dev-password' });
    const devToken = await newToken('dev@pve', 'ci', { privsep: 0 });
    const asToken = await call(devToken, 'GET', '/access/users/dev@pve/token');
    expect([asToken.status, asToken.statusText]).toEqual([403, 'Permission check failed']);
    const create = await call(devToken, 'POST', '/access/users/dev@pve/token/other');
    expect(create.status).toBe(403);
    const dev = await login('dev@pve', 'dev-password');
    expect(await ok(dev, 'GET', '/access/users/dev@pve/token')).toEqual([{ tokenid: 'ci', privsep: 0, expire: 0 }]);
  });

  it('read_user needs User.Modify or Sys.Audit, also for oneself, and names nothing (User.pm L376; RPCEnvironment.pm L493-522)', async () => {
    const dev = await login('dev@pve', 'dev-password');
    const own = await call(dev, 'GET', '/access/users/dev@pve');
    expect([own.status, own.statusText]).toEqual([403, 'Permission check failed']);
    // An unknown user dies in the check itself: 500 (L498, AccessControl.pm L670-681).
    const unknown = await call(dev, 'GET', '/access/users/nobody@pve');
    expect([unknown.status, unknown.statusText]).toEqual([500, "no such user ('nobody@pve')"]);
    const update = await call(dev, 'PUT', '/access/users/dev@pve', { comment: 'x' });
    expect([update.status, update.statusText]).toEqual([403, 'Permission check failed (/access/groups, User.Modify)']);
  });

  it('read_user answers extract_user_data of the stored user: groups [], tokens by id, no userid or realm-type (User.pm L137-152, L410-420)', async () => {
    await ok(root, 'POST', '/access/users', { userid: 'shape@pve', comment: 'Shape', firstname: '' });
    expect(await ok(root, 'GET', '/access/users/shape@pve')).toEqual({ enable: 1, expire: 0, email: '', comment: 'Shape', groups: [], tokens: null });
    await newToken('shape@pve', 'bb', { comment: 'second' });
    expect(((await ok(root, 'GET', '/access/users/shape@pve')) as { tokens: unknown }).tokens).toEqual({ bb: { privsep: 1, expire: 0, comment: 'second' } });
  });

  it('the user index is sorted, lists only oneself without privileges - a token is nobody - and full=1 adds groups and tokens (User.pm L223-281)', async () => {
    const dev = await login('dev@pve', 'dev-password');
    expect(((await ok(dev, 'GET', '/access/users')) as Array<{ userid: string }>).map((u) => u.userid)).toEqual(['dev@pve']);
    const devToken = await newToken('dev@pve', 'lister', { privsep: 0 });
    expect(await ok(devToken, 'GET', '/access/users')).toEqual([]);
    const all = (await ok(root, 'GET', '/access/users', { full: 1 })) as Array<{ userid: string; groups: string; tokens: unknown; 'realm-type': string }>;
    expect(all.map((u) => u.userid)).toEqual([...all.map((u) => u.userid)].sort());
    const shape = all.find((u) => u.userid === 'shape@pve');
    expect(shape).toMatchObject({ groups: '', 'realm-type': 'pve', tokens: [{ tokenid: 'bb', privsep: 1, expire: 0, comment: 'second' }] });
  });

  it("generate_token: 'Token already exists.' is a 400 on tokenid; info holds what was set; token-subid is a pattern (User.pm L78-84, L797-828)", async () => {
    await ok(root, 'POST', '/access/users', { userid: 'tok@pve' });
    const created = (await ok(root, 'POST', '/access/users/tok@pve/token/app', { comment: '' })) as Record<string, unknown>;
    expect(created).toEqual({ 'full-tokenid': 'tok@pve!app', info: { privsep: 1 }, value: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const again = await call(root, 'POST', '/access/users/tok@pve/token/app');
    expect([again.status, again.errors]).toEqual([400, { tokenid: 'Token already exists.' }]);
    const bad = await call(root, 'POST', '/access/users/tok@pve/token/1bad');
    expect([bad.status, bad.errors]).toEqual([400, { tokenid: 'value does not match the regex pattern' }]);
    const noUser = await call(rootTicket, 'POST', '/access/users/ghost@pve/token/app');
    expect([noUser.status, noUser.statusText]).toEqual([500, "no such user ('ghost@pve')"]);
    // A token (root's too) is checked: inside 'or' an unknown user just fails (RPCEnvironment.pm L473-478, L498).
    const checked = await call(root, 'POST', '/access/users/ghost@pve/token/app');
    expect([checked.status, checked.statusText]).toEqual([403, 'Permission check failed']);
  });

  it('update_token_info refuses unknown delete keys inside the user.cfg lock: a 500 with the stringified 400 (User.pm L907-917; AccessControl.pm L81-93)', async () => {
    const res = await call(root, 'PUT', '/access/users/tok@pve/token/app', { delete: 'expire' });
    expect([res.status, res.message]).toEqual([500, "updating token info failed: 400 Parameter verification failed.\ndelete: unknown option 'expire'\n"]);
    expect(await ok(root, 'PUT', '/access/users/tok@pve/token/app', { comment: 'c', privsep: 0 })).toEqual({ privsep: 0, expire: 0, comment: 'c' });
  });

  it('role create/update/delete texts (Role.pm L96-101, L107, L145-146, L152, L222-223, L229; AccessControl.pm L1374-1384)', async () => {
    const pve = await call(root, 'POST', '/access/roles', { roleid: 'pveMine' });
    expect(pve.errors).toEqual({ roleid: "cannot use role ID starting with the (case-insensitive) 'PVE' namespace" });
    const priv = await call(root, 'POST', '/access/roles', { roleid: 'Mine', privs: 'VM.Audit,VM.Monitor' });
    expect([priv.status, priv.errors]).toEqual([400, { privs: "invalid format - invalid privilege 'VM.Monitor'\n" }]);
    const name = await call(root, 'POST', '/access/roles', { roleid: 'bad:role' });
    expect(name.errors).toEqual({ roleid: "invalid format - role name 'bad:role' contains invalid characters\n" });
    await ok(root, 'POST', '/access/roles', { roleid: 'Mine', privs: 'VM.Audit' });
    expect((await call(root, 'POST', '/access/roles', { roleid: 'Mine' })).statusText).toBe("create role failed: role 'Mine' already exists");
    expect((await call(root, 'PUT', '/access/roles/PVEAuditor', { privs: 'VM.Audit' })).statusText).toBe("auto-generated role 'PVEAuditor' cannot be modified");
    expect((await call(root, 'DELETE', '/access/roles/NoAccess')).statusText).toBe("auto-generated role 'NoAccess' cannot be deleted");
    expect((await call(root, 'PUT', '/access/roles/Nope', { privs: 'VM.Audit' })).statusText).toBe("update role failed: role 'Nope' does not exist");
    expect((await call(root, 'DELETE', '/access/roles/Nope')).statusText).toBe("delete role failed: role 'Nope' does not exist");
    expect((await call(root, 'PUT', '/access/roles/Mine', { append: 1 })).errors).toEqual({ privs: "missing property required by 'append'" });
  });

  it('update_acl checks and texts (ACL.pm L155-167, L185-258; AccessControl.pm L1263-1321)', async () => {
    const none = await call(root, 'PUT', '/access/acl', { path: '/', roles: 'PVEAuditor' });
    const text = "either 'users', 'groups' or 'tokens' is required.";
    expect([none.status, none.errors]).toEqual([400, { users: text, groups: text, tokens: text }]);
    const badPath = await call(root, 'PUT', '/access/acl', { path: '/vms/12', roles: 'PVEAuditor', users: 'dev@pve' });
    expect([badPath.status, badPath.errors]).toEqual([400, { path: "invalid ACL path '/vms/12'" }]);
    expect((await call(root, 'PUT', '/access/acl', { path: '/', roles: 'Nope', users: 'dev@pve' })).statusText).toBe("ACL update failed: role 'Nope' does not exist");
    expect((await call(root, 'PUT', '/access/acl', { path: '/', roles: 'PVEAuditor', users: 'ghost@pve' })).statusText).toBe("ACL update failed: user 'ghost@pve' does not exist");
    expect((await call(root, 'PUT', '/access/acl', { path: '/', roles: 'PVEAuditor', groups: 'admins' })).statusText).toBe("ACL update failed: group 'admins' does not exist");
    expect((await call(root, 'PUT', '/access/acl', { path: '/', roles: 'PVEAuditor', tokens: 'dev@pve!nope' })).statusText).toBe("ACL update failed: no such token 'nope' for user 'dev@pve'");
    // normalize_path: doubled and trailing slashes folded.
    await ok(root, 'PUT', '/access/acl', { path: '//vms//900/', roles: 'PVEAuditor', users: 'dev@pve', propagate: 0 });
    const acl = (await ok(root, 'GET', '/access/acl')) as Array<{ path: string; ugid: string; propagate: number }>;
    expect(acl).toContainEqual({ path: '/vms/900', type: 'user', ugid: 'dev@pve', roleid: 'PVEAuditor', propagate: 0 });
  });

  it('perm-modify: VM.Allocate on a guest lets one hand out roles within one’s own privileges there (RPCEnvironment.pm L442-457; ACL.pm L74-85, L189-222)', async () => {
    await ok(root, 'POST', '/access/users', { userid: 'owner@pve', password: 'owner-password' });
    await ok(root, 'POST', '/access/roles', { roleid: 'GuestOwner', privs: 'VM.Allocate,VM.Audit' });
    await ok(root, 'PUT', '/access/acl', { path: '/vms/900', roles: 'GuestOwner', users: 'owner@pve' });
    const owner = await login('owner@pve', 'owner-password');
    await ok(root, 'POST', '/access/roles', { roleid: 'Viewer', privs: 'VM.Audit' });
    await ok(owner, 'PUT', '/access/acl', { path: '/vms/900', roles: 'Viewer', users: 'dev@pve' });
    const beyond = await call(owner, 'PUT', '/access/acl', { path: '/vms/900', roles: 'PVEVMUser', users: 'dev@pve' });
    expect([beyond.status, beyond.message]).toEqual([500, "ACL update failed: 400 Parameter verification failed.\nrole: Cannot add role 'PVEVMUser' - requires 'Permissions.Modify' or superset of privileges.\n"]);
    const elsewhere = await call(owner, 'PUT', '/access/acl', { path: '/vms/901', roles: 'Viewer', users: 'dev@pve' });
    expect([elsewhere.status, elsewhere.statusText]).toEqual([403, 'Permission check failed (/vms/901, Permissions.Modify|VM.Allocate)']);
    // read_acl shows the owner the entries on the guest it may modify, nothing else.
    const seen = (await ok(owner, 'GET', '/access/acl')) as Array<{ path: string }>;
    expect(new Set(seen.map((a) => a.path))).toEqual(new Set(['/vms/900']));
  });

  it('GET /access/permissions: 403 for others without Sys.Audit, a token is not its user, flags are propagate bits, empty paths left out (API2/AccessControl.pm L543-573; RPCEnvironment.pm L241-289)', async () => {
    const dev = await login('dev@pve', 'dev-password');
    const other = await call(dev, 'GET', '/access/permissions', { userid: 'owner@pve' });
    expect([other.status, other.statusText]).toEqual([403, 'Permission check failed (/access, Sys.Audit)']);
    // A user may read its own tokens', a token not its user's.
    expect((await call(dev, 'GET', '/access/permissions', { userid: 'dev@pve!ci' })).status).toBe(200);
    const devToken = await newToken('dev@pve', 'perm', { privsep: 0 });
    expect((await call(devToken, 'GET', '/access/permissions', { userid: 'dev@pve' })).status).toBe(403);
    // dev@pve: PVEAuditor on /vms/900 without propagation -> flags 0; Viewer (propagating) -> 1.
    const mine = (await ok(dev, 'GET', '/access/permissions')) as Record<string, Record<string, number>>;
    expect(Object.keys(mine)).toEqual(['/vms/900']);
    expect(mine['/vms/900']).toMatchObject({ 'VM.Audit': 1, 'Datastore.Audit': 0 });
    expect(await ok(dev, 'GET', '/access/permissions', { path: '/storage' })).toEqual({ '/storage': {} });
  });

  it('user create and delete: unknown realms, prefixed errors, formats (User.pm L321-367, L519-565)', async () => {
    await ok(root, 'POST', '/access/users', { userid: 'far@elsewhere' });
    const pw = await call(root, 'POST', '/access/users', { userid: 'far2@elsewhere', password: 'long-enough' });
    expect(pw.statusText).toBe("create user failed: auth domain 'elsewhere' does not exist");
    const bad = await call(rootTicket, 'POST', '/access/users', { userid: 'nobody' });
    expect([bad.status, bad.errors]).toEqual([400, { userid: "invalid format - value 'nobody' does not look like a valid user name\n" }]);
    // For anyone but root@pam the 'userid-param' check parses it first and dies (RPCEnvironment.pm L524).
    expect((await call(root, 'POST', '/access/users', { userid: 'nobody' })).statusText).toBe("value 'nobody' does not look like a valid user name");
    const group = await call(root, 'POST', '/access/users', { userid: 'grouped@pve', groups: 'admins' });
    expect(group.statusText).toBe("create user failed: no such group 'admins'");
    // root@pam itself is not checked and delete_user does not look the user up.
    expect((await call(rootTicket, 'DELETE', '/access/users/ghost@pve')).status).toBe(200);
    // Anyone else (root's token too) dies in the userid-group check.
    expect((await call(root, 'DELETE', '/access/users/ghost@pve')).statusText).toBe("no such user ('ghost@pve')");
    expect((await call(root, 'PUT', '/access/users/ghost@pve', { comment: 'x' })).statusText).toBe("no such user ('ghost@pve')");
    expect((await call(rootTicket, 'PUT', '/access/users/ghost@pve', { comment: 'x' })).statusText).toBe("update user failed: no such user ('ghost@pve')");
  });
});
