/**
 * Property strings for LXC options (formats from apidoc `net[n]`, `mp[n]`, `env`). Pure.
 */

export interface Net0Spec {
  bridge: string;
  /** `dhcp` or IPv4 CIDR `192.168.1.50/24`. */
  ip: 'dhcp' | string;
  /** IPv4 gateway; only with a static ip. */
  gw?: string;
  /** Interface name inside the container (default eth0). */
  name?: string;
  firewall?: boolean;
  /** VLAN tag. */
  tag?: number;
  hwaddr?: string;
  mtu?: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function buildNet0(spec: Net0Spec): string {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(spec.bridge)) throw new Error(`invalid bridge name: ${spec.bridge}`);
  const name = spec.name ?? 'eth0';
  if (!/^[A-Za-z0-9_.-]{1,15}$/.test(name)) throw new Error(`invalid interface name: ${name}`);
  if (spec.ip !== 'dhcp') {
    const [addr, prefix, extra] = spec.ip.split('/');
    const bits = Number(prefix);
    if (!IPV4.test(addr ?? '') || extra !== undefined || !/^\d{1,2}$/.test(prefix ?? '') || bits > 32) {
      throw new Error(`invalid IPv4 CIDR: ${spec.ip} (expected e.g. 192.168.1.50/24 or 'dhcp')`);
    }
  }
  if (spec.gw !== undefined) {
    if (spec.ip === 'dhcp') throw new Error('a gateway only makes sense with a static ip');
    if (!IPV4.test(spec.gw)) throw new Error(`invalid IPv4 gateway: ${spec.gw}`);
  }
  if (spec.tag !== undefined && (!Number.isInteger(spec.tag) || spec.tag < 1 || spec.tag > 4094)) {
    throw new Error(`invalid VLAN tag: ${spec.tag}`);
  }
  const parts = [`name=${name}`, `bridge=${spec.bridge}`];
  if (spec.hwaddr) parts.push(`hwaddr=${spec.hwaddr}`);
  parts.push(`ip=${spec.ip}`);
  if (spec.gw) parts.push(`gw=${spec.gw}`);
  if (spec.firewall !== undefined) parts.push(`firewall=${spec.firewall ? 1 : 0}`);
  if (spec.tag !== undefined) parts.push(`tag=${spec.tag}`);
  if (spec.mtu !== undefined) parts.push(`mtu=${spec.mtu}`);
  return parts.join(',');
}

/** Parses a `net[n]` property string into its keys (`name=eth0,bridge=vmbr0,...`). */
export function parsePropertyString(value: string, defaultKey?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (defaultKey) out[defaultKey] = part;
      continue;
    }
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/**
 * A new volume of `sizeGb` GiB on `storage`, mounted at `path`: `local-lvm:8,mp=/data`, with
 * `backup=1` (vzdump archives a mount point only with it) and `keepattrs=1` (the volume's root
 * takes the owner and mode of the image's directory) when asked for.
 */
export function buildMountPoint(storage: string, sizeGb: number, path: string, opts: { backup?: boolean; keepattrs?: boolean } = {}): string {
  if (!/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(storage)) throw new Error(`invalid storage id: ${storage}`);
  if (!Number.isInteger(sizeGb) || sizeGb < 1) throw new Error(`mount point size must be a whole number of GiB >= 1, got ${sizeGb}`);
  if (!path.startsWith('/') || /[,=\s]/.test(path) || path.split('/').includes('..')) {
    throw new Error(`invalid mount path: ${path}`);
  }
  let spec = `${storage}:${sizeGb},mp=${path}`;
  if (opts.backup !== undefined) spec += `,backup=${opts.backup ? 1 : 0}`;
  if (opts.keepattrs) spec += ',keepattrs=1';
  return spec;
}

/** `STORAGE:SIZE` for a new root disk. */
export function buildRootfs(storage: string, sizeGb: number): string {
  if (!Number.isInteger(sizeGb) || sizeGb < 1) throw new Error(`rootfs size must be a whole number of GiB >= 1, got ${sizeGb}`);
  return `${storage}:${sizeGb}`;
}

/** PVE 9 `env`: NUL-separated `KEY=value` pairs; keys are \w+ and values may not hold control characters. */
export function buildEnv(vars: Record<string, string>): string {
  return Object.entries(vars)
    .map(([key, value]) => {
      if (!/^\w+$/.test(key)) throw new Error(`invalid environment variable name: ${key}`);
      // eslint-disable-next-line no-control-regex
      if (/[\x00-\x08\x10-\x1F\x7F]/.test(value)) throw new Error(`environment variable ${key} contains control characters`);
      return `${key}=${value}`;
    })
    .join('\0');
}

export function parseEnv(env: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (env ?? '').split('\0')) {
    const eq = pair.indexOf('=');
    if (eq > 0) out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/**
 * The environment of a container Proxmox made from an OCI image, with an app's variables on top.
 * OCI create replaces `env` with the image's `Env` (pve-container Create.pm `restore_oci_archive`),
 * so an app's variables are written afterwards, over the image's own (PATH and the like stay);
 * `removed` are variables the app set before and no longer does.
 */
export function overlayEnv(base: Record<string, string>, app: Record<string, string>, removed: readonly string[] = []): Record<string, string> {
  const out = { ...base };
  for (const key of removed) delete out[key];
  return { ...out, ...app };
}
