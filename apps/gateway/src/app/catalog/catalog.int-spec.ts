import request from 'supertest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogItemDto, LoginResponse, Page } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../../test/gateway-harness';

const ICON = '<svg xmlns="http://www.w3.org/2000/svg"><title>mine</title></svg>';

function entry(id: string, image: string): string {
  return `id: ${id}
name: ${id}
description: An app from a user catalog.
category: other
icon: ${id}.svg
website: https://example.com/${id}
runtime: oci
image: ${image}
updates: { track: "^1\\\\.27\\\\.\\\\d+$" }
ports:
  - { port: 80, protocol: http, primary: true }
resources:
  min: { cores: 1, memoryMb: 128, diskGb: 1 }
  default: { cores: 1, memoryMb: 256, diskGb: 2 }
healthcheck: { path: /, expect: [200] }
`;
}

describe('catalog with PROXDECK_CATALOG_DIRS (integration)', () => {
  let gw: GatewayHarness;
  let dir: string;
  let session: LoginResponse;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'proxdeck-user-catalog-'));
    mkdirSync(join(dir, 'icons'));
    writeFileSync(join(dir, 'my-web.yaml'), entry('my-web', 'docker.io/library/nginx:1.27.3'));
    writeFileSync(join(dir, 'icons', 'my-web.svg'), ICON);
    writeFileSync(join(dir, 'broken-web.yaml'), entry('broken-web', 'docker.io/library/nginx:latest'));
    writeFileSync(join(dir, 'icons', 'broken-web.svg'), ICON);
    writeFileSync(join(dir, 'nginx.yaml'), entry('nginx', 'docker.io/library/nginx:1.27.4'));
    writeFileSync(join(dir, 'icons', 'nginx.svg'), ICON);
    gw = await startGateway({ env: { PROXDECK_CATALOG_DIRS: dir } });
    session = await gw.loginAs('viewer');
  });

  afterAll(async () => {
    await gw?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists a valid user entry with its source and directory, skips a broken one, and keeps the bundled copy of a reused id', async () => {
    const res = await request(gw.http).get('/api/v1/catalog').set(bearer(session)).expect(200);
    const items = (res.body as Page<CatalogItemDto>).items;
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get('my-web')).toMatchObject({ source: 'user', sourceDir: dir, image: 'docker.io/library/nginx:1.27.3' });
    expect(byId.has('broken-web')).toBe(false);
    expect(byId.get('nginx')).toMatchObject({ source: 'bundled', image: 'docker.io/library/nginx:1.27.3' });
    expect(byId.get('nginx')?.sourceDir).toBeUndefined();

    const one = await request(gw.http).get('/api/v1/catalog/my-web').set(bearer(session)).expect(200);
    expect(one.body).toMatchObject({ id: 'my-web', source: 'user', sourceDir: dir });
    await request(gw.http).get('/api/v1/catalog/broken-web').set(bearer(session)).expect(404);
  });

  it('serves a user entry\'s icon from the user directory', async () => {
    const res = await request(gw.http).get('/api/v1/catalog/my-web/icon').set(bearer(session)).expect(200);
    expect(Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text).toContain('<title>mine</title>');
  });
});
