import type { AppResources } from './app';

export const CATALOG_CATEGORIES = [
  'media', 'productivity', 'development', 'monitoring', 'network', 'security',
  'home-automation', 'storage', 'database', 'other',
] as const;
export type CatalogCategory = (typeof CATALOG_CATEGORIES)[number];

export type CatalogRuntime = 'oci' | 'template';

export interface CatalogInputDto {
  key: string;
  label: string;
  type: 'string' | 'number' | 'boolean';
  default?: string;
  required?: boolean;
  pattern?: string;
  description?: string;
}

export interface CatalogPortDto {
  port: number;
  protocol: 'http' | 'https' | 'tcp' | 'udp';
  primary?: boolean;
}

export interface CatalogItemDto extends CatalogItemOriginDto {
  id: string;
  name: string;
  description: string;
  category: CatalogCategory;
  /** Path of the bundled icon served by the gateway (`/api/v1/catalog/<id>/icon`). */
  icon: string;
  website: string;
  version: string;
  runtime: CatalogRuntime;
  image: string | null;
  ports: CatalogPortDto[];
  volumes: { name: string; path: string; sizeGb: number }[];
  resources: { min: AppResources; default: AppResources };
  inputs: CatalogInputDto[];
}

/** Where a catalog entry comes from: shipped with Proxdeck, or a directory in PROXDECK_CATALOG_DIRS. */
export type CatalogSource = 'bundled' | 'user';

/** Added to CatalogItemDto by the gateway (optional only so older payloads still type-check). */
export interface CatalogItemOriginDto {
  source?: CatalogSource;
  /** The user catalog directory the entry was read from (only for `source: 'user'`). */
  sourceDir?: string;
  /** For `runtime: template`: the Proxmox appliance template file (`debian-12-turnkey-wordpress_18.0-1_amd64.tar.gz`). */
  template?: string;
}
