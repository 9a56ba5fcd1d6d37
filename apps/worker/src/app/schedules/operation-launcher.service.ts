import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppEntity, OperationEntity, createOperation } from '@proxdeck/server-database';
import { OperationQueue } from '@proxdeck/server-queue';
import { operationRefusal, type OperationType } from '@proxdeck/shared-contracts';
import { EventPublisher } from '@proxdeck/server-queue';
import { toAppDto, toOperationDto } from '@proxdeck/server-database';

/**
 * Starts operations Proxdeck decides on by itself (a backup schedule fired, an approved update):
 * the same rows and job the gateway writes for a person, requested by `scheduler`. An app that
 * is busy or in a status that forbids the operation is skipped with a log line, never queued twice.
 */
@Injectable()
export class OperationLauncher {
  private readonly logger = new Logger(OperationLauncher.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: OperationQueue,
    private readonly events: EventPublisher,
  ) {}

  /** The queued operation, or null with the reason logged when it was not started. */
  async launch(appId: string, type: OperationType, params: Record<string, unknown> = {}): Promise<OperationEntity | null> {
    const started = await this.db.transaction(async (m) => {
      const app = await m.getRepository(AppEntity).findOne({ where: { id: appId }, lock: { mode: 'pessimistic_write' } });
      if (!app) return null;
      if (app.activeOperationId) {
        const active = await m.getRepository(OperationEntity).findOneBy({ id: app.activeOperationId });
        if (active && (active.state === 'queued' || active.state === 'running')) {
          this.logger.log(`${type} of ${app.hostname} skipped: a ${active.type} operation is ${active.state}`);
          return null;
        }
      }
      const refusal = operationRefusal(type, app.status);
      if (refusal) {
        this.logger.log(`${type} of ${app.hostname} skipped: ${refusal}`);
        return null;
      }
      const operation = await createOperation(m, { app, type, requestedBy: 'scheduler', params });
      return { app, operation };
    });
    if (!started) return null;
    const { app, operation } = started;
    try {
      await this.queue.enqueue(type, { operationId: operation.id, appId: app.id });
    } catch (err) {
      // Redis is down: undo, so the app is not blocked by an operation nobody will run.
      await this.db.transaction(async (m) => {
        await m.getRepository(OperationEntity).update({ id: operation.id }, { state: 'failed', error: 'The job queue was unavailable, so the scheduled operation never started.', finishedAt: new Date() });
        await m.getRepository(AppEntity).update({ id: app.id, activeOperationId: operation.id }, { activeOperationId: null });
      });
      throw err;
    }
    await this.events.publish({ type: 'operation.updated', operation: toOperationDto(operation) });
    await this.events.publish({ type: 'app.updated', app: toAppDto(app, operation) });
    return operation;
  }
}
