import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { OPERATIONS_QUEUE, type OperationJobPayload, type OperationType } from '@proxdeck/shared-contracts';

/**
 * Operation jobs retry a few times with backoff: steps are idempotent, so a retry resumes where a
 * crashed or failed attempt stopped. The job id is the operation id, so an operation is queued once.
 */
export const OPERATION_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The producer side: the gateway enqueues, the worker consumes (see `createOperationWorker`). */
export class OperationQueue {
  readonly queue: Queue<OperationJobPayload, void, OperationType>;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue<OperationJobPayload, void, OperationType>(OPERATIONS_QUEUE, { connection, prefix });
  }

  async enqueue(type: OperationType, payload: OperationJobPayload): Promise<void> {
    await this.queue.add(type, payload, { ...OPERATION_JOB_OPTIONS, jobId: payload.operationId });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
