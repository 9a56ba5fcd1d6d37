/** How to reach and authenticate to one Proxmox VE cluster. */
export interface PveConnectionSettings {
  /** `https://host:8006` (a path, if any, is ignored). */
  url: string;
  /** API token id `user@realm!name`; preferred over username/password. */
  tokenId?: string;
  /** API token secret (a lowercase UUID). */
  tokenSecret?: string;
  /** Ticket login: `root@pam` style user (defaults to root@pam in proxmox-api). */
  username?: string;
  password?: string;
  /** false accepts self-signed certificates for this connection only. */
  verifyTls: boolean;
  /** Extra trusted CA certificate (PEM), e.g. /etc/pve/pve-root-ca.pem, as an alternative to verifyTls=false. */
  caPem?: string;
}

export interface PveEndpoint {
  schema: 'http' | 'https';
  host: string;
  port: number;
  origin: string;
}

/** Splits the URL the way ProxmoxEngine wants it (host without port, port, schema). */
export function parsePveUrl(url: string): PveEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z]+:\/\//i.test(url) ? url : `https://${url}`);
  } catch {
    throw new Error(`invalid Proxmox URL ${JSON.stringify(url)}; expected https://host:8006`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`invalid Proxmox URL ${JSON.stringify(url)}; only http and https are supported`);
  }
  const schema = parsed.protocol === 'https:' ? 'https' : 'http';
  const port = parsed.port ? Number(parsed.port) : 8006;
  return { schema, host: parsed.hostname, port, origin: `${schema}://${parsed.hostname}:${port}` };
}

export function usesTokenAuth(settings: PveConnectionSettings): boolean {
  return Boolean(settings.tokenId && settings.tokenSecret);
}
