import { randomBytes } from 'node:crypto';
import { hashSync } from 'bcryptjs';
import { SecretBox } from '@proxdeck/server-database';
import {
  BCRYPT_SECRET_COST, catalogEntryVersion, deployInputValues, generateSecrets, loadBundledCatalog, primaryPort, type CatalogEntry,
} from '@proxdeck/shared-catalog';
import { WorkerHarness } from '../../test/worker-harness';


/**
 * Every bundled OCI entry deploys on the simulator, passes its health check and deletes cleanly: a
 * wrong tag, a port the image does not serve or a broken env template fails here, naming the entry.
 */
describe('deploying every bundled catalog entry (real Postgres, Redis, pve-sim)', () => {
  const h = new WorkerHarness();
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
