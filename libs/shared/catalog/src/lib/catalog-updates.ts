import type { CatalogEntry } from './catalog-entry.schema';
import { matchesPattern, regexProblem } from './catalog-entry.schema';
import { imageTag, parseImageRef } from './image-ref';

/** Whether `tag` belongs to the entry's update track (`updates.track`, matched against the whole tag). */
export function isTrackedTag(entry: Pick<CatalogEntry, 'updates'>, tag: string): boolean {
  const track = entry.updates?.track;
  if (track === undefined || regexProblem(track) !== null) return false;
  return matchesPattern(track, tag);
}

/**
 * Orders version-like tags: digit runs compare as numbers, everything else as text, chunk by chunk
 * (`v1.10.10` > `v1.10.9`, `2024.10.22-x` > `2024.9.1-y`). Negative when `a` is older.
 */
export function compareVersionTags(a: string, b: string): number {
  const chunksA = a.match(/\d+|\D+/g) ?? [];
  const chunksB = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(chunksA.length, chunksB.length); i++) {
    const x = chunksA[i];
    const y = chunksB[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const order = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * The update for an app running `currentTag`: the newest of `availableTags` on the entry's track that is
 * newer than the current one, or null. Tags off the track (other majors, `latest`, `-rc`) never count.
 */
export function pickUpdateTag(
  entry: Pick<CatalogEntry, 'updates'>,
  currentTag: string,
  availableTags: readonly string[],
): string | null {
  const candidates = availableTags
    .filter((tag) => isTrackedTag(entry, tag) && compareVersionTags(tag, currentTag) > 0)
    .sort(compareVersionTags);
  return candidates.length ? candidates[candidates.length - 1] : null;
}

/** The catalog's newer version of an installed app, if the entry ships a newer tag on the same track. */
export function catalogUpdateFor(entry: Pick<CatalogEntry, 'updates' | 'image'>, installedTag: string): string | null {
  const tag = entry.image ? imageTag(entry.image) : null;
  return tag === null ? null : pickUpdateTag(entry, installedTag, [tag]);
}

export interface AvailableUpdates {
  /** Newest tag on the entry's update track (may be the running one); null when the registry has none. */
  latest: string | null;
  /** Tags on the track newer than the running version, newest first. */
  versions: string[];
}

/** What the registry's tags offer an app running `current`, judged by the entry's `updates.track` (gateway and worker agree). */
export function availableUpdates(entry: Pick<CatalogEntry, 'updates'>, current: string, tags: readonly string[]): AvailableUpdates {
  const tracked = [...new Set(tags)].filter((t) => isTrackedTag(entry, t)).sort((a, b) => compareVersionTags(b, a));
  return { latest: tracked[0] ?? null, versions: tracked.filter((t) => compareVersionTags(t, current) > 0) };
}

/** The repository part of an image (`docker.io/library/nginx` of `docker.io/library/nginx:1.27.3`), as query-oci-repo-tags wants it. */
export function repositoryOf(image: string): string {
  const ref = parseImageRef(image);
  return ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
}
