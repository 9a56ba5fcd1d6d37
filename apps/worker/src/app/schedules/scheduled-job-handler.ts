import type { ScheduledJob } from '@proxdeck/server-queue';
import type { ScheduledJobName } from '@proxdeck/shared-contracts';

/** Does what one scheduled job name stands for (see SCHEDULED_JOB_NAMES). */
export interface ScheduledJobHandler {
  readonly name: ScheduledJobName;
  handle(job: ScheduledJob): Promise<void>;
}

export const SCHEDULED_JOB_HANDLERS = Symbol('SCHEDULED_JOB_HANDLERS');
