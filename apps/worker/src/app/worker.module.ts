import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { PROXDECK_CONFIG, ProxdeckConfigModule, type ProxdeckConfig } from '@proxdeck/server-config';
import { dataSourceOptions } from '@proxdeck/server-database';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { SettingsSync } from './infrastructure/settings-sync.service';
import { AppLock } from './operations/app-lock';
import { OperationRunner } from './operations/operation-runner';
import { OperationStore } from './operations/operation-store';
import { OperationWorkerService } from './operations/operation-worker.service';
import { ContainerActions } from './processors/container-actions';
import { DeleteProcessor } from './processors/delete.processor';
import { DeployProcessor } from './processors/deploy.processor';
import { OPERATION_PROCESSORS } from './processors/operation-processor';
import { RestartProcessor, StartProcessor, StopProcessor } from './processors/power.processors';
import { AdoptProcessor } from './processors/adopt.processor';
import { BackupDeleteProcessor } from './processors/backup-delete.processor';
import { BackupProcessor } from './processors/backup.processor';
import { CloneProcessor } from './processors/clone.processor';
import { ConfigureProcessor } from './processors/configure.processor';
import { RestoreProcessor } from './processors/restore.processor';
import { RollbackProcessor } from './processors/rollback.processor';
import { UpdateProcessor } from './processors/update.processor';
import { OperationLauncher } from './schedules/operation-launcher.service';
import { ReconcileJob } from './schedules/reconcile.job';
import { RetirePreviousJob } from './schedules/retire-previous.job';
import { SCHEDULED_JOB_HANDLERS } from './schedules/scheduled-job-handler';
import { ScheduledBackupJob } from './schedules/scheduled-backup.job';
import { SchedulerService } from './schedules/scheduler.service';
import { UpdateCheckJob } from './schedules/update-check.job';

const PROCESSORS = [
  DeployProcessor, StartProcessor, StopProcessor, RestartProcessor, DeleteProcessor,
  CloneProcessor, ConfigureProcessor, BackupProcessor, RestoreProcessor, BackupDeleteProcessor,
  UpdateProcessor, RollbackProcessor, AdoptProcessor,
];
const SCHEDULED_JOBS = [ReconcileJob, ScheduledBackupJob, UpdateCheckJob, RetirePreviousJob];

@Module({
  imports: [
    ProxdeckConfigModule,
    LoggerModule.forRootAsync({
      inject: [PROXDECK_CONFIG],
      useFactory: (c: ProxdeckConfig) => ({ pinoHttp: { level: c.logLevel, base: { service: 'worker' } } }),
    }),
    TypeOrmModule.forRootAsync({
      inject: [PROXDECK_CONFIG],
      useFactory: (c: ProxdeckConfig) => dataSourceOptions(c.databaseUrl),
    }),
    InfrastructureModule,
  ],
  providers: [
    OperationStore,
    AppLock,
    ContainerActions,
    ...PROCESSORS,
    { provide: OPERATION_PROCESSORS, inject: PROCESSORS, useFactory: (...processors: unknown[]) => processors },
    OperationRunner,
    OperationWorkerService,
    OperationLauncher,
    ...SCHEDULED_JOBS,
    { provide: SCHEDULED_JOB_HANDLERS, inject: SCHEDULED_JOBS, useFactory: (...jobs: unknown[]) => jobs },
    SchedulerService,
    SettingsSync,
  ],
})
export class WorkerModule {}
