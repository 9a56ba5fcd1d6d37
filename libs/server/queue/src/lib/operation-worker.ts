import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { OPERATIONS_QUEUE, OPERATION_TYPES, type OperationJobPayload, type OperationType } from '@proxdeck/shared-contracts';

/** `token` is the worker's lock on the job, needed to move it back to the delayed set (`DelayedError`). */
export type OperationHandler = (job: Job<OperationJobPayload, void, OperationType>, token?: string) => Promise<void>;
export type OperationHandlers = Record<OperationType, OperationHandler>;

/**
 * Thrown by a handler when retrying cannot help (the operation was compensated and failed for good);
 * `DelayedError` after the handler moved its job back to the delayed set (tried again later, no attempt spent).
 */
export { DelayedError, UnrecoverableError };

/**
 * Start-up check (after immich): every operation type has exactly one handler, so a job can never
 * sit in the queue with nobody to take it.
 */
export function assertHandlersComplete(handlers: Partial<OperationHandlers>): asserts handlers is OperationHandlers {
  const missing = OPERATION_TYPES.filter((t) => typeof handlers[t] !== 'function');
  const unknown = Object.keys(handlers).filter((k) => !(OPERATION_TYPES as readonly string[]).includes(k));
  if (missing.length || unknown.length) {
    throw new Error(`operation handlers incomplete: missing [${missing.join(', ')}], unknown [${unknown.join(', ')}]`);
  }
}

export interface OperationWorkerOptions {
  concurrency: number;
  /**
   * BullMQ's job lock (renewed every half of it while the job runs) and the interval of its check
   * for stalled jobs: when a worker dies, its lock runs out and the next check by any live worker
   * puts the job back in the queue, where another worker resumes the operation.
   */
  lockMs: number;
}

/** The consumer side. Handlers rethrow so BullMQ's retries work; they never swallow errors. */
export function createOperationWorker(
  connection: Redis,
  prefix: string,
  handlers: Partial<OperationHandlers>,
  options: OperationWorkerOptions,
): Worker<OperationJobPayload, void, OperationType> {
  assertHandlersComplete(handlers);
  return new Worker<OperationJobPayload, void, OperationType>(
    OPERATIONS_QUEUE,
    (job, token) => handlers[job.name](job, token),
    {
      connection, prefix, concurrency: options.concurrency, lockDuration: options.lockMs, stalledInterval: options.lockMs,
      // A job whose worker died is put back (resumable steps make that safe); only a job that keeps
      // killing its workers is given up, and the reconcile loop then fails its operation with a reason.
      maxStalledCount: 3,
      autorun: true,
    },
  );
}
