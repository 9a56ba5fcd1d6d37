import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A user catalog (PROXDECK_CATALOG_DIRS) with `nginx-data`: nginx with a data volume (the bundled
 * entry has none). The simulator keeps app data on the first mount point, so a marker written
 * through `/.sim-data/<key>` proves a volume moved, was backed up or restored. A short health
 * timeout keeps failing cases quick.
 */
export const DATA_APP_ENTRY = `id: nginx-data
name: nginx-data
description: nginx with a data volume, for tests that follow app data.
category: network
icon: nginx-data.svg
website: https://nginx.org/
runtime: oci
image: docker.io/library/nginx:1.27.3
updates:
  track: "^1\\\\.27\\\\.\\\\d+$"
ports:
  - { port: 80, protocol: http, primary: true }
volumes:
  - { name: data, path: /data, sizeGb: 1 }
resources:
  min: { cores: 1, memoryMb: 128, diskGb: 1 }
  default: { cores: 1, memoryMb: 256, diskGb: 2 }
healthcheck: { path: /, expect: [200], timeoutSec: 3 }
`;

/** Writes the catalog to a temporary directory; `remove()` deletes it. */
export function dataAppCatalog(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'proxdeck-data-catalog-'));
  mkdirSync(join(dir, 'icons'));
  writeFileSync(join(dir, 'nginx-data.yaml'), DATA_APP_ENTRY);
  writeFileSync(join(dir, 'icons', 'nginx-data.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
