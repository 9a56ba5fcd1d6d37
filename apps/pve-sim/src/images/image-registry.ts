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

/**
 * The default template file name for a pull without `filename`: the last path segment and the tag,
 * `nginx_1.27.3`, normalised to `[A-Za-z0-9_.-]`, plus `.tar` (an OCI archive). The sim's choice:
 * it mirrors the name the PVE 9.1 GUI proposes.
 */
export function defaultTemplateName(ref: ImageReference): string {
  const last = ref.repository.split('/').pop() ?? 'image';
  return normaliseTemplateName(`${last}_${ref.tag}`);
}

export function normaliseTemplateName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return clean.endsWith('.tar') ? clean : `${clean}.tar`;
}

export class ImageRegistry {
  private readonly byRepo = new Map<string, ImageDefinition>();

  constructor(images: readonly ImageDefinition[]) {
    for (const image of images) {
      const existing = this.byRepo.get(image.repository);
      // A registry file may add tags to a built-in repository.
      if (existing) this.byRepo.set(image.repository, { ...existing, ...image, tags: [...new Set([...existing.tags, ...image.tags])] });
      else this.byRepo.set(image.repository, image);
    }
  }

  list(): ImageDefinition[] {
    return [...this.byRepo.values()];
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
