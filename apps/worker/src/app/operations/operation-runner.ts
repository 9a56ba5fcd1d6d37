import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { PveClient } from '@proxdeck/server-proxmox';
import { DelayedError, UnrecoverableError, type OperationHandlers } from '@proxdeck/server-queue';
import { OPERATION_TYPES, type OperationJobPayload, type OperationType } from '@proxdeck/shared-contracts';
import { PVE_CLIENT } from '../infrastructure/tokens';
import { OPERATION_PROCESSORS, type OperationProcessor } from '../processors/operation-processor';
import { SchedulerService } from '../schedules/scheduler.service';
import { AppLock } from './app-lock';
import { settleEarlierTasks } from './earlier-tasks';
import { isDatabaseOutage, isTransient, reasonOf } from './failure-policy';
import { OperationRun } from './operation-run';
import { OperationStore } from './operation-store';

/** Operations after which an app exists or is gone: its backup schedule follows. */
const CHANGES_SCHEDULES: ReadonlySet<OperationType> = new Set(['deploy', 'clone', 'restore', 'adopt', 'delete']);

/** How soon a job whose app another worker holds is tried again. */
const APP_BUSY_RETRY_MS = 2000;
/** While PostgreSQL is unreachable a job waits 2 s, doubling up to 30 s, for at most DATABASE_OUTAGE_LIMIT_MS. */
const DATABASE_RETRY_FIRST_MS = 2000;
const DATABASE_RETRY_MAX_MS = 30_000;
/** Longer than a restart or a failover takes; after it the outage counts as a failed attempt. */
export const DATABASE_OUTAGE_LIMIT_MS = 10 * 60_000;

/**
 * Turns a queue job into an operation run: claims the operation, holds the app's lock, runs the
 * processor's steps, and on a failure either lets BullMQ retry (transient, attempts left) or
 * compensates and fails the operation with a reason a person understands.
 */
@Injectable()
export class OperationRunner {
  private readonly logger = new Logger(OperationRunner.name);
  private readonly byType: Map<OperationType, OperationProcessor>;
  /** Jobs waiting out a database outage in this worker: when it began, how many waits so far. */
  private readonly outages = new Map<string, { since: number; waits: number }>();

  constructor(
    private readonly store: OperationStore,
    private readonly locks: AppLock,
    private readonly scheduler: SchedulerService,
    @Inject(OPERATION_PROCESSORS) processors: OperationProcessor[],
    @Inject(PVE_CLIENT) private readonly pve: PveClient,
  ) {
    this.byType = new Map(processors.map((p) => [p.type, p]));
  }

  handlers(): Partial<OperationHandlers> {
    return Object.fromEntries(OPERATION_TYPES.filter((t) => this.byType.has(t)).map((t) => [t, (job: Job<OperationJobPayload, void, OperationType>, token?: string) => this.handle(job, token)]));
  }

  async handle(job: Job<OperationJobPayload, void, OperationType>, token?: string): Promise<void> {
    const processor = this.byType.get(job.name);
    if (!processor) throw new UnrecoverableError(`no processor for ${job.name}`);
    try {
      await this.runLocked(job, token, processor);
    } catch (err) {
      if (!(err instanceof DelayedError) && !(err instanceof UnrecoverableError) && isDatabaseOutage(err)) return this.waitOutDatabase(job, token, err);
      throw err;
    }
  }

  private async runLocked(job: Job<OperationJobPayload, void, OperationType>, token: string | undefined, processor: OperationProcessor): Promise<void> {
    const lock = await this.locks.tryAcquire(job.data.appId);
    if (!lock) return this.waitForApp(job, token);
    try {
      const operation = await this.store.claim(job.data.operationId);
      if (!operation) return; // finished already: a duplicate or late delivery
      const run = new OperationRun(operation, await this.store.findApp(operation.appId), this.store, job.attemptsMade + 1);
      await this.sayOutageEnded(job, run);
      this.logger.log({ operationId: operation.id, type: operation.type, attempt: run.attempt }, 'operation started');
      try {
        // Taken up after a worker died (or retried): the last attempt's Proxmox task may still run.
        await settleEarlierTasks(this.pve, run);
        await processor.run(run);
        await this.store.finish(operation, 'succeeded', null);
        this.logger.log({ operationId: operation.id }, 'operation succeeded');
        if (operation.appId && CHANGES_SCHEDULES.has(operation.type)) await this.syncSchedule(operation.appId);
      } catch (err) {
        if (isDatabaseOutage(err)) throw err; // waited out in handle(): nothing can be recorded now
        await this.fail(job, run, processor, err);
      }
    } finally {
      await lock.release().catch(() => undefined); // with the database gone, the lock went with its connection
    }
  }

  /**
   * PostgreSQL is unreachable (restarting, failing over): the operation cannot even record a
   * failure, and an attempt spent now would be gone in seconds. The job waits, without spending
   * an attempt, 2 s doubling to 30 s, for up to DATABASE_OUTAGE_LIMIT_MS; then the outage counts
   * as a failed attempt like any error. When it runs again its steps resume where they stopped.
   */
  private async waitOutDatabase(job: Job<OperationJobPayload, void, OperationType>, token: string | undefined, err: unknown): Promise<never> {
    const key = job.data.operationId;
    const outage = this.outages.get(key) ?? { since: Date.now(), waits: 0 };
    if (Date.now() - outage.since > DATABASE_OUTAGE_LIMIT_MS) {
      this.outages.delete(key);
      throw err instanceof Error ? err : new Error(String(err));
    }
    const delay = Math.min(DATABASE_RETRY_MAX_MS, DATABASE_RETRY_FIRST_MS * 2 ** outage.waits);
    this.outages.set(key, { since: outage.since, waits: outage.waits + 1 });
    this.logger.warn({ operationId: key, delayMs: delay, err: err instanceof Error ? err.message : String(err) }, 'database unreachable; the operation waits');
    await job.moveToDelayed(Date.now() + delay, token);
    throw new DelayedError();
  }

  private async sayOutageEnded(job: Job<OperationJobPayload, void, OperationType>, run: OperationRun): Promise<void> {
    const outage = this.outages.get(job.data.operationId);
    if (!outage) return;
    this.outages.delete(job.data.operationId);
    await run.log(`The database was unreachable for ${Math.round((Date.now() - outage.since) / 1000)} s; the operation waited and goes on where it stopped.`, 'warn');
  }

  /**
   * Another worker holds the app: the last moments of its own operation, or a worker whose host
   * vanished and whose lock Postgres drops only when the connection's keepalive gives up (about a
   * minute). The job waits its turn without spending one of its attempts, which are for failures:
   * spent on waiting, they would leave the operation queued with no job left to run it.
   */
  private async waitForApp(job: Job<OperationJobPayload, void, OperationType>, token: string | undefined): Promise<never> {
    this.logger.log({ operationId: job.data.operationId, appId: job.data.appId }, 'app busy with another worker; trying again shortly');
    await job.moveToDelayed(Date.now() + APP_BUSY_RETRY_MS, token);
    throw new DelayedError();
  }

  /** A schedule that could not be set is set at the next worker start; the operation itself succeeded. */
  private async syncSchedule(appId: string): Promise<void> {
    await this.scheduler.syncApp(appId).catch((e: unknown) => this.logger.warn({ appId, err: String(e) }, 'backup schedule not updated'));
  }

  private async fail(job: Job<OperationJobPayload, void, OperationType>, run: OperationRun, processor: OperationProcessor, err: unknown): Promise<never> {
    const reason = reasonOf(err);
    const attemptsLeft = (job.opts.attempts ?? 1) - run.attempt;
    if (isTransient(err) && attemptsLeft > 0) {
      await run.log(`Attempt ${run.attempt} failed: ${reason} Retrying.`, 'warn');
      await run.resetRunningStep();
      throw err instanceof Error ? err : new Error(reason);
    }
    this.logger.warn({ operationId: run.operation.id, err: err instanceof Error ? err.message : String(err) }, 'operation failed');
    await run.log(reason, 'error');
    await run.markRunningStepFailed();
    try {
      await processor.compensate(run, reason);
    } catch (compensationError) {
      await run.log(`Cleaning up after the failure also failed: ${reasonOf(compensationError)}`, 'error');
    }
    await this.store.finish(run.operation, 'failed', reason);
    throw new UnrecoverableError(reason);
  }
}
