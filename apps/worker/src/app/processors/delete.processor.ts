import { Injectable } from '@nestjs/common';
import type { OperationRun } from '../operations/operation-run';
import { ContainerActions } from './container-actions';
import type { OperationProcessor } from './operation-processor';

@Injectable()
export class DeleteProcessor implements OperationProcessor {
  readonly type = 'delete' as const;
  constructor(private readonly containers: ContainerActions) {}

  async run(run: OperationRun): Promise<void> {
    const { node, vmid, id } = run.app;
    const hasContainer = node !== null && vmid !== null && (await this.containers.isOurs(node, vmid, id));
    await run.step('stop', async () => {
      if (!hasContainer) return run.log('No container to stop');
      const status = await this.containers.status(node, vmid);
      if (status?.status !== 'running') return run.log(`Container ${vmid} is not running`);
      await this.containers.runTask(run, `Stopping container ${vmid}`, await this.containers.pve.stopContainer(node, vmid));
    });
    await run.step('destroy', async () => {
      if (!hasContainer) return run.log('No container to destroy');
      await this.containers.runTask(run, `Destroying container ${vmid} with its volumes`, await this.containers.pve.deleteContainer(node, vmid, { purge: true }));
    });
    await run.step('release', () => run.removeApp());
  }

  compensate(run: OperationRun, reason: string): Promise<void> {
    return this.containers.reflectRealState(run, reason);
  }
}
