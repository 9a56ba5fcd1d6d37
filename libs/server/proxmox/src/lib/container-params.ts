import type { PveParams } from './pve-transport';

/** Settings shared by create and config update (`POST /nodes/{node}/lxc`, `PUT .../config`). */
export interface ContainerSettings {
  hostname?: string;
  cores?: number;
  /** MiB */
  memory?: number;
  /** MiB */
  swap?: number;
  /** `STORAGE:SIZE_GIB` to allocate, or an existing volume spec. */
  rootfs?: string;
  /** Mount points by index: `{ 0: 'local-lvm:8,mp=/data' }` -> `mp0`. See buildMountPoint. */
  mp?: Record<number, string>;
  /** Devices passed through by index (PVE 9.x): `{ 0: '/dev/ttyACM0' }` -> `dev0`. */
  dev?: Record<number, string>;
  /** `name=eth0,bridge=vmbr0,ip=dhcp`. See buildNet0. */
  net0?: string;
  /** NUL-separated `KEY=value` list (PVE 9 OCI containers). See buildEnv. */
  env?: string;
  entrypoint?: string;
  /** Semicolon-separated, or a list. */
  tags?: string | string[];
  description?: string;
  /** `nesting=1,keyctl=1` */
  features?: string;
  onboot?: boolean;
  protection?: boolean;
  nameserver?: string;
  searchdomain?: string;
}

export interface CreateContainerParams extends ContainerSettings {
  vmid: number;
  /** A template or OCI image volid (`local:vztmpl/...`), or a backup volid with `restore`. */
  ostemplate: string;
  unprivileged?: boolean;
  /** Default storage for rootfs/mount points given as a bare size. */
  storage?: string;
  /** Start inside the create task. */
  start?: boolean;
  pool?: string;
  password?: string;
  'ssh-public-keys'?: string;
  ostype?: string;
  arch?: string;
  restore?: boolean;
  /** With restore: overwrite an existing stopped container. */
  force?: boolean;
  /** With restore: new MAC addresses. */
  unique?: boolean;
}

export interface ContainerConfigChanges extends ContainerSettings {
  /** Keys to remove, e.g. ['mp1', 'env']. */
  delete?: string[];
}

/** Flattens typed params into the form fields PVE expects (`mp` record -> `mp0..mpN`, tags joined). */
export function toLxcParams(params: ContainerSettings & Record<string, unknown>): PveParams {
  const out: PveParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (key === 'mp' || key === 'dev') {
      for (const [index, spec] of Object.entries(value as Record<number, string>)) {
        const n = Number(index);
        if (!Number.isInteger(n) || n < 0 || n > 255) throw new Error(`${key === 'mp' ? 'mount point' : 'device'} index out of range: ${index}`);
        out[`${key}${n}`] = spec;
      }
    } else if (key === 'tags') {
      out.tags = Array.isArray(value) ? normalizeTags(value as string[]) : String(value);
    } else if (key === 'delete') {
      const keys = value as string[];
      if (keys.length > 0) out.delete = keys.join(',');
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[key] = value;
    } else {
      throw new Error(`unsupported value for container parameter '${key}'`);
    }
  }
  return out;
}

/** PVE stores tags lowercased, sorted and unique, joined by `;`. */
export function normalizeTags(tags: string[]): string {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort().join(';');
}

export function parseTags(tags: string | undefined): string[] {
  return (tags ?? '').split(/[;,\s]+/).filter(Boolean);
}
