import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { AppEntity, AppPolicyEntity, toAppPolicyDto } from '@proxdeck/server-database';
import { ScheduleQueue, createScheduleWorker, type ScheduledJobHandlers } from '@proxdeck/server-queue';
import type { ScheduledJobName, ScheduledJobPayload } from '@proxdeck/shared-contracts';
import { QUEUE_REDIS } from '../infrastructure/tokens';
import { ReconcileJob } from './reconcile.job';
import { SCHEDULED_JOB_HANDLERS, type ScheduledJobHandler } from './scheduled-job-handler';

/** Daily update check at 04:00 UTC; retired containers are looked for every five minutes. */
const UPDATE_CHECK_PATTERN = '0 4 * * *';
const RETIRE_EVERY_MS = 5 * 60_000;
/** How often the worker checks that Redis still holds its schedulers (Redis restarted empty loses them). */
export const SCHEDULES_CHECK_MS = 60_000;

/**
 * Registers Proxdeck's clocks (reconcile, update checks, retiring old containers, every app's backup
 * schedule) as BullMQ job schedulers and runs what they fire. Schedulers live in Redis, so they
 * survive restarts; at start they are brought in line with the database once, and again whenever
 * Redis turns out to have lost them (checked every SCHEDULES_CHECK_MS), which also queues again the
 * operations whose jobs went with them.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerService.name);
  private worker?: Worker<ScheduledJobPayload, void, ScheduledJobName>;
  private watchdog?: NodeJS.Timeout;
  readonly schedules: ScheduleQueue;

  constructor(
    @Inject(QUEUE_REDIS) private readonly redis: Redis,
    @Inject(PROXDECK_CONFIG) private readonly config: ProxdeckConfig,
    @Inject(SCHEDULED_JOB_HANDLERS) private readonly handlers: ScheduledJobHandler[],
    @InjectDataSource() private readonly db: DataSource,
  ) {
    this.schedules = new ScheduleQueue(redis, config.redisPrefix);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.registerSchedules();
    this.watchdog = setInterval(() => void this.restoreLostSchedules().catch((err: unknown) => this.logger.warn({ err: String(err) }, 'schedules not checked')), SCHEDULES_CHECK_MS);
    const byName = Object.fromEntries(this.handlers.map((h) => [h.name, (job: Parameters<ScheduledJobHandler['handle']>[0]) => h.handle(job)])) as Partial<ScheduledJobHandlers>;
    this.worker = createScheduleWorker(this.redis, this.config.redisPrefix, byName);
    this.worker.on('failed', (job, err) => this.logger.warn({ job: job?.name, err: err.message }, 'scheduled job failed'));
    this.worker.on('error', (err) => this.logger.error({ err: err.message }, 'schedule worker error'));
  }

  private async registerSchedules(): Promise<void> {
    const { reconcileIntervalMs } = this.config.worker;
    if (reconcileIntervalMs > 0) await this.schedules.upsert('reconcile', 'reconcile', { every: reconcileIntervalMs });
    await this.schedules.upsert('update-check', 'update-check', { pattern: UPDATE_CHECK_PATTERN, tz: 'UTC' });
    await this.schedules.upsert('retire-previous', 'retire-previous', { every: RETIRE_EVERY_MS });
    await this.syncBackupSchedules();
  }

  /**
   * Registers the schedulers again when Redis no longer has them (it restarted empty), and queues
   * the operations whose jobs were lost with them. True when it had to.
   */
  async restoreLostSchedules(): Promise<boolean> {
    if ((await this.schedules.schedulerIds()).includes('retire-previous')) return false;
    this.logger.warn('Redis has lost the schedulers (restarted without its data?): registering them again');
    await this.registerSchedules();
    const reconcile = this.handlers.find((h): h is ReconcileJob => h instanceof ReconcileJob);
    await reconcile?.lostJobs.requeue();
    return true;
  }

  /** Every app's backup schedule as its policy says (AUTO defaults when it has none); stale ones removed. */
  async syncBackupSchedules(): Promise<void> {
    const apps = await this.db.getRepository(AppEntity).find({ select: { id: true } });
    const policies = new Map((await this.db.getRepository(AppPolicyEntity).find()).map((p) => [p.appId, p]));
    const wanted = new Set<string>();
    for (const { id } of apps) {
      const { backup } = toAppPolicyDto(policies.get(id) ?? null, this.config.defaultPolicy);
      await this.schedules.syncBackupSchedule(id, backup.schedule, backup.timezone);
      if (backup.schedule) wanted.add(`backup:${id}`);
    }
    for (const id of await this.schedules.schedulerIds()) {
      if (id.startsWith('backup:') && !wanted.has(id)) await this.schedules.queue.removeJobScheduler(id);
    }
  }

  /** One app's backup schedule as its policy (or the default) says; removed once the app is gone. */
  async syncApp(appId: string): Promise<void> {
    if (!(await this.db.getRepository(AppEntity).existsBy({ id: appId }))) return this.schedules.syncBackupSchedule(appId, null, 'UTC');
    const { backup } = toAppPolicyDto(await this.db.getRepository(AppPolicyEntity).findOneBy({ appId }), this.config.defaultPolicy);
    await this.schedules.syncBackupSchedule(appId, backup.schedule, backup.timezone);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.watchdog);
    await this.worker?.close();
    await this.schedules.close();
  }
}
