/**
 * What went wrong when talking to Proxmox, reduced to the few cases callers act on differently.
 * - `unreachable`: no usable answer (network, TLS, timeout, proxy 5xx). Usually retryable.
 * - `auth`: credentials refused (401, login failure, malformed token).
 * - `permission`: authenticated but not allowed (403).
 * - `invalid`: the request itself is wrong (400 parameter errors, 501 unknown route).
 * - `not-found`: the guest, task, node or volume does not exist.
 * - `conflict`: the state forbids it (already exists, already running, digest mismatch).
 * - `locked`: the guest is busy (`CT is locked (...)`, config flock `got timeout`). Retryable.
 * - `server`: any other Proxmox-side failure.
 */
export const PVE_ERROR_KINDS = [
  'unreachable',
  'auth',
  'permission',
  'invalid',
  'not-found',
  'conflict',
  'locked',
  'server',
] as const;
export type PveErrorKind = (typeof PVE_ERROR_KINDS)[number];

export interface PveErrorInit {
  kind: PveErrorKind;
  retryable: boolean;
  /** The text Proxmox gave (full `message` when present, else the status line), or the network error text. */
  pveMessage: string;
  status?: number;
  fieldErrors?: Record<string, string>;
  method?: string;
  /** The request URL, when known. */
  url?: string;
  /** A Node network/TLS error code such as `ECONNREFUSED`, when that was the cause. */
  code?: string;
  cause?: unknown;
}

export class PveError extends Error {
  readonly kind: PveErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  readonly pveMessage: string;
  readonly fieldErrors?: Record<string, string>;
  readonly method?: string;
  readonly url?: string;
  readonly code?: string;

  constructor(init: PveErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'PveError';
    this.kind = init.kind;
    this.retryable = init.retryable;
    this.status = init.status;
    this.pveMessage = init.pveMessage;
    this.fieldErrors = init.fieldErrors;
    this.method = init.method;
    this.url = init.url;
    this.code = init.code;
  }

  /** `https://host:8006` of the request, when the URL is known. */
  get origin(): string | undefined {
    if (!this.url) return undefined;
    try {
      return new URL(this.url).origin;
    } catch {
      return undefined;
    }
  }
}

function describe(init: PveErrorInit): string {
  const where = init.method && init.url ? `${init.method} ${stripQuery(init.url)}: ` : '';
  const status = init.status ? `${init.status} ` : '';
  const fields = init.fieldErrors
    ? ` (${Object.entries(init.fieldErrors)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')})`
    : '';
  return `${where}${status}${init.pveMessage}${fields}`;
}

function stripQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}
