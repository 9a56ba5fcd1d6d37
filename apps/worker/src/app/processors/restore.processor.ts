import { Injectable } from '@nestjs/common';
import type { OperationRun } from '../operations/operation-run';
import { ContainerActions } from './container-actions';
import { OperationFailure } from './operation-failure';
import type { OperationProcessor } from './operation-processor';

// PLACEHOLDER: being written in this session; must not land as is.
@Injectable()
export class RestoreProcessor implements OperationProcessor {
  readonly type = 'restore' as const;
  constructor(private readonly containers: ContainerActions) {}

  run(_run: OperationRun): Promise<void> {
    return Promise.reject(new OperationFailure('restore is not available yet.'));
  }

  compensate(run: OperationRun, reason: string): Promise<void> {
    return this.containers.reflectRealState(run, reason);
  }
}
