import { Injectable } from '@nestjs/common';
import { reasonOf } from '../operations/failure-policy';
import type { OperationRun } from '../operations/operation-run';
import { dataVolumeKeys, destroyContainer, moveDataVolumes, startContainer, stopContainer } from '../updates/container-swap';
import { ContainerActions } from './container-actions';
import { OperationFailure } from './operation-failure';
import type { OperationProcessor } from './operation-processor';

/** What the first attempt found; "current" is the updated container, "previous" the one kept for rollback. */
interface RollbackPlan {
  node: string;
  currentVmid: number;
  currentVersion: string;
  previousVmid: number;
  previousVersion: string;
  volumes: string[];
  /** A stopped app stays stopped: its data moves back but nothing is started. */
  wasRunning: boolean;
}

/**
 * One-click rollback while the old container is kept after an update: the data volumes go back to
 * the old container, which runs again, and the updated container is removed.
 */
@Injectable()
export class RollbackProcessor implements OperationProcessor {
  readonly type = 'rollback' as const;
  constructor(private readonly containers: ContainerActions) {}

  async run(run: OperationRun): Promise<void> {
    const plan = await this.prepare(run);
    const { node, currentVmid, previousVmid } = plan;
    await run.step('stop-new', () => stopContainer(this.containers, run, node, currentVmid, 'shutdown'));
    await run.step('move-volumes', () => moveDataVolumes(this.containers, run, node, currentVmid, previousVmid, plan.volumes));
    await run.step('start-old', async () => {
      await this.pointAppAt(run, plan, 'previous');
      if (plan.wasRunning) await startContainer(this.containers, run, node, previousVmid);
      else await run.log(`The app was stopped; container ${previousVmid} stays stopped`);
    });
    await run.step('network', async () => void (plan.wasRunning ? await this.containers.discoverIp(run) : undefined));
    await run.step('health', () => (plan.wasRunning ? this.containers.checkHealth(run) : Promise.resolve()));
    await run.step('remove-new', async () => {
      await destroyContainer(this.containers, run, node, currentVmid);
      await run.updateApp({ previousVmid: null, previousVersion: null, previousKeepUntil: null, status: plan.wasRunning ? 'running' : 'stopped', statusReason: null });
      await run.log(`Rolled back to ${plan.previousVersion} (container ${previousVmid}); container ${currentVmid} with ${plan.currentVersion} was removed`);
    });
  }

  private async prepare(run: OperationRun): Promise<RollbackPlan> {
    const remembered = run.recall<RollbackPlan>('plan');
    if (remembered) return remembered;
    const app = run.app;
    const { node, vmid } = this.containers.location(run);
    if (app.previousVmid === null || !app.previousVersion) throw new OperationFailure(`${app.hostname} has no previous version to roll back to.`);
    if (app.previousKeepUntil && app.previousKeepUntil.getTime() <= Date.now()) {
      throw new OperationFailure(`${app.previousVersion} was kept for rollback until ${app.previousKeepUntil.toISOString()}; that grace period is over.`);
    }
    if (!(await this.containers.isOurs(node, app.previousVmid, app.id))) {
      throw new OperationFailure(`The container of ${app.previousVersion} (${app.previousVmid}) no longer exists in Proxmox, so there is nothing to roll back to.`);
    }
    const [config, status] = await Promise.all([this.containers.pve.containerConfig(node, vmid), this.containers.status(node, vmid)]);
    const plan: RollbackPlan = {
      node,
      currentVmid: vmid,
      currentVersion: app.version,
      previousVmid: app.previousVmid,
      previousVersion: app.previousVersion,
      volumes: dataVolumeKeys(config),
      wasRunning: status?.status === 'running',
    };
    await run.remember('plan', plan);
    await run.log(`Rolling back ${app.hostname} from ${plan.currentVersion} (container ${vmid}) to ${plan.previousVersion} (container ${plan.previousVmid})`);
    return plan;
  }

  /**
   * The app row names the container that holds the data; the other one is its "previous", so a
   * rollback that gets undone swaps them back.
   */
  private async pointAppAt(run: OperationRun, plan: RollbackPlan, which: 'previous' | 'current'): Promise<void> {
    const [vmid, version, otherVmid, otherVersion] = which === 'previous'
      ? [plan.previousVmid, plan.previousVersion, plan.currentVmid, plan.currentVersion]
      : [plan.currentVmid, plan.currentVersion, plan.previousVmid, plan.previousVersion];
    if (run.app.vmid === vmid) return;
    await run.updateApp({ vmid, version, previousVmid: otherVmid, previousVersion: otherVersion });
  }

  /**
   * Once the old version is up, only removing the updated container can have failed: it stays as
   * the "previous" version and retire-previous removes it when the grace period ends. Before that,
   * the app goes back to the updated version, as it was before the rollback.
   */
  async compensate(run: OperationRun, reason: string): Promise<void> {
    if (!run.hasApp) return;
    const plan = run.recall<RollbackPlan>('plan');
    if (!plan) return run.log('The rollback stopped before it changed anything.');
    const status = plan.wasRunning ? 'running' : 'stopped';
    if (run.operation.steps.some((s) => s.name === 'health' && s.state === 'done')) {
      await run.updateApp({ status, statusReason: null });
      return run.log(`${plan.previousVersion} runs again; container ${plan.currentVmid} is kept as the previous version until its grace period ends.`, 'warn');
    }
    const { node, currentVmid, previousVmid } = plan;
    try {
      await stopContainer(this.containers, run, node, previousVmid, 'stop');
      const onPrevious = await this.containers.pve.containerConfig(node, previousVmid);
      await moveDataVolumes(this.containers, run, node, previousVmid, currentVmid, plan.volumes.filter((k) => onPrevious[k] !== undefined));
      await this.pointAppAt(run, plan, 'current');
      if (plan.wasRunning) {
        await startContainer(this.containers, run, node, currentVmid);
        await this.containers.discoverIp(run);
        await this.containers.checkHealth(run);
      }
      await run.updateApp({ status, statusReason: null });
      await run.log(`The rollback was undone: ${plan.currentVersion} runs again in container ${currentVmid}; ${plan.previousVersion} is still kept.`, 'warn');
    } catch (err) {
      await this.containers.reflectRealState(run, `${reason} Going back to ${plan.currentVersion} failed too: ${reasonOf(err)}`);
      throw err;
    }
  }
}
