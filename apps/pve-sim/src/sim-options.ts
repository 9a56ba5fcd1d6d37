import type { TlsCertificate } from './http/tls-certificate';
import type { ImageDefinition } from './images/image-definition';

export interface SimOptions {
  /** 0 picks a free port (default 0 for startSim; the CLI defaults to 8006). */
  port?: number;
  host?: string;
  /** Plain HTTP instead of HTTPS with a self-signed certificate generated at start. */
  http?: boolean;
  /** PEM key and certificate to serve instead of a generated self-signed one (HTTPS only). */
  tls?: TlsCertificate;
  nodes?: number;
  rootPassword?: string;
  /** Lowercase UUID of the `root@pam!proxdeck` token; random when absent. */
  tokenSecret?: string;
  /** Multiplies realistic task durations; 0 = asynchronous but immediate. */
  taskSpeed?: number;
  /** Delay of every 401 (PVE: 3 s). Default 0 for startSim, 3000 for the CLI. */
  authDelayMs?: number;
  /** How long a new CT shows `status: unknown` in /cluster/resources (default 2000 ms x taskSpeed). */
  resourceLagMs?: number;
  /**
   * The PVE release to act like (default 9.2, the current one): `/version`, the 401 reason phrase
   * for bad tickets/tokens (`Authentication failed!` from 9.1.5), what OCI create and mount points
   * do (pve-container 6.0 vs 6.1, see container-features.ts) and, for 8.4, 501 for routes new in 9.x.
   */
  pveVersion?: PveVersionName;
  /** Reason phrase for invalid tickets/tokens; overrides the one `pveVersion` implies. */
  invalidTicketText?: string;
  /** Added to the built-in image registry. */
  extraImages?: ImageDefinition[];
  /** Keep containers, volumes, the token secret, users/tokens/roles/ACLs and finished tasks in this JSON file across restarts. */
  stateFile?: string;
  /** Id of a cluster-wide NFS storage (container disks and backups) every node sees; none by default. */
  sharedStorage?: string;
  /** Diagnostic lines (default: none). */
  log?: (line: string) => void;
}

export interface ResolvedSimOptions {
  port: number;
  host: string;
  http: boolean;
  tls?: TlsCertificate;
  nodes: number;
  rootPassword: string;
  tokenSecret: string;
  taskSpeed: number;
  authDelayMs: number;
  resourceLagMs: number;
  pveVersion: PveVersionInfo;
  /** pve-container of that release, e.g. `6.1.10`. */
  containerVersion: string;
  invalidTicketText: string;
  extraImages: ImageDefinition[];
  stateFile?: string;
  sharedStorage?: string;
  log: (line: string) => void;
}

export const TOKEN_ID = 'root@pam!proxdeck';
export interface PveVersionInfo {
  version: string;
  release: string;
  repoid: string;
}

/**
 * Emulated releases: `/version` answers and what changes between them (SEMANTICS.md §8). Repo ids
 * are the sim's. `container` is the pve-container version that release shipped with (its
 * debian/changelog dates against pve-manager's): what OCI create and mount points do depends on it
 * (see container-features.ts).
 */
export const PVE_VERSIONS = {
  '9.1.4': { version: '9.1.4', release: '9.1', repoid: '5cf8e7ab0dd1ca35', container: '6.0.18' },
  '9.1.5': { version: '9.1.5', release: '9.1', repoid: '8d1f3c0e6a2b4f71', container: '6.0.19' },
  '9.2': { version: '9.2.11', release: '9.2', repoid: '14a22df35955d97d', container: '6.1.10' },
  '8.4': { version: '8.4.1', release: '8.4', repoid: '2a5fa54a8503f96d', container: '5.2.6' },
} as const satisfies Record<string, PveVersionInfo & { container: string }>;

/** The current release: what `startSim` and the CLI act like unless told otherwise. */
export const DEFAULT_PVE_VERSION: PveVersionName = '9.2';

export type PveVersionName = keyof typeof PVE_VERSIONS;

export function isPveVersionName(name: string): name is PveVersionName {
  return Object.hasOwn(PVE_VERSIONS, name);
}

/** pve-manager >= 9.1.5 (commit 26c10a2e) answers every bad ticket or token with this phrase. */
export const AUTH_FAILED_TEXT = 'Authentication failed!';
const INVALID_TICKET_TEXT = 'permission denied - invalid PVE ticket';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function resolveOptions(o: SimOptions, randomUuid: () => string): ResolvedSimOptions {
  const taskSpeed = o.taskSpeed ?? 1;
  if (!(taskSpeed >= 0)) throw new Error('taskSpeed must be >= 0');
  const nodes = o.nodes ?? 3;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 64) throw new Error('nodes must be an integer in 1..64');
  if (o.http && o.tls) throw new Error('tls (a certificate) and http (plain HTTP) exclude each other');
  const versionName = o.pveVersion ?? DEFAULT_PVE_VERSION;
  if (!isPveVersionName(versionName)) throw new Error(`pveVersion must be one of ${Object.keys(PVE_VERSIONS).join(', ')}`);
  const tokenSecret = o.tokenSecret ?? randomUuid();
  if (!UUID_RE.test(tokenSecret)) throw new Error('tokenSecret must be a lowercase UUID');
  return {
    port: o.port ?? 0,
    host: o.host ?? '127.0.0.1',
    http: o.http ?? false,
    tls: o.tls,
    nodes,
    rootPassword: o.rootPassword ?? 'proxdeck',
    tokenSecret,
    taskSpeed,
    authDelayMs: o.authDelayMs ?? 0,
    resourceLagMs: o.resourceLagMs ?? (taskSpeed === 0 ? 0 : 2000 * taskSpeed),
    pveVersion: { version: PVE_VERSIONS[versionName].version, release: PVE_VERSIONS[versionName].release, repoid: PVE_VERSIONS[versionName].repoid },
    containerVersion: PVE_VERSIONS[versionName].container,
    invalidTicketText: o.invalidTicketText ?? (versionName === '9.1.4' || versionName === '8.4' ? INVALID_TICKET_TEXT : AUTH_FAILED_TEXT),
    extraImages: o.extraImages ?? [],
    stateFile: o.stateFile,
    sharedStorage: o.sharedStorage,
    log: o.log ?? (() => undefined),
  };
}
