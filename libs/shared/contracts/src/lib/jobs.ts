import type { OperationType } from './app';

/** One BullMQ queue carries every app operation; the job name is the operation type. */
export const OPERATIONS_QUEUE = 'operations';

/** Every operation job carries only ids: the worker reads the rest from the database. */
export interface OperationJobPayload {
  operationId: string;
  appId: string;
}

export type JobOf<N extends OperationType> = { name: N; data: OperationJobPayload };
