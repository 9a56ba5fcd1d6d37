import { compareVersionTags, isTrackedTag, parseImageRef, type CatalogEntry } from '@proxdeck/shared-catalog';

export interface AvailableUpdates {
  /** Newest tag on the entry's update track (may be the running one); null when the registry has none. */
  latest: string | null;
  /** Tags on the track newer than the running version, newest first. */
  versions: string[];
}

/** What the registry's tags offer an app running `current`, judged by the entry's `updates.track` (the worker's update-check agrees). */
export function availableUpdates(entry: Pick<CatalogEntry, 'updates'>, current: string, tags: readonly string[]): AvailableUpdates {
  const tracked = [...new Set(tags)].filter((t) => isTrackedTag(entry, t)).sort((a, b) => compareVersionTags(b, a));
  return { latest: tracked[0] ?? null, versions: tracked.filter((t) => compareVersionTags(t, current) > 0) };
}

/** The repository part of an image (`docker.io/library/nginx` of `docker.io/library/nginx:1.27.3`), as query-oci-repo-tags wants it. */
export function repositoryOf(image: string): string {
  const ref = parseImageRef(image);
  return ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
}
