import { Logger } from '@nestjs/common';
import { In, LessThan, type DataSource } from 'typeorm';
import { OperationEntity, OperationLogEntity, operationJobKey } from '@proxdeck/server-database';
import type { OperationQueue } from '@proxdeck/server-queue';
import { lastActivity, STUCK_AFTER_MS } from './stuck-operations';

/**
 * How old an operation without a job must be before it counts as lost: the gateway writes the row,
 * then queues the job; a younger one may be between the two (a second `add` with the same job id
 * would be ignored anyway, but the gateway may still be undoing a row the queue refused).
 */
export const LOST_AFTER_MS = 30_000;

/**
 * Queues again every operation the job queue no longer knows: `queued` or `running` in PostgreSQL,
 * no job of its id in Redis (Redis restarted empty, or lost its data). Without this the operation
 * stays queued and its app locked until the stuck-operation reaper fails it, half an hour later.
 * The job id is the operation id, so queuing twice runs it once; steps are idempotent, so a
 * `running` one resumes where it stopped. One silent for STUCK_AFTER_MS is not resumed: an
 * operation picked up again hours later would surprise whoever started it, so the reaper fails it
 * with a reason instead (reconcile runs every few seconds: a loss is seen long before that).
 */
export class LostJobRecovery {
  private readonly logger = new Logger('Reconcile');

  constructor(private readonly deps: { db: DataSource; queue: OperationQueue }) {}

  async requeue(now = new Date()): Promise<number> {
    const open = await this.deps.db.getRepository(OperationEntity).findBy({
      state: In(['queued', 'running']),
      createdAt: LessThan(new Date(now.getTime() - LOST_AFTER_MS)),
    });
    let requeued = 0;
    for (const op of open) {
      if (now.getTime() - lastActivity(op, undefined).getTime() >= STUCK_AFTER_MS) continue;
      if (await this.deps.queue.queue.getJob(op.id)) continue;
      const jobKey = operationJobKey(op);
      if (!jobKey) continue; // nothing to key it by: the reaper fails it
      await this.deps.queue.enqueue(op.type, { operationId: op.id, appId: jobKey });
      await this.deps.db.getRepository(OperationLogEntity).insert({
        operationId: op.id, at: new Date(), level: 'warn',
        message: 'The job queue had lost this operation (Redis restarted without its data); it was queued again and goes on where it stopped.',
      });
      this.logger.warn({ operationId: op.id, type: op.type }, 'lost operation job queued again');
      requeued++;
    }
    return requeued;
  }
}
