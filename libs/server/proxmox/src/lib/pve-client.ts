import type { ContainerConfigChanges, CreateContainerParams } from './container-params';
import type {
  BackupOptions,
  CloneContainerOptions,
  DeleteContainerOptions,
  MoveVolumeOptions,
  PveClientOptions,
  RestoreContainerParams,
} from './pve-client.options';
import type { PveConnectionSettings } from './pve-connection-settings';
import { PveError } from './pve-error';
import { assertDiskKey, assertVmid, ctPath, invalid, lxcParams, seg, toVmid } from './pve-paths';
import { ProxmoxApiTransport, type PveParams, type PveTransport } from './pve-transport';
import type {
  PveApplianceTemplate,
  PvePendingItem,
  PveRrdPoint,
  PveSnapshot,
  PveClusterResource,
  PveContainerConfig,
  PveContainerStatus,
  PveInterface,
  PveNodeStatus,
  PveNodeSummary,
  PvePackageVersion,
  PveStorage,
  PveTaskLogLine,
  PveTaskStatus,
  PveVersion,
  PveVolume,
} from './pve.types';
import { DEFAULT_TASK_POLL, waitForTask, type TaskStatusSource, type WaitForTaskOptions } from './task-waiter';
import { isUpid } from './upid';

/**
 * Typed Proxmox VE client for what Proxdeck does. Every method rejects with PveError (see
 * classifyPveError); async endpoints return the task's UPID, which waitForTask follows.
 */
export class PveClient implements TaskStatusSource {
  private transport: PveTransport;
  private readonly poll: { minMs: number; maxMs: number };

  constructor(settings: PveConnectionSettings, options: PveClientOptions = {}) {
    this.transport = options.transport ?? new ProxmoxApiTransport(settings, { requestTimeoutMs: options.requestTimeoutMs });
    this.poll = {
      minMs: options.taskPollMinMs ?? DEFAULT_TASK_POLL.minMs,
      maxMs: options.taskPollMaxMs ?? DEFAULT_TASK_POLL.maxMs,
    };
  }

  /** Releases idle keep-alive connections. */
  close(): void {
    this.transport.close();
  }

  /**
   * Points this client at another connection (an admin changed it under Settings). Requests in
   * flight finish on the old one; every later call uses the new one.
   */
  reconnect(settings: PveConnectionSettings, options: Pick<PveClientOptions, 'requestTimeoutMs'> = {}): void {
    const old = this.transport;
    this.transport = new ProxmoxApiTransport(settings, { requestTimeoutMs: options.requestTimeoutMs });
    old.close();
  }

  // --- cluster and nodes ---

  async version(): Promise<PveVersion> {
    return this.get<PveVersion>('/version');
  }

  /** Proxmox's own packages on a node and their versions (`Sys.Audit` on `/nodes/{node}`). */
  async packageVersions(node: string): Promise<PvePackageVersion[]> {
    return this.get<PvePackageVersion[]>(`/nodes/${seg(node)}/apt/versions`);
  }

  async nodes(): Promise<PveNodeSummary[]> {
    return this.get<PveNodeSummary[]>('/nodes');
  }

  async nodeStatus(node: string): Promise<PveNodeStatus> {
    return this.get<PveNodeStatus>(`/nodes/${seg(node)}/status`);
  }

  async clusterResources(type?: 'vm' | 'node' | 'storage'): Promise<PveClusterResource[]> {
    const rows = await this.get<PveClusterResource[]>('/cluster/resources', { type });
    return rows.map((r) => (r.vmid === undefined ? r : { ...r, vmid: Number(r.vmid) }));
  }

  /** The lowest free VMID. PVE sends it as a JSON string; `proxmox-api` types it as number. */
  async nextVmid(): Promise<number> {
    return toVmid(await this.get<string | number>('/cluster/nextid'));
  }

  /** Whether `vmid` is free cluster-wide (`/cluster/nextid?vmid=N` answers 400 "already exists" otherwise). */
  async vmidAvailable(vmid: number): Promise<boolean> {
    try {
      await this.get<string | number>('/cluster/nextid', { vmid });
      return true;
    } catch (err) {
      if (err instanceof PveError && err.kind === 'conflict') return false;
      throw err;
    }
  }

  /** The lowest free VMID in [from, to], or null when the range is full. */
  async findFreeVmid(from: number, to: number): Promise<number | null> {
    for (let vmid = from; vmid <= to; vmid++) {
      if (await this.vmidAvailable(vmid)) return vmid;
    }
    return null;
  }

  // --- storage ---

  async storages(node: string, opts: { content?: string; enabled?: boolean } = {}): Promise<PveStorage[]> {
    return this.get<PveStorage[]>(`/nodes/${seg(node)}/storage`, { content: opts.content, enabled: opts.enabled });
  }

  async storageContent(node: string, storage: string, content?: string): Promise<PveVolume[]> {
    const volumes = await this.get<PveVolume[]>(`/nodes/${seg(node)}/storage/${seg(storage)}/content`, { content });
    return volumes.map((v) => (v.vmid === undefined ? v : { ...v, vmid: Number(v.vmid) }));
  }

  /** Pulls an OCI image (`docker.io/library/nginx:1.27.3`) into a vztmpl storage (PVE 9.1+). Returns the UPID. */
  async pullOciImage(node: string, storage: string, reference: string, opts: { filename?: string } = {}): Promise<string> {
    return this.task('POST', `/nodes/${seg(node)}/storage/${seg(storage)}/oci-registry-pull`, {
      reference,
      filename: opts.filename,
    });
  }

  /** Every tag of an OCI repository (`docker.io/library/nginx`, no tag), as the registry lists them (PVE 9.1+). */
  async ociRepoTags(node: string, reference: string): Promise<string[]> {
    return this.get<string[]>(`/nodes/${seg(node)}/query-oci-repo-tags`, { reference });
  }

  // --- containers ---

  async listContainers(node: string): Promise<PveContainerStatus[]> {
    return this.get<PveContainerStatus[]>(`/nodes/${seg(node)}/lxc`).then((list) => list.map(normalizeStatus));
  }

  async createContainer(node: string, params: CreateContainerParams): Promise<string> {
    return this.task('POST', `/nodes/${seg(node)}/lxc`, lxcParams({ ...params }));
  }

  async containerStatus(node: string, vmid: number): Promise<PveContainerStatus> {
    return normalizeStatus(await this.get<PveContainerStatus>(`${ctPath(node, vmid)}/status/current`));
  }

  async containerConfig(node: string, vmid: number, opts: { current?: boolean } = {}): Promise<PveContainerConfig> {
    return this.get<PveContainerConfig>(`${ctPath(node, vmid)}/config`, { current: opts.current });
  }

  /** Synchronous config change; with `digest`, PVE refuses if the config changed since it was read. */
  async updateContainerConfig(node: string, vmid: number, changes: ContainerConfigChanges, digest?: string): Promise<void> {
    const params = lxcParams({ ...changes });
    if (digest) params.digest = digest;
    await this.transport.request<null>('PUT', `${ctPath(node, vmid)}/config`, params);
  }

  async startContainer(node: string, vmid: number): Promise<string> {
    return this.task('POST', `${ctPath(node, vmid)}/status/start`);
  }

  /** Clean shutdown; after `timeoutSec` PVE fails the task unless `forceStop` makes it stop hard. */
  async shutdownContainer(node: string, vmid: number, timeoutSec: number, forceStop?: boolean): Promise<string> {
    return this.task('POST', `${ctPath(node, vmid)}/status/shutdown`, { timeout: timeoutSec, forceStop });
  }

  async stopContainer(node: string, vmid: number): Promise<string> {
    return this.task('POST', `${ctPath(node, vmid)}/status/stop`);
  }

  async rebootContainer(node: string, vmid: number): Promise<string> {
    return this.task('POST', `${ctPath(node, vmid)}/status/reboot`);
  }

  async deleteContainer(node: string, vmid: number, opts: DeleteContainerOptions = {}): Promise<string> {
    return this.task('DELETE', ctPath(node, vmid), {
      purge: opts.purge,
      force: opts.force,
      'destroy-unreferenced-disks': opts.destroyUnreferencedDisks,
    });
  }

  /** Network interfaces of a running container; null when it is stopped. */
  async containerInterfaces(node: string, vmid: number): Promise<PveInterface[] | null> {
    return this.get<PveInterface[] | null>(`${ctPath(node, vmid)}/interfaces`);
  }

  /** Values waiting for the next start (changes to a running container that could not hot-apply). */
  async containerPending(node: string, vmid: number): Promise<PvePendingItem[]> {
    return this.get<PvePendingItem[]>(`${ctPath(node, vmid)}/pending`);
  }

  async containerRrdData(node: string, vmid: number, timeframe: 'hour' | 'day' | 'week' | 'month' | 'year', cf?: 'AVERAGE' | 'MAX'): Promise<PveRrdPoint[]> {
    return this.get<PveRrdPoint[]>(`${ctPath(node, vmid)}/rrddata`, { timeframe, cf });
  }

  async nodeRrdData(node: string, timeframe: 'hour' | 'day' | 'week' | 'month' | 'year', cf?: 'AVERAGE' | 'MAX'): Promise<PveRrdPoint[]> {
    return this.get<PveRrdPoint[]>(`/nodes/${seg(node)}/rrddata`, { timeframe, cf });
  }

  /** Grows `rootfs` or `mpN`: `size` is absolute (`10G`) or relative (`+2G`). PVE never shrinks. */
  async resizeContainerDisk(node: string, vmid: number, disk: string, size: string, digest?: string): Promise<string> {
    assertDiskKey(disk);
    if (!/^\+?\d+(\.\d+)?[KMGT]?$/.test(size)) throw invalid(`invalid disk size '${size}' (expected e.g. 10G or +2G)`);
    return this.task('PUT', `${ctPath(node, vmid)}/resize`, { disk, size, digest });
  }

  /** Clones to `newid` (full clone by default for a normal CT); the UPID's id is the source VMID. */
  async cloneContainer(node: string, vmid: number, newid: number, opts: CloneContainerOptions = {}): Promise<string> {
    assertVmid(newid);
    return this.task('POST', `${ctPath(node, vmid)}/clone`, {
      newid,
      hostname: opts.hostname,
      description: opts.description,
      full: opts.full,
      storage: opts.storage,
      target: opts.target,
      snapname: opts.snapname,
      pool: opts.pool,
    });
  }

  /** Moves a disk to another storage, or (with targetVmid) hands it to another container. */
  async moveContainerVolume(node: string, vmid: number, volume: string, opts: MoveVolumeOptions): Promise<string> {
    assertDiskKey(volume);
    if (opts.targetVmid !== undefined) assertVmid(opts.targetVmid);
    return this.task('POST', `${ctPath(node, vmid)}/move_volume`, {
      volume,
      storage: opts.storage,
      'target-vmid': opts.targetVmid,
      'target-volume': opts.targetVolume,
      delete: opts.deleteSource,
      digest: opts.digest,
      'target-digest': opts.targetDigest,
    });
  }

  async listSnapshots(node: string, vmid: number): Promise<PveSnapshot[]> {
    return this.get<PveSnapshot[]>(`${ctPath(node, vmid)}/snapshot`);
  }

  async createSnapshot(node: string, vmid: number, snapname: string, description?: string): Promise<string> {
    if (!/^[a-z][a-z0-9_]{1,39}$/i.test(snapname)) throw invalid(`invalid snapshot name '${snapname}'`);
    return this.task('POST', `${ctPath(node, vmid)}/snapshot`, { snapname, description });
  }

  async deleteSnapshot(node: string, vmid: number, snapname: string, force?: boolean): Promise<string> {
    return this.task('DELETE', `${ctPath(node, vmid)}/snapshot/${seg(snapname)}`, { force });
  }

  async rollbackSnapshot(node: string, vmid: number, snapname: string, start?: boolean): Promise<string> {
    return this.task('POST', `${ctPath(node, vmid)}/snapshot/${seg(snapname)}/rollback`, { start });
  }

  /** vzdump of one container; returns the UPID (the archive volid appears in the storage content). */
  async backupContainer(node: string, vmid: number, opts: BackupOptions): Promise<string> {
    assertVmid(vmid);
    return this.task('POST', `/nodes/${seg(node)}/vzdump`, {
      vmid: String(vmid),
      storage: opts.storage,
      mode: opts.mode ?? 'snapshot',
      compress: opts.compress ?? 'zstd',
      'notes-template': opts.notesTemplate,
      protected: opts.protected,
      remove: opts.prune,
      'prune-backups': opts.pruneBackups,
    });
  }

  /** Restores a backup archive into `vmid` (with `force`, over an existing stopped container). */
  async restoreContainer(node: string, params: RestoreContainerParams): Promise<string> {
    const { archive, ...rest } = params;
    return this.task('POST', `/nodes/${seg(node)}/lxc`, lxcParams({ ...rest, ostemplate: archive, restore: true }));
  }

  /** Removes a volume (e.g. a backup archive); returns the UPID of the `imgdel` task. */
  async deleteVolume(node: string, storage: string, volid: string): Promise<string> {
    return this.task('DELETE', `/nodes/${seg(node)}/storage/${seg(storage)}/content/${seg(volid)}`);
  }

  /** Sets a volume's notes and/or protection. */
  async updateVolume(node: string, storage: string, volid: string, changes: { notes?: string; protected?: boolean }): Promise<void> {
    await this.transport.request<null>('PUT', `/nodes/${seg(node)}/storage/${seg(storage)}/content/${seg(volid)}`, {
      notes: changes.notes,
      protected: changes.protected,
    });
  }

  /** The appliance template index (`pveam available`). */
  async applianceTemplates(node: string): Promise<PveApplianceTemplate[]> {
    return this.get<PveApplianceTemplate[]>(`/nodes/${seg(node)}/aplinfo`);
  }

  /** Downloads an appliance template (`debian-12-standard_12.7-1_amd64.tar.zst`) into a vztmpl storage. */
  async downloadApplianceTemplate(node: string, storage: string, template: string): Promise<string> {
    return this.task('POST', `/nodes/${seg(node)}/aplinfo`, { storage, template });
  }

  // --- tasks ---

  async taskStatus(node: string, upid: string): Promise<PveTaskStatus> {
    return this.get<PveTaskStatus>(`/nodes/${seg(node)}/tasks/${seg(upid)}/status`);
  }

  async taskLog(node: string, upid: string, start?: number, limit?: number): Promise<PveTaskLogLine[]> {
    return this.get<PveTaskLogLine[]>(`/nodes/${seg(node)}/tasks/${seg(upid)}/log`, { start, limit });
  }

  /** Follows a task to its end; see task-waiter.ts for the polling and error rules. */
  async waitForTask(upid: string, opts: WaitForTaskOptions = {}): Promise<PveTaskStatus> {
    return waitForTask(this, upid, opts, this.poll);
  }

  // --- plumbing ---

  private get<T>(path: string, params?: PveParams): Promise<T> {
    return this.transport.request<T>('GET', path, params);
  }

  private async task(method: 'POST' | 'PUT' | 'DELETE', path: string, params?: PveParams): Promise<string> {
    const upid = await this.transport.request<unknown>(method, path, params);
    if (!isUpid(upid)) {
      throw new PveError({
        kind: 'server',
        retryable: false,
        pveMessage: `expected a task id (UPID) from ${method} ${path}, got ${JSON.stringify(upid)}`,
      });
    }
    return upid;
  }
}

function normalizeStatus(status: PveContainerStatus): PveContainerStatus {
  return { ...status, vmid: Number(status.vmid) };
}
