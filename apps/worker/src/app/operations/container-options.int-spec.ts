import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppEntity, BackupEntity } from '@proxdeck/server-database';
import { WorkerHarness } from '../../test/worker-harness';
import { ContainerActions } from '../processors/container-actions';

/** A user catalog entry with an entrypoint and two devices, one of them from a deploy input. */
const ENTRY = `id: serial-web
name: serial-web
description: nginx started by its own entrypoint, with a serial adapter passed through.
category: home-automation
icon: serial-web.svg
website: https://nginx.org/
runtime: oci
image: docker.io/library/nginx:1.27.3
updates:
  track: "^1\\\\.27\\\\.\\\\d+$"
entrypoint: /docker-entrypoint.sh nginx -c /etc/nginx/{{input.config}}.conf -g "daemon off;"
devices:
  - { path: "{{input.serial_port}}" }
  - { path: /dev/dri/renderD128 }
ports:
  - { port: 80, protocol: http, primary: true }
volumes:
  - { name: data, path: /data, sizeGb: 1 }
inputs:
  - { key: config, label: Config, default: nginx, pattern: "^[a-z]+$" }
  - { key: serial_port, label: Adapter, default: /dev/ttyACM0 }
resources:
  min: { cores: 1, memoryMb: 128, diskGb: 1 }
  default: { cores: 1, memoryMb: 256, diskGb: 2 }
healthcheck: { path: /, expect: [200], timeoutSec: 5 }
`;

describe('entrypoint and devices of a catalog entry (real Postgres, Redis, pve-sim)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proxdeck-container-options-'));
  mkdirSync(join(dir, 'icons'));
  writeFileSync(join(dir, 'serial-web.yaml'), ENTRY);
  writeFileSync(join(dir, 'icons', 'serial-web.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const h = new WorkerHarness({ nodes: 1, env: { PROXDECK_CATALOG_DIRS: dir } });

  beforeAll(() => h.start());
  afterAll(async () => {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = async (app: AppEntity) => {
    const c = await h.get(ContainerActions).pve.containerConfig(app.node ?? '', app.vmid ?? 0);
    return { entrypoint: c.entrypoint, dev0: c['dev0'], dev1: c['dev1'], dev2: c['dev2'] };
  };
  const EXPECTED = {
    entrypoint: '/docker-entrypoint.sh nginx -c /etc/nginx/nginx.conf -g "daemon off;"',
    dev0: '/dev/ttyUSB3',
    dev1: '/dev/dri/renderD128',
    dev2: undefined,
  };

  async function deploy(hostname: string, inputs: Record<string, string>) {
    const app = await h.insertApp(hostname, { name: 'serial-web', catalogId: 'serial-web', inputs });
    return { app, op: await h.runOperation('deploy', app) };
  }

  it('creates the container with the rendered entrypoint and devices; update, clone and restore keep them', async () => {
    const { app, op } = await deploy('serial', { serial_port: '/dev/ttyUSB3' });
    expect(op.error).toBeNull();
    const deployed = await h.appRow(app.id);
    expect(await config(deployed)).toEqual(EXPECTED);

    const update = await h.runOperation('update', deployed, { version: '1.27.5' });
    expect(update.error).toBeNull();
    const updated = await h.appRow(app.id);
    expect(updated.vmid).not.toBe(deployed.vmid);
    expect(await config(updated)).toEqual(EXPECTED);

    const { name, catalogId, version, runtime, node, cores, memoryMb, diskGb, inputs, httpPort } = updated;
    const copy = await h.insertApp('serial-copy', { name, catalogId, version, runtime, node, cores, memoryMb, diskGb, inputs, httpPort });
    const clone = await h.runOperation('clone', copy, { sourceAppId: updated.id });
    expect(clone.error).toBeNull();
    expect(await config(await h.appRow(copy.id))).toEqual(EXPECTED);

    const backupOp = await h.runOperation('backup', updated, { kind: 'manual' });
    expect(backupOp.error).toBeNull();
    const backup = await h.db.getRepository(BackupEntity).findOneByOrFail({ operationId: backupOp.id });
    const restoredRow = await h.insertApp('serial-restored', { name, catalogId, version, runtime, node, cores, memoryMb, diskGb, inputs, httpPort });
    const restore = await h.runOperation('restore', restoredRow, { backupId: backup.id, target: 'new' });
    expect(restore.error).toBeNull();
    expect(await config(await h.appRow(restoredRow.id))).toEqual(EXPECTED);

    for (const a of await h.db.getRepository(AppEntity).find()) {
      expect((await h.runOperation('delete', await h.appRow(a.id))).state).toBe('succeeded');
    }
    for (const b of await h.db.getRepository(BackupEntity).find()) {
      expect((await h.waitForOperation(await h.queueDetachedOperation('backup-delete', b.id, b.appHostname, { backupId: b.id }))).state).toBe('succeeded');
    }
    const inv = await h.inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl')).toEqual([]);
  });

  it('refuses an input that does not render to a device path, before anything is created', async () => {
    const { app, op } = await deploy('bad-serial', { serial_port: '/dev/ttyUSB0,mode=0777' });
    expect(op.state).toBe('failed');
    expect(op.error).toMatch(/^The serial-web entry cannot be set up with these inputs \(devices\.0\.path: "\/dev\/ttyUSB0,mode=0777" is not a device path/);
    expect(await h.app(app.id)).toBeNull();
    const inv = await h.inventory();
    expect(inv.containers).toEqual([]);
    expect(inv.volumes.filter((v) => v.content !== 'vztmpl')).toEqual([]);
  });
});
