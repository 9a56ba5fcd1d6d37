import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { PROXDECK_CONFIG, ProxdeckConfigModule, type ProxdeckConfig } from '@proxdeck/server-config';
import { dataSourceOptions } from '@proxdeck/server-database';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { AppLock } from './operations/app-lock';
import { OperationRunner } from './operations/operation-runner';
import { OperationStore } from './operations/operation-store';
import { OperationWorkerService } from './operations/operation-worker.service';
import { ContainerActions } from './processors/container-actions';
import { DeleteProcessor } from './processors/delete.processor';
import { DeployProcessor } from './processors/deploy.processor';
import { OPERATION_PROCESSORS } from './processors/operation-processor';
import { RestartProcessor, StartProcessor, StopProcessor } from './processors/power.processors';

const PROCESSORS = [DeployProcessor, StartProcessor, StopProcessor, RestartProcessor, DeleteProcessor];

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
  ],
})
export class WorkerModule {}
