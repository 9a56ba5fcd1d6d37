import { Injectable } from '@nestjs/common';
import { buildEnv, overlayEnv, parseEnv, parsePropertyString, type ContainerConfigChanges } from '@proxdeck/server-proxmox';
import type { ConfigureAppRequest } from '@proxdeck/shared-contracts';
import type { OperationRun } from '../operations/operation-run';
import { appEnvironment, sameEnv } from './app-settings';
import { ContainerActions } from './container-actions';
import { OperationFailure } from './operation-failure';
import type { OperationProcessor } from './operation-processor';

/** PVE config keys as the names of ConfigureAppRequest, for `app.pendingChanges`. */
const PENDING_NAMES: Record<string, string> = { cores: 'cores', memory: 'memoryMb', swap: 'memoryMb', rootfs: 'diskGb', env: 'env' };

/**
 * Configure (ARCHITECTURE.md "Other operations"): cores and memory applied live, the root disk grown
 * (never shrunk), env written to the container and applied with a reboot. The app row only ever
 * records what Proxmox took, step by step, so a failure half-way leaves it true.
 */
@Injectable()
export class ConfigureProcessor implements OperationProcessor {
  readonly type = 'configure' as const;
  constructor(private readonly containers: ContainerActions) {}

  async run(run: OperationRun): Promise<void> {
    const request = run.operation.params as ConfigureAppRequest;
    if (request.cores === undefined && request.memoryMb === undefined) await run.skip('resources', 'Cores and memory stay as they are');
    await run.step('resources', () => this.resources(run, request));
    if (request.diskGb === undefined) await run.skip('disk', 'The disk stays as it is');
    await run.step('disk', () => this.disk(run, request.diskGb ?? 0));
    if (request.env === undefined) await run.skip('env', 'The environment stays as it is');
    await run.step('env', () => this.env(run, request.env ?? {}));
    await this.restartIfNeeded(run);
  }

  private async resources(run: OperationRun, request: ConfigureAppRequest): Promise<void> {
    const { node, vmid } = this.containers.location(run);
    const changes: ContainerConfigChanges = { cores: request.cores, memory: request.memoryMb };
    await this.containers.pve.updateContainerConfig(node, vmid, changes);
    // What Proxmox now holds (pending values included): that, not the request, goes into the row.
    const config = await this.containers.pve.containerConfig(node, vmid);
    const pendingChanges = await this.pendingChanges(node, vmid);
    await run.updateApp({ cores: config.cores ?? run.app.cores, memoryMb: config.memory ?? run.app.memoryMb, pendingChanges });
    const waiting = pendingChanges.filter((c) => c === 'cores' || c === 'memoryMb');
    await run.log(`Container ${vmid}: ${run.app.cores} cores, ${run.app.memoryMb} MB${waiting.length ? ` (${waiting.join(', ')} applied at the next restart)` : ''}`);
  }

  private async disk(run: OperationRun, diskGb: number): Promise<void> {
    const { node, vmid } = this.containers.location(run);
    const config = await this.containers.pve.containerConfig(node, vmid, { current: true });
    const currentGb = rootfsSizeGb(config.rootfs);
    if (currentGb === null) throw new OperationFailure(`Container ${vmid} has no root disk size in its config; resize it in Proxmox.`);
    if (currentGb > diskGb) {
      throw new OperationFailure(`Proxmox cannot shrink a container disk; the root disk of ${run.app.hostname} is ${currentGb} GB, so ask for ${Math.ceil(currentGb)} GB or more.`);
    }
    if (currentGb < diskGb) {
      const upid = await this.containers.pve.resizeContainerDisk(node, vmid, 'rootfs', `${diskGb}G`);
      await this.containers.runTask(run, `Growing the root disk of ${vmid} from ${currentGb} GB to ${diskGb} GB`, upid);
    } else {
      await run.log(`The root disk is already ${diskGb} GB`);
    }
    await run.updateApp({ diskGb });
  }

  /** Overrides stored on the app, the full env (catalog + overrides) written to the container. */
  private async env(run: OperationRun, changes: Record<string, string | null>): Promise<void> {
    const app = run.app;
    const { node, vmid } = this.containers.location(run);
    const entry = this.containers.catalogEntryOf(app);
    if (!entry) throw new OperationFailure(`${app.name} was adopted without a catalog entry; Proxdeck leaves its environment as it found it.`);
    if (entry.runtime !== 'oci') throw new OperationFailure(`${entry.name} is an appliance template; it has no container environment to change.`);
    const envOverrides = { ...app.envOverrides };
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) delete envOverrides[key];
      else envOverrides[key] = value;
    }
    const before = appEnvironment(entry, app, this.containers.config.secret);
    const appEnv = appEnvironment(entry, { ...app, envOverrides }, this.containers.config.secret);
    const saved = parseEnv((await this.containers.pve.containerConfig(node, vmid)).env);
    // The container's env also holds the image's own variables (PATH and the like): they stay.
    const wanted = overlayEnv(saved, appEnv, Object.keys(before).filter((key) => !(key in appEnv)));
    if (!sameEnv(saved, wanted)) {
      const update: ContainerConfigChanges = Object.keys(wanted).length ? { env: buildEnv(wanted) } : { delete: ['env'] };
      await this.containers.pve.updateContainerConfig(node, vmid, update);
    }
    const committed = parseEnv((await this.containers.pve.containerConfig(node, vmid, { current: true })).env);
    await run.remember('envChanged', !sameEnv(committed, wanted));
    await run.updateApp({ envOverrides, pendingChanges: await this.pendingChanges(node, vmid) });
    await run.log(`Environment saved (${Object.keys(appEnv).length} variables, ${Object.keys(envOverrides).length} set by you)`);
  }

  /** A changed env only reaches a running container through a reboot; a stopped one gets it at its next start. */
  private async restartIfNeeded(run: OperationRun): Promise<void> {
    const step = run.operation.steps.find((s) => s.name === 'restart');
    if (step?.state === 'done' || step?.state === 'skipped') return;
    const { node, vmid } = this.containers.location(run);
    const running = (await this.containers.status(node, vmid))?.status === 'running';
    if (!run.recall<boolean>('envChanged')) return run.skip('restart', 'Nothing waits for a restart');
    if (!running) return run.skip('restart', `Container ${vmid} is stopped; the new environment applies when it starts`);
    await run.step('restart', async () => {
      await this.containers.runTask(run, `Rebooting container ${vmid} to apply the environment`, await this.containers.pve.rebootContainer(node, vmid));
      await this.containers.discoverIp(run);
      await this.containers.checkHealth(run);
      await run.updateApp({ status: 'running', statusReason: null, pendingChanges: await this.pendingChanges(node, vmid) });
    });
  }

  /** Setting names (as in ConfigureAppRequest) whose saved value waits for the next start. */
  private async pendingChanges(node: string, vmid: number): Promise<string[]> {
    const items = await this.containers.pve.containerPending(node, vmid);
    const names = items.filter((i) => i.pending !== undefined || i.delete).map((i) => PENDING_NAMES[i.key]).filter((n): n is string => !!n);
    return [...new Set(names)].sort();
  }

  /**
   * Proxmox refused a change or the reboot failed. Before a reboot the container is as it was, so
   * the app keeps its status (the operation carries the reason); after one, it shows what Proxmox shows.
   */
  async compensate(run: OperationRun, reason: string): Promise<void> {
    if (!run.hasApp) return;
    const { node, vmid } = run.app;
    if (node && vmid !== null) {
      const pendingChanges = await this.pendingChanges(node, vmid).catch(() => run.app.pendingChanges);
      await run.updateApp({ pendingChanges });
    }
    const restart = run.operation.steps.find((s) => s.name === 'restart');
    if (restart && restart.state !== 'pending') await this.containers.reflectRealState(run, reason);
    await run.log(`Configure failed: ${reason}`, 'error');
  }
}

/** The root disk's size in GB (GiB, as Proxmox counts) from `local-lvm:vm-100-disk-0,size=8G`. */
export function rootfsSizeGb(rootfs: string | undefined): number | null {
  const size = rootfs ? parsePropertyString(rootfs, 'volume')['size'] : undefined;
  const match = size ? /^(\d+(?:\.\d+)?)([KMGT]?)$/.exec(size) : null;
  if (!match) return null;
  const factor: Record<string, number> = { '': 1 / 1024 ** 3, K: 1 / 1024 ** 2, M: 1 / 1024, G: 1, T: 1024 };
  return Number(match[1]) * factor[match[2]];
}
