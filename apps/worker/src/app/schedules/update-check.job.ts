import { Injectable, Logger } from '@nestjs/common';
import type { ScheduledJob } from '@proxdeck/server-queue';
import type { ScheduledJobHandler } from './scheduled-job-handler';

// PLACEHOLDER: being written in this session; must not land as is.
@Injectable()
export class UpdateCheckJob implements ScheduledJobHandler {
  readonly name = 'update-check' as const;
  private readonly logger = new Logger(UpdateCheckJob.name);

  handle(_job: ScheduledJob): Promise<void> {
    this.logger.debug('update-check: not available yet');
    return Promise.resolve();
  }
}
