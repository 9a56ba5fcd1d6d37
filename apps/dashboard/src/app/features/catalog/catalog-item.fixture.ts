import type { CatalogItemDto } from '@proxdeck/shared-contracts';

/** A catalog entry as the gateway lists it, for component tests. */
export function aCatalogItem(overrides: Partial<CatalogItemDto> = {}): CatalogItemDto {
  return {
    id: 'nginx',
    name: 'nginx',
    description: 'Web server',
    category: 'network',
    icon: '/api/v1/catalog/nginx/icon',
    website: 'https://nginx.org',
    version: '1.27',
    runtime: 'oci',
    image: 'docker.io/library/nginx:1.27',
    ports: [{ port: 80, protocol: 'http', primary: true }],
    volumes: [],
    resources: { min: { cores: 1, memoryMb: 128, diskGb: 1 }, default: { cores: 1, memoryMb: 256, diskGb: 2 } },
    inputs: [{ key: 'timezone', label: 'Timezone', type: 'string', default: 'UTC', required: true, pattern: '[A-Za-z_/+-]+' }],
    ...overrides,
  };
}
