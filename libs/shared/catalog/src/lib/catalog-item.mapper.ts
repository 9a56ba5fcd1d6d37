import type { CatalogItemDto, CatalogItemOriginDto } from '@proxdeck/shared-contracts';
import type { CatalogEntry } from './catalog-entry.schema';
import { imageTag } from './image-ref';

/** The URL under which the gateway serves an entry's bundled icon. */
export function catalogIconUrl(id: string): string {
  return `/api/v1/catalog/${encodeURIComponent(id)}/icon`;
}

/**
 * The version an entry installs: the image tag for `oci`, the version part of a pveam template name
 * for `template` (`debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz` -> `18.0-1`).
 */
export function catalogEntryVersion(entry: Pick<CatalogEntry, 'runtime' | 'image' | 'template'>): string {
  if (entry.runtime === 'oci' && entry.image !== undefined) {
    return imageTag(entry.image) ?? 'unknown';
  }
  if (entry.template !== undefined) {
    const match = /_([^_]+)_[a-z0-9]+\.tar\.(?:gz|xz|zst)$/.exec(entry.template);
    return match ? match[1] : entry.template;
  }
  return 'unknown';
}

/** The primary port (every valid entry has exactly one). */
export function primaryPort(entry: Pick<CatalogEntry, 'ports'>): CatalogEntry['ports'][number] {
  const port = entry.ports.find((p) => p.primary);
  if (!port) throw new Error('catalog entry has no primary port');
  return port;
}

/** What the API returns for an entry (`GET /catalog`, `GET /catalog/:id`). Secrets and env are not exposed. */
export function toCatalogItemDto(entry: CatalogEntry, origin: CatalogItemOriginDto = {}): CatalogItemDto {
  return {
    ...(origin.source !== undefined && { source: origin.source }),
    ...(origin.source === 'user' && origin.sourceDir !== undefined && { sourceDir: origin.sourceDir }),
    id: entry.id,
    name: entry.name,
    description: entry.description,
    category: entry.category,
    icon: catalogIconUrl(entry.id),
    website: entry.website,
    version: catalogEntryVersion(entry),
    runtime: entry.runtime,
    image: entry.image ?? null,
    ...(entry.template !== undefined && { template: entry.template }),
    ports: entry.ports.map((p) => ({ port: p.port, protocol: p.protocol, primary: p.primary })),
    volumes: entry.volumes.map((v) => ({ name: v.name, path: v.path, sizeGb: v.sizeGb })),
    resources: { min: { ...entry.resources.min }, default: { ...entry.resources.default } },
    inputs: entry.inputs.map((input) => ({
      key: input.key,
      label: input.label,
      type: input.type,
      required: input.required,
      ...(input.default !== undefined && { default: input.default }),
      ...(input.pattern !== undefined && { pattern: input.pattern }),
      ...(input.description !== undefined && { description: input.description }),
    })),
  };
}
