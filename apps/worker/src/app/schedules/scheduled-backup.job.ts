import { Injectable, Logger } from '@nestjs/common';
import type { ScheduledJob } from '@proxdeck/server-queue';
import type { ScheduledJobHandler } from './scheduled-job-handler';

// PLACEHOLDER: being written in this session; must not land as is.
@Injectable()
export class ScheduledBackupJob implements ScheduledJobHandler {
  readonly name = 'scheduled-backup' as const;
  private readonly logger = new Logger(ScheduledBackupJob.name);

  handle(_job: ScheduledJob): Promise<void> {
    this.logger.debug('scheduled-backup: not available yet');
    return Promise.resolve();
  }
}
