import type { OperationQueue } from '@proxdeck/server-queue';
import type { OperationType } from '@proxdeck/shared-contracts';
import { withTimeout } from '../infra/redis-resources';

/** The queue must take the job quickly or the request fails with 503 (Redis down must not hang requests). */
export const ENQUEUE_TIMEOUT_MS = 5000;

export async function enqueueOperation(queue: OperationQueue, type: OperationType, operationId: string, appId: string): Promise<void> {
  await withTimeout(queue.enqueue(type, { operationId, appId }), ENQUEUE_TIMEOUT_MS, 'the job queue did not accept the operation');
}
