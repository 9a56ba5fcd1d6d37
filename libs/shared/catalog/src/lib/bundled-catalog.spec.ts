import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundledCatalogDir, bundledIconPath, BundledCatalogError, loadBundledCatalog } from './bundled-catalog';
import { imageTag } from './image-ref';
import { primaryPort } from './catalog-item.mapper';

// Reads the real entries shipped in libs/shared/catalog/entries: the catalog is part of the build.
describe('the bundled catalog', () => {
  const entries = loadBundledCatalog();
  const byId = new Map(entries.map((e) => [e.id, e]));

  it('validates every entry', () => {
    expect([...byId.keys()].sort()).toEqual(
      expect.arrayContaining(['adminer', 'excalidraw', 'gitea', 'homepage', 'it-tools', 'jellyfin', 'nginx', 'uptime-kuma', 'vaultwarden', 'whoami']),
    );
    expect(entries.length).toBeGreaterThanOrEqual(10);
  });

  it('has an icon file for every entry', () => {
    for (const entry of entries) {
      expect(existsSync(bundledIconPath(entry))).toBe(true);
    }
  });

  it('pins the images the simulator registry serves', () => {
    const images = Object.fromEntries(entries.map((e) => [e.id, e.image]));
    expect(images).toMatchObject({
      nginx: 'docker.io/library/nginx:1.27.3',
      whoami: 'docker.io/traefik/whoami:v1.10.3',
      'uptime-kuma': 'docker.io/louislam/uptime-kuma:1.23.16',
      vaultwarden: 'docker.io/vaultwarden/server:1.32.7',
      gitea: 'docker.io/gitea/gitea:1.22.6',
      adminer: 'docker.io/library/adminer:4.8.1',
      homepage: 'ghcr.io/gethomepage/homepage:v0.10.9',
      'it-tools': 'ghcr.io/corentinth/it-tools:2024.10.22-7ca5933',
      excalidraw: 'docker.io/excalidraw/excalidraw:v0.17.3',
      jellyfin: 'docker.io/jellyfin/jellyfin:10.10.3',
    });
  });

  it('declares the real primary ports and data paths', () => {
    const ports = Object.fromEntries(entries.map((e) => [e.id, primaryPort(e).port]));
    expect(ports).toMatchObject({ nginx: 80, whoami: 80, 'uptime-kuma': 3001, vaultwarden: 80, gitea: 3000, adminer: 8080, homepage: 3000, 'it-tools': 80, excalidraw: 80, jellyfin: 8096 });
    expect(byId.get('gitea')?.ports).toContainEqual({ port: 22, protocol: 'tcp', primary: false });
    expect(byId.get('uptime-kuma')?.volumes.map((v) => v.path)).toEqual(['/app/data']);
    expect(byId.get('vaultwarden')?.volumes.map((v) => v.path)).toEqual(['/data']);
    expect(byId.get('gitea')?.volumes.map((v) => v.path)).toEqual(['/data']);
    expect(byId.get('homepage')?.volumes.map((v) => v.path)).toEqual(['/app/config']);
    expect(byId.get('jellyfin')?.volumes.map((v) => v.path)).toEqual(['/config', '/cache']);
    expect(byId.get('vaultwarden')?.secrets.map((s) => s.key)).toEqual(['admin_token']);
  });

  it('keeps nginx light for the end-to-end suite', () => {
    const nginx = byId.get('nginx');
    expect(nginx?.resources).toEqual({ min: { cores: 1, memoryMb: 128, diskGb: 1 }, default: { cores: 1, memoryMb: 256, diskGb: 2 } });
    expect(nginx?.healthcheck?.path).toBe('/');
    expect(nginx?.updates?.track).toBe('^1\\.27\\.\\d+$');
    expect(byId.get('jellyfin')?.resources.default).toMatchObject({ cores: 2, memoryMb: 2048 });
  });

  it('pins every OCI image to a tag other than latest', () => {
    for (const entry of entries.filter((e) => e.runtime === 'oci')) {
      const tag = entry.image ? imageTag(entry.image) : null;
      expect(tag).not.toBeNull();
      expect(tag).not.toBe('latest');
    }
  });

  it('ships appliance-template entries whose template the Proxmox index names', () => {
    const templates = entries.filter((e) => e.runtime === 'template');
    expect(templates.map((e) => e.id).sort()).toEqual(['turnkey-nextcloud', 'turnkey-wordpress']);
    for (const entry of templates) expect(entry.template).toMatch(/^debian-12-turnkey-[a-z]+_\d+\.\d+-\d+_amd64\.tar\.gz$/);
  });
});

describe('bundledCatalogDir', () => {
  it('finds the entries by walking up from a dist bundle folder', () => {
    const repoRoot = join(__dirname, '..', '..', '..', '..', '..');
    const fromDist = bundledCatalogDir({ searchFrom: [join(repoRoot, 'dist', 'apps', 'gateway')] });
    expect(fromDist).toBe(join(repoRoot, 'libs', 'shared', 'catalog', 'entries'));
  });

  it('honours an explicit directory and refuses a missing one', () => {
    const dir = bundledCatalogDir();
    expect(bundledCatalogDir({ dir })).toBe(dir);
    expect(() => bundledCatalogDir({ dir: join(dir, 'nope') })).toThrow(BundledCatalogError);
  });

  it('fails clearly when nothing is found', () => {
    expect(() => bundledCatalogDir({ searchFrom: ['/'] })).toThrow(/bundled catalog not found/);
  });
});
