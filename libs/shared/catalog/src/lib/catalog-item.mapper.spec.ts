import { validateCatalogEntry } from './catalog-entry.parser';
import { uptimeKumaEntryData } from './catalog-entry.fixture';
import { catalogEntryVersion, primaryPort, toCatalogItemDto } from './catalog-item.mapper';

function kuma() {
  const { entry } = validateCatalogEntry('uptime-kuma.yaml', uptimeKumaEntryData());
  if (!entry) throw new Error('fixture must be valid');
  return entry;
}

describe('toCatalogItemDto', () => {
  it('names the appliance template of a runtime template entry', () => {
    const data = { ...uptimeKumaEntryData(), runtime: 'template', template: 'debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz', image: undefined, updates: undefined, env: {}, secrets: [] };
    const { entry } = validateCatalogEntry('uptime-kuma.yaml', data);
    expect(entry).not.toBeNull();
    expect(toCatalogItemDto(entry ?? kuma())).toMatchObject({ runtime: 'template', image: null, template: 'debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz', version: '18.0-1' });
    expect(toCatalogItemDto(kuma()).template).toBeUndefined();
  });

  it('says where the entry comes from (the directory only for user catalogs)', () => {
    expect(toCatalogItemDto(kuma(), { source: 'user', sourceDir: '/srv/catalog' })).toMatchObject({ source: 'user', sourceDir: '/srv/catalog' });
    const bundled = toCatalogItemDto(kuma(), { source: 'bundled', sourceDir: '/repo/entries' });
    expect(bundled.source).toBe('bundled');
    expect(bundled.sourceDir).toBeUndefined();
  });

  it('maps an entry to the API shape with icon URL and version', () => {
    const dto = toCatalogItemDto(kuma());
    expect(dto).toEqual({
      id: 'uptime-kuma',
      name: 'Uptime Kuma',
      description: 'Self-hosted monitoring tool with status pages and notifications.',
      category: 'monitoring',
      icon: '/api/v1/catalog/uptime-kuma/icon',
      website: 'https://github.com/louislam/uptime-kuma',
      version: '1.23.16',
      runtime: 'oci',
      image: 'docker.io/louislam/uptime-kuma:1.23.16',
      ports: [{ port: 3001, protocol: 'http', primary: true }],
      volumes: [{ name: 'data', path: '/app/data', sizeGb: 2 }],
      resources: { min: { cores: 1, memoryMb: 256, diskGb: 2 }, default: { cores: 1, memoryMb: 512, diskGb: 4 } },
      inputs: [{ key: 'timezone', label: 'Time zone', type: 'string', required: false, default: 'UTC', pattern: '^[A-Za-z_/+-]+$' }],
    });
  });

  it('never exposes env or secrets', () => {
    const dto = toCatalogItemDto(kuma()) as unknown as Record<string, unknown>;
    expect(dto['env']).toBeUndefined();
    expect(dto['secrets']).toBeUndefined();
  });
});

describe('catalogEntryVersion', () => {
  it('reads the version of a pveam template', () => {
    expect(catalogEntryVersion({ runtime: 'template', template: 'debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz' })).toBe('18.0-1');
  });
});

describe('primaryPort', () => {
  it('returns the primary port', () => {
    expect(primaryPort({ ports: [{ port: 22, protocol: 'tcp', primary: false }, { port: 3000, protocol: 'http', primary: true }] }).port).toBe(3000);
  });
});
