import type { ImageDataFacts, OciImageConfig } from './oci-image-config';

/** A port an image exposes: `http` ports serve the image's page, `tcp` ports accept and greet. */
export interface ImagePort {
  port: number;
  protocol: 'http' | 'tcp';
}

/**
 * One repository of the simulator's built-in OCI registry. `--registry-file` takes a JSON array
 * of the same shape.
 */
export interface ImageDefinition {
  /** Fully qualified repository, e.g. `docker.io/library/nginx`. */
  repository: string;
  tags: string[];
  /** Tags whose containers answer every HTTP request with 500 (a broken release: health checks fail). */
  unhealthyTags?: string[];
  ports: ImagePort[];
  page: { title: string; body: string };
  /** Archive size in MiB (storage accounting). */
  sizeMiB?: number;
  /** What PVE would detect from the image's /etc/os-release. */
  ostype?: string;
  /** A banner sent by tcp ports (e.g. an SSH greeting). */
  tcpBanner?: string;
  /** The image's OCI configuration; without it, the recorded one (image-configs.ts) or a generic one. */
  config?: OciImageConfig;
  /** What the app does with its data directories (with `config`). */
  data?: ImageDataFacts;
}

const isTagList = (tags: unknown): tags is string[] => Array.isArray(tags) && tags.every((t) => typeof t === 'string' && t !== '' && t !== 'latest');

/**
 * Checks the shape of user-supplied registry entries (from `--registry-file`, or `POST /_sim/images`).
 * `known` says whether a repository already exists: then only `tags`/`unhealthyTags` are needed and
 * its ports and page are kept.
 */
export function parseImageDefinitions(json: unknown, known: (repository: string) => ImageDefinition | undefined = () => undefined): ImageDefinition[] {
  if (!Array.isArray(json)) throw new Error('registry file must hold a JSON array of images');
  return json.map((raw: unknown, i) => {
    const where = `registry entry #${i}`;
    const base = typeof raw === 'object' && raw !== null && 'repository' in raw && typeof raw.repository === 'string' ? known(raw.repository) : undefined;
    const e = (base ? { ...base, tags: [], unhealthyTags: [], ...(raw as object) } : raw) as Partial<ImageDefinition> | null;
    if (!e || typeof e.repository !== 'string' || !/^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+$/.test(e.repository)) {
      throw new Error(`${where}: 'repository' must look like 'docker.io/library/nginx'`);
    }
    if (!isTagList(e.tags)) {
      throw new Error(`${where}: 'tags' must be pinned tag strings (no 'latest')`);
    }
    if (e.unhealthyTags !== undefined && !isTagList(e.unhealthyTags)) {
      throw new Error(`${where}: 'unhealthyTags' must be pinned tag strings (no 'latest')`);
    }
    if (!Array.isArray(e.ports) || e.ports.some((p) => !Number.isInteger(p?.port) || (p.protocol !== 'http' && p.protocol !== 'tcp'))) {
      throw new Error(`${where}: 'ports' must be [{port, protocol: 'http'|'tcp'}]`);
    }
    if (!e.page || typeof e.page.title !== 'string' || typeof e.page.body !== 'string') {
      throw new Error(`${where}: 'page' must be {title, body}`);
    }
    return {
      repository: e.repository,
      tags: e.tags,
      unhealthyTags: e.unhealthyTags,
      ports: e.ports,
      page: e.page,
      sizeMiB: typeof e.sizeMiB === 'number' ? e.sizeMiB : undefined,
      ostype: typeof e.ostype === 'string' ? e.ostype : undefined,
      tcpBanner: typeof e.tcpBanner === 'string' ? e.tcpBanner : undefined,
    };
  });
}
