import { toLxcParams, type ContainerConfigChanges, type CreateContainerParams } from './container-params';
import type { PveConnectionSettings } from './pve-connection-settings';
import { PveError } from './pve-error';
import { ProxmoxApiTransport, type PveParams, type PveTransport } from './pve-transport';
import type {
  PveClusterResource,
  PveContainerConfig,
  PveContainerStatus,
  PveInterface,
  PveNodeStatus,
  PveNodeSummary,
  PveStorage,
  PveTaskLogLine,
  PveTaskStatus,
  PveVersion,
  PveVolume,
} from './pve.types';
import { DEFAULT_TASK_POLL, waitForTask, type TaskStatusSource, type WaitForTaskOptions } from './task-waiter';
import { isUpid } from './upid';

export interface PveClientOptions {
  /** First task status poll delay (default 100 ms); doubles per poll... */
  taskPollMinMs?: number;
  /** ...up to this (default 2 s). */
  taskPollMaxMs?: number;
  /** Per-request timeout (default 60 s). */
  requestTimeoutMs?: number;
  /** Replaces the proxmox-api transport (tests). */
  transport?: PveTransport;
}

export interface DeleteContainerOptions {
  /** Also remove it from backup jobs, replication and HA. */
  purge?: boolean;
  /** Stop it first if running. */
  force?: boolean;
  destroyUnreferencedDisks?: boolean;
}

/**
 * Typed Proxmox VE client for what Proxdeck does. Every method rejects with PveError (see
 * classifyPveError); async endpoints return the task's UPID, which waitForTask follows.
 */
export class PveClient implements TaskStatusSource {
  private readonly transport: PveTransport;
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

  // --- cluster and nodes ---

  async version(): Promise<PveVersion> {
    return this.get<PveVersion>('/version');
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

  // --- containers ---

  async listContainers(node: string): Promise<PveContainerStatus[]> {
    return this.get<PveContainerStatus[]>(`/nodes/${seg(node)}/lxc`).then((list) => list.map(normalizeStatus));
  }

  async createContainer(node: string, params: CreateContainerParams): Promise<string> {
    return this.task('POST', `/nodes/${seg(node)}/lxc`, lxcParams({ ...params }));
  }

  async containerStatus(node: string, vmid: number): Promise<PveContainerStatus> {
    return normalizeStatus(await this.get<PveContainerStatus>(`${ct(node, vmid)}/status/current`));
  }

  async containerConfig(node: string, vmid: number, opts: { current?: boolean } = {}): Promise<PveContainerConfig> {
    return this.get<PveContainerConfig>(`${ct(node, vmid)}/config`, { current: opts.current });
  }

  /** Synchronous config change; with `digest`, PVE refuses if the config changed since it was read. */
  async updateContainerConfig(node: string, vmid: number, changes: ContainerConfigChanges, digest?: string): Promise<void> {
    const params = lxcParams({ ...changes });
    if (digest) params.digest = digest;
    await this.transport.request<null>('PUT', `${ct(node, vmid)}/config`, params);
  }

  async startContainer(node: string, vmid: number): Promise<string> {
    return this.task('POST', `${ct(node, vmid)}/status/start`);
  }

  /** Clean shutdown; after `timeoutSec` PVE fails the task unless `forceStop` makes it stop hard. */
  async shutdownContainer(node: string, vmid: number, timeoutSec: number, forceStop?: boolean): Promise<string> {
    return this.task('POST', `${ct(node, vmid)}/status/shutdown`, { timeout: timeoutSec, forceStop });
  }

  async stopContainer(node: string, vmid: number): Promise<string> {
    return this.task('POST', `${ct(node, vmid)}/status/stop`);
  }

  async rebootContainer(node: string, vmid: number): Promise<string> {
    return this.task('POST', `${ct(node, vmid)}/status/reboot`);
  }

  async deleteContainer(node: string, vmid: number, opts: DeleteContainerOptions = {}): Promise<string> {
    return this.task('DELETE', ct(node, vmid), {
      purge: opts.purge,
      force: opts.force,
      'destroy-unreferenced-disks': opts.destroyUnreferencedDisks,
    });
  }

  /** Network interfaces of a running container; null when it is stopped. */
  async containerInterfaces(node: string, vmid: number): Promise<PveInterface[] | null> {
    return this.get<PveInterface[] | null>(`${ct(node, vmid)}/interfaces`);
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

  private async task(method: 'POST' | 'DELETE', path: string, params?: PveParams): Promise<string> {
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

/** One path segment; like proxmox-api's `$()`, `/` inside an id becomes %2F (PVE unescapes the path). */
function seg(value: string | number): string {
  return String(value).replace(/[%/?#\s]/g, (c) => encodeURIComponent(c));
}

function ct(node: string, vmid: number): string {
  if (!Number.isInteger(vmid) || vmid < 100) throw new PveError({ kind: 'invalid', retryable: false, pveMessage: `invalid VMID ${vmid}` });
  return `/nodes/${seg(node)}/lxc/${vmid}`;
}

/** Our own parameter checks fail as `invalid`, like PVE's. */
function lxcParams(params: Parameters<typeof toLxcParams>[0]): PveParams {
  try {
    return toLxcParams(params);
  } catch (err) {
    throw new PveError({ kind: 'invalid', retryable: false, pveMessage: (err as Error).message, cause: err });
  }
}

function toVmid(value: string | number): number {
  const vmid = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(vmid)) {
    throw new PveError({ kind: 'server', retryable: false, pveMessage: `unexpected VMID from /cluster/nextid: ${JSON.stringify(value)}` });
  }
  return vmid;
}

function normalizeStatus(status: PveContainerStatus): PveContainerStatus {
  return { ...status, vmid: Number(status.vmid) };
}
