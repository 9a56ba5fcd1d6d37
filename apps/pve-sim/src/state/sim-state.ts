import type { ImagePort } from '../images/image-definition';
import type { ImageDataFacts } from '../images/oci-image-config';
import { dieError } from '../params/api-error';
import type { ConfigMap } from './container-config';
import { DEFAULT_STORAGES, isFileStorage, parseVolid, sharedStorageDefinition, type StorageDefinition, type VolumeState } from './storage-model';

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
  /** OCI images: what the app does with its data directories when it starts (see app-process.ts). */
  data?: ImageDataFacts;
  /** OCI images whose command only works from their `WorkingDir` (images/working-dir.ts): that directory and the word that needs it. */
  needsWorkingDir?: { dir: string; path: string };
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
  /** What the app printed before it exited (an app that cannot start), for `GET /_sim/containers/{vmid}/console`. */
  console?: string[];
}

const GiB = 1024 ** 3;

/** The whole simulated cluster: nodes, their storages and volumes, containers. */
export class SimState {
  readonly nodes: NodeState[];
  readonly containers = new Map<number, ContainerState>();
  /**
   * Keyed by `<node>/<volid>` on node-local storages and by `@shared/<volid>` on the shared one, which
   * every node sees alike (its volumes' `node` is only the node that wrote them).
   */
  readonly volumes = new Map<string, VolumeState>();
  readonly storages: readonly StorageDefinition[];

  constructor(nodeCount: number, nowSeconds: number, opts: { sharedStorage?: string } = {}) {
    this.storages = opts.sharedStorage ? [...DEFAULT_STORAGES, sharedStorageDefinition(opts.sharedStorage)] : DEFAULT_STORAGES;
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

  isShared(storage: string): boolean {
    return this.storage(storage)?.shared === true;
  }

  /** Whether `node` sees the volume: its own, or any on the shared storage. */
  visibleOn(v: VolumeState, node: string): boolean {
    return v.node === node || this.isShared(v.storage);
  }

  private volumeKey(node: string, volid: string): string {
    const storage = parseVolid(volid)?.storage;
    return storage !== undefined && this.isShared(storage) ? `@shared/${volid}` : `${node}/${volid}`;
  }

  volume(node: string, volid: string): VolumeState | undefined {
    return this.volumes.get(this.volumeKey(node, volid));
  }

  volumesOn(node: string, storage: string): VolumeState[] {
    return [...this.volumes.values()].filter((v) => v.storage === storage && this.visibleOn(v, node));
  }

  addVolume(v: VolumeState): void {
    this.volumes.set(this.volumeKey(v.node, v.volid), v);
  }

  removeVolume(node: string, volid: string): void {
    this.volumes.delete(this.volumeKey(node, volid));
  }

  usage(node: string, def: StorageDefinition): { total: number; used: number; avail: number } {
    const used = def.baseUsed + this.volumesOn(node, def.storage).reduce((sum, v) => sum + v.size, 0);
    return { total: def.total, used, avail: Math.max(0, def.total - used) };
  }

  /** The next free `vm-<vmid>-disk-<n>` on a storage. */
  nextDiskName(node: string, storage: string, vmid: number): string {
    for (let n = 0; ; n++) {
      const name = `vm-${vmid}-disk-${n}`;
      const def = this.storage(storage);
      const volid = def && isFileStorage(def) ? `${storage}:${vmid}/${name}.raw` : `${storage}:${name}`;
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
