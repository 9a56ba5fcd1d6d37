import type { ImageDefinition } from './image-definition';

/** A parsed OCI reference: `[registry/]repo[/...]:tag`, docker.io short names normalised. */
export interface ImageReference {
  repository: string;
  tag: string;
}

/** What a pull resolves to. */
export interface ResolvedImage {
  image: ImageDefinition;
  tag: string;
  /** `docker.io/library/nginx:1.27.3` */
  canonical: string;
}

/**
 * Normalises like the Docker CLI: `nginx:1.27.3` -> `docker.io/library/nginx:1.27.3`,
 * `traefik/whoami:v1.10.3` -> `docker.io/traefik/whoami:v1.10.3`.
 */
export function parseImageReference(reference: string): ImageReference | undefined {
  const m = /^(.+):([\w][\w.-]{0,127})$/.exec(reference);
  if (!m) return undefined;
  let repo = m[1];
  const first = repo.split('/')[0];
  const hasRegistry = repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) repo = repo.includes('/') ? `docker.io/${repo}` : `docker.io/library/${repo}`;
  return { repository: repo, tag: m[2] };
}

/** A repository reference without a tag (`nginx`, `ghcr.io/gethomepage/homepage`), normalised like {@link parseImageReference}. */
export function parseRepositoryReference(reference: string): string | undefined {
  if (reference === '' || /[:@]\w[\w.-]*$/.test(reference.split('/').pop() ?? '')) return undefined;
  return parseImageReference(`${reference}:x`)?.repository;
}

/**
 * pve-storage `normalize_content_filename` (src/PVE/Storage.pm L2483-2491): cut at the last `/`
 * or `\`, anything but `[A-Za-z0-9_.-]` becomes `_`. A pull appends `.tar` to it, always.
 */
export function normalizeContentFilename(name: string): string {
  return name.replace(/\n$/, '').replace(/^.*[/\\]/, '').replace(/[^a-zA-Z0-9_.-]/g, '_');
}

export class ImageRegistry {
  private readonly byRepo = new Map<string, ImageDefinition>();
  private readonly initial: readonly ImageDefinition[];

  constructor(images: readonly ImageDefinition[]) {
    this.initial = images;
    this.add(images);
  }

  /**
   * Adds images; a known repository gets the extra tags (and unhealthy tags), other fields of the
   * new entry win. Tags listed only as unhealthy are published too.
   */
  add(images: readonly ImageDefinition[]): void {
    for (const image of images) {
      const existing = this.byRepo.get(image.repository);
      const unhealthyTags = [...new Set([...(existing?.unhealthyTags ?? []), ...(image.unhealthyTags ?? [])])];
      const tags = [...new Set([...(existing?.tags ?? []), ...image.tags, ...unhealthyTags])];
      this.byRepo.set(image.repository, { ...existing, ...image, tags, unhealthyTags });
    }
  }

  /** Marks tags of a known repository healthy again (containers from them answer 200). */
  markHealthy(repository: string, tags: readonly string[]): void {
    const image = this.byRepo.get(repository);
    if (image) image.unhealthyTags = (image.unhealthyTags ?? []).filter((t) => !tags.includes(t));
  }

  /** Back to the start registry (built-in plus `--registry-file`), dropping runtime additions. */
  reset(): void {
    this.byRepo.clear();
    this.add(this.initial.map((image) => ({ ...image, tags: [...image.tags], unhealthyTags: [...(image.unhealthyTags ?? [])] })));
  }

  list(): ImageDefinition[] {
    return [...this.byRepo.values()];
  }

  get(repository: string): ImageDefinition | undefined {
    return this.byRepo.get(repository);
  }

  /** Whether containers from `repository:tag` serve HTTP 500 (a broken release, for failed health checks). */
  isUnhealthy(repository: string, tag: string): boolean {
    return this.byRepo.get(repository)?.unhealthyTags?.includes(tag) ?? false;
  }

  /** Every tag of a repository, in publication order, or a registry-style error text. */
  tags(repository: string): string[] | { error: string } {
    const image = this.byRepo.get(repository);
    if (!image) return { error: `failed to list tags of '${repository}': requested access to the resource is denied (repository '${repository}' not found or unauthorized)` };
    return [...image.tags];
  }

  /** Resolves a reference or returns a registry-style error text. */
  resolve(ref: ImageReference): ResolvedImage | { error: string } {
    const canonical = `${ref.repository}:${ref.tag}`;
    const image = this.byRepo.get(ref.repository);
    if (!image) {
      return { error: `failed to pull '${canonical}': requested access to the resource is denied (repository '${ref.repository}' not found or unauthorized)` };
    }
    if (!image.tags.includes(ref.tag)) {
      return { error: `failed to pull '${canonical}': manifest unknown: manifest tagged by "${ref.tag}" is not found` };
    }
    return { image, tag: ref.tag, canonical };
  }
}
