import type { OperationType } from '@proxdeck/shared-contracts';
import type { OperationRun } from '../operations/operation-run';

/** One operation type's steps and its compensation. */
export interface OperationProcessor {
  readonly type: OperationType;
  run(run: OperationRun): Promise<void>;
  /**
   * Called once, after a failure for good: bring Proxmox and the app row to a consistent state
   * (destroy what a deploy half-made, reflect the container's real state) and say so in the log.
   */
  compensate(run: OperationRun, reason: string): Promise<void>;
}

export const OPERATION_PROCESSORS = Symbol('OPERATION_PROCESSORS');
