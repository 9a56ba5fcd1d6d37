import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AppEntity, OperationEntity, OperationLogEntity, toAppDto, toOperationDto,
} from '@proxdeck/server-database';
import { EventPublisher } from '@proxdeck/server-queue';
import { progressOf } from '@proxdeck/server-domain';
import type { OperationState } from '@proxdeck/shared-contracts';

/**
 * Every write the worker makes to operations and apps goes through here, and every write is
 * published as an event right after it is committed, so the dashboard never shows stale state.
 */
@Injectable()
export class OperationStore {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly events: EventPublisher) {}

  /** Marks the operation running; null when it is already finished (a duplicate delivery). */
  async claim(operationId: string): Promise<OperationEntity | null> {
    const op = await this.db.getRepository(OperationEntity).findOneBy({ id: operationId });
    if (!op || op.state === 'succeeded' || op.state === 'failed') return null;
    op.state = 'running';
    op.startedAt ??= new Date();
    await this.saveOperation(op);
    return op;
  }

  findApp(appId: string | null): Promise<AppEntity | null> {
    return appId ? this.db.getRepository(AppEntity).findOneBy({ id: appId }) : Promise.resolve(null);
  }

  async saveOperation(op: OperationEntity): Promise<void> {
    op.progress = op.state === 'succeeded' ? 100 : progressOf(op.steps);
    await this.db.getRepository(OperationEntity).save(op);
    await this.events.publish({ type: 'operation.updated', operation: toOperationDto(op) });
  }

  async log(op: OperationEntity, level: OperationLogEntity['level'], message: string): Promise<void> {
    const at = new Date();
    await this.db.getRepository(OperationLogEntity).insert({ operationId: op.id, at, level, message });
    await this.events.publish({
      type: 'operation.updated',
      operation: toOperationDto(op),
      log: { level, message, at: at.toISOString() },
    });
  }

  async saveApp(app: AppEntity, active: OperationEntity | null): Promise<void> {
    await this.db.getRepository(AppEntity).save(app);
    await this.events.publish({ type: 'app.updated', app: toAppDto(app, active) });
  }

  /** Frees the hostname, vmid and IP for good. */
  async removeApp(app: AppEntity): Promise<void> {
    await this.db.getRepository(AppEntity).delete({ id: app.id });
    await this.events.publish({ type: 'app.deleted', appId: app.id });
  }

  /** Ends the operation and releases its app in one transaction. */
  async finish(op: OperationEntity, state: Extract<OperationState, 'succeeded' | 'failed'>, error: string | null): Promise<void> {
    op.state = state;
    op.error = error;
    op.finishedAt = new Date();
    op.progress = state === 'succeeded' ? 100 : progressOf(op.steps);
    let app: AppEntity | null = null;
    await this.db.transaction(async (tx) => {
      await tx.getRepository(OperationEntity).save(op);
      app = op.appId ? await tx.getRepository(AppEntity).findOneBy({ id: op.appId }) : null;
      if (app && app.activeOperationId === op.id) {
        app.activeOperationId = null;
        await tx.getRepository(AppEntity).save(app);
      }
    });
    await this.events.publish({ type: 'operation.updated', operation: toOperationDto(op) });
    if (app) await this.events.publish({ type: 'app.updated', app: toAppDto(app, null) });
  }
}
