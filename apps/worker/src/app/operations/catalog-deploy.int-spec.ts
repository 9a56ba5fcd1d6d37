import { randomBytes } from 'node:crypto';
import { hashSync } from 'bcryptjs';
import { SecretBox } from '@proxdeck/server-database';
import {
  BCRYPT_SECRET_COST, catalogEntryVersion, deployInputValues, generateSecrets, loadBundledCatalog, primaryPort, type CatalogEntry,
} from '@proxdeck/shared-catalog';
import { WorkerHarness } from '../../test/worker-harness';
import { appEnvironment } from '../processors/app-settings';

/** What the app's process reports about itself (pve-sim: env, uid, gid, cwd). */
async function appProcess(url: string): Promise<{ env: Record<string, string>; uid: number }> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as { env: Record<string, string>; uid: number };
}


/**
 * Every bundled OCI entry deploys on the simulator, passes its health check and deletes cleanly: a
 * wrong tag, a port the image does not serve, a broken env template, env that does not reach the
 * app or a data volume its user cannot write fails here, naming the entry. On the current release
 * (the image's User runs the app) and on 9.1 as released (the app runs as root).
 */
describe.each(['9.2', '9.1.4'])('deploying every bundled catalog entry on Proxmox VE %s (real Postgres, Redis, pve-sim)', (pveVersion) => {
  const h = new WorkerHarness({ pveVersion });
  const entries = loadBundledCatalog().filter((e) => e.runtime === 'oci');
  const box = new SecretBox(WorkerHarness.SECRET);
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('covers the whole catalog', () => {
    expect(entries.length).toBeGreaterThanOrEqual(60);
  });

  /** The app row the gateway writes for a deploy with the form left at its defaults. */
  async function insertAsGateway(entry: CatalogEntry) {
    const secrets = generateSecrets(entry, (size) => randomBytes(size), (value) => hashSync(value, BCRYPT_SECRET_COST));
    return h.insertApp(`cat-${entry.id}`.slice(0, 63), {
      name: entry.name,
      catalogId: entry.id,
      version: catalogEntryVersion(entry),
      runtime: entry.runtime,
      cores: entry.resources.default.cores,
      memoryMb: entry.resources.default.memoryMb,
      diskGb: entry.resources.default.diskGb,
      inputs: deployInputValues(entry, {}),
      secretsEncrypted: entry.secrets.length > 0 ? box.seal(JSON.stringify(secrets)) : null,
      httpPort: primaryPort(entry).port,
    });
  }

  it.each(entries.map((e) => [e.id, e] as const))('%s deploys, passes its health check and is deleted', async (_id, entry) => {
    const app = await insertAsGateway(entry);

    const deploy = await h.runOperation('deploy', app);
    expect({ entry: entry.id, error: deploy.error, state: deploy.state }).toEqual({ entry: entry.id, error: null, state: 'succeeded' });
    expect(deploy.steps.find((s) => s.name === 'health')?.state).toBe('done');
    const row = await h.appRow(app.id);
    expect(row).toMatchObject({ status: 'running', version: catalogEntryVersion(entry) });
    const ct = (await h.inventory()).containers.find((c) => c.vmid === row.vmid);
    expect(ct).toMatchObject({ hostname: app.hostname, status: 'running' });
    expect(ct?.volumes.length).toBeGreaterThanOrEqual(entry.volumes.length);
    // The app runs with its image's env (PATH) and the entry's rendered env on top: what Proxmox's
    // OCI create replaced was written back after it (pve-sim's /.sim-env reports the process).
    if (primaryPort(entry).protocol === 'http') {
      const running = await appProcess(`http://${row.ip}:${row.httpPort}/.sim-env`);
      expect(running.env['PATH']).toMatch(/\/bin/);
      expect(running.env).toMatchObject(appEnvironment(entry, row, WorkerHarness.SECRET));
    }
    // Its data volumes go into backups.
    const config = (await h.pve.containerConfig(row.node ?? '', row.vmid ?? 0)) as unknown as Record<string, string | undefined>;
    for (const [i] of entry.volumes.entries()) expect({ entry: entry.id, mp: config[`mp${i}`] }).toEqual({ entry: entry.id, mp: expect.stringContaining('backup=1') });

    const del = await h.runOperation('delete', row);
    expect({ entry: entry.id, error: del.error, state: del.state }).toEqual({ entry: entry.id, error: null, state: 'succeeded' });
    expect(await h.app(app.id)).toBeNull();
  }, 120_000);

  it('leaves no container and no volume behind', async () => {
    const inv = await h.inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl')).toEqual([]);
  });
});
