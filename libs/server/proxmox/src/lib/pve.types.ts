/**
 * Response shapes of the Proxmox endpoints Proxdeck uses (SEMANTICS.md §2-§4). Only fields we
 * read are typed; `proxmox-api`'s generated model is not always right (e.g. `nextid`).
 */

export interface PveVersion {
  version: string;
  release: string;
  repoid?: string;
}

/** One row of `GET /nodes/{node}/apt/versions`: `OldVersion` is what is installed, `Version` the candidate. */
export interface PvePackageVersion {
  Package: string;
  Version: string;
  OldVersion?: string;
}

export interface PveNodeSummary {
  node: string;
  status: 'online' | 'offline' | 'unknown';
  id?: string;
  type?: 'node';
  /** Fraction 0..1; stats are absent without Sys.Audit. */
  cpu?: number;
  maxcpu?: number;
  mem?: number;
  maxmem?: number;
  disk?: number;
  maxdisk?: number;
  uptime?: number;
  level?: string;
  ssl_fingerprint?: string;
}

export interface PveNodeStatus {
  uptime: number;
  cpu: number;
  /** Three strings on the wire. */
  loadavg?: string[];
  kversion?: string;
  pveversion?: string;
  cpuinfo?: { cpus: number; cores?: number; sockets?: number; model?: string; mhz?: string | number };
  memory: { total: number; used: number; free: number; available?: number };
  swap?: { total: number; used: number; free: number };
  rootfs?: { total: number; used: number; avail: number; free?: number };
}

export interface PveClusterResource {
  /** `lxc/100`, `node/pve`, `storage/pve/local`. */
  id: string;
  type: 'lxc' | 'qemu' | 'node' | 'storage' | 'sdn' | 'pool' | string;
  node?: string;
  vmid?: number;
  name?: string;
  /** Guests: running|stopped|unknown (unknown until pvestatd has data). Nodes: online|offline. */
  status?: string;
  template?: number;
  tags?: string;
  lock?: string;
  pool?: string;
  hastate?: string;
  cpu?: number;
  maxcpu?: number;
  mem?: number;
  maxmem?: number;
  disk?: number;
  maxdisk?: number;
  uptime?: number;
  netin?: number;
  netout?: number;
  diskread?: number;
  diskwrite?: number;
  /** Storage rows. */
  storage?: string;
  content?: string;
  plugintype?: string;
  shared?: number;
}

export interface PveStorage {
  storage: string;
  type: string;
  /** Comma-separated content types, e.g. `rootdir,images`. */
  content: string;
  active?: number;
  enabled?: number;
  shared?: number;
  total?: number;
  used?: number;
  avail?: number;
  used_fraction?: number;
}

export interface PveVolume {
  volid: string;
  content: string;
  format?: string;
  size?: number;
  ctime?: number;
  vmid?: number;
  subtype?: string;
  notes?: string;
  protected?: number;
  used?: number;
}

export interface PveContainerStatus {
  vmid: number;
  status: 'running' | 'stopped' | string;
  type?: 'lxc';
  name?: string;
  cpus?: number;
  cpu?: number;
  mem?: number;
  maxmem?: number;
  swap?: number;
  maxswap?: number;
  disk?: number;
  maxdisk?: number;
  uptime?: number;
  netin?: number;
  netout?: number;
  diskread?: number;
  diskwrite?: number;
  pid?: number;
  tags?: string;
  lock?: string;
  template?: number;
  ha?: { managed: number; state?: string };
}

/** `GET .../lxc/{vmid}/config`: known keys typed, the rest (mp0, net1, dev0, ...) by index. */
export type PveContainerConfig = {
  digest: string;
  hostname?: string;
  description?: string;
  tags?: string;
  lock?: string;
  ostype?: string;
  arch?: string;
  cores?: number;
  memory?: number;
  swap?: number;
  rootfs?: string;
  net0?: string;
  unprivileged?: number;
  features?: string;
  onboot?: number;
  protection?: number;
  template?: number;
  entrypoint?: string;
  env?: string;
} & Record<string, unknown>;

export interface PveInterfaceAddress {
  'ip-address': string;
  'ip-address-type': 'inet' | 'inet6' | string;
  prefix: number;
}

export interface PveInterface {
  name: string;
  hwaddr?: string;
  'hardware-address'?: string;
  /** `a.b.c.d/nn` */
  inet?: string;
  inet6?: string;
  'ip-addresses'?: PveInterfaceAddress[];
}

export interface PveTaskStatus {
  upid: string;
  node: string;
  pid?: number;
  pstart?: number;
  starttime?: number;
  type: string;
  id?: string;
  user?: string;
  tokenid?: string;
  status: 'running' | 'stopped';
  /** Absent while running; `OK`, `WARNINGS: n`, or the error text. */
  exitstatus?: string;
}

export interface PveTaskLogLine {
  n: number;
  t: string;
}

export interface PveSnapshot {
  name: string;
  description?: string;
  snaptime?: number;
  parent?: string;
  snapstate?: string;
  /** Only on the `current` pseudo-entry. */
  running?: number;
  digest?: string;
}

/** One row of `GET .../pending`: `pending` is the value waiting for the next start, `delete` 1|2 a pending removal. */
export interface PvePendingItem {
  key: string;
  value?: string | number;
  pending?: string | number;
  delete?: number;
}

/** One bucket of `GET .../rrddata`; fields may be missing in buckets without data. */
export interface PveRrdPoint {
  time: number;
  cpu?: number;
  maxcpu?: number;
  mem?: number;
  maxmem?: number;
  disk?: number;
  maxdisk?: number;
  netin?: number;
  netout?: number;
  diskread?: number;
  diskwrite?: number;
  /** Node series name memory `memused`/`memtotal` where guests have `mem`/`maxmem`. */
  memused?: number;
  memtotal?: number;
  loadavg?: number;
}

export interface PveApplianceTemplate {
  template: string;
  package?: string;
  type?: string;
  os?: string;
  version?: string;
  section?: string;
  headline?: string;
  description?: string;
}
