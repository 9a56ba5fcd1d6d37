import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dhcpAddress } from './network/container-ip';
import { startSim } from './sim';
import { clientFor, ociPull, rawRequest, waitTask } from './test-support/sim-client';

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
});
