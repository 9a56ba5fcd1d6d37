import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { createOperationWorker } from '@proxdeck/server-queue';
import type { OperationJobPayload, OperationType } from '@proxdeck/shared-contracts';
import { QUEUE_REDIS } from '../infrastructure/tokens';
import { OperationRunner } from './operation-runner';

/** The BullMQ consumer: started once the app context is up, drained on shutdown. */
@Injectable()
export class OperationWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OperationWorkerService.name);
  private worker?: Worker<OperationJobPayload, void, OperationType>;

  constructor(
    private readonly runner: OperationRunner,
    @Inject(QUEUE_REDIS) private readonly redis: Redis,
    @Inject(PROXDECK_CONFIG) private readonly config: ProxdeckConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { concurrency, lockMs } = this.config.worker;
    this.worker = createOperationWorker(this.redis, this.config.redisPrefix, this.runner.handlers(), { concurrency, lockMs });
    this.worker.on('failed', (job, err) => this.logger.warn({ jobId: job?.id, err: err.message }, 'job failed'));
    this.worker.on('error', (err) => this.logger.error({ err: err.message }, 'worker error'));
    this.logger.log(`taking operations (concurrency ${this.config.worker.concurrency})`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
