import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEntity } from '@proxdeck/server-database';
import type { ScheduledJob } from '@proxdeck/server-queue';
import { OperationLauncher } from './operation-launcher.service';
import type { ScheduledJobHandler } from './scheduled-job-handler';
import { SchedulerService } from './scheduler.service';

/**
 * An app's backup schedule fired: a `backup` operation of kind `scheduled` (skipped, with a log
 * line, while the app is busy or in a status that cannot be backed up). The schedule of an app
 * that no longer exists is removed.
 */
@Injectable()
export class ScheduledBackupJob implements ScheduledJobHandler {
  readonly name = 'scheduled-backup' as const;
  private readonly logger = new Logger(ScheduledBackupJob.name);

  constructor(
    private readonly launcher: OperationLauncher,
    // Looked up when needed: SchedulerService itself is built from the scheduled job handlers.
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async handle(job: ScheduledJob): Promise<void> {
    const appId = job.data.appId;
    if (!appId) return;
    if (!(await this.db.getRepository(AppEntity).existsBy({ id: appId }))) {
      this.logger.log(`backup schedule of deleted app ${appId} removed`);
      await this.moduleRef.get(SchedulerService, { strict: false }).schedules.syncBackupSchedule(appId, null, 'UTC');
      return;
    }
    await this.launcher.launch(appId, 'backup', { kind: 'scheduled' });
  }
}
