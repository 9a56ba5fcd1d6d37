import { Injectable } from '@nestjs/common';
import type { OperationRun } from '../operations/operation-run';
import { ContainerActions } from './container-actions';
import type { OperationProcessor } from './operation-processor';

@Injectable()
export class StartProcessor implements OperationProcessor {
  readonly type = 'start' as const;
  constructor(private readonly containers: ContainerActions) {}

  async run(run: OperationRun): Promise<void> {
    await run.step('start', () => this.containers.start(run));
    await run.step('network', async () => void (await this.containers.discoverIp(run)));
    await run.step('health', () => this.containers.checkHealth(run));
    await run.updateApp({ status: 'running', statusReason: null, hasRun: true });
  }

  compensate(run: OperationRun, reason: string): Promise<void> {
    return this.containers.reflectRealState(run, reason);
  }
}

@Injectable()
export class StopProcessor implements OperationProcessor {
  readonly type = 'stop' as const;
  constructor(private readonly containers: ContainerActions) {}

  async run(run: OperationRun): Promise<void> {
    await run.step('shutdown', () => this.containers.stop(run));
    await run.updateApp({ status: 'stopped', statusReason: null });
  }

  compensate(run: OperationRun, reason: string): Promise<void> {
    return this.containers.reflectRealState(run, reason);
  }
}

@Injectable()
export class RestartProcessor implements OperationProcessor {
  readonly type = 'restart' as const;
  constructor(private readonly containers: ContainerActions) {}

  async run(run: OperationRun): Promise<void> {
    await run.step('reboot', async () => {
      const { node, vmid } = this.containers.location(run);
      const current = await this.containers.status(node, vmid);
      if (current?.status === 'running') {
        await this.containers.runTask(run, `Rebooting container ${vmid}`, await this.containers.pve.rebootContainer(node, vmid));
      } else {
        await this.containers.start(run);
      }
    });
    await run.step('network', async () => void (await this.containers.discoverIp(run)));
    await run.step('health', () => this.containers.checkHealth(run));
    await run.updateApp({ status: 'running', statusReason: null, hasRun: true });
  }

  compensate(run: OperationRun, reason: string): Promise<void> {
    return this.containers.reflectRealState(run, reason);
  }
}
