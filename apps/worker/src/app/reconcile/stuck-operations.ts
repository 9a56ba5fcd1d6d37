import { Logger } from '@nestjs/common';
import { In, type DataSource } from 'typeorm';
import { AppEntity, OperationEntity, OperationLogEntity, toAppDto, toOperationDto } from '@proxdeck/server-database';
import type { EventPublisher, OperationQueue } from '@proxdeck/server-queue';
import type { AppLock } from '../operations/app-lock';

/** An operation with no step, log line or start for this long is stuck unless a worker still holds it. */
export const STUCK_AFTER_MS = 30 * 60_000;

/** BullMQ states in which the job will still run (a worker is busy, or the job waits for a retry). */
const WILL_RUN = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

export interface StuckOperationDeps {
  db: DataSource;
  queue: OperationQueue;
  locks: AppLock;
  events: EventPublisher;
}

/**
 * Fails operations that will never finish by themselves: `queued` or `running`, no progress for
 * STUCK_AFTER_MS, no worker holding their app (a live worker keeps the app's advisory lock for
 * the whole run, so a long quiet vzdump is not stuck), and no job left that would still run them
 * (the queue lost it, or it failed without the operation being finished). The app is released so
 * the next cycle settles its status from Proxmox and a person can act again.
 */
export class StuckOperationReaper {
  private readonly logger = new Logger('Reconcile');

  constructor(private readonly deps: StuckOperationDeps) {}

  async reap(now = new Date()): Promise<number> {
    const { db } = this.deps;
    const open = await db.getRepository(OperationEntity).findBy({ state: In(['queued', 'running']) });
    if (open.length === 0) return 0;
    const lastLogs = await this.lastLogTimes(open.map((o) => o.id));
    let failed = 0;
    for (const op of open) {
      const last = lastActivity(op, lastLogs.get(op.id));
      if (now.getTime() - last.getTime() < STUCK_AFTER_MS) continue;
      if (await this.willStillRun(op)) continue;
      if (await this.failIfNobodyHoldsIt(op, last)) failed++;
    }
    return failed;
  }

  private async lastLogTimes(ids: string[]): Promise<Map<string, Date>> {
    const rows = await this.deps.db.getRepository(OperationLogEntity)
      .createQueryBuilder('l')
      .select('l.operation_id', 'operationId')
      .addSelect('max(l.at)', 'at')
      .where('l.operation_id IN (:...ids)', { ids })
      .groupBy('l.operation_id')
      .getRawMany<{ operationId: string; at: Date }>();
    return new Map(rows.map((r) => [r.operationId, new Date(r.at)]));
  }

  private async willStillRun(op: OperationEntity): Promise<boolean> {
    const job = await this.deps.queue.queue.getJob(op.id);
    return job ? WILL_RUN.has(await job.getState()) : false;
  }

  /** Under the app's lock, so no worker can claim the operation while we fail it. */
  private async failIfNobodyHoldsIt(op: OperationEntity, last: Date): Promise<boolean> {
    const lock = op.appId ? await this.deps.locks.tryAcquire(op.appId) : null;
    if (op.appId && !lock) return false; // a worker is running it right now
    try {
      const minutes = Math.round(STUCK_AFTER_MS / 60_000);
      const reason = `The ${op.type} operation made no progress for ${minutes} minutes (since ${last.toISOString()}) and no worker is running it, so it was stopped. Check the app's state and start the operation again.`;
      const result = await this.deps.db.transaction(async (m) => {
        const current = await m.getRepository(OperationEntity).findOne({ where: { id: op.id }, lock: { mode: 'pessimistic_write' } });
        if (!current || (current.state !== 'queued' && current.state !== 'running')) return null;
        current.state = 'failed';
        current.error = reason;
        current.finishedAt = new Date();
        current.steps = current.steps.map((s) => (s.state === 'running' ? { ...s, state: 'failed', finishedAt: current.finishedAt?.toISOString() ?? null } : s));
        await m.getRepository(OperationEntity).save(current);
        await m.getRepository(OperationLogEntity).insert({ operationId: current.id, at: new Date(), level: 'error', message: reason });
        if (current.appId) await m.getRepository(AppEntity).update({ id: current.appId, activeOperationId: current.id }, { activeOperationId: null });
        const app = current.appId ? await m.getRepository(AppEntity).findOneBy({ id: current.appId }) : null;
        return { current, app };
      });
      if (!result) return false;
      this.logger.warn({ operationId: op.id, type: op.type, appId: op.appId }, 'stuck operation failed');
      await this.deps.events.publish({ type: 'operation.updated', operation: toOperationDto(result.current), log: { level: 'error', message: reason, at: new Date().toISOString() } });
      if (result.app) await this.deps.events.publish({ type: 'app.updated', app: toAppDto(result.app, null) });
      return true;
    } finally {
      await lock?.release();
    }
  }
}

/** The latest sign of life: created, started, a step's start or end, a log line. */
export function lastActivity(op: Pick<OperationEntity, 'createdAt' | 'startedAt' | 'steps'>, lastLog: Date | undefined): Date {
  const times = [op.createdAt.getTime(), op.startedAt?.getTime() ?? 0, lastLog?.getTime() ?? 0];
  for (const s of op.steps) {
    if (s.startedAt) times.push(Date.parse(s.startedAt));
    if (s.finishedAt) times.push(Date.parse(s.finishedAt));
  }
  return new Date(Math.max(...times));
}
