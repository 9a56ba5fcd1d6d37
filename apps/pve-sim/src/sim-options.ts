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
  /** Reason phrase for invalid tickets/tokens (PVE >= 9.1.5: `Authentication failed!`). */
  invalidTicketText?: string;
  /** Added to the built-in image registry. */
  extraImages?: ImageDefinition[];
  /** Keep containers, volumes and the token secret in this JSON file across restarts. */
  stateFile?: string;
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
  invalidTicketText: string;
  extraImages: ImageDefinition[];
  stateFile?: string;
  log: (line: string) => void;
}

export const TOKEN_ID = 'root@pam!proxdeck';
export const PVE_VERSION = { version: '9.1.4', release: '9.1', repoid: '5cf8e7ab0dd1ca35' } as const;

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function resolveOptions(o: SimOptions, randomUuid: () => string): ResolvedSimOptions {
  const taskSpeed = o.taskSpeed ?? 1;
  if (!(taskSpeed >= 0)) throw new Error('taskSpeed must be >= 0');
  const nodes = o.nodes ?? 3;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 64) throw new Error('nodes must be an integer in 1..64');
  if (o.http && o.tls) throw new Error('tls (a certificate) and http (plain HTTP) exclude each other');
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
    invalidTicketText: o.invalidTicketText ?? 'permission denied - invalid PVE ticket',
    extraImages: o.extraImages ?? [],
    stateFile: o.stateFile,
    log: o.log ?? (() => undefined),
  };
}
