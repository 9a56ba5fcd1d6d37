/**
 * OCI image references as the catalog writes them: `[registry/]repository[:tag][@digest]`.
 * Kept deliberately small: Proxdeck needs the tag (the app's version) and a way to swap it on update.
 */
export interface ImageRef {
  /** `docker.io`, `ghcr.io`, `registry.local:5000`; null when the reference names none. */
  registry: string | null;
  repository: string;
  tag: string | null;
  digest: string | null;
}

/** The OCI distribution spec's tag grammar. */
export const IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port, not to a tag.
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }
  let registry: string | null = null;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const head = rest.slice(0, firstSlash);
    if (head.includes('.') || head.includes(':') || head === 'localhost') {
      registry = head;
      rest = rest.slice(firstSlash + 1);
    }
  }
  return { registry, repository: rest, tag, digest };
}

/** The tag of an image reference (`1.27.3` of `docker.io/library/nginx:1.27.3`), or null when it has none. */
export function imageTag(image: string): string | null {
  return parseImageRef(image).tag;
}

/** The same image at another tag (used by updates); any digest is dropped because it pins the old tag. */
export function imageWithTag(image: string, tag: string): string {
  const ref = parseImageRef(image);
  return `${ref.registry ? `${ref.registry}/` : ''}${ref.repository}:${tag}`;
}

/** Why an image reference is not pinned to a usable version tag, or null when it is. */
export function imagePinProblem(image: string): string | null {
  const ref = parseImageRef(image);
  if (ref.repository === '' || /\s/.test(image)) {
    return `"${image}" is not a valid image reference`;
  }
  if (ref.tag === null || ref.tag === '') {
    return `"${image}" has no tag; pin a version (e.g. ${ref.repository}:1.2.3)`;
  }
  if (ref.tag.toLowerCase() === 'latest') {
    return 'tag "latest" is not allowed; pin a version';
  }
  if (!IMAGE_TAG_PATTERN.test(ref.tag)) {
    return `tag "${ref.tag}" is not a valid OCI tag`;
  }
  return null;
}
