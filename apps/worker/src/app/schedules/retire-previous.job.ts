import { Injectable, Logger } from '@nestjs/common';
import type { ScheduledJob } from '@proxdeck/server-queue';
import type { ScheduledJobHandler } from './scheduled-job-handler';

// PLACEHOLDER: being written in this session; must not land as is.
@Injectable()
export class RetirePreviousJob implements ScheduledJobHandler {
  readonly name = 'retire-previous' as const;
  private readonly logger = new Logger(RetirePreviousJob.name);

  handle(_job: ScheduledJob): Promise<void> {
    this.logger.debug('retire-previous: not available yet');
    return Promise.resolve();
  }
}
