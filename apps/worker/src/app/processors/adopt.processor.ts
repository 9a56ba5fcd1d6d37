import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEntity } from '@proxdeck/server-database';
import {
  PROXDECK_TAG, PveError, parseProxdeckMarker, parseTags, withProxdeckMarker, type ContainerConfigChanges, type PveContainerConfig,
} from '@proxdeck/server-proxmox';
import type { OperationRun } from '../operations/operation-run';
import { ContainerActions } from './container-actions';
import { OperationFailure } from './operation-failure';
import type { OperationProcessor } from './operation-processor';

/** What the container looked like before we marked it, so a failed adoption can put it back. */
interface OriginalLabels {
  tags: string;
  description: string;
}

/**
 * Adoption (ARCHITECTURE.md "adopt"): an existing container becomes a managed app. The gateway
 * wrote the app row (vmid, node, resources, port) after checking the container exists and is
 * nobody's; here we tag it `proxdeck`, add the marker line naming the app to its description,
 * and, when it runs, find its address and health-check the port (a wrong port fails now rather
 * than giving an app the proxy cannot serve).
 *
 * The container is never stopped, changed otherwise or destroyed by an adoption, also not when
 * it fails: compensation only removes the tag and marker we added, and the app row.
 * Once adopted it is managed like any app: deleting the app destroys the container (with purge),
 * exactly as for a deployed one. That is the meaning of "managed"; to let go of a container
 * without destroying it, remove the tag and marker in Proxmox and delete the app row (not offered).
 */
@Injectable()
export class AdoptProcessor implements OperationProcessor {
  readonly type = 'adopt' as const;

  constructor(private readonly containers: ContainerActions, @InjectDataSource() private readonly db: DataSource) {}

  async run(run: OperationRun): Promise<void> {
    await run.step('inspect', () => this.inspect(run));
    await run.step('mark', () => this.mark(run));
    await run.step('network', async () => {
      if (!(await this.isRunning(run))) return run.log('The container is stopped; its address is read when it starts');
      await this.containers.discoverIp(run);
    });
    await run.step('health', async () => {
      if (!(await this.isRunning(run))) return run.log('The container is stopped; it is health-checked when it starts');
      await this.containers.checkHealth(run);
    });
    const running = await this.isRunning(run);
    await run.updateApp({ status: running ? 'running' : 'stopped', statusReason: null, hasRun: running || run.app.hasRun });
    await run.log(`Adopted container ${run.app.vmid} on ${run.app.node} as ${run.app.hostname} (${running ? 'running' : 'stopped'})`);
  }

  /** The container still exists, is not a template and belongs to no other app; remembers its labels. */
  private async inspect(run: OperationRun): Promise<void> {
    const { node, vmid } = this.containers.location(run);
    const config = await this.readConfig(node, vmid);
    if (config.template) throw new OperationFailure(`VMID ${vmid} on ${node} is a template, not a container that runs; templates cannot be adopted.`);
    const owner = parseProxdeckMarker(config.description);
    if (owner && owner !== run.app.id && (await this.db.getRepository(AppEntity).existsBy({ id: owner }))) {
      throw new OperationFailure(`Container ${vmid} on ${node} already belongs to another Proxdeck app, so it cannot be adopted.`);
    }
    if (!run.recall<OriginalLabels>('original')) {
      await run.remember('original', { tags: config.tags ?? '', description: config.description ?? '' } satisfies OriginalLabels);
    }
    const status = await this.containers.status(node, vmid);
    await run.log(`Container ${vmid} on ${node}: ${config.hostname ?? 'no hostname'}, ${status?.status ?? 'unknown'}, tags "${config.tags ?? ''}"`);
  }

  /** Tag `proxdeck` (keeping the container's other tags) and the marker line, in one digest-guarded change. */
  private async mark(run: OperationRun): Promise<void> {
    const { node, vmid } = this.containers.location(run);
    const config = await this.readConfig(node, vmid);
    const tags = parseTags(config.tags);
    if (parseProxdeckMarker(config.description) === run.app.id && tags.includes(PROXDECK_TAG)) {
      return run.log(`Container ${vmid} is already tagged and marked`);
    }
    await this.containers.pve.updateContainerConfig(node, vmid, {
      tags: [...tags, PROXDECK_TAG],
      description: withProxdeckMarker(config.description, run.app.id),
    }, config.digest);
    await run.log(`Tagged container ${vmid} "${PROXDECK_TAG}" and marked it as app ${run.app.id}`);
  }

  private async readConfig(node: string, vmid: number): Promise<PveContainerConfig> {
    try {
      return await this.containers.pve.containerConfig(node, vmid);
    } catch (err) {
      if (err instanceof PveError && err.kind === 'not-found') throw new OperationFailure(`Container ${vmid} no longer exists on ${node}.`);
      throw err;
    }
  }

  private async isRunning(run: OperationRun): Promise<boolean> {
    const { node, vmid } = this.containers.location(run);
    const status = await this.containers.status(node, vmid);
    if (!status) throw new OperationFailure(`Container ${vmid} no longer exists on ${node}.`);
    return status.status === 'running';
  }

  /** Puts the container's tags and description back as they were; the container itself is left alone. */
  async compensate(run: OperationRun, reason: string): Promise<void> {
    if (!run.hasApp) return;
    const { node, vmid, id } = run.app;
    const original = run.recall<OriginalLabels>('original');
    if (original && node && vmid !== null && (await this.containers.isOurs(node, vmid, id))) {
      const config = await this.containers.pve.containerConfig(node, vmid);
      await this.containers.pve.updateContainerConfig(node, vmid, restoreLabels(original), config.digest);
      await run.log(`Removed the tag and marker from container ${vmid}`);
    }
    await run.log(`Adoption failed and was undone; container ${vmid ?? ''} was left running or stopped as it was: ${reason}`, 'error');
    await run.removeApp();
  }
}

/** PVE clears a key through `delete`, not an empty value. */
function restoreLabels(original: OriginalLabels): ContainerConfigChanges {
  const changes: ContainerConfigChanges = { delete: [] };
  if (original.tags) changes.tags = original.tags;
  else changes.delete?.push('tags');
  if (original.description) changes.description = original.description;
  else changes.delete?.push('description');
  return changes;
}
