import { IMAGE_CONFIGS_A } from './configs/image-configs-a';
import { IMAGE_CONFIGS_B } from './configs/image-configs-b';
import { IMAGE_CONFIGS_C } from './configs/image-configs-c';
import { IMAGE_CONFIGS_D } from './configs/image-configs-d';
import type { ImageDefinition } from './image-definition';
import type { ImageDataFacts, OciImageConfig, OciImageRecord } from './oci-image-config';

/** Every image configuration read from upstream sources (configs/, one file per batch read). */
export const IMAGE_CONFIG_RECORDS: readonly OciImageRecord[] = [...IMAGE_CONFIGS_A, ...IMAGE_CONFIGS_B, ...IMAGE_CONFIGS_C, ...IMAGE_CONFIGS_D];

/** An image's configuration at one tag, and what its app does with its data directories. */
export interface ImageRuntimeConfig {
  config: OciImageConfig;
  data: ImageDataFacts;
}

/**
 * What an image without a recorded configuration gets (a `--registry-file` image, say): the
 * Debian/Alpine base PATH, an entrypoint of its own, running as root. Deliberately plain: any
 * image whose behaviour matters to a test has a record.
 */
export const GENERIC_IMAGE_CONFIG: ImageRuntimeConfig = {
  config: {
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    Entrypoint: ['/docker-entrypoint.sh'],
    Cmd: [],
    User: '',
    WorkingDir: '',
    Volumes: [],
    ExposedPorts: [],
  },
  data: { writes: [] },
};

const byRepository = new Map(IMAGE_CONFIG_RECORDS.map((r) => [r.repository, r]));

/** What a container made from `image:tag` is configured with: the image's own, the recorded one, or the generic one. */
export function imageRuntimeConfig(image: ImageDefinition, tag: string): ImageRuntimeConfig {
  if (image.config) return { config: image.config, data: image.data ?? { writes: [] } };
  return recordedImageConfig(image.repository, tag) ?? GENERIC_IMAGE_CONFIG;
}

/** The recorded configuration of `repository:tag` (the record's tag, with that tag's overrides), if any. */
export function recordedImageConfig(repository: string, tag: string): ImageRuntimeConfig | undefined {
  const record = byRepository.get(repository);
  if (!record) return undefined;
  return { config: { ...record.config, ...record.tagOverrides?.[tag] }, data: record.data };
}
