import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { proxdeckMarker } from '@proxdeck/server-proxmox';
import { compareVersionTags, imageWithTag, isTrackedTag, pickUpdateTag, repositoryOf, type CatalogEntry } from '@proxdeck/shared-catalog';
import { isTransient, reasonOf } from '../operations/failure-policy';
import type { OperationRun } from '../operations/operation-run';
import {
  createContainerLike, dataVolumeKeys, destroyContainer, moveDataVolumes, startContainer, stopContainer, waitForIp,
} from '../updates/container-swap';
import { ensureOciImage } from '../updates/oci-image';
import { takePreUpdateBackup } from '../updates/pre-update-backup';
import { appContainerOptions, appEnvironment } from './app-settings';
import { ContainerActions } from './container-actions';
import { writeAppEnvironment } from './container-environment';
import { spareVmid } from './container-placement';
import { OperationFailure } from './operation-failure';
import type { OperationProcessor } from './operation-processor';

/**
 * How long the old container is kept (stopped) after an update, for one-click rollback.
 * A constant for now: a setting would belong in server-config.
 */

/** What the first attempt decided; later attempts and the compensation work from it. */
interface UpdatePlan {
  node: string;
  oldVmid: number;
  fromVersion: string;
  targetVersion: string;
  image: string;
  /** Data mount points (mpN) that move from the old container to the new one. */
  volumes: string[];
  /** The container kept from an earlier update; this update replaces it. */
  earlierPreviousVmid: number | null;
}

/** Steps whose effect the automatic rollback undoes (shown as compensated). */
const UNDONE_STEPS = ['create', 'stop-old', 'move-volumes', 'start', 'network', 'health'];

/**
 * Blue/green update (ARCHITECTURE.md "update"): backup, pull, a new container beside the old one,
 * the data volumes handed over, health-checked; the old container is kept stopped for rollback.
 * Any failure puts the old container back running with its data (automatic rollback).
 */
@Injectable()
export class UpdateProcessor implements OperationProcessor {
  readonly type = 'update' as const;

  constructor(private readonly containers: ContainerActions, @InjectDataSource() private readonly db: DataSource) {}

  async run(run: OperationRun): Promise<void> {
    const plan = await this.prepare(run);
    const entry = this.containers.catalogEntry(run.app.catalogId);
    const { node, oldVmid } = plan;
    try {
      await run.step('backup', () => takePreUpdateBackup(this.containers, this.db, run, { node, vmid: oldVmid, targetVersion: plan.targetVersion }));
      await run.step('image', async () => run.remember('ostemplate', await ensureOciImage(this.containers, run, node, plan.image)));
      await run.step('create', () => this.createNewContainer(run, plan, entry));
      await run.step('stop-old', () => stopContainer(this.containers, run, node, oldVmid, 'shutdown'));
      await run.step('move-volumes', () => moveDataVolumes(this.containers, run, node, oldVmid, this.newVmid(run), plan.volumes));
      await run.step('start', () => startContainer(this.containers, run, node, this.newVmid(run)));
      await run.step('network', async () => run.updateApp({ ip: await waitForIp(this.containers, run, node, this.newVmid(run)) }));
      await run.step('health', () => this.containers.checkHealth(run));
      await run.step('switch', () => this.switchOver(run, plan, entry));
    } catch (err) {
      if (isTransient(err)) throw err; // retried from the failed step; the compensation rolls back if retries run out
      throw await this.rollBackAfter(run, plan, entry, err);
    }
  }

  /** Decides the target version and records what the update will move; refuses what cannot be updated. */
  private async prepare(run: OperationRun): Promise<UpdatePlan> {
    const remembered = run.recall<UpdatePlan>('plan');
    if (remembered) return remembered;
    const app = run.app;
    const entry = this.containers.catalogEntry(app.catalogId);
    if (entry.runtime !== 'oci' || !entry.image) {
      throw new OperationFailure(`${entry.name} does not run from an OCI image, so it has no image versions to update to.`);
    }
    const { node, vmid } = this.containers.location(run);
    const requested = run.operation.params['version'];
    let target: string | null;
    if (typeof requested === 'string' && requested) {
      target = requested;
      if (!isTrackedTag(entry, target) || compareVersionTags(target, app.version) <= 0) {
        throw new OperationFailure(`${target} is not a newer ${entry.name} version than ${app.version} on its update track.`);
      }
    } else {
      target = pickUpdateTag(entry, app.version, await this.containers.pve.ociRepoTags(node, repositoryOf(entry.image)));
      if (!target) throw new OperationFailure(`${entry.name} ${app.version} is already the newest version on its update track.`);
    }
    const config = await this.containers.pve.containerConfig(node, vmid);
    const plan: UpdatePlan = {
      node,
      oldVmid: vmid,
      fromVersion: app.version,
      targetVersion: target,
      image: imageWithTag(entry.image, target),
      volumes: dataVolumeKeys(config),
      earlierPreviousVmid: app.previousVmid,
    };
    await run.remember('plan', plan);
    await run.log(`Updating ${entry.name} ${plan.fromVersion} -> ${target} (container ${vmid}, data volumes: ${plan.volumes.join(', ') || 'none'})`);
    return plan;
  }

  private newVmid(run: OperationRun): number {
    const vmid = run.recall<number>('newVmid');
    if (vmid === undefined) throw new Error('update resumed without the VMID of its new container');
    return vmid;
  }

  /** The new container: the old one's settings and marker, the new image, no data volumes yet, not started. */
  private async createNewContainer(run: OperationRun, plan: UpdatePlan, entry: CatalogEntry): Promise<void> {
    const app = run.app;
    const { node, oldVmid } = plan;
    let vmid = run.recall<number>('newVmid');
    if (vmid === undefined) {
      vmid = await spareVmid(this.containers, this.db);
      await run.remember('newVmid', vmid);
    }
    const old = await this.containers.pve.containerConfig(node, oldVmid);
    // An entry's entrypoint as the old container has it (a person may have changed it, e.g. to a
    // config with authentication); without one the new image's own is used, not the old image's.
    const entrypoint = entry.entrypoint !== undefined ? (old.entrypoint ?? appContainerOptions(entry, app).entrypoint) : undefined;
    if (await this.containers.isOurs(node, vmid, app.id)) {
      await run.log(`Container ${vmid} already exists`);
    } else {
      const ostemplate = run.recall<string>('ostemplate');
      if (!ostemplate) throw new Error('update resumed without its image');
      // Same network settings but a MAC of its own. The app keeps its pool address: this container
      // is created stopped and starts only after the old one stopped (steps stop-old, then start);
      // a rollback stops it before the old one starts again.
      await createContainerLike(this.containers, run, {
        node, vmid, ostemplate, keepMac: false,
        label: `${entry.name} ${plan.targetVersion}`,
        description: `Managed by Proxdeck: ${entry.name} ${plan.targetVersion}\n\n${proxdeckMarker(app.id)}`,
      }, old);
    }
    // The new image's env (its PATH, its own defaults) with the app's on top: OCI create replaced env and entrypoint.
    await writeAppEnvironment(this.containers, node, vmid, { env: appEnvironment(entry, app, this.containers.config.secret), entrypoint });
  }

  /** The app now is the new container; the old one is kept stopped until the grace period ends. */
  private async switchOver(run: OperationRun, plan: UpdatePlan, entry: CatalogEntry): Promise<void> {
    const newVmid = this.newVmid(run);
    const earlier = plan.earlierPreviousVmid;
    if (earlier !== null && earlier !== plan.oldVmid && earlier !== newVmid) {
      await run.log(`Removing container ${earlier}, kept from an earlier update`);
      await destroyContainer(this.containers, run, plan.node, earlier);
    }
    const keepUntil = new Date(Date.now() + this.containers.config.worker.updateRollbackHours * 3_600_000);
    await run.updateApp({
      vmid: newVmid,
      version: plan.targetVersion,
      previousVmid: plan.oldVmid,
      previousVersion: plan.fromVersion,
      previousKeepUntil: keepUntil,
      status: 'running',
      statusReason: null,
    });
    await run.log(`${entry.name} ${plan.targetVersion} runs in container ${newVmid}; ${plan.fromVersion} is kept in container ${plan.oldVmid} until ${keepUntil.toISOString()} for rollback`);
  }

  /** A failure for good: roll back now, so the reason can say where the app stands. */
  private async rollBackAfter(run: OperationRun, plan: UpdatePlan, entry: CatalogEntry, err: unknown): Promise<OperationFailure> {
    const reason = reasonOf(err).replace(/\.$/, '');
    const touched = run.operation.steps.some((s) => s.name === 'stop-old' && s.state !== 'pending');
    await run.log(`Update to ${plan.targetVersion} failed: ${reason}. Rolling back.`, 'warn');
    try {
      await this.rollBack(run, plan);
    } catch (undoError) {
      // The compensation tries again and reports; the reason stays the original failure.
      await run.log(`Rolling back failed: ${reasonOf(undoError)}`, 'error');
      return err instanceof OperationFailure ? err : new OperationFailure(reasonOf(err));
    }
    const prefix = `Update of ${entry.name} to ${plan.targetVersion} failed: ${reason}`;
    if (!touched) return new OperationFailure(`${prefix}; ${entry.name} ${plan.fromVersion} kept running and nothing was changed.`);
    const data = plan.volumes.length ? ', your data is intact' : '';
    return new OperationFailure(`${prefix}; rolled back to ${plan.fromVersion}${data}.`);
  }

  /**
   * Puts the old container back: the new one stopped, the data volumes moved back, the new one
   * destroyed, the old one started and health-checked. Safe to repeat from any point.
   */
  private async rollBack(run: OperationRun, plan: UpdatePlan): Promise<void> {
    if (run.recall<boolean>('rolledBack')) return;
    const { node, oldVmid } = plan;
    if (run.app.vmid !== oldVmid) return run.log(`The app already runs in container ${run.app.vmid}; nothing to roll back`);
    const newVmid = run.recall<number>('newVmid');
    if (newVmid !== undefined && (await this.containers.isOurs(node, newVmid, run.app.id))) {
      await stopContainer(this.containers, run, node, newVmid, 'stop');
      const onNew = await this.containers.pve.containerConfig(node, newVmid);
      await moveDataVolumes(this.containers, run, node, newVmid, oldVmid, plan.volumes.filter((k) => onNew[k] !== undefined));
      const onOld = await this.containers.pve.containerConfig(node, oldVmid);
      const missing = plan.volumes.filter((k) => onOld[k] === undefined);
      if (missing.length) throw new OperationFailure(`Volumes ${missing.join(', ')} did not get back to container ${oldVmid}; container ${newVmid} is kept so no data is lost.`);
      await destroyContainer(this.containers, run, node, newVmid);
    }
    const old = await this.containers.status(node, oldVmid);
    if (!old) throw new OperationFailure(`The old container ${oldVmid} no longer exists, so the update cannot be rolled back.`);
    if (old.status !== 'running') {
      await startContainer(this.containers, run, node, oldVmid);
      await this.containers.discoverIp(run);
      await this.containers.checkHealth(run);
    }
    for (const step of run.operation.steps) if (UNDONE_STEPS.includes(step.name) && step.state === 'done') step.state = 'compensated';
    await run.updateApp({ status: 'running', statusReason: null });
    await run.remember('rolledBack', true);
    await run.log(`Rolled back: ${plan.fromVersion} runs again in container ${oldVmid}`, 'warn');
  }

  /** After retries ran out (or the rollback in run() failed): roll back, or say what Proxmox shows. */
  async compensate(run: OperationRun, reason: string): Promise<void> {
    if (!run.hasApp) return;
    const plan = run.recall<UpdatePlan>('plan');
    if (!plan) return run.log('The update stopped before it changed anything.');
    try {
      await this.rollBack(run, plan);
    } catch (err) {
      await this.containers.reflectRealState(run, `${reason} Rolling back to ${plan.fromVersion} failed too: ${reasonOf(err)}`);
      throw err;
    }
  }
}
