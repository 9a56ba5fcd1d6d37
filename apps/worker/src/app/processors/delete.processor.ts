import { Injectable } from '@nestjs/common';
import type { OperationRun } from '../operations/operation-run';
import { ContainerActions } from './container-actions';
import type { OperationProcessor } from './operation-processor';

@Injectable()
export class DeleteProcessor implements OperationProcessor {
  readonly type = 'delete' as const;
  constructor(private readonly containers: ContainerActions) {}

  async run(run: OperationRun): Promise<void> {
    const { node, id } = run.app;
    // The app's container, and the old one an update keeps for rollback: both are the app's.
    const vmids = [run.app.vmid, run.app.previousVmid].filter((v): v is number => v !== null);
    const ours: number[] = [];
    if (node) for (const vmid of vmids) if (await this.containers.isOurs(node, vmid, id)) ours.push(vmid);
    await run.step('stop', async () => {
      if (!node || ours.length === 0) return run.log('No container to stop');
      for (const vmid of ours) {
        const status = await this.containers.status(node, vmid);
        if (status?.status !== 'running') {
          await run.log(`Container ${vmid} is not running`);
          continue;
        }
        await this.containers.runTask(run, `Stopping container ${vmid}`, await this.containers.pve.stopContainer(node, vmid));
      }
    });
    await run.step('destroy', async () => {
      if (!node || ours.length === 0) return run.log('No container to destroy');
      for (const vmid of ours) {
        await this.containers.runTask(run, `Destroying container ${vmid} with its volumes`, await this.containers.pve.deleteContainer(node, vmid, { purge: true }));
      }
    });
    await run.step('release', () => run.removeApp());
  }

  compensate(run: OperationRun, reason: string): Promise<void> {
    return this.containers.reflectRealState(run, reason);
  }
}
