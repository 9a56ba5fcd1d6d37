import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppEntity } from '@proxdeck/server-database';
import { WorkerHarness } from '../../test/worker-harness';

const TEMPLATE = 'debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz';
const MISSING_TEMPLATE = 'debian-12-turnkey-nosuchapp_18.0-1_amd64.tar.gz';

/** A user catalog (PROXDECK_CATALOG_DIRS) holding one `runtime: template` entry the simulator's aplinfo offers. */
const ENTRY = `id: turnkey-wordpress
name: WordPress (TurnKey)
description: TurnKey's WordPress appliance, from the Proxmox appliance index.
category: productivity
icon: turnkey-wordpress.svg
website: https://www.turnkeylinux.org/wordpress
runtime: template
template: ${TEMPLATE}
ports:
  - { port: 80, protocol: http, primary: true }
resources:
  min: { cores: 1, memoryMb: 512, diskGb: 4 }
  default: { cores: 1, memoryMb: 1024, diskGb: 8 }
healthcheck: { path: /, expect: [200], timeoutSec: 60 }
`;

describe('deploying a runtime "template" entry from a user catalog (real Postgres, Redis, pve-sim)', () => {
  const catalogDir = mkdtempSync(join(tmpdir(), 'proxdeck-user-catalog-'));
  mkdirSync(join(catalogDir, 'icons'));
  writeFileSync(join(catalogDir, 'turnkey-wordpress.yaml'), ENTRY);
  writeFileSync(join(catalogDir, 'icons', 'turnkey-wordpress.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // Not in the simulator's aplinfo index: the deploy must fail cleanly.
  writeFileSync(join(catalogDir, 'turnkey-unknown.yaml'), ENTRY.replace('id: turnkey-wordpress', 'id: turnkey-unknown').replace(TEMPLATE, MISSING_TEMPLATE));
  const h = new WorkerHarness({ nodes: 1, env: { PROXDECK_CATALOG_DIRS: catalogDir } });

  beforeAll(() => h.start());
  afterAll(async () => {
    await h.stop();
    rmSync(catalogDir, { recursive: true, force: true });
  });

  function insertApp(hostname: string, catalogId = 'turnkey-wordpress'): Promise<AppEntity> {
    return h.insertApp(hostname, { name: 'WordPress (TurnKey)', catalogId, version: '18.0-1', runtime: 'template', memoryMb: 1024, diskGb: 8 });
  }

  it('downloads the template once, runs two apps from it that serve their page, and deletes them without leftovers', async () => {
    const first = await insertApp('wp-1');
    const deploy = await h.runOperation('deploy', first);
    expect(deploy.error).toBeNull();
    expect(deploy.state).toBe('succeeded');
    expect(await h.logs(deploy)).toEqual(expect.arrayContaining([expect.stringMatching(/^Downloading template debian-12-turnkey-wordpress.*: done$/)]));
    const row = await h.appRow(first.id);
    expect(row).toMatchObject({ status: 'running', hasRun: true });
    const page = await fetch(`http://${row.ip}:80/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('TurnKey WordPress');

    const second = await insertApp('wp-2');
    const again = await h.runOperation('deploy', second);
    expect(again.state).toBe('succeeded');
    const againLogs = await h.logs(again);
    expect(againLogs).toContain(`Template ${TEMPLATE} is already in local`);
    expect(againLogs.some((m) => m.startsWith('Downloading template'))).toBe(false);

    const templates = (await h.inventory()).volumes.filter((v) => v.volid.endsWith(`vztmpl/${TEMPLATE}`));
    expect(templates).toHaveLength(1);

    for (const app of [first, second]) {
      const del = await h.runOperation('delete', await h.appRow(app.id));
      expect(del.state).toBe('succeeded');
    }
    const inv = await h.inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl')).toEqual([]);
    expect(await h.db.getRepository(AppEntity).count()).toBe(0);
  });

  it('fails a deploy whose template Proxmox does not offer, naming it, and leaves nothing behind', async () => {
    const app = await insertApp('nope-1', 'turnkey-unknown');
    const deploy = await h.runOperation('deploy', app);
    expect(deploy.state).toBe('failed');
    expect(deploy.error).toContain(`does not offer the appliance template ${MISSING_TEMPLATE}`);
    expect(deploy.steps.find((s) => s.name === 'image')?.state).toBe('failed');
    expect(await h.app(app.id)).toBeNull();
    const inv = await h.inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.some((v) => v.volid.includes(MISSING_TEMPLATE))).toBe(false);
  });
});
