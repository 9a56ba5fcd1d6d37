import { PROXDECK_TAG, buildNet0, buildRootfs, parsePropertyString, type PveContainerConfig } from '@proxdeck/server-proxmox';
import type { OperationRun } from '../operations/operation-run';
import { containerDevices } from '../processors/app-settings';
import { sleep, type ContainerActions } from '../processors/container-actions';
import { OperationFailure } from '../processors/operation-failure';

/**
 * The container moves an update, a rollback and a restore's rebuild share, on explicit VMIDs (both
 * containers belong to one app, so `run.app.vmid` names only one of them). Each is idempotent: it
 * checks Proxmox first.
 */

const IP_TIMEOUT_MS = 60_000;

/** Mount points that are Proxmox volumes (`local-lvm:vm-100-disk-1,mp=/data`): the app's data, moved between containers. */
export function dataVolumeKeys(config: PveContainerConfig): string[] {
  return Object.keys(config)
    .filter((key) => /^mp\d+$/.test(key) && !isBindMount(String(config[key])))
    .sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)));
}

/** Host-path mounts (`/srv/media,mp=/media`) cannot be moved; the new container mounts the same path. */
export function bindMounts(config: PveContainerConfig): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (/^mp\d+$/.test(key) && isBindMount(String(value))) out[Number(key.slice(2))] = String(value);
  }
  return out;
}

function isBindMount(spec: string): boolean {
  return spec.startsWith('/');
}

/** What a second container of an app is made of: where, which image template, and what its description says. */
export interface ContainerFromImage {
  node: string;
  vmid: number;
  ostemplate: string;
  /** Shown in the task log line: `nginx 1.27.4`. */
  label: string;
  description: string;
  /** Keep `like`'s MAC address (the container replaces it) rather than get a new one (both run in turn). */
  keepMac: boolean;
}

/**
 * A container from an image with the settings of another container of the app (`like`): the
 * app's resources, the same storage, bind mounts, network (bridge, VLAN, a static address),
 * devices with the options a person added, features and tags. No data volumes, not started.
 */
export async function createContainerLike(containers: ContainerActions, run: OperationRun, target: ContainerFromImage, like: PveContainerConfig): Promise<void> {
  const app = run.app;
  const { node, vmid } = target;
  if (await containers.status(node, vmid)) {
    throw new OperationFailure(`VMID ${vmid} was taken by another container meanwhile; start the operation again.`);
  }
  const rootStorage = parsePropertyString(like.rootfs ?? '', 'volume')['volume']?.split(':')[0] || containers.config.pve.storage;
  if (!rootStorage) throw new OperationFailure('The container has no root disk to take the storage from.');
  const net0 = like.net0
    ? like.net0.split(',').filter((p) => target.keepMac || !p.startsWith('hwaddr=')).join(',')
    : buildNet0({ bridge: containers.config.pve.bridge, ip: 'dhcp' });
  const upid = await containers.pve.createContainer(node, {
    vmid,
    ostemplate: target.ostemplate,
    hostname: app.hostname,
    cores: app.cores,
    memory: app.memoryMb,
    swap: like.swap ?? Math.min(512, app.memoryMb),
    rootfs: buildRootfs(rootStorage, app.diskGb),
    mp: bindMounts(like),
    net0,
    dev: containerDevices(like),
    features: like.features,
    tags: like.tags || [PROXDECK_TAG],
    description: target.description,
    unprivileged: like.unprivileged !== 0,
  });
  await containers.runTask(run, `Creating container ${vmid} (${target.label}) on ${node}`, upid);
}

export async function stopContainer(containers: ContainerActions, run: OperationRun, node: string, vmid: number, how: 'shutdown' | 'stop'): Promise<void> {
  const current = await containers.status(node, vmid);
  if (!current || current.status !== 'running') return run.log(`Container ${vmid} is not running`);
  if (how === 'stop') {
    return containers.runTask(run, `Stopping container ${vmid}`, await containers.pve.stopContainer(node, vmid));
  }
  const timeout = containers.config.worker.stopTimeoutSec;
  await containers.runTask(run, `Shutting down container ${vmid} (up to ${timeout} s, then stop)`, await containers.pve.shutdownContainer(node, vmid, timeout, true));
}

export async function startContainer(containers: ContainerActions, run: OperationRun, node: string, vmid: number): Promise<void> {
  const current = await containers.status(node, vmid);
  if (!current) throw new OperationFailure(`Container ${vmid} no longer exists on ${node}.`);
  if (current.status === 'running') return run.log(`Container ${vmid} is already running`);
  await containers.runTask(run, `Starting container ${vmid} on ${node}`, await containers.pve.startContainer(node, vmid));
}

/**
 * Hands each data volume from one stopped container to the other (`move_volume` with `target-vmid`:
 * a rename, so nothing is copied and the source loses the mount point). A volume already on the
 * target was moved by an earlier attempt.
 */
export async function moveDataVolumes(containers: ContainerActions, run: OperationRun, node: string, from: number, to: number, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    const [source, target] = await Promise.all([containers.pve.containerConfig(node, from), containers.pve.containerConfig(node, to)]);
    if (target[key] !== undefined && source[key] === undefined) {
      await run.log(`Volume ${key} is already on container ${to}`);
      continue;
    }
    if (source[key] === undefined) {
      throw new OperationFailure(`Volume ${key} is on neither container ${from} nor ${to}; look for it in Proxmox before changing anything.`);
    }
    if (target[key] !== undefined) {
      throw new OperationFailure(`Container ${to} already has a ${key} of its own, so ${key} of container ${from} cannot move there.`);
    }
    const upid = await containers.pve.moveContainerVolume(node, from, key, { targetVmid: to, targetVolume: key });
    await containers.runTask(run, `Moving volume ${key} from container ${from} to ${to}`, upid);
  }
}

/** Destroys a container of this app (never one without its marker), with its remaining volumes. */
export async function destroyContainer(containers: ContainerActions, run: OperationRun, node: string, vmid: number): Promise<void> {
  if (!(await containers.isOurs(node, vmid, run.app.id))) return run.log(`Container ${vmid} is already gone`);
  await stopContainer(containers, run, node, vmid, 'stop');
  await containers.runTask(run, `Removing container ${vmid}`, await containers.pve.deleteContainer(node, vmid, { purge: true, force: true }));
}

/** The container's eth0 address once DHCP gave it one. */
export async function waitForIp(containers: ContainerActions, run: OperationRun, node: string, vmid: number): Promise<string> {
  const deadline = Date.now() + IP_TIMEOUT_MS;
  for (;;) {
    const interfaces = await containers.pve.containerInterfaces(node, vmid);
    const ip = interfaces?.find((i) => i.name === 'eth0')?.inet?.split('/')[0];
    if (ip) {
      await run.log(`Container ${vmid} address: ${ip}`);
      return ip;
    }
    if (Date.now() > deadline) throw new OperationFailure(`Container ${vmid} got no IPv4 address within ${IP_TIMEOUT_MS / 1000} s; check the bridge and DHCP.`);
    await sleep(500);
  }
}
