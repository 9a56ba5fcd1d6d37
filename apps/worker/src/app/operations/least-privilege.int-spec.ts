import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppEntity, BackupEntity, OperationEntity, SecretBox, SettingsEntity } from '@proxdeck/server-database';
import { PROXDECK_PVE_PRIVILEGES } from '@proxdeck/server-proxmox';
import { workspaceRoot } from '@proxdeck/server-testing';
import type { OperationType } from '@proxdeck/shared-contracts';
import { SettingsSync } from '../infrastructure/settings-sync.service';
import { dataAppCatalog } from '../../test/data-app-catalog';
import { WorkerHarness } from '../../test/worker-harness';

/**
 * Every operation through an API token whose role has exactly PROXDECK_PVE_PRIVILEGES (what the
 * README tells people to grant), on a simulator that checks the official permissions: a missing
 * privilege shows as `403 Permission check failed (<path>, <privilege>)` in a failed operation.
 */
describe('Proxdeck with a least-privilege Proxmox token (real Postgres, Redis, pve-sim ACLs)', () => {
  const catalog = dataAppCatalog();
  const h = new WorkerHarness({ nodes: 1, env: { PROXDECK_CATALOG_DIRS: catalog.dir } });
  let limited: { tokenId: string; secret: string };

  /** The simulator's API as root (the harness's own token). */
  async function asRoot(method: 'POST' | 'PUT', path: string, params: Record<string, string>): Promise<unknown> {
    const res = await fetch(`${h.sim.url}/api2/json${path}`, {
      method,
      headers: { Authorization: `PVEAPIToken=${h.sim.tokenId}=${h.sim.tokenSecret}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    const body = (await res.json()) as { data: unknown };
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
    return body.data;
  }

  beforeAll(async () => {
    await h.start();
    await asRoot('POST', '/access/roles', { roleid: 'Proxdeck', privs: PROXDECK_PVE_PRIVILEGES.join(',') });
    await asRoot('POST', '/access/users', { userid: 'proxdeck@pve' });
    const token = (await asRoot('POST', '/access/users/proxdeck@pve/token/console', { privsep: '1' })) as { 'full-tokenid': string; value: string };
    await asRoot('PUT', '/access/acl', { path: '/', roles: 'Proxdeck', users: 'proxdeck@pve', propagate: '1' });
    await asRoot('PUT', '/access/acl', { path: '/', roles: 'Proxdeck', tokens: token['full-tokenid'], propagate: '1' });
    limited = { tokenId: token['full-tokenid'], secret: token.value };
    // Point the worker at the limited token, the way an admin would under Settings.
    await h.db.getRepository(SettingsEntity).save({
      id: 1,
      values: { proxmox: { tokenId: limited.tokenId } },
      secretsEncrypted: new SecretBox(WorkerHarness.SECRET).seal(JSON.stringify({ tokenSecret: limited.secret })),
      updatedBy: 'admin',
    });
    await h.get(SettingsSync).refresh();
  });

  afterAll(async () => {
    await h.stop();
    catalog.remove();
  });

  async function succeed(type: OperationType, app: AppEntity, params: Record<string, unknown> = {}): Promise<OperationEntity> {
    const op = await h.runOperation(type, await h.appRow(app.id), params);
    expect({ type, error: op.error }).toEqual({ type, error: null });
    return op;
  }

  it('the README grants exactly these privileges, and the token has nothing more', async () => {
    const readme = readFileSync(join(workspaceRoot(), 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(PROXDECK_PVE_PRIVILEGES.join(' '));
    const res = await fetch(`${h.sim.url}/api2/json/access/roles`, {
      method: 'POST',
      headers: { Authorization: `PVEAPIToken=${limited.tokenId}=${limited.secret}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'roleid=Sneaky&privs=Sys.Modify',
    });
    expect(res.status).toBe(403);
  });

  it('deploys, powers, configures, backs up, clones, restores, updates, rolls back and deletes', async () => {
    const app = await h.insertApp('least', { name: 'nginx-data', catalogId: 'nginx-data' });
    await succeed('deploy', app);
    const ip = (await h.appRow(app.id)).ip;
    expect((await fetch(`http://${ip}:80/.sim-data/marker`, { method: 'PUT', body: 'kept' })).status).toBe(200);

    await succeed('stop', app);
    await succeed('start', app);
    await succeed('restart', app);
    await succeed('configure', app, { cores: 2, memoryMb: 384, diskGb: 3, env: { GREETING: 'hi' } });

    await succeed('backup', app, { kind: 'manual', notes: 'least privilege' });
    const backup = await h.db.getRepository(BackupEntity).findOneByOrFail({ appId: app.id });

    const copy = await h.insertApp('least-copy', { name: 'nginx-data', catalogId: 'nginx-data', node: 'pve1', cores: 2, memoryMb: 384, diskGb: 3 });
    await succeed('clone', copy, { sourceAppId: app.id });

    const restored = await h.insertApp('least-restored', { name: 'nginx-data', catalogId: 'nginx-data', node: 'pve1', cores: 2, memoryMb: 384, diskGb: 3 });
    await succeed('restore', restored, { backupId: backup.id, target: 'new' });
    expect(await (await fetch(`http://${(await h.appRow(restored.id)).ip}:80/.sim-data/marker`)).text()).toBe('kept');

    await succeed('update', app);
    await succeed('rollback', app);
    // The manual backup and the update's pre-update backup.
    const backups = await h.db.getRepository(BackupEntity).findBy({ appId: app.id });
    expect(backups.map((b) => b.kind).sort()).toEqual(['manual', 'pre-update']);
    for (const b of backups) await succeed('backup-delete', app, { backupId: b.id });

    for (const a of [copy, restored, app]) await succeed('delete', a);
    const inventory = await h.inventory();
    expect(inventory.containers).toEqual([]);
    expect(inventory.volumes.filter((v) => v.content !== 'vztmpl')).toEqual([]);
  });
});
