import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { ProxmoxEngine } from 'proxmox-api';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dhcpAddress } from './network/container-ip';
import { startSim } from './sim';
import { clientFor, ociPull, rawRequest, taskLog, waitTask } from './test-support/sim-client';

describe('pve-sim --state-file: a demo survives a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pve-sim-state-'));
  const stateFile = join(dir, 'state.json');

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores containers (running ones serve again), volumes and the token secret', async () => {
    const first = await startSim({ http: true, taskSpeed: 0, stateFile });
    const { api, engine } = clientFor(first);
    await waitTask(api, 'pve1', await ociPull(engine, 'pve1', 'local', 'docker.io/library/nginx:1.27.3'));
    await waitTask(api, 'pve1', await api.nodes.$('pve1').lxc.$post({ vmid: 500, hostname: 'persist', ostemplate: 'local:vztmpl/nginx_1.27.3.tar', rootfs: 'local-lvm:1', net0: 'name=eth0,bridge=vmbr0,ip=dhcp', start: true }));
    const secret = first.tokenSecret;
    await first.close();
    expect(existsSync(stateFile)).toBe(true);
    await expect(rawRequest(`http://${dhcpAddress(500)}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const second = await startSim({ http: true, taskSpeed: 0, stateFile });
    try {
      expect(second.tokenSecret).toBe(secret);
      const again = clientFor(second).api;
      expect(await again.nodes.$('pve1').lxc.$(500).status.current.$get()).toMatchObject({ status: 'running', name: 'persist' });
      expect((await again.nodes.$('pve1').storage.$('local').content.$get()).map((v) => v.volid)).toEqual(['local:vztmpl/nginx_1.27.3.tar']);
      expect((await rawRequest(`http://${dhcpAddress(500)}/`)).body).toContain('Welcome to nginx!');
    } finally {
      await second.close();
    }
  });

  it('keeps users, tokens, custom roles, ACLs and the task history', async () => {
    const first = await startSim({ http: true, taskSpeed: 0, stateFile });
    const { api, engine } = clientFor(first);
    await engine.doRequest('POST', '/api2/json/access/users', '', { userid: 'ops@pve', password: 'ops-password' });
    await engine.doRequest('POST', '/api2/json/access/roles', '', { roleid: 'Watcher', privs: 'VM.Audit' });
    const token = (await engine.doRequest('POST', '/api2/json/access/users/ops@pve/token/ci', '', {})) as { value: string };
    await engine.doRequest('PUT', '/api2/json/access/acl', '', { path: '/vms/500', roles: 'Watcher', users: 'ops@pve', tokens: 'ops@pve!ci' });
    const stop = await api.nodes.$('pve1').lxc.$(500).status.stop.$post();
    await waitTask(api, 'pve1', stop);
    const tasksBefore = await api.nodes.$('pve1').tasks.$get({ limit: 1000 });
    const logBefore = await taskLog(api, 'pve1', stop);
    await first.close();

    const second = await startSim({ http: true, taskSpeed: 0, stateFile });
    try {
      const ops = new ProxmoxEngine({ host: second.host, port: second.port, schema: second.protocol, tokenID: 'ops@pve!ci', tokenSecret: token.value });
      expect(await ops.doRequest('GET', '/api2/json/nodes/pve1/lxc/500/config', '', {})).toMatchObject({ hostname: 'persist' });
      const denied = await rawRequest(`${second.url}/api2/json/nodes/pve1/lxc/500/status/start`, { method: 'POST', headers: { Authorization: `PVEAPIToken=ops@pve!ci=${token.value}` } });
      expect([denied.status, denied.statusText]).toEqual([403, 'Permission check failed (/vms/500, VM.PowerMgmt)']);
      const login = await rawRequest(`${second.url}/api2/json/access/ticket`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'ops@pve', password: 'ops-password' }) });
      expect(login.status).toBe(200);

      const again = clientFor(second).api;
      const tasksAfter = await again.nodes.$('pve1').tasks.$get({ limit: 1000 });
      expect(tasksAfter).toEqual(tasksBefore);
      expect(tasksAfter.map((t) => t.type)).toEqual(expect.arrayContaining(['vzcreate', 'ociregistrypull', 'vzstop']));
      expect((await again.cluster.tasks.$get()).map((t) => t.upid)).toContain(stop);
      expect(await again.nodes.$('pve1').tasks.$(stop).status.$get()).toMatchObject({ status: 'stopped', exitstatus: 'OK' });
      expect(await taskLog(again, 'pve1', stop)).toEqual(logBefore);
      // New tasks go on from there: UPIDs never repeat.
      const start = await again.nodes.$('pve1').lxc.$(500).status.start.$post();
      expect(tasksAfter.map((t) => t.upid)).not.toContain(start);
      await waitTask(again, 'pve1', start);
    } finally {
      await second.close();
    }
  });
});
