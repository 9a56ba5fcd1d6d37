import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { SCHEDULED_JOB_NAMES, SCHEDULES_QUEUE, type ScheduledJobName, type ScheduledJobPayload } from '@proxdeck/shared-contracts';

export type ScheduledJob = Job<ScheduledJobPayload, void, ScheduledJobName>;
export type ScheduledJobHandlers = Record<ScheduledJobName, (job: ScheduledJob) => Promise<void>>;

const KEEP = { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } };

/** Scheduler id of an app's backup schedule (one per app, replaced when the policy changes). */
export function backupSchedulerId(appId: string): string {
  return `backup:${appId}`;
}

/**
 * Producer side of the schedules queue. The gateway keeps per-app backup schedules in step with
 * the policies it saves; the worker registers the fixed clocks at start.
 */
export class ScheduleQueue {
  // Job names are ScheduledJobName, but BullMQ types scheduler ids with the same parameter: string.
  readonly queue: Queue<ScheduledJobPayload, void, string>;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue<ScheduledJobPayload, void, string>(SCHEDULES_QUEUE, { connection, prefix });
  }

  /** A fixed clock: `every` milliseconds, or a cron `pattern` read in time zone `tz`. */
  async upsert(id: string, name: ScheduledJobName, repeat: { every: number } | { pattern: string; tz: string }, data: ScheduledJobPayload = {}): Promise<void> {
    await this.queue.upsertJobScheduler(id, repeat, { name, data, opts: KEEP });
  }

  /** Sets or, with a null schedule, removes an app's backup schedule. */
  async syncBackupSchedule(appId: string, schedule: string | null, tz: string): Promise<void> {
    if (schedule) await this.upsert(backupSchedulerId(appId), 'scheduled-backup', { pattern: schedule, tz }, { appId });
    else await this.queue.removeJobScheduler(backupSchedulerId(appId));
  }

  async schedulerIds(): Promise<string[]> {
    const schedulers = await this.queue.getJobSchedulers(0, -1);
    return schedulers.map((s) => s.key);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** Consumer side: one handler per scheduled job name, checked complete at start like operations. */
export function createScheduleWorker(connection: Redis, prefix: string, handlers: Partial<ScheduledJobHandlers>): Worker<ScheduledJobPayload, void, ScheduledJobName> {
  const missing = SCHEDULED_JOB_NAMES.filter((n) => typeof handlers[n] !== 'function');
  if (missing.length) throw new Error(`scheduled job handlers incomplete: missing [${missing.join(', ')}]`);
  const complete = handlers as ScheduledJobHandlers;
  return new Worker<ScheduledJobPayload, void, ScheduledJobName>(
    SCHEDULES_QUEUE,
    async (job) => {
      const handler = complete[job.name] as ScheduledJobHandlers[ScheduledJobName] | undefined;
      if (!handler) throw new UnrecoverableError(`no handler for scheduled job ${job.name}`);
      await handler(job);
    },
    // One at a time: scheduled work is light and must not race itself (two reconciles at once).
    { connection, prefix, concurrency: 1, autorun: true },
  );
}
