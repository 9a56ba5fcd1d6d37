import type { ImagePort } from '../images/image-definition';
import { dieError } from '../params/api-error';
import type { ConfigMap } from './container-config';
import { DEFAULT_STORAGES, type StorageDefinition, type VolumeState } from './storage-model';

export interface NodeState {
  name: string;
  status: 'online' | 'offline';
  /** Epoch seconds of the (simulated) boot. */
  bootTime: number;
  cpus: number;
  memTotal: number;
  rootfsTotal: number;
}

/** What a container runs: the image's ports and page, kept from its template at create time. */
export interface ContainerImage {
  repository: string;
  tag: string;
  ports: ImagePort[];
  page: { title: string; body: string };
  tcpBanner?: string;
}

/** A snapshot: the config at that time (disks are not copied; the sim only tracks sizes). */
export interface SnapshotState {
  name: string;
  config: ConfigMap;
  snaptime: number;
  description: string;
  parent?: string;
}

export interface ContainerState {
  vmid: number;
  node: string;
  config: ConfigMap;
  status: 'running' | 'stopped';
  /** Epoch ms when the config appeared (drives `/cluster/resources`' `unknown` lag). */
  createdAtMs: number;
  /** Epoch seconds of the last start. */
  startedAt?: number;
  pid?: number;
  image?: ContainerImage;
  /** `[pve:pending]`: changes waiting for the next start (running CTs only). */
  pending?: ConfigMap;
  pendingDelete?: Set<string>;
  /** Stopped by `status/suspend` (a checkpoint exists); `status/resume` needs it. */
  suspended?: boolean;
  /** Snapshots by name, in creation order. */
  snapshots?: Map<string, SnapshotState>;
}

const GiB = 1024 ** 3;

/** The whole simulated cluster: nodes, their storages and volumes, containers. */
export class SimState {
  readonly nodes: NodeState[];
  readonly containers = new Map<number, ContainerState>();
  /** Keyed by `<node>/<volid>`: nothing is shared between nodes. */
  readonly volumes = new Map<string, VolumeState>();
  readonly storages: readonly StorageDefinition[] = DEFAULT_STORAGES;

  constructor(nodeCount: number, nowSeconds: number) {
    this.nodes = Array.from({ length: nodeCount }, (_, i) => ({
      name: `pve${i + 1}`,
      status: 'online' as const,
      bootTime: nowSeconds - 86400 - i * 3600,
      cpus: 8,
      memTotal: 32 * GiB,
      rootfsTotal: 100 * GiB,
    }));
  }

  node(name: string): NodeState | undefined {
    return this.nodes.find((n) => n.name === name);
  }

  storage(id: string): StorageDefinition | undefined {
    return this.storages.find((s) => s.storage === id);
  }

  /** The storage or 500 `storage 'x' does not exist` (PVE::Storage `storage_config`). */
  requireStorage(id: string): StorageDefinition {
    const def = this.storage(id);
    if (!def) throw dieError(`storage '${id}' does not exist`);
    return def;
  }

  /** A CT on that node, or 500 `Configuration file 'nodes/<node>/lxc/<vmid>.conf' does not exist`. */
  requireContainer(node: string, vmid: number): ContainerState {
    const ct = this.containers.get(vmid);
    if (!ct || ct.node !== node) throw dieError(`Configuration file 'nodes/${node}/lxc/${vmid}.conf' does not exist`);
    return ct;
  }

  volume(node: string, volid: string): VolumeState | undefined {
    return this.volumes.get(`${node}/${volid}`);
  }

  volumesOn(node: string, storage: string): VolumeState[] {
    return [...this.volumes.values()].filter((v) => v.node === node && v.storage === storage);
  }

  addVolume(v: VolumeState): void {
    this.volumes.set(`${v.node}/${v.volid}`, v);
  }

  removeVolume(node: string, volid: string): void {
    this.volumes.delete(`${node}/${volid}`);
  }

  usage(node: string, def: StorageDefinition): { total: number; used: number; avail: number } {
    const used = def.baseUsed + this.volumesOn(node, def.storage).reduce((sum, v) => sum + v.size, 0);
    return { total: def.total, used, avail: Math.max(0, def.total - used) };
  }

  /** The next free `vm-<vmid>-disk-<n>` on a storage. */
  nextDiskName(node: string, storage: string, vmid: number): string {
    for (let n = 0; ; n++) {
      const name = `vm-${vmid}-disk-${n}`;
      const volid = this.storage(storage)?.type === 'dir' ? `${storage}:${vmid}/${name}.raw` : `${storage}:${name}`;
      if (!this.volume(node, volid)) return volid;
    }
  }

  /** The lowest unused VMID in [100, 1000000) across the cluster. */
  nextFreeVmid(): number | undefined {
    for (let id = 100; id < 1_000_000; id++) if (!this.containers.has(id)) return id;
    return undefined;
  }

  reset(): void {
    this.containers.clear();
    this.volumes.clear();
    for (const node of this.nodes) node.status = 'online';
  }
}
