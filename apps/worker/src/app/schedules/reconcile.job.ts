import { Injectable, Logger } from '@nestjs/common';
import type { ScheduledJob } from '@proxdeck/server-queue';
import type { ScheduledJobHandler } from './scheduled-job-handler';

// PLACEHOLDER: being written in this session; must not land as is.
@Injectable()
export class ReconcileJob implements ScheduledJobHandler {
  readonly name = 'reconcile' as const;
  private readonly logger = new Logger(ReconcileJob.name);

  handle(_job: ScheduledJob): Promise<void> {
    this.logger.debug('reconcile: not available yet');
    return Promise.resolve();
  }
}
