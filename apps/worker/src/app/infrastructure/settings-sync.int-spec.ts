import { SecretBox, SettingsEntity } from '@proxdeck/server-database';
import { PveClient } from '@proxdeck/server-proxmox';
import { type RunningSim, startPveSim } from '@proxdeck/server-testing';
import { WorkerHarness } from '../../test/worker-harness';
import { SettingsSync } from './settings-sync.service';

describe('settings saved in the console reach the worker (real Postgres, Redis, two simulated clusters)', () => {
  const h = new WorkerHarness({ nodes: 1 });
  let other: RunningSim;

  beforeAll(async () => {
    await h.start();
    other = await startPveSim({ nodes: 1 });
  });

  afterAll(async () => {
    await other?.stop();
    await h.stop();
  });

  it('deploys to the Proxmox connection an admin saved, with the saved bridge', async () => {
    await h.db.getRepository(SettingsEntity).save({
      id: 1,
      values: { proxmox: { url: other.url, tokenId: other.tokenId }, defaults: { bridge: 'vmbr7' } },
      secretsEncrypted: new SecretBox(WorkerHarness.SECRET).seal(JSON.stringify({ tokenSecret: other.tokenSecret })),
      updatedBy: 'admin',
    });
    expect(await h.get(SettingsSync).refresh()).toBe(true);

    const app = await h.insertApp('moved-web');
    const deploy = await h.runOperation('deploy', app);
    expect(deploy.error).toBeNull();

    const row = await h.appRow(app.id);
    const there = (await other.admin<{ containers: { vmid: number; hostname: string }[] }>('GET', '/_sim/inventory')).body.containers;
    expect(there).toEqual([expect.objectContaining({ vmid: row.vmid, hostname: 'moved-web' })]);
    expect((await h.inventory()).containers).toEqual([]);
    const pve = new PveClient({ url: other.url, tokenId: other.tokenId, tokenSecret: other.tokenSecret, verifyTls: false });
    try {
      expect((await pve.containerConfig('pve1', row.vmid ?? 0)).net0).toContain('bridge=vmbr7');
    } finally {
      pve.close();
    }

    // Nothing changed since: a second look applies nothing.
    expect(await h.get(SettingsSync).refresh()).toBe(false);
    expect((await h.runOperation('delete', await h.appRow(app.id))).state).toBe('succeeded');
  });
});
